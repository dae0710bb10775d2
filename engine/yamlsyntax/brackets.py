"""Slips inside brackets (YAML's flow mappings and lists: ``{...}`` and ``[...]``): a `,` left
out between keys, a `: ` inside a value, a `#` read as a comment, a `{` or `[` inside a text.

Inside brackets YAML ends a plain text at any of ``,{}[]#`` and says only that a bracket is not
closed, often lines further on. These helpers read the value the way the writer meant it, to
say which character cut it and how to write it whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from engine.fields import dotted_path
from engine.slips import as_written, quoted
from engine.yamlsyntax.lines import (
    Place,
    char_at,
    closer_before,
    comment_start,
    line_of,
    outside_quotes,
    unclosed_bracket,
)
from engine.yamlsyntax.texts import INDICATOR_WORDS
from engine.yamlsyntax.vocabulary import side_by_side

_FLOW_VALUE = re.compile(r"(?<![\w.-])([\w.-]+):[ \t]++([^,{}\[\]\"']*+)$")
"""The key and the start of a plain value in braces, up to a `: ` that ends it there. Only
tried where a word starts (inside one, the key would have started earlier); its blanks and
its value are not split again where the line's end is not reached (the value may hold blanks:
each split of a long run of them was tried)."""

_FLOW_DELIMITERS = ",{}[]\"'"
"""The characters a plain value in brackets cannot hold (what ends it, or starts another)."""


def _flow_value(text: str) -> re.Match[str] | None:
    """The key and the plain value in brackets that ``text`` ends with (:data:`_FLOW_VALUE`),
    or None. It is after the last of :data:`_FLOW_DELIMITERS`, so it is looked for there: from
    each key before it, the search read on to that delimiter (``a: a: a: ... ,``)."""
    return _FLOW_VALUE.search(text, _last_delimiter(text) + 1)


def _last_delimiter(text: str) -> int:
    """The column of the last of :data:`_FLOW_DELIMITERS` in ``text``, or -1."""
    return max(text.rfind(char) for char in _FLOW_DELIMITERS)


@dataclass(frozen=True, slots=True)
class _CutValue:
    """A plain value in braces that a `: ` ended where YAML wanted a `,` or the closing
    bracket: its line, the `: `'s column, and the key with the value up to the `: `."""

    line: str
    colon: int
    begun: re.Match[str]
    """``field: rating lte``: the key (1) and the value up to the `: ` (2)."""

    def quoted(self) -> str:
        """The key with its whole value in quotes (``message: "Note: check packaging"``)."""
        rest = re.match(r"[^,{}\[\]]*", self.line[self.colon :])
        value = self.begun[2] + (rest[0] if rest else "")
        return f"{as_written(self.begun[1])}: {quoted(value.strip())}"


def value_cut_in_braces(lines: list[str], place: Any, problem: str) -> _CutValue | None:
    """The plain value in braces cut by a `: ` at ``place``, when that is YAML's error."""
    if not problem.startswith("did not find expected ','") or char_at(lines, place) != ":":
        return None
    line = line_of(lines, place)
    begun = _flow_value(line[: place.column])
    return None if begun is None else _CutValue(line, place.column, begun)


def comma_left_out(lines: list[str], cut: _CutValue, place: Any) -> tuple[str, str, Any] | None:
    """For two keys in braces without the `,` between them (``{field: rating lte: 2}``): the
    place the `,` goes and the braces with it. Only a one-word value then a key that can be
    beside the first one, in braces, is taken for that (``{message: Please note: call}`` is
    text, and ``[field: rating lte: 2]`` is not a mapping to mend with a comma)."""
    words = cut.begun[2].split()
    if len(words) != 2 or not side_by_side(cut.begun[1], words[1]):
        return None
    opens = unclosed_bracket(lines, place)
    if opens is None or char_at(lines, opens) != "{":
        return None
    at = cut.begun.start(2) + len(words[0])
    mended = cut.line[:at] + "," + cut.line[at:]
    closes = mended.find("}", at)
    whole = opens.line == place.line and closes != -1 and "{" not in mended[at:closes]
    first, second = (as_written(word) for word in words)
    shown = mended[opens.column : closes + 1] if whole else f"{first}, {second}:"
    return (
        f"a `,` is missing between `{first}` and `{second}:` inside the braces",
        f"write `{as_written(shown)}`",
        Place(place.line, at),
    )


def comma_left_out_after_brackets(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For a key right after brackets closed inside braces, without the `,` between them
    (``{within: 1h, params: {tone: warm} message: Sorry}``): YAML wanted the `,` or the `}`
    at the key. Told where the `,` goes."""
    line = line_of(lines, place)
    key = FLOW_KEY.match(line, place.column)
    closer = closer_before(line, place.column, "]}")
    if key is None or closer is None:
        return None
    return (
        f"a `,` is missing between the `{line[closer]}` and `{as_written(key[1])}:` inside the "
        "brackets",
        f"write `{line[closer]}, {as_written(key[1])}:`",
        Place(place.line, closer + 1),
    )


_ITEM_BEFORE = re.compile(r"[\[{,][ \t]*+()([^,{}\[\]\"']*+)$")
"""A plain item in brackets up to where a `#` cut it (no key: a list's item). It starts at the
last of :data:`_FLOW_DELIMITERS`, and is matched only there: searched for, its blanks and its
text (which may be blanks too) were split at each column of a run of blanks before a quote."""


def _item_before(text: str) -> re.Match[str] | None:
    """The plain item in brackets that ``text`` ends with (:data:`_ITEM_BEFORE`), or None."""
    start = _last_delimiter(text)
    return _ITEM_BEFORE.match(text, start) if start >= 0 else None


def _lines_inside(lines: list[str], opened: Any, place: Any) -> Iterator[tuple[int, str, int]]:
    """Each line from the open bracket (``opened``) to where YAML stopped (``place``), as its
    number, its text and the column the brackets' contents start at on it (after the bracket
    on its own line). One walk for every reading of a value cut off inside brackets, so each
    searches the same stretch."""
    last = min(place.line, len(lines) - 1)
    for number in range(opened.line, last + 1):
        yield number, lines[number], opened.column + 1 if number == opened.line else 0


def comment_in_brackets(lines: list[str], opened: Any, place: Any) -> tuple[str, str, Any] | None:
    """For a `#` after a blank inside brackets (``{message: Check order #1234}``,
    ``in: [A1, #B2]``): YAML reads it as the start of a comment, so the rest of the line,
    closing bracket included, is dropped and the bracket is never closed. Only a comment with
    the closing bracket after it on its line is taken for that (a comment after an open
    bracket at a line's end is a real one). The `#`, and the value it is in, in quotes."""
    closing = "}" if char_at(lines, opened) == "{" else "]"
    for number, line, start in _lines_inside(lines, opened, place):
        at = comment_start(line, start)
        if at is None or closing not in line[at:]:
            continue
        begun = _flow_value(line[:at]) or _item_before(line[:at])
        rest = _comment_meant_as_text(line[at:], keyed=begun is not None and bool(begun[1]))
        text = quoted(((begun[2] if begun else "") + rest).strip())
        written = f"{as_written(begun[1])}: {text}" if begun is not None and begun[1] else text
        return (
            f"a `#` after a blank starts a comment, so YAML read no further on line "
            f"{number + 1} and the `{closing}` after it is not read",
            f"put the text that holds the `#` in quotes: `{written}`",
            Place(number, at),
        )
    return None


_KEY_AFTER_COMMENT = re.compile(r",[ \t]*[^\s,{}\[\]#'\"]+[ \t]*:(?=[ \t]|$)")
"""The `, key:` that ends a value in braces: what follows a `#` up to it was the value's
(``within : 1h`` too). It was named as :data:`_NEXT_KEY` below, which replaced it, so a key
written with a blank before its colon was taken into the quoted text (found by review)."""


def _comment_meant_as_text(text: str, keyed: bool) -> str:
    """What of a comment cut off in brackets (``text``, from its `#`) the writer meant as the
    value: up to the bracket that closes the one the value is in, and for a value of a key up
    to the next `, key:` (``#{order.id} today`` of ``#{order.id} today, within: 1h}``), for a
    list's item up to the next `,`. Brackets opened after the `#` are the value's own."""
    depth = 0
    for column, char in enumerate(text):
        if char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth < 0:
                return text[:column]
        elif char == "," and not depth and (not keyed or _KEY_AFTER_COMMENT.match(text, column)):
            return text[:column]
    return text


def bracket_in_flow_text(lines: list[str], opened: Any, place: Any) -> tuple[str, str, Any] | None:
    """For a ``{`` or ``[`` inside a plain value in brackets, after words of it
    (``{within: 1h, message: Sorry {customer.first_name|there}}``, ``{message: Sorry [again]
    Dana}``): in brackets a plain text ends at a bracket, which YAML then reads as the start of
    a mapping or a list, and the brackets no longer pair up. The value whole, in quotes; for a
    field path with ``[0]``, the item's position after a dot (``order.items.0.sku``)."""
    for number, line, start in _lines_inside(lines, opened, place):
        since = start  # after the last bracket or quoted text: where a value's text can start
        previous = start - 1
        for column in outside_quotes(line, start, len(line)):
            if column != previous + 1:
                since = column  # quoted text was passed over: no plain text runs across it
            previous = column
            if line[column] in "]}":
                since = column + 1
            if line[column] not in "{[":
                continue
            begun = flow_text_before(line, since, column)
            since = column + 1  # each stretch of the line is searched once, whatever its length
            if begun is None:
                continue  # a bracket that opens a value (`then: [...]`): no text before it
            key, value = begun[1], begun[2] + flow_text_from(line, column)
            path = dotted_path(value) if key in ("field", "of") else None
            if path is not None:
                return (
                    f"`{line[column]}` in a field path starts a YAML list inside the braces",
                    f"write the item's position after a dot: `{as_written(key)}: "
                    f"{as_written(path)}`",
                    Place(number, column),
                )
            return (
                f"a `{line[column]}` inside text in braces is read as the start of "
                f"{INDICATOR_WORDS[line[column]]}, so the text ends before it",
                f"put the whole text in quotes: `{as_written(key)}: {quoted(value.strip())}`",
                Place(number, column),
            )
    return None


FLOW_KEY = re.compile(r"(?<![\w.-])([\w.-]+):[ \t]+")
"""A key in brackets and the blanks after its `:` (where its value starts)."""
_NEXT_KEY = re.compile(r",[ \t]*[\w.-]+:[ \t]")
"""A `,` then a key: where an item in braces ends (a `,` in text, not before a key, is text)."""
_ENDS_LINE = re.compile(r"[ \t]*(?:#.*)?$")
"""Nothing but blanks or a comment to the line's end: a `,` there ends its item too."""


def flow_text_before(line: str, since: int, column: int) -> re.Match[str] | None:
    """The key and the plain text in brackets before the bracket at ``column``, with no
    bracket or quoted text between ``since`` and it: the last ``key: `` there whose value runs
    to ``column`` with words in it and no `,` before another key; or None."""
    found = None
    for key in FLOW_KEY.finditer(line, since, column):
        found = key  # the last key before the bracket
    if found is None or _NEXT_KEY.search(line, found.end(), column + 1):
        return None  # no key, or the text before the bracket is not all one value's
    if not line[found.end() : column].strip():
        return None  # `key: {`: the bracket starts the value, no text is before it
    return _KEY_AND_TEXT.match(line, found.start(), column)


_KEY_AND_TEXT = re.compile(r"([\w.-]+):[ \t]+(.*)", re.S)


def flow_text_from(line: str, column: int) -> str:
    """The rest of a plain text in brackets from the bracket at ``column`` inside it: that
    bracket's own pair, then on to the `,` before the next key or the closing bracket of the
    value's holder."""
    depth = 0
    for end in range(column, len(line)):
        char = line[end]
        if char in "{[":
            depth += 1
        elif char in "]}":
            if depth == 0:
                return line[column:end]
            depth -= 1
        elif (
            char == ","
            and depth == 0
            and (_NEXT_KEY.match(line, end) or _ENDS_LINE.match(line, end + 1))
        ):
            return line[column:end]  # before the next key, or at the line's end (braces over lines)
    return line[column:]
