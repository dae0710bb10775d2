"""What most likely made an event's JSON text invalid, in words a manager can act on.

orjson says where it stopped and what it expected there ("unexpected character, expected ','
or '}'", "unexpected end of data"). That is where the reading failed, not always where the
mistake is, and it does not say what to write. These hints name the usual slips of JSON
written by hand or copied from Python or a word processor: single or typographic quotes,
``True``, a decimal comma, a key without quotes, a quote inside a text, a comma missing, and
a bracket left open, one too many or of the wrong kind. orjson's reason itself is put in plain
words too (:func:`reason`: what is wrong there, and what to write when no hint says more).

A bracket's hint is a repair, and it is tried before it is given: the text with the bracket
added (or removed) must read further than it did, or whole. The layout of pretty-printed JSON
says where a closing bracket most likely went missing (a line indented back out to the line
that opened it, without its closer), but indentation is often odd in text edited by hand, and
only the repair shows it was right. Only an input already refused is looked at, so none of
this is on the path of a valid event.
"""

from __future__ import annotations

import re
import unicodedata

import orjson

from engine.currencies import CURRENCY_SIGNS
from engine.escapes import called
from engine.inputevent import CUT_SHORT, VALUE_STARTS, quote_left_out
from engine.typography import CURLY_QUOTES, character_named

_PYTHON_WORDS = re.compile(r"(True|False|None|TRUE|FALSE|NULL|NONE|Null)\b")
"""Python's words for JSON's true, false and null, and theirs in capitals (a spreadsheet's
``TRUE``, SQL's ``NULL``), which had been told only "a word JSON does not know" (found by
review)."""
_DECIMAL_COMMA = re.compile(r"[:\[,][ \t]*(-?[0-9]+(?:\.[0-9]+)*),\Z")
_BARE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*\s*:")
_OUTSIDE_AN_OBJECT = (
    'a key is written in double quotes, inside the braces of an object: {{"{key}": ...}}'
)
"""The hint for ``key:`` where no object is open: at the start of the text (a line of YAML,
``id: evt-1``, or a server-sent event's ``data: {...}``) or as an item of a list. There is
nothing before it, so the hint it had, "is a comma missing before it?", sent a manager
looking for a comma (found by embedding)."""
_WORD_AFTER_TEXT = re.compile(r'"[ \t]*\w')
"""A text closed, then a word where a `,` or a closing bracket was due."""
_TOKENS = re.compile(r'"(?:[^"\\\n]|\\.)*"?|[{}\[\]]|\n[ \t\r\n]*')
"""A string (perhaps never closed on its line), a bracket, or line ends (with the blank lines
and the indentation after them)."""
_CLOSES = {"{": "}", "[": "]"}
_ANOTHER_EVENT = re.compile(r"\}\{")
"""An object closed, then (where orjson stopped: after the blanks that follow it) another
opened on the same line: events written one after another without a line end between them (a
logger's or a queue's dump, ``jq -j``)."""
ONE_EVENT_A_LINE = (
    "another event starts here, on the same line: write each event on a line of its own "
    "(`jq -c .` writes them so)"
)
_EVENTS_KEPT_APART = re.compile(r"\},[ \t]*\{")
"""An object closed, a comma, then (past blanks) another object opened on the same line:
events written as a JSON array's items are, its brackets left out."""
EVENTS_WITH_COMMAS = (
    "the line holds several events, kept apart by commas: put each on a line of its own, "
    "without the comma (or make the whole file a JSON array, in `[` and `]`)"
)
"""The hint for :data:`_EVENTS_KEPT_APART`. The comma alone had been told to be removed, as
"events one a line (JSONL) have no comma between them", which left two events on one line,
still refused (found by review)."""


def still_open(text: str, start: int = 0, stop: int | None = None) -> list[str]:
    """The brackets of ``text[start:stop]`` opened and not closed, outermost first, outside
    its strings (a string ends with its line at the latest, as in :class:`_Scan`)."""
    return [text[at] for at in open_at(text, start, stop)]


def open_at(
    text: str, start: int = 0, stop: int | None = None, opened: list[int] | None = None
) -> list[int]:
    """Where the brackets :func:`still_open` names are in ``text``; after those of ``opened``
    when given (the brackets open before ``start``, which it adds to and takes from), so that
    a text is walked once in steps."""
    opened = [] if opened is None else opened
    for token in _TOKENS.finditer(text, start, len(text) if stop is None else stop):
        mark = token[0]
        if mark in _CLOSES:
            opened.append(token.start())
        elif mark in "}]" and opened:
            opened.pop()
    return opened


_REACH = 256
"""How much text either side of where orjson stopped a slip is looked for in."""
MAX_SCANNED = 1 << 16
"""The longest text (64 KiB) whose brackets are paired to find one left open, a step of
Python per bracket, string and line (about 30 ms at most): an event written or edited by hand
is far shorter; a longer text is told only the slips where it stopped. (At 256 KiB, a stream
of 200 refused lines of 240 KB each took 9 s to answer instead of 0.5 s.)"""
MAX_REPAIRS = 8
"""The most places the layout suggests for a missing closer that are tried (each try reads
the text again)."""

Bracket = tuple[str, int, int, int]
"""An opening bracket: itself, its line in the text and its column (0-based), its index."""


ENDS_IN_TEXT = 'the event ends inside a text value: close the text with its `"`'
"""For a text cut off in the middle of a string with no line end after it (the last line of a
file, a message cut short); with a line end after it, orjson's own words name the line end
(``engine.inputevent``), and this had said nothing."""
CUT_IN_TEXT = f"the event ends inside a text value, its brackets open: {CUT_SHORT}"
"""For a text cut off in the middle of a string, its brackets left open (``{"text": "cut off``,
the last line of a log still being written, no line end yet): it had been told only to close
the text with its `"`, which leaves the brackets open, where the same line with a line end
after it is told unfinished (:data:`engine.inputevent.UNFINISHED`, found by review)."""
ESCAPED_QUOTE = ' (a `\\"` inside a text is a quote mark in it, not its end)'
"""Added to :data:`ENDS_IN_TEXT` when the string left open holds ``\\"``: most likely the quote
meant to close it, escaped (``"C:\\"``), rather than a quote missing at the end."""


def hint(raw: bytes, stop: int, reason: str, start: tuple[int, int], element: bool = False) -> str:
    """What most likely made the JSON text ``raw`` invalid, where orjson stopped at character
    ``stop`` for ``reason`` (its message); "" when nothing more can be said. The text starts at
    ``start`` (line and column, 1-based line) of its input, for the places a hint names;
    ``element``: it is an element of a JSON array, which may go on after it (see
    :func:`_reads_further`).

    A text over :data:`MAX_SCANNED` is decoded only as far as the slips are looked for: its
    brackets are not paired, and no repair is tried on a part of it."""
    reason = reason.lower()
    ended = "end of data" in reason
    whole = len(raw) <= MAX_SCANNED
    text = raw[: len(raw) if whole else 4 * (stop + _REACH)].decode("utf-8", "replace")
    stop = len(text) if ended and whole else stop
    scanned = _Scan(text, stop, element) if whole else None
    if ended and scanned is not None and scanned.text_left_open:
        if '\\"' in scanned.text_left_open:  # `"x\"}`: its closing quote escaped
            return ENDS_IN_TEXT + ESCAPED_QUOTE
        return ENDS_IN_TEXT if quote_left_out(text) else CUT_IN_TEXT
    if scanned is not None and scanned.whole:
        repaired = scanned.layout_repair(ended, start)
        if repaired:
            return repaired
    before, after = text[max(0, stop - _REACH) : stop], text[stop : stop + _REACH]
    found = after[:1]
    said = _slip(before, after)
    if said:
        return said
    if "after document" in reason and not element:
        ended_here = before.rstrip(" \t")[-1:] + after
        if _ANOTHER_EVENT.match(ended_here):
            return ONE_EVENT_A_LINE
        if _EVENTS_KEPT_APART.match(ended_here):
            return EVENTS_WITH_COMMAS
    if scanned is not None and scanned.whole:
        if ended and scanned.still_open:
            return _left_open(scanned.still_open, start, before.rstrip()[-1:])
        closed_whole = "after document" in reason and not element  # `{...}}`: none is open
        if found in ("}", "]") and (scanned.still_open or closed_whole):
            said = scanned.closer_repair(found, start)
            if said:
                return said
    if "expected ','" in reason and found and found in VALUE_STARTS:
        return "is a comma missing before it?"
    if "expected ':'" not in reason and _WORD_AFTER_TEXT.fullmatch(
        before.rstrip(" \t")[-1:] + after.lstrip(" \t")[:1]  # `"5" stars"`: stopped at `s`
    ):
        return 'is a `"` inside a text? Inside a text it is written \\"'
    return ""


def _slip(before: str, after: str) -> str:
    """The slip made where orjson stopped (``after`` starts there, ``before`` is the text up
    to it) that the text itself shows, as a hint; "" for none."""
    first = after[:1]
    if first == "'":
        return "JSON writes texts and keys in double quotes (\"), not single quotes (')"
    if first and first in CURLY_QUOTES:
        return f'`{first}` is a typographic quote: JSON needs straight double quotes (")'
    if _PYTHON_WORDS.match(after):
        return "JSON writes true, false and null in small letters"
    whole = _DECIMAL_COMMA.search(before) if first.isdigit() else None
    if whole is not None:
        return _comma_in_a_number(whole[1], after)
    unit = _unit_hint(before, after)
    if unit:
        return unit
    if _BARE_KEY.match(after):
        key = after.split(":", 1)[0].strip()
        opened = before.rstrip()[-1:]
        if opened in ("{", ","):
            return f'a key is written in double quotes: "{key}"'
        if opened in ("", "["):  # nothing before it to be separated from (see _OUTSIDE_AN_OBJECT)
            return _OUTSIDE_AN_OBJECT.format(key=key)
        return f'is a comma missing before it? A key is written in double quotes: "{key}"'
    return ""


def _unit_hint(before: str, after: str) -> str:
    """The hint for a number written with its unit or currency (``12%``, ``12 USD``, ``$12``),
    where orjson stopped at the unit; "" for anything else. It had been told only that a `,`
    or a value was due there (found by review)."""
    number = _NUMBER_BEFORE.search(before)
    symbol = _UNIT_AFTER.match(after) if number else None
    if number is not None and symbol is not None:  # `12%`, `12 USD`: the blanks kept
        meant_alone = _number_meant(number[1]) or (number[1], "")  # (`12.5 %`, `1.000 €`)
        return _alone(number[1] + before[number.end(1) :] + symbol[0], meant_alone)
    prefixed = _SYMBOL_THEN_NUMBER.match(after) if _VALUE_DUE.search(before) else None
    digits = prefixed[2].rstrip(".,") if prefixed else ""  # `$12,`: the comma ends the value
    meant = _number_meant(digits) if prefixed else None
    if prefixed is None or meant is None:
        return ""
    return _alone(prefixed[0][: prefixed.start(2) + len(digits)], meant)  # `$12`, `€12,50`


def _alone(written: str, meant: tuple[str, str]) -> str:
    """The hint for the number ``meant`` (:func:`_number_meant`) written with its unit or
    currency as ``written``."""
    number, otherwise = meant
    if otherwise:
        marked = "the comma marked a decimal" if "," in written else "the point grouped thousands"
        number += f", or {otherwise} if {marked}"
    return (
        f"JSON writes a number alone ({number}): its currency or unit goes in a field of its "
        f'own, or the whole in double quotes, as text ("{written}")'
    )


def _number_meant(written: str) -> tuple[str, str] | None:
    """The JSON number a number written with separators (``12,50``, ``1.234,50``,
    ``1,000.50``, ``1,000,000``) most likely means, as a plan's number is read
    (:func:`engine.slips.numbers.meant_number`), and the other it may mean ("" for none:
    ``1,000`` is a thousand, or 1.000 where the comma marks decimals; ``1.000`` is 1.000 to
    JSON, or a thousand where the point groups them); None when the separators follow no rule
    (``1,2,3``).

    A currency's sign before a number with a decimal comma (``€12,50``) had been hinted with
    the number cut at the comma, "JSON writes a number alone (12)", and ``$1,000`` with 1;
    ``1.234,50 €`` had been told to write a key in double quotes (found by review). A point
    alone before three digits, after a whole part of three or fewer (``€1.000``, ``1.500 €``),
    is JSON's decimal point, or groups thousands as the comma does where it marks decimals: it
    had been hinted as 1.000 alone, which a writer of ``1.000 €`` for a thousand would send as
    an amount of one (found by review)."""
    from engine.slips.numbers import meant_number  # a plan's hints: only for such a number

    number = meant_number(written)
    if number is None:
        return None
    one_group = _ONE_GROUP.fullmatch(written)
    if one_group is None or (one_group[1] == "." and written.lstrip("-").startswith("0")):
        return number, ""
    if one_group[1] == ",":  # `1,000`: a thousand, or 1.000
        return number, written.replace(",", ".")
    return number, written.replace(".", "")  # `€1.000`: 1.000 to JSON, or a thousand


_ONE_GROUP = re.compile(r"-?[0-9]{1,3}([.,])[0-9]{3}")
"""A number of one mark before three digits, after a whole part of three or fewer: a decimal
mark or a thousands separator, whichever the writer's country uses (``1,000``, ``1.000``)."""


_NUMBER_BEFORE = re.compile(r"[:\[,][ \t]*(-?[0-9]+(?:\.[0-9]+)?)[ \t]*\Z")
"""A number, where orjson stopped after it (and the blanks after it)."""
_UNIT_AFTER = re.compile(rf"%|[{re.escape(CURRENCY_SIGNS)}]|[A-Z]{{3}}(?![A-Za-z])")
"""A per cent sign, a currency's symbol or its code, after a number."""
_VALUE_DUE = re.compile(r"[:\[,][ \t]*\Z")
"""Where a value starts: after a key's `:`, a list's `[` or a `,`."""
_SYMBOL_THEN_NUMBER = re.compile(rf"([{re.escape(CURRENCY_SIGNS)}])[ \t]*(-?[0-9][0-9.,]*)")
"""A currency's sign before its number (``$12``), any sign ``engine.currencies`` knows: the
signs had been written here again, four of them (``₹12`` had no hint)."""


def _comma_in_a_number(whole: str, after: str) -> str:
    """The hint for a number cut at a comma: ``whole`` before it (``12``, ``1.234``), ``after``
    from the digits after it. Three digits after a whole part of three or fewer (``1,000``)
    may group thousands as well as mark decimals: it had been told "JSON writes a decimal with
    a point (1.000)", a thousand written as one (found by review); more groups
    (``1,000,000``) or a point after them (``12,500.50``) only group thousands. A unit or a
    currency after it (``12,50 €``) is hinted as one after a number is (:func:`_alone`), with
    the number meant. Separators that follow no rule
    (``1,2,3``) are told so, where the first two digits had been offered as a decimal
    (1.2)."""
    rest = _DIGITS_ON.match(after)
    rest_written = rest[0].rstrip(".,") if rest else ""
    written = f"{whole},{rest_written}"
    meant = _number_meant(written)
    if meant is None:  # `1,2,3`, `1.5,5`: no number to name, but the slip is the comma
        return _NO_NUMBER_SAID
    tail = after[len(rest_written) :]
    unit = _UNIT_AFTER.match(tail.lstrip(" \t"))
    if unit is not None:
        return _alone(written + tail[: len(tail) - len(tail.lstrip(" \t")) + unit.end()], meant)
    number, otherwise = meant
    if otherwise:  # `1,000`: a thousand, or 1.000 with a decimal comma
        said = f"JSON writes a number without thousands separators ({number}), and a decimal "
        said += f"with a point ({otherwise}) if the comma marked one"
    elif "." in number and written.rfind(",") > written.rfind("."):  # its decimals' comma
        said = _decimal_comma_words(written, number)
    else:
        said = f"JSON writes a number without thousands separators ({number})"
    return said + ": a comma separates values"


def _decimal_comma_words(written: str, number: str) -> str:
    """The words for a number whose comma marks its decimals (``12,50``; ``1.234,50``, its
    thousands grouped by points too)."""
    grouped = "a number without thousands separators and " if "." in written else ""
    return f"JSON writes {grouped}a decimal with a point ({number})"


_NO_NUMBER_SAID = (
    "JSON writes a number without commas, and a decimal with a point: a comma separates values"
)
"""The hint for a number whose points and commas follow no rule (``1,2,3``)."""
_DIGITS_ON = re.compile(r"[0-9][0-9.,]*")
"""A number's digits and the points and commas between them, from where orjson stopped."""


def _left_open(still_open: list[Bracket], start: tuple[int, int], last: str = "") -> str:
    """The brackets a text that ended too early left open, innermost last; ``last`` is the
    text's last character but blanks. A text that stops after a ``,`` or a key's ``:`` was
    cut short where more was due (a line of JSON Lines whose writer stopped mid-event): it had
    been told to add the closing brackets, which after the ``,`` makes the text no JSON still
    ("a comma after the last item"), and its rest, not its bracket, is what is missing (found
    by review)."""
    innermost = still_open[-1]
    closing = "".join(_CLOSES[bracket[0]] for bracket in reversed(still_open))
    if len(still_open) == 1:
        ends = "object" if innermost[0] == "{" else "list"
        open_ = f"{_place(innermost, start)} is never closed"
        add = f"add `{closing}` where its {ends} ends"
    else:
        open_ = f"{len(still_open)} brackets are never closed (the innermost is "
        open_ += f"{_place(innermost, start)})"
        add = f"`{closing}` is missing"
    if last == ",":
        due = "a key" if innermost[0] == "{" else "a value"
        return (
            f"{open_}, and the text stops after a `,`, where {due} was due: {_REST_MISSING}, "
            f"or end it with `{closing}` in place of that `,`"
        )
    if last == ":" and innermost[0] == "{":
        return f"{open_}, and the text stops after a key's `:`, its value due: {_REST_MISSING}"
    return f"{open_}: {add}"


_REST_MISSING = "the rest of the event is missing (cut short?); send it whole"
"""What a text that stops where more was due is missing, and what to do."""


class _Scan:
    """The brackets of a text up to where orjson stopped, paired outside its strings, and
    where its layout says a closer went missing."""

    def __init__(self, text: str, stop: int, element: bool) -> None:
        self.text = text
        self.stop = stop
        self.element = element
        self.lines = text.split("\n")
        self._starts = [0] * len(self.lines)
        for index in range(1, len(self.lines)):
            self._starts[index] = self._starts[index - 1] + len(self.lines[index - 1]) + 1
        self._indents = [len(line) - len(line.lstrip(" \t")) for line in self.lines]
        self._ends = [len(line.rstrip()) for line in self.lines]
        self._next_content = [len(self.lines)] * (len(self.lines) + 1)
        """For each line, the first line from it on that holds more than blanks."""
        for index in range(len(self.lines) - 1, -1, -1):
            filled = self._ends[index] > 0
            self._next_content[index] = index if filled else self._next_content[index + 1]
        self.still_open: list[Bracket] = []
        self.text_left_open = ""
        """The string the text stops inside (``"cut off`` of ``{"text": "cut off``, with no line
        end after it); "" when it stops elsewhere."""
        self.suspects: list[tuple[Bracket, int]] = []
        """Brackets the layout shows closed too late, each with the line its closer belongs
        before (at most MAX_REPAIRS)."""
        self.whole = self._pair()

    def _pair(self) -> bool:
        """Pair the brackets before the stop; False when a string is never closed on its line
        or a closer does not pair (orjson would have stopped there: it cannot be before)."""
        line, line_start = 0, 0
        for token in _TOKENS.finditer(self.text, 0, self.stop):
            mark = token[0]
            if mark[0] == "\n":
                line += mark.count("\n")
                line_start = token.start() + mark.rfind("\n") + 1
                if self.still_open and self._misplaced(self.still_open[-1], line):
                    self._suspect(self.still_open[-1], line)
            elif mark in _CLOSES:
                column = token.start() - line_start
                self.still_open.append((mark, line, column, token.start()))
            elif mark in "}]":
                if not self.still_open or _CLOSES[self.still_open[-1][0]] != mark:
                    return False  # pragma: no cover - kept: orjson stops at such a closer
                closed = self.still_open.pop()
                if self._closed_late(closed, line, token.start() - line_start):
                    self._suspect(closed, line)
            elif len(mark) == 1 or mark[-1] != '"' or _odd_escape(mark):
                if token.end() == self.stop:  # the data ended inside it
                    self.text_left_open = mark
                return False  # a string never closed on its line
        return True

    def _suspect(self, bracket: Bracket, line: int) -> None:
        if len(self.suspects) < MAX_REPAIRS:
            self.suspects.append((bracket, line))

    def _misplaced(self, innermost: Bracket, line: int) -> bool:
        """Whether ``line`` (just begun) is indented no deeper than the line the innermost open
        bracket ended, and does not start with its closer."""
        depth = self._laid_out(innermost, line)
        if depth is None or not self._ends[line] or self._indents[line] > depth:
            return False
        return self.lines[line][self._indents[line]] != _CLOSES[innermost[0]]

    def _closed_late(self, opening: Bracket, line: int, column: int) -> bool:
        """Whether the closer at ``line`` and ``column``, first on its line, is indented less
        than the line its opening bracket ended."""
        depth = self._laid_out(opening, line)
        return depth is not None and column == self._indents[line] and column < depth

    def _laid_out(self, opening: Bracket, line: int) -> int | None:
        """The indentation of the line an opening bracket ends, when what it holds is laid out
        as pretty-printed JSON lays it out: on the lines after it, indented deeper, before
        ``line``; None otherwise (no layout to go by)."""
        _, at_line, at_column, _ = opening
        if self._ends[at_line] > at_column + 1:
            return None  # something after it on its line
        following = self._next_content[at_line + 1]
        if following >= line or self._indents[following] <= self._indents[at_line]:
            return None
        return self._indents[at_line]

    def layout_repair(self, ended: bool, start: tuple[int, int]) -> str:
        """The hint to add a closer where the layout says it went missing, when the text so
        repaired reads further; "" when no such place does."""
        for bracket, line in self.suspects:
            at = self._starts[line] + self._indents[line]
            closer = _CLOSES[bracket[0]]
            written = [closer + ",", closer] if self.text[at : at + 1] in VALUE_STARTS else [closer]
            for added in written:
                repaired = self.text[:at] + added + self.text[at:]
                if _reads_further(repaired, self.stop + len(added), ended, self.element):
                    return (
                        f"{_place(bracket, start)} seems never closed: add `{added}` before "
                        f"line {start[0] + line}"
                    )
        return ""

    def closer_repair(self, found: str, start: tuple[int, int]) -> str:
        """The hint for a closing bracket ``found`` at the stop where another was due (add the
        one due before it, or remove it, whichever reads further), or after the text was
        closed whole, where none was (remove it)."""
        text, stop = self.text, self.stop
        if self.still_open:
            innermost = self.still_open[-1]
            due = _CLOSES[innermost[0]]
            mended = text[:stop] + due + text[stop:]
            if due != found and _reads_further(mended, stop + 1, False, self.element):
                open_here = f"{_place(innermost, start)} is still open here"
                return f"{open_here}: add `{due}` before this `{found}`"
        if _reads_further(text[:stop] + text[stop + 1 :], stop, False, self.element):
            return f"this `{found}` is one too many: remove it"
        return ""


def _reads_further(repaired: str, past: int, ended: bool, element: bool) -> bool:
    """Whether a repaired text reads whole, or past ``past`` (where the original stopped, in
    the repaired text); a text that ended too early may end too early again, later (another
    bracket is missing too). An ``element`` of a JSON array may be given with the array's
    comma and the elements after it: a repaired text that reads whole up to those reads whole;
    any other text read whole before its end was closed too soon."""
    try:
        orjson.loads(repaired)
    except orjson.JSONDecodeError as refused:
        if "after document" in refused.msg:  # whole, and then the array's `,` or `]`?
            return element and _array_goes_on(repaired[refused.pos :])
        if refused.pos > past:
            return True
        return ended and refused.pos >= past and "end of data" in refused.msg
    return True


_KEY_AHEAD = re.compile(r'[ \t\r\n]*"(?:[^"\\\n]|\\.)*"[ \t\r\n]*:')
"""A key and its colon: a member of the object, not another element of an array."""


def _array_goes_on(rest: str) -> bool:
    """Whether what follows a text read whole is how an array goes on after its element: its
    end, or a comma and another element (not a key: then the text was closed too soon)."""
    rest = rest.lstrip(" \t\r\n")
    if rest[:1] in ("", "]"):
        return True
    return rest[:1] == "," and _KEY_AHEAD.match(rest, 1) is None


def _place(bracket: Bracket, start: tuple[int, int]) -> str:
    """The bracket and where it is in the input, the text starting at ``start`` (line and
    column) of it."""
    opened, line, column, _ = bracket
    column += 1 + (start[1] if line == 0 else 0)
    return f"the `{opened}` at line {start[0] + line}, column {column}"


def _odd_escape(string: str) -> bool:
    """Whether a string token's last quote is escaped (an odd run of backslashes before it),
    so that the string is not closed."""
    body = string[:-1]
    return (len(body) - len(body.rstrip("\\"))) % 2 == 1


def _control_name(char: str) -> str:
    """A control character in words, as the plan's checks name it (:func:`engine.escapes.called`:
    a form feed, the control character U+0001), a tab too."""
    return "a tab" if char == "\t" else called(char)


_VALUE_KINDS = "a text in double quotes, a number, true, false, null, a list or an object"
_BETWEEN = "JSON allows only spaces, tabs and line ends between values"

_REASONS = {
    "unexpected character, expected a JSON value": (
        f"a value was due here ({_VALUE_KINDS})",
        "",
    ),
    "unexpected character, expected a string key": (
        "a key was due here, written in double quotes",
        'write the key in double quotes, followed by `:` and its value ("id": 1)',
    ),
    "unexpected character, expected ',' or '}'": (
        "a `,` (before the next key) or the `}` that closes the object was due here",
        "",
    ),
    "unexpected character, expected ',' or ']'": (
        "a `,` (before the next item) or the `]` that closes the list was due here",
        "",
    ),
    "unexpected character, expected ':' after key": (
        "a `:` was due here, between the key and its value",
        'write the key, a colon, then its value ("id": 1)',
    ),
    "trailing comma is not allowed": (
        "a comma after the last item of a list or object",
        "remove it",
    ),
    "no digit after sign": ("a `-` without a number after it", "write the number after it"),
    "no digit after decimal point": (
        "a number ends with its decimal point",
        "write a digit after the point (1.0), or leave the point out (1)",
    ),
    "no digit after exponent sign": (
        "a number's exponent has no digits",
        "write 1e5, or the number in full",
    ),
    "invalid escaped sequence in string": (
        "a backslash in a text starts no escape JSON knows",
        "write a backslash itself as \\\\ (JSON's escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t "
        "and \\u with 4 hex digits)",
    ),
    "unexpected end of data": ("the event ends too early", ""),
    "unexpected content after document": ("there is more after the event's end", ""),
}
"""orjson's reasons in a manager's words: what is wrong, and what to write (left to the hint of
:func:`hint` when there is one). A reason not here (none met so far) is given as orjson says."""


_SHORT_ESCAPE = (
    "a `\\u` escape in a text without its 4 hex digits",
    "write \\u and 4 hex digits (\\u00e9 is é), or a backslash itself as \\\\",
)
"""What is wrong with ``"\\u12"`` and what to write: it had been told "a backslash in a text
starts no escape JSON knows", though ``\\u`` is one, its digits missing (found by review)."""


def _blank_to_the_eye(char: str) -> bool:
    """Whether ``char`` is a space other than the ASCII one, a line or paragraph separator, or
    a character that shows as nothing (a zero-width space, a byte-order mark): pasted from a
    web page or a word processor between an event's keys and values, where JSON allows only
    ASCII blanks. Its place looked right, so orjson's reason ("a key was due here, written in
    double quotes", beside a key in double quotes) sent the reader looking for a mistake they
    could not see (found by review)."""
    return bool(char) and not char.isascii() and unicodedata.category(char) in _BLANKS


_BLANKS = frozenset({"Zs", "Zl", "Zp", "Cf"})


_COMMA_AFTER_AN_EVENT = (
    "remove it: events one a line (JSONL) have no comma between them; a list of events with "
    "commas is a JSON array, in `[` and `]`"
)
"""What to write for an event followed by a comma, as a JSON array's items are written one a
line with the brackets taken away: each line had been told "there is more after the event's
end" alone, with nothing on what that more was (found by a new user's trial)."""


def reason(said: str, found: str, first: bool, after: str = "") -> tuple[str, str]:
    """What is wrong where orjson stopped for the reason ``said``, at the character ``found``
    ("" at the end of the data); ``first``: nothing but blanks is before it in the text, so
    it stands where an event was due; ``after``: the text from there, a few characters of it
    at least ("" when not at hand). Given as what is wrong and what to write ("" when only a
    hint of :func:`hint` can say)."""
    if said == "invalid escaped sequence in string" and after.startswith("\\u"):
        return _SHORT_ESCAPE
    if _blank_to_the_eye(found) and said.startswith("unexpected"):  # where a value, a key, a
        # bracket, a `,` or a `:` was due, or nothing more ("unexpected content after document")
        return (
            f"{character_named(found)}, which is blank to the eye but not to JSON",
            f"{_BETWEEN}: remove it, or type an ordinary space in its place",
        )
    if "after document" in said or said.endswith(("JSON value", "string key")):
        if found in ("/", "#"):
            return "a comment, which JSON cannot hold", "remove it"
        if found and (ord(found) < 0x20 or found == "\x7f") and found not in "\t\n\r":
            return (
                f"{_control_name(found)}, which is blank to the eye but not to JSON",
                f"{_BETWEEN}: remove it",
            )
    if first and found in (",", "]", "}", ":"):
        return f"a `{found}` alone, where an event was due", "remove it"
    if found == "," and "after document" in said:  # `{...},` a line, as an array's items are
        return "a `,` after the event's end", _COMMA_AFTER_AN_EVENT
    if said.endswith("JSON value") and found in (",", "]", "}"):
        return f"a `{found}` where a value was due ({_VALUE_KINDS})", ""
    if said.endswith("string key") and found == ",":  # `"a": 1,, "b": 2` or `{, "a": 1}`:
        return "a `,` where a key was due", "remove it"  # had been told to write a key, as if
        # none were; and not "a second `,`", which `{,` is not (found by review)
    if said.endswith("JSON value") and found.isalpha():
        return "a word JSON does not know, where a value was due", (f"write {_VALUE_KINDS}")
    if said == "no digit after sign" and found in (".", "+"):
        return "a number starts with a digit, or `-` and a digit", (
            "write a 0 before the point (0.5)" if found == "." else "leave out the `+`"
        )
    if said.startswith("invalid literal"):
        return (
            "a word JSON does not know",
            "true, false and null are written in full, in small letters",
        )
    if said.startswith("number with leading zero"):
        return "a number starts with a 0, which JSON does not allow", (
            "write it without its leading zeros, or in double quotes to keep it as written (a "
            "postcode, an order number)"
        )
    if said == "unexpected control character in string":
        escape = "\\t" if found == "\t" else f"\\u{ord(found or ' '):04x}"
        return f"a text holds {_control_name(found or ' ')}", f"write it as {escape}"
    return _REASONS.get(said, (said, ""))
