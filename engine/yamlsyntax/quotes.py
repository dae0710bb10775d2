"""Quoted text: a quote left open on its line, which YAML reads on past to the next quote of
the file, and a quote inside a quoted text (``'We're sorry'``), which YAML takes for the end.

Both make YAML fail somewhere after the slip, often lines further on, so these helpers look
back along the lines for the quote to blame, and check (by parsing a mended copy) that closing
it helps before blaming it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from engine.slips import QUOTED_AT_MOST, as_written
from engine.yamlcompose import Composer, YamlProblemError
from engine.yamlsyntax.lines import (
    BLOCK_TEXT_START,
    QUOTE_OPENING,
    Place,
    closing_quote,
    indent_of,
    line_of,
    unclosed_bracket,
)

_VALUE_START = re.compile(r"""(?:^|[:\-\[{,])[ \t]*(["'])""")
"""A quote that opens a value: at the line's start or after `:`, `-`, `[`, `{` or `,`."""


def never_closed_hint(lines: list[str], opened: Any) -> str:
    """How to close a quoted text the file never closes, written out: its quote at the end of
    its line, or, in braces or brackets, before the first `}` or `]` that its own `{` and `[`
    do not account for (``{message: "Sorry {customer.first_name}}``: the text ends before the
    last `}`). "add the closing quote" had been all the hint, which neither said where nor
    which quote (found by review)."""
    line = line_of(lines, opened)
    quote = line[opened.column] if opened.column < len(line) else ""
    text = line[opened.column + 1 :].rstrip(" \t") if quote in ("'", '"') else ""
    end = len(text)
    if unclosed_bracket(lines, opened) is not None:  # the text is inside `{...}` or `[...]`
        depth = 0
        for column, char in enumerate(text):
            if char in "{[":
                depth += 1
            elif char in "}]" and depth == 0:
                end = column
                break
            elif char in "}]":
                depth -= 1
    inside = text[:end].rstrip(" \t")
    mended = f"{quote}{inside}{quote}{text[end:]}"
    if not inside or not _mends(lines, opened.line, line[: opened.column] + mended, opened.line):
        return "add the closing quote where the text ends"  # (`"Call back [soon]]}`: no guess)
    if len(mended) > QUOTED_AT_MOST:  # its end shown, where the quote goes: cut at its start,
        mended = "…" + mended[1 - QUOTED_AT_MOST :]  # a long text's hint had hidden the quote
    return f"add the closing `{quote}` where the text ends: `{mended}`"


def quote_left_open(lines: list[str], place: Any) -> Place | None:
    """Where a double-quoted value opens that its own line does not close, on a line before
    the error's, when closing it there mends the file or moves the error past where it was:
    the likeliest cause of an error further on (YAML reads a double-quoted text across lines,
    to the next `"`, then fails where the text no longer makes sense). A `"` inside a plain
    text, a comment or a `|` block, and a text meant to go over lines, are not blamed: quotes
    are looked for outside comments and block texts, a text that goes over lines is read to
    its end, and closing the quote must help. At most :data:`_QUOTES_TRIED` are tried."""
    tried, number, at = 0, 0, 0
    block_indent: int | None = None  # inside a `|` or `>` text: lines indented deeper
    comments, comments_of = _Comments(""), -1  # the comments of line `comments_of`
    while number < min(place.line, len(lines)):
        line = lines[number]
        if comments_of != number:
            comments, comments_of = _Comments(line), number
        if block_indent is not None and at == 0:
            if not line.strip() or indent_of(line) > block_indent:
                number += 1
                continue
            block_indent = None
        opening = _VALUE_START.search(line, at)
        comment = comments.first_from(at)
        if opening is None or (comment is not None and comment.start() < opening.start(1)):
            if BLOCK_TEXT_START.search(line) is not None:
                block_indent = indent_of(line)
            number, at = number + 1, 0
            continue
        quote, start = opening[1], opening.end()
        end = closing_quote(line, start, quote)
        if end is not None:
            at = end + 1
            continue
        if quote == '"':
            tried += 1
            if _closing_mends(lines, number, place.line):
                return Place(number, start - 1)
            if tried >= _QUOTES_TRIED:
                return None
        number, at = _past_text_over_lines(lines, number + 1, quote)
    return None


def _past_text_over_lines(lines: list[str], number: int, quote: str) -> tuple[int, int]:
    """Where reading goes on after a quoted text that goes on from the line before ``number``:
    just past the quote that closes it, on a later line (or past the end)."""
    while number < len(lines):
        end = closing_quote(lines[number], 0, quote)
        if end is not None:
            return number, end + 1
        number += 1
    return number, 0


_COMMENT = re.compile(r"(?:^|[ \t])#")
"""Where a comment starts (a `#` at the line's start or after a blank)."""


class _Comments:
    """Where the comment of one line starts from a column on, for a reader that moves right
    along the line (from one quoted value to the next): the line is searched again only when
    the reader has passed the `#` found, so a line of many quoted values and no comment (a plan
    written as JSON on one line) is read once for it, not once per value."""

    def __init__(self, line: str) -> None:
        self.line = line
        self._found = _COMMENT.search(line)
        """The first comment from a column at or before the last one asked about."""

    def first_from(self, at: int) -> re.Match[str] | None:
        """The first comment that starts at column ``at`` or after it, or None."""
        if self._found is not None and self._found.start() < at:
            self._found = _COMMENT.search(self.line, at)
        return self._found


_QUOTES_TRIED = 3
"""How many quotes left open ``quote_left_open`` tries closing (each costs a parse)."""


def _closing_mends(lines: list[str], number: int, error_line: int) -> bool:
    """Whether closing a `"` on line ``number`` (before the brackets and commas that end the
    line, else at its end) lets the file parse, or moves its first error past ``error_line``."""
    line = lines[number].rstrip()
    body = line.rstrip("}], ")
    return _mends(lines, number, body + '"' + line[len(body) :], error_line)


def _mends(lines: list[str], number: int, mended: str, error_line: int) -> bool:
    """Whether the file with line ``number`` written ``mended`` parses, or fails only past
    ``error_line``. A file that then reads on to nesting too deep, or to a character YAML
    refuses, fails past it too: either had been taken for a quote closed in vain."""
    closed = [*lines[:number], mended, *lines[number + 1 :]]
    try:
        composer = Composer("\n".join(closed))
        try:
            composer.get_single_node()
        finally:
            composer.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
    except YamlProblemError as refused:  # too deep: where the nesting passes the limit
        mark = refused.mark
    except yaml.YAMLError:  # a control character, at no line: libyaml reads the file in
        return True  # order, and without the quote it stopped at the error before reading it
    else:
        return True
    return mark is not None and mark.line > error_line


_VALUE_GOES_ON = re.compile(r"[ \t]*(?:[ \t]#.*)?$|[ \t]*[,}\]]")
"""What may follow the quote that ends a value: the line's end (or a comment), or a `,`,
`}` or `]` in brackets."""


@dataclass(frozen=True, slots=True)
class _CutText:
    """A quoted value on one line that a quote inside it ends before its text does."""

    line: str
    opens: int
    """The column of the opening quote."""
    cut: int
    """The column of the quote inside the text, which YAML takes for the closing one."""

    @property
    def quote(self) -> str:
        """The quote the value is written in: `'` or `"`."""
        return self.line[self.opens]

    def ends(self) -> int:
        """The column of the quote the writer meant to close the text with (the first one
        after the cut that a value may end at), or the line's end when none is there."""
        at = self.line.find(self.quote, self.cut + 1)
        while at != -1:
            if _VALUE_GOES_ON.match(self.line, at + 1):
                return at
            at = self.line.find(self.quote, at + 1)
        return len(self.line.split(" #", maxsplit=1)[0].rstrip())

    def word(self) -> str:
        """The word the quote is in (``in `We're` ``), or starts (``before `gold` ``)."""
        # from the word's start only: searched from each column of a long word, `\w*$` read
        # on to its end from each (minutes for 100 KB)
        before = re.search(r"(?<!\w)\w*$", self.line[self.opens + 1 : self.cut])
        after = re.match(r"\w*", self.line[self.cut + 1 :])
        if before is None or after is None or not before[0]:
            return f"before `{as_written(after[0] if after else '')}`"
        return f"in `{as_written(before[0])}{self.quote}{as_written(after[0])}`"

    def mended(self) -> str:
        """The whole text in its quotes, each quote inside it written as YAML reads it as text:
        doubled in single quotes, after a `\\` in double quotes."""
        inner = as_written(self.line[self.opens + 1 : self.ends()])
        if self.quote == "'":
            return "'" + re.sub(r"(?<!')'(?!')", "''", inner) + "'"
        return '"' + re.sub(r'(?<!\\)"', '\\\\"', inner) + '"'


def _cut_text(line: str) -> _CutText | None:
    """The first quoted value on ``line`` whose closing quote is followed by a letter or a
    digit (``'We're sorry'``), which YAML never reads: a quote inside the text, not its end."""
    at = 0
    comments = _Comments(line)
    while (opening := QUOTE_OPENING.search(line, at)) is not None:
        comment = comments.first_from(at)
        if comment is not None and comment.start() < opening.start(1):
            return None
        closed = closing_quote(line, opening.end(), opening[1])
        if closed is None:
            return None
        if re.match(r"\w", line[closed + 1 : closed + 2]):
            return _CutText(line, opening.start(1), closed)
        at = closed + 1
    return None


_QUOTE_INSIDE = {
    "'": ("`''` inside single quotes", "double"),
    '"': ('`\\"` inside double quotes', "single"),
}
"""How a quote is written inside a text in its own quotes, and the other quotes to use."""


def quote_inside_quotes(lines: list[str], places: tuple[Any, ...]) -> tuple[str, str, Any] | None:
    """For a quote inside a quoted text (``'We're sorry'``, ``"the "gold" tier"``), on the
    line of the error or of what YAML was reading: the quote, at its place, and the text written
    so that YAML reads the quote as text. YAML ends the text there and then fails at what
    follows, in words about keys or brackets that lead away from the quote."""
    for place in places:
        cut = _cut_text(line_of(lines, place))
        if cut is not None:
            inside, other = _QUOTE_INSIDE[cut.quote]
            return (
                f"the `{cut.quote}` {cut.word()} ends the quoted text",
                f"write {inside} (`{cut.mended()}`), or put the text in {other} quotes",
                Place(place.line, cut.cut),
            )
    return None
