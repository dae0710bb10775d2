"""engine.streams and engine.jsondocs: inputs read as JSONL, in pieces, or as whole documents."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from engine import jsondocs, streams
from engine.inputevent import InputEvent
from engine.lineends import newline_lines
from engine.output import Stopped
from engine.streams import JsonlStart, jsonl_pieces, line_events, open_events, piece_lines
from tests.conftest import EndlessGzip

LIMIT = 30
"""The event size limit in these tests, so that lines over it are common."""
BOM = b"\xef\xbb\xbf"

LINES = st.one_of(
    st.sampled_from(
        [b"", b" ", b"\t\r\x0b\x0c", BOM, b"{", b"}", b"[1]", b"nope", b'{"id": 1}', BOM + b"{}"]
    ),
    # around the limit: an event of exactly LIMIT bytes is the largest allowed, whether its
    # line ends with \n or \r\n (the line's end is not counted)
    st.builds(
        lambda count, byte, end: byte * count + end,
        st.integers(LIMIT - 2, 4 * LIMIT),
        st.sampled_from([b" ", b"x", b"{"]),
        st.sampled_from([b"", b"\r"]),
    ),
)


def _seen(item: InputEvent) -> tuple[Any, ...]:
    return (item.source, item.line, item.index, repr(item.value), item.error, item.code)


@pytest.fixture(autouse=True)
def small_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(streams, "MAX_EVENT_BYTES", LIMIT)
    # At the scale of the limit, as 256 bytes are to 1 MiB: a `}\r{` split across chunks is
    # still found, and a long run of blanks before it is not.
    monkeypatch.setattr(streams, "CR_APART_REACH", 8)


@given(
    lines=st.lists(LINES, max_size=20),
    end=st.sampled_from([b"", b"\n"]),
    bom=st.booleans(),
    size=st.integers(1, 5 * LIMIT),
    reads=st.integers(1, 3 * LIMIT),
)
def test_pieces_read_as_the_whole_input(
    lines: list[bytes], end: bytes, bom: bool, size: int, reads: int
) -> None:
    data = (BOM if bom else b"") + b"\n".join(lines) + end
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(streams, "_READ_BYTES", reads)  # long lines read in several blocks
        _check_pieces(data, size)


def _check_pieces(data: bytes, size: int) -> None:
    whole = [_seen(item) for item in streams.read_events(io.BytesIO(data), "in")]
    stream = io.BytesIO(data)
    opening = open_events(stream, "in")
    if not isinstance(opening, JsonlStart):  # one JSON document: never cut
        assert [_seen(item) for item in opening] == whole
        return
    if not opening.whole:  # the first line is over the limit: read whole, never cut
        with pytest.raises(ValueError, match="inside a line"):
            next(jsonl_pieces(opening, size))
        assert [_seen(item) for item in streams.jsonl_events(opening, "in")] == whole
        return
    pieces = list(jsonl_pieces(opening, size))
    read = [line_events(piece_lines(p), "in", p.line, p.index) for p in pieces]  # as one process
    assert [_seen(item) for events in read for item in events] == whole


def test_a_line_over_the_limit_is_kept_short() -> None:
    data = b'{"id": 1}\n' + b"x" * (3 * streams._READ_BYTES) + b"\n{}\n"  # never all in memory
    stream = io.BytesIO(data)
    opening = open_events(stream, "in")
    assert isinstance(opening, JsonlStart)
    pieces = list(jsonl_pieces(opening, 1))
    # its first chunk: an event of the largest size and \r\n (the line's end is not counted)
    assert [piece.data for piece in pieces] == [b'{"id": 1}\n', b"x" * (LIMIT + 2) + b"\n", b"{}\n"]
    assert [(piece.line, piece.index) for piece in pieces] == [(1, 0), (2, 1), (3, 2)]
    events = line_events(piece_lines(pieces[1]), "in", pieces[1].line, pieces[1].index)
    assert [item.code for item in events] == ["too-large"]


@pytest.mark.parametrize("end", [b"\n", b"\r\n"], ids=["lf", "crlf"])
def test_the_line_end_is_no_part_of_the_event_size_limit(end: bytes) -> None:
    # An event of exactly the limit was refused as too large when its line ended with \n,
    # and one a byte under it when its line ended with \r\n: the line end was counted.
    at_limit = b'{"id": "' + b"a" * (LIMIT - 10) + b'"}'
    assert len(at_limit) == LIMIT
    over = b'{"id": "' + b"b" * (LIMIT - 9) + b'"}'
    blank = b" " * LIMIT
    lines = [b'{"id": 1}', at_limit, blank, over, at_limit, blank + b"\t", at_limit]
    data = end.join(lines)  # the last event at the limit ends the input, without a line end
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [(item.line, item.code) for item in items] == [
        (1, ""),
        (2, ""),
        (4, "too-large"),
        (5, ""),
        (6, "too-large"),  # blank, but over the limit
        (7, ""),
    ]
    for size in (1, 40, 1000):
        _check_pieces(data, size)


@pytest.mark.parametrize(
    ("where", "read"),
    [
        ("first", [(1, "too-large"), (2, ""), (3, "")]),
        ("between", [(1, ""), (2, "too-large"), (3, "")]),
    ],
)
def test_a_blank_line_over_the_limit_is_too_large_wherever_it_is(
    where: str, read: list[tuple[int, str]]
) -> None:
    # On the first line it was skipped without a word, between events it was a record: one
    # input, two answers for the same line. (A piece of the input keeps only the first chunk
    # of a line over the limit, so the whole line is never looked at to tell it blank.)
    blank = b" " * (3 * LIMIT) + b"\t\r\n"
    events = [b'{"id": 1}\n', b'{"id": 2}\n']
    data = b"".join([blank, *events] if where == "first" else [events[0], blank, events[1]])
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [(item.line, item.code) for item in items] == read
    for size in (1, 40, 1000):
        _check_pieces(data, size)


def test_blank_lines_before_the_first_event_count_as_lines() -> None:
    stream = io.BytesIO(BOM + b"\n  \n" + b'{"id": 1}\n\n{"id": 2}\n')
    opening = open_events(stream, "in")
    assert opening == JsonlStart(b'{"id": 1}\n', 3, stream)
    pieces = list(jsonl_pieces(opening, 1))
    assert [(piece.data, piece.line, piece.index) for piece in pieces] == [
        (b'{"id": 1}\n', 3, 0),
        (b"\n", 4, 1),
        (b'{"id": 2}\n', 5, 1),
    ]


class _Trickle(io.RawIOBase):
    """A stream that gives at most ``most`` bytes a read, as pipes and sockets may."""

    def __init__(self, data: bytes, most: int) -> None:
        super().__init__()
        self._data, self._most = data, most

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        block, self._data = self._data[: min(self._most, len(buffer))], self._data[self._most :]
        buffer[: len(block)] = block
        return len(block)


def _line_ends_by_hand(data: bytes) -> bytes:
    """What the translation should give, worked out a byte at a time: a \r before a \n is
    dropped, and every other \r is a newline."""
    out = bytearray()
    for at, byte in enumerate(data):
        if byte != ord("\r"):
            out.append(byte)
        elif data[at + 1 : at + 2] != b"\n":
            out += b"\n"
    return bytes(out)


@given(
    head=st.lists(st.sampled_from([b"\r", b"\n", b" ", b"{", b"}", b"]"]), max_size=6).map(
        b"".join
    ),
    rest=st.lists(
        st.sampled_from(
            [b"\r", b"\n", b"\r\n", b" ", b"\t", b"a", b",", b"{}", b"}", b"]", BOM, BOM[:2]]
        ),
        max_size=30,
    ).map(b"".join),
    most=st.integers(1, 5),
)
def test_lines_read_through_the_translation_end_where_an_event_would(
    head: bytes, rest: bytes, most: int
) -> None:
    translated = newline_lines(head, _Trickle(rest, most)).read()  # type: ignore[arg-type]
    assert translated == _line_ends_by_hand(head + rest)


TOO_LARGE_EVENT = b'{"note": "' + b"x" * LIMIT + b'"}'
"""An event over the limit, whose end is an object's end (``}``) and not only a chunk's."""
CR_LINES = st.lists(
    # Lines as JSONL has them: events (whole or broken, each starting with `{`), blank lines
    # and lines over the limit. No empty line: a \r, nothing, then a \n is one line's end.
    st.sampled_from([b'{"id": 3}', b'{"id" 4}', b" ", b"{" + b"x" * (LIMIT + 5)]),
    max_size=8,
)


@given(
    first=st.sampled_from(
        # The first line holds an event and a line end: `}\r{`, or a stray line before or
        # after the event (the events around it must not be lost to one record).
        [
            (b'{"id": 1}', b'{"id": 2}'),
            (b'{"id": 1}', b"nope"),
            (b"nope", b'{"id": 1}'),
            (TOO_LARGE_EVENT, b'{"id": 1}'),  # the first line cannot be read whole
        ]
    ),
    more=CR_LINES,
    ends=st.lists(st.sampled_from([b"\r", b"\n", b"\r\n"]), min_size=8, max_size=8),
    size=st.integers(1, 5 * LIMIT),
)
def test_lines_ending_with_a_carriage_return_alone_are_read_as_lines(
    first: tuple[bytes, bytes], more: list[bytes], ends: list[bytes], size: int
) -> None:
    lines = [*first, *more]
    data = b"\r".join(lines[:2]) + b"".join(
        end + line for end, line in zip(ends, lines[2:], strict=False)
    )
    newlines = b"\n".join(lines)
    assert [_seen(item) for item in streams.read_events(io.BytesIO(data), "in")] == [
        _seen(item) for item in streams.read_events(io.BytesIO(newlines), "in")
    ]
    _check_pieces(data, size)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(  # whitespace inside one (broken) event: the lines stay as they are
            b'{"id": 1,\r"type" "x"}\n{"id": 2}\n',
            [(1, "bad-json", None), (2, "", {"id": 2})],
            id="not-translated",
        ),
        pytest.param(  # a broken event that would split into pieces, none of them an event
            b'{"id": {"n": 1}\r"type": 2}\n{"id": 2}\n',
            [(1, "bad-json", None), (2, "", {"id": 2})],
            id="not-translated-no-event-in-the-pieces",
        ),
        pytest.param(  # a stray line after the first event: the events are read all the same
            b'{"id": 1}\rjunk\r{"id": 2}\r',
            [(1, "", {"id": 1}), (2, "bad-json", None), (3, "", {"id": 2})],
            id="stray-line-after-the-first-event",
        ),
        pytest.param(  # a stray first line
            b'junk\r{"id": 1}\r',
            [(1, "bad-json", None), (2, "", {"id": 1})],
            id="stray-first-line",
        ),
        pytest.param(  # a first event too large to be read whole: the events after it are read
            TOO_LARGE_EVENT + b'\r{"id": 1}\r\r{"id": 2}',
            [(1, "too-large", None), (2, "", {"id": 1}), (4, "", {"id": 2})],
            id="first-event-too-large",
        ),
        pytest.param(  # `}` ends the head, `\r{` starts the next chunk
            b'{"note": "' + b"x" * (LIMIT - 11) + b'"}\r{"id": 1}\r',
            [(1, "too-large", None), (2, "", {"id": 1})],
            id="first-event-too-large-by-its-end",
        ),
        pytest.param(  # a stray line between the first event, too large, and the next ones
            TOO_LARGE_EVENT + b'\rjunk\r{"id": 1}\r{"id": 2}\r',
            [(1, "too-large", None), (2, "bad-json", None), (3, "", {"id": 1}), (4, "", {"id": 2})],
            id="first-event-too-large-then-a-stray-line",
        ),
        pytest.param(  # a byte-order mark before the event after it (files joined)
            TOO_LARGE_EVENT + b'\r\xef\xbb\xbf{"id": 1}\r',
            [(1, "too-large", None), (2, "", {"id": 1})],
            id="first-event-too-large-then-a-mark",
        ),
        pytest.param(  # a broken small event, then one too large
            b'{"id": 0,}\r' + TOO_LARGE_EVENT + b'\r{"id": 1}\r',
            [(1, "bad-json", None), (2, "too-large", None), (3, "", {"id": 1})],
            id="a-broken-event-then-one-too-large",
        ),
        pytest.param(  # a stray line, then an event too large
            b"junk\r" + TOO_LARGE_EVENT + b'\r{"id": 1}\r',
            [(1, "bad-json", None), (2, "too-large", None), (3, "", {"id": 1})],
            id="a-stray-line-then-an-event-too-large",
        ),
        pytest.param(  # blank lines ended by \r before an event too large
            b"\r\r" + TOO_LARGE_EVENT + b'\r{"id": 1}\r{"id": 2}\r',
            [(3, "too-large", None), (4, "", {"id": 1}), (5, "", {"id": 2})],
            id="blank-lines-then-an-event-too-large",
        ),
        pytest.param(  # a blank line, then an event over twice the limit (its middle is
            b"\r" + TOO_LARGE_EVENT[:-2] + b"x" * (3 * LIMIT) + b'"}\r{"id": 1}\r{"id": 2}\r',
            [(2, "too-large", None), (3, "", {"id": 1}), (4, "", {"id": 2})],  # not kept)
            id="a-blank-line-then-an-event-over-twice-the-limit",
        ),
        pytest.param(  # a stray line, then the same
            b"junk\r" + TOO_LARGE_EVENT[:-2] + b"x" * (3 * LIMIT) + b'"}\r{"id": 1}\r',
            [(1, "bad-json", None), (2, "too-large", None), (3, "", {"id": 1})],
            id="a-stray-line-then-an-event-over-twice-the-limit",
        ),
        pytest.param(  # a first line too large that is no event, then one event: no `}\r{`
            b"x" * (LIMIT + 15) + b'\r{"id": 1}\r',
            [(1, "too-large", None), (2, "", {"id": 1})],
            id="a-first-line-too-large-then-one-event",
        ),
        pytest.param(  # an event too large, then lines that hold no `}\r{`
            TOO_LARGE_EVENT + b'\rjunk\r{"id": 1}\r',
            [(1, "too-large", None), (2, "bad-json", None), (3, "", {"id": 1})],
            id="an-event-too-large-then-no-object-end-before-a-start",
        ),
        pytest.param(  # an event just within the limit, whose carriage returns fill the chunk
            b'{"note": "' + b"x" * (LIMIT - 13) + b'"}\r\r\r{"id": 1}\r',
            [(1, "", {"note": "x" * (LIMIT - 13)}), (4, "", {"id": 1})],
            id="an-event-within-the-limit-then-blank-lines",
        ),
        pytest.param(  # no event of the first line is JSON (NaN), each still its own line
            b'{"id": 1, "x": NaN}\r{"id": 2, "x": NaN}\r',
            [(1, "bad-number", None), (2, "bad-number", None)],
            id="no-event-of-the-first-line-is-json",
        ),
        pytest.param(  # a byte-order mark before a first line too large, in a newline file
            b"\xef\xbb\xbf" + TOO_LARGE_EVENT + b'\n{"id": 1}\n',
            [(1, "too-large", None), (2, "", {"id": 1})],
            id="a-mark-then-a-first-line-too-large",
        ),
        pytest.param(  # a blank line with a lone \r before: it ends a line once translated
            b" \r \n" + TOO_LARGE_EVENT + b'\r{"id": 1}\r',
            [(3, "too-large", None), (4, "", {"id": 1})],
            id="first-event-too-large-after-a-blank-line-with-a-lone-cr",
        ),
        pytest.param(  # ... and when nothing is translated it does not
            b" \r \n" + TOO_LARGE_EVENT + b'\n{"id": 1}\n',
            [(2, "too-large", None), (3, "", {"id": 1})],
            id="first-line-too-large-after-a-blank-line-with-a-lone-cr",
        ),
        pytest.param(  # a first line too large by its newline: the line after it is not read
            TOO_LARGE_EVENT + b'\n{"id": 1}\r{"id": 2}\n',  # as the first (nor translated)
            [(1, "too-large", None), (2, "bad-json", None)],
            id="first-line-too-large-with-its-newline",
        ),
        pytest.param(  # a first line too large, whose lone carriage returns part no events,
            (b"x" * 20 + b"\r") * 20 + b'\n{"id": 1}\n{"id": 2}\n',  # longer than is kept
            [(1, "too-large", None), (2, "", {"id": 1}), (3, "", {"id": 2})],  # to look: the
            id="first-line-too-large-with-lone-crs-past-the-window",  # rest of it is skipped
        ),
        pytest.param(  # a first line too large, with newlines: no carriage return ends a line
            TOO_LARGE_EVENT[:-1] + b',\r"a": {}\r}\n{"id": 1}\n',
            [(1, "too-large", None), (2, "", {"id": 1})],
            id="first-line-too-large-not-translated",
        ),
        pytest.param(  # blanks between the `}` and the carriage return
            b'{"id": 1}\r{"id": 2} \rjunk\r{"id": 3}\t\r[4]\r',
            [
                (1, "", {"id": 1}),
                (2, "", {"id": 2}),
                (3, "bad-json", None),
                (4, "", {"id": 3}),
                (5, "", [4]),
            ],
            id="blanks-before-the-line-end",
        ),
        pytest.param(  # blank lines before the first event, ended by \r, by \r\n and by \n
            b'\r\r\n \n{"id": 1}\r{"id" 2}\r',
            [(4, "", {"id": 1}), (5, "bad-json", None)],
            id="blank-lines-first",
        ),
    ],
)
def test_a_carriage_return_inside_an_event_is_no_line_end(
    data: bytes, expected: list[tuple[int, str, Any]]
) -> None:
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [(item.line, item.code, item.value) for item in items] == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(  # an event over two lines: told which lines to join, as with newlines
            b'{"id": 1}\r{"id": 2}\n{"id": 3,\r"t": 4}\n{"id": 5}\n',
            [
                (1, "", {"id": 1}),
                (2, "", {"id": 2}),
                (3, "bad-json", None),
                (4, "bad-json", None),
                (5, "", {"id": 5}),
            ],
            id="translated",
        ),
        pytest.param(  # lines that do not start with `{`: a mark, an array, a stray word
            b'{"id": 1}\r{"id": 2}\r\xef\xbb\xbf{"id": 3}\r[1]\rnope\r{"id": 4,\r"t": [1]\r}\r',
            [
                (1, "", {"id": 1}),
                (2, "", {"id": 2}),
                (3, "", {"id": 3}),
                (4, "", [1]),  # an event of its own (deciding it says it is no object)
                (5, "bad-json", None),
                (6, "bad-json", None),  # an event over three lines: a record for each
                (7, "bad-json", None),
                (8, "bad-json", None),
            ],
            id="other-line-starts",
        ),
        pytest.param(  # stray lines one after another: had been one record, line 2 lost
            b'junk\rjunk\r{"id": 1}\r{"id" 2}\r',
            [
                (1, "bad-json", None),
                (2, "bad-json", None),
                (3, "", {"id": 1}),
                (4, "bad-json", None),  # had been line 3
            ],
            id="stray-lines",
        ),
        pytest.param(  # a broken event, then a stray line: had been one record
            b'{"id": 1}\r{"id": 2,\rnot json\r{"id": 3}\r',
            [
                (1, "", {"id": 1}),
                (2, "bad-json", None),
                (3, "bad-json", None),
                (4, "", {"id": 3}),  # had been line 3
            ],
            id="broken-then-stray",
        ),
    ],
)
def test_in_an_input_of_carriage_return_lines_each_is_a_line(
    data: bytes, expected: list[tuple[int, str, Any]]
) -> None:
    """Once an input is read as lines ended by carriage returns alone, each is a line of its
    own, as an editor shows it and as the same line ended by a newline is read: one that
    follows no `}` and starts no `{` had been read as whitespace, so a broken line and the
    stray one after it were one error record, and each line after them was numbered one
    short of the editor's (found by review)."""
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [(item.line, item.code, item.value) for item in items] == expected
    newlines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    assert [(i.line, i.code, i.value, i.error) for i in items] == [
        (i.line, i.code, i.value, i.error) for i in streams.read_events(io.BytesIO(newlines), "in")
    ]


# Whole numbers within 64 bits: orjson reads larger ones as floats, and the tests compare values.
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)
GAPS = st.sampled_from(["", " ", "\n", "\n\n  ", "\r\n", "\t"])


@given(
    layout=st.lists(st.tuples(GAPS, JSON_VALUES, st.sampled_from([None, 1, 2]), GAPS), max_size=8),
    before=st.sampled_from(["", "\n", "  \n\n"]),
)
def test_each_array_element_names_the_line_it_starts_on(
    layout: list[tuple[str, Any, int | None, str]], before: str
) -> None:
    # The array is written piece by piece, so where each element starts is known as it is
    # written, apart from the scan that engine.jsondocs does afterwards.
    text, expected = before + "[", []
    for number, (gap_before, value, indent, gap_after) in enumerate(layout):
        text += gap_before
        expected.append(text.count("\n") + 1)
        text += json.dumps(value, indent=indent) + gap_after
        text += "," if number < len(layout) - 1 else ""
    text += "]\n"
    items = list(streams.read_events(io.BytesIO(text.encode()), "in"))
    array_line = before.count("\n") + 1
    assert [item.index for item in items] == list(range(len(layout)))
    assert {item.line for item in items} <= {array_line}  # the array's own line, as before
    assert [item.start_line() for item in items] == expected


def test_the_elements_are_found_only_when_an_error_record_asks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scans: list[int] = []
    scan = jsondocs._element_lines
    monkeypatch.setattr(jsondocs, "_element_lines", lambda *a: scans.append(1) or scan(*a))
    items = list(streams.read_events(io.BytesIO(b'[\n{"id": 1},\n{"id": 2},\n{"id": 3}\n]'), "in"))
    assert scans == []  # reading (and deciding) valid events never scans the array
    assert [items[2].start_line(), items[1].start_line(), items[0].start_line()] == [4, 3, 2]
    assert scans == [1]  # the first question scans it once, for all elements


def test_elements_past_what_the_scan_can_read_are_found_by_the_shape() -> None:
    # The standard library's reader stops at about 1,000 levels of nesting, orjson at 1,024:
    # past an element it cannot walk, the array's strings and brackets say where each starts.
    deep = "[" * 1010 + "]" * 1010
    text = f'\n[\n{{"id": 1}},\n{deep},\n{{"id": 3, "t": "]}},["}}\n]'
    items = list(streams.read_events(io.BytesIO(text.encode()), "in"))
    assert [item.start_line() for item in items] == [3, 4, 5]
    assert items[1].code == "too-deep"


EVENT_OBJECTS = st.dictionaries(st.sampled_from(["id", "type", "rating", "text"]), JSON_VALUES)


@given(objects=st.lists(EVENT_OBJECTS, min_size=2, max_size=6), broken=st.integers(0, 5))
def test_pretty_objects_one_after_another_are_events_and_a_broken_one_loses_no_other(
    objects: list[dict[str, Any]], broken: int
) -> None:
    # As `jq .` writes them: each object over several lines, one after another. Where each
    # starts is known as it is written.
    objects = [{**o, "n": n, "m": n} for n, o in enumerate(objects)]  # two keys: a comma inside
    texts = [json.dumps(o, indent=2) for o in objects]
    starts, line = [], 1
    for text in texts:
        starts.append(line)
        line += text.count("\n") + 1
    whole = "\n".join(texts) + "\n"
    items = list(streams.read_events(io.BytesIO(whole.encode()), "in"))
    assert [item.value for item in items] == objects
    assert [(item.index, item.line) for item in items] == list(enumerate(starts))
    # A missing comma in one of them: that one is an error record, every other is read.
    broken %= len(texts)
    texts[broken] = texts[broken].replace(f'"n": {broken},', f'"n": {broken}', 1)
    items = list(streams.read_events(io.BytesIO(("\n".join(texts) + "\n").encode()), "in"))
    assert [item.code for item in items] == [
        "bad-json" if n == broken else "" for n in range(len(texts))
    ]
    assert [item.value for item in items if not item.code] == [
        *objects[:broken],
        *objects[broken + 1 :],
    ]
    assert [item.line for item in items] == starts
    assert "is a comma missing before it?" in str(items[broken].error)


@given(objects=st.lists(EVENT_OBJECTS, min_size=2, max_size=6), blank=st.booleans())
def test_objects_each_over_two_lines_one_after_another_are_events(
    objects: list[dict[str, Any]], blank: bool
) -> None:
    """Each object written on one line but broken after its first member (``{"id": 1,`` then
    ``"type": "review"}``), as a person or a tool wraps a long line: every line had been an
    error record, the first hinted to add a `}` that was on the next line (found by review)."""
    objects = [{"n": n, **o, "m": n} for n, o in enumerate(objects)]  # `n` first, a comma after
    texts = [json.dumps(o).replace(", ", ",\n ", 1) for o in objects]
    gap = "\n\n" if blank else "\n"
    data = (gap.join(texts) + "\n").encode()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(streams, "MAX_EVENT_BYTES", 1 << 20)  # events as long as generated
        items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [item.value for item in items] == objects
    step = 3 if blank else 2
    assert [(item.index, item.line) for item in items] == [
        (n, 1 + step * n) for n in range(len(objects))
    ]


def test_an_object_over_two_lines_then_jsonl_stays_jsonl() -> None:
    """A log whose first event was cut in two, its other events whole on their lines: the two
    lines are error records and every other line is answered as it comes, not read whole."""
    text = b'{"id": 1,\n "type": "review"}\n{"id": 2}\n{"id": 3,\n "type": "review"}\n'
    items = list(streams.read_events(io.BytesIO(text), "in"))
    assert [(item.line, item.code, item.value) for item in items] == [
        (1, "bad-json", None),
        (2, "bad-json", None),
        (3, "", {"id": 2}),
        (4, "bad-json", None),
        (5, "bad-json", None),
    ]


REVIEW = b'{"id": "a%d", "type": "review", "occurred_at": "2026-11-23T09:30:00Z"}'
"""A whole JSON Lines event, its id's number to fill in."""


def _cut_in_two(number: int) -> bytes:
    """:data:`REVIEW` written over two lines, wrapped after its type."""
    return (REVIEW % number).replace(b'"review", ', b'"review",\n ')


def _records(items: list[InputEvent]) -> list[tuple[int, int, str | None]]:
    return [(item.line, item.index, item.error) for item in items if item.error is not None]


JOIN_1_2 = "each event must be on one line; join lines 1 and 2 and send it again"


def test_an_event_cut_over_two_lines_says_which_lines_to_join(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first event of a log written over two lines, whole ones after it: its first line
    had been told its `{` is never closed, add `}`, and its second "unexpected content after
    document", both misleading (found by review). Each line is still one record, in order."""
    monkeypatch.setattr(streams, "MAX_EVENT_BYTES", 1 << 20)
    data = _cut_in_two(1) + b"\n" + REVIEW % 2 + b"\n"
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert _records(items) == [
        (1, 0, f"not valid JSON Lines: this event goes on at line 2, and {JOIN_1_2}"),
        (
            2,
            1,
            "not valid JSON Lines: this line is the end of the event that starts at line 1, and "
            + JOIN_1_2,
        ),
    ]
    assert [(item.line, item.index, item.value["id"]) for item in items[2:]] == [(3, 2, "a2")]
    assert {item.code for item in items[:2]} == {"bad-json"}


@pytest.mark.parametrize("last", [False, True], ids=["then-more", "last-lines"])
def test_an_event_cut_in_the_middle_of_a_long_log_is_two_records_naming_each_other(
    monkeypatch: pytest.MonkeyPatch, last: bool
) -> None:
    monkeypatch.setattr(streams, "MAX_EVENT_BYTES", 1 << 20)
    lines = [REVIEW % number for number in range(1, 1001)]
    lines[999 if last else 499] = _cut_in_two(0)
    at = 1000 if last else 500
    items = list(streams.read_events(io.BytesIO(b"\n".join(lines) + b"\n"), "in"))
    join = f"each event must be on one line; join lines {at} and {at + 1} and send it again"
    assert _records(items) == [
        (at, at - 1, f"not valid JSON Lines: this event goes on at line {at + 1}, and {join}"),
        (
            at + 1,
            at,
            f"not valid JSON Lines: this line is the end of the event that starts at line {at}, and "
            + join,
        ),
    ]
    decided = [(item.line, item.index) for item in items if item.error is None]
    assert decided == [(n, n - 1) for n in range(1, 1002) if n not in (at, at + 1)]


@pytest.mark.parametrize(
    ("data", "numbers"),
    [
        (b'{"id": 1,\n"type":\n  2\n}\n{"id": 2}\n', [1, 2, 3, 4, 5]),
        # blank lines inside are read past, with no record, as anywhere in JSON Lines
        (b'{"id": 1,\n\n"type":\n  \n\n  2\n}\n\n{"id": 2}\n', [1, 3, 6, 7, 9]),
    ],
    ids=["one-after-another", "blank-lines-inside"],
)
def test_an_event_cut_over_several_lines_names_them_all(data: bytes, numbers: list[int]) -> None:
    items = list(streams.read_events(io.BytesIO(data), "in"))
    first, second, third, last, after = numbers
    join = f"each event must be on one line; join lines 1 to {last} and send it again"
    part = "is part of the event that starts at line 1"
    assert _records(items) == [
        (first, 0, f"not valid JSON Lines: this event goes on to line {last}, and {join}"),
        (second, 1, f"not valid JSON Lines: line {second} {part}, and {join}"),
        (third, 2, f"not valid JSON Lines: line {third} {part}, and {join}"),
        (
            last,
            3,
            "not valid JSON Lines: this line is the end of the event that starts at line 1, and "
            + join,
        ),
    ]
    assert (items[4].line, items[4].index, items[4].value) == (after, 4, {"id": 2})
    assert [item.part_of() for item in items] == [{"id": 1, "type": 2}] * 4 + [None]


@pytest.mark.parametrize(
    "data",
    [
        b'{"id": 1,\n{"id": 2}\n',  # the next line is an event of its own
        b'{"id": 1,\n\n{"id": 2}\n',  # a blank line, then an event of its own
        b'{"id": 1, "type": "a long one",\n"x": 1}\n',  # joined, over the event limit
        b'{"id": 1,\n"tag": "a long text that is over the limit"}\n',  # the same
        b'{"id": 1,\n"tag": "a long text", "x": 12,}\n',  # the same, with a mistake
        b'{"id": 1]\n"type": 2}\n',  # the first line can start no object
        b'{"a":\n"' + b"b" * 21 + b'"}\n',  # one byte over the limit joined (30: 31 bytes)
    ],
)
def test_lines_that_do_not_make_one_event_are_each_read_alone(data: bytes) -> None:
    """No record speaks of lines to join unless lines go on an event's start (within the size
    limit): each line is then what it is alone (an error record, or the event it holds). (Lines
    that go on one and make no whole event joined are told to be joined, with the mistake they
    hold: the next test.)"""
    data = b'{"id": 0}\n' + data  # (JSON Lines: not one object over the input's lines)
    items = list(streams.read_events(io.BytesIO(data), "in"))
    alone = [
        list(line_events(iter([line]), "in", number, 0))
        for number, line in enumerate(data.splitlines(keepends=True), 1)
    ]
    assert [(item.line, item.error, item.value) for item in items] == [
        (item.line, item.error, item.value) for read in alone for item in read
    ]
    assert [item.index for item in items] == list(range(len(items)))
    assert not any("join" in str(item.error) for item in items)


NEVER_CLOSED = "the `{` at line 2, column 1 is never closed: add `}` where its object ends"
STOPS_AFTER_A_COMMA = (
    "the `{` at line 2, column 1 is never closed, and the text stops after a `,`, where a key "
    "was due: the rest of the event is missing (cut short?); send it whole, or end it with `}` "
    "in place of that `,`"
)
"""Lines that stop after a `,`: cut short, their rest missing (adding a `}` after the comma,
as :data:`NEVER_CLOSED` says, mends nothing)."""


@pytest.mark.parametrize(
    ("data", "numbers", "mistake"),
    [
        (  # blank lines, and the input ends inside it
            b'{"id": 1,\n\n"type": 2,\n \n',
            [2, 4],
            f"the event ends too early (at line 4, column 11); {STOPS_AFTER_A_COMMA}",
        ),
        (  # never closed before the next event, which is read as any line
            b'{"id": 1,\n"type": 2,\n{"id": 3}\n',
            [2, 3],
            f"the event ends too early (at line 3, column 11); {STOPS_AFTER_A_COMMA}",
        ),
        (  # three lines, none closed
            b'{"id": 1,\n"type": 2,\n"x": 3,\n{"id": 4}\n',
            [2, 3, 4],
            f"the event ends too early (at line 4, column 8); {STOPS_AFTER_A_COMMA}",
        ),
        (  # the input ends inside it
            b'{"id": 1,\n"type": 2',
            [2, 3],
            f"the event ends too early (at line 3, column 10); {NEVER_CLOSED}",
        ),
        (  # closed, then more
            b'{"id": 1,\n"type": 2}}\n',
            [2, 3],
            "there is more after the event's end (at line 3, column 11); this `}` is one too "
            "many: remove it",
        ),
        (  # closed, but not JSON joined either
            b'{"id": 1,\n"n": NaN}\n',
            [2, 3],
            "NaN and Infinity (at line 3, column 6) are not JSON numbers; send null or an "
            "ordinary number",
        ),
        (  # a comma before the `}`
            b'{"id": 1,\n "t": 1,}\n',
            [2, 3],
            "a comma after the last item of a list or object (at line 3, column 8); remove it",
        ),
        (  # a comma missing where the line was cut
            b'{"id": 1\n "t": 1}\n',
            [2, 3],
            "a `,` (before the next key) or the `}` that closes the object was due here (at line "
            "3, column 2); is a comma missing before it?",
        ),
        (  # a key in single quotes
            b"{\"id\": 1,\n 't': 1}\n",
            [2, 3],
            "a key was due here, written in double quotes (at line 3, column 2); JSON writes "
            "texts and keys in double quotes (\"), not single quotes (')",
        ),
        (  # a key in typographic quotes
            b'{"id": 1,\n \xe2\x80\x9ct\xe2\x80\x9d: 1}\n',
            [2, 3],
            "a key was due here, written in double quotes (at line 3, column 2); `\u201c` is a "
            'typographic quote: JSON needs straight double quotes (")',
        ),
        (  # a mistake in the middle: the lines after it go on it to its closing `}`
            b'{"id": 1,\n "t": 1,,\n "u": [1,\n\n 2]\n}\n"v"\n',
            [2, 3, 4, 6, 7],
            "a `,` where a key was due (at line 3, column 9); remove it",  # the `,,`
        ),
    ],
    ids=[
        "the-input-ends-after-blank-lines",
        "never-closed-before-the-next-event",
        "three-lines-never-closed",
        "the-input-ends-inside-it",
        "one-brace-too-many",
        "nan",
        "a-comma-before-the-brace",
        "a-comma-missing-at-the-break",
        "single-quotes",
        "typographic-quotes",
        "a-mistake-in-the-middle",
    ],
)
def test_lines_that_go_on_an_event_with_a_mistake_name_the_lines_and_the_mistake(
    monkeypatch: pytest.MonkeyPatch, data: bytes, numbers: list[int], mistake: str
) -> None:
    """Lines that go on an event's start whose lines joined hold a mistake: each line alone
    had been told a `{` never closed, or "there is more after the event's end", neither the
    mistake nor that the event is cut over lines (found by review). Each line is told both, in
    the words a line with that mistake gets, at its line and column in the input; a line
    after the event is read as any line is."""
    monkeypatch.setattr(streams, "MAX_EVENT_BYTES", 1 << 20)
    data = b'{"id": 0}\n' + data  # (JSON Lines: not one object over the input's lines)
    items = list(streams.read_events(io.BytesIO(data), "in"))
    first, *_, last = numbers
    join = f"join lines {first} {'and' if last == first + 1 else 'to'} {last}"
    told = f"each event must be on one line; {join} and send it again, once this is mended: "
    on = f"on at line {last}" if len(numbers) == 2 else f"on to line {last}"
    said = [f"this event goes {on}"] + [
        f"line {number} is part of the event that starts at line {first}"
        for number in numbers[1:-1]
    ]
    said.append(f"this line is the end of the event that starts at line {first}")
    assert _records(items) == [
        (number, index, f"not valid JSON Lines: {words}, and {told}{mistake}")
        for index, (number, words) in enumerate(zip(numbers, said, strict=True), 1)
    ]
    assert all(item.code == "bad-json" and item.part_of() is None for item in items[1:-1])
    after = items[len(numbers) + 1 :]  # read as they are alone
    lines = data.splitlines(keepends=True)
    assert [(item.line, item.error, item.value) for item in after] == [
        (item.line, item.error, item.value)
        for number in range(last + 1, len(lines) + 1)
        for item in line_events(iter([lines[number - 1]]), "in", number, 0)
    ]


def test_two_events_cut_over_lines_with_mistakes_one_after_another_are_each_told_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(streams, "MAX_EVENT_BYTES", 1 << 20)
    data = b'{"id": "a",\n "t": 1,}\n{"id": "b",\n "t" 2}\n{"id": "c"}\n'
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [(item.line, item.index) for item in items] == [(n, n - 1) for n in range(1, 6)]
    assert [str(item.error).split("join lines ")[-1] for item in items[:4]] == [
        "1 and 2 and send it again, once this is mended: a comma after the last item of a list "
        "or object (at line 2, column 8); remove it",
    ] * 2 + [
        "3 and 4 and send it again, once this is mended: a `:` was due here, between the key "
        'and its value (at line 4, column 6); write the key, a colon, then its value ("id": 1)',
    ] * 2
    assert items[4].value == {"id": "c"}


@pytest.mark.parametrize(
    "blank",
    [b"", b" \t", b"\r", b"\x0c", BOM, BOM + b" "],
    ids=["empty", "blanks", "cr", "ff", "bom", "bom-blank"],
)
def test_an_event_cut_over_lines_with_a_blank_line_inside_is_told_as_one(
    monkeypatch: pytest.MonkeyPatch, blank: bytes
) -> None:
    """An event pasted with an empty line inside: the blank line had ended the look-ahead,
    and the lines around it were told their `{` is never closed and "unexpected content after
    document" (found by review). The blank line gets no record, as anywhere in JSON Lines, but
    is counted: the lines to join are named from the first to the last. A form feed or a
    byte-order mark is blank to JSON Lines, not to JSON: the event is told all the same."""
    monkeypatch.setattr(streams, "MAX_EVENT_BYTES", 1 << 20)
    data = _cut_in_two(1).replace(b"\n", b"\n" + blank + b"\n") + b"\n" + REVIEW % 2 + b"\n"
    items = list(streams.read_events(io.BytesIO(data), "in"))
    join = "each event must be on one line; join lines 1 to 3 and send it again"
    assert _records(items) == [
        (1, 0, f"not valid JSON Lines: this event goes on at line 3, and {join}"),
        (
            3,
            1,
            "not valid JSON Lines: this line is the end of the event that starts at line 1, and "
            + join,
        ),
    ]
    assert [(item.line, item.index, item.value["id"]) for item in items[2:]] == [(4, 2, "a2")]


def test_an_event_cut_over_lines_of_the_largest_size_is_told_so() -> None:
    data = b'{"id": 0}\n{"a":\n"' + b"b" * 20 + b'"}\n'  # 30 bytes, line ends and all
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert "goes on at line 3" in str(items[1].error)


def _arriving(lines: list[bytes], read: list[bytes]) -> Iterator[bytes]:
    """The lines as they arrive on a pipe, each added to ``read`` as it is taken."""
    for line in lines:
        read.append(line)
        yield line


def test_a_broken_start_waits_for_one_line_and_no_more() -> None:
    """On a pipe, an event is answered as its line comes: the record of a line that starts an
    event and is not whole waits for the next line (does it go on?), and that line, whole,
    is answered before another is read."""
    lines = [b'{"id": 1,\n', b'{"id": 2}\n', b'{"id": 3}\n']
    read: list[bytes] = []
    events = line_events(_arriving(lines, read), "in", 1, 0)
    assert next(events).code == "bad-json"
    assert len(read) == 2
    assert next(events).value == {"id": 2}
    assert len(read) == 2


def test_lines_that_close_an_event_with_a_mistake_are_answered_before_the_next_comes() -> None:
    """On a pipe, an event cut over lines with a mistake is answered at the line that closes as
    many brackets as its lines opened: no line after it is waited for."""
    lines = [b'{"id": 1,\n', b'"t": [1,,\n', b"2]}\n", b'{"id": 3}\n']
    read: list[bytes] = []
    events = line_events(_arriving(lines, read), "in", 1, 0)
    told = [next(events) for _ in range(3)]
    assert len(read) == 3
    assert all("join lines 1 to 3" in str(item.error) for item in told)
    assert "(at line 2, column 9)" in str(told[0].error)
    assert next(events).value == {"id": 3}


@pytest.mark.parametrize(
    ("line", "value"),
    [
        (BOM + b'{"id": 1}\n', {"id": 1}),  # whole: orjson refuses only the byte-order mark
        (b'{"id" 1}\n', None),  # a mistake on the line itself: nothing after it can mend it
        (b'{"id": 1}}\n', None),  # closed, then one `}` too many
        (b'{"id": "\xff"}\n', None),  # closed, not UTF-8
    ],
    ids=["byte-order-mark", "no-colon", "one-too-many", "not-utf8"],
)
def test_a_line_orjson_refuses_that_no_line_can_go_on_is_answered_before_the_next_comes(
    line: bytes, value: dict[str, int] | None
) -> None:
    """A line that starts an event and is whole, or broken on itself, is answered as it comes,
    as before events cut over lines were told: on a pipe, a whole event sent with a byte-order
    mark had waited for the next line, unanswered while the pipe stayed open (found by review).
    Neither is a line :func:`engine.streams.may_be_cut` sends the long way."""
    read: list[bytes] = []
    events = line_events(_arriving([line, b'"type": 2}\n'], read), "in", 1, 0)
    first = next(events)
    assert len(read) == 1
    assert (first.line, first.index, first.value) == (1, 0, value)
    assert (first.error is None) == (value is not None)
    assert "join" not in str(first.error)
    assert not streams.may_be_cut(line)
    assert streams.may_be_cut(b'{"id": 1,\n')
    assert not streams.may_be_cut(b'{"id": 1}\n')  # whole: read where it is (--jobs)


@pytest.mark.parametrize("stop", [KeyboardInterrupt, Stopped], ids=["ctrl-c", "signal"])
@pytest.mark.parametrize("count", [1, 2], ids=["its-start", "and-a-line-that-goes-on"])
def test_lines_awaiting_the_next_are_answered_when_a_stop_signal_comes(
    stop: type[BaseException], count: int
) -> None:
    """Ctrl-C (or a stop signal) as the line after an event's start left open is awaited, on a
    pipe: the lines come are answered as at the input's end, then eval stops. They had been
    lost, where every line come before Ctrl-C had been answered (found by review)."""
    lines = [b'{"id": 1,\n', b'"type": 2,\n'][:count]

    def arriving() -> Iterator[bytes]:
        yield from lines
        raise stop(2) if stop is Stopped else stop()

    answered: list[InputEvent] = []
    with pytest.raises(stop):  # (answered in order, and the stop goes on after them)
        answered.extend(line_events(arriving(), "in", 1, 0))
    alone = [next(line_events(iter([line]), "in", n, n - 1)) for n, line in enumerate(lines, 1)]
    assert answered == alone
    assert all(item.code == "bad-json" for item in answered)


def test_after_lines_that_do_not_make_one_event_the_next_may_be_one() -> None:
    data = b'{"id": 1,\n{"id": 2,\n"type": "r"}\n{"id": 3}'
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [(item.line, item.index) for item in items] == [(1, 0), (2, 1), (3, 2), (4, 3)]
    assert "never closed" in str(items[0].error)
    assert "goes on at line 3" in str(items[1].error)
    assert "starts at line 2" in str(items[2].error)
    assert items[3].value == {"id": 3}


LATE = b'{"id": "a", "type": "late_order",'
"""A line cut short in the middle of an event, as a writer stopped mid-line leaves it."""

LOG_TEXT = [
    b"garbage",
    b"Traceback (most recent call last):",
    b"404 Not Found",
    b"true story",
    b"[INFO] retrying",
    b"[2026-12-07 08:00:01] retrying",
    b"2026-12-07T08:00:01Z INFO retrying",
    b"-- restarted --",
    b"ERROR: disk full",
]
"""Lines of a log's text, none of which can go on an event's JSON."""


@pytest.mark.parametrize("junk", LOG_TEXT)
@pytest.mark.parametrize("between", [b"", b"\n"], ids=["right-after", "after-a-blank-line"])
def test_a_line_cut_short_then_log_text_is_each_line_told_apart(
    monkeypatch: pytest.MonkeyPatch, junk: bytes, between: bytes
) -> None:
    """A line cut short in the middle of an event, then lines of a log's text up to the next
    event: they had been told as one event cut over lines, "join lines 2 to 5", the text's
    lines lumped in with it and none said for what it is. The line cut short is told it ends
    too early, and each line of text gets its own record, as it gets alone."""
    monkeypatch.setattr(streams, "MAX_EVENT_BYTES", 1 << 20)
    lines = [b'{"id": 0}', LATE, *between.splitlines(), junk, b"more " + junk, b'{"id": "b"}']
    data = b"\n".join(lines) + b"\n"
    items = list(streams.read_events(io.BytesIO(data), "in"))
    alone = [
        item
        for number, line in enumerate(lines, 1)
        for item in line_events(iter([line + b"\n"]), "in", number, 0)
    ]
    assert [(item.line, item.error, item.value) for item in items] == [
        (item.line, item.error, item.value) for item in alone
    ]
    assert [item.index for item in items] == list(range(len(items)))
    assert "the event ends too early (at line 2, column 34)" in str(items[1].error)
    assert not any("join" in str(item.error) for item in items)


@pytest.mark.parametrize("junk", LOG_TEXT)
def test_lines_that_go_on_an_event_end_at_log_text(
    monkeypatch: pytest.MonkeyPatch, junk: bytes
) -> None:
    """Lines that go on an event's start are joined up to the first line that cannot go on
    it, which is read alone: here the event's lines, cut short after its second, and the log's
    text after them."""
    monkeypatch.setattr(streams, "MAX_EVENT_BYTES", 1 << 20)
    data = b'{"id": 0}\n' + LATE + b'\n "rating": 2,\n' + junk + b'\n{"id": "b"}\n'
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [(item.line, item.index) for item in items] == [(n, n - 1) for n in range(1, 6)]
    assert [str(item.error).split("; join ")[-1] for item in items[1:3]] == [
        "lines 2 and 3 and send it again, once this is mended: the event ends too early (at "
        f"line 3, column 14); {STOPS_AFTER_A_COMMA}"
    ] * 2
    assert [items[3]] == list(line_events(iter([junk + b"\n"]), "in", 4, 3))
    assert items[4].value == {"id": "b"}


@pytest.mark.parametrize(
    "line",
    [
        b'"type": "review"}',
        b" 'type': 'review'}",  # a key in the wrong quotes: its mistake is named
        b"\xe2\x80\x9ctype\xe2\x80\x9d: 1}",
        b"}",
        b"  ],",
        b', "type": "review"}',  # a comma first, as some write lists
        b": 1}",
        b"[",
        b"[]}",
        b'[{"sku": 1}]}',
        b"[-1.5e3, 2]}",
        b"[true]}",
        b"12}",
        b"-0.5,",
        b"true",
        b"null }",
        b"NaN}",
        b"-Infinity,",
        b"\t 3\r",
        b"review}",  # a text without its quotes: its mistake is named
        b"review ,",
        b"True}",  # Python's words: their mistake is named
        b"None,",
        b'  id: "evt-1",',  # a key without its quotes (a JavaScript object): its mistake is named
        b"  note: 'late'",
        b"  survey: {",
        b"  survey: {kind: 'csat'},",
        b"  items: [1, 2],",
        b"  score: 2",
        b"  // a comment: its mistake is named",
        b"/* a comment */",
    ],
)
def test_what_goes_on_an_event_cut_over_lines_is_joined(
    monkeypatch: pytest.MonkeyPatch, line: bytes
) -> None:
    """Each line that starts as the rest of a JSON object can goes on an event's start: the
    two are told as one event cut over lines."""
    monkeypatch.setattr(streams, "MAX_EVENT_BYTES", 1 << 20)
    assert streams._goes_on(line + b"\n")
    assert streams._goes_on(line)  # (the input's last line, without a line end)
    data = b'{"id": 0}\n{"id": 1, "t":\n' + line + b"\n"
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert "join lines 2 and 3" in str(items[1].error)


@pytest.mark.parametrize(
    "line",
    [
        *LOG_TEXT,
        b"12:00:01 retrying",
        b"[12:00] x",
        b"nulls",
        b"1.2.3",
        b"+1",
        b"[",
        b"INFO: started",
        b"retrying in: 5 s",
        b"note: see http://example.com",
        b"status: 404 Not Found",
        b"/ root full",
    ],
)
def test_log_text_goes_on_no_event(line: bytes) -> None:
    if line == b"[":  # a `[` alone goes on one: only one with log text after it does not
        line = b"[x"
    assert not streams._goes_on(line + b"\n")
    assert not streams._goes_on(line)


def _keys_without_quotes(pretty: str) -> str:
    """The event as JavaScript writes an object: its keys without quotes."""
    return re.sub(r'"([a-z_]+)":', r"\1:", pretty)


def _commented(pretty: str) -> str:
    """The event with its rating commented out, as one edits a config."""
    return pretty.replace('"rating": 2,', '// "rating": 2,')


@pytest.mark.parametrize(
    ("slip", "named"),
    [
        (
            _keys_without_quotes,
            "a key was due here, written in double quotes (at line 3, column 3)",
        ),
        (_commented, "a comment, which JSON cannot hold (at line 5, column 3); remove it"),
    ],
    ids=["keys-without-quotes", "a-comment"],
)
def test_an_event_pasted_from_code_over_lines_is_told_to_join_them(
    monkeypatch: pytest.MonkeyPatch, slip: Callable[[str], str], named: str
) -> None:
    """A pretty-printed event pasted into JSON Lines from code (its keys without quotes, as a
    JavaScript object writes them, or a ``//`` comment in it): each line is told to join lines
    2 to 7, with the mistake the joined lines hold. Lines that JSON's rest of an object cannot
    start with had ended the event's lines at the first such one: the event was told its `{` is
    never closed, each `}` that closes it to be removed, and the lines after a comment "more
    after the event's end"; pieces read apart (several processes) say what the whole says."""
    monkeypatch.setattr(streams, "MAX_EVENT_BYTES", 1 << 20)
    pretty = json.dumps({"id": "p", "type": "review", "rating": 2, "note": "late"}, indent=2)
    data = f'{{"id": 0}}\n{slip(pretty)}\n{{"id": "b"}}\n'.encode()
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [item.line for item in items] == list(range(1, 9))
    assert items[0].value == {"id": 0} and items[7].value == {"id": "b"}
    for item in items[1:7]:
        assert "join lines 2 to 7 and send it again, once this is mended: " in str(item.error)
        assert named in str(item.error)
    for size in (1, 40):
        _check_pieces(data, size)


def test_on_a_pipe_a_line_cut_short_is_answered_as_the_log_text_after_it_comes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``tail -f log | backplan eval -``: the record of a line cut short had waited for the
    next event's line, which may come hours later; it comes with the first line that cannot
    go on it, and that line's own with it, before another is read."""
    monkeypatch.setattr(streams, "MAX_EVENT_BYTES", 1 << 20)
    lines = [LATE + b"\n", b"\n", b"garbage\n", b"more garbage\n", b'{"id": "b"}\n']
    read: list[bytes] = []
    events = line_events(_arriving(lines, read), "in", 1, 0)
    first = next(events)
    assert (first.line, len(read)) == (1, 3)
    assert "ends too early" in str(first.error)
    assert (next(events).line, len(read)) == (3, 3)
    assert (next(events).line, len(read)) == (4, 4)
    assert (next(events).value, len(read)) == ({"id": "b"}, 5)


_PRETTY = {"id": "p", "type": "review", "items": [1, 2], "note": "late"}
"""An event as ``jq .`` prints it, over several lines."""
_PRETTY_NESTED = {"id": "q", "items": [{"sku": "a", "qty": 1}, {"sku": "b"}], "note": {"x": []}}
"""One with a list of objects: each object's ``{`` starts a line of its own, indented."""
_WHOLE = b'{"id": "t", "type": "late_order", "rating": 2}'
"""A whole event, which a line cut short is cut from."""

UNITS = st.one_of(
    st.tuples(st.just("valid"), st.integers(1, 999)),
    st.tuples(st.just("pretty"), st.integers(0, 3)),
    st.tuples(st.just("cut"), st.integers(1, len(_WHOLE) - 1)),
    st.tuples(st.just("junk"), st.integers(0, len(LOG_TEXT) - 1)),
    st.tuples(st.just("blank"), st.integers(0, 2)),
)
"""What a log holds, a line or an event at a time: a whole event, one pretty-printed, a line
cut short (where it is cut), a line of text, a blank line."""


def _unit_lines(kind: str, number: int) -> list[bytes]:
    if kind == "valid":
        return [b'{"id": %d, "type": "review"}' % number]
    if kind == "pretty":
        event = _PRETTY_NESTED if number > 1 else _PRETTY
        return json.dumps(event, indent=2 + 2 * (number % 2)).encode().splitlines()
    if kind == "cut":
        return [_WHOLE[:number]]
    if kind == "junk":
        return [LOG_TEXT[number]]
    return [[b"", b"  ", b"\t"][number]]


@given(
    units=st.lists(UNITS, max_size=25), end=st.sampled_from([b"", b"\n"]), size=st.integers(1, 300)
)
def test_a_log_of_events_lines_cut_short_and_text_gets_one_answer_a_line_in_order(
    units: list[tuple[str, int]], end: bytes, size: int
) -> None:
    """Whole events, pretty-printed ones, lines cut short, lines of text and blank lines, in
    any order: every whole event is decided once; every line that is not blank has one answer
    (a decision or a record), in order; a pretty-printed event's lines name each other, and a
    line cut short or of text is told as it is alone. On a pipe, each answer comes once the
    line after it that is not blank has (the last line of a pretty-printed event, for its
    lines), and no later. Cut into pieces of ``size`` bytes, read apart (``--jobs``), the
    answers are the same."""
    lines, kinds, spans = [b'{"id": 0}'], ["valid"], [(1, 1)]
    for kind, number in units:
        made = _unit_lines(kind, number)
        spans += [(len(lines) + 1, len(lines) + len(made))] * len(made)
        lines += made
        kinds += [kind] * len(made)
    data = b"\n".join(lines) + end
    chunks = [line + b"\n" for line in lines[:-1]] + [lines[-1] + end]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(streams, "MAX_EVENT_BYTES", 1 << 20)
        whole = list(streams.read_events(io.BytesIO(data), "in"))
        read: list[bytes] = []
        came = [(item, len(read)) for item in line_events(_arriving(chunks, read), "in", 1, 0)]
        alone = [list(line_events(iter([chunk]), "in", n, 0)) for n, chunk in enumerate(chunks, 1)]
        _check_pieces(data, size)
    assert [_seen(item) for item, _ in came] == [_seen(item) for item in whole]
    told = [n for n, line in enumerate(lines, 1) if line.strip()]
    assert [item.line for item in whole] == told
    assert [item.index for item in whole] == list(range(len(told)))
    for item, count in came:
        kind, (first, last) = kinds[item.line - 1], spans[item.line - 1]
        if kind == "pretty":
            assert f"join lines {first} to {last} and send it again" in str(item.error)
            assert count == last
            continue
        said = [(each.value, each.error) for each in alone[item.line - 1]]
        assert [(item.value, item.error)] == said
        assert (item.value is not None) == (kind == "valid")
        after = next((n for n in told if n > item.line), len(lines))
        assert count <= (after if kind == "cut" else item.line)


def test_a_pretty_printed_event_with_a_list_of_objects_is_one_event_to_join(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`jq .` puts each object of a list on lines of its own, its `{` indented: those lines go
    on the event (they had been told as events of their own, and the `]` and `}` after them as
    strays), and the event is told once, from its first line to its last."""
    monkeypatch.setattr(streams, "MAX_EVENT_BYTES", 1 << 20)
    pretty = json.dumps(_PRETTY_NESTED, indent=2).encode()
    assert b"\n    {\n" in pretty
    data = b'{"id": 0}\n' + pretty + b'\n{"id": 9}\n'
    last = data.count(b"\n")
    whole = list(streams.read_events(io.BytesIO(data), "in"))
    assert [item.value for item in (whole[0], whole[-1])] == [{"id": 0}, {"id": 9}]
    joins = [item for item in whole if item.error]
    assert [item.line for item in joins] == list(range(2, last))
    assert all(f"join lines 2 to {last - 1} and send it again" in str(i.error) for i in joins)
    for size in range(1, len(data)):
        _check_pieces(data, size)


@pytest.mark.parametrize(
    ("after", "joined"),
    [
        (b'{"id": 2}', False),
        (b' {"id": 2}', False),
        (b'  {"id": 2,', True),
        (b"  {", True),
        (b"  {}", True),
        (b'  {"id": 2}]}', True),
    ],
)
def test_an_object_line_goes_on_an_open_list_only_indented_more_than_the_event(
    after: bytes, joined: bool
) -> None:
    """A line cut short inside a list, then an event at the same indent: that event is one of
    its own, decided (a line that starts an object is nested in the event only when indented
    more than its first line); indented more, it is an element of the list, to join, unless it
    is a whole event on its own line (`jq .` never prints one nested so): a log of indented
    events with a line cut short had its next event told as the cut line's end, undecided."""
    data = b'{"id": 0}\n{"t": [\n' + after + b"\n"  # (joined, within the tests' limit)
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [item.line for item in items] == [1, 2, 3]
    assert [item.value for item in items] == [{"id": 0}, None, None if joined else {"id": 2}]
    assert ("join lines 2 and 3" in str(items[1].error)) == joined


@pytest.mark.parametrize("between", [b"", b'"x"\n'], ids=["events", "texts"])
def test_pieces_of_indented_whole_events_are_not_read_again(
    between: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A piece that starts with an indented `{` line may go on an event the piece before ends
    inside, nested in it; but only in one whose start, a line orjson refuses, is indented
    less. Whole events indented (or texts between them) have none, so no piece is read again
    line by line to find one: each had been, from its start, which made `--jobs` cut a file of
    indented events sixteen times slower."""
    reread: list[bytes] = []
    open_event = streams._open_event
    monkeypatch.setattr(
        streams, "_open_event", lambda data: reread.append(data) or open_event(data)
    )
    data = b'{"id": 0}\n' + b"".join(b'  {"id": %d}\n' % n + between for n in range(1, 40))
    for size in (1, 7, 40, 100):
        _check_pieces(data, size)
    assert reread == []
    _check_pieces(data[:10] + b'{"t": [\n' + data[10:], 20)  # one open, indented less: read
    assert reread


def test_a_piece_of_indented_pretty_events_is_read_again_from_its_last_event_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every line of each pretty-printed event indented (no unindented line to start from):
    reading starts anew at the last event's first line, the `{` with no line indented less
    within the size limit before it, not at the piece's start: every piece had been read
    again whole, line by line, which made `--jobs` cut such a file eight times slower than
    one process decides it. A nested `{` never is such a place (its event's start is
    indented less, within the limit)."""
    monkeypatch.setattr(streams, "MAX_EVENT_BYTES", 1 << 20)
    event = b"".join(
        b"  " + line + b"\n" for line in json.dumps(_PRETTY_NESTED, indent=2).encode().splitlines()
    )
    data = b'{"id": 0}\n' + event * 30
    last = len(data) - len(event)
    assert streams._fresh_start(data) == last
    assert streams._fresh_start(data[: last + event.index(b"    {")]) == last  # inside it
    for size in (50, 300, 1000):
        _check_pieces(data, size)


@pytest.mark.parametrize(
    ("after", "code", "limit"),
    [
        (b"x" * (LIMIT + 1), "too-large", LIMIT),  # its newline in the line's first chunk
        (b'{"id": 2, "x": ' + b"[" * 65 + b"]" * 65 + b"}", "too-deep", 1 << 20),  # walked
    ],
    ids=["too-large", "walked"],
)
def test_the_line_after_a_broken_start_is_read_as_any_line(
    monkeypatch: pytest.MonkeyPatch, after: bytes, code: str, limit: int
) -> None:
    """The line read to tell whether a broken start goes on, which does not, is read as any
    line is: one over the size limit is too large (and the lines after it are counted on),
    one too long for its text to vouch for it has its value walked (here nested too deep)."""
    monkeypatch.setattr(streams, "MAX_EVENT_BYTES", limit)
    data = b'{"id": 0}\n{"id": 1,\n' + after + b'\n{"id": 3}\n'
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [(item.line, item.index, item.code) for item in items] == [
        (1, 0, ""),
        (2, 1, "bad-json"),
        (3, 2, code),
        (4, 3, ""),
    ]
    assert [items[2]] == list(line_events(iter([after]), "in", 3, 2))


CUT_LINES = st.one_of(
    LINES,
    st.sampled_from(
        [b'{"id": 1,', b'"t": 2}', b'"t": 2,', b"{", b" [1]}", b'{"a":', b"1}", b"", b" \x0c"]
    ),
    # lines that go on an event with a mistake, and lines that close brackets or open them
    st.sampled_from([b'"t": 2,}', b'"t" 2}', b"'t': 2}", b"]}", b'"t": [1,', b'"}{"', b"}}"]),
    # a list of objects as `jq .` prints one, each object's `{` on a line of its own, indented
    st.sampled_from([b'"t": [', b"  {", b'  {"a": 1},', b"    {", b"  },", b"  }", b"  ],", b"]"]),
)
"""JSON Lines with events cut over lines among them."""


@given(
    lines=st.lists(CUT_LINES, max_size=20),
    end=st.sampled_from([b"", b"\n"]),
    size=st.integers(1, 5 * LIMIT),
)
def test_pieces_never_cut_an_event_cut_over_lines_apart(
    lines: list[bytes], end: bytes, size: int
) -> None:
    _check_pieces(b'{"id": 0}\n' + b"\n".join(lines) + end, size)


@pytest.mark.parametrize("size", range(1, 90))
def test_an_event_cut_over_lines_is_read_whole_however_the_pieces_are_cut(size: int) -> None:
    data = b"".join(
        [
            b'{"id": 1}\n',
            b'"x"\n',  # a line that is neither an event's start nor blank
            b'{"id": 2,\n',
            b'"t": 3\n',
            b"}\n",  # its last line a `}` alone
            b'{"id": 4}\n',
            b"[1]\n",
            b'{"a":\n',
            b'"' + b"b" * 20 + b'"\n',
            b"}",  # joined, 30 bytes: the largest event, the input's last line
        ]
    )
    whole = list(streams.read_events(io.BytesIO(data), "in"))
    assert [item.line for item in whole if "join" in str(item.error)] == [3, 4, 5, 8, 9, 10]
    _check_pieces(data, size)


@pytest.mark.parametrize("size", range(1, 60))
def test_an_event_cut_over_lines_around_blank_lines_is_read_whole_however_the_pieces_are_cut(
    size: int,
) -> None:
    """A piece that starts with blank lines inside an event cut over lines, or holds nothing
    but such blank lines (more of them than a piece holds), is moved with the event's start:
    its first line had been asked alone whether it goes on an event, and a blank line never
    does, so the event's lines were read apart, each alone."""
    data = b"".join(
        [
            b'{"id": 1}\n',
            b'{"id": 2,\n',
            b"\n" * 6,  # more blank lines than a piece of the smallest sizes holds
            b'"t": 3\n',
            b" \n",
            b"}\n",
            b'{"id": 4}\n',
        ]
    )
    whole = list(streams.read_events(io.BytesIO(data), "in"))
    assert [item.line for item in whole if "join" in str(item.error)] == [2, 9, 11]
    _check_pieces(data, size)


@pytest.mark.parametrize("size", range(16, 21))
def test_a_piece_of_blank_lines_after_an_event_start_late_in_its_piece_joins_that_piece(
    size: int,
) -> None:
    """The event's start is the last line of a piece that holds an event before it, and the
    next piece is blank lines alone: whether they fit one event with it is measured from the
    start's line, not from the piece's start (found by mutation testing: measured with the
    lines before it too, the blank piece stayed apart, and the start was read alone)."""
    data = b'{"id": 1}\n{"a":\n' + b"\n" * 20 + b'1}\n{"id": 3}\n'
    whole = list(streams.read_events(io.BytesIO(data), "in"))
    assert [item.line for item in whole if "join" in str(item.error)] == [2, 23]
    _check_pieces(data, size)


def test_a_piece_larger_than_an_event_that_starts_with_the_rest_of_one_gets_its_start() -> None:
    """The piece that starts at the `}` ending an event cut over lines is itself over the event
    size limit: whether its first line may go on an event is asked of that line alone."""
    data = b'{"id": "aaaaaaaaaaaa"}\n{"id": 2,\n"t": 3\n}\n' + b'{"id": 4}\n' * 4
    assert data.index(b"\n}\n") == 39  # the first piece of 40 bytes ends before the `}`
    _check_pieces(data, 40)


def test_the_lines_of_an_event_cut_over_lines_stay_in_one_piece() -> None:
    data = b'{"id": 1}\n{"id": 2,\n"t": 3,\n"u": 4}\n"v"\n{"id": 5}\n'
    opening = open_events(io.BytesIO(data), "in")
    assert isinstance(opening, JsonlStart)
    pieces = list(jsonl_pieces(opening, 1))  # a line a piece, where it can be
    assert [(piece.data, piece.line, piece.index) for piece in pieces] == [
        (b'{"id": 1}\n', 1, 0),
        (b'{"id": 2,\n"t": 3,\n"u": 4}\n"v"\n', 2, 1),  # (`"v"` may go on it too, as far as
        (b'{"id": 5}\n', 6, 5),  # the piece's first line tells: it is read alone all the same)
    ]
    read = [item for p in pieces for item in line_events(piece_lines(p), "in", p.line, p.index)]
    assert "goes on to line 4" in str(read[1].error)


@pytest.mark.parametrize(
    ("blank", "name"), [(b"\x0b", "vertical tab"), (b"\x0c", "form feed")], ids=["vt", "ff"]
)
def test_a_blank_json_refuses_before_an_array_is_a_record_after_its_events(
    blank: bytes, name: str
) -> None:
    """A vertical tab or form feed before an array (blank to Python, not to JSON): orjson
    refuses the whole, every element reads well one by one, and orjson's reason is a record
    of its own after the events, never left unsaid, and in a manager's words: orjson's
    "unexpected character, expected a JSON value" named neither the character nor the fix."""
    data = blank + b'[{"id": 1}, {"id": 2}]\n'
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [(item.line, item.index, item.value, item.error, item.code) for item in items] == [
        (1, 0, {"id": 1}, None, ""),
        (1, 1, {"id": 2}, None, ""),
        (
            1,
            2,
            None,
            f"not valid JSON: a {name}, which is blank to the eye but not to JSON (at line 1, "
            "column 1); JSON allows only spaces, tabs and line ends between values: remove it",
            "bad-json",
        ),
    ]


def test_a_comma_alone_between_pretty_printed_objects_is_a_record_of_its_own() -> None:
    """A lone `,` line between objects one after another (``jq .`` output joined as if into an
    array): the comma is a record, and the object after it is read, as the comma, nothing
    before it on its line, leaves it no value to be inside."""
    data = b'{\n  "id": 1\n}\n,\n{\n  "id": 2\n}\n'
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [(item.line, item.index, item.value, item.code) for item in items] == [
        (1, 0, {"id": 1}, ""),
        (4, 1, None, "bad-json"),
        (5, 2, {"id": 2}, ""),
    ]
    assert items[1].error == (
        "not valid JSON: a `,` alone, where an event was due (at line 4, column 1); remove it"
    )


def test_jsonl_whose_first_line_is_broken_stays_jsonl() -> None:
    items = list(streams.read_events(io.BytesIO(b'{"id": 1,\n{"id": 2}\n{"id": 3}\n'), "in"))
    assert [(item.line, item.code, item.value) for item in items] == [
        (1, "bad-json", None),
        (2, "", {"id": 2}),
        (3, "", {"id": 3}),
    ]


def test_a_line_the_start_of_jsonl_ends_inside_goes_on_in_the_same_chunk() -> None:
    start = JsonlStart(b'{"id": 1}\n{"id"', 1, io.BytesIO(b': 2}\n{"id": 3}\n'))
    assert not start.whole
    items = list(streams.jsonl_events(start, "in"))
    assert [(item.line, item.index, item.value) for item in items] == [
        (1, 0, {"id": 1}),
        (2, 1, {"id": 2}),
        (3, 2, {"id": 3}),
    ]


@given(lines=st.lists(LINES, max_size=12), cut=st.integers(0, 10_000))
def test_jsonl_read_from_a_start_cut_anywhere_is_read_as_the_whole(
    lines: list[bytes], cut: int
) -> None:
    data = b"\n".join(lines)
    cut %= len(data) + 1
    start = JsonlStart(data[:cut], 1, io.BytesIO(data[cut:]))
    assert [_seen(item) for item in streams.jsonl_events(start, "in")] == [
        _seen(item) for item in _jsonl_only(data)
    ]


@pytest.mark.parametrize(("size", "one_event"), [(200, True), (201, False), (202, False)])
def test_an_object_over_several_lines_is_one_event_only_within_the_document_limit(
    monkeypatch: pytest.MonkeyPatch, size: int, one_event: bool
) -> None:
    """An object over several lines, read past what is read ahead, is one event up to the
    document limit, and one byte more is one too-large record, as a document one byte over the
    limit is: it was read to one byte past the limit, and an object that filled that byte was
    one event (then, read as lines, a bad-json record for each)."""
    monkeypatch.setattr(streams, "MAX_DOCUMENT_BYTES", 200)
    monkeypatch.setattr(streams, "READ_AHEAD_BYTES", 100)
    start, end = b'{"id": 1, "n": [\n', b"1]\n}"
    items = b"1,\n" * ((size - len(start) - len(end)) // 3)
    data = (start + items).ljust(size - len(end)) + end
    read = list(streams.read_events(io.BytesIO(data), "in"))
    assert len(read) == 1
    assert read[0].code == ("" if one_event else "too-large")


def test_an_object_over_several_lines_past_the_document_limit_is_one_record_wherever_cut(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An object over several lines larger than the document limit is one too-large record,
    wherever the limit cuts it: in a key, a text (inside a character of several bytes, an
    escape), a number, a literal, between tokens. Each of its lines had been a bad-json
    record, millions for a 64 MiB document."""
    monkeypatch.setattr(streams, "READ_AHEAD_BYTES", 20)
    ahead = b'{"id": "e-1",\n "n": 1,\n'  # read ahead: past 20 bytes, the rest is read whole
    data = ahead + (
        b' "notes": ["caf\xc3\xa9 \xe2\x82\xac", "a\\"b\\u00e9",\n'
        b' -12.5e3, true, false, null, {"k": [1, 2]}],\n "last": 0}\n'
    )
    assert json.loads(data)["notes"][0] == "café €"
    for limit in range(len(ahead), len(data) - 1):
        monkeypatch.setattr(streams, "MAX_DOCUMENT_BYTES", limit)
        read = list(streams.read_events(io.BytesIO(data), "in"))
        assert [(item.code, item.line) for item in read] == [("too-large", 1)], limit


def test_an_object_broken_before_the_document_limit_is_still_read_as_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An input larger than the document limit whose start is not one object's (a mistake
    before the limit: JSON Lines whose first line broke off) is read as lines: only what is
    cut short at the limit is taken for one document, and no event after it is lost."""
    monkeypatch.setattr(streams, "READ_AHEAD_BYTES", 20)
    monkeypatch.setattr(streams, "MAX_DOCUMENT_BYTES", 60)
    data = b'{"id": "e-1", "n": [1,\n2,\n3,\n' + b"".join(b'{"id": %d}\n' % n for n in range(9))
    read = list(streams.read_events(io.BytesIO(data), "in"))
    assert [item.code for item in read[:3]] == ["bad-json"] * 3
    assert [item.value for item in read[3:]] == [{"id": n} for n in range(9)]


@pytest.mark.parametrize(
    ("first", "line", "read_ahead"),
    [
        (b'{"id": 0,\n', b'{"id": %d}\n', 1 << 18),  # JSON Lines known at the second line
        # still an object's start where reading ahead stops, broken before the limit: read
        # whole to tell, then as lines (a start cut short only by the limit is one record)
        (b'{"events": [\n', b'{"id": %d}\n', 30),
    ],
    ids=["told-at-once", "read-whole"],
)
def test_jsonl_whose_first_line_is_broken_loses_no_line_where_reading_ahead_stopped(
    monkeypatch: pytest.MonkeyPatch, first: bytes, line: bytes, read_ahead: int
) -> None:
    # Whether the input was one object over several lines was asked of 64 MiB read at once;
    # the line cut there was read as two, each a bad-json record, every later line one off.
    monkeypatch.setattr(streams, "MAX_DOCUMENT_BYTES", 50)  # within a line
    monkeypatch.setattr(streams, "READ_AHEAD_BYTES", read_ahead)
    data = first + b"".join(line % n for n in range(1, 9))
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [(item.line, item.index) for item in items] == [(n + 1, n) for n in range(9)]
    assert items[0].code == "bad-json"
    if line.endswith(b"}\n"):
        assert [item.value for item in items[1:]] == [{"id": n} for n in range(1, 9)]
    opening = open_events(io.BytesIO(data), "in")
    assert isinstance(opening, JsonlStart)
    assert opening.whole == (read_ahead > len(data))  # told at once: cut into pieces (--jobs)
    for size in (1, 20, 1000):
        _check_pieces(data, size)


class _WouldWaitError(Exception):
    """Reading a live pipe past what its writer has sent so far: it would wait."""


class _Live(io.RawIOBase):
    """A pipe whose writer has sent ``data`` and is still open (``tail -f``)."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self._data = data

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self._data:
            raise _WouldWaitError
        block, self._data = self._data[: len(buffer)], self._data[len(buffer) :]
        buffer[: len(block)] = block
        return len(block)


def _read_before_waiting(data: bytes) -> list[tuple[int, str]]:
    """The lines and codes of the events read from a live pipe before it would wait."""
    items = []
    with contextlib.suppress(_WouldWaitError):
        for item in streams.read_events(io.BufferedReader(_Live(data)), "in"):
            items.append((item.line, item.code))
    return items


def test_jsonl_on_a_live_pipe_whose_first_line_is_broken_is_read_as_it_comes() -> None:
    # The input was read to its end (up to 64 MiB) to tell one object over several lines from
    # JSON Lines: `tail -f events.jsonl | backplan eval` answered nothing until it closed.
    lines = b'{"id": 0, "type":\n{"id": 1}\n\n{"id": 2}\n'
    assert _read_before_waiting(lines) == [(1, "bad-json"), (2, ""), (4, "")]
    assert _read_before_waiting(b'[oops\n{"id": 1}\n') == [(1, "bad-json"), (2, "")]
    # Lines that can still be one object's are waited for: the next line tells.
    assert _read_before_waiting(b'{"id": 0,\n"type": "review"}\n') == []
    assert _read_before_waiting(b'{"id": 0,\n"type": "review"}\n{"id": 1}\n') == [
        (1, "bad-json"),
        (2, "bad-json"),
        (3, ""),
    ]


@pytest.mark.parametrize(
    "first", [b'{"id": 0, "type":', b'{"id": 0, "items": [', b'{"id": 0, "items": [1,']
)
def test_a_live_pipe_whose_first_line_is_cut_short_is_answered_at_the_log_text_after_it(
    first: bytes,
) -> None:
    """The first line cut short where a value was due, then a word of a log's text alone on
    its line: JSON's grammar takes the word as a value, so the lines had been waited on as
    one object over several lines, nothing answered until the next line came. The text
    cannot be inside an object: the input is JSON Lines at it, each line answered."""
    assert _read_before_waiting(first + b"\ngarbage\n") == [(1, "bad-json"), (2, "bad-json")]


@pytest.mark.parametrize(
    ("text", "events"),
    [
        ('{"id": 1,\n "type": "review"}\n', [{"id": 1, "type": "review"}]),
        ('{"id": 1,\n "c": {"a": 1}}  \n\n  \n', [{"id": 1, "c": {"a": 1}}]),
        ('{"id": 1, "c":\n{"a": 1}\n}', [{"id": 1, "c": {"a": 1}}]),  # a line whole, inside
        ('{"id": 1,\n "type": "review"}\n{"id": 2}\n', [None, None, {"id": 2}]),
        ('{"id": 1,\n "type": "review"\n', [None, None]),  # never closed
        ('{"id": 1, "r": NaN,\n "type": "review"}\n', [None, None]),  # orjson refuses NaN
        ('{"id": 1}}\n{"id": 2}\n', [None, {"id": 2}]),
    ],
)
def test_an_object_over_several_lines_is_one_event_only_when_it_is_the_whole_input(
    text: str, events: list[Any]
) -> None:
    items = list(streams.read_events(io.BytesIO(text.encode()), "in"))
    assert [item.value for item in items] == events
    assert [item.error is None for item in items] == [e is not None for e in events]


def _pretty_array(objects: list[dict[str, Any]]) -> tuple[str, list[int]]:
    """The objects as ``json.dumps(..., indent=2)`` writes a list, and the line each starts on."""
    text = json.dumps(objects, indent=2)
    starts = [n + 1 for n, line in enumerate(text.split("\n")) if line.startswith("  {")]
    return text, starts


@given(objects=st.lists(EVENT_OBJECTS, min_size=1, max_size=6), broken=st.integers(0, 5))
def test_a_broken_element_of_an_array_loses_no_other(
    objects: list[dict[str, Any]], broken: int
) -> None:
    objects = [{**o, "n": n, "m": n} for n, o in enumerate(objects)]  # two keys: a comma inside
    broken %= len(objects)
    text, starts = _pretty_array(objects)
    text = text.replace(f'"n": {broken},', f'"n": {broken}', 1)
    items = list(streams.read_events(io.BytesIO(text.encode()), "in"))
    assert [(item.index, item.start_line()) for item in items] == list(enumerate(starts))
    assert [item.code for item in items] == [
        "bad-json" if n == broken else "" for n in starts and range(len(objects))
    ]
    assert [item.value for item in items if not item.code] == [
        *objects[:broken],
        *objects[broken + 1 :],
    ]


@given(objects=st.lists(EVENT_OBJECTS, min_size=2, max_size=6), broken=st.integers(0, 5))
def test_an_element_cut_short_after_a_member_loses_not_the_next_one(
    objects: list[dict[str, Any]], broken: int
) -> None:
    """An array of one event per line (as `jq -c` items, indented), one of them cut short
    after a member and its comma (`{"id": 1,`): the event on the next line had been read as
    part of it and lost without a word (found by review)."""
    objects = [{"n": n, **o} for n, o in enumerate(objects)]
    broken %= len(objects)
    lines = [f"  {json.dumps(o)}," for o in objects]
    lines[-1] = lines[-1][:-1]
    lines[broken] = f'  {{"n": {broken},'  # cut short after its first member
    text = "[\n" + "\n".join(lines) + "\n]\n"
    items = list(streams.read_events(io.BytesIO(text.encode()), "in"))
    assert [item.value for item in items if not item.code] == [
        *objects[:broken],
        *objects[broken + 1 :],
    ]
    assert [item.code for item in items] == [
        "bad-json" if n == broken else "" for n in range(len(objects))
    ]


def test_a_brace_after_a_members_line_below_an_elements_first_is_not_an_event() -> None:
    """Members and elements at one column, the `[` of a nested list lost: the `{` after the
    member line `"rating": null,` is inside the element, not the next one (a change that read
    any member's comma line as between members decided `{"": null}` and lost `seq_n: 2`)."""
    text = '[{"seq_n": 0},\n  {"seq_n": 1,\n  "rating": null,\n  {"": null}]},\n  {"seq_n": 2}]'
    items = list(streams.read_events(io.BytesIO(text.encode()), "in"))
    assert [(item.value, item.code) for item in items] == [
        ({"seq_n": 0}, ""),
        (None, "bad-json"),
        ({"seq_n": 2}, ""),
    ]


def test_mistakes_between_the_elements_of_an_array_are_named() -> None:
    objects = [{"id": n} for n in range(4)]
    text, _ = _pretty_array(objects)
    text = text.replace('},\n  {\n    "id": 2', '}\n  {\n    "id": 2')  # no comma after 1
    text = text.replace("\n]", ",\n]")  # a comma after the last
    items = list(streams.read_events(io.BytesIO(text.encode()), "in"))
    assert [item.value for item in items] == [{"id": 0}, None, {"id": 2}, {"id": 3}, None]
    assert "a comma is missing after this event (the next starts at line 8" in str(items[1].error)
    assert "a comma after the last event (at line 13, column 4); remove it" in str(items[4].error)
    assert items[4].line == 13  # the comma's line, as the message says (it was the `]`'s)
    unclosed = list(streams.read_events(io.BytesIO(b'[\n{"id": 1},\n{"id": 2}\n'), "in"))
    assert [item.value for item in unclosed] == [{"id": 1}, {"id": 2}, None]
    assert "never closed" in str(unclosed[2].error)
    more = list(streams.read_events(io.BytesIO(b'[{"id": 1}] x'), "in"))
    assert [item.value for item in more] == [{"id": 1}, None]
    assert "more after the array's closing" in str(more[1].error)


@given(objects=st.lists(EVENT_OBJECTS, min_size=1, max_size=4), cut=st.integers(0, 10_000))
def test_an_array_with_a_character_removed_never_invents_an_event_nor_hides_the_mistake(
    objects: list[dict[str, Any]], cut: int
) -> None:
    text, _ = _pretty_array(objects)
    cut %= len(text)
    damaged = text[:cut] + text[cut + 1 :]
    try:
        json.loads(damaged)
    except ValueError:
        items = list(streams.read_events(io.BytesIO(damaged.encode()), "in"))
        assert any(item.error for item in items)  # the mistake is never lost
        for item in items:  # every object read is one that was written (a value that is no
            # object, read from a damaged line as JSONL, is refused when decided: not-an-object)
            assert item.error or item.value in objects or not isinstance(item.value, dict)


def _jsonl_only(data: bytes) -> list[InputEvent]:
    """``data`` read as JSON Lines and nothing else: the reader before documents were told
    apart."""
    return list(streams.jsonl_events(JsonlStart(b"", 1, io.BytesIO(data)), "in"))


JSONL_LINES = st.one_of(
    EVENT_OBJECTS.map(json.dumps),
    EVENT_OBJECTS.map(lambda o: json.dumps(o) + ","),  # an export with a comma after each
    EVENT_OBJECTS.map(lambda o: json.dumps(o) + " x"),
    EVENT_OBJECTS.map(lambda o: json.dumps(o) * 2),
    EVENT_OBJECTS.map(lambda o: json.dumps(o)[:-1]),  # cut short
    st.sampled_from(["", "[1, 2]", "null", '"text"', "}", "{", '"id": 1,']),
)


def _objects_one_after_another(text: str) -> bool:
    """Whether ``text`` starts as pretty-printed objects do (read as a document, not JSON
    Lines): an object over several lines, closed at a line's end, then a line that starts
    another object and is not whole on it."""
    stripped = text.lstrip()
    try:
        value, end = json.JSONDecoder().raw_decode(stripped)
    except ValueError:
        return False
    after = stripped[end:].split("\n")
    following = next((line for line in after[1:] if line.strip()), "")
    if not isinstance(value, dict) or "\n" not in stripped[:end] or after[0].strip():
        return False
    try:
        return not isinstance(json.loads(following), dict)
    except ValueError:
        return following.lstrip().startswith("{")


@example(lines=['{"id": 3', "}", '{"id": 1,'])  # (found by review: drawn once in a while)
@given(lines=st.lists(JSONL_LINES, min_size=1, max_size=8))
def test_jsonl_is_read_as_jsonl_unless_its_first_line_is_a_lone_brace(lines: list[str]) -> None:
    """Pretty-printed objects are left out as a lone brace is: a line cut short (`{"id": 3`)
    then a `}` line is an object over two lines, and an object's start after it makes them
    objects one after another, read whole; the test had failed when it drew them."""
    data = ("\n".join(lines) + "\n").encode()
    first = next((line for line in lines if line.strip()), "")
    try:
        whole_is_one_object = isinstance(json.loads(data), dict)
    except ValueError:
        whole_is_one_object = False
    if not first.startswith("{") or first.strip() == "{" or whole_is_one_object:
        return  # an array, pretty-printed objects, or one object over several lines
    if _objects_one_after_another(data.decode()):
        return
    assert list(streams.read_events(io.BytesIO(data), "in")) == _jsonl_only(data)


ONE_COLUMN = {"indent": None, "separators": (",\n  ", ": ")}
"""Members, items and elements all start their lines at the second column."""
LAYOUTS = st.sampled_from(
    [
        {"indent": 2},
        {"indent": 4},
        {"indent": 1},
        {"indent": 0},
        {"indent": None},
        {"indent": None, "separators": (",\n", ": ")},
        # members and elements alike at the second column: a member's comma line is no
        # element's first line (the review of a change that took it for one)
        ONE_COLUMN,
    ]
)


def test_a_brace_at_the_events_column_inside_one_is_not_taken_for_the_next_event() -> None:
    # One blank damaged into `{` on a line inside an element, after a nested `[],`, at the
    # elements' column: the line looks like the next element's start, and `{ "": null }` (the
    # rest of a nested object) would have been decided as an event. A comma after a bracket
    # ends an element only where that bracket's line starts at the elements' column.
    element = {"id": "a", "type": "review", "n": {"x": [], "": None}}
    pretty = json.dumps([element, {"id": "b", "type": "review"}], indent=4)
    damaged = pretty.replace('\n            "": null', '\n    {       "": null')
    assert damaged != pretty
    items = list(streams.read_events(io.BytesIO(damaged.encode()), "in"))
    assert [item.value for item in items] == [None, {"id": "b", "type": "review"}]
    assert "a key was due here, written in double quotes (at line 7, column 5)" in str(
        items[0].error
    )
    # Objects one after another (as jq prints them), at the first column: the same.
    jq = "\n".join(json.dumps(e, indent=2) for e in [element, {"id": "b", "type": "review"}])
    damaged = jq.replace('\n    "": null', '\n{   "": null')
    assert damaged != jq
    items = list(streams.read_events(io.BytesIO(damaged.encode()), "in"))
    assert [item.value for item in items] == [None, {"id": "b", "type": "review"}]


@pytest.mark.parametrize("layout", ["array", "jq"])
def test_an_event_cut_short_after_a_nested_object_loses_no_event_after_it(layout: str) -> None:
    # As when a writer is stopped mid-event: the next event starts at the events' column after
    # a `},` further in, and must still be read (a check on that `},` alone had lost it).
    events = [
        {"id": f"e{n}", "type": "review", "customer": {"tier": "gold"}, "rating": n}
        for n in range(4)
    ]
    if layout == "array":
        text = json.dumps(events, indent=2)
        cut_at = text.index('    "rating": 0')
        rest = text.index("  {", cut_at)
    else:
        text = "\n".join(json.dumps(e, indent=2) for e in events) + "\n"
        cut_at = text.index('  "rating": 0')
        rest = text.index("\n{", cut_at) + 1
    damaged = text[:cut_at] + text[rest:]
    items = list(streams.read_events(io.BytesIO(damaged.encode()), "in"))
    assert [item.code for item in items] == ["bad-json", "", "", ""]
    assert [item.value["id"] for item in items[1:]] == ["e1", "e2", "e3"]


SHAPED_TEXT = st.text(alphabet='ab{}[]",: \\x', max_size=8)
"""Text full of what gives JSON its shape, and without any letter of ``seq_n`` or ``id``."""
ELEMENT_LETTERS = frozenset("seq_nid")
"""Each key an element has (``seq_n``, ``id``, ``type``, ``rating``) has one of these letters,
and no key of a nested object has any."""
NESTED_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | SHAPED_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(SHAPED_TEXT, inner, max_size=3),
    max_leaves=10,
)
ELEMENTS = st.dictionaries(st.sampled_from(["id", "type", "rating"]), NESTED_VALUES, max_size=3)
DAMAGE = st.sampled_from(["", ",", "}", "]", "{", "[", ":", '"', "x", "\n{"])


@given(objects=st.lists(ELEMENTS, min_size=1, max_size=5), layout=LAYOUTS, data=st.data())
def test_a_damaged_array_in_any_layout_never_invents_an_event_nor_hides_the_mistake(
    objects: list[dict[str, Any]], layout: dict[str, Any], data: st.DataObject
) -> None:
    # Each element's first key is `seq_n`; the keys of nested objects are text with no letter
    # of it nor of `id`, and their values are full of brackets, quotes, colons and commas. So
    # an object decided with no key spelt with one of those letters came from inside an
    # element (an element's own keys all have one: `id` alone has none of `seq_n`, and an
    # element the damage split in two may keep only its `id`, which is still an element's).
    objects = [{"seq_n": n, **o} for n, o in enumerate(objects)]
    # One character damaged: with more, the damage can itself write a new, valid element.
    text = json.dumps(objects, **layout)
    cut = data.draw(st.integers(0, len(text) - 1))
    damaged = text[:cut] + data.draw(DAMAGE) + text[cut + 1 :]
    try:
        json.loads(damaged)
    except ValueError:
        items = list(streams.read_events(io.BytesIO(damaged.encode()), "in"))
        assert any(item.error for item in items)  # the mistake is never lost
        seen = []
        written = _leading_elements(damaged)
        for value in (item.value for item in items if not item.error):
            if not isinstance(value, dict) or not value:
                continue  # no object, or an empty one: refused, or decided as the text says
            # an element of the array (as written, or as the damage reshaped it: a `}` that
            # closes a nested object early moves its last keys up, or a `]` that closes a nested
            # array ends its element, so the next object in that array is now the next
            # element), never an object from inside
            # (Where members, items and elements all start lines at one column, a damaged
            # element can read either way: `"id": [],` then `{},` then `{"": null}]}]` is an
            # element that lost its `}` and two events, or a nested array that lost its first
            # `[`. Reading goes on there, as it must for the first, so an object from inside
            # may be decided; the mistake is still said, and no element is read twice.)
            assert (
                any(set(key) & ELEMENT_LETTERS for key in value)
                or value in written
                or layout == ONE_COLUMN
            ), value
            if "seq_n" in value:
                assert value["seq_n"] in range(len(objects))
                seen.append(value["seq_n"])
        assert len(seen) == len(set(seen))  # no element is read twice


def test_a_bracket_typed_for_another_inside_an_element_loses_no_event_after_it() -> None:
    """A `{` typed for the `}` that closes a nested object breaks that one element; the
    elements after it are whole and decided (a count of the brackets left open since the
    broken element's start, tried to tell nested objects from elements, took every later
    line for part of it, and lost them: found by review)."""
    text = (
        '[\n  {\n    "id": "a",\n    "type": "review",\n    "customer": {\n      "tier": "gold"\n'
        '    {,\n    "rating": 1\n  },\n'
        '  {\n    "id": "b",\n    "type": "review",\n    "rating": 1\n  },\n'
        '  {\n    "id": "c",\n    "type": "review",\n    "rating": 1\n  }\n]'
    )
    items = list(streams.read_events(io.BytesIO(text.encode()), "in"))
    assert [(item.code, item.value and item.value["id"]) for item in items] == [
        ("bad-json", None),
        ("", "b"),
        ("", "c"),
    ]


def _leading_elements(text: str) -> list[Any]:
    """The elements of the JSON array ``text`` up to the first mistake, as Python's own
    reader takes them one after another."""
    decoder, elements = json.JSONDecoder(), []
    at = text.find("[") + 1
    if not at:
        return elements
    try:
        while True:
            value, at = decoder.raw_decode(text, len(text) - len(text[at:].lstrip()))
            elements.append(value)
            at = len(text) - len(text[at:].lstrip())
            if text[at : at + 1] != ",":
                return elements
            at += 1
    except ValueError:
        return elements


@pytest.mark.parametrize(
    ("text", "decided", "said"),
    [
        # pretty-printed at a column beyond the first: a stray token loses no other element
        ('[\n  {"id": 1},,\n  {"id": 2},\n  {"id": 3}\n]', [1, 2, 3], ["not valid JSON"]),
        # ... and the last one, broken, is the last: nothing after it is said to be lost
        ('[\n  {"id": 1},\n  {"id" 2}\n]', [1], ["a `:` was due here"]),
        # when every string and bracket of the array is whole, a broken element ends where its
        # brackets and commas say, whatever the layout, and the rest is still decided
        ('[{"id": 1}, {"id" 2}, {"id": 3}]', [1, 3], ["a `:` was due here"]),
        ('[\n{"id" 1},\n{"id": 2}\n]', [2], ["a `:` was due here"]),
        (
            '[{"id" 1}, {"id": 2}, {"id": [3,]}, {"id": 4}]',
            [2, 4],
            ["a `:` was due here", "a comma after the last item"],
        ),
        ('[{"id": 1, "tags": [tru]}, {"id": 2}]', [2], ["not valid JSON"]),
        ('[{"id": 1,, "type": "x"}, {"id": 2}]', [2], ["not valid JSON"]),
        ('[{"id": 1, "text": "a\\qb"}, {"id": 2}]', [2], ["not valid JSON"]),
        ('[{"id" 1},]', [], ["a `:` was due here", "a comma after the last event"]),
        ('[{"id": 1}, {"id" 2}]', [1], ["a `:` was due here"]),
        ('[{"id": 1}, {"id": 2 "x": "}, {"}, {"id": 3}]', [1, 3], ["a `,` (before the next key)"]),
        ("[{'id': 1}, {\"id\": 2}]", [2], ["not valid JSON"]),  # single quotes: no string
        # a comma too many, or something stray where the comma goes: side by side too, the
        # rest is read (the element before stray text is its record)
        ('[{"id": 1}, {"id": 2},, {"id": 3}]', [1, 2, 3], ["a comma too many"]),
        ('[{"id": 1}; {"id": 2}, {"id": 3}]', [2, 3], ["`;` where a comma should be"]),
        ('[{"id": 1} x, {"id": 2}, {"id": 3}]', [2, 3], ["`x` after this event"]),
        ('[{"id": 1} x "a {b", {"id": 2}]', [2], ['`x "a {b"` after this event']),
        # more stray separators in one stretch between commas: each element its record
        (
            '[{"id": 1}; {"id": 2}; {"id": 3}, {"id": 4}]',
            [3, 4],
            ["`;` where a comma should be", "`;` where a comma should be"],
        ),
        (
            '[{"id": 1}; {"id": 2 "t": 1}, {"id": 3}]',
            [3],
            ["`;` where", "a `,` (before the next key)"],
        ),
        ('[{"id": 1} x {"id": 2} y, {"id": 3}]', [3], ["`x` where", "`y` after this event"]),
        # a key before the object: perhaps a member of the element, never an element itself
        ('[{"id": 7} order: {"id": 9}, {"id": 8}]', [8], ['`order: {"id": 9}` after']),
        # two events with no comma between, one of them broken: one record for both
        ('[{"id": 1}, {"id" 2} {"id": 3}]', [1], ["a `:` was due here"]),
        # a string never closed, brackets that do not pair, or quotes that pair the wrong
        # way: where the broken element ends cannot be told, and the record says so
        ('[{"id": 1}, {"id": "2}, {"id": 3}]', [1], ["cannot be told apart"]),
        ('[{"id": 1}, {"id": [2}, {"id": 3}]', [1], ["cannot be told apart"]),
        ('[{"id": 1}, {"id: 2}, {"id": 3}, {"id": 4}]', [1], ["cannot be told apart"]),
        # a quote missing or extra that closes the array early: never a string's inside decided
        ('[{"id":1,"note":x},{",":":"}]"},{"id":2}]', [], ["cannot be told apart"]),
        ('[{"id": 1, "note": x},{},7,[8]]"}, {"id": 2}]', [], ["cannot be told apart"]),
        ('[\n  {\n    "id": 1,\n    "note"": "},{}]"\n  }\n]\n', [], ["cannot be told apart"]),
        # a string never closed, and a member's value (after `:`) or a nested list's first
        # item (after `[`) written at the elements' column: never taken for the next event
        (
            '[\n  {\n    "id": 1,\n    "t": "x,\n    "o":\n  {"id": 9},\n    "m": 1\n  },'
            '\n  {"id": 2}\n]',
            [2],
            ["not valid JSON"],
        ),
        (
            '[\n  {\n    "id": 1,\n    "t": "x,\n    "o": [\n  {"id": 9}],\n    "m": 1\n  },'
            '\n  {"id": 2}\n]',
            [2],
            ["not valid JSON"],
        ),
        # ... nor inside a bracket that opened on the line before (a `{` put for a blank)
        ('[\n  {\n    "id": 1,\n    "o": {\n  {   "x": 2\n    }\n  }\n]', [], ["cannot be told"]),
        # ... nor after a comma that follows a member's value (the next member, not element)
        (
            '[\n  {\n    "id": 1,\n    "o": {\n      "a": null,\n  {   "x": 2\n    }\n  }\n]',
            [],
            ["cannot be told"],
        ),
        # ... but a `:` inside a string never closed is text, and the next element is read
        (
            '[\n  {"id": 1, "t": "Problems:\n  {"id": 2},\n  {"id": 3}\n]',
            [2, 3],
            ["not valid JSON"],
        ),
        ('{\n  "id": 1,\n  "t": "see:\n{\n  "id": 2\n}\n{\n  "id": 3\n}\n', [2, 3], ["not valid"]),
        # objects one after another with `indent=0`: a line that starts with `{` may be nested
        ('{\n"id": 1\n}\n{\n"id" 2\n}\n{\n"id": 3\n}\n', [1, 3], ["a `:` was due here"]),
        (
            '{\n"id": 1\n}\n{\n"id": 2,\n"x": [\n{\n"id: 9\n}\n]\n}\n{\n"id": 3\n}\n',
            [1],
            ["cannot be told apart"],
        ),
    ],
)
def test_after_a_broken_element_reading_goes_on_only_where_elements_can_be_told(
    text: str, decided: list[int], said: list[str]
) -> None:
    items = list(streams.read_events(io.BytesIO(text.encode()), "in"))
    assert [item.value["id"] for item in items if not item.error] == decided
    errors = [item.error for item in items if item.error]
    assert len(errors) == len(said)
    for error, words in zip(errors, said, strict=True):
        assert words in str(error)
    assert [item.index for item in items] == list(range(len(items)))


class _CountingDecoder:
    """The standard library's reader, counting the characters each read is handed: a failed
    read counts the line breaks of all of them to say where it failed."""

    def __init__(self) -> None:
        self.handed = 0

    def raw_decode(self, text: str, at: int = 0) -> tuple[Any, int]:
        self.handed += len(text) - at
        return json.JSONDecoder().raw_decode(text, at)


def test_a_number_longer_than_the_reading_window_is_read_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(jsondocs, "_FIRST_WINDOW", 64)
    number = "0." + "1" * 300
    text = f'[{{"id": 1}}, {number}, {{"id": 2}}, 5.9602533638142465e+25, NaN]'
    items = list(streams.read_events(io.BytesIO(text.encode()), "in"))
    assert [item.value for item in items[:4]] == [
        {"id": 1},
        float(number),
        {"id": 2},
        5.9602533638142465e25,
    ]
    assert [item.code for item in items] == ["", "", "", "", "bad-number"]


def test_blanks_before_elements_on_their_line_are_walked_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Whether an element starts its line was asked by walking the line's blanks again for each
    # element: 0.75 MB took 156 s.
    text = " " * 5000 + "[" + "1," * 500 + "NaN]"
    walked = [0]
    past_blanks = jsondocs._past_blanks

    def counting(text: str, at: int) -> int:
        end = past_blanks(text, at)
        walked[0] += end - at
        return end

    monkeypatch.setattr(jsondocs, "_past_blanks", counting)
    monkeypatch.setattr(streams, "MAX_EVENT_BYTES", 1 << 20)  # the blanks are one line's start
    items = list(streams.read_events(io.BytesIO(text.encode()), "in"))
    assert [item.code for item in items] == [""] * 500 + ["bad-number"]
    assert walked[0] <= 2 * len(text)


def test_a_comma_missing_is_said_on_the_line_of_the_event_before_it() -> None:
    items = list(streams.read_events(io.BytesIO(b'[{"a": 1}\n\n{"a": 2}]'), "in"))
    assert [(item.line, item.code) for item in items] == [(1, "bad-json"), (3, "")]
    assert "the next starts at line 3, column 1" in str(items[0].error)


@pytest.mark.parametrize("layout", ["compact", "pretty array", "objects", "indented first"])
def test_many_broken_events_cost_their_own_length_not_all_that_came_before(
    layout: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = [f'{{"id": {n}, "type" "review", "text": "{"x" * 50}"}}' for n in range(300)]
    if layout == "compact":
        text = "[" + ",".join(events) + "]"
    elif layout == "indented first":  # the column of the first element is no one else's
        text = "[\n  " + ",".join(events) + "]"

    elif layout == "pretty array":
        text = "[\n" + ",\n".join(f"  {event}" for event in events) + "\n]"
    else:
        text = '{\n  "id": 0\n}\n' + "\n".join("{\n  " + e[1:-1] + "\n}" for e in events)
    decoder = _CountingDecoder()
    monkeypatch.setattr(jsondocs, "_DECODER", decoder)
    monkeypatch.setattr(jsondocs, "_FIRST_WINDOW", 256)  # the text is many windows long
    items = list(streams.read_events(io.BytesIO(text.encode()), "in"))
    assert sum(1 for item in items if item.error) == len(events)  # each one its own record
    # Reading from the whole rest of the text each time hands over about 150 times its length.
    assert decoder.handed <= 12 * len(text)


@pytest.mark.parametrize("opening", ["", "[\n"])
def test_mistakes_on_many_lines_are_read_in_one_walk(
    opening: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each broken value is walked up to its mistake once; reading goes on after the mistake,
    # never back over it (hostile input had made this quadratic: 28 s for 8 MB).
    lines = ['{"a": [' + "1," * 2000 for _ in range(100)]
    text = opening + "{\n" + "\n".join(lines) + "\n"
    walked = [0]
    value_end = jsondocs._value_end

    def counting(text: str, at: int) -> tuple[int | None, int]:
        end, failed_at = value_end(text, at)
        walked[0] += (end or failed_at) - at
        return end, failed_at

    monkeypatch.setattr(jsondocs, "_value_end", counting)
    items = list(streams.read_events(io.BytesIO(text.encode()), "in"))
    assert items and all(item.error for item in items)
    assert walked[0] <= 2 * len(text)


CHANGES = st.lists(st.tuples(st.integers(2), st.sampled_from(["", "{", "}", ",", '"', ":", "x"])))


@given(
    objects=st.lists(EVENT_OBJECTS, min_size=1, max_size=5),
    array=st.booleans(),
    indent=st.sampled_from([None, 2]),
    damage=CHANGES,
)
def test_a_document_whose_lines_end_with_a_carriage_return_alone_reads_as_with_newlines(
    objects: list[dict[str, Any]], array: bool, indent: int | None, damage: list[tuple[int, str]]
) -> None:
    # An array, or objects pretty-printed one after another, perhaps damaged (a character
    # replaced, removed or put in, past the document's first line): written with \r for every
    # \n, the same events and errors, on the same lines.
    objects = [{**o, "n": n} for n, o in enumerate(objects)]  # pretty: the first line a lone {
    if array:
        text = "[\n" + ",\n".join(json.dumps(o, indent=indent) for o in objects) + "\n]\n"
    else:
        text = "\n".join(json.dumps(o, indent=2) for o in objects) + "\n"
    for at, put in damage:
        at = 2 + at % max(len(text) - 2, 1)
        text = text[:at] + put + text[at + 1 :]

    def read(data: str) -> list[tuple[Any, ...]]:
        items = streams.read_events(io.BytesIO(data.encode()), "in")
        return [(*_seen(item), item.start_line()) for item in items]

    assert read(text.replace("\n", "\r")) == read(text)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(  # an array: the broken element's line and position, as an editor shows
            b'\r[\r  {"id": 1},\r  {"id": 2 "x": 1},\r  {"id": 3}\r]',
            [(3, None, 1), (4, "at line 4, column 12", None), (5, None, 3)],
            id="array",
        ),
        pytest.param(  # pretty-printed objects, the file's last line ended by \r\n
            b'{\r  "id": 1\r}\r{\r  "id": 2\r  "x": 1\r}\r\n',
            [(1, None, 1), (4, "at line 6, column 3", None)],
            id="pretty-objects",
        ),
    ],
)
def test_errors_in_a_document_on_carriage_return_lines_name_the_lines_an_editor_shows(
    data: bytes, expected: list[tuple[int, str | None, int | None]]
) -> None:
    items = list(streams.read_events(io.BytesIO(data), "in"))
    seen = [(item.start_line(), item.error, item.value) for item in items]
    assert [(line, value and value["id"]) for line, _, value in seen] == [
        (line, value) for line, _, value in expected
    ]
    for (_, error, _), (_, where, _) in zip(seen, expected, strict=True):
        assert (error is None) == (where is None)
        assert where is None or where in str(error)


@pytest.mark.parametrize("gap", [" ", "\n"], ids=["side-by-side", "one-a-line"])
@pytest.mark.parametrize(
    ("bad", "code"),
    [
        (b'{"id": "x", "type": "re\xffview"}', "bad-encoding"),
        (b'{"id": "x", "type": "review", "deep": ' + b"[" * 1100 + b"]" * 1100 + b"}", "too-deep"),
    ],
    ids=["not-utf8", "too-deep"],
)
def test_an_element_orjson_refuses_for_its_bytes_or_depth_loses_no_other(
    gap: str, bad: bytes, code: str
) -> None:
    good = [b'{"id": %d, "type": "review"}' % n for n in range(4)]
    data = b"[" + ("," + gap).encode().join([*good[:2], bad, *good[2:]]) + b"]\n"
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [item.code for item in items] == ["", "", code, "", ""]
    assert [item.value["id"] for item in items if not item.code] == [0, 1, 2, 3]
    assert items[2].line == (1 if gap == " " else 3)


@given(
    lines=st.lists(LINES, max_size=12),
    encoding=st.sampled_from(
        ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"]
    ),
    end=st.sampled_from(["\n", "\r\n"]),
    size=st.integers(1, 5 * LIMIT),
)
def test_events_saved_as_utf16_read_as_their_text(
    lines: list[bytes], encoding: str, end: str, size: int
) -> None:
    # As Windows Notepad or PowerShell save them (or a tool that writes UTF-32): the same
    # events, errors and lines as the text in UTF-8 (the lines as text: bytes that are not
    # UTF-8 are replaced here, as the UTF-16 file could not hold them).
    text = end.join(line.decode("utf-8", "replace") for line in [b'{"id": 0}', *lines]) + end
    encoded = text.encode(encoding, "surrogatepass")
    utf8 = text.encode("utf-8", "surrogatepass")
    assert [_seen(item) for item in streams.read_events(io.BytesIO(encoded), "in")] == [
        _seen(item) for item in streams.read_events(io.BytesIO(utf8), "in")
    ]
    _check_pieces(encoded, size)


@pytest.mark.parametrize(
    "blank", ["\n", "\r\n", "\n\n", " \n", "\n" * 10, "\r\n" * 9, " \n" * 40], ids=repr
)
@pytest.mark.parametrize(
    "encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"]
)
def test_events_saved_as_utf16_after_a_blank_first_line_read_as_their_text(
    blank: str, encoding: str
) -> None:
    # UTF-16 was told by the first non-blank line's zero bytes alone: a blank first line
    # after the mark (`\xff\xfe\n`) holds none, and without a mark the first line is `\n`
    # alone, its zero byte starting the next line; one event became three error records.
    text = blank + '{"id": 1}\n\n{"id": 2}\n'
    items = list(streams.read_events(io.BytesIO(text.encode(encoding)), "in"))
    assert [_seen(item) for item in items] == [
        _seen(item) for item in streams.read_events(io.BytesIO(text.encode()), "in")
    ]
    assert [item.value for item in items] == [{"id": 1}, {"id": 2}]
    _check_pieces(text.encode(encoding), 7)


def test_bytes_that_are_not_utf16_refuse_only_their_event() -> None:
    data = '{"id": 1}\n{"id": 2}\n{"id": 3}\n'.encode("utf-16-le")
    at = data.index("2".encode("utf-16-le"))
    data = data[:at] + b"\x00\xdc" + data[at + 2 :]  # half of a character
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [(item.line, item.code, item.value) for item in items] == [
        (1, "", {"id": 1}),
        (2, "bad-encoding", None),
        (3, "", {"id": 3}),
    ]


@pytest.mark.parametrize("end", [b"\n", b"\r\n"], ids=["lf", "crlf"])
def test_a_line_that_ends_inside_a_text_value_says_so(end: bytes) -> None:
    data = b'{"id": 1}\n{"id": 2, "type": "rev' + end + b'{"id": 3}\n'
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [item.value for item in items if item.error is None] == [{"id": 1}, {"id": 3}]
    [broken] = [item for item in items if item.error is not None]
    assert broken.code == "bad-json"
    assert str(broken.error).startswith(
        "not valid JSON: the line ends inside a text value (at line 2, column 23)"
    )


@pytest.mark.parametrize("after", [b"\n", b'\n{"id": 3}\n'], ids=["last-line", "before-an-event"])
def test_a_line_cut_short_inside_a_text_value_is_told_unfinished(after: bytes) -> None:
    """A JSON Lines line cut inside a text value (a writer stopped mid-event) had been told to
    close the text with its `"`, which leaves the event's brackets open, and no word of the
    event being cut (found by a new user's trial); a cut anywhere else is told so."""
    data = b'{"id": 1}\n{"id": 2, "text": "cut mid' + after
    [broken] = [
        item for item in streams.read_events(io.BytesIO(data), "in") if item.error is not None
    ]
    assert str(broken.error) == (
        "not valid JSON: the line ends inside a text value (at line 2, column 27), the event "
        "unfinished: the rest of the event is missing (cut short?); send it whole, a line "
        "break inside a text written as \\n"
    )


@pytest.mark.parametrize("closed", [b"}", b"] }", b"} "])
def test_a_line_whose_last_text_lacks_only_its_quote_is_not_told_cut_short(closed: bytes) -> None:
    """A line whose brackets are all closed but for its last text's `"` (`"text": "late}`) is
    no event cut short: it had been told "the event unfinished: the rest of the event is
    missing", where only the quote is; it is told to close the text."""
    opened = b"[" if closed == b"] }" else b""
    data = b'{"id": 2, "text": ' + opened + b'"late' + closed + b"\n"
    [broken] = list(streams.read_events(io.BytesIO(data), "in"))
    assert str(broken.error).endswith(
        '; close the text with its `"`, or write a line break inside it as \\n'
    )


def test_a_text_value_holding_a_line_break_in_an_event_over_lines_is_told_to_close_it() -> None:
    """In an event written over several lines (pretty-printed), a text that goes on after its
    line end holds a line break: the event goes on, so it is not told unfinished."""
    data = b'{\n "id": 2,\n "text": "x\ny"\n}\n'
    [broken] = list(streams.read_events(io.BytesIO(data), "in"))
    assert str(broken.error) == (
        "not valid JSON: the line ends inside a text value (at line 3, column 12); close the "
        'text with its `"`, or write a line break inside it as \\n'
    )


@pytest.mark.parametrize("end", [b"\n", b"\r\n", b"  \n"], ids=["lf", "crlf", "blanks"])
@pytest.mark.parametrize("last", [False, True], ids=["before-an-event", "last-line"])
def test_a_line_cut_short_is_placed_just_past_its_last_character(end: bytes, last: bool) -> None:
    """orjson places the end of data after the line end, on the next line, which holds
    another event (or nothing): the record named that line instead of the broken one."""
    data = b'{"id": 1}\n{"id": 2, "type": "review"' + end + (b"" if last else b'{"id": 3}\n')
    items = list(streams.read_events(io.BytesIO(data), "in"))
    [broken] = [item for item in items if item.error is not None]
    assert (broken.line, broken.code) == (2, "bad-json")
    assert str(broken.error) == (
        "not valid JSON: the event ends too early (at line 2, column 27); the `{` at line 2, "
        "column 1 is never closed: add `}` where its object ends"
    )


def test_jsonl_whose_first_line_is_an_array_loses_none_of_its_lines() -> None:
    data = b'[{"id": 1}, {"id": 2}]\n{"id": 3}\n\n{"id" 4}\n[5]\n'
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [(item.line, item.index, item.code, item.value) for item in items] == [
        (1, 0, "", {"id": 1}),
        (1, 1, "", {"id": 2}),
        (2, 2, "", {"id": 3}),
        (4, 3, "bad-json", None),
        (5, 4, "", [5]),
    ]
    # a carriage return inside the array's line is whitespace there, not a line's end
    data = b'[{"id": 1},\r{"id": 2}]\n{"id": 3}\n'
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [(item.line, item.value) for item in items] == [
        (1, {"id": 1}),
        (1, {"id": 2}),
        (2, {"id": 3}),
    ]
    # an array over several lines is one document, as before: what follows it is a mistake
    items = list(streams.read_events(io.BytesIO(b'[\n{"id": 1}\n]\n{"id": 2}\n'), "in"))
    assert [item.code for item in items] == ["", "bad-json"]


BROKEN_ARRAY_LINES = st.sampled_from(
    [
        "[oops",
        "[1, 2",
        '[{"id": 1}, {"id": 2',  # a batch cut short
        '[{"id": 1}, {"id": 2}',  # its `]` missing
        '[{"id": 1} {"id": 2}]',  # a comma missing: the line cannot start an array
        '[{"id": 1},',  # goes on with the next line, an object; the one after cannot
        "[{",
    ]
)


@given(
    first=BROKEN_ARRAY_LINES,
    objects=st.lists(EVENT_OBJECTS.map(json.dumps), min_size=2, max_size=2),
    lines=st.lists(JSONL_LINES, max_size=6),
)
def test_jsonl_whose_first_line_is_a_broken_array_stays_jsonl(
    first: str, objects: list[str], lines: list[str]
) -> None:
    # A first line that starts with `[` and is not a whole array had made the whole input one
    # array: `[oops` then events gave one record, every event after it lost.
    data = ("\n".join([first, *objects, *lines]) + "\n").encode()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(streams, "MAX_EVENT_BYTES", 1 << 20)  # events as long as generated
        assert list(streams.read_events(io.BytesIO(data), "in")) == _jsonl_only(data)
        for size in (1, 100):
            _check_pieces(data, size)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # arrays over several lines whose first line is not a lone `[` are one document
        ('[{"id": 1},\n{"id": 2}\n]\n', [{"id": 1}, {"id": 2}]),
        ('[{"id": 1},\n{"id": 2}]\n{"id": 3}\n', [{"id": 1}, {"id": 2}, None]),
        (
            '[{"id": 1,\n  "type": "review"},\n {"id": 2}]\n',
            [{"id": 1, "type": "review"}, {"id": 2}],
        ),
        ('[{"id": 1},\n{"id": 2},\n', [{"id": 1}, {"id": 2}, None]),  # never closed
        ('[{"id": 1},\n{"id": 2}]', [{"id": 1}, {"id": 2}]),
        # broken ones, read element by element, in any layout
        ('[{"id": 1} {"id": 2}, {"id": 3}]\n', [None, {"id": 2}, {"id": 3}]),
        ('[{"id": 1},\n{"id" 2},\n{"id": 3}]\n', [{"id": 1}, None, {"id": 3}]),
        ('[{"id": 1},\n{"id": 2}\n{"id": 3}]\n', [{"id": 1}, None, {"id": 3}]),
        ("[oops\n", [None]),
        ("[oops\n\n", [None]),
        ("[oops\n1, 2]\n", [None, 2]),  # the next line is no event: the array's mistake
        # an array whose brackets close on the first line, a mistake inside an element, then
        # JSON Lines: each element's record, then each line's
        ('[{"id": 1, "r": NaN}, {"id": 2}]\n{"id": 3}\n', [None, {"id": 2}, {"id": 3}]),
        # JSON Lines whose first line is broken: it is one record, and each line after it one
        ('[oops\n\n{"id": 1}\n{"id": 2}', [None, {"id": 1}, {"id": 2}]),
        ('[{"id": 1}, {"id": 2\n{"id": 3}\n', [None, {"id": 3}]),
        ('[{"id": 1},\n{"id": 2}\n{"id": 3}\n', [None, {"id": 2}, {"id": 3}]),
    ],
)
def test_a_first_line_that_starts_an_array_is_an_array_unless_events_follow_its_mistake(
    text: str, values: list[Any]
) -> None:
    items = list(streams.read_events(io.BytesIO(text.encode()), "in"))
    assert [item.value for item in items] == values
    assert [item.index for item in items] == list(range(len(values)))


def test_an_array_on_the_first_line_over_the_event_limit_may_be_followed_by_jsonl(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The array line was judged by its first chunk (the event limit and its line end), never
    # whole, so the JSON Lines after it were read as more after the array: one record.
    batch = [{"id": n, "type": "review"} for n in range(6)]
    data = json.dumps(batch).encode() + b'\n{"id": 6}\n\n{"id": 7}\n'
    assert len(data.split(b"\n")[0]) > 3 * LIMIT
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [(item.line, item.index, item.value) for item in items] == [
        *((1, n, value) for n, value in enumerate(batch)),
        (2, 6, {"id": 6}),
        (4, 7, {"id": 7}),
    ]
    # after a byte-order mark too: the first chunk, the mark dropped, was no chunk's size
    items = list(streams.read_events(io.BytesIO(BOM + data), "in"))
    assert [(item.line, item.index) for item in items][-2:] == [(2, 6), (4, 7)]
    monkeypatch.setattr(streams, "MAX_DOCUMENT_BYTES", 3 * LIMIT)  # an array too large
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [(item.line, item.code) for item in items] == [(1, "too-large")]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_array_whose_first_line_is_a_lone_bracket_is_read(encoding: str) -> None:
    text = json.dumps([{"id": n} for n in range(3)], indent=2) + "\n"
    items = list(streams.read_events(io.BytesIO(text.encode(encoding)), "in"))
    assert [(item.value, item.start_line()) for item in items] == [
        ({"id": 0}, 2),
        ({"id": 1}, 5),
        ({"id": 2}, 8),
    ]


def test_stray_bytes_that_are_not_utf8_are_shown_replaced_and_lose_no_other_event() -> None:
    data = b'[{"id": 1} \xff\xfe, {"id": 2}]\n'
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [item.value for item in items] == [None, {"id": 2}]
    assert "`\ufffd\ufffd` after this event" in str(items[0].error)
    str(items[0].error).encode("utf-8")  # writable: no lone surrogate in the message


def test_a_first_line_of_nul_bytes_is_no_utf16() -> None:
    data = b"\x00" * 8 + b'\n{"id": 1}\n{"id": 2}\n'
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [(item.line, item.value) for item in items] == [
        (1, None),
        (2, {"id": 1}),
        (3, {"id": 2}),
    ]


@pytest.mark.parametrize("top", [b"\x00\n", b"x\x00\n", b"\x00\r\n", b"\x00\n\x00\n"], ids=repr)
def test_a_nul_at_the_top_of_a_log_loses_no_event(top: bytes) -> None:
    # A first line of `\0` (or `x\0`) alone was taken for UTF-16 text, and the whole file read
    # as such: one error record, every event lost (found by review). Its lines are read on.
    data = top + b'{"id": 1}\n{"id": 2}\n'
    items = list(streams.read_events(io.BytesIO(data), "in"))
    assert [item.value for item in items if item.error is None] == [{"id": 1}, {"id": 2}]
    assert all(item.error is not None for item in items[: top.count(b"\n")])


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_a_utf16_first_line_of_one_character_is_read_as_utf16(encoding: str) -> None:
    # `1\0\n` looks like a NUL at the top of a UTF-8 log as much as UTF-16: the lines after
    # it tell (judged by the first line alone, every event after it was lost; found by review).
    text = '1\n{"id": 1}\n{"id": 2}\n'
    items = list(streams.read_events(io.BytesIO(text.encode(encoding)), "in"))
    assert [item.value for item in items] == [1, {"id": 1}, {"id": 2}]


@pytest.mark.parametrize("blank", [BOM, BOM + b"\r", BOM + b"  \t"])
@pytest.mark.parametrize("size", [1, 1000])
def test_a_line_of_a_byte_order_mark_alone_is_blank_anywhere(blank: bytes, size: int) -> None:
    """A file of events whose first line is blank, joined onto others (``cat a.jsonl
    b.jsonl``), puts its mark alone on a line in the middle: that line is blank, as it is at
    the top, not an event that is "empty" (read whole, and in the pieces of ``--jobs``)."""
    marked = b'{"id": 1}\n' + blank + b'\n{"id": 2}\n'
    plain = b'{"id": 1}\n\n{"id": 2}\n'
    for data in (marked, BOM + marked):
        seen = [_seen(item) for item in streams.read_events(io.BytesIO(data), "in")]
        assert seen == [_seen(item) for item in streams.read_events(io.BytesIO(plain), "in")]
        assert [item.error for item in streams.read_events(io.BytesIO(data), "in")] == [None] * 2
        _check_pieces(data, size)


def test_events_joined_on_a_line_by_a_byte_order_mark_are_told_so() -> None:
    """``cat a.jsonl b.jsonl`` of files each saved with a mark, the first without a line end at
    its end, runs b's first event onto a's last line after its mark. The line had been told to
    remove "a zero width no-break space (U+FEFF)" or type a space in its place, which still
    leaves two events on one line; it is told what joined them and how to part them, and the
    events of the other lines are decided."""
    a, b = b'{"id": "a"}', b'{"id": "b"}'
    data = BOM + b'{"id": "x"}\n' + a + BOM + b + b'\n{"id": "c"}\n'
    told = _told(data)
    assert [(code, line) for code, line, _ in told] == [("", 1), ("bad-json", 2), ("", 3)]
    assert told[1][2] == (
        "not valid JSON (at line 2, column 12): this line holds several events joined by a "
        "byte-order mark (the invisible character U+FEFF, which a file may start with), as "
        "`cat` joins files whose last line has no line end: put each event on a line of its "
        "own (join the files with a line end after each, for example `for f in *.jsonl; do cat "
        '"$f"; echo; done > all.jsonl`, or save them as UTF-8 without a byte-order mark) and '
        "send them again"
    )
    assert "joined by a byte-order mark" in _told(a + b" " + BOM + b"  " + b)[0][2]
    assert "joined by a byte-order mark" not in _told(a + BOM + b"x")[0][2]  # no event after


def test_pretty_printed_files_joined_after_their_byte_order_marks_are_each_decided() -> None:
    """``cat`` of files of pretty-printed objects, each saved with a mark: the second object
    had been told "a zero width no-break space (U+FEFF) ... remove it", and where a file did
    not end with a line end, the objects after it were left undecided with no word of them. A
    mark between objects starts the next file, read as the first's is."""
    one = BOM + b'{\n  "id": "a",\n  "type": "review"\n}'
    two = BOM + b'{\n  "id": "b",\n  "type": "review"\n}'
    for data in (one + b"\n" + two + b"\n" + one + b"\n", one + two + one, one + b"\n" + two + one):
        items = list(streams.read_events(io.BytesIO(data), "in"))
        assert [(item.error, item.value["id"]) for item in items] == [
            (None, "a"),
            (None, "b"),
            (None, "a"),
        ]


def _compressed_log() -> bytes:
    """A gzip file whose bytes hold hundreds of newlines (each a "line" of binary)."""
    import gzip
    import random

    data = gzip.compress(random.Random(17).randbytes(200_000), mtime=0)
    assert data.count(b"\n") > 500
    return data


@pytest.mark.parametrize("most", [1 << 16, 7])
@pytest.mark.parametrize("limit", [streams.MAX_EVENT_BYTES, LIMIT])
def test_compressed_input_is_one_error_record_and_a_pipe_of_it_is_read_to_its_end(
    most: int, limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its first "line" said it was compressed, then each further one was "the event is not
    valid UTF-8 text": hundreds of records for a small log, burying the one that says why
    (a first "line" over the size limit said only that). Down a pipe it is read to its end,
    so the program writing into it is not cut off."""
    monkeypatch.setattr(streams, "MAX_EVENT_BYTES", limit)
    pipe = io.BufferedReader(_Trickle(_compressed_log(), most))
    items = list(streams.read_events(pipe, "log.gz"))
    assert [(item.line, item.index, item.code) for item in items] == [(1, 0, "bad-encoding")]
    assert items[0].error is not None and items[0].error.startswith("the input is compressed")
    assert pipe.read() == b""


def test_a_compressed_pipe_is_told_before_its_first_newline_byte() -> None:
    """A gzip stream's first "line" ends wherever a newline byte happens to fall: a writer
    that had sent the first bytes of one and paused (``tail -f log.gz``) kept the record that
    says the input is compressed waiting for it. Its start tells, as soon as it is sent."""
    import gzip

    started = gzip.compress(b"x" * 1000, mtime=0)[:8]
    assert b"\n" not in started
    assert _read_before_waiting(started) == [(1, "bad-encoding")]


def test_a_compressed_pipe_that_never_ends_is_read_on_for_a_while_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`yes | gzip | backplan eval -o decided.jsonl -` had been read forever after its record
    (the pipe read to its end, so that its writer is not cut off), and the file never
    written: a pipe still sending is read on for COMPRESSED_READ_PAST_SECONDS, no more."""
    monkeypatch.setattr(streams, "COMPRESSED_READ_PAST_SECONDS", 0.2, raising=False)
    pipe = io.BufferedReader(EndlessGzip())
    items = list(streams.read_events(pipe, "<stdin>"))
    assert [(item.line, item.index, item.code) for item in items] == [(1, 0, "bad-encoding")]


def test_a_compressed_pipe_whose_writer_sends_nothing_more_is_left_in_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A writer that stops sending without closing the pipe (a compressed log followed as it
    grows, ``tail -f log.gz``, when it does not) had kept the read past waiting on it for as
    long as it lived: the time bound was looked at only after a read returned."""
    import gzip
    import os
    import threading

    monkeypatch.setattr(streams, "COMPRESSED_READ_PAST_SECONDS", 0.2)
    reading, writing = os.pipe()
    os.write(writing, gzip.compress(b"x" * 10_000, mtime=0) + b"\n")
    items: list[InputEvent] = []
    with open(reading, "rb") as pipe:
        reader = threading.Thread(target=lambda: items.extend(streams.read_events(pipe, "-")))
        reader.start()
        reader.join(timeout=5)
        left = not reader.is_alive()
        os.close(writing)  # (on the code before: the read past ends only now)
        reader.join()
    assert left
    assert [(item.line, item.code) for item in items] == [(1, "bad-encoding")]


def _told(data: bytes) -> list[tuple[str, int, str]]:
    """Each record's code, line and words (an event read: its code and words empty)."""
    return [(i.code, i.line, i.error or "") for i in streams.read_events(io.BytesIO(data), "in")]


COMPRESSED_WORDS = (
    "the input is compressed (gzip), so its lines are not events: decompress it on the way "
    "in, with `zcat` or `gunzip -c`"
)


def test_a_compressed_input_after_blank_lines_is_one_record_at_its_line() -> None:
    """A stream that cannot be peeked at (an app's own) is told at its first line that is
    not blank."""
    import gzip

    assert _told(b"\n\n" + gzip.compress(b'{"id": 1}\n')) == [("bad-encoding", 3, COMPRESSED_WORDS)]


def test_pretty_printed_objects_past_the_document_limit_are_one_record(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Objects one after another as `jq .` prints them are read whole, as a document is: past
    the limit, one record says so, not one per line."""
    monkeypatch.setattr(streams, "MAX_DOCUMENT_BYTES", 30)
    assert [(code, line) for code, line, _ in _told(b'{\n  "id": 1\n}\n' * 5)] == [("too-large", 1)]


@pytest.mark.parametrize("first", [b"[ oops\n", b"[1, }\n"])
def test_json_lines_after_a_broken_array_start_and_blank_lines_are_read(first: bytes) -> None:
    """A first line that cannot start an array, then blank lines: the next line, an event,
    tells JSON Lines, and is read at its own line."""
    told = _told(first + b'\n\n{"id": 1, "type": "order"}\n')
    assert [(code, line) for code, line, _ in told] == [("bad-json", 1), ("", 4)]


def test_an_object_past_the_document_limit_with_a_byte_not_utf_8_is_read_as_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A mistake before the limit (here a byte that is no UTF-8) is no document cut at the
    limit: the lines are read one by one, the byte told where it is."""
    monkeypatch.setattr(streams, "MAX_DOCUMENT_BYTES", 60)
    monkeypatch.setattr(streams, "READ_AHEAD_BYTES", 20)
    told = _told(b'{"id": 1,\n "x": "\xff",\n "y": [' + b"1,\n" * 30 + b"2]}\n")
    assert told[1] == (
        "bad-encoding",
        2,
        "the event is not valid UTF-8 text: it holds bytes of another encoding (such as "
        "Windows-1252) or binary data; save or send the events as UTF-8",
    )
    assert len(told) == 33


def test_a_line_alone_before_many_blank_lines_is_judged_by_the_text_after_them() -> None:
    """A NUL line (a crash's, at the top of a UTF-8 log) then more blank lines than are looked
    ahead at (64 KiB): read as UTF-8, the event after them at its own line."""
    told = _told(b"\0\n" + b"\n" * 70_000 + b'{"id": 1}\n')
    assert [(code, line) for code, line, _ in told] == [("bad-json", 1), ("", 70_002)]


def test_a_line_over_the_limit_holding_events_apart_by_carriage_returns_says_so() -> None:
    told = _told(b'{"id": 1}\n' + b'{"id": 2}\r' * 10 + b'\n{"id": 3}\n')
    from engine.inputevent import CR_LINES_HINT

    too_large = ("too-large", 2, f"the line is larger than 0 MiB: {CR_LINES_HINT}")  # 30 bytes
    assert told == [("", 1, ""), too_large, ("", 3, "")]


def test_a_line_over_1_mib_holding_events_apart_by_carriage_returns_says_1_mib(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At the real limit the words say the real size, 1 MiB, as the other records of a line
    too large do (found by mutation testing: the small limit above is 0 MiB in words)."""
    monkeypatch.setattr(streams, "MAX_EVENT_BYTES", 1 << 20)
    from engine.inputevent import CR_LINES_HINT

    many = b'{"id": 2}\r' * 120_000
    assert len(many) > streams.MAX_EVENT_BYTES
    told = _told(b'{"id": 1}\n' + many + b'\n{"id": 3}\n')
    too_large = ("too-large", 2, f"the line is larger than 1 MiB: {CR_LINES_HINT}")
    assert told == [("", 1, ""), too_large, ("", 3, "")]


def test_a_line_over_the_limit_holding_a_json_array_says_none_of_its_events_was_decided() -> None:
    # A year's export written on one line among a day's events was told "the event is larger
    # than 1 MiB", and nothing said that none of its events was decided (found by review).
    many = b"[" + b",".join([b'{"id": "e", "type": "review", "rating": 1}'] * 30_000) + b"]"
    assert len(many) > streams.MAX_EVENT_BYTES
    told = _told(b'{"id": 1}\n' + many + b'\n{"id": 3}\n')
    assert told == [
        ("", 1, ""),
        (
            "too-large",
            2,
            "the line is a JSON array larger than 1 MiB, so none of its events was decided: "
            "send them one a line (JSON Lines), as "
            """`jq -c 'if type == "array" then .[] else . end'` writes them""",
        ),
        ("", 3, ""),
    ]


@pytest.mark.skipif(shutil.which("jq") is None, reason="the record's command needs jq")
def test_the_jq_program_a_json_array_too_large_is_told_keeps_the_events_around_it() -> None:
    """The record of an array on one line among events one a line had said `jq -c '.[]'`,
    which wrote each of those events as its values, one a line, each then an error record,
    no event (found by review): the program it gives writes every event one a line."""
    import re
    import subprocess

    many = b"[" + b",".join([b'{"id": "e", "type": "review"}'] * 40_000) + b"]"
    data = b'{"id": "a", "type": "review"}\n' + many + b'\n{"id": "b", "type": "review"}\n'
    record = next(i.error for i in streams.read_events(io.BytesIO(data), "in") if i.error)
    program = re.search(r"`jq -c '(.*)'` writes them", record or "")
    assert program is not None
    written = subprocess.run(
        ["jq", "-c", program[1]], input=data, capture_output=True, check=True
    ).stdout
    read = list(streams.read_events(io.BytesIO(written), "in"))
    assert [i.error for i in read] == [None] * 40_002


def test_pretty_printed_files_joined_after_their_marks_go_on_after_a_broken_object() -> None:
    """``cat`` of files of pretty-printed objects, each saved with a byte-order mark, one
    object missing a quote (so its strings do not end where they should): reading goes on at
    the next file's object, found by its mark and ``{`` (at a line's start, or after a
    lone ``}`` where a file had no line end at its end). The objects after the broken one had
    been taken into its record, with no word of them, and on one line it was told it held
    events joined by a mark, not its own mistake."""
    one = BOM + b'{\n  "id": "a",\n  "type": "review"\n}'
    broken = BOM + b'{\n  "id": "b",\n  "type: "review"\n}'
    for data, lines in (
        (one + b"\n" + broken + b"\n" + one + b"\n", [1, 5, 9]),
        (one + broken + one, [1, 4, 7]),
    ):
        items = list(streams.read_events(io.BytesIO(data), "in"))
        assert [(item.code, item.line) for item in items] == [
            (code, line) for code, line in zip(["", "bad-json", ""], lines, strict=True)
        ]
        assert items[2].value["id"] == "a"
        assert "byte-order mark" not in (items[1].error or "")


def test_a_byte_order_mark_between_braces_in_a_string_is_no_join() -> None:
    """An event whose note holds ``}``, a byte-order mark and ``{`` (pasted from a file saved
    with a mark), refused for a mistake of its own, is told that mistake: it had been told it
    held several events joined by a mark, and to put each on a line of its own. A note with an
    escaped quote before the mark is a string all the same."""
    for note in (b"}" + BOM + b"{", b'\\"}' + BOM + b"{"):
        line = b'{"n": "' + note + b'" "i": 1}\n'
        [(code, _, words)] = _told(b'{"id": "x"}\n' + line)[1:]
        assert code == "bad-json"
        assert "byte-order mark" not in words
        assert "is a comma missing" in words
    joined = b'{"n": "\\""}' + BOM + b'{"id": "b"}\n'  # after a string: a join
    assert "joined by a byte-order mark" in _told(b'{"id": "x"}\n' + joined)[1][2]


@pytest.mark.parametrize(
    ("line", "named"),
    [
        (b'{"id": "big-1", "type": "review", "text": "', {"id": "big-1"}),
        (b'\xef\xbb\xbf {"id":-42,"type":"review","text":"', {"id": -42}),
        (b'{"type": "review", "id": "big-1", "text": "', None),  # not its first key: not read
        (b'{"id": "a\\x", "text": "', None),  # an escape JSON has not
        (b'{"id": ["a"], "text": "', None),
        (b'{"id": 12.5, "text": "', None),  # no id: it had been named 12, another event's
        (b'{"id": 1e3, "text": "', None),  # (it had been named 1)
        (b'{"id": 100000000000000000000000000, "text": "', None),  # beyond 64 bits: a float
        (b'{"id": 18446744073709551616, "text": "', None),
        (b'{"id": "", "text": "', None),  # an id is 1 to 200 characters
        (b'{"id": "' + b"a" * 201 + b'", "text": "', None),
        (b'{"id": 9223372036854775807, "text": "', {"id": 9223372036854775807}),
        (b'{"id": "a\\"b\\u00e9" , "text": "', {"id": 'a"b\u00e9'}),
    ],
)
def test_an_event_too_large_names_its_id_when_its_line_starts_with_it(
    line: bytes, named: Any
) -> None:
    """A line over the size limit is not read, but an id written first is in its first bytes:
    its record names it, as an event over another limit's does (it had said null)."""
    data = line + b"x" * (LIMIT * 3) + b'"}\n{"id": 2}\n'
    first, second = streams.read_events(io.BytesIO(data), "in")
    assert (first.code, first.part_of()) == ("too-large", named)
    assert second.value == {"id": 2}


_PRETTY_EVENT = {
    "type": "review",
    "occurred_at": "2026-12-01T10:00:00Z",
    "rating": 4,
    "order": {"items": [{"sku": "s0", "n": 0}, {"sku": "s1", "n": 1}]},
}


@settings(max_examples=150, deadline=None)
@given(
    shapes=st.lists(
        st.tuples(st.sampled_from(["", "  "]), st.one_of(st.none(), st.integers(1, 14))),
        min_size=1,
        max_size=8,
    )
)
def test_objects_one_after_another_cut_short_lose_no_other(
    shapes: list[tuple[str, int | None]],
) -> None:
    """Pretty-printed events one after another, each at the first column or indented, some
    cut short at a line's end (a writer stopped): every event has one answer, in order, each
    whole one decided. After an event cut at a member's comma the next one had been taken for
    a member of it, an indented one was never looked for, and one cut in its turn was read as
    part of the one before: each lost without a word (found by review: of 12,000 events, 916
    had no answer)."""
    events = [b'{\n  "id": "first",\n  "type": "review"\n}']
    expected: list[str | None] = ["first"]
    for number, (indent, cut) in enumerate(shapes):
        text = json.dumps({"id": f"e{number}", **_PRETTY_EVENT}, indent=2).encode()
        lines = [indent.encode() + line for line in text.splitlines()]
        whole = cut is None or cut >= len(lines)
        events.append(b"\n".join(lines if whole else lines[:cut]))
        expected.append(f"e{number}" if whole else None)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(streams, "MAX_EVENT_BYTES", 1 << 20)
        items = list(streams.read_events(io.BytesIO(b"\n".join(events) + b"\n"), "in"))
    said = [None if item.value is None else item.value["id"] for item in items]
    assert said == expected


@pytest.mark.parametrize(
    ("cut", "indent", "decided"),
    [
        (2, 4, True),
        (5, 4, True),
        (6, 4, True),
        (7, 4, True),  # `"items": [` at the 5th column: its items are past it
        (7, 6, False),  # no item yet: where they go past it is not known
        (6, 2, True),  # `"order": {` (at the 3rd column), the event at the column of its
        (7, 3, True),  # members; `"items": [`, the event between the cut one's members and it
        (11, 4, True),  # items at the 7th column, the event at the 5th: none of them
        (11, 6, False),  # at the items' column: one of them, as it would be
        (11, 8, True),
        (9, 6, True),  # cut inside an item: none of its members starts with `{`
        (15, 6, True),  # after the list's last item, no comma: no item may come
        (16, 6, True),  # after the list's `]`: what is open is an object
    ],
)
def test_an_object_indented_deeper_after_one_cut_short_is_read_when_no_member_can_hold_it(
    cut: int, indent: int, decided: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An event indented deeper than the members of the one cut short before it (4 spaces or
    more after one at the first column): where what is left open there is an object (cut after
    a member's comma, or inside `order`), the line can be no member of it, and it is read on
    its own; inside a list (`items`), it is taken as an item, as one would be, only at the
    column of the list's items (a pretty-printer puts them all at one), or past the line that
    opened the list where it has none yet, after its `[` or a comma: elsewhere, or after the
    list's last item (cut before its `]`), it had been taken as one too (in a document; in
    JSON Lines, where not at the list's line's column), and lost with the event cut short."""
    whole = json.dumps({"id": "cut", **_PRETTY_EVENT}, indent=2).splitlines()[:cut]
    deeper = [
        " " * indent + line
        for line in json.dumps({"id": "next", "type": "review"}, indent=2).splitlines()
    ]
    first = '{\n  "id": "first",\n  "type": "review"\n}'
    monkeypatch.setattr(streams, "MAX_EVENT_BYTES", 1 << 20)
    for before in (first, first.replace("\n", "").replace(" ", "")):  # a document; JSONL
        data = "\n".join([before, *whole, *deeper]) + "\n"
        items = list(streams.read_events(io.BytesIO(data.encode()), "in"))
        said = [None if item.value is None else item.value["id"] for item in items]
        if before == first:
            assert said == (["first", None, "next"] if decided else ["first", None])
        else:  # each line of an event cut over lines is a record, naming the lines to join
            joins = [re.search(r"join lines (\d+) (?:and|to) (\d+)", str(i.error)) for i in items]
            told = sorted({(int(m[1]), int(m[2])) for m in joins if m is not None})
            assert told == ([(2, cut + 1), (cut + 2, cut + 5)] if decided else [(2, cut + 5)])
            for size in (1, 40, 100):  # `--jobs`' pieces: as read whole
                _check_pieces(data.encode(), size)


@pytest.mark.parametrize("prefix", ["", "  ", "\t"])
def test_objects_with_members_not_indented_each_indented_whole_are_read_as_not_indented(
    prefix: str,
) -> None:
    """``indent=0``'s objects, each indented as a whole (``sed 's/^/  /'``): after one cut
    short, an object nested in it (at the column of its members) may be an item, so the rest is
    not decided, and the record says so, as at the first column. A blank before the members had
    been taken for indented members: an item of the cut event was decided as an event of its
    own; and the next object, looked for at the first column only, was never found: the rest
    was the cut one's record without a word of the events in it."""

    def lines(event_id: str) -> list[str]:
        event = {"id": event_id, "items": [{"sku": "s1"}, {"sku": "s2"}]}
        return json.dumps(event, indent=0).splitlines()

    data = "".join(f"{prefix}{line}\n" for line in [*lines("a"), *lines("b")[:9], *lines("c")])
    items = list(streams.read_events(io.BytesIO(data.encode()), "in"))
    assert [None if item.value is None else item.value.get("id") for item in items] == ["a", None]
    assert "the events after it cannot be told apart" in str(items[1].error)


_NESTED_EVENT = {
    "type": "review",
    "tags": ["t1", "t2"],
    "items": [{"sku": "s0", "n": 0}, {"sku": "s1", "n": 1}],
    "mix": ["a", {"x": 1}, {"y": [1, {"z": 2}]}],
    "lol": [[{"a": 1}], [], [{"b": 2}, "c"]],
    "order": {"lines": [{"q": [{"r": 1}]}], "none": [], "empty": {}},
    "rating": 4,
}


def _column(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _open_at_end(lines: list[str]) -> list[list[Any]]:
    """What is open after these lines of a pretty-printed JSON object cut short, innermost
    last: each bracket, the column of its list's first item when it started a line (else
    None), what comes next ("first", "key", "colon", "value", "after") and the column of the
    line that opened it. Written apart from engine.docstart, as the test's own reading."""
    stack: list[list[Any]] = []
    for line in lines:
        for number, token in enumerate(re.findall(r'"(?:[^"\\]|\\.)*"|[-\w.]+|[][{}:,]', line)):
            top = stack[-1] if stack else None
            if top is not None and top[0] == "[" and top[2] == "first" and token != "]":
                top[1] = _column(line) if number == 0 else None
            if token in ("{", "["):
                if top is not None:
                    top[2] = "after"
                stack.append([token, None, "first", _column(line)])
            elif token in ("}", "]"):
                stack.pop()
            elif top is not None and token == ":":
                top[2] = "value"
            elif top is not None and token == ",":
                top[2] = "key" if top[0] == "{" else "value"
            elif top is not None:
                top[2] = "colon" if top[0] == "{" and top[2] in ("first", "key") else "after"
    return stack


def _may_go_on(cut: list[str], column: int, past: int) -> bool:
    """Whether an object line at ``column`` may go on the lines of an event cut short, by the
    layout: past ``past`` (the cut event's members' column in a document, its first line's in
    JSON Lines), where a value may come (after a key's `:`, a list's `[` or a comma), and, in a
    list, at the column of its first item when that started a line of its own, or past the
    line that opened it when it has none on a line of its own yet. Only these next events are
    ambiguous: taken as an item, they are lost with the cut one, as one would be."""
    stack = _open_at_end(cut)
    if column <= past or not stack or stack[-1][2] not in ("value", "first"):
        return False
    bracket, first_item, _, opened_at = stack[-1]
    if bracket == "{":
        return stack[-1][2] == "value"
    return column > opened_at if first_item is None else column == first_item


@settings(max_examples=200, deadline=None)
@given(
    layout=st.sampled_from([2, 4, "\t"]),
    end=st.sampled_from(["\n", "\r\n"]),
    shapes=st.lists(
        st.tuples(st.integers(0, 12), st.one_of(st.none(), st.integers(1, 60))),
        min_size=1,
        max_size=6,
    ),
)
def test_pretty_events_cut_short_at_any_column_lose_no_event_that_cannot_go_on_the_cut_one(
    layout: int | str, end: str, shapes: list[tuple[int, int | None]]
) -> None:
    """Pretty-printed events (2 or 4 spaces, tabs), each indented by its own amount, some cut
    short at a line's end, with lists of objects, of strings then objects, of lists, empty ones:
    as a document, every whole event is decided unless it may go on the event cut short before
    it (:func:`_may_go_on`), none twice, none that is not an event, in order; in JSON Lines
    (after a whole one-line event), each such event is its own lines to join, and --jobs'
    pieces answer as the whole input does."""
    events: list[tuple[str, list[str], bool]] = []
    for number, (indent, cut) in enumerate(shapes):
        text = json.dumps({"id": f"e{number}", **_NESTED_EVENT}, indent=layout)
        prefix = "\t" * (indent // 3) if layout == "\t" else " " * indent
        lines = [prefix + line for line in text.splitlines()]
        whole = cut is None or cut >= len(lines)
        events.append((f"e{number}", lines if whole else lines[:cut], whole))
    first = json.dumps({"id": "first", "type": "review"}, indent=layout)
    for document in (True, False):
        head = first if document else first.replace("\n", "").replace(" ", "").replace("\t", "")
        told_apart, spans, number = [], [], head.count("\n") + 2
        cut: list[str] | None = None  # the lines the next event may go on
        for event_id, lines, whole in events:
            past = _column(cut[0]) if cut else 0
            if cut and document and len(cut) > 1:
                past = max(past, _column(cut[1]))
            if cut is not None and _may_go_on(cut, _column(lines[0]), past):
                cut += lines
            else:
                cut = None if whole else lines
                if whole:
                    told_apart.append(event_id)
                    spans.append((number, number + len(lines) - 1))
            number += len(lines)
        data = (
            end.join([head, *(line for _, lines, _ in events for line in lines)]) + end
        ).encode()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(streams, "MAX_EVENT_BYTES", 1 << 20)
            items = list(streams.read_events(io.BytesIO(data), "in"))
            if document:
                said = [item.value.get("id") for item in items if item.value is not None]
                assert said[0] == "first"
                ids = [event_id for event_id, _, whole in events if whole]
                assert all(event_id in said for event_id in told_apart)
                assert said[1:] == [event_id for event_id in ids if event_id in said]
            else:
                joins = [
                    re.search(r"join lines (\d+) (?:and|to) (\d+)", str(i.error)) for i in items
                ]
                told = {(int(m[1]), int(m[2])) for m in joins if m is not None}
                assert set(spans) <= told
                for size in (1, 200):
                    _check_pieces(data, size)
