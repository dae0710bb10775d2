"""Comments in a plan written as JSON that YAML reads without an error, so the plan loads
with something the manager never meant.

A plan may be written as JSON (YAML reads JSON), and JSON has no comments. A `//` or `/*`
where a value or a key starts (``"tags": ["late", // the usual one``) is read by YAML as the
start of a text that runs on over the lines below to the next `,` or bracket: the plan then
holds a tag, a ``contains_any`` text or a key `// the usual one "slow"`. When YAML stops on
such a comment, ``engine.yamlsyntax.comments`` tells it; here the file parsed, and the same
words are said at the comment.

A `#` comment in a ``.json`` plan is YAML's, and the plan loads as meant; it is refused all
the same: the file says it is JSON (by its name and its brackets), and any JSON tool the
manager gives it to (an editor, a converter, a program of the company) refuses it, so
``backplan validate`` saying it is fine would be the one voice that misleads. Written in a
``.yaml`` file, the same brackets and `#` are YAML, and are left alone.

A plan written as YAML's blocks may hold brackets too (``tags: [late, // the usual one``, the
next item on the line below): YAML reads that `//` as a text's start as well, and the text runs
on to the next `,` or bracket, lines below, so the plan holds a tag `// the usual one slow`.
Such a text is taken for a comment when it starts with `//` or `/*` and runs on to its line's
end (a `//` one holding a blank, or one word without a `.` or `/`, ``//slow``:
``//cdn.example/b`` there is an address), or its words are cut at a `,` or `:` with no
bracket closed after them on the line, or a `*/` closes it there; one that ends on its line
(``tags: [// x]``) cannot have been meant as a comment, its closing bracket would be
commented out with it, and is left as text. So in a plan written all in
YAML's brackets (its keys without quotes).

A text in quotes is never taken for a comment (``"https://acme.example/help"``), nor a text
without quotes whose `//` is glued to what is before it (``https://acme.example``).
"""

from __future__ import annotations

import re
from typing import Any

_AFTER = "[{,\"'"
"""What a `//` or `/*` may follow, besides a blank or nothing (a line's start): where a comment
of JSON's cousins may start. A URL's `//` comes after a `:` and is not taken."""
_BEFORE_CONTENT = frozenset({"StreamStartToken", "DirectiveToken", "DocumentStartToken"})
"""YAML's tokens before a document's first value."""
_FLOW_OPENERS = "[{,"
"""What a comment inside the brackets of a plan in YAML's blocks follows, blanks and line
breaks aside: a bracket opened, or a `,` between two items."""
_FLOW_START = frozenset({"FlowMappingStartToken", "FlowSequenceStartToken"})
_FLOW_END = frozenset({"FlowMappingEndToken", "FlowSequenceEndToken"})
_IN_PLAIN_TEXT = re.compile(r"(?:^|(?<=\s))(?://|/\*)")
"""A `//` or `/*` at the start of a text without quotes, or after a blank inside it."""


def may_hold_comment(text: str, path: str) -> bool:
    """Whether a plan's text is written as JSON and may hold a comment: quick, without YAML, so
    the fast reader (``engine.quickload``) declines the file and the careful loader tells the
    comment (``comment_in_json``). A `//` in quotes (``"// x"``) makes a file read carefully,
    never wrongly."""
    if not _in_brackets(text):
        return _in_flow_after(text, "//") or _in_flow_after(text, "/*")
    if _found_after(text, "//", _AFTER) or _found_after(text, "/*", _AFTER):
        return True
    return path.lower().endswith(".json") and _found_after(text, "#", "")


def _found_after(text: str, opener: str, after: str) -> bool:
    """Whether ``opener`` is in the text at its start, or after a blank or one of ``after``.
    Each `opener` is found by ``str.find`` and the character before it looked at: a regular
    expression that asked at each character whether one starts there took 1.9 s for a JSON
    plan of 10,000 rules (12 MB), as long again as reading it (found by review)."""
    at = text.find(opener)
    while at != -1:
        if at == 0 or text[at - 1].isspace() or text[at - 1] in after:
            return True
        at = text.find(opener, at + 1)
    return False


def _in_flow_after(text: str, opener: str) -> bool:
    """Whether ``opener`` is in the text after a `[`, `{` or `,` with only blanks and line
    breaks between: where a comment inside the brackets of a plan in YAML's blocks starts.
    Found as ``_found_after`` finds them, so a YAML plan without one keeps the fast reader."""
    at = text.find(opener)
    while at != -1:
        before = at - 1
        while before >= 0 and text[before].isspace():
            before -= 1
        if before >= 0 and text[before] in _FLOW_OPENERS:
            return True
        at = text.find(opener, at + 1)
    return False


def _in_brackets(text: str) -> bool:
    """Whether the text starts with `{` or `[` (blanks, a byte-order mark and `#` comment
    lines before it passed over)."""
    at, end = 0, len(text)
    while at < end:
        char = text[at]
        if char == "#":
            at = text.find("\n", at)
            if at == -1:
                return False
        elif not (char.isspace() or char == "\ufeff"):
            return char in "{["
        at += 1
    return False


def comment_in_json(text: str, path: str) -> tuple[int, int, str] | None:
    """The first comment in a plan written as JSON that parsed as YAML, as its line and column
    (from 1) and what starts it (`//`, `/*`, or `#` in a ``.json`` file); None when there is
    none, or the file is not written as JSON, or does not parse (the syntax error is told
    instead).

    Read from YAML's tokens, so quotes are YAML's own: a `//` or `/*` starting a text without
    quotes (or after a blank in one), and a `#` between two tokens, where only blanks and
    comments can be. A file whose first key has no quotes (``{backplan: 1, ...``) is YAML
    written in brackets, not JSON: a text without quotes is its own there, `//` and all
    (``eq: a // b``), and only one that starts with `//` or `/*` is taken for a comment. Such
    a plan, valid, had been refused "JSON has no comments" (found by review); and only one
    meant as a comment (:func:`_meant_as_comment`), as in the brackets of a plan in YAML's
    blocks: ``tags: [late, //cdn.example/b]`` and ``{message: //cdn.example/b}`` had been
    refused there too (found by review)."""
    import yaml  # only for a file ``may_hold_comment`` picked out

    text = text.removeprefix("\ufeff")  # libyaml skips it without counting it in its marks
    hash_too = path.lower().endswith(".json")
    scanner: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        before: Any = None  # where the last token ended (a mark)
        flow_seen = False
        in_yaml: bool | None = None  # whether the first key is written without quotes
        while (token := scanner.get_token()) is not None:
            start, kind = token.start_mark, type(token).__name__
            if not flow_seen and kind not in _BEFORE_CONTENT:
                if kind not in _FLOW_START:  # written as YAML's blocks: `#` is a comment
                    return _in_yaml_brackets(text, scanner, token)
                flow_seen = True
            if (
                hash_too
                and before is not None
                and (at := text.find("#", before.index, start.index)) != -1
            ):
                return (*_place(text, before, at), "#")
            if kind == "ScalarToken" and token.plain:
                written = text[start.index : token.end_mark.index]
                found = _IN_PLAIN_TEXT.match(written)  # (a text that starts with one)
                if in_yaml is None:
                    in_yaml = found is None
                if found is None and not in_yaml:
                    found = _IN_PLAIN_TEXT.search(written)
                if found is not None and (
                    not in_yaml or _meant_as_comment(text, start.index, token.end_mark.index)
                ):
                    return (*_place(text, start, start.index + found.start()), found[0])
            elif kind == "ScalarToken" and in_yaml is None:
                in_yaml = False  # `{"backplan": 1`: JSON's quotes
            before = token.end_mark
    except yaml.YAMLError:
        return None
    finally:
        scanner.dispose()
    return None


def _in_yaml_brackets(text: str, scanner: Any, token: Any) -> tuple[int, int, str] | None:
    """The first comment inside the brackets of a plan written as YAML's blocks, from
    ``token`` on: a text without quotes, in brackets, that starts with `//` or `/*` and was
    meant as a comment (:func:`_meant_as_comment`: ``tags: [late, // the usual one``). Such a
    plan had loaded with a tag `// the usual one slow`, and validate said it was fine (found
    by review)."""
    depth = 0  # how many brackets are open
    while token is not None:
        kind = type(token).__name__
        if kind in _FLOW_START:
            depth += 1
        elif kind in _FLOW_END:
            depth -= 1
        elif depth and kind == "ScalarToken" and token.plain:
            start, end = token.start_mark.index, token.end_mark.index
            opener = text[start : start + 2]
            if opener in ("//", "/*") and _meant_as_comment(text, start, end):
                # (not ``_IN_PLAIN_TEXT``: its `^` and look-behind read the text before
                # ``start``, and a `//` glued to a `,` was missed: found by mutation testing)
                return (*_place(text, token.start_mark, start), opener)
        token = scanner.get_token()
    return None


def _meant_as_comment(text: str, start: int, end: int) -> bool:
    """Whether the text without quotes from ``start`` to ``end``, in brackets, that starts
    with `//` or `/*`, was meant as a comment: it runs on to its line's end; or a `/*` is
    closed by a `*/` on its line (``[a, /* old */ b]``); or a `// ` (a blank after it) has no
    closing bracket after it on its line, its words cut at a `,` or a `:` (``[a, // late, slow
    ones``). Those two had loaded as the texts `/* old */ b` and `// late` (found by review);
    ``//cdn.example/a,`` on a line of its own stays a text.

    A `//` text that ends at its line's end, its closing bracket or `,` on a line below, is a
    comment when it holds a blank (words: ``// the usual one``) or is one word without a `.`
    or `/` (``//slow``, an item commented out: kept as the tag `//slow`, it changed the plan
    without a word, found by review); else it is a protocol-relative address or a share
    (``//cdn.example/b``, the list's last item), and had been refused as a comment, with the
    hint to write ``# cdn.example/b`` (found by review)."""
    line = _line_from(text, start)
    stop = start + len(line)
    if end > stop:  # it runs on over the line below: YAML joined that line to it
        return True
    at_line_end = not text[end:stop].strip()  # blanks aside
    if text.startswith("/*", start):
        return at_line_end or "*/" in line[2:]  # (not the `*/` of ``/*/``)
    if at_line_end:  # words, or a word commented out; else an address or a share
        written = text[start + 2 : end]
        return any(char in " \t" for char in written) or not any(c in "./" for c in written)
    return text[start + 2 : start + 3] in (" ", "\t") and not any(c in line for c in "]}")


def _line_from(text: str, start: int) -> str:
    """The text from ``start`` to its line's end."""
    from engine.locations import YAML_LINE_BREAK

    line_end = YAML_LINE_BREAK.search(text, start)
    return text[start : line_end.start() if line_end is not None else len(text)]


def _place(text: str, mark: Any, at: int) -> tuple[int, int]:
    """The line and column (from 1) of the character at ``at``, found from a mark before it
    (YAML's line breaks counted, as its marks count them)."""
    from engine.locations import YAML_LINE_BREAK

    line, line_start = mark.line, mark.index - mark.column
    for found in YAML_LINE_BREAK.finditer(text, mark.index, at):
        line, line_start = line + 1, found.end()
    return line + 1, at - line_start + 1


def comment_words(
    opener: str, path: str, text: str = "", place: tuple[int, int] = (1, 1)
) -> tuple[str, str]:
    """What is said of a comment found by ``comment_in_json`` at ``place`` (its line and
    column, from 1) of the plan's ``text``, and what to write: the words of
    ``engine.yamlsyntax.comments`` for a `//` or `/*` (that JSON has none in a plan written as
    JSON, that YAML's start with `#` in one written as YAML's blocks); for a `#`, that only
    YAML reads it, and the file's name to give it to be YAML."""
    if opener != "#":
        from engine.locations import YAML_LINE_BREAK
        from engine.yamlsyntax.comments import comment_hint

        json = not text or _in_brackets(text)
        lines = YAML_LINE_BREAK.split(text)
        line = lines[place[0] - 1] if place[0] <= len(lines) else ""
        message, hint = comment_hint(opener, json, line, place[1] - 1)
        return f"YAML syntax error: {message}", hint
    name = re.split(r"[/\\]", path)[-1]
    return (
        "JSON has no comments: this `#` starts one only in YAML, and JSON tools refuse the file",
        f"remove the comment, or name the file `{name[: -len('.json')]}.yaml` to write the "
        "plan as YAML, where `#` starts a comment",
    )
