"""Reading the lines around a YAML error: places, indentation, the line above or below, where a
quoted value opens and closes, where a comment starts, which bracket is still open.

Every family of slips reads the file's lines the same way, so the reading is kept here once,
and a quote or a `#` is never taken for something else by one helper and not by another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Place:
    """A 0-based line and column, as PyYAML's marks have them."""

    line: int
    column: int


def line_of(lines: list[str], place: Any) -> str:
    """The text of the line a YAML mark is on ("" past the last line, where libyaml marks the
    end of a file that does not end with a line break). ``place`` is always a mark: the
    handlers are asked only of an error the parser marked (``explain_syntax_error``), and
    where the parser was reading (``ParserProblem.opened``), None when it said nothing of it,
    is read only once checked, or where the parser's words of it came with its mark. A guard
    for None was never taken (found by branch coverage)."""
    return lines[place.line] if place.line < len(lines) else ""


def char_at(lines: list[str], place: Any) -> str:
    """The character at a YAML mark, "" at or past the end of its line, so a handler
    compares it without checking the line's length first."""
    line = line_of(lines, place)
    return line[place.column] if place.column < len(line) else ""


def indent_of(line: str) -> int:
    """How many spaces a line starts with: its depth in the YAML. Only spaces, as YAML
    indents with nothing else (a tab there is a mistake of its own)."""
    return len(line) - len(line.lstrip(" "))


def line_above(
    lines: list[str], number: int, *, deeper_than: int | None = None
) -> tuple[int, str] | None:
    """The last line before line ``number`` that is not blank or a comment, and its number;
    given ``deeper_than``, the lines indented further than that are passed over too (an
    item's own settings, below it)."""
    for above in range(min(number, len(lines)) - 1, -1, -1):
        line = lines[above]
        inside = deeper_than is not None and indent_of(line) > deeper_than
        if line.strip() and not line.lstrip().startswith("#") and not inside:
            return above, line
    return None


def line_below(lines: list[str], number: int) -> str | None:
    """The first line after line ``number`` that is not blank or a comment."""
    for line in lines[number + 1 :]:
        if line.strip() and not line.lstrip().startswith("#"):
            return line
    # Its one caller (lists.glued_item_at) asks below a line with the error's line under it,
    # a key or an item: there is always one.
    return None  # pragma: no cover


KEY_AT = re.compile(r"( *)([\w-]+):(?:[ \t]|$)")


DOCUMENT_START = re.compile(r"---(?:[ \t]|$)")
"""A ``---`` line, which starts a YAML document (a comment may follow it)."""


ITEM_KEY_AT = re.compile(r"( *(?:- +)?)([\w-]+):(?:[ \t]|$)")
"""A key and the column it is at, after its item's `- ` if it has one."""


HOLDER = re.compile(r"( *(?:- +)?)([\w-]+):[ \t]*(?:#.*)?$")
"""A key whose value is the mapping below it (``plan:``, ``- reply_publicly:``)."""


BLOCK_TEXT_START = re.compile(r"(?:^|[:\-][ \t])[ \t]*[|>][-+0-9]*[ \t]*(?:#.*)?$")
"""A line that starts a `|` or `>` text (``note: |``, ``- >-``), whose lines (indented deeper)
are text, not YAML."""
QUOTE_OPENING = re.compile(r"""(?:^|[\[{,]|(?:^|[ \t])-[ \t]|:[ \t])[ \t]*(["'])""")
"""A quote that opens a value: at the line's start, after `: `, `- `, `[`, `{` or `,`."""


def closing_quote(line: str, start: int, quote: str) -> int | None:
    """Where the quoted value opened just before ``start`` closes on this line, or None.
    Double quotes take ``\\`` escapes; single quotes are doubled (``''``) inside."""
    at = start
    while at < len(line):
        char = line[at]
        if quote == '"' and char == "\\":
            at += 2
            continue
        if char == quote:
            if quote == "'" and line[at + 1 : at + 2] == "'":
                at += 2
                continue
            return at
        at += 1
    return None


def starts_comment(line: str, column: int) -> bool:
    """Whether the character at ``column`` starts a comment: a `#` at the line's start or
    after a blank."""
    return line[column] == "#" and (column == 0 or line[column - 1] in " \t")


def outside_quotes(line: str, start: int, end: int) -> Iterator[int]:
    """The columns of ``line`` from ``start`` to ``end`` that are outside quoted text (``\"``
    and ``''`` stay inside it), up to and with a `#` that starts a comment; none past a quote
    the line does not close (a text over lines: what follows is text). A quote after a tab
    opens a text as one after a space does (a JSON plan indented with tabs: its `"// ..."`
    had been taken for a comment, found by review)."""
    column = start
    while column < end:
        char = line[column]
        if char in "\"'" and (column == 0 or line[column - 1] in " \t[{,:"):
            closed = closing_quote(line, column + 1, char)
            if closed is None:
                return
            column = closed + 1
            continue
        yield column
        if starts_comment(line, column):
            return
        column += 1


def comment_start(line: str, start: int) -> int | None:
    """Where a comment starts on ``line`` from ``start`` on (a `#` at the line's start or after
    a blank), quoted text passed over; None when there is none."""
    for column in outside_quotes(line, start, len(line)):
        if starts_comment(line, column):
            return column
    return None


def item_text(line: str, start: int) -> str:
    """The item from ``start`` to a comment (a `#` after a blank, outside quotes) or the end."""
    end = comment_start(line, start)
    return line[start:end].strip()


def unclosed_bracket(lines: list[str], place: Any) -> Place | None:
    """The innermost `[` or `{` still open at ``place`` (a mark, as for :func:`line_of`;
    quoted text and comments passed over), or None."""
    opened: list[Place] = []
    for number, line in enumerate(lines[: place.line + 1]):
        end = min(place.column, len(line)) if number == place.line else len(line)
        for column in outside_quotes(line, 0, end):
            if line[column] in "[{":
                opened.append(Place(number, column))
            elif line[column] in "]}" and opened:
                opened.pop()
    return opened[-1] if opened else None


def closer_before(line: str, column: int, closers: Iterable[str]) -> int | None:
    """The column of the last character before ``column`` and the blanks before it, when it
    is one of ``closers`` (a quote or a bracket that ends a value); None otherwise."""
    closer = len(line[:column].rstrip(" \t")) - 1
    return closer if closer >= 0 and line[closer] in closers else None
