"""Reading complaint events from files and stdin: a JSON object, a JSON array, or JSONL.

Each input event becomes one :class:`InputEvent` — parsed, or carrying the reason it could not
be — so the caller can write exactly one output line per input, in order. JSONL is streamed line
by line (memory stays flat however long the stream), or cut into pieces of whole lines that are
read apart, by worker processes (:mod:`engine.parallel`), exactly as the whole would be; a JSON
array or a single pretty-printed object is read whole, within :data:`MAX_DOCUMENT_BYTES`.

Every parsed event is held to :mod:`engine.limits`. Hostile input is handled deterministically
(see docs/security.md): a byte-order mark before a JSON text is ignored; invalid UTF-8, NaN,
Infinity, numbers beyond the float range and nesting beyond the limit become error records with
their own codes; in an object with a repeated key the last value wins (orjson's rule); whole
numbers beyond 64 bits arrive as floats.
"""

from __future__ import annotations

import functools
import io
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

import orjson

from engine.errors import EventError
from engine.limits import MAX_DEPTH, check_event, short_text_within_limits

MAX_EVENT_BYTES = 1 << 20
"""Largest single event (one JSONL line): 1 MiB."""
MAX_DOCUMENT_BYTES = 64 << 20
"""Largest whole JSON document (an array of events): 64 MiB; use JSONL beyond that."""


@dataclass(slots=True)
class InputEvent:
    """One event read from an input, or the reason it could not be read.

    Not frozen, though nothing changes one once made: one is made per input line, and a frozen
    dataclass (which sets each field through ``object.__setattr__``) costs about five times as
    much to build.
    """

    source: str
    line: int
    """1-based line where the event starts (0 when unknown); for an element of a JSON array,
    the line where the array starts: :meth:`start_line` tells the element's own."""
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


class ElementLines:
    """The lines where the elements of one JSON array start, worked out when first asked.

    orjson parses the array whole and says nothing of where each element was. Only an error
    record needs that, so the valid events of a large array never pay for finding out; the
    first error scans the array once (the standard library's ``raw_decode`` walks it element by
    element and says where each one ends): about 1 s for an array of 100,000 events (40 MB),
    against about 8 s to decide them.
    """

    __slots__ = ("_first_line", "_lines", "_raw")

    def __init__(self, raw: bytes, first_line: int) -> None:
        self._raw: bytes | None = raw
        self._first_line = first_line
        self._lines: list[int] = []

    def line(self, index: int, otherwise: int) -> int:
        """The line where element ``index`` starts (``otherwise`` if it cannot be found)."""
        raw = self._raw
        if raw is not None:
            self._raw = None  # scanned once; the bytes are no longer needed
            self._lines = _element_lines(raw, self._first_line)
        return self._lines[index] if index < len(self._lines) else otherwise


_BLANK = re.compile(r"[ \t\n\r]*")
"""The whitespace JSON allows between values."""


def _past_blanks(text: str, at: int) -> int:
    """The position of the first character from ``at`` on that is not JSON whitespace."""
    blanks = _BLANK.match(text, at)
    assert blanks is not None  # the pattern matches the empty text
    return blanks.end()


def _element_lines(raw: bytes, first_line: int) -> list[int]:
    """The line where each element of the JSON array in ``raw`` starts (``raw`` starts on
    ``first_line`` and holds one array that orjson has already read without error).

    Stops early, with the lines found so far, on anything the standard library reads otherwise
    than orjson (such as nesting beyond its recursion limit); the caller then names the array's
    own line for the elements not found.
    """
    text = raw.decode("utf-8", "replace")
    decoder = json.JSONDecoder()
    lines: list[int] = []
    line, counted = first_line, 0
    at = _past_blanks(text, text.index("[") + 1)
    try:
        while text[at] != "]":
            line += text.count("\n", counted, at)
            counted = at
            lines.append(line)
            at = _past_blanks(text, decoder.raw_decode(text, at)[1])
            if text[at] == ",":
                at = _past_blanks(text, at + 1)
    except (ValueError, RecursionError, IndexError):
        pass
    return lines


_BOM = b"\xef\xbb\xbf"
_NOT_A_NUMBER = re.compile(r"-?(?:NaN|Infinity)")


def _parse(raw: bytes, line: int = 1) -> tuple[Any, str | None, str]:
    """Parse one JSON text, which starts on ``line`` of its input; a byte-order mark before it
    is ignored (RFC 8259 allows that)."""
    try:
        return orjson.loads(raw.removeprefix(_BOM)), None, ""
    except orjson.JSONDecodeError as exc:
        return (None, *_explain(exc, raw.removeprefix(_BOM), line))


def _explain(exc: orjson.JSONDecodeError, raw: bytes, line: int) -> tuple[str, str]:
    """orjson's reason in words a manager can act on, with a stable code; positions are lines
    of the whole input (orjson counts from the start of the text it was given)."""
    where = f"line {line + exc.lineno - 1}, column {exc.colno}"
    text = f"{exc.msg} (at {where})"
    lowered = text.lower()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "the input is UTF-16 text; save or send it as UTF-8", "bad-encoding"
    if "utf-8" in lowered:
        return "the event is not valid UTF-8 text", "bad-encoding"
    if "surrogate" in lowered:
        return (
            f"the event holds a \\u escape for half a character (a lone surrogate): {text}",
            "bad-encoding",
        )
    if "depth limit" in lowered or "recursion" in lowered:
        return f"the event nests deeper than {MAX_DEPTH} levels", "too-deep"
    if "infinity" in lowered and "double" in lowered:
        return (
            f"a number at {where} is too large (beyond about 1.8e308); send it as text",
            "bad-number",
        )
    # orjson counts the position in characters: decode enough bytes to reach it.
    head = raw[: 4 * (exc.pos + 16)].decode("utf-8", "replace")[max(exc.pos - 1, 0) :]
    if _NOT_A_NUMBER.match(head) or _NOT_A_NUMBER.match(head[1:]):
        return (
            f"NaN and Infinity (at {where}) are not JSON numbers; send null or an ordinary number",
            "bad-number",
        )
    if "expected ','" in lowered:  # orjson points past the missing comma, at the next item
        return f"not valid JSON: {text}; is a comma missing before it?", "bad-json"
    return f"not valid JSON: {text}", "bad-json"


def _checked(source: str, line: int, index: int, value: Any) -> InputEvent:
    """An input event for a parsed value, or its error record when it exceeds a limit."""
    try:
        check_event(value)
    except EventError as exc:
        return InputEvent(source, line, index, error=exc.message, code=exc.code)
    return InputEvent(source, line, index, value=value)


def read_events(stream: IO[bytes], source: str) -> Iterator[InputEvent]:
    """Events from one binary stream (a file or stdin), in order."""
    opening = open_events(stream, source)
    if isinstance(opening, JsonlStart):
        opening = jsonl_events(opening, stream, source)
    yield from opening


@dataclass(slots=True, frozen=True)
class JsonlStart:
    """The start of a JSONL input: what was read to tell it from one JSON document."""

    head: bytes
    """The lines read so far, from the first non-blank one (its byte-order mark removed on the
    input's first line); the rest of the input is still in the stream."""
    line: int
    """The line number of the head's first line."""

    @property
    def whole(self) -> bool:
        """Whether the head ends where a line ends; it does, unless the first line is over the
        size limit or the first line of a JSONL file over 64 MiB is broken."""
        return self.head.endswith(b"\n")


def open_events(stream: IO[bytes], source: str) -> JsonlStart | Iterator[InputEvent]:
    """Read the start of an input and say what it holds: JSONL (its start; the lines after it
    stay in the stream, for :func:`jsonl_events` or :func:`jsonl_pieces`), or the events of one
    JSON document, an array or a single object read whole (none for an empty input)."""
    line_number = 0
    first = b""
    for raw in _line_chunks(stream):  # the first non-blank line tells JSONL from one document
        line_number += 1
        if line_number == 1:
            raw = raw.removeprefix(_BOM)
        if raw.strip():
            first = raw
            break
    if not first:
        return iter(())
    stripped = first.lstrip()
    if stripped.startswith(b"["):
        return _document(first + stream.read(MAX_DOCUMENT_BYTES + 1), source, line_number)
    if stripped.startswith(b"{") and first.endswith(b"\n") and _parse(first)[1] is not None:
        # Perhaps pretty-printed objects spanning lines; perhaps a broken JSONL line.
        rest = stream.read(MAX_DOCUMENT_BYTES + 1)
        value, error, _ = _parse(first + rest)
        if error is None and isinstance(value, dict):
            return iter((_checked(source, line_number, 0, value),))
        first += rest
        if len(first) <= MAX_DOCUMENT_BYTES and not _starts_with_an_object_line(rest):
            return _one_after_another(first, source, line_number)
    return JsonlStart(first, line_number)


def _starts_with_an_object_line(text: bytes) -> bool:
    """Whether the first non-blank line of ``text`` is a whole JSON object, as in JSONL (the
    second line of a pretty-printed object is a key, or its closing brace)."""
    for raw in io.BytesIO(text):
        if raw.strip():
            value, error, _ = _parse(raw)
            return error is None and isinstance(value, dict)
    return False


def _one_after_another(raw: bytes, source: str, line: int) -> Iterator[InputEvent]:
    """The events of JSON values written one after another, each over as many lines as it
    likes (``jq .`` writes a stream of pretty-printed objects so).

    Each value is found with the standard library's ``raw_decode``, then read by orjson, as
    every other event is. A value with a mistake becomes one error record, and reading goes on
    at the next line that starts with ``{``: the start of the next object, in such output.
    """
    text = _text_or_none(raw)
    if text is None:
        yield _unreadable(raw, source, line)
        return
    decoder = json.JSONDecoder()
    at, counted, index = _past_blanks(text, 0), 0, 0
    while at < len(text):
        line += text.count("\n", counted, at)
        counted = at
        end = _value_end(decoder, text, at)
        if end is None:
            end = text.find("\n{", at) + 1 or len(text)
        yield _event_at(text, at, end, source, line, index)
        index += 1
        at = _past_blanks(text, end)


def _elements_one_by_one(raw: bytes, source: str, line: int) -> Iterator[InputEvent]:
    """The events of a JSON array that orjson refused whole: each element that is right, and
    the comma after it, is an event; each one that is not is an error record, and reading goes
    on at the next line that starts an element at the same column (in a pretty-printed array,
    the next element). Whatever else is wrong (a comma after the last element, no closing
    ``]``, more after it) is an error record of its own, so the mistake is never lost.
    """
    text = _text_or_none(raw)
    if text is None:
        yield _unreadable(raw, source, line)
        return
    decoder = json.JSONDecoder()
    at = _past_blanks(text, text.index("[") + 1)
    counted, index, problems = 0, 0, 0

    def problem(message: str) -> InputEvent:
        nonlocal problems
        problems += 1
        return InputEvent(source, line, index, error=message, code="bad-json")

    while at < len(text) and text[at] != "]":
        line += text.count("\n", counted, at)
        counted = at
        end = _value_end(decoder, text, at)
        after = len(text) if end is None else _past_blanks(text, end)
        if end is not None and (after == len(text) or text[after] in ",]"):
            event = _event_at(text, at, end, source, line, index)
            problems += event.error is not None
            at = _past_blanks(text, after + 1) if text[after : after + 1] == "," else after
            yield event
            if text[after : after + 1] == "," and text[at : at + 1] == "]":
                index += 1
                where = _at(text, after, line, counted)
                yield problem(f"not valid JSON: a comma after the last event ({where}); remove it")
        elif end is not None:  # the element is whole, but no comma or `]` comes after it
            where = _at(text, after, line, counted)
            yield problem(
                f"not valid JSON: a comma is missing after this event (the next starts {where})"
            )
            at = after
        else:
            stop = _next_element(text, at)
            event = _event_at(text, at, stop or len(text), source, line, index)
            yield problem("not valid JSON") if event.error is None else event
            problems += 1
            if stop is None:
                return
            at = stop
        index += 1
    if at >= len(text):
        yield problem("not valid JSON: the array is never closed; end it with `]`")
    elif _past_blanks(text, at + 1) < len(text):
        yield problem("not valid JSON: there is more after the array's closing `]`")
    if not problems:  # orjson refused the whole: never let its reason go unsaid
        _, error, code = _parse(raw, line)
        yield InputEvent(source, line, index, error=error, code=code)


def _text_or_none(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _unreadable(raw: bytes, source: str, line: int) -> InputEvent:
    """The one error record of an input that is not UTF-8 text (orjson says why)."""
    _, error, code = _parse(raw, line)
    return InputEvent(source, line, 0, error=error, code=code)


def _value_end(decoder: json.JSONDecoder, text: str, at: int) -> int | None:
    """Where the JSON value starting at ``at`` ends, or None when it cannot be read."""
    try:
        return decoder.raw_decode(text, at)[1]
    except (ValueError, RecursionError):
        return None


def _event_at(text: str, at: int, end: int, source: str, line: int, index: int) -> InputEvent:
    """The event (or error record) of the JSON text from ``at`` to ``end``, read by orjson as
    every event is, its positions counted in the whole input (it starts on ``line``)."""
    column = at - (text.rfind("\n", 0, at) + 1)
    value, error, code = _parse((" " * column + text[at:end]).encode(), line)
    if error is None:
        return _checked(source, line, index, value)
    return InputEvent(source, line, index, error=error, code=code)


def _next_element(text: str, at: int) -> int | None:
    """Where the next element starts after a broken one at ``at``: the next line whose first
    character is at the same column, an object's or a list's opening."""
    column = at - (text.rfind("\n", 0, at) + 1)
    found = re.compile(rf"\n[ \t]{{{column}}}(?=[{{\[])").search(text, at)
    return None if found is None else found.end()


def _at(text: str, at: int, line: int, counted: int) -> str:
    """``at line L, column C`` of a position, given the line of position ``counted``."""
    line += text.count("\n", counted, at)
    return f"at line {line}, column {at - text.rfind(chr(10), 0, at)}"


def jsonl_events(start: JsonlStart, stream: IO[bytes], source: str) -> Iterator[InputEvent]:
    """The events of a JSONL input, from its start on, one per non-blank line."""
    return _lines(_start_then_stream(start, stream), source, start.line, 0)


def _start_then_stream(start: JsonlStart, stream: IO[bytes]) -> Iterator[bytes]:
    """The line chunks of a JSONL input: its head's, then the stream's (a line that the head
    ends in the middle of goes on in the stream's first chunk)."""
    return itertools.chain(_line_chunks(io.BytesIO(start.head)), _line_chunks(stream))


_ONE_BY_ONE = frozenset(["bad-json", "bad-number", "bad-encoding"])
"""Why orjson may refuse a whole array that its elements are read one by one for: a mistake
inside one element (a surrogate escape, a NaN, a missing comma); the nesting limit and text
that is not UTF-8 stay errors of the whole."""


def _document(raw: bytes, source: str, line: int) -> Iterator[InputEvent]:
    if len(raw) > MAX_DOCUMENT_BYTES:
        yield InputEvent(
            source,
            line,
            0,
            error=f"the JSON document is larger than {MAX_DOCUMENT_BYTES >> 20} MiB; "
            "send one event per line (JSONL) instead",
            code="too-large",
        )
        return
    value, error, code = _parse(raw, line)
    if error is not None and code in _ONE_BY_ONE and raw.lstrip().startswith(b"["):
        yield from _elements_one_by_one(raw, source, line)  # a mistake in one loses no other
    elif error is not None:
        yield InputEvent(source, line, 0, error=error, code=code)
    elif isinstance(value, list):
        elements = ElementLines(raw, line)
        for index, item in enumerate(value):
            event = _checked(source, line, index, item)
            event.elements = elements
            yield event
    else:
        yield _checked(source, line, 0, value)


def _line_chunks(stream: IO[bytes]) -> Iterator[bytes]:
    """The stream's lines, none longer than one byte over the event limit (a longer line comes
    in several chunks), so a line without end never has to fit in memory."""
    return iter(functools.partial(stream.readline, MAX_EVENT_BYTES + 1), b"")


def _lines(
    chunks: Iterator[bytes], source: str, line_number: int, index: int
) -> Iterator[InputEvent]:
    """One event per non-blank line; a line over the size limit becomes one error record.

    The usual line is parsed as it comes; only a line orjson refuses goes the long way (a
    byte-order mark to drop, a blank line to skip, a reason to explain), and only a line too
    long for :func:`short_text_within_limits` to vouch for has its value walked.
    """
    oversized = False
    for raw in chunks:
        if oversized or len(raw) > MAX_EVENT_BYTES:
            if not oversized:  # the head of a line too large; its tail is skipped silently
                yield InputEvent(
                    source,
                    line_number,
                    index,
                    error=f"the event is larger than {MAX_EVENT_BYTES >> 20} MiB",
                    code="too-large",
                )
                index += 1
            oversized = not raw.endswith(b"\n")
            line_number += not oversized
            continue
        try:
            value = orjson.loads(raw)
        except orjson.JSONDecodeError:
            if raw.strip():
                value, error, code = _parse(raw, line_number)
                if error is None:
                    yield _checked(source, line_number, index, value)
                else:
                    yield InputEvent(source, line_number, index, error=error, code=code)
                index += 1
        else:
            if short_text_within_limits(raw):
                yield InputEvent(source, line_number, index, value)
            else:
                yield _checked(source, line_number, index, value)
            index += 1
        line_number += 1


@dataclass(slots=True, frozen=True)
class Piece:
    """Whole lines of a JSONL input, with the line number and event index they start at."""

    data: bytes
    line: int
    index: int


def jsonl_pieces(start: JsonlStart, stream: IO[bytes], size: int) -> Iterator[Piece]:
    """A JSONL input cut into pieces that :func:`piece_events` reads, one at a time and in any
    process, exactly as :func:`jsonl_events` reads the whole: the same events, line numbers and
    indexes, so pieces can be answered in parallel. The start must be :attr:`JsonlStart.whole`.

    A piece holds whole lines, about ``size`` bytes of them, so reading it starts where a line
    starts, as in the whole input. Of a line too long to be read whole (over the event limit, and
    not in memory yet) a piece keeps only what reading it takes: its first chunk, which is
    rejected, and its newline, so memory stays bounded however long the line is. Lines and
    events are counted on the bytes, without a step per line. A last line without a newline
    is not counted: it ends the input, so no count is needed after it.
    """
    if not start.whole:
        raise ValueError("the start of the input ends inside a line")
    line, index = start.line, 0
    for data in _whole_lines(start.head, stream, size):
        yield Piece(data, line, index)
        lines = data.count(b"\n")
        line += lines
        index += lines - _blank_lines(data)


def _whole_lines(buffer: bytes, stream: IO[bytes], size: int) -> Iterator[bytes]:
    """The buffer's bytes then the stream's, from where a line starts, cut after newlines.

    Besides the buffer, at most about ``size`` bytes, or one line within the limit and a read,
    are held at a time.
    """
    limit = MAX_EVENT_BYTES + 1  # the chunk a line is read in (_line_chunks)
    reads = max(size, _READ_BYTES)
    at, ended = 0, False
    while True:
        held = len(buffer) - at
        end = buffer.rfind(b"\n", at, at + size) + 1 or buffer.find(b"\n", at + size) + 1
        if not ended and (held < size or (not end and held <= limit)):
            block = stream.read(reads)
            buffer, at, ended = buffer[at:] + block, 0, not block
        elif end:
            yield buffer[at:end]
            at = end
        elif held > limit:  # a line too large: keep its first chunk and its end
            yield buffer[at : at + limit] + b"\n"  # (a newline at the very end changes nothing)
            buffer, at = _after_line(stream, reads), 0
        else:  # the end of the input, and of its last line, without a newline
            if held:
                yield buffer[at:]
            return


def _after_line(stream: IO[bytes], reads: int) -> bytes:
    """Skip the stream past the end of the line; what was read after it."""
    while block := stream.read(reads):
        newline = block.find(b"\n")
        if newline >= 0:
            return block[newline + 1 :]
    return b""


_READ_BYTES = 1 << 16
"""The least read at a time while cutting pieces, however small they are (a long line would
otherwise be read, and copied, a few bytes at a time)."""

_BLANK_LINE = re.compile(rb"\n[ \t\r\x0b\x0c]*(?=\n)")
"""A line of nothing but whitespace (what ``bytes.strip`` removes), after the newline before it."""


def _blank_lines(data: bytes) -> int:
    """How many of these lines :func:`_lines` skips: whitespace within the size limit."""
    return sum(len(line) <= MAX_EVENT_BYTES for line in _BLANK_LINE.findall(b"\n" + data))


def piece_events(piece: Piece, source: str) -> Iterator[InputEvent]:
    """The events of one piece made by :func:`jsonl_pieces`, numbered as in the whole input."""
    return _lines(_line_chunks(io.BytesIO(piece.data)), source, piece.line, piece.index)
