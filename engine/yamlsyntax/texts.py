"""Text that YAML reads as something else, and the same text written in quotes.

A plain text that starts with one of YAML's own characters (``{customer.first_name}, sorry``,
``*urgent* call``, ``&Co.``, ``>- Hi`` on the line of its ``>``) is read as a mapping, an
alias, an anchor or a block of text, and a text that goes on over lines holds a `: ` YAML then
reads as a key. The fix is nearly always the whole text in quotes, so the helpers that write
it so live here too, for the other families to use.
"""

from __future__ import annotations

import re
import types
from typing import Any

from engine.errors import shown_text
from engine.escapes import single_quoted
from engine.slips import as_written, quoted, text_keys
from engine.templates import SLOT_TEXT
from engine.yamlsyntax.lines import (
    BLOCK_TEXT_START,
    ITEM_KEY_AT,
    KEY_AT,
    Place,
    indent_of,
    item_text,
    line_above,
    line_of,
    outside_quotes,
    starts_comment,
    unclosed_bracket,
)

_BRACED_TEXT = re.compile(rf"^\s*(?:- )?([\w-]+):\s*({SLOT_TEXT}(?:.*\S)?)\s*$")
"""A key whose text value starts with a template's field (``message: {customer.first_name},
sorry``): YAML reads a ``{`` there as the start of a mapping. The value is read to its last
character that is not a blank at once (a lazy ``.*?`` before ``\\s*$`` tried each column of a
run of blanks against the rest of it: 6.5 s for 20 KB of blanks)."""


def braced_text(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """The words for text that starts with a field and is not in quotes, when the line at
    ``place`` holds one; None otherwise."""
    found = _BRACED_TEXT.match(line_of(lines, place))
    if found is None or found[2].startswith("{{"):
        return None
    key, value = as_written(found[1]), as_written(found[2]).replace('"', '\\"')
    at = types.SimpleNamespace(line=place.line, column=found.start(2))  # the `{`: text starts
    return (
        "text that starts with `{` is read as a YAML mapping, not as text",
        f'put the whole text in quotes, such as `{key}: "{value}"`',
        at,
    )


KEY_BEFORE = re.compile(r"(?:^|[\s{,\[])(?:- +)?([\w.-]+):[ \t]+$")
"""The key a value on a line is written after (``message: ``, ``- note: ``, ``{message: ``)."""
ITEM_BEFORE_VALUE = re.compile(r"(?:^|\s)-[ \t]+$|[\[,][ \t]*$")
"""A value that is a list's item: after a ``- `` or, in brackets, a ``[`` or a ``,``."""


def whole_text_quoted(lines: list[str], start: Place, end: int) -> str:
    """The value that starts at ``start`` and ends at column ``end`` of its line, in quotes, after
    its key when it has one (``message: '"Sorry" he said'``): single quotes for a text that holds
    a `"` and no `'`, else double quotes.

    A text with a tab (or another character a hint writes as its escape) is double-quoted even
    so: in single quotes YAML reads ``\\t`` as a backslash and a `t`, and `message: Sorry "Dana":
    late<tab>again` had been hinted ``'Sorry "Dana": late\\tagain'``, another text pasted back."""
    line = lines[start.line]
    text = line[start.column : end].rstrip()
    single = '"' in text and "'" not in text and shown_text(text) == text
    written = single_quoted(as_written(text)) if single else quoted(text)
    key = KEY_BEFORE.search(line[: start.column])
    return f"{as_written(key[1])}: {written}" if key is not None else written


def text_end(lines: list[str], place: Any) -> int:
    """Where a plain text from ``place`` ends on its line: at a comment, and in brackets at the
    next `,` or closing bracket."""
    line = line_of(lines, place)
    in_brackets = unclosed_bracket(lines, place) is not None
    for column in outside_quotes(line, place.column, len(line)):
        if starts_comment(line, column) or (in_brackets and line[column] in ",]}"):
            return column
    return len(line)


_TEXT_KEY = re.compile(r"(?:^|[\s{,\[])(?:- +)?([\w.-]+):[ \t]+")
"""A key and the blanks after it, where a value may start (``message: ``)."""


def text_with_a_colon_quoted(lines: list[str], place: Any) -> str | None:
    """The text of a key of free text (:func:`text_keys`: ``message``, ``title``...) that holds
    the `: ` at ``place``, whole and in quotes after its key (``message: "Tell them: 5pm"``);
    None when the `: ` is in the value of another key (``- note: Re: late``: quoting that value
    makes no action of it). It had been hinted by an example of another text,
    ``message: "Note: call back"``, to copy by hand (found by review)."""
    line = line_of(lines, place)
    for key in _TEXT_KEY.finditer(line, 0, place.column):
        if key[1] in text_keys():
            start = Place(place.line, key.end())
            return whole_text_quoted(lines, start, text_end(lines, start))
    return None


BLOCK_SCALAR = "while scanning a block scalar"
"""YAML's words for an error in the `|` or `>` that starts a block of text, or just after it."""

INDICATOR_WORDS = {
    "*": "a YAML alias (`*name` repeats the value named `&name`)",
    "&": "a YAML anchor (`&name` names the value after it)",
    "!": "a YAML tag",
    "[": "a YAML list",
    "{": "a YAML mapping",
    "?": "a YAML key (`? ` marks one)",
    "|": "the start of a YAML block of text (`|` alone, then the text on the lines below)",
    ">": "the start of a YAML block of text (`>` alone, then the text on the lines below)",
}
"""What YAML reads a plain text that starts with one of these characters as."""


def plain_text_quoted(lines: list[str], at: Any) -> str | None:
    """The plain text that starts at ``at``, to the end of its line (or of its item, in
    brackets), in quotes after its key (``message: "*urgent* call"``); None when it is not a
    key's value or a list's item."""
    before = line_of(lines, at)[: at.column]
    if not (KEY_BEFORE.search(before) or ITEM_BEFORE_VALUE.search(before)):
        return None
    return whole_text_quoted(lines, Place(at.line, at.column), text_end(lines, at))


def text_starting_with(lines: list[str], opened: Any) -> tuple[str, str, Any] | None:
    """For a text that starts with a character YAML reads as its own (``*urgent* call``,
    ``&Co. and sons``): what YAML took it for, and the whole text in quotes, when the value is
    a key's or a list item's (not part of a longer value); a line's ``* `` written for a list
    item's ``- `` (:func:`_starred_item`)."""
    line = line_of(lines, opened)
    char = line[opened.column : opened.column + 1]
    if char in ("|", ">"):
        header = _BLOCK_HEADER.match(line, opened.column)
        if header is not None:  # `>- Hi there` or `|0`: a block of text meant, not text
            return _block_text_misplaced(header, opened)
    whole = plain_text_quoted(lines, opened) if char in INDICATOR_WORDS else None
    if whole is None:
        return _starred_item(line, opened) if char == "*" else None
    return (
        f"text that starts with `{char}` is read as {INDICATOR_WORDS[char]}, not as text",
        f"put the whole text in quotes: `{whole}`",
        opened,
    )


_STARRED_ITEM = re.compile(r"[ \t]*\*[ \t]+(\S.*)")
"""A line that starts with ``* `` and the item after it, a list as a document or an email
writes one (``* vip``)."""


def _starred_item(line: str, opened: Any) -> tuple[str, str, Any] | None:
    """For a list's item written with ``* `` before it (``tags:``, then ``* vip``), as in a
    document or an email: YAML reads the `*` as an alias's start, and its own words had been
    said ("did not find expected alphabetic or numeric character", with the hint to check the
    indentation). None for a `*` that does not start its line's item (a key ``*: x``). A
    ``* `` with only a comment after it is shown no item to write (the hint had ended in an
    empty ``- ``; found by review)."""
    found = _STARRED_ITEM.match(line)
    if found is None or line[: opened.column].strip():
        return None
    item = as_written(item_text(line, found.start(1)))
    return (
        "a list's item starts with `- ` in YAML, not `* `: `*` starts an alias (`*name` repeats the "
        "value named `&name`)",
        "write each item of the list with `- ` before it" + (f": `- {item}`" if item else ""),
        opened,
    )


_BLOCK_HEADER = re.compile(r"([|>])([-+0-9]*)(?:[ \t]+(?!#)(\S.*?))?[ \t]*$")
"""A block of text's start as a manager writes it, a chomping or indentation sign after the
`|` or `>` (``>-``, ``|+``, ``|0``) and perhaps the text on the same line."""


def _block_text_misplaced(header: re.Match[str], opened: Any) -> tuple[str, str, Any] | None:
    """For a block of text whose text is on its `|` or `>` line (``message: >- Hi there``),
    or whose sign is not one YAML takes (``|0``): where the text goes. Quoting the whole, the
    hint for ``|cold``, put ``>- `` in a customer's message (found by review)."""
    mark, signs, text = header[1], header[2], header[3]
    start = f"{mark}{signs}"
    if text is not None:
        return (
            f"the text of a block that starts with `{start}` goes on the lines below it, "
            "not on its line",
            f"write `{start}` alone, then the text on the next line, indented: `{text}`",
            opened,
        )
    if signs and not _BLOCK_SIGNS.fullmatch(signs):
        return (
            f"`{start}` is not how a block of text starts",
            f"write `{mark}` (or `{mark}-`, which drops the last line break) alone, then the "
            "text on the lines below, indented",
            opened,
        )
    return None


_BLOCK_SIGNS = re.compile(r"[-+]?[1-9]?|[1-9][-+]")
"""The signs YAML takes after `|` or `>`: a chomping sign and an indentation of 1 to 9."""


def text_going_on(lines: list[str], place: Any) -> str | None:
    """The key of the plain text begun on a line above ``place`` that the line at ``place``
    goes on with (each line between further in than that key, none of them a key), or None.
    (``place`` is a `: ` YAML refused, or a key above one, on a line of the file.)"""
    least = indent_of(lines[place.line])
    above = line_above(lines, place.line)
    while above is not None:
        own = indent_of(above[1])
        begun = TEXT_GOES_ON.match(above[1])
        if begun is not None:  # the text's lines are all further in than its key
            return begun[1] if own < least else None
        if ": " in above[1] or above[1].rstrip().endswith(":"):
            return None
        least = min(least, own)
        above = line_above(lines, above[0])
    return None


TEXT_GOES_ON = re.compile(r"\s*(?:- +)?([\w.-]+):[ \t]+[^\s#|>\"'\[{&*!]")
"""A key with a plain text after it, which the lines below it may go on with."""


_BLOCK_LINES_READ = 200
"""How far above a line the start of its block of text is looked for."""


def block_text_left_of_its_first_line(lines: list[str], place: Any) -> tuple[str, str, Any] | None:
    """For a line of a block of text (``message: >-``) indented less than the text's first
    line, and more than its key: the first line sets the block's column, so YAML read the text
    as ended above this line, and wanted a key there. It had been told "a key was expected
    here" (found by review). None when the line is a key or an item, or no such block is
    right above it."""
    line = line_of(lines, place)
    column = indent_of(line)
    if not line.strip() or line.lstrip().startswith(("#", "- ")) or KEY_AT.match(line):
        return None
    first = None
    for above in range(place.line - 1, max(place.line - _BLOCK_LINES_READ, -1), -1):
        text = lines[above]
        if not text.strip():
            continue
        key = ITEM_KEY_AT.match(text) if BLOCK_TEXT_START.search(text) else None
        if key is not None:  # the block's key: `message: >-`
            if first is None or len(key[1]) >= column:
                return None
            named, sign = as_written(key[2]), text[key.end() :].split("#")[0].strip()
            return (
                f"this line of the text below `{named}: {sign}` is indented less than the "
                f"text's first line (line {first + 1}), so YAML reads the text as ended above it",
                f"line the text's lines up: indent its first line to column {column + 1}, like "
                f"this one, or this line and those below it to column "
                f"{indent_of(lines[first]) + 1}, like the first",
                Place(place.line, column),
            )
        if indent_of(text) <= column:
            return None
        first = above
    return None
