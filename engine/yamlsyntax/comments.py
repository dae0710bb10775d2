"""Comments written as other languages write them: a `//` or a `/* ... */` in a plan, most
often in a plan written as JSON (``{"backplan": 1, // our plan``).

JSON has no comments at all, and YAML's start with `#`. YAML reads a `//` as the start of a
text, so the parser stops later, somewhere that has nothing to do with it (a `{` it says is not
closed, a line below): the mistake is told at the `//` itself. Only a `//` or `/*` where a key,
an item or a comment can start is taken for one (at a line's start, or after a bracket, a `,` or
a closing quote, blanks between), outside quoted text: ``https://...``, ``1/2`` and ``1 // 2``
are text.
"""

from __future__ import annotations

import re
from typing import Any

from engine.wording import clip
from engine.yamlsyntax.lines import Place, line_of, outside_quotes

_OPENER = re.compile(r"//|/\*")
"""How a comment starts in JSON's cousins (JavaScript, JSONC) and in C."""

_BEFORE = frozenset(",[]{}\"'")
"""What a comment may follow on its line, blanks aside: the end of an item or a key's value,
or a bracket. After a plain word (``1 // one``) YAML reads the `//` as that text's."""

_CLOSERS = frozenset("]}\"'")
"""What ends a value on its line, so that a `//` after it is where YAML stops (after a plain
word, YAML reads the `//` as that text's)."""

_WORDS_SHOWN = 60
"""The most of a comment's words the hint shows as YAML's."""

_FLOW_START = ("{", "[", "//", "/*")
"""How a file written in brackets from its first line begins, as JSON is (or a comment
before it)."""


def written_as_json(lines: list[str]) -> bool:
    """Whether the file is written in brackets from its start, as JSON is: its first line that
    is not blank, nor a comment in JSON's way, starts with `{` or `[`. A YAML plan whose first
    line is such a comment (``// Acme plan``, then ``backplan: 1``) had been told "JSON has no
    comments" (found by review)."""
    in_comment = False  # inside a `/* ... */` over lines
    for line in lines:
        text = line.strip()
        if in_comment:
            in_comment = "*/" not in text
            text = "" if in_comment else text.split("*/", 1)[1].strip()
        while text.startswith("/*"):
            in_comment = "*/" not in text
            text = "" if in_comment else text.split("*/", 1)[1].strip()
        if text and not text.startswith("//"):
            return text.startswith(_FLOW_START)
    return False


def foreign_comment(lines: list[str], start: Any, place: Any) -> tuple[Place, str] | None:
    """The first `//` or `/*` written as a comment from ``start`` (a mark, or the file's start
    when None) to the end of the line the parser stopped on (``place``), and which of the two;
    None when there is none."""
    first = start.line if start is not None else 0
    for number in range(first, min(place.line + 1, len(lines))):
        line = lines[number]
        begin = start.column + 1 if start is not None and number == first else 0
        for column in outside_quotes(line, begin, len(line)):
            opener = _OPENER.match(line, column)
            if opener is None:
                continue
            before = column - 1  # the blanks before it passed over, each once: the line before
            # it, stripped at each `//` (`x // x // ...`), had taken 43 s for 2 MB (found by review)
            while before >= 0 and line[before] in " \t":
                before -= 1
            if before < 0 or line[before] in _BEFORE:
                return Place(number, column), opener[0]
    return None


def comment_line_at(lines: list[str], place: Any) -> tuple[Place, str] | None:
    """A `//` or `/*` that starts the line YAML stopped on, blanks before it, outside
    brackets (``// the rules`` between two keys), or the file's first line above it (``//
    Acme plan``): YAML read it as a key's text with no `: ` after it, and it had been told
    so, "write `key: value`" (found by review). Its place and which of the two; None for any
    other line."""
    line = line_of(lines, place)
    opener = _OPENER.match(line, place.column)
    if opener is not None and not line[: place.column].strip():
        return Place(place.line, place.column), opener[0]
    first = next((n for n, text in enumerate(lines) if text.strip()), place.line)
    if first < place.line and (opener := _OPENER.match(lines[first].lstrip())) is not None:
        return Place(first, len(lines[first]) - len(lines[first].lstrip())), opener[0]
    return None


def comment_after_a_value(lines: list[str], place: Any) -> tuple[Place, str] | None:
    """A `//` or `/*` where YAML stopped, after a value closed by a bracket or a quote on its
    line (``tags: [a, b]  // note``, ``title: "Late" // why``): it had been told "a key was
    expected here" (found by review). Its place and which of the two; None otherwise."""
    line = line_of(lines, place)
    opener = _OPENER.match(line, place.column)
    before = line[: place.column].rstrip(" \t")
    if opener is None or not before or before[-1] not in _CLOSERS:
        return None
    return Place(place.line, place.column), opener[0]


def comment_hint(opener: str, json: bool, line: str = "", column: int = 0) -> tuple[str, str]:
    """What is said of a `//` or `/*` comment, and what to write: in a file written as JSON,
    that JSON has none; in YAML, that YAML's start with `#`, the comment (at ``column`` of
    ``line``, from 0) written as YAML's: a manager acts on `# the usual one` at once, where
    "start the comment with `#`" left the comment to be found (found by review)."""
    if json:
        return (
            f"JSON has no comments: the `{opener}` here does not start one",
            "remove the comment, or write the plan as YAML, where `#` starts a comment",
        )
    words, after = line[column + len(opener) :], ""
    if opener == "/*":
        words, _, after = words.partition("*/")
    words = clip(words.strip(), _WORDS_SHOWN)
    if words and after.strip():  # ``[a, /* old */ b]``: a `#` there would cut ``b]`` off
        hint = (
            f"write it as `# {words}` at the line's end, after a blank (YAML's comments start "
            "with `#` and run to the line's end)"
        )
    elif words:
        hint = f"write it as `# {words}`, after a blank (YAML's comments start with `#`)"
    else:
        hint = "start the comment with `#` after a blank (`# like this`)"
    return f"`{opener}` does not start a comment in YAML", f"{hint}, or remove it"
