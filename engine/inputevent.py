"""One event as read from an input, and how a JSON text becomes one.

Both ways of reading an input, JSON Lines streamed line by line (:mod:`engine.streams`) and a
JSON document read whole (:mod:`engine.jsondocs`), make the same :class:`InputEvent` from the
same JSON text: parsed by orjson and held to :mod:`engine.limits`, or carrying the reason it
could not be, in words a manager can act on, with a stable code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson

from engine import repeatedkeys
from engine.errors import EventError
from engine.limits import MAX_DEPTH, check_event, written_back_within_limits
from engine.utf16 import NOT_UTF16, UTF16_BOMS

if TYPE_CHECKING:
    from engine.jsondocs import ElementLines


@dataclass(slots=True)
class InputEvent:
    """One event read from an input, or the reason it could not be read.

    Not frozen, though nothing changes one once made: one is made per input line, and a frozen
    dataclass (which sets each field through ``object.__setattr__``) costs about five times as
    much to build.
    """

    source: str
    line: int
    """1-based line where the event starts (0 when unknown); for an element of a valid JSON
    array, the line where the array starts: :meth:`start_line` tells the element's own."""
    index: int
    """0-based position of the event in its input."""
    value: Any = None
    error: str | None = None
    code: str = ""
    elements: ElementLines | None = field(default=None, compare=False, repr=False)
    """For an element of a JSON array: where the array's elements start (how to find the
    event, not part of it: events read twice from the same bytes are equal)."""

    def start_line(self) -> int:
        """The line where this event starts, to name in an error record or message."""
        if self.elements is None:
            return self.line
        return self.elements.line(self.index, self.line)

    def part_of(self) -> Any:
        """The event this record's line is part of, whose id its error record names: None but
        for a line of an event cut over lines (:class:`CutLine`)."""
        return None


@dataclass(slots=True)
class CutLine(InputEvent):
    """The error record of a line of an event cut over lines (``engine.streams``), with the
    event its lines make joined: its record names the event's id. A class of its own, so that
    the usual event, made once a line, holds no field more."""

    event: Any = None

    def part_of(self) -> Any:
        """The event the lines make, joined, so its record names the event's id."""
        return self.event


@dataclass(slots=True)
class OverLimit(InputEvent):
    """The error record of an event that exceeds a limit (``engine.limits``), with the event's
    ``id`` alone: its record names it, checked as any record's is
    (``engine.answerer.error_record``), so an integrator can route the refusal back to its
    complaint. Such a record had said ``"event_id": null`` for a complaint whose only fault
    was a long email thread in its text, where a record for a bad time names its id (found by
    review). The id alone, not the event: the rest stays unread, and a record sent to or from a
    worker carries no more than it did."""

    event_id: Any = None

    def part_of(self) -> Any:
        """An event of the id alone: what its record names, and no more."""
        return {"id": self.event_id}


@dataclass(slots=True)
class RepeatedKey(InputEvent):
    """The error record of an event whose JSON writes a key twice with different values
    (``engine.repeatedkeys``), with the event as read (each such key's last value): its record
    names the event's id, as a record for a bad time does, unless the id is what is repeated
    (then None)."""

    event: Any = None

    def part_of(self) -> Any:
        """The event as parsed (None when its id is the key written twice): its record names
        the event's id only where the id is not in doubt."""
        return self.event


BOM = b"\xef\xbb\xbf"
_NOT_A_NUMBER = re.compile(r"-?(?:NaN|Infinity)")
_CR_APART = re.compile(rb"\}[ \t]*\r[ \t\r]*(?:\xef\xbb\xbf)?\{")
"""An object's end, carriage returns alone, the next object's start: JSONL whose lines end
with a carriage return alone (the line ending of old Macs), which reads as a single line."""
CR_APART_REACH = 256
"""How many bytes of one chunk of a long line are kept to find :data:`_CR_APART` across the
end of the chunk: a match longer than this (a run of hundreds of blanks) is not looked for."""
CR_LINES_HINT = (
    "this line holds several events kept apart by a carriage return alone (the line ending of "
    "old Macs), so they read as one line: end each line with a newline instead (for example "
    "`tr '\\r' '\\n' < events.jsonl > fixed.jsonl`, or save the file with Unix or Windows "
    "line endings) and send them again"
)


_BOM_APART = re.compile(rb"\}[ \t]*(?:\xef\xbb\xbf[ \t]*)+\{")
"""An object's end, a byte-order mark, the next object's start: files joined with ``cat``, each
saved with a mark, where one did not end with a line end."""
BOM_JOINED_HINT = (
    "this line holds several events joined by a byte-order mark (the invisible character "
    "U+FEFF, which a file may start with), as `cat` joins files whose last line has no line "
    "end: put each event on a line of its own (join the files with a line end after each, "
    'for example `for f in *.jsonl; do cat "$f"; echo; done > all.jsonl`, or save them as '
    "UTF-8 without a byte-order mark) and send them again"
)
"""Said of such a line, which had been told "a zero width no-break space (U+FEFF), which is
blank to the eye but not to JSON ... remove it, or type an ordinary space in its place": a
space there still leaves two events on one line, which eval refuses."""


def _joined_by_bom(raw: bytes) -> bool:
    """Whether ``raw`` holds an object's end, a byte-order mark and the next object's start
    (:data:`_BOM_APART`) outside a string: an event whose text holds ``}``, the mark and ``{``
    (a note pasted from a file saved with a mark), refused for another mistake, had been told
    it held several events joined by a mark, and not its own mistake."""
    return any(
        _ESCAPED.sub(b"", raw[: joined.start()]).count(b'"') % 2 == 0
        for joined in _BOM_APART.finditer(raw)
    )


_ESCAPED = re.compile(rb"\\.")
"""A backslash and the byte it escapes (an escaped quote does not close a string)."""


def lines_end_with_cr(raw: bytes) -> bool:
    """Whether a line that could not be read holds events kept apart by carriage returns alone
    (only asked of a line already refused: a manager's fix is worth a search)."""
    return _CR_APART.search(raw) is not None


GZIP_MAGIC = b"\x1f\x8b"
"""How a gzip file starts: compressed events (a log's, a web hook's body sent on as it came)."""
COMPRESSED = (
    "the input is compressed (gzip), so its lines are not events: decompress it on the way "
    "in, with `zcat` or `gunzip -c`"
)
"""Said at the first line of compressed input, which a pipe gives with no other word: a file
of it is named on standard error too (``engine.inputkind.not_events``)."""


MARKS_STACKED = (
    "the event starts with more than one byte-order mark (the invisible character U+FEFF, "
    "which a file may start with once; files joined with `cat` can stack them): remove the "
    "extra ones, or save the files as UTF-8 without a byte-order mark"
)
"""Said of an event after a second byte-order mark, which orjson refuses in words that name
UTF-8: it had been told "the event is not valid UTF-8 text", and a manager who checked the
file's encoding found nothing wrong (found by review)."""


NOT_UTF8 = (
    "the event is not valid UTF-8 text: it holds bytes of another encoding (such as "
    "Windows-1252) or binary data; save or send the events as UTF-8"
)
"""Said of an event with bytes that are not UTF-8, with what to do: it had said what was wrong
alone (found by an operator's replay)."""


def not_utf8(raw: bytes) -> str:
    """What is wrong with an event's bytes that are not UTF-8: :data:`NOT_UTF8`, or, for one a
    Japanese Windows tool saved (Shift-JIS, holding kana), that encoding and the character
    where UTF-8 failed, as a plan file so saved is told. Such a file had been told "such as
    Windows-1252", an encoding its author never used (found by writing a Tokyo shop's plan)."""
    from engine.documents import saved_as_shift_jis  # only now: most events are UTF-8

    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        japanese = saved_as_shift_jis(raw, exc.start)
        if japanese:
            return f"the event is not valid UTF-8 text{japanese}; save or send the events as UTF-8"
    return NOT_UTF8


VALUE_STARTS = frozenset('"{[-0123456789tfn')
"""The characters a JSON value (or an object's key) can start with."""


def parse_json(
    raw: bytes, line: int = 1, column: int = 0, *, element: bool = False
) -> tuple[Any, str | None, str]:
    """Parse one JSON text, which starts on ``line`` of its input, ``column`` characters into
    that line; a byte-order mark before it is ignored (RFC 8259 allows that). ``element``: the
    text is an element of a JSON array, perhaps with the array's comma and the next elements
    after it (where it ends could not be told)."""
    try:
        return orjson.loads(raw.removeprefix(BOM)), None, ""
    except orjson.JSONDecodeError as exc:
        return (None, *_explain(exc, raw.removeprefix(BOM), line, column, element))


CUT_SHORT = "the rest of the event is missing (cut short?); send it whole"
"""What to do with an event whose text ends with its brackets left open (:data:`UNFINISHED`,
:data:`engine.jsonslips.CUT_IN_TEXT`): said alike wherever it is found."""

UNFINISHED = f", the event unfinished: {CUT_SHORT}, a line break inside a text written as \\n"
"""What is wrong when a line ends inside a text value and nothing comes after it in the text
read (a line of JSON Lines, a file's end): the event was cut there, or its text went on on the
next line. It had been told only to close the text with its `"` (or to write a line break as
\\n), which leaves the event's brackets open (found by a new user's trial)."""

TEXT_GOES_ON = '; close the text with its `"`, or write a line break inside it as \\n'
"""What to do when a text value of an event written over several lines holds a line break."""

COLUMN_TITLES = "the line is a spreadsheet's column titles (a CSV header), not an event"
"""What a line of column titles among events is (:func:`engine.inputkind.column_titles`)."""

COLUMN_TITLES_FIX = (
    "remove the line; if the lines under it are the spreadsheet's rows, export them as JSON "
    "instead, one object a line"
)
"""What to do with a line of column titles among events."""

SPREADSHEET_ROW = (
    "the line is values between commas, semicolons or tabs (a spreadsheet's row, or its "
    "column titles), not an event"
)
"""What a line of cells under an input's first line is: a row of a spreadsheet's export as
well as a header (``c-1042,review,Order arrived late``) is made of words between commas, and
every such row had been told it was "the spreadsheet's column titles", to remove (found by
review)."""

SPREADSHEET_ROW_FIX = (
    "export the spreadsheet's rows as JSON instead, one object a line, and remove any line of "
    "column titles"
)
"""What to do with a line of cells among events, below the input's first line."""


_CLOSERS = re.compile(r"[\]}\s]*\Z")
"""The brackets (and blanks) that close a line, after a text left open."""


def quote_left_out(before: str) -> bool:
    """Whether the line ``before`` its end, inside a text value, is a whole event but for the
    text's closing `"` (``"text": "late}``): its brackets are closed, so it is not cut short,
    and it had been told "the event unfinished: the rest of the event is missing" (found by
    review)."""
    at = _CLOSERS.search(before)
    start = at.start() if at else len(before)
    try:
        orjson.loads(f'{before[:start]}"{before[start:]}')
    except orjson.JSONDecodeError:
        return False
    return True


def _cells(first: bool, where: str) -> str:
    """What is wrong with a line of cells (:func:`engine.inputkind.column_titles`): the
    input's ``first`` line is its column titles; a line under it may be a row as well."""
    what, fix = (
        (COLUMN_TITLES, COLUMN_TITLES_FIX) if first else (SPREADSHEET_ROW, SPREADSHEET_ROW_FIX)
    )
    return f"not valid JSON: {what} (at {where}); {fix}"


def _explain(
    exc: orjson.JSONDecodeError, raw: bytes, line: int, column: int, element: bool
) -> tuple[str, str]:
    """orjson's reason in words a manager can act on, with a stable code; positions are lines
    and columns of the whole input (orjson counts from the start of the text it was given)."""
    lineno, colno = _error_place(exc, raw)
    where = f"line {line + lineno - 1}, column {colno + (column if lineno == 1 else 0)}"
    text = f"{exc.msg} (at {where})"
    lowered = text.lower()
    if raw.startswith(UTF16_BOMS):
        return "the input is UTF-16 text; save or send it as UTF-8", "bad-encoding"
    if raw.startswith(GZIP_MAGIC):
        return COMPRESSED, "bad-encoding"
    if raw.startswith(BOM):  # one more after the one taken off: orjson's words said "UTF-8"
        return MARKS_STACKED, "bad-encoding"
    if "utf-8" in lowered:
        if NOT_UTF16 in raw:  # engine.utf16's stand-in for bytes a UTF-16 input cannot hold
            return "the event holds bytes that are not UTF-16 text (half a character)", (
                "bad-encoding"
            )
        return not_utf8(raw), "bad-encoding"
    if "surrogate" in lowered:
        return (
            f"the event holds a \\u escape for half a character (a lone surrogate, at {where}); "
            "write the character itself, or both halves of its escape (\\ud83d\\ude00)",
            "bad-encoding",
        )
    if lines_end_with_cr(raw):  # before what is wrong in the first event: this is the cause
        return f"not valid JSON (at {where}): {CR_LINES_HINT}", "bad-json"
    if _joined_by_bom(raw):  # the cause, as a carriage return alone is
        return f"not valid JSON (at {where}): {BOM_JOINED_HINT}", "bad-json"
    if "depth limit" in lowered or "recursion" in lowered:
        return f"the event nests deeper than {MAX_DEPTH} levels", "too-deep"
    if "failed to allocate memory" in lowered:  # orjson's words for hundreds of `[` or `{`
        # left open (found by review): its position says nothing either
        from engine.jsonslips import still_open  # only for a text that is no JSON

        if len(still_open(raw.decode("utf-8", "replace"))) > MAX_DEPTH:
            return f"the event nests deeper than {MAX_DEPTH} levels", "too-deep"
        # (kept: orjson runs out only hundreds of levels deep, which still_open counts too)
        return "not valid JSON: a list or object is never closed", "bad-json"  # pragma: no cover
    if "infinity" in lowered and "double" in lowered:
        return (
            f"a number at {where} is too large (beyond about 1.8e308); send it as text",
            "bad-number",
        )
    # orjson counts the position in characters: decode enough bytes to reach it.
    near = raw[: 4 * (exc.pos + 16)].decode("utf-8", "replace")
    head = near[max(exc.pos - 1, 0) :]
    if _NOT_A_NUMBER.match(head) or _NOT_A_NUMBER.match(head[1:]):
        return (
            f"NaN and Infinity (at {where}) are not JSON numbers; send null or an ordinary number",
            "bad-number",
        )
    found = near[exc.pos : exc.pos + 1]
    if "control character" in lowered and found in ("\n", "\r", ""):
        ends = not raw[len(near[: exc.pos].encode()) :].strip()  # the line, or the input, ends
        said = UNFINISHED if ends and not quote_left_out(near[: exc.pos]) else TEXT_GOES_ON
        return f"not valid JSON: the line ends inside a text value (at {where}){said}", "bad-json"
    from engine.inputkind import column_titles  # only for a text that is no JSON

    if lineno == 1 and not element and column_titles(raw):  # `"id","type"` too
        return _cells(line == 1, where), "bad-json"
    from engine import jsonslips  # only for a text that is no JSON

    hint = jsonslips.hint(raw, exc.pos, exc.msg, (line, column), element)
    after = near[exc.pos : exc.pos + 8]
    wrong, fix = jsonslips.reason(exc.msg, found, not near[: exc.pos].strip(), after)
    said = hint or fix
    return f"not valid JSON: {wrong} (at {where}){f'; {said}' if said else ''}", "bad-json"


def _error_place(exc: orjson.JSONDecodeError, raw: bytes) -> tuple[int, int]:
    """The line and column (1-based, in ``raw``) where reading failed. Where the data ended
    too early, that is just past its last character: orjson places it after the line end and
    any blanks that follow, on the next line, which holds another event or nothing."""
    text = raw.decode("utf-8", "replace")
    if text[exc.pos :].strip():
        return exc.lineno, exc.colno
    content = text.rstrip()
    return content.count("\n") + 1, len(content) - content.rfind("\n")


def checked(
    source: str,
    line: int,
    index: int,
    value: Any,
    elements: ElementLines | None = None,
    text: bytes | None = None,
) -> InputEvent:
    """An input event for a parsed value, or its error record when it exceeds a limit
    (``elements``: where the elements start, for an element of a JSON array) or, given the
    JSON ``text`` it was parsed from, writes a key twice (:func:`keys_once`).

    The usual event is vouched for by its JSON text written back
    (:func:`~engine.limits.written_back_within_limits`); only another is walked (:func:`walked`).
    """
    if written_back_within_limits(value):
        event = InputEvent(source, line, index, value=value, elements=elements)
    else:
        event = walked(source, line, index, value, elements)
    return event if text is None else keys_once(event, text)


def keys_once(event: InputEvent, text: bytes) -> InputEvent:
    """The event read from the JSON ``text``, or its error record (:class:`RepeatedKey`) when
    the text writes a key of one of its objects twice with different values; an error record
    already made is kept (a limit is told first)."""
    if event.error is not None:
        return event
    told = repeatedkeys.told(text.removeprefix(BOM), event.value, event.start_line())
    if told is None:
        return event
    message, named = told
    return repeated(event, message, named)


def repeated(event: InputEvent, message: str, named: Any) -> InputEvent:
    """The :class:`RepeatedKey` record of ``event``, told ``message``, naming ``named``."""
    return RepeatedKey(
        event.source, event.line, event.index, None, message, "repeated-key", event.elements, named
    )


def walked(
    source: str, line: int, index: int, value: Any, elements: ElementLines | None = None
) -> InputEvent:
    """:func:`checked` by walking the value, for one whose JSON text is known to be too long
    for a quicker check."""
    try:
        check_event(value)
    except EventError as exc:
        given = value.get("id") if value.__class__ is dict else None
        return OverLimit(source, line, index, None, exc.message, exc.code, elements, given)
    return InputEvent(source, line, index, value=value, elements=elements)
