"""engine.read_event: one event's JSON text read as `backplan eval` reads a line."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import engine
from engine import EventError, load_plan, read_event
from engine.streams import MAX_EVENT_BYTES, line_events, read_events

PLAN = load_plan()


def eval_reads(raw: bytes) -> tuple[str, Any]:
    """What eval makes of one line: ("value", the value) or ("error", its code and words,
    with the line of the whole input left out)."""
    [read] = line_events(iter([raw + b"\n"]), "<stdin>", 1, 0)
    if read.error is None:
        return "value", read.value
    return "error", (read.code, re.sub(r"at line \d+, ", "at ", read.error))


def read(raw: bytes) -> tuple[str, Any]:
    """What read_event makes of the same line, its line end kept (as a file's lines are)."""
    try:
        return "value", read_event(raw + b"\n")
    except EventError as error:
        return "error", (error.code, re.sub(r"at line \d+, ", "at ", error.message))


LINES = [
    b'{"id": "a", "type": "review", "rating": 1}',
    b'{"id": "a", "type": "review", "rating": NaN}',
    b'{"id": "a", "type": "review", "n": -Infinity}',
    b'{"id": "a", "type": "review", "n": 1e400}',
    b'{"id": "a", "type": "review", "n": 18446744073709551616}',
    b'{"id": "a", "type": "review", "text": "\\ud800"}',
    b'{"id": "caf\xe9", "type": "review"}',
    b"\xef\xbb\xbf" + b'{"id": "a", "type": "review"}',  # a byte-order mark: allowed
    b'{"id": "a" "type": "review"}',
    b"[" * 5000 + b"]" * 5000,
    b'{"t": "' + b"x" * 100_001 + b'"}',
    b'{"t": "' + b"x" * MAX_EVENT_BYTES + b'"}',
    b'{"id": "a", "type": "review"}'.ljust(MAX_EVENT_BYTES),  # the largest event there is
    b'{"id": "a", "type": "review"}'.ljust(MAX_EVENT_BYTES + 1),  # one byte more: too large
    b" " * (MAX_EVENT_BYTES + 1),  # blank, but too large: eval judges the size first
    b'{"k": [' + b"{}," * 20_000 + b"{}]}",
    b'"text"',
    b"[1, 2]",
    b"not json",
]


@pytest.mark.parametrize("raw", LINES, ids=range(len(LINES)))
def test_a_line_is_read_as_eval_reads_it(raw: bytes) -> None:
    assert read(raw) == eval_reads(raw)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=60) | st.from_regex(rb'\{"[a-z]{1,3}": [-0-9.eENaInfity"\\u]{1,12}\}'))
def test_any_bytes_are_read_as_eval_reads_them(raw: bytes) -> None:
    raw = raw.replace(b"\n", b" ").replace(b"\r", b" ")  # one line
    if not raw.strip() or raw.strip() == b"\xef\xbb\xbf":
        return  # eval skips a blank line: it is no event
    assert read(raw) == eval_reads(raw)


def test_text_and_a_line_end_are_read_as_bytes() -> None:
    line = '{"id": "é", "type": "review"}'
    assert read_event(line) == read_event(line.encode() + b"\r\n") == {"id": "é", "type": "review"}
    assert read_event(memoryview(line.encode())) == read_event(bytearray(line.encode()))


def test_text_holding_half_a_character_is_bad_encoding() -> None:
    with pytest.raises(EventError) as refused:
        read_event('{"id": "\ud800", "type": "review"}')
    assert refused.value.code == "bad-encoding"
    assert (str(refused.value), refused.value.pointer) == (
        "the event holds half a character (a lone surrogate)",
        "",  # the whole event's pointer: no field of it was read
    )


def test_what_is_no_json_text_is_a_type_error() -> None:
    """The words in full: a mutant that dropped the ``not`` before the class passed."""
    with pytest.raises(TypeError) as refused:
        read_event({"id": "a"})  # type: ignore[arg-type]
    said = "read_event takes an event's JSON text (str or bytes), not dict"
    assert str(refused.value) == said


def test_it_is_exported() -> None:
    assert "read_event" in engine.__all__ and engine.read_event is read_event


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (b'{"id": "a", "type": "review"}', "found bytes: parse JSON text first"),
        ('{"id": "a", "type": "review"}', "found text that holds one (encoded twice, or not"),
        ('  {"id": "a"', "found text that holds one"),
        ("review", "found text"),
    ],
)
def test_json_text_given_to_evaluate_is_told_to_parse_it(given: Any, said: str) -> None:
    # "an event must be a JSON object, found text" read as a contradiction to a caller who
    # had passed an object, as JSON text.
    with pytest.raises(EventError) as refused:
        PLAN.evaluate(given)
    assert refused.value.code == "not-an-object"
    assert refused.value.message.startswith(f"an event must be a JSON object, {said}")


@pytest.mark.parametrize(
    "given", [b'{"id": "a", "type": "review"}', '{"id": "a", "type": "review"}']
)
def test_what_the_message_says_to_do_decides_it(given: str | bytes) -> None:
    assert PLAN.evaluate(read_event(given)).event_id == "a"


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (
            b"{'id': 'e1', 'type': 'review'}",
            "JSON writes texts and keys in double quotes (\"), not single quotes (')",
        ),
        (
            "{\u201cid\u201d: \u201ce2\u201d}".encode(),
            '`\u201c` is a typographic quote: JSON needs straight double quotes (")',
        ),
        (
            b'{"id": "e3", "rating": 1,5}',
            "JSON writes a decimal with a point (1.5): a comma separates values",
        ),
        (b'{"id": "e4", "public": True}', "JSON writes true, false and null in small letters"),
        (b'{"id": "e5", "x": None}', "JSON writes true, false and null in small letters"),
        (b'{id: "e6", "type": "review"}', 'a key is written in double quotes: "id"'),
        (
            b'{"id": "e7", customer.tier: "gold"}',
            'a key is written in double quotes: "customer.tier"',
        ),
        (b'{"id": "e8", "type": "review",}', "remove it"),  # (the trailing comma: no slip)
        (  # a number on the next line: no decimal comma
            b'{"id": "e9", "n": 1,\n5}',
            'write the key in double quotes, followed by `:` and its value ("id": 1)',
        ),
    ],
)
def test_json_written_by_hand_or_from_python_is_told_its_slip(line: bytes, said: str) -> None:
    # Each was only "unexpected character, expected a string key (at line 1, column 2)".
    with pytest.raises(EventError) as refused:
        read_event(line + b"\n")
    assert refused.value.code == "bad-json"
    message = refused.value.message
    assert message.endswith(f"; {said}") if said else message.endswith(")"), message


@pytest.mark.parametrize("text", ["", "  \n", b"\xef\xbb\xbf"])
def test_text_that_holds_nothing_is_said_to(text: str | bytes) -> None:
    # It was orjson's "Input is a zero-length, empty document".
    with pytest.raises(EventError) as refused:
        read_event(text)
    assert (refused.value.code, refused.value.message) == (
        "bad-json",
        "the text is empty: it holds no event",
    )


@pytest.mark.parametrize("opened", [300, 500, 1100])
def test_hundreds_of_brackets_left_open_are_too_deep_not_out_of_memory(opened: int) -> None:
    """orjson says "failed to allocate memory" of 300 to about 2,000 `[` left open, with a
    column that means nothing: it had been passed on as the reason (found by review)."""
    from engine.inputevent import parse_json

    value, message, code = parse_json(b'{"id": "x", "deep": ' + b"[" * opened + b"\n")
    assert (value, message, code) == (None, "the event nests deeper than 64 levels", "too-deep")
    line = b'{"id": "x", "type": "review", "deep": ' + b"[" * opened + b"\n"
    [item] = read_events(io.BytesIO(line), "in")
    assert "memory" not in str(item.error)
    assert item.code == "too-deep" or "brackets are never closed" in str(item.error)


@pytest.mark.parametrize("line", ["3", 3.0, 0, -1, True, None])
@pytest.mark.parametrize("text", [b'{"id": "e", "type": "review"}', b'{"id": "e",'])
def test_a_line_that_is_no_line_number_is_a_type_error_whatever_the_text(
    line: Any, text: bytes
) -> None:
    """``line="3"`` raised a TypeError from deep in the message's wording, and only when the
    JSON was bad: a mistake in the call is said at once, in words, for any text."""
    with pytest.raises(TypeError) as refused:
        read_event(text, line=line)
    said = f"read_event's line is a line number (an int from 1), not {line!r}"
    assert str(refused.value) == said


def test_a_compressed_event_is_told_to_be_decompressed() -> None:
    """An app handing on a gzip body as it came (no `Content-Encoding` undone) is told what it
    is and what to do, as eval tells a compressed input."""
    import gzip

    with pytest.raises(EventError) as refused:
        read_event(gzip.compress(b'{"id": "e", "type": "order"}'))
    assert (refused.value.code, refused.value.message) == (
        "bad-encoding",
        "the input is compressed (gzip), so its lines are not events: decompress it on the way "
        "in, with `zcat` or `gunzip -c`",
    )


BOM = b"\xef\xbb\xbf"


def test_the_first_line_of_a_file_is_read_as_eval_reads_it_after_the_files_own_mark() -> None:
    """Line 1 of a file may hold the file's byte-order mark and then the line's own (files
    joined with `cat`, the first an export holding only its mark): eval decides it, and so
    does the loop of docs/semantics.md, given ``line=1``. read_event had stripped one mark
    only, and refused the event as "not valid UTF-8 text" (found by review)."""
    event = b'{"id": "a", "type": "review"}\n'
    [first] = read_events(io.BytesIO(BOM + BOM + event), "in")
    assert first.value == read_event(BOM + BOM + event, line=1) == {"id": "a", "type": "review"}
    # on any later line the file's mark is behind: one mark is the line's, a second is extra
    [_, second] = read_events(io.BytesIO(event + BOM + BOM + event), "in")
    with pytest.raises(EventError) as refused:
        read_event(BOM + BOM + event, line=2)
    assert (refused.value.code, refused.value.message) == (second.code, second.error)


def test_a_mark_too_many_is_said_to_be_one_not_bad_utf8() -> None:
    """Three byte-order marks are valid UTF-8: the message had said the event was not, and a
    manager who checked the file's encoding found nothing wrong (found by review)."""
    with pytest.raises(EventError) as refused:
        read_event(BOM * 3 + b'{"id": "a", "type": "review"}')
    assert refused.value.code == "bad-encoding"
    assert refused.value.message == (
        "the event starts with more than one byte-order mark (the invisible character U+FEFF, "
        "which a file may start with once; files joined with `cat` can stack them): remove the "
        "extra ones, or save the files as UTF-8 without a byte-order mark"
    )


def test_an_array_after_two_byte_order_marks_is_read_as_one_after_one() -> None:
    """Files joined with `cat`, the first an export holding only its mark: the array had been
    read as one line of JSON Lines, and refused as "an event must be a JSON object, found a
    list" (found by review), where JSON Lines after two marks is read. Three are one too
    many, as in JSON Lines."""
    array = b'[{"id": 1}, {"id": 2}]\n'
    for data in (BOM + BOM + array, BOM + BOM + b"[\n" + array[1:-2] + b"\n]\n"):
        assert [e.value for e in read_events(io.BytesIO(data), "in")] == [
            {"id": 1},
            {"id": 2},
        ]
    [refused] = read_events(io.BytesIO(BOM * 3 + array), "in")
    assert refused.code == "bad-encoding"


def test_an_array_below_two_byte_order_marks_alone_on_line_1_is_read_as_below_one() -> None:
    """Its events had been refused whole, "an event must be a JSON object, found a list"
    (found by review); JSON Lines below them is read as it was, and three marks are one too
    many."""
    array = b'[{"id": 1}, {"id": 2}]\n'
    for marks in (BOM, BOM + BOM, BOM + BOM + b"  "):
        read = read_events(io.BytesIO(marks + b"\n" + array), "in")
        assert [(e.value, e.line) for e in read] == [({"id": 1}, 2), ({"id": 2}, 2)]
    lines = b'{"id": 1}\n{"id": 2}\n'
    read = read_events(io.BytesIO(BOM + BOM + b"\n" + lines), "in")
    assert [(e.value, e.line) for e in read] == [({"id": 1}, 2), ({"id": 2}, 3)]
    refused = next(read_events(io.BytesIO(BOM * 3 + b"\n" + array), "in"))
    assert (refused.code, refused.line) == ("bad-encoding", 1)
