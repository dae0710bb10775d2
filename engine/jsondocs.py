"""JSON documents read whole: an array of events, or objects written one after another.

An input that is not JSON Lines is one JSON document (within :data:`MAX_DOCUMENT_BYTES`): an
array of events, one object over several lines, or several such objects one after another, as
``jq .`` prints them. Its bytes are held whole; orjson parses a valid array a batch of elements
at a time (:func:`array_batches`), so its events are never all in memory at once, and any other
valid document at once. Where a document holds a mistake, its events are found one by one (the
standard library's ``raw_decode`` says where each ends), so that the mistake is one error
record and, wherever the next event can be told for sure, the others are still decided. Where
each event of a valid array starts is found only when an error record asks
(:class:`ElementLines`).
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from typing import Any

from engine import repeatedkeys
from engine.inputevent import BOM, VALUE_STARTS, InputEvent, checked, parse_json, repeated

MAX_DOCUMENT_BYTES = 64 << 20
"""Largest JSON document read whole (an array, or pretty-printed objects): 64 MiB; use JSONL
beyond that. A valid array is parsed in batches, but its bytes are still held whole (the
batches are parsed twice, to be sure of the whole before any event is given out), and a broken
one is read one element at a time from its whole text."""


_DECODER = json.JSONDecoder()
"""The standard library's reader, for where each value ends (``raw_decode`` keeps no state)."""

_ONE_BY_ONE = frozenset(["bad-json", "bad-number", "bad-encoding", "too-deep"])
"""Why orjson may refuse a whole array that its elements are read one by one for: a mistake
inside one element (a surrogate escape, a NaN, a missing comma, bytes that are not UTF-8,
nesting beyond orjson's limit), which is that element's error record alone."""


DOCUMENT_LIMIT = f"{MAX_DOCUMENT_BYTES >> 20} MiB"
"""The document limit in words, as messages say it."""

DOCUMENT_TOO_LARGE = (
    f"the JSON document is larger than {DOCUMENT_LIMIT}; send one event per line (JSONL) instead"
)
"""The words of the one error record of a document over :data:`MAX_DOCUMENT_BYTES`, by which
``engine.tally`` tells it from an event too large: none of the document's events was decided,
which eval says on standard error too."""


def too_large(source: str, line: int) -> InputEvent:
    """The one error record of a document over :data:`MAX_DOCUMENT_BYTES`."""
    return InputEvent(source, line, 0, error=DOCUMENT_TOO_LARGE, code="too-large")


def document_events(
    raw: bytes, source: str, line: int, batches: Batches | None = None
) -> Iterator[InputEvent]:
    """The events of one JSON document that starts on ``line``: an array, or one object.

    A valid array is read a batch of elements at a time (:func:`array_batches`; ``batches``
    when the caller has found them already), so only one batch's events are ever parsed at
    once, and its batches may be read apart, in worker processes (:class:`ArrayEvents`);
    anything else is read whole, as before."""
    if len(raw) > MAX_DOCUMENT_BYTES:
        return iter((too_large(source, line),))
    if batches is None:
        batches = array_batches(raw)
    if batches is not None:
        return ArrayEvents(raw, source, line, batches)
    return _whole_document_events(raw, source, line)


def _whole_document_events(raw: bytes, source: str, line: int) -> Iterator[InputEvent]:
    """The events of a document that is not a valid array, parsed whole."""
    value, error, code = parse_json(raw, line)
    if error is not None and code in _ONE_BY_ONE and raw.lstrip().startswith(b"["):
        read = 0  # a mistake in one element loses no other
        for event in _from_text(raw, source, line, _elements_one_by_one):
            read += 1
            error = error if event.error is None else None
            yield event
        if error is not None:  # orjson refused the whole: never let its reason go unsaid
            yield InputEvent(source, line, read, error=error, code=code)
    elif error is not None:
        yield InputEvent(source, line, 0, error=error, code=code)
    elif isinstance(value, list):
        yield from _elements(source, line, 0, value, ElementLines(raw, line), raw, line)
    else:
        yield checked(source, line, 0, value, text=raw)


Batches = list[tuple[int, int, int]]
"""Where each batch of a valid JSON array's elements is in its bytes, and how many it holds:
``(start, end, count)``, where ``raw[start:end]`` is the ``count`` elements between two of the
array's own commas (or its brackets), as they were written."""

_Spans = list[tuple[int, int]]
"""Batches before their elements are counted: ``(start, end)``."""

BATCH_BYTES = 1 << 18
"""About how much of an array is parsed at a time: 256 KiB of JSON, some 2.5 MiB of events (an
array read whole held every event at once: 330 MB for an array of 32 MiB). A batch is also
what a worker process is handed at a time (``backplan eval --jobs``), as a piece of a JSONL
file is (``engine.parallel.PIECE_BYTES``), so an array of 1 MiB is shared by two workers."""

_STRING = rb'"[^"\\]*+(?:\\.[^"\\]*+)*+"'
_DEEP = re.compile(rb'(?:[^"\[\]{}]++|' + _STRING + rb")*+", re.DOTALL)
"""Skips to the next bracket (or a quote that opens a string never closed): inside an element,
its commas, colons, scalars and whole strings are passed over by the regular expression, never
a Python step per byte."""
_TOP = re.compile(rb'(?:[^"\[\]{},]++|' + _STRING + rb")*+", re.DOTALL)
""":data:`_DEEP` between the array's elements, where its commas are what is looked for too."""


def array_batches(raw: bytes, size: int | None = None) -> Batches | None:
    """The batches of about ``size`` bytes (:data:`BATCH_BYTES` unless told) that the JSON
    array in ``raw`` is read in, when it is an array that orjson reads whole without error;
    else None (not an array, or one with a mistake: such a document is read whole, as it
    always was).

    The array's own commas are found by its shape (strings and brackets, :data:`_DEEP`); each
    batch is then parsed with orjson as the elements between two such commas, in brackets of
    their own: the array is valid exactly when every batch is, and each holds an element (a
    comma too many leaves one empty), so a scan gone wrong can only fall back to reading the
    whole, never read a broken array as a valid one. The batches parsed here are dropped at
    once: this pass makes sure of the whole before any event is given out, so the events of
    every input are as they were when the array was parsed whole.
    """
    frame = _brackets(raw)
    if frame is None:  # (a missing `]` is not worth a scan of the shape)
        return None
    size = BATCH_BYTES if size is None else size
    spans = _split_by_counts(raw, *frame, size)
    if spans is not None:
        counts = _element_counts(raw, spans)
        if len(counts) == len(spans):
            return _counted(spans, counts)
        start, end = spans[len(counts)]
        if _split_by_shape(raw, start - 1, end, end - start + 1) is not None:
            return None  # cut where the shape says an element ends: a mistake inside
    spans = _split_by_shape(raw, *frame, size)
    if spans is None:
        return None
    counts = _element_counts(raw, spans)
    return _counted(spans, counts) if len(counts) == len(spans) else None


def _element_counts(raw: bytes, spans: _Spans) -> list[int]:
    """How many elements each span holds, read as a JSON array's elements (at least one,
    unless it is the only span), up to the first that is not: fewer counts than spans then."""
    counts: list[int] = []
    for start, end in spans:
        value, error, _ = parse_json(b"[" + raw[start:end] + b"]")
        if error is not None or (not value and len(spans) > 1):
            break
        counts.append(len(value))
    return counts


def _counted(spans: _Spans, counts: list[int]) -> Batches:
    return [(start, end, count) for (start, end), count in zip(spans, counts, strict=True)]


def _brackets(raw: bytes) -> tuple[int, int] | None:
    """Where the ``[`` that ``raw`` starts with (blanks and a byte-order mark aside) and the
    ``]`` it ends with (blanks aside) are; None when it does not start and end so."""
    at = len(BOM) if raw.startswith(BOM) else 0
    while raw[at : at + 1] in (b" ", b"\t", b"\n", b"\r"):
        at += 1
    close = len(raw.rstrip(b" \t\n\r")) - 1
    if raw[at : at + 1] != b"[" or close <= at or raw[close] != ord("]"):
        return None
    return at, close


def _split_by_counts(raw: bytes, at: int, close: int, size: int) -> _Spans | None:
    """Where the array in ``raw`` (from its ``[`` at ``at`` to its ``]`` at ``close``) would be
    cut into batches of about ``size`` bytes, at the first comma after each ``size`` bytes
    where as many brackets have closed as opened since the batch's start; None when no such
    comma is found soon enough.

    Counting brackets takes no step per byte in Python (``bytes.count``), so this costs next
    to nothing; it is misled only by brackets inside strings, whose batches then do not parse,
    and :func:`_split_by_shape` is asked instead.
    """
    batches: _Spans = []
    start = at + 1
    reach = max(_GIVE_UP * size, _GIVE_UP_BYTES)
    while close - start > size:
        comma = raw.find(b",", start + size, close)
        depth = _depth_change(raw, start, comma)
        while comma >= 0 and depth:
            if comma - start > reach:  # misled by a string, or one large element
                return None
            after = raw.find(b",", comma + 1, close)
            depth += _depth_change(raw, comma, after)
            comma = after
        if comma < 0:
            if depth:  # never balanced again: misled by a string
                return None
            break
        batches.append((start, comma))
        start = comma + 1
    batches.append((start, close))
    return batches


_GIVE_UP = 8
"""How many batch sizes :func:`_split_by_counts` looks through for a cut before it leaves the
array to :func:`_split_by_shape` (which is exact, and about ten times slower)..."""
_GIVE_UP_BYTES = 8 << 20
"""...and how many bytes at least: what eight batches were when they were 1 MiB. At eight
batches of 256 KiB, one valid element of 2 to 8 MiB sent a whole 40 MB array to the shape's
walk (0.35 s -> 1.17 s of CPU before any event was decided)."""


def _depth_change(raw: bytes, start: int, end: int) -> int:
    """How many more brackets open than close in ``raw[start:end]`` (strings and all)."""
    if end < 0:
        return 0
    opened = raw.count(b"[", start, end) + raw.count(b"{", start, end)
    return opened - raw.count(b"]", start, end) - raw.count(b"}", start, end)


def _split_by_shape(raw: bytes, at: int, close: int, size: int) -> _Spans | None:
    """Where the array in ``raw`` (from its ``[`` at ``at`` to its ``]`` at ``close``) would be
    cut into batches of about ``size`` bytes at its own commas, told by its strings and
    brackets alone; None when its brackets do not close at ``close``, as far as that tells.
    (``at`` may be one of its commas and ``close`` a later one: whether the elements between
    them are whole, as far as their shape tells.)"""
    batches: _Spans = []
    depth, at = 1, at + 1
    start = at
    while True:
        skipped = (_TOP if depth == 1 else _DEEP).match(raw, at)
        assert skipped is not None  # the patterns match the empty text
        at = skipped.end()
        if at > close:  # past the end, not at the top level there
            return None
        mark = raw[at : at + 1]
        if mark in (b"[", b"{"):
            depth += 1
        elif mark in (b"]", b"}") and depth > 1:
            depth -= 1
        elif at == close:  # the array's own `]`, or the comma after the elements asked about
            return [*batches, (start, at)]
        elif mark == b"," and at - start >= size:
            batches.append((start, at))
            start = at + 1
        elif mark != b",":  # a bracket closing too soon, or a string never closed
            return None
        at += 1


@dataclass(slots=True, frozen=True)
class BatchPiece:
    """One batch of a valid JSON array's elements, which reads (in any process) as exactly the
    events those elements are in the whole array: :func:`batch_events`."""

    data: bytes
    """The elements, as written between two of the array's own commas (or its brackets)."""
    line: int
    """The line where the array starts (every element's :attr:`InputEvent.line`)."""
    index: int
    """The first element's position among the input's events."""
    first_line: int
    """The line where :attr:`data` starts (where the elements' own lines are counted from)."""


def batch_events(piece: BatchPiece, source: str) -> Iterator[InputEvent]:
    """The events of one batch of an array known to be valid, numbered as in the whole."""
    text = b"[" + piece.data + b"]"
    batch, _, _ = parse_json(text)
    elements = ElementLines(text, piece.first_line, piece.index)
    return _elements(source, piece.line, piece.index, batch, elements, text, piece.first_line)


def _elements(
    source: str,
    line: int,
    first: int,
    items: list[Any],
    elements: ElementLines,
    text: bytes,
    text_line: int,
) -> Iterator[InputEvent]:
    """The events of the elements ``items`` of the JSON array ``text`` (which starts on
    ``text_line``; the first element numbered ``first``), each held to the limits and, when it
    writes a key twice with different values, its error record (:mod:`engine.repeatedkeys`,
    asked once for the whole text)."""
    text = text.removeprefix(BOM)
    twice = repeatedkeys.of_elements(text, items)
    for at, item in enumerate(items):
        event = checked(source, line, first + at, item, elements)
        found = twice.get(at)
        if found is not None and event.error is None:
            path = (at, *found[0].path)
            where = repeatedkeys.key_lines(text, path, found[0].key, text_line)
            message = repeatedkeys.words(found, event.start_line(), where)
            event = repeated(event, message, repeatedkeys.named_event(found, item))
        yield event


class ArrayEvents(Iterator[InputEvent]):
    """The events of a valid JSON array, then those of any lines after it (JSON Lines after an
    array on the input's first line): read in order by iterating, or its batches read apart
    (:meth:`pieces`, by worker processes) and then what comes :meth:`after` it.

    The batches' elements are already counted (:func:`array_batches` read each to be sure of
    the whole), so each piece knows the index its first event has, before any is read.
    """

    def __init__(self, raw: bytes, source: str, line: int, batches: Batches) -> None:
        self.raw, self.source, self.line, self.batches = raw, source, line, batches
        self._after: Callable[[int], Iterator[InputEvent]] = lambda _count: iter(())
        self._events: Iterator[InputEvent] | None = None

    def followed_by(self, after: Callable[[int], Iterator[InputEvent]]) -> ArrayEvents:
        """These events, then ``after(number of the array's elements)``."""
        self._after = after
        return self

    def pieces(self) -> Iterator[BatchPiece]:
        """The array's batches, each to be read by :func:`batch_events`."""
        raw, line = self.raw, self.line
        index, first_line, counted = 0, line, 0
        for start, end, count in self.batches:
            first_line += raw.count(b"\n", counted, start)
            counted = start
            yield BatchPiece(raw[start:end], line, index, first_line)
            index += count

    def after(self) -> Iterator[InputEvent]:
        """The events that follow the array's (none unless :meth:`followed_by` said)."""
        return self._after(sum(count for _, _, count in self.batches))

    def __next__(self) -> InputEvent:
        if self._events is None:
            read = (batch_events(piece, self.source) for piece in self.pieces())
            self._events = itertools.chain(itertools.chain.from_iterable(read), self.after())
        return next(self._events)


class ElementLines:
    """The lines where the elements of one JSON array start, worked out when first asked.

    orjson parses the array whole and says nothing of where each element was. Only an error
    record needs that, so the valid events of a large array never pay for finding out; the
    first error scans the array once (the standard library's ``raw_decode`` walks it element by
    element and says where each one ends): about 1 s for an array of 100,000 events (40 MB),
    against about 8 s to decide them. A valid array's batch is such an array of its own
    (:func:`batch_events`), whose first element is the whole's ``first_index``: an error
    scans only its batch.
    """

    __slots__ = ("_first_index", "_first_line", "_lines", "_raw")

    def __init__(self, raw: bytes, first_line: int, first_index: int = 0) -> None:
        self._raw: bytes | None = raw
        self._first_line = first_line
        self._first_index = first_index  # the index of the array's first element (a batch's)
        self._lines: list[int] = []

    def line(self, index: int, otherwise: int) -> int:
        """The line where element ``index`` starts (``otherwise`` if it cannot be found)."""
        raw = self._raw
        if raw is not None:
            self._raw = None  # scanned once; the bytes are no longer needed
            self._lines = _element_lines(raw, self._first_line)
        index -= self._first_index
        return self._lines[index] if 0 <= index < len(self._lines) else otherwise


_BLANK = re.compile(r"[ \t\n\r]*")
"""The whitespace JSON allows between values."""


def _past_blanks(text: str, at: int) -> int:
    """The position of the first character from ``at`` on that is not JSON whitespace."""
    blanks = _BLANK.match(text, at)
    assert blanks is not None  # the pattern matches the empty text
    return blanks.end()


def _before_blanks_back(text: str, end: int, start: int) -> int:
    """Where the JSON whitespace that ends just before ``end`` starts, looking back no further
    than ``start``: :func:`_past_blanks`, backwards."""
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _element_lines(raw: bytes, first_line: int) -> list[int]:
    """The line where each element of the JSON array in ``raw`` starts (``raw`` starts on
    ``first_line`` and holds one array that orjson has already read without error).

    On anything the standard library reads otherwise than orjson (such as nesting beyond its
    recursion limit), the elements are found by the array's shape instead (its strings and
    brackets, :func:`_value_ends`, which has no depth limit); should that fail too, the lines
    found so far are given, and the caller names the array's own line for the others.
    """
    text = raw.decode("utf-8", "replace")
    lines = _Lines(text, first_line)
    found: list[int] = []
    at = _past_blanks(text, text.index("[") + 1)
    try:
        while text[at] != "]":
            found.append(lines.of(at))
            at = _past_blanks(text, _DECODER.raw_decode(text, at)[1])
            if text[at] == ",":
                at = _past_blanks(text, at + 1)
    except (ValueError, RecursionError, IndexError):
        ends = _value_ends(text, text.index("["), in_array=True)
        if ends is not None and len(ends) > len(found):
            lines = _Lines(text, first_line)
            return [lines.of(start) for start in sorted(ends)]
    return found


def objects_one_after_another(raw: bytes, source: str, line: int) -> Iterator[InputEvent]:
    """The events of pretty-printed JSON objects one after another (see :func:`_objects`)."""
    return _from_text(raw, source, line, _objects)


def _objects(text: str, source: str, line: int) -> Iterator[InputEvent]:
    """The events of JSON objects written one after another, each over as many lines as it
    likes, as ``jq .`` prints them (the input's first line is a lone ``{``).

    Each value is found with the standard library's ``raw_decode``, then read by orjson, as
    every other event is (valid output is so parsed twice: still a small part of deciding it).
    A value with a mistake, or with more text after it on its last line, is one error record.
    Reading goes on after it where the next object can be told for sure: where the broken one
    ends, when every string and bracket of the input is whole (:func:`_value_ends`); otherwise,
    when the objects' members are indented (as ``jq`` and ``json.dumps(..., indent=2)`` write
    them, so that no nested object starts a line), at the next line that starts with ``{``,
    after the place of the mistake, so no text is walked more than twice however many mistakes
    there are. When neither can be told, the rest is that one error record, and it says so.
    """
    lines = _Lines(text, line)
    at, index = _past_joins(text, 0), 0
    indented = _members_indented(text, at)
    shape = _Shape(text, at, in_array=False)
    read: dict[int, tuple[int | None, int]] = {}  # values read ahead (_next_line_start)
    while at < len(text):
        end, failed_at = read.pop(at) if at in read else _value_end(text, at)
        if end is not None and not _ends_its_line(text, end):
            failed_at, end = end, None  # `{...} more` on one line: one record for both
        stop = end
        if stop is None:
            stop = shape.end_of(at)
            if stop is not None and not _ends_its_line(text, stop):
                stop = None
        if stop is None and indented:
            stop = _next_object_in_layout(text, at, read)
        elif stop is None:
            stop = _next_line_start(text, at, failed_at, *_object_line(text, at), read)
            if stop is not None:
                yield _lost_after(_event_at(text, at, len(text), source, lines, index))
                return
        stop = stop or len(text)
        yield _event_at(text, at, stop, source, lines, index)
        index += 1
        at = _past_joins(text, stop)


_JOIN = re.compile(r"[ \t\n\r]*(?:\ufeff[ \t\n\r]*)*")
"""Blanks, and the byte-order marks of files joined by ``cat`` (each file saved with one)."""
_JOINED_FILE = re.compile(r"[ \t\r]*\ufeff")
"""Blanks, then a byte-order mark: the next file of several joined by ``cat``, its object
run on to the line of the one before, which did not end with a line end."""


def _past_joins(text: str, at: int) -> int:
    """:func:`_past_blanks`, past the byte-order marks between objects too: files of
    pretty-printed objects joined with ``cat``, each starting with a mark, had their second
    object told "a zero width no-break space (U+FEFF) ... remove it", and where the file before
    did not end with a line end, every object after it left undecided with no word."""
    joins = _JOIN.match(text, at)
    assert joins is not None  # the pattern matches the empty text
    return joins.end()


def _ends_its_line(text: str, at: int) -> bool:
    """Whether an object ending at ``at`` is the last thing on its line, or the next file's
    byte-order mark follows it there (:data:`_JOINED_FILE`)."""
    return _blank_to_line_end(text, at) or _JOINED_FILE.match(text, at) is not None


def _object_line(text: str, at: int) -> tuple[re.Pattern[str], int]:
    """What finds the next object's line of objects whose members are not indented, the one
    at ``at`` first (:data:`_OBJECT_LINE`), and their column: past the blanks the first one's
    line starts with, when each object is indented as a whole (``indent=0``'s output through
    ``sed 's/^/  /'``), where the next one had never been found and the rest of the input
    after a broken one was its record, without a word of the events in it."""
    line = text[text.rfind("\n", 0, at) + 1 : at]
    prefix = line[len(line.rstrip(" \t")) :]
    if not prefix:
        return _OBJECT_LINE, 0
    return re.compile("\n" + re.escape(prefix) + r"\ufeff*(?=\{)"), len(prefix)


def _members_indented(text: str, at: int) -> bool:
    """Whether the object that opens at ``at`` (a lone ``{`` on its line) has its first member
    indented past its ``{``, as pretty-printers other than ``indent=0`` write it. A blank
    starting the member's line was taken for that: ``indent=0``'s objects each indented (by
    ``sed 's/^/  /'``) were read as indented, and after one cut short, an object nested in it
    at the column of its members was decided as an event of its own."""
    line_end = text.find("\n", at)
    if line_end == -1 or text[line_end + 1 : line_end + 2] not in (" ", "\t"):
        return False
    return _indent(text, line_end + 1) > _indent(text, at)


def _next_object_in_layout(
    text: str, at: int, read: dict[int, tuple[int | None, int]]
) -> int | None:
    """Where the next object starts after the broken one at ``at``, in objects whose members
    are indented: the next line after its first whose ``{`` is at the column of the broken
    object's members (its second line's) or before it, or the next file's mark and ``{``
    (:data:`_OBJECT_LINE`), that reads as an object closed at its own column (or on its own
    line); None when there is none. A line deeper than the members is the next object too
    when the bracket open there is an object's (the broken one cut after a member's comma,
    then an event indented deeper): it can be no member; one inside a list is taken as an item.

    A member starts with its key, and a pretty-printer indents what a member holds past the
    member, so such a line is none of the broken object's. After an object cut short at a
    member's comma (``"rating": 5,``), the next object had been taken for one of its members
    (a comma before it); an indented one (``  {``: events each indented) was never looked for;
    and one cut short in its turn was read as part of the broken one, up to where reading
    failed, past its start: each was lost with the broken one, without a word (found by
    review). The search starts at the broken object's first line end and walks only its own
    lines (and reads the next one), so no text is walked more than twice however many objects
    are broken."""
    from engine.jsonslips import open_at  # only for a broken object

    members = text.find("\n", at) + 1
    column = max(_indent(text, at), _indent(text, members) if members else 0)
    opened: list[int] = []  # the brackets open before the line looked at, from `at` on
    walked = at
    found = _OBJECT_LINE_ANY.search(text, at)
    while found is not None:
        start = found.end()
        if _indent(text, start) > column:  # deeper than its members: an item of one of them,
            opened = open_at(text, walked, found.start(), opened)  # unless an object is what
            walked = found.start()  # is open there (no member starts with `{`), or a list
            if opened and _may_be_item(text, opened[-1], found.start(), _indent(text, start)):
                found = _OBJECT_LINE_ANY.search(text, start)  # (whose items are elsewhere,
                continue  # or after its last one: no comma before the line)
        read[start] = _value_end(text, start)
        if not _ends_out_of_place(text, start, _indent(text, start), read[start][0]):
            return start
        del read[start]
        found = _OBJECT_LINE_ANY.search(text, start)
    return None


def _may_be_item(text: str, bracket: int, line: int, column: int) -> bool:
    """Whether the line after ``line`` (its start's line end), at ``column``, may hold an item
    of what the bracket at ``bracket`` opens: a list (an object's items are members, which
    start with their key), after its `[` or a comma (as JSON Lines' events cut over lines ask
    of :class:`~engine.docstart.DocumentStart`), whose first item did not start a line of its
    own at another column (a pretty-printer puts all of a list's items at one column), nor
    at the column of the line that opened the list or before it (a pretty-printer indents a
    list's items past that line). ``jq .``'s event cut short in a list, then the next event
    indented deeper than the list's items, had been taken for one of them and lost with the
    cut one; so had one at the items' column after the list's last item (cut before its `]`),
    where no item may come, and one at the column of `"lines": [` cut before its first item."""
    if text[bracket] != "[" or _last_mark(text, line, bracket)[0] not in ("[", ","):
        return False
    if column <= _indent(text, bracket):
        return False
    line_end = _BLANK_TO_LINE_END.match(text, bracket + 1)  # (the line after it is still to come)
    if line_end is None:  # its first item on the bracket's line: items at any column past it
        return True
    return _indent(text, _past_blanks(text, line_end.end())) == column


_NEXT_FILE = r"(?<=\n\})[ \t\r]*\ufeff+(?=\{)"
"""A byte-order mark and ``{`` after a line's lone ``}``: the next file's first object, of
files joined by ``cat`` where the one before did not end with a line end (:data:`_JOIN`)."""
_OBJECT_LINE_ANY = re.compile(r"\n[ \t]*\ufeff*(?=\{)|" + _NEXT_FILE)
"""A line that starts with ``{``, at any column, or the next file's mark and ``{``
(:data:`_OBJECT_LINE`)."""


def _lost_after(event: InputEvent) -> InputEvent:
    """The record of a broken event after which no other can be told apart: the rest of the
    input is not decided, and it says so."""
    return InputEvent(
        event.source,
        event.line,
        event.index,
        error=f"{event.error or 'not valid JSON'}; the events after it cannot be told apart, so "
        "they are not decided: correct this one and send them again",
        code="bad-json",
    )


def _elements_one_by_one(text: str, source: str, first_line: int) -> Iterator[InputEvent]:
    """The events of a JSON array that orjson refused whole.

    Each element that is right, and the comma after it, is an event; each one that is not is an
    error record. After a broken element, reading goes on only where the next element can be
    told for sure: in an array pretty-printed with its elements at a column beyond the first (as
    ``json.dumps(..., indent=2)`` writes it), the next line that starts there with ``{`` (not
    inside a value, and whose object closes there too); nested objects are always indented
    further, so where the shape is not whole an element that starts a line further in is taken
    for part of a broken one. Otherwise (elements
    side by side, or at the first column like the objects nested in them, or when no line starts
    there), the rest of the array is that one error record, and it says so. Before either, when
    every string and bracket of the array is whole (so the mistake is of another kind: a comma
    or colon missing, a stray character, a bare word), each element's end is known
    (:func:`_value_ends`) and reading goes on right after the broken one, whatever the layout. A
    comma after the last element, no closing ``]`` or more after it are records of their own, so
    the mistake is never lost.
    """
    yield from _Elements(text, source, first_line).events()


class _Elements:
    """The reading of :func:`_elements_one_by_one`, a step a method: what the steps share (where
    reading is, the elements' column, the values read ahead) is here, each described once. The
    steps had been one generator of 97 lines. Positions are asked of :attr:`lines` in the order
    they come in the text, as it needs (:class:`_Lines`)."""

    __slots__ = ("at", "column", "index", "inside", "lines", "read", "shape", "source", "text")

    def __init__(self, text: str, source: str, first_line: int) -> None:
        self.text, self.source = text, source
        self.lines = _Lines(text, first_line)
        self.shape = _Shape(text, text.index("["), in_array=True)
        self.at = _past_blanks(text, text.index("[") + 1)
        """Where the next element starts (or the array's ``]``)."""
        self.index = 0
        """The index of the next record."""
        self.column: int | None = None
        """The column of the elements, once one starts a line."""
        self.inside = -1
        """After stray text: where the shape's element that reading is in ends."""
        self.read: dict[int, tuple[int | None, int]] = {}
        """Values read ahead (:func:`_next_line_start`)."""

    def events(self) -> Iterator[InputEvent]:
        """Each element's event or error record, then what is wrong after the last, if
        anything: the array never closed, or more after its ``]``."""
        while self.at < len(self.text) and self.text[self.at] != "]":
            if not (yield from self.element()):
                return
        text, at = self.text, self.at
        if at >= len(text):
            yield self.problem(
                "not valid JSON: the array is never closed; end it with `]`", len(text) - 1
            )
        elif _past_blanks(text, at + 1) < len(text):
            yield self.problem(
                "not valid JSON: there is more after the array's closing `]`; remove it, or put "
                "those events inside the array",
                at,
            )

    def problem(self, message: str, where: int) -> InputEvent:
        """The error record ``message`` of the element being read, at position ``where``."""
        return InputEvent(
            self.source, self.lines.of(where), self.index, error=message, code="bad-json"
        )

    def element(self) -> Generator[InputEvent, None, bool]:
        """The records of the element at :attr:`at`, reading moved on past it; whether reading
        goes on (else the rest of the array was that element's record)."""
        text, at = self.text, self.at
        known_end = self.shape.end_of(at)  # where the element ends, when the shape says
        if known_end is None and at < self.inside:
            known_end = self.inside  # an element found after stray text ends with the shape's one
        if self.column is None and self.lines.starts_line(at):
            self.column = self.lines.column(at)
        if text[at] == ",":  # a comma with no element before it (`,,`): a record of its own
            where = self.lines.position(at)
            yield self.problem(f"not valid JSON: a comma too many ({where}); remove it", at)
            self.at = _past_blanks(text, at + 1)
            self.index += 1
            return True
        end, stop = self.end_and_next(at, known_end)
        after = len(text) if end is None else _past_blanks(text, end)
        if end is not None and (after == len(text) or text[after] in ",]"):
            yield from self.whole(at, end, after)
        elif end is not None:  # the element is whole, but no comma or `]` comes after it
            yield self.not_followed(at, after, known_end)
        elif not (yield from self.broken(at, stop)):
            return False
        self.index += 1
        return True

    def end_and_next(self, at: int, known_end: int | None) -> tuple[int | None, int | None]:
        """Where the element at ``at`` ends (None: it is broken, and where it ends cannot be
        told), and, when it is broken, where the next one starts, told by the elements' column
        (None: nowhere for sure)."""
        if known_end is None and _off_column(self.lines, at, self.column):
            # Where the shape is not whole, an element that starts a line elsewhere than the
            # elements' column is inside one (a bracket the damage added closed the one before
            # early, or a guess was a nested `{}` a damaged line put at the column): broken
            # too, and reading goes on at the next line the column tells.
            end, failed_at = None, at
        else:
            end, failed_at = self.read.pop(at) if at in self.read else _value_end(self.text, at)
        stop = None  # after a broken element: where the next one starts, told by its column
        if end is None:
            end = known_end  # where it ends, when the input's shape is whole
        if end is None and self.column:  # the elements' column is known, and is not the first
            pattern = re.compile(rf"\n[ \t]{{{self.column}}}(?=\{{)")  # an event is an object
            stop = _next_line_start(self.text, at, failed_at, pattern, self.column, self.read)
        return end, stop

    def whole(self, at: int, end: int, after: int) -> Iterator[InputEvent]:
        """The event of the element from ``at`` to ``end``, followed at ``after`` by a comma
        or the ``]``; a comma right before the ``]`` is a record of its own."""
        text = self.text
        event = _event_at(text, at, end, self.source, self.lines, self.index)
        self.at = _past_blanks(text, after + 1) if text[after : after + 1] == "," else after
        yield event
        if text[after : after + 1] == "," and text[self.at : self.at + 1] == "]":
            self.index += 1
            where = self.lines.position(after)
            yield self.problem(  # the record's line is the comma's, as its message says
                f"not valid JSON: a comma after the last event ({where}); remove it", after
            )

    def not_followed(self, at: int, after: int, known_end: int | None) -> InputEvent:
        """The record of the element at ``at``, whole but followed at ``after`` by neither a
        comma nor the ``]``: stray text, read past to the next element, or a comma missing
        before the next."""
        here = self.lines.of(at)  # before the next one's position moves the count on
        where = self.lines.position(after)
        if known_end is not None and self.text[after] not in VALUE_STARTS:
            # Stray text after the element (`{...} x,`, or `;` for a comma): the element
            # is that one error record, and reading goes on at the next element.
            said, fix, self.at = _stray_text(self.text, after, known_end)
            message = f"not valid JSON: {said} ({where}); {fix}"
            self.inside = known_end
        else:
            message = (
                f"not valid JSON: a comma is missing after this event (the next starts {where})"
            )
            self.at = after
        return InputEvent(self.source, here, self.index, error=message, code="bad-json")

    def broken(self, at: int, stop: int | None) -> Generator[InputEvent, None, bool]:
        """The record of the broken element at ``at``, up to ``stop``, where the next one
        starts; whether reading goes on there (with no ``stop``, the rest of the array is
        that one record, and it says so)."""
        event = _event_at(
            self.text, at, stop or len(self.text), self.source, self.lines, self.index
        )
        if stop is None:
            yield _lost_after(event)
            return False
        yield event if event.error is not None else self.problem("not valid JSON", at)
        self.at = stop
        return True


def _off_column(lines: _Lines, at: int, column: int | None) -> bool:
    """Whether the value at ``at`` starts a line at another column than the elements'."""
    return column is not None and lines.starts_line(at) and lines.column(at) != column


def _stray_text(text: str, after: int, through: int) -> tuple[str, str, int]:
    """What stray text from ``after`` up to ``through`` (where the shape's element ends) is and
    how to mend it, in words, and where reading goes on: at an element it runs into (`; {`), else after the comma
    that ends it."""
    quote = text.find('"', after, through)  # not inside a string: stop at one
    found = _NEXT_ELEMENT.search(text, after, through if quote < 0 else quote)
    if found is not None and ":" not in text[after : found.start()]:
        stray = text[after : found.start()].strip()
        return f"`{_cut(stray)}` where a comma should be", "write a comma instead", found.start()
    # `{...} key: {...}` may be a member of the element: never split into an element of its own
    at = _past_blanks(text, through)
    at = _past_blanks(text, at + 1) if text[at : at + 1] == "," else at
    stray = text[after:through].strip()
    return f"`{_cut(stray)}` after this event", "remove it", at


_NEXT_ELEMENT = re.compile(r"(?<=[\s;:.|])[{\[]")
"""An element's start after stray text and a blank or separator (`; {`), not inside a word."""


def _cut(text: str) -> str:
    """Stray text as a message shows it: on one line, at most 40 characters, bytes that are
    not UTF-8 (kept as lone surrogates, see :func:`_from_text`) as the replacement character."""
    readable = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    one_line = " ".join(readable.split())
    return one_line if len(one_line) <= 40 else one_line[:39] + "…"


_SHAPE = re.compile(r'"(?:[^"\\\n]|\\.)*"|[][{},"]')
"""What gives a JSON text its shape: a whole string (on one line, as JSON strings are), a
bracket, a comma, or a quote that opens a string never closed."""
_CLOSING = {"{": "}", "[": "]"}


class _Shape:
    """Where each top-level value of a document ends, when that can be told for sure: worked out
    once, when the first broken value asks (:func:`_value_ends`)."""

    def __init__(self, text: str, start: int, *, in_array: bool) -> None:
        self._text, self._start, self._in_array = text, start, in_array

    @functools.cached_property
    def _ends(self) -> dict[int, int] | None:
        return _value_ends(self._text, self._start, self._in_array)

    def end_of(self, at: int) -> int | None:
        """Where the value that starts at ``at`` ends; None when that cannot be told."""
        return None if self._ends is None else self._ends.get(at)


def _value_ends(text: str, start: int, in_array: bool) -> dict[int, int] | None:
    """Each top-level value's start and end (the elements of the array that opens at ``start``,
    or the objects one after another from ``start`` on), or None when the document's shape is
    not whole.

    Whole means every string closes on its line and every bracket pairs, and nothing but blanks
    comes after the array's ``]``. A quote missing or one too many leaves a string open (the
    number of quotes on some line is odd); a bracket missing, one too many or of the wrong kind
    breaks the pairing: then where a broken value ends is anyone's guess, and None says so. Any
    other mistake (a comma or colon missing, a stray character, a bare word such as ``tru``)
    leaves the shape whole, and the values are where the brackets and commas say.
    """
    ends: dict[int, int] = {}
    open_brackets: list[str] = []
    value_start = _past_blanks(text, start + 1) if in_array else start
    for mark in _SHAPE.finditer(text, start):
        char = mark.group()
        depth = len(open_brackets)
        closing = _CLOSING.get(char)
        if closing is not None:
            if depth == 0 and not in_array:
                value_start = mark.start()
            open_brackets.append(closing)
        elif char in ("}", "]"):
            if not open_brackets or open_brackets.pop() != char:
                return None
            if depth == 1 and in_array:  # the array's own `]`: its last element ends before it
                _note_end(text, value_start, mark.start(), ends)
                # Text after it may be a string that an early quote left open, closing the
                # array too soon: a shape is whole only up to the input's end.
                return ends if _past_blanks(text, mark.end()) == len(text) else None
            if depth == 1:
                ends[value_start] = mark.end()
        elif char == ",":
            if depth == 1 and in_array:
                _note_end(text, value_start, mark.start(), ends)
                value_start = _past_blanks(text, mark.end())
        elif char == '"':
            return None  # a string never closed
    return None if open_brackets or in_array else ends


def _note_end(text: str, value_start: int, separator: int, ends: dict[int, int]) -> None:
    """Note where the element from ``value_start`` ends: before the blanks ahead of the comma
    or ``]`` at ``separator`` (an element with nothing in it is no element)."""
    end = _before_blanks_back(text, separator, value_start)
    if end > value_start:
        ends[value_start] = end


class _Lines:
    """Line numbers and columns of positions in a text, counted forward: each character is
    counted once, so a whole array on one line costs no more than one over many. Positions are
    asked about in the order they come in the text (each at or after the last), as the readers
    here walk it."""

    __slots__ = ("_counted", "_line", "_line_start", "_text", "_text_start")

    def __init__(self, text: str, first_line: int) -> None:
        self._text, self._line, self._counted, self._line_start = text, first_line, 0, 0
        self._text_start = -1  # where the current line's first non-blank is (-1: not looked)

    def of(self, at: int) -> int:
        """The line of position ``at``."""
        if at > self._counted:
            newlines = self._text.count("\n", self._counted, at)
            if newlines:
                self._line += newlines
                self._line_start = self._text.rfind("\n", self._counted, at) + 1
                self._text_start = -1
            self._counted = at
        return self._line

    def column(self, at: int) -> int:
        """The 0-based column of position ``at`` (characters since its line's start)."""
        self.of(at)
        return at - self._line_start

    def starts_line(self, at: int) -> bool:
        """Whether only blanks come before position ``at`` on its line (the line's blanks are
        walked once, however many positions on it are asked about)."""
        if self.column(at) == 0:
            return True
        if self._text_start < 0:
            self._text_start = _past_blanks(self._text, self._line_start)
        return self._text_start >= at

    def position(self, at: int) -> str:
        """``at line L, column C`` of position ``at``."""
        return f"at line {self.of(at)}, column {self.column(at) + 1}"


_OBJECT_LINE = re.compile(r"\n\ufeff*(?=\{)|" + _NEXT_FILE)
"""A line that starts with ``{``: the next object, in pretty-printed output; or with a
byte-order mark and ``{``, or the mark and ``{`` after a line's lone ``}``: the next file's
first object, of files joined by ``cat`` (:data:`_JOIN`). Without them, an object broken past
its strings' ends (a quote left out) took every object of the files after it into its record,
with no word of them."""

_BLANK_TO_LINE_END = re.compile(r"[ \t\r]*(?:\n|\Z)")


def _blank_to_line_end(text: str, at: int) -> bool:
    """Whether only blanks come after position ``at`` on its line."""
    return _BLANK_TO_LINE_END.match(text, at) is not None


def _next_line_start(
    text: str,
    at: int,
    failed_at: int,
    pattern: re.Pattern[str],
    column: int,
    read: dict[int, tuple[int | None, int]],
) -> int | None:
    """Where the next value starts that ``pattern`` finds (a line break, then what starts the
    value at ``column``), from the line where reading the value at ``at`` failed: never back
    over the text already walked, nor at ``at`` itself; None when there is none.

    A line inside a value is never the next top-level value, whatever its column, so a nested
    object written at the elements' column is not taken for an event (:func:`_inside_a_value`),
    nor is a value that ends out of the layout's place (:func:`_ends_out_of_place`). What
    reading the value found there is kept in ``read``, by where it starts, for the caller to
    read it once.
    """
    line_break = text.rfind("\n", at, failed_at)  # looks back no further than the value's start
    found = pattern.search(text, at if line_break == -1 else line_break)
    while found is not None:
        if not _inside_a_value(text, found.start(), at):
            start = found.end()
            read[start] = _value_end(text, start)
            if not _ends_out_of_place(text, start, column, read[start][0]):
                return start
            del read[start]
        found = pattern.search(text, found.end())
    return None


def _inside_a_value(text: str, line_break: int, start: int) -> bool:
    """Whether the line after ``line_break`` is inside a value, told by what comes before it
    (blanks aside, back to ``start``): a ``:`` (it is a member's value), a bracket that opens
    (it is inside that), or a comma after anything but a closing bracket (it is the next
    member or item of a value: elements, being objects, end with ``}`` before their comma)."""
    mark, at = _last_mark(text, line_break, start)
    if mark == ",":
        before, _ = _last_mark(text, at, start)
        return before not in ("}", "]", "") and not _between_members(text, at, start)
    return mark in (":", "[", "{")


def _between_members(text: str, comma: int, start: int) -> bool:
    """Whether the comma at ``comma`` separates members of the element that starts at
    ``start``, on the element's own first line: the bracket left open last between them is
    ``{``. A line that starts with ``{`` is then no member (a member starts with its key), so
    it is the next element: after ``{"id": 1,`` cut short, the whole event on the next line
    had been taken for part of it and lost without a word (found by review). Only on that
    line: further down, a member's line may be inside a nested value whose next item is an
    object (found by the review after)."""
    if text.rfind("\n", 0, comma) >= start:
        return False
    from engine.jsonslips import still_open  # only for an array already found broken

    opened = still_open(text, start, comma)
    return bool(opened) and opened[-1] == "{"


def _ends_out_of_place(text: str, start: int, column: int, end: int | None) -> bool:
    """Whether the value that starts at ``start`` (a line's first character, at ``column``)
    and reads whole up to ``end`` ends where no value of this layout ends: on a later line
    that starts at another column. Pretty-printers close a value on the line it opened on, or
    on a line that starts at the column it opened at; a ``{`` typed over a blank at that
    column inside a value would otherwise make an event of the rest of a nested object. A
    value that does not read whole (``end`` None) is not judged here: it is an error record of
    its own, whatever it is."""
    if end is None or text.find("\n", start, end) == -1:
        return False
    return _indent(text, end - 1) != column


def _indent(text: str, at: int) -> int:
    """The column where the line holding position ``at`` starts, blanks aside."""
    line_start = text.rfind("\n", 0, at) + 1
    return _past_blanks(text, line_start) - line_start  # the line has a mark: stops on it


def _last_mark(text: str, end: int, start: int) -> tuple[str, int]:
    """The last character before ``end`` that is not blank, back to ``start``, and where it is;
    "" when there is none, or when it is inside a string, such as the `:` of a string never
    closed (``"Problems:``)."""
    at = _before_blanks_back(text, end, start) - 1
    if at < start:
        return "", start
    line_start = max(text.rfind("\n", start, at) + 1, start)
    quotes = _ESCAPED.sub("", text[line_start:at]).count('"')  # strings end with their line
    return ("" if quotes % 2 else text[at]), at


_ESCAPED = re.compile(r"\\.")
"""A backslash and the character it escapes (an escaped quote does not close a string)."""


def _from_text(
    raw: bytes, source: str, line: int, read: Callable[[str, str, int], Iterator[InputEvent]]
) -> Iterator[InputEvent]:
    """The events ``read`` finds in the document as text. Bytes that are not UTF-8 are kept as
    they are (as lone surrogates, ``surrogateescape``), one character each, so that only the
    element holding them is refused, by orjson, with its own reason (:func:`_event_at` gives
    it back the bytes)."""
    return read(raw.decode("utf-8", "surrogateescape"), source, line)


def _value_end(text: str, at: int) -> tuple[int | None, int]:
    """Where the JSON value starting at ``at`` ends (None when it cannot be read), and where
    reading it failed (``at`` when the reason has no place, such as nesting too deep).

    The value is read from a window of the text that grows fourfold while the value may go on
    past it: the standard library's error works out its line by counting every line break
    before it, which over the whole text made each mistake cost the length of all that came
    before (an array of 20,000 broken events took 15 s).
    """
    window = _FIRST_WINDOW
    while True:
        piece = text[at : at + window]
        try:
            end = _DECODER.raw_decode(piece)[1]
            if end < len(piece) - _LONGEST_TOKEN or at + window >= len(text):
                return at + end, at
        except json.JSONDecodeError as exc:
            cut_short = exc.pos >= len(piece) - _LONGEST_TOKEN or exc.msg.startswith(
                "Unterminated string"
            )
            if not cut_short or at + window >= len(text):
                return None, at + exc.pos
        except (ValueError, RecursionError):
            return None, at
        window *= 4


_FIRST_WINDOW = 1 << 10
"""The first window a value is read from (1 KiB, which holds most events whole: each read
copies its window, and 16 KiB windows made a broken array of 100,000 events 13% slower)."""
_LONGEST_TOKEN = 16
"""How near the window's end a value, or a failure, may have been cut short by it: a number read
whole may go on past the window, and ``-Infinity`` or an escape cut in two fail near the end."""


def _event_at(text: str, at: int, end: int, source: str, lines: _Lines, index: int) -> InputEvent:
    """The event (or error record) of the JSON text from ``at`` to ``end``, read by orjson as
    every event is, its positions counted in the whole input."""
    line = lines.of(at)
    written = text[at:end].encode("utf-8", "surrogateescape")
    value, error, code = parse_json(written, line, lines.column(at), element=True)
    if error is None:
        return checked(source, line, index, value, text=written)
    return InputEvent(source, line, index, error=error, code=code)
