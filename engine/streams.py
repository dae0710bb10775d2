"""Reading complaint events from files and stdin: a JSON object, a JSON array, or JSONL.

Each input event becomes one :class:`InputEvent` — parsed, or carrying the reason it could not
be — so the caller can write exactly one output line per input, in order. JSONL is streamed line
by line (memory stays flat however long the stream), or cut into pieces of whole lines that are
read apart, by worker processes (:mod:`engine.parallel`), exactly as the whole would be; a JSON
array, or one or more pretty-printed objects, is one JSON document read whole
(:mod:`engine.jsondocs`; a valid array's elements are parsed a batch at a time).

Every parsed event is held to :mod:`engine.limits`. Hostile input is handled deterministically
(see docs/security.md): a byte-order mark before a JSON text is ignored; invalid UTF-8, NaN,
Infinity, numbers beyond the float range and nesting beyond the limit become error records with
their own codes, and so does a key an object writes twice with different values (orjson, as
most readers, keeps the last: :mod:`engine.repeatedkeys`); whole numbers beyond 64 bits arrive
as floats.
"""

from __future__ import annotations

import functools
import io
import itertools
import re
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

import orjson

from engine.blockreader import Prepended
from engine.inputevent import (
    BOM,
    COMPRESSED,
    CR_APART_REACH,
    CR_LINES_HINT,
    GZIP_MAGIC,
    CutLine,
    InputEvent,
    OverLimit,
    checked,
    keys_once,
    lines_end_with_cr,
    parse_json,
    walked,
)
from engine.inputkind import EACH_ITEM_OF_AN_ARRAY
from engine.jsondocs import (
    MAX_DOCUMENT_BYTES,
    ArrayEvents,
    Batches,
    array_batches,
    document_events,
    objects_one_after_another,
    too_large,
)
from engine.limits import MAX_ID_CHARS, MAX_INT_ID, MIN_INT_ID, short_text_marks
from engine.lineends import (
    document_lines,
    holds_cr_lines,
    is_object,
    newline_lines,
    translated_lines,
)
from engine.output import Stopped
from engine.repeatedkeys import keys_vouched_for
from engine.utf16 import (
    ENOUGH_TEXT,
    UTF16_BOMS,
    too_little_text,
    utf8_from_utf16,
    visible,
    wide_encoding,
)

if TYPE_CHECKING:
    from engine.docstart import DocumentStart

MAX_EVENT_BYTES = 1 << 20
"""Largest single event (one JSONL line, its line's end not counted): 1 MiB."""
TOO_LARGE = (
    f"the event is larger than {MAX_EVENT_BYTES >> 20} MiB, the most one event may be: keep "
    "attachments and long texts out of events (a link in their place), one event a line"
)
"""The words of the error record of an event over :data:`MAX_EVENT_BYTES`, with what to do:
it had said the size alone, and an operator replaying a log was left to guess whether the
limit could be raised, or the event cut (found by an operator's replay)."""

ARRAY_TOO_LARGE = (
    f"the line is a JSON array larger than {MAX_EVENT_BYTES >> 20} MiB, so none of its events "
    f"was decided: send them one a line (JSON Lines), as `jq -c {EACH_ITEM_OF_AN_ARRAY}` "
    "writes them"
)
"""The words of the error record of a line over :data:`MAX_EVENT_BYTES` that is a JSON array
(:func:`_too_large_line`). The array is among events one a line, which ``jq -c '.[]'`` (said
before) wrote as their values, one a line, each then no event: the program given keeps them
(found by review)."""


def read_events(stream: IO[bytes], source: str) -> Iterator[InputEvent]:
    """Events from one binary stream (a file or stdin), in order."""
    opening = open_events(stream, source)
    if isinstance(opening, JsonlStart):
        opening = jsonl_events(opening, source)
    yield from opening


@dataclass(slots=True, frozen=True)
class JsonlStart:
    """The start of a JSONL input: what was read to tell it from one JSON document."""

    head: bytes
    """The lines read so far, from the first non-blank one (its byte-order mark removed on the
    input's first line); the rest of the input is still in :attr:`rest`."""
    line: int
    """The line number of the head's first line."""
    rest: IO[bytes] = field(compare=False)
    """Where the lines after the head are read from: the input's stream, or a translation of
    it whose lines end with a newline (:mod:`engine.lineends`)."""

    @property
    def whole(self) -> bool:
        """Whether the head ends where a line ends; it does, unless the first line of an input
        read through the carriage-return translation is over the size limit, or an input whose
        first line is broken was read whole to tell whether it is one object (it was still one
        object's start at a line over the event limit, or past ``READ_AHEAD_BYTES``), or its
        last line, without a newline, told."""
        return self.head.endswith(b"\n")


def open_events(stream: IO[bytes], source: str) -> JsonlStart | Iterator[InputEvent]:
    """Read the start of an input and say what it holds: JSONL (its start; the lines after it
    stay in :attr:`JsonlStart.rest`, for :func:`jsonl_events` or :func:`jsonl_pieces`), or the
    events of one JSON document read whole (none for an empty input): an array, one object over
    several lines, or objects one after another, pretty-printed (the first line a lone ``{``).

    An input whose first line holds events kept apart by a carriage return alone, and cannot be
    read as it is, is read with each carriage return as a line's end (:mod:`engine.lineends`).
    JSONL whose first line is over the size limit is given as its events too: telling how its
    lines end takes reading that line's tail (:func:`_after_a_first_line_too_large`).
    """
    return _open(stream, source, 0, translated=False)


def _open(
    stream: IO[bytes], source: str, line_number: int, *, translated: bool
) -> JsonlStart | Iterator[InputEvent]:
    """:func:`open_events`, with ``line_number`` lines of the input already read."""
    if line_number == 0 and _starts_compressed(stream):
        return _compressed(stream, source, 1)
    first = b""
    lone_cr_lines = 0  # lines a lone \r ends among the blank lines before the first
    over_limit = False  # the first line is over the size limit: ``first`` is its first chunk
    newline_first = False  # the input starts with a newline alone (UTF-16's, perhaps)
    for raw in _line_chunks(stream):  # the first non-blank line tells JSONL from one document
        line_number += 1
        over_limit = _over_limit(raw)
        if line_number == 1:
            raw = raw.removeprefix(BOM)  # (after the size is judged: the mark is part of it)
            after = raw[len(BOM) :] if raw.startswith(BOM) else None
            if after is not None and (not after.strip() or after.lstrip().startswith(b"[")):
                # the line's own mark too (files joined with `cat`), as on line 1 of JSON
                # Lines: an array after two had been read as one line, "an event must be a
                # JSON object, found a list", and so had one on the lines below two marks
                # alone on line 1, where one mark alone is passed over (found by review)
                raw = after
            newline_first = raw == b"\n"
        if raw.strip() or over_limit:  # a blank line over the limit is one, as on any line
            first = raw
            break
        if not translated and b"\r" in raw:
            lone_cr_lines += translated_lines(raw) - 1
    if not first:
        return iter(())
    if first.startswith(GZIP_MAGIC):  # a gzip file: once an input, not on the per-line path
        return _compressed(stream, source, line_number)
    start = _input_start(first, line_number, newline_first)
    if start is not None:
        # `\0\n` or `x\0\n`: UTF-16's blank first lines or a character alone on the first,
        # or a NUL a crash left at the top of a UTF-8 log: the lines after it tell (read as
        # UTF-16, a log's every event had been lost; found by review)
        ahead = _lines_to_some_text(stream) if too_little_text(start) else b""
        head = start + ahead
        if encoding := wide_encoding(_text_start(head)):
            return _open(utf8_from_utf16(head, stream, encoding), source, 0, translated=translated)
        if ahead:
            stream = Prepended(ahead, stream).buffered()  # given back, to be read as they come
    value, refused, _ = parse_json(first)  # once: each way of reading below asks
    whole_line = refused is None and first.endswith(b"\n")
    if not translated and not whole_line and _document_on_cr_lines(first):
        before = line_number - 1 + lone_cr_lines
        return _open(document_lines(first, stream), source, before, translated=True)
    if not translated and refused is not None and holds_cr_lines(first):
        before = line_number - 1 + lone_cr_lines
        return _open(newline_lines(first, stream), source, before, translated=True)
    stripped = first.lstrip()
    if over_limit and not translated and not stripped.startswith(b"["):
        # JSON Lines whose first line is over the size limit: how do its lines end?
        kept = _cr_lines_after(first, stream)
        if kept is not None:
            before = line_number - 1 + lone_cr_lines
            return _open(newline_lines(kept, stream), source, before, translated=True)
        return _after_a_first_line_too_large(first, stream, source, line_number)
    if stripped.startswith(b"["):
        if whole_line and isinstance(value, list):  # a whole array: JSONL may follow it
            return _array_then_lines(first, stream, source, line_number)
        partial = over_limit and not first.endswith(b"\n")  # (its mark dropped, on line 1)
        return _array_or_lines(first, partial, stream, source, line_number)
    if stripped.startswith(b"{") and first.endswith(b"\n") and refused is not None:
        if stripped.rstrip() == b"{":  # no JSONL line is a lone `{`: pretty-printed objects
            return _pretty_objects(first, stream, source, line_number)
        return _one_object_or_lines(first, stream, source, line_number)
    return JsonlStart(first, line_number, stream)


def _pretty_objects(
    first: bytes, stream: IO[bytes], source: str, line_number: int
) -> Iterator[InputEvent]:
    """The events of an input read whole from ``first`` (its first line a lone ``{``, or
    the lines of an object over several lines and the start of another): one object over
    several lines, or objects one after another (as ``jq .`` prints them)."""
    data = first + stream.read(MAX_DOCUMENT_BYTES + 1)
    value, error, _ = parse_json(data)
    if error is None and isinstance(value, dict):
        return iter((checked(source, line_number, 0, value, text=data),))
    if len(data) > MAX_DOCUMENT_BYTES:
        return iter((too_large(source, line_number),))
    return objects_one_after_another(data, source, line_number)


READ_AHEAD_BYTES = 1 << 18
"""How much of an input whose first line is broken is followed line by line while it can still
be one document (:func:`_one_object_or_lines`, :func:`_array_or_lines`); past it, the input is
read whole, as documents are. Following the grammar in Python takes about 0.2 s a MiB, and JSON Lines is known within a
line or two."""


def _array_or_lines(
    first: bytes, partial: bool, stream: IO[bytes], source: str, line_number: int
) -> JsonlStart | Iterator[InputEvent]:
    """An input whose first line starts with ``[`` and is not a whole array within one line
    chunk: an array written whole on that line all the same (JSON Lines may follow it), an
    array over several lines (one document, read whole), or JSON Lines whose first line is
    broken (a batch cut short, ``[oops``).

    The line (``first``, only its first chunk when ``partial``) is read to its end first: an
    array on it may be as large as a document, and one
    over the event limit, judged by its first chunk, had never been whole (the JSON Lines
    after it were read as more after the array). A lone ``[`` starts an array over several
    lines. Any other line is an array written whole when its brackets close on it, though an
    element holds a mistake orjson refuses (``NaN``): its elements are read one by one. Else
    the lines are read one at a time while they can go on one array
    (:class:`~engine.docstart.DocumentStart`), as for a first line that starts with ``{``:
    the input is JSON Lines when the first line that cannot holds a whole JSON object, as a
    JSON Lines event does (the array broke off before it), or, when the first line itself
    cannot start an array, the next non-blank line holds one. Any other mistake is a broken
    array's, whose elements are read one by one, and its record is the document reader's to
    word (:func:`document_events`).
    """
    if partial:
        first += stream.readline(max(0, MAX_DOCUMENT_BYTES + 1 - len(first)))
        if len(first) > MAX_DOCUMENT_BYTES:
            return iter((too_large(source, line_number),))
        batches = array_batches(first)  # not parsed whole: a valid array is read in batches
        if batches is not None:  # (a line without its end is the input's last: nothing after)
            return _array_then_lines(first, stream, source, line_number, batches)
    if first.strip() == b"[" or len(first) > READ_AHEAD_BYTES:
        return _document(first, stream, source, line_number)
    from engine.docstart import DocumentStart  # here: the usual input never pays its import

    start = DocumentStart()
    start.feed(first)
    if start.closed:  # whole on the line, a mistake inside an element
        return _array_then_lines(first, stream, source, line_number)
    read, size = [first], len(first)
    for raw in _line_chunks(stream):
        read.append(raw)
        size += len(raw)
        if _past_read_ahead(size, raw):
            break
        if start.broken and not raw.strip():
            continue
        if not start.feed(raw):  # (once broken, no line goes on)
            if is_object(raw):
                return JsonlStart(b"".join(read), line_number, stream)
            return _document(b"".join(read), stream, source, line_number)
        if start.closed:
            break
    else:  # the end of the input
        return document_events(b"".join(read), source, line_number)
    return _document(b"".join(read), stream, source, line_number)


def _past_read_ahead(size: int, raw: bytes) -> bool:
    """Whether the lines read ahead to tell one document from JSON Lines have gone past
    :data:`READ_AHEAD_BYTES` (``size`` in all), or reached a line over the event limit (cut at
    the chunk size, ``raw``): the input is then read whole to tell."""
    return size > READ_AHEAD_BYTES or (len(raw) == _chunk_bytes() and not raw.endswith(b"\n"))


def _document(
    start: bytes, stream: IO[bytes], source: str, line_number: int
) -> Iterator[InputEvent]:
    """The events of one JSON document read whole: ``start``, then the stream's bytes up to
    just past the document limit (one larger is one record that says so)."""
    data = start + stream.read(max(0, MAX_DOCUMENT_BYTES + 1 - len(start)))
    return document_events(data, source, line_number)


def _one_object_or_lines(
    first: bytes, stream: IO[bytes], source: str, line_number: int
) -> JsonlStart | Iterator[InputEvent]:
    """An input whose first line starts with ``{`` and is not a whole object: one object over
    several lines (its one event), objects one after another each over several lines (their
    events; the next after the first starts a line, and is not whole on it), or JSON Lines
    whose first line is broken (its start). Objects of two lines each (``{"id": 1,`` then
    ``"type": "review"}``) had been read as JSON Lines, every line an error record, the first
    hinted to add a `}` that was on the next line (found by review); an object over several
    lines followed by whole lines of JSON is still JSON Lines, so a log whose first event was
    cut in two is answered line by line, not read whole.

    The lines are read one at a time while they can still be one object's
    (:class:`~engine.docstart.DocumentStart`): JSON Lines is known at its first line that
    cannot go on the object, as that line arrives, so a pipe's events are answered as they
    come (the input was read to its end first, up to 64 MiB, which on a pipe meant until it
    closed). The start returned holds every line read, whole, so ``--jobs`` still cuts the
    rest into pieces. An input that is still one object's start at a line over the event
    limit, or past :data:`READ_AHEAD_BYTES`, is read whole, as a document is, to tell.
    """
    from engine.docstart import DocumentStart  # here: the usual input never pays its import

    start = DocumentStart()
    if not start.feed(first) or start.closed:  # broken on the line itself, or whole there
        return JsonlStart(first, line_number, stream)
    read, size, ended = [first], len(first), True
    for raw in _line_chunks(stream):
        read.append(raw)
        size += len(raw)
        if _past_read_ahead(size, raw):
            ended = False
            break
        # a line that cannot go on the object (one without a newline ends the input: whole)
        if not start.feed(raw) or not _may_be_inside(raw):
            if start.closed and raw.lstrip().startswith(b"{") and not is_object(raw):
                # a second object over several lines: objects one after another, read whole
                return _pretty_objects(b"".join(read), stream, source, line_number)
            return JsonlStart(b"".join(read), line_number, stream)
    data = b"".join(read)
    if not ended:
        data += stream.read(max(0, MAX_DOCUMENT_BYTES + 1 - size))
    elif not start.closed:  # the input ends inside the object
        return JsonlStart(data, line_number, stream)
    if len(data) > MAX_DOCUMENT_BYTES:
        # Read to one byte past the document limit, as a document is: one object still whole
        # or unbroken there is a document over the limit, one record, as an array is. Each of
        # its lines had been a bad-json record, the next line a millionth of a 64 MiB object.
        if _cut_short(data):
            return iter((too_large(source, line_number),))
        return JsonlStart(data, line_number, stream)
    value, error, _ = parse_json(data)
    if error is None and isinstance(value, dict):
        return iter((checked(source, line_number, 0, value, text=data),))
    return JsonlStart(data, line_number, stream)


def _cut_short(data: bytes) -> bool:
    """Whether ``data`` is JSON that breaks off only at its end, or is whole: the start of a
    document cut there (at the document limit), not a mistake in it. The cut may fall inside a
    character, whose first bytes orjson refuses as UTF-8: it is asked again without them."""
    for length in range(len(data), max(0, len(data) - 4), -1):
        try:
            orjson.loads(data[:length])
        except orjson.JSONDecodeError as error:
            if error.msg == "unexpected end of data":
                return True
            if "UTF-8" not in error.msg:
                return False
        else:
            return True
    return False


LOOK_AHEAD_BYTES = 1 << 16
"""How much is read past a start with too little text, at most, for enough of it."""


def _text_start(head: bytes) -> bytes:
    """``head`` from its first visible text on, as far as whole UTF-32 characters (so whole
    UTF-16 ones) go: the blank lines before it (zero bytes and blanks) would fill the start
    that ``engine.utf16`` judges, and told nothing."""
    skipped = len(head) - len(head.lstrip(b"\x00\t\n\r "))
    return head[skipped - skipped % 4 :]


def _lines_to_some_text(stream: IO[bytes]) -> bytes:
    """The stream's next lines up to one with enough text to judge (``engine.utf16``),
    :data:`LOOK_AHEAD_BYTES` at most (the stream's end may come first)."""
    ahead = b""
    while len(ahead) < LOOK_AHEAD_BYTES:
        line = stream.readline(min(_chunk_bytes(), LOOK_AHEAD_BYTES))
        ahead += line
        if not line or visible(line) >= ENOUGH_TEXT:
            break
    return ahead


def _input_start(first: bytes, line_number: int, newline_first: bool) -> bytes | None:
    r"""Everything read of the input up to the end of ``first``, its first non-blank line (on
    ``line_number``), when that may be UTF-16 (or UTF-32) text, to be read again as such
    (:func:`engine.utf16.wide_encoding`); else None.

    Only the input's start tells, not the first non-blank line's bytes alone: in UTF-16 every
    line holds a zero byte or a byte-order mark but one, the first, when it is blank and
    little-endian without a mark: a newline alone, its zero byte starting the next line
    (``\n\x00{\x00``); and a blank line after a mark (``\xff\xfe\n``) holds no zero byte.
    """
    if line_number == 2 and newline_first:
        first = b"\n" + first
    elif line_number != 1:
        return None
    return first if b"\x00" in first or first.startswith(UTF16_BOMS) else None


CR_LINES_WINDOW = 2
"""How much of a first line over the size limit is kept while looking for lines that end with
a carriage return alone (:func:`_cr_lines_after`), in events of the largest size."""


def _cr_lines_after(head: bytes, stream: IO[bytes]) -> bytes | None:
    """For an input whose first line is over the size limit (``head``, its first chunk, taken
    from ``stream``): when its lines end with a carriage return alone after all, the bytes to
    read through the translation in place of what was taken from the stream; else None, the
    stream left at the end of that line.

    The first line tells how lines end (:func:`holds_cr_lines`), but this one cannot be read
    whole, so it is read on, a chunk at a time, for an object's end and the next one's start
    kept apart by carriage returns alone (``}\r{``); failing that, what was kept of it is asked
    :func:`holds_cr_lines`. Memory stays bounded: of a stretch without a carriage return that
    is already over the limit (an event too large) only its start and its last few bytes (what
    a line's end may look back at) are kept, as reading skips the rest anyway, and at most
    :data:`CR_LINES_WINDOW` events' worth of the line is kept in all.
    """
    if head.endswith(b"\n"):  # the line ends in its first chunk: it is read
        return None
    kept = [head]
    run = len(head) - head.rfind(b"\r") - 1  # kept since the last carriage return
    tail = b""  # the end of the stretch being skipped
    size = 0
    carry = head[-CR_APART_REACH:]
    chunks = _line_chunks(stream)
    ended = False
    for chunk in chunks:
        seen = carry + chunk
        at = chunk.rfind(b"\r")
        if at < 0 and run > MAX_EVENT_BYTES:  # the middle of a line too large
            tail = seen[-CR_APART_REACH:]
        else:
            kept += (tail, chunk)
            size += len(tail) + len(chunk)
            tail = b""
            run = run + len(chunk) if at < 0 else len(chunk) - at - 1
        if lines_end_with_cr(seen):
            return b"".join(kept)
        ended = chunk.endswith(b"\n")
        if ended or size > CR_LINES_WINDOW * MAX_EVENT_BYTES:
            break
        carry = seen[-CR_APART_REACH:]
    data = b"".join(kept) + tail
    if holds_cr_lines(data):
        return data
    if not ended:
        for chunk in chunks:  # the rest of the one line, skipped
            if chunk.endswith(b"\n"):
                break
    return None


def _after_a_first_line_too_large(
    head: bytes, stream: IO[bytes], source: str, line_number: int
) -> Iterator[InputEvent]:
    """One record for a first line over the size limit (``head`` is its first chunk, on
    ``line_number``; the stream is past the line's end), then the events of the lines after it.
    """
    yield _too_large_line(source, line_number, 0, head)
    yield from line_events(_line_chunks(stream), source, line_number + 1, 1)


def _starts_compressed(stream: IO[bytes]) -> bool:
    """Whether the input starts as gzip does, told from the bytes it has sent so far (a
    buffered stream's ``peek``, no more than one read), before its first line is read: a
    gzip stream's first "line" ends wherever a newline byte happens to fall, and a writer
    that sent its first bytes and then paused (``tail -f log.gz``) had kept its record waiting
    for one. A stream without ``peek`` (an app's own) is told at its first line, as before."""
    peek = getattr(stream, "peek", None)
    return peek is not None and peek(len(GZIP_MAGIC))[: len(GZIP_MAGIC)] == GZIP_MAGIC


def _compressed(stream: IO[bytes], source: str, line_number: int) -> Iterator[InputEvent]:
    """One error record for compressed input, at its first line; the rest is read past without
    records. Its "lines" are binary cut wherever a newline byte happens to be: each had been
    a record of its own ("the event is not valid UTF-8 text"), thousands for a log, burying
    the one that says what is wrong. A pipe is read on, so that what writes into it (``cat``,
    ``curl``) is not cut off, to its end or for :data:`COMPRESSED_READ_PAST_SECONDS`: one that
    never ends (``yes | gzip``, a compressed log followed as it grows) had been read forever,
    and ``eval -o FILE`` never wrote its one record (found by an operator's replay). A file
    need not be read at all. The answers are the same either way: only whether the writer
    is cut off, as ``head`` cuts off what writes into it, depends on the time."""
    yield InputEvent(source, line_number, 0, error=COMPRESSED, code="bad-encoding")
    if not stream.seekable():
        read = getattr(stream, "read1", stream.read)  # what the pipe has, not a full block
        until = time.monotonic() + COMPRESSED_READ_PAST_SECONDS
        while _sends_within(stream, until - time.monotonic()) and read(_READ_BYTES):
            pass


def _sends_within(stream: IO[bytes], seconds: float) -> bool:
    """Whether the pipe under ``stream`` has bytes, or its end, to read within ``seconds``.
    A writer that stops sending without closing it (``tail -f log.gz`` when the log does not
    grow) had kept the read past waiting for as long as it lived: the time was looked at only
    after a read returned. A stream with no descriptor to wait on (Windows' pipes, which
    ``select`` does not take; an app's own stream) is read as before. Bytes already buffered
    above the descriptor are not seen: they are waited past, within the time still left."""
    if seconds <= 0:
        return False
    import select  # only for a compressed pipe: not on every input's path

    try:
        ready, _, _ = select.select([stream.fileno()], [], [], seconds)
    except (AttributeError, OSError, ValueError):  # (io.UnsupportedOperation is both)
        return True
    return bool(ready)


COMPRESSED_READ_PAST_SECONDS = 10.0
"""How long a compressed input down a pipe is read on after its record: a year of a busy
store's events, gzip'd (some hundreds of MB), comes down a pipe in a second or two, a slow
download in a few; what comes after is left unread."""


_DOCUMENT_START = re.compile(rb"[ \t\r]*(?:\[|\{[ \t]*\r(?!\n))")
"""The start of a JSON array, or of pretty-printed objects (a lone ``{`` on its line) whose
line ends with a carriage return alone."""
_LONE_CR = re.compile(rb"\r(?!\n)")


def _document_on_cr_lines(first: bytes) -> bool:
    """Whether the input's first line starts a JSON document (an array, or pretty-printed
    objects) whose lines end with a carriage return alone, to be read with newlines for its
    line numbers (:func:`engine.lineends.document_lines`). Asked only of a line that is not
    whole JSON: in one that is, a lone carriage return is whitespace, and JSON Lines may follow
    it (:func:`_array_then_lines`)."""
    return _DOCUMENT_START.match(first) is not None and _LONE_CR.search(first) is not None


def _array_then_lines(
    first: bytes,
    stream: IO[bytes],
    source: str,
    line_number: int,
    batches: Batches | None = None,
) -> Iterator[InputEvent]:
    """The events of an array written whole on the input's first line, then one event per line
    after it: JSON Lines whose first line is an array (files joined, a batch then single
    events) loses none of its lines to a record that there is more after the array."""

    def after(count: int) -> Iterator[InputEvent]:
        return line_events(_line_chunks(stream), source, line_number + 1, count)

    events = document_events(first, source, line_number, batches)
    if isinstance(events, ArrayEvents):  # (its batches may be read by workers, then the rest)
        return events.followed_by(after)
    return _then_lines(events, after)


def _then_lines(
    events: Iterator[InputEvent], after: Callable[[int], Iterator[InputEvent]]
) -> Iterator[InputEvent]:
    count = 0
    for item in events:
        count = item.index + 1
        yield item
    yield from after(count)


def jsonl_events(start: JsonlStart, source: str) -> Iterator[InputEvent]:
    """The events of a JSONL input, from its start on, one per non-blank line."""
    return line_events(_start_then_rest(start), source, start.line, 0)


def _start_then_rest(start: JsonlStart) -> Iterator[bytes]:
    """The line chunks of a JSONL input: its head's, then the rest's, cut where reading the
    input from the head's start cuts them."""
    if start.whole:
        return itertools.chain(_line_chunks(io.BytesIO(start.head)), _line_chunks(start.rest))
    return _across_the_head_end(start.head, start.rest)


def _across_the_head_end(head: bytes, rest: IO[bytes]) -> Iterator[bytes]:
    """The line chunks of ``head`` then ``rest``, for a head that ends inside a line: its last
    chunk is filled from the rest, as one read of the line would fill it. Chunked apart, the
    line's two parts had been two lines: an event read as two error records, and every line
    after it numbered one too many."""
    size = _chunk_bytes()
    last = b""
    for chunk in _line_chunks(io.BytesIO(head)):
        if last:
            yield last
        last = chunk
    if len(last) < size:
        last += rest.readline(size - len(last))
    if last:
        yield last
    yield from _line_chunks(rest)


def _line_chunks(stream: IO[bytes]) -> Iterator[bytes]:
    """The stream's lines, none longer than an event of the largest size and its line's end
    (a longer line comes in several chunks), so a line without end never has to fit in
    memory."""
    return iter(functools.partial(stream.readline, _chunk_bytes()), b"")


def _chunk_bytes() -> int:
    r"""The most a line chunk holds: an event of the largest size, then ``\r\n``; a chunk
    that holds no newline is the start of an event over the limit, or of the input's last
    line."""
    return MAX_EVENT_BYTES + 2


def _over_limit(raw: bytes) -> bool:
    r"""Whether a line chunk is, or starts, an event over the size limit: the line's end
    (``\n`` or ``\r\n``) is no part of the event, so an event of the largest size is read
    whatever ends its line."""
    return len(raw) - raw.endswith(b"\n") - raw.endswith(b"\r\n") > MAX_EVENT_BYTES


def line_events(
    chunks: Iterator[bytes], source: str, line_number: int, index: int
) -> Iterator[InputEvent]:
    """One event per non-blank line; a line over the size limit becomes one error record.

    ``chunks`` are the lines as :func:`piece_lines` gives them (a line over the limit in
    several); the first is numbered ``line_number`` and its event ``index``.

    ``engine.parallel.answer_piece`` answers the usual line (parsed, within the limits) itself,
    from its parsed value, with the same steps as here; a property test holds the two together.

    The usual line is parsed as it comes; only a line orjson refuses goes the long way (a
    byte-order mark to drop, a blank line to skip, a reason to explain), and only a line too
    long for :func:`~engine.limits.short_text_marks` to vouch for has its value walked; only a
    line whose marks do not vouch that no key is written twice
    (:func:`~engine.repeatedkeys.keys_vouched_for`) is read again for one.
    """
    oversized = False
    chunks = iter(chunks)  # (the lines an event cut over lines is looked for in are taken)
    for raw in chunks:
        if oversized or (len(raw) > MAX_EVENT_BYTES and _over_limit(raw)):
            if not oversized:  # the head of a line too large; its tail is skipped silently
                yield _too_large_line(source, line_number, index, raw)
                index += 1
            oversized = not raw.endswith(b"\n")
            line_number += not oversized
            continue
        try:
            value = orjson.loads(raw)
        except orjson.JSONDecodeError:
            if _EVENT_START.match(raw) is not None:  # an event's start: is it cut over lines?
                line_number, index, oversized = yield from _perhaps_cut(
                    raw, chunks, source, line_number, index
                )
                continue
            if raw.removeprefix(BOM).strip():  # a mark alone is a blank line: `cat` joins files
                yield _broken_line(raw, source, line_number, index)
                index += 1
        else:
            marks = short_text_marks(raw)
            if marks is not None and keys_vouched_for(marks, value):
                yield InputEvent(source, line_number, index, value)
            else:  # too long to vouch for, or a key may be written twice: the long way
                yield _read_slowly(raw, marks, source, line_number, index, value)
            index += 1
        line_number += 1


def _read_slowly(
    raw: bytes, marks: bytes | None, source: str, line_number: int, index: int, value: Any
) -> InputEvent:
    """The event, or error record, of a line orjson read as ``value`` that
    :func:`~engine.limits.short_text_marks` (``marks``) and
    :func:`~engine.repeatedkeys.keys_vouched_for` did not vouch for: its value walked when its
    text is too long to vouch for it (written back, it would be too), and its text read again
    for a key written twice."""
    if marks is None:
        return keys_once(walked(source, line_number, index, value), raw)
    return keys_once(InputEvent(source, line_number, index, value), raw)


def _broken_line(raw: bytes, source: str, line_number: int, index: int) -> InputEvent:
    """The event, or error record, of a non-blank line orjson refused (a byte-order mark
    before it is dropped, and the reason explained)."""
    value, error, code = parse_json(raw, line_number)
    if error is None:
        return checked(source, line_number, index, value, text=raw)
    return InputEvent(source, line_number, index, error=error, code=code)


def _line_event(raw: bytes, source: str, line_number: int, index: int) -> InputEvent | None:
    """The event, or error record, of one line within the size limit; None for a blank one:
    what :func:`line_events` gives of it, the long way."""
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError:
        if raw.removeprefix(BOM).strip():
            return _broken_line(raw, source, line_number, index)
        return None
    marks = short_text_marks(raw)
    if marks is not None and keys_vouched_for(marks, value):
        return InputEvent(source, line_number, index, value)
    return _read_slowly(raw, marks, source, line_number, index, value)


_EVENT_START = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\x0b\x0c]*\{")
"""A line that starts an object (blanks and a byte-order mark before it allowed): in JSON Lines,
an event's start, never the rest of one cut over lines (:func:`_perhaps_cut`)."""


def _goes_on(raw: bytes) -> bool:
    """Whether a line may be the rest of an event cut over lines: not blank, not an object's
    start (which is an event of its own, whole or not), and starting as the rest of a JSON
    object can (:func:`_continuation`). Any other line had gone on an event's start too, so a
    line cut short (a writer stopped mid-event) then lines of a log's text, up to the next
    event, had been told as one event cut over lines, "join lines 2 to 6", the text's lines
    never told apart; and on a pipe its record had waited for that next event (found by
    review)."""
    return (
        not _blank(raw)
        and _EVENT_START.match(raw) is None
        and _continuation().match(raw) is not None
    )


def _may_be_inside(raw: bytes) -> bool:
    """Whether a line may be inside an object over several lines, after its first line: blank,
    an object's start (nested), or what the rest of an event starts with
    (:func:`_continuation`). A line of a log's text is none, so an input whose first line is
    cut short in the middle of an event is JSON Lines at it: a word the grammar takes as a
    value (``garbage`` after a key's ``:``) had kept a pipe's answers waiting for the next line
    (found by review)."""
    return (
        _blank(raw) or _EVENT_START.match(raw) is not None or _continuation().match(raw) is not None
    )


@functools.cache
def _continuation() -> re.Pattern[bytes]:
    """What the rest of an event cut over lines starts with, past blanks: a key or a text
    (``"``, or a quote JSON does not take, whose mistake is named: ``'``, ``“``); a ``}``,
    ``]``, ``,`` or ``:``; a ``[`` that opens a list (its end, ``]``, or a value after it); a
    value written bare (a number, ``true``, ``false``, ``null``, ``NaN``, ``Infinity``) that
    the line's end, a ``,``, ``}`` or ``]`` follows; or any other word that a ``,``, ``}`` or
    ``]`` follows (a text without its quotes, ``review}``, or Python's ``True,``: the mistake is
    named); a key without its quotes, or a comment (:func:`_slips_of_a_pasted_object`). Log text
    (``garbage``, ``404 Not Found``, ``[INFO] ...``, ``ERROR: disk full``, a line that starts
    with a date) does not. Made when first asked: only a line that starts an event and that
    orjson refuses is looked past (its import is not on every input's path)."""
    from engine.typography import CURLY_QUOTES

    quotes = b"|".join(re.escape(quote.encode()) for quote in CURLY_QUOTES)
    value = (
        rb"(?:-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null|NaN|-?Infinity)"
        + _LINE_BLANKS
        + rb"(?:[,}\]\r\n]|\Z)"
    )
    word = rb"[A-Za-z_][A-Za-z0-9_]*" + _LINE_BLANKS + rb"[,}\]]"
    opens_a_list = rb"\[" + _LINE_BLANKS + rb"(?:[\[\]{\"\r\n]|\Z|" + value + rb")"
    slips = _slips_of_a_pasted_object(quotes, opens_a_list, value)
    starts = (rb"[\"',:}\]]", quotes, opens_a_list, value, word, *slips)
    return re.compile(_LINE_BLANKS + rb"(?:" + b"|".join(starts) + rb")")


def _slips_of_a_pasted_object(
    quotes: bytes, opens_a_list: bytes, value: bytes
) -> tuple[bytes, bytes]:
    """What :func:`_continuation` takes of a line of an object pasted from code or a config
    (JavaScript's ``id: "evt-1",``, a ``// note``), whose mistake the joined lines name: a key
    without its quotes, then a value (a text, a number, ``true``...) with no more after it but a
    ``,``, a ``}`` or the line's end, or an opening bracket; a comment (``//``, ``/*``). Such a
    line had ended the event's lines: a pretty-printed event pasted as a JavaScript object was
    told line by line that its ``{`` is never closed, and to remove each ``}`` that closes it,
    where it had been told to join its lines and quote its keys. Log text that names a word
    with a ``:`` (``ERROR: disk full``, ``retrying in: 5 s``) still goes on no event."""
    text = rb'(?:"(?:[^"\\\r\n]|\\.)*"|\'(?:[^\'\\\r\n]|\\.)*\')' + _LINE_BLANKS
    text += rb"(?:[,}\]\r\n]|\Z)"
    opens_an_object = rb"\{" + _LINE_BLANKS + rb"(?:[\"'}\r\n]|\Z|[A-Za-z_$][\w$]*[ \t]*:)"
    after = b"|".join((rb"[\r\n]|\Z", text, quotes, opens_a_list, opens_an_object, value))
    key = rb"[A-Za-z_$][A-Za-z0-9_$]*" + _LINE_BLANKS + rb":" + _LINE_BLANKS + b"(?:" + after + b")"
    return key, rb"//|/\*"


_LINE_BLANKS = rb"[ \t\r\x0b\x0c]*"
"""The blanks a line may start with (what ``bytes.strip`` removes, but the line's end)."""


def _blank(raw: bytes) -> bool:
    """Whether a line is blank, which :func:`line_events` skips: whitespace, a byte-order mark
    before it allowed (a mark alone is a blank line: `cat` joins files)."""
    return not raw.removeprefix(BOM).strip()


def may_be_cut(raw: bytes) -> bool:
    """Whether a JSON Lines line (within the size limit) is an event's start that orjson
    refuses, which :func:`line_events` looks at the next lines for: it may be an event cut over
    lines (``engine.parallel.answer_piece`` asks, to read such a line the way it is read here).
    """
    if _EVENT_START.match(raw) is None:
        return False
    try:
        orjson.loads(raw)
    except orjson.JSONDecodeError:
        return _open_start(raw) is not None
    return False


def _open_start(raw: bytes) -> DocumentStart | None:
    """The start of the object a line that starts an event and that orjson refuses opens, when
    the lines after it may go on it; None when the line is already whole (a byte-order mark
    before it, a value orjson refuses) or can go on no object (a mistake on the line itself).
    Only then is the next line waited for: a whole event sent on a pipe with a byte-order mark
    had waited for the next line to be answered, and went unanswered while the pipe stayed open
    (found by review)."""
    from engine.docstart import DocumentStart  # here: the usual input never pays it

    start = DocumentStart()
    if not start.feed(raw.removeprefix(BOM)) or start.closed:
        return None
    return start


def _perhaps_cut(
    raw: bytes, chunks: Iterator[bytes], source: str, line_number: int, index: int
) -> Generator[InputEvent, None, tuple[int, int, bool]]:
    """The records of a line that starts an event and that orjson refuses (``raw``, on
    ``line_number``), and of the lines read after it to tell whether it is an event cut over
    lines; the line number and event index after them, and whether the last line read is the
    head of one over the size limit, whose tail is still to be skipped.

    An event written over several lines of JSON Lines (``{"id": "a1", "type": "review",``, then
    ``"occurred_at": "..."}``: a tool that wrapped it, or a person who pasted it) had been told
    for its first line that its `{` is never closed and for the next that it holds "unexpected
    content after document": both misleading, as the event is whole, only on two lines (found
    by review). When lines follow that go on the event (those after an event's start that may
    be its rest and are not too large, to where the event ends: :func:`_cut_event`,
    to 1 MiB in all; a blank line among them is read past, and gets no record, as a blank line
    never does), each of them is an error record that names the lines to join, and the
    mistake the lines hold joined, if any. They stay error records, one per line: JSON Lines
    is one event a line, each line gets one record in order, and a line that decided an event
    of several lines would answer for lines it is not (a log whose lines were cut by mistake
    may hold two halves of different events that happen to join); joined, it is decided.
    Otherwise each line is read as it is on its own, and the line that ended the look-ahead as
    any line is: another event perhaps cut, a whole one, a line of text, a blank line...

    Only a line orjson refused, that starts with ``{`` and that leaves its object open
    (:func:`_open_start`) is looked past, so a file of whole lines pays nothing; such a line's
    record waits for the next line (on a pipe, for it to come). A whole one (a byte-order mark
    before it) or one with a mistake of its own is answered at once. Ctrl-C (or another stop
    signal) as the next line is awaited answers the lines come first, each alone, as every line
    come before Ctrl-C is answered: they had been lost, an event pasted at a terminal left
    unsaid (found by review).
    """
    while True:
        lines = [raw]
        try:
            cut, after = _cut_event(lines, chunks)
        except (KeyboardInterrupt, Stopped):  # Ctrl-C, or a stop signal, as the next line
            # was awaited: the lines come are answered as at the input's end, then it stops
            yield from _lines_alone(_non_blank(lines, line_number, index), source)
            raise
        kept = _non_blank(lines, line_number, index)
        if cut:
            yield from _cut_records(kept, source, lines)
        else:
            yield from _lines_alone(kept, source)
        line_number += len(lines)
        index += len(kept)
        if after is None:
            return line_number, index, False
        if _over_limit(after):
            yield _too_large_line(source, line_number, index, after)
            oversized = not after.endswith(b"\n")
            return line_number + (not oversized), index + 1, oversized
        if not may_be_cut(after):
            event = _line_event(after, source, line_number, index)
            if event is not None:
                yield event
            return line_number + 1, index + (event is not None), False
        raw = after


def _non_blank(lines: list[bytes], line_number: int, index: int) -> list[tuple[bytes, int, int]]:
    """The lines that are not blank, each with its line number and event index, of lines read
    from ``line_number`` on whose first event is ``index``: a blank line has no record, as
    anywhere in JSON Lines, but its line is counted."""
    kept: list[tuple[bytes, int, int]] = []
    for number, line in enumerate(lines, line_number):
        if not _blank(line):
            kept.append((line, number, index + len(kept)))
    return kept


def _lines_alone(kept: list[tuple[bytes, int, int]], source: str) -> Iterator[InputEvent]:
    """The records of lines that make no event cut over lines, each read on its own."""
    for line, number, index in kept:
        event = _line_event(line, source, number, index)
        assert event is not None  # (each is an event's start, or goes on one)
        yield event


def _cut_event(lines: list[bytes], chunks: Iterator[bytes]) -> tuple[bool, bytes | None]:
    """Add to ``lines`` (an event's start orjson refused) the lines after it that may go on it
    as one event cut over lines, as each is read (a stop signal as the next one is awaited
    leaves those read so far); whether they are one (joined, whole or with a mistake of its
    own), and the line read after them that ended the look-ahead (None: the input ended, or
    the event was closed).

    The lines that go on the event are those after its start that may be its rest
    (:func:`_goes_on`: not another object's start, nor a log's text; or an object nested in
    it, indented more than its first line, where it takes a value: :func:`_nested`) and are not
    over the size limit, alone or with it, blank lines among them: while JSON's grammar
    (:class:`~engine.docstart.DocumentStart`) takes them, to the one that closes the event;
    from a line the grammar refuses on, to the one that closes as many brackets as were opened
    (counted outside texts: :func:`_brackets`). Lines that go on it make one event cut over
    lines even when it holds a mistake (a comma before its `}`, a comma missing at the line's
    break, a `}` never written before the next event, the input's end): each line alone had
    been told a `{` never closed or "more after the event's end", and the mistake not named
    (found by review). A line that would take the event past 1 MiB (:data:`MAX_EVENT_BYTES`)
    ends the look-ahead: a blank one ends the event before it, as another event's start, a
    line that cannot go on it (a log's text) or a line too large does; any other leaves the
    lines each read alone, as lines that go on no event are. (The pieces answered in parallel,
    :func:`jsonl_pieces`, keep the lines of an event within that limit together, and a piece's
    end is the input's end to its reader: a piece of blank lines too many to join the event
    ends it there.)

    A blank line among them is held and read past: it goes on no event, but in JSON it is
    whitespace between two values, so an event pasted with an empty line inside (or wrapped
    by a tool that doubles line ends) is still one event joined; it had ended the look-ahead,
    and the lines around it had been told a `{` never closed and "unexpected content", both
    misleading (found by review)."""
    [raw] = lines  # (the event's start alone, so far)
    size = len(raw)
    start = _open_start(raw)
    if start is None:  # whole, or broken, on its own line: no next line to wait for
        return False, None
    goes_on = False  # whether a line that is not blank went on the start
    depth: int | None = None  # the brackets open, once the grammar refused a line
    indent = _indent(raw)
    for line in chunks:
        blank = _blank(line)
        if _over_limit(line) or not (
            blank or _goes_on(line) or _nested(line, indent, None if depth is not None else start)
        ):  # another event, a line too large, or one that cannot go on it: it ended before it
            return goes_on, line
        size += len(line)
        if size > MAX_EVENT_BYTES:  # a blank line goes on no event: it ended before it
            return blank and goes_on, line
        lines.append(line)
        if blank:
            continue
        goes_on = True
        if depth is None and not start.feed(line):  # a mistake: the event ends where its
            depth = sum(_brackets(each) for each in lines)  # brackets say
        elif depth is not None:
            depth += _brackets(line)
        if start.closed if depth is None else depth <= 0:
            return True, None
    return goes_on, None


def _nested(line: bytes, indent: int, start: DocumentStart | None) -> bool:
    """Whether a line that starts an object goes on an event cut over lines as an object nested
    in it, as ``jq .`` prints each object of a list (``"items": [``, then ``    {``): indented
    more than the event's first line (``indent``), where the event takes a value (its
    grammar's, ``start``, says so, and the line is at the column of the list's items if it
    has any on their own lines; or ``start`` is None: inside its brackets past a mistake).
    Such a line had been taken for the next event's start: a pretty-printed event with a list
    of objects, in JSON Lines, was told in four or five pieces, "join lines 2 to 6", then 7 to
    10, then each `]` and `}` alone, where it was one event to join. A line at the event's own
    indent (or less) is still the next event: a line cut short mid-list then whole events is
    not one event; and so is a whole event on its line, however indented
    (:func:`_whole_object`), and one at another column than the list's items."""
    if start is not None and not start.wants_value:
        return False
    if _EVENT_START.match(line) is None:
        return False
    column = _indent(line)
    if column <= indent or (start is not None and not start.may_be_item(column)):
        return False
    return not _whole_object(line)


def _whole_object(line: bytes) -> bool:
    """Whether a line is an object with fields, whole (a byte-order mark before it allowed):
    an event of its own, which ``jq .`` never prints nested (it puts each field of an object on
    a line of its own, and an empty one as ``{}``). A log whose line was cut short in a list
    (``"items": [{"sku": "a"},``), then indented whole events, had had its next event told as
    the cut line's end, "join lines 1 and 2", and not decided."""
    try:
        value = orjson.loads(line.removeprefix(BOM))
    except orjson.JSONDecodeError:
        return False
    return value.__class__ is dict and bool(value)


def _indent(raw: bytes) -> int:
    """How many blanks a line starts with (after a byte-order mark)."""
    line = raw.removeprefix(BOM)
    return len(line) - len(line.lstrip(b" \t\r\x0b\x0c"))


_TEXT = re.compile(rb'"(?:[^"\\\n]|\\.)*"?')
"""A text in double quotes (one never closed ends with its line: JSON has no line break in one)."""


def _brackets(line: bytes) -> int:
    """How many more brackets a line opens than it closes, outside its texts: where an event
    cut over lines with a mistake ends (:func:`_cut_event`), told the way a person pairs them."""
    bare = _TEXT.sub(b"", line)
    return bare.count(b"{") + bare.count(b"[") - bare.count(b"}") - bare.count(b"]")


def _cut_records(
    kept: list[tuple[bytes, int, int]], source: str, lines: list[bytes]
) -> Iterator[InputEvent]:
    """The error records of the lines of an event cut over lines (``kept``: each with its line
    number and index, blank lines left out; ``lines``: all of them, from its start): the first
    says where it goes on, each other where it started, and all which lines to join (from the
    first to the last, any blank line between them too: joined, it is whitespace).

    Each carries the event its lines make joined, so that its record names the event's id
    (when it can be read, as any error record's): a manager finds the event to mend by the id,
    where the record had said null (found by review). When the lines joined hold a mistake,
    each record names it too, in the words a line with that mistake gets, at its line and
    column in the input. A line in the middle names its own number: ``backplan report`` counts
    a record once when one of the same event and words came before (the event sent twice), and
    two such lines had the same words."""
    first, last = kept[0][1], kept[-1][1]
    event, mistake = _joined(lines, first)
    join = f"join lines {first} {'and' if last == first + 1 else 'to'} {last} and send it again"
    if mistake is not None:
        join += f", once this is mended: {mistake}"
    why = "each event must be on one line"
    on = f"on at line {last}" if len(kept) == 2 else f"on to line {last}"
    for _, number, index in kept:
        if number == first:
            said = f"this event goes {on}"
        elif number == last:
            said = f"this line is the end of the event that starts at line {first}"
        else:
            said = f"line {number} is part of the event that starts at line {first}"
        message = f"not valid JSON Lines: {said}, and {why}; {join}"
        yield CutLine(source, number, index, error=message, code="bad-json", event=event)


def _joined(lines: list[bytes], first: int) -> tuple[Any, str | None]:
    """The event the lines of an event cut over lines make joined (its start on line
    ``first``), or the mistake that keeps them from making one, in the words
    :func:`~engine.inputevent.parse_json` gives a line with that mistake. A blank line is an
    empty one in the text joined, so that the mistake's line is the input's: it may hold what
    ``bytes.strip`` removes and JSON does not (a form feed, a byte-order mark)."""
    text = b"".join(b"\n" if _blank(line) else line for line in lines)
    value, error, _ = parse_json(text, first)
    if error is None:
        return value, None
    return None, error.removeprefix("not valid JSON: ")


def _too_large_line(source: str, line_number: int, index: int, head: bytes) -> InputEvent:
    """The record of a line over the size limit, given its first chunk.

    A JSON array on one line of JSON Lines (a year's export among a day's events) is many
    events, not one: its record had said "the event is larger than 1 MiB", and nothing that
    none of them was decided, nor how to send them (found by review)."""
    if lines_end_with_cr(head):  # not one event: many, on lines that end with \r alone
        message = f"the line is larger than {MAX_EVENT_BYTES >> 20} MiB: {CR_LINES_HINT}"
    elif head.lstrip(b" \t").startswith(b"["):
        message = ARRAY_TOO_LARGE
    else:
        message = TOO_LARGE
        given = _leading_id(head)
        if given is not None:
            return OverLimit(source, line_number, index, None, message, "too-large", None, given)
    return InputEvent(source, line_number, index, error=message, code="too-large")


_LEADING_ID = re.compile(
    rb'(?:\xef\xbb\xbf)?[ \t]*\{[ \t]*"id"[ \t]*:[ \t]*("(?:[^"\\\r\n]|\\.){0,1000}"|-?[0-9]{1,30})'
    rb"[ \t]*[,}]"
)
"""An event's ``id`` written as its first key, at the start of its line, then the comma after
it: all that is read of an event too large to read (its id is in the first bytes a writer
sends). The comma is read so that ``12.5`` or ``1e3`` is not read as ``12`` or ``1``."""


def _leading_id(head: bytes) -> Any:
    """The id of an event too large to read, when its line starts with it (``{"id": "a1",``),
    so that its record names the event, as the record of an event over another limit does
    (an integrator routes a refusal back by it); None when the id is not its first key, or is
    no id an event may have (``12.5``, ``""``, a whole number beyond 64 bits, which JSON reads
    as a float: the record of a line within the limit says null for these too). A line of many
    megabytes had been told ``"event_id": null`` (found by a new user's trial)."""
    found = _LEADING_ID.match(head)
    if found is None:
        return None
    try:
        given = orjson.loads(found[1])
    except orjson.JSONDecodeError:  # an escape JSON has not (`"\x"`)
        return None
    if given.__class__ is int:
        return given if MIN_INT_ID <= given <= MAX_INT_ID else None
    return given if given.__class__ is str and 0 < len(given) <= MAX_ID_CHARS else None


@dataclass(slots=True, frozen=True)
class Piece:
    """Whole lines of a JSONL input, with the line number and event index they start at."""

    data: bytes
    line: int
    index: int


def jsonl_pieces(start: JsonlStart, size: int) -> Iterator[Piece]:
    """A JSONL input cut into pieces that :func:`piece_lines` reads, one at a time and in any
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
    for data in _cut_events_kept_whole(_whole_lines(start.head, start.rest, size)):
        yield Piece(data, line, index)
        lines = data.count(b"\n")
        line += lines
        index += lines - _blank_lines(data)


def _whole_lines(buffer: bytes, stream: IO[bytes], size: int) -> Iterator[bytes]:
    """The buffer's bytes then the stream's, from where a line starts, cut after newlines.

    Besides the buffer, at most about ``size`` bytes, or one line within the limit and a read,
    are held at a time.
    """
    limit = _chunk_bytes()  # the chunk a line is read in (_line_chunks)
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


def _cut_events_kept_whole(pieces: Iterator[bytes]) -> Iterator[bytes]:
    """The pieces, moved where they meet so that no event cut over lines (:func:`_perhaps_cut`)
    is cut between two: read apart, its lines had been records of lines on their own, not what
    one process says of them. Such an event goes on at lines that may be its rest
    (:func:`_goes_on`, or an object nested in it: :func:`_nested`; nor are over the size
    limit), blank lines between them read past, so a piece whose first line but blank ones is
    no such line starts with no event's rest; else the lines from the start of the event the
    piece before ends inside (:func:`_open_event`), if any, are moved to its front.
    Each piece is held until the next one is seen; only a piece that starts with a line that
    may go on an event, or is blank lines alone, costs more (the piece before read again, from
    its last line that starts an object unindented, or its start). A piece of blank lines alone
    may be inside an event: it is added to the piece before when that one ends inside one, so
    that the event's start is found there when the next piece goes on it; had it been a piece
    of its own, the start, in the piece before, had been left behind."""
    held = b""
    for data in pieces:
        blanks = _BLANK_LINES.match(data)  # (never None: it matches the empty text too)
        at = blanks.end() if blanks else 0
        if held and at == len(data):
            event = _open_event(held)
            if event is not None and len(held) - event[0] + len(data) <= MAX_EVENT_BYTES:
                held += data
                continue
        first = data[at : data.find(b"\n", at) + 1] or data[at:]
        below = _indent(first) if _EVENT_START.match(first) else None  # (_nested)
        goes_on = _goes_on(first) or bool(below)
        if held and goes_on and not _over_limit(first) and _may_open(held, below):
            event = _open_event(held)
            if event is not None:
                held, data = held[: event[1]], held[event[1] :] + data
        if held:
            yield held
        held = data
    if held:  # pragma: no branch - a start that is whole holds a line: one piece at least
        yield held


_BLANK_LINES = re.compile(rb"(?:(?:\xef\xbb\xbf)?[ \t\r\x0b\x0c]*\n)*")
"""The blank lines at the start of a piece (what ``bytes.strip`` removes, a byte-order mark
before each allowed), which an event cut over lines reads past (:func:`_cut_event`)."""

_OBJECT_LINE = re.compile(rb"\n(?:\xef\xbb\xbf)?([ \t\r\x0b\x0c]*)\{")
"""A line that starts an object, after the newline before it, its indent the group."""


def _fresh_start(data: bytes) -> int:
    """Where reading ``data`` (from its start) starts anew last, within
    :data:`MAX_EVENT_BYTES` of its end when it can: the last line that starts an object and
    that no event can take as one nested in it. Only a line that starts an object indented
    less, within that limit before it, and left open (:func:`may_be_cut`), can (:func:`_nested`);
    when one may, the same is asked of that one, and so on back (0, the start, at worst).

    The pieces of a file of indented events (every line of a pretty-printed event indented)
    had been read again line by line from their start, for want of an unindented line to
    start from, which made ``--jobs`` cut such a file eight times slower than one process
    decides it. Only the lines that start an object are looked at, most of them by their
    indent alone."""
    limit = MAX_EVENT_BYTES
    starts = [(found.start() + 1, len(found[1])) for found in _OBJECT_LINE.finditer(data)]
    if _EVENT_START.match(data):
        starts.insert(0, (0, _indent(data[: data.find(b"\n") + 1 or len(data)])))
    at = len(starts) - 1
    while at >= 0:
        where, indent = starts[at]
        before = at - 1
        while before >= 0 and starts[before][0] >= where - limit:
            place, inner = starts[before]
            if inner < indent:
                line = data[place : data.find(b"\n", place) + 1 or len(data)]
                if not _over_limit(line) and may_be_cut(line):
                    break  # it may take this one: ask the same of it
            before -= 1
        else:
            return where
        at = before
    return 0


def _line_starts(start: bytes, data: bytes) -> Iterator[int]:
    """Where the lines of ``data`` that start as ``start`` (a pattern) start, in order, those
    within :data:`MAX_EVENT_BYTES` of its end (where the event it may end inside starts). The
    search is for the newline before each (the very start looked at apart): one for a newline
    or the start had tried each byte, twenty times slower, a few milliseconds a piece."""
    since = max(0, len(data) - MAX_EVENT_BYTES - 1)
    if since == 0 and re.match(start, data):
        yield 0
    for found in re.compile(rb"\n" + start).finditer(data, since):
        yield found.start() + 1


def _may_open(data: bytes, below: int | None) -> bool:
    """Whether ``data`` may end inside an event cut over lines that a line goes on: False
    when no line within :data:`MAX_EVENT_BYTES` of its end starts one (:func:`may_be_cut`,
    where such an event starts: :func:`_open_event`), or none indented less than ``below``,
    for a line that starts an object (one nested only in an event indented less:
    :func:`_nested`). :func:`_open_event` reads the lines one by one from the last that
    starts an object unindented, or from the piece's start: in a file of indented events
    (or of texts and indented events) that is every line of every piece, which had made
    ``--jobs`` cut its pieces sixteen times slower; this looks only at the lines that start
    an object, through a search."""
    blanks = b"*" if below is None else b"{0,%d}" % (below - 1)
    for at in _line_starts(rb"(?:\xef\xbb\xbf)?[ \t\r\x0b\x0c]" + blanks + rb"\{", data):
        line = data[at : data.find(b"\n", at) + 1 or len(data)]
        if not _over_limit(line) and may_be_cut(line):
            return True
    return False


def _open_event(data: bytes) -> tuple[int, int] | None:
    """Where the event cut over lines that ``data`` ends inside starts, as :func:`line_events`
    reads ``data`` from its start (a place reading starts anew, as a piece's start is), and
    where to read from to read it so; None when it ends inside none (or inside one over the
    size limit, whose lines are read alone).

    The two differ when the event starts at a line that went on the event before it but took
    that one over the size limit (a nested object's line: :func:`_nested`): the lines before
    it are read alone only when that line comes after them, so reading starts at that event's
    start (or further back, along such a chain).

    The lines are read, and looked ahead of, as :func:`line_events` and :func:`_perhaps_cut`
    do, from the last place within :data:`MAX_EVENT_BYTES` of the end where reading starts
    anew (:func:`_fresh_start`), or from the start when there is none: an event that starts
    before that line is closed there, and one that starts before that limit is over it. An
    event closed at the very end is given too: reading from its start is the same."""
    at = _fresh_start(data)
    chunks = _line_chunks(io.BytesIO(data[at:]))
    oversized, raw, chain = False, next(chunks, None), None
    while raw is not None:
        here, at = at, at + len(raw)
        if oversized or (len(raw) > MAX_EVENT_BYTES and _over_limit(raw)):
            oversized = not raw.endswith(b"\n")  # (as line_events reads a line too large)
        elif may_be_cut(raw):
            lines = [raw]
            cut, after = _cut_event(lines, chunks)
            start = here if chain is None else chain
            at = here + sum(map(len, lines))
            if after is None:  # the event ran to the end, or closed: read on after it
                after = next(chunks, None)
                if after is None:
                    return here, start
            # the next line took the event over the limit (it went on it): a chain
            chain = start if not cut and not all(map(_blank, lines[1:])) else None
            raw = after  # (read anew, as _perhaps_cut reads the line that ended the event)
            continue
        chain, raw = None, next(chunks, None)
    return None


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

_BLANK_LINE = re.compile(rb"\n(?:\xef\xbb\xbf)?[ \t\r\x0b\x0c]*(?=\n)")
"""A line of nothing but whitespace (what ``bytes.strip`` removes), a byte-order mark before it
allowed, after the newline before it."""


def _blank_lines(data: bytes) -> int:
    r"""How many of these lines :func:`line_events` skips: whitespace within the size limit,
    which, as for an event, counts neither the newline nor a ``\r`` before it."""
    limit = MAX_EVENT_BYTES + 1  # each line found starts with the newline before it
    return sum(
        len(line) - line.endswith(b"\r") <= limit for line in _BLANK_LINE.findall(b"\n" + data)
    )


def piece_lines(piece: Piece) -> Iterator[bytes]:
    """The lines of one piece, which :func:`line_events` reads from the piece's line and index
    on (``engine.parallel.answer_piece``): a line over the event limit comes in chunks (the
    first one larger than :data:`MAX_EVENT_BYTES` and without a newline), any other whole."""
    return _line_chunks(io.BytesIO(piece.data))
