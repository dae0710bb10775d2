"""What most likely made an event's JSON text invalid, in words a manager can act on.

orjson says where it stopped and what it expected there ("unexpected character, expected ','
or '}'", "unexpected end of data"). That is where the reading failed, not always where the
mistake is, and it does not say what to write. These hints name the usual slips of JSON
written by hand or copied from Python or a word processor: single or typographic quotes,
``True``, a decimal comma, a key without quotes, a quote inside a text, a bracket never closed.

Only an input already refused is looked at, so none of this is on the path of a valid event.
"""

from __future__ import annotations

import re

from engine.inputevent import VALUE_STARTS
from engine.typography import CURLY_QUOTES

_PYTHON_WORDS = re.compile(r"(True|False|None)\b")
_DECIMAL_COMMA = re.compile(r"[:\[,][ \t]*(-?[0-9]+),\Z")
_BARE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*\s*:")
_WORD_AFTER_TEXT = re.compile(r'"[ \t]*\w')
"""A text closed, then a word where a `,` or a closing bracket was due."""
_TOKENS = re.compile(r'"(?:[^"\\\n]|\\.)*"?|[{}\[\]]|\n[ \t\r\n]*')
"""A string (perhaps never closed on its line), a bracket, or line ends (with the blank lines
and the indentation after them)."""
_CLOSES = {"{": "}", "[": "]"}
MAX_SCANNED = 1 << 20
"""The longest text whose brackets are paired to say which one is left open: an event's own
limit (``engine.streams.MAX_LINE_BYTES``); a longer text is told only what orjson says."""


def slip(before: str, after: str) -> str:
    """The slip most likely made where orjson stopped (``after`` starts there, ``before`` is
    the text up to it), as a hint; "" for none."""
    first = after[:1]
    if first == "'":
        return "JSON writes texts and keys in double quotes (\"), not single quotes (')"
    if first and first in CURLY_QUOTES:
        return f'`{first}` is a typographic quote: JSON needs straight double quotes (")'
    if _PYTHON_WORDS.match(after):
        return "JSON writes true, false and null in small letters"
    whole = _DECIMAL_COMMA.search(before) if first.isdigit() else None
    if whole is not None:
        part = after[: len(after) - len(after.lstrip("0123456789"))]
        return f"JSON writes a decimal with a point ({whole[1]}.{part}): a comma separates values"
    if _BARE_KEY.match(after):
        key = after.split(":", 1)[0].strip()
        if before.rstrip()[-1:] in ("{", ","):
            return f'a key is written in double quotes: "{key}"'
        return f'is a comma missing before it? A key is written in double quotes: "{key}"'
    if _WORD_AFTER_TEXT.fullmatch(before[-1:] + after.lstrip(" \t")[:1]):
        return 'is a `"` inside a text? Inside a text it is written \\"'
    return ""


Bracket = tuple[str, int, int]
"""An opening bracket, its line in the text (0-based) and its column (0-based)."""


def unclosed(text: str, start: tuple[int, int]) -> str:
    """Which bracket is left open in a JSON text that ended too early, as a hint; "" when that
    cannot be told (a string never closed, or a text too long to scan).

    A bracket opened at the end of its line and never closed is found by the layout of
    pretty-printed JSON: the first line after it that is indented no deeper than the line it
    opened on should start with its closing bracket (and a closing bracket first on its line
    is indented as deep as the line of the bracket it closes). Otherwise the text is one line (or laid
    out another way), and only how many brackets are open can be said. The text starts at
    ``start`` (line and column) of its input.
    """
    scanned = _scan(text)
    if scanned is None or not scanned[0]:
        return ""
    still_open, misplaced = scanned
    if misplaced is not None:
        return _too_late(*misplaced, start)
    innermost = still_open[-1]
    if len(still_open) == 1:
        ends = "object" if innermost[0] == "{" else "list"
        return (
            f"{_place(innermost, start)} is never closed: add `{_CLOSES[innermost[0]]}` where "
            f"its {ends} ends"
        )
    closing = "".join(_CLOSES[mark] for mark, _, _ in reversed(still_open))
    return (
        f"{len(still_open)} brackets are never closed (the innermost is "
        f"{_place(innermost, start)}): `{closing}` is missing"
    )


def at_stop(before: str, after: str, comma_due: bool, start: tuple[int, int]) -> str:
    """The hint for a text orjson stopped reading where ``after`` starts (``before`` is the
    text up to there; ``comma_due``: orjson expected a `,` or a closing bracket); "" for none.
    The text starts at ``start`` (line and column) of its input.

    A bracket the layout shows closed too late comes first: where a line of pretty-printed
    JSON is indented back out, the closer missing there is a likelier mistake than the comma
    or bracket orjson was waiting for further on.
    """
    scanned = _scan(before)
    if scanned is not None and scanned[1] is not None:
        return _too_late(*scanned[1], start)
    found = after[:1]
    if comma_due and found and found in VALUE_STARTS:
        return "is a comma missing before it?"
    if scanned is not None and scanned[0] and found in ("}", "]"):
        innermost = scanned[0][-1]
        due = _CLOSES[innermost[0]]
        if due != found:
            return (
                f"{_place(innermost, start)} is still open here: add `{due}` before this `{found}`"
            )
    return slip(before, after)


def _scan(text: str) -> tuple[list[Bracket], tuple[Bracket, int] | None] | None:
    """The brackets still open at the end of ``text``, innermost last, and the first of them
    that the layout shows closed too late, with the line it should have closed before; None
    when the text's strings or brackets do not pair, or it is too long to scan."""
    if len(text) > MAX_SCANNED:
        return None
    layout = _Layout(text)
    still_open: list[Bracket] = []
    misplaced: tuple[Bracket, int] | None = None
    line, line_start = 0, 0
    for token in _TOKENS.finditer(text):
        mark = token[0]
        if mark[0] == "\n":
            line += mark.count("\n")
            line_start = token.start() + mark.rfind("\n") + 1
            if still_open and misplaced is None and layout.misplaced(still_open[-1], line):
                misplaced = still_open[-1], line
        elif mark in _CLOSES:
            still_open.append((mark, line, token.start() - line_start))
        elif mark in "}]":
            if not still_open or _CLOSES[still_open[-1][0]] != mark:
                return None
            closed = still_open.pop()
            if misplaced is None and layout.closed_late(closed, line, token.start() - line_start):
                misplaced = closed, line
        elif len(mark) == 1 or mark[-1] != '"' or _odd_escape(mark):
            return None  # a string never closed on its line
    return still_open, misplaced


class _Layout:
    """The lines of a text, to read what its indentation says about its brackets."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self._next_content = [len(self.lines)] * (len(self.lines) + 1)
        """For each line, the first line from it on that holds more than blanks."""
        for index in range(len(self.lines) - 1, -1, -1):
            filled = bool(self.lines[index].strip())
            self._next_content[index] = index if filled else self._next_content[index + 1]

    def misplaced(self, innermost: Bracket, line: int) -> bool:
        """Whether ``line`` (just begun) shows by its indentation that the innermost open
        bracket should have been closed before it: it is indented no deeper than the line the
        bracket opened on, and does not start with its closer."""
        depth = self._laid_out(innermost, line)
        content = self.lines[line].lstrip()
        if depth is None or not content or _indent(self.lines[line]) > depth:
            return False
        return not content.startswith(_CLOSES[innermost[0]])

    def closed_late(self, opening: Bracket, line: int, column: int) -> bool:
        """Whether the closing bracket at ``line`` and ``column``, first on its line, is
        indented less than the line its opening bracket ended: it closes an outer bracket's
        place, so the opening bracket's own closer is missing before it."""
        depth = self._laid_out(opening, line)
        here = self.lines[line]
        return depth is not None and not here[:column].strip() and _indent(here) < depth

    def _laid_out(self, opening: Bracket, line: int) -> int | None:
        """The indentation of the line an opening bracket ends, when what it holds is laid
        out as pretty-printed JSON lays it out: on the lines after it, indented deeper, before
        ``line``. None for a bracket with something after it on its line, or whose next line
        (up to ``line``) is no deeper: there is no layout to go by."""
        _, at_line, at_column = opening
        opening_line = self.lines[at_line]
        if opening_line[at_column + 1 :].strip():
            return None
        depth = _indent(opening_line)
        following = self._next_content[at_line + 1]
        if following >= line or _indent(self.lines[following]) <= depth:
            return None
        return depth


def _too_late(bracket: Bracket, line: int, start: tuple[int, int]) -> str:
    return (
        f"{_place(bracket, start)} seems never closed: add `{_CLOSES[bracket[0]]}` before line "
        f"{start[0] + line}"
    )


def _place(bracket: Bracket, start: tuple[int, int]) -> str:
    """The bracket and where it is in the input, the text starting at ``start`` (line and
    column) of it."""
    opened, line, column = bracket
    column += 1 + (start[1] if line == 0 else 0)
    return f"the `{opened}` at line {start[0] + line}, column {column}"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _odd_escape(string: str) -> bool:
    """Whether a string token's last quote is escaped (an odd run of backslashes before it),
    so that the string is not closed."""
    body = string[:-1]
    return (len(body) - len(body.rstrip("\\"))) % 2 == 1
