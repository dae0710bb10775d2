"""A valid JSON array is read a batch of elements at a time, with the events reading it whole gave.

``engine.jsondocs.document_events`` parsed an array whole (every event at once: 330 MB of memory
for an array of 32 MiB); it now parses one batch of elements at a time once the array is known
to be valid (:func:`engine.jsondocs.array_batches`). The whole-document reader it replaced is
kept here as the reference the batched one is held to.
"""

from __future__ import annotations

import io
import json
import re
import weakref
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import jsondocs
from engine.cli import cli
from engine.inputevent import InputEvent
from engine.jsondocs import document_events
from engine.streams import read_events
from tests.cli.test_eval_cli import PLAN
from tests.conftest import records_said, write_plan


def whole_document_events(raw: bytes, source: str, line: int) -> list[InputEvent]:
    """The reader before batches, the reference: what ``document_events`` does with an array it
    finds no batches for, which is to parse it whole."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jsondocs, "array_batches", lambda raw, size=None: None, raising=False)
        return list(document_events(raw, source, line))


def seen(events: Iterable[InputEvent]) -> list[tuple[Any, ...]]:
    """What a user sees of each event: its fields, and the line an error record names (one
    about what the event holds, such as a missing id, is made from it later)."""
    return [(e.source, e.line, e.index, e.value, e.error, e.code, e.start_line()) for e in events]


_TEXT = st.text(alphabet='ab,[]{}"\\:\n é\u2028', max_size=8)
_EVENT = st.fixed_dictionaries(
    {"id": st.text(alphabet="abc", min_size=1, max_size=3), "type": st.just("review")},
    optional={"rating": st.integers(-3, 7), "text": _TEXT, "tags": st.lists(_TEXT, max_size=3)},
)
_NOT_AN_EVENT = st.one_of(
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    _TEXT,
    st.none(),
    st.booleans(),
    st.lists(st.integers(), max_size=3),
    st.fixed_dictionaries({"type": st.just("review")}),  # no id
    st.just({"id": "x" * 5000, "type": "review"}),  # over a field limit
)
_ELEMENT = st.one_of(_EVENT, _NOT_AN_EVENT)
_DAMAGE = st.one_of(
    st.just(b""),  # a valid array: about half of the examples
    st.just(b","),  # a comma too many: between two batches, the one mistake they cannot see
    st.sampled_from([b",", b"]", b"[", b"{", b"}", b'"', b"x", b" ", b"\n", b"NaN", b"\xff"]),
)
_MARKS = re.compile(rb"[][{},]")


def _array_bytes(elements: list[Any], indent: bool, cut: int, damage: bytes) -> bytes:
    """The array as JSON; with ``damage``, a mistake put in at a place that ``cut`` picks (odd:
    just after one of the array's commas or brackets, or one past, where a batch may start or end; even:
    anywhere), or the array cut short there when the damage is a blank."""
    raw = json.dumps(elements, indent=2 if indent else None, ensure_ascii=False).encode()
    if damage:
        marks = [mark.end() + blank for mark in _MARKS.finditer(raw) for blank in (0, 1)]
        at = marks[cut // 2 % len(marks)] if cut % 2 else cut // 2 % (len(raw) + 1)
        raw = raw[:at] + damage + raw[at:] if damage != b" " else raw[:at]
    return raw


@settings(max_examples=500, deadline=None)
@given(
    elements=st.lists(_ELEMENT, max_size=12),
    indent=st.booleans(),
    cut=st.integers(0, 10_000),
    damage=st.one_of(st.just(b""), _DAMAGE),
    size=st.integers(1, 24),
)
def test_batched_reading_gives_what_reading_whole_gave(
    elements: list[Any], indent: bool, cut: int, damage: bytes, size: int
) -> None:
    raw = _array_bytes(elements, indent, cut, damage)
    with pytest.MonkeyPatch.context() as patch:  # batches of a few elements each
        patch.setattr(jsondocs, "BATCH_BYTES", size, raising=False)
        batched = seen(document_events(raw, "in", 3))
    assert batched == seen(whole_document_events(raw, "in", 3))


def test_a_valid_array_is_cut_into_batches_at_its_own_commas() -> None:
    # Brackets in strings mislead counting them: the array's shape (its strings) tells then.
    from engine.jsondocs import array_batches

    raw = b'[{"a": "x,]}"}, [1, {"b": [2, 3]}], "[", 4]'
    batches = array_batches(raw, 1)
    assert batches is not None
    assert [raw[start:end].strip() for start, end, _ in batches] == [
        b'{"a": "x,]}"}',
        b'[1, {"b": [2, 3]}]',
        b'"["',
        b"4",
    ]
    assert [count for _, _, count in batches] == [1, 1, 1, 1]  # each batch's elements, counted
    two_by_two = array_batches(b"[1, 2, 3, 4, 5]", 4)
    assert two_by_two is not None
    assert [count for _, _, count in two_by_two] == [2, 2, 1]
    assert array_batches(b"[]", 1) == [(1, 1, 0)]
    for broken in (b"[1,,2]", b"[1,2,]", b"[1 2]", b"[1}", b"[{}}]", b"[1]x", b'["a', b"[1"):
        assert array_batches(broken, 1) is None, broken


def test_one_large_element_does_not_send_the_array_to_the_slower_walk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Counting brackets gives up only when a cut is far away: eight batches, and at least
    # 8 MiB, so a valid element of a few MiB among small ones is still cut by counting.
    walks: list[int] = []
    by_shape = jsondocs._split_by_shape

    def counting(raw: bytes, at: int, close: int, size: int) -> Any:
        walks.append(size)
        return by_shape(raw, at, close, size)

    monkeypatch.setattr(jsondocs, "_split_by_shape", counting)
    small = b",".join(json.dumps({"id": f"e{n}", "type": "review"}).encode() for n in range(99))
    large = json.dumps({"id": "big", "t": ["x" * 1000] * 3000}).encode()  # about 3 MB
    raw = b"[" + small + b"," + large + b"," + small + b"]"
    batches = jsondocs.array_batches(raw)
    assert batches is not None
    assert sum(count for _, _, count in batches) == 199
    assert walks == []


class _Tracked(list):  # type: ignore[type-arg]
    """A parsed array whose elements are counted while it lives."""


def _count_parsed(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count the elements of parsed arrays still held (``live``) and the most ever held."""
    counts = {"live": 0, "most": 0}
    loads = orjson.loads

    def forget(size: int) -> None:
        counts["live"] -= size

    def counting(raw: Any) -> Any:
        value = loads(raw)
        if isinstance(value, list):
            value = _Tracked(value)
            counts["live"] += len(value)
            counts["most"] = max(counts["most"], counts["live"])
            weakref.finalize(value, forget, len(value))
        return value

    monkeypatch.setattr(orjson, "loads", counting)
    return counts


@pytest.mark.parametrize("indent", [None, 1], ids=["one-line", "pretty"])
def test_a_large_array_is_not_held_whole(indent: int | None, monkeypatch: Any) -> None:
    events = [
        {"id": f"e{i}", "type": "review", "rating": i % 5, "text": "x" * 300} for i in range(4000)
    ]
    raw = json.dumps(events, indent=indent).encode() + b"\n"  # over 1 MiB: the first line's chunk
    monkeypatch.setattr(jsondocs, "BATCH_BYTES", 16 << 10, raising=False)
    counts = _count_parsed(monkeypatch)
    most_held = 0
    read = 0
    for event in read_events(io.BytesIO(raw), "in"):
        assert event.error is None and event.value["id"] == f"e{read}"
        read += 1
        most_held = max(most_held, counts["live"])
    assert read == len(events)
    assert most_held < 200, most_held  # a batch of 16 KiB holds about 50 events, not all 4000
    assert counts["most"] < 200, counts["most"]


@pytest.mark.parametrize("end", [b"\n", b""], ids=["newline", "no-final-newline"])
def test_a_one_line_arrays_batches_are_found_once(end: bytes, monkeypatch: Any) -> None:
    """The first line's reader finds a valid array's batches and hands them on; an array with
    no line end after it (``orjson.dumps`` to a file) had them found again by the document
    reader, which parses every batch once more to be sure of them."""
    import engine.streams

    events = [{"id": f"e{i}", "type": "review", "text": "x" * 300} for i in range(4000)]
    raw = json.dumps(events).encode() + end  # over 1 MiB: longer than the first line's chunk
    found = []
    batches = jsondocs.array_batches

    def counting(raw: bytes, size: int | None = None) -> Any:
        found.append(len(raw))
        return batches(raw, size)

    monkeypatch.setattr(jsondocs, "array_batches", counting)
    monkeypatch.setattr(engine.streams, "array_batches", counting)
    read = [event.value["id"] for event in read_events(io.BytesIO(raw), "in")]
    assert read == [f"e{i}" for i in range(4000)]
    assert len(found) == 1


def test_the_usual_elements_of_an_array_are_not_walked(monkeypatch: Any) -> None:
    """Each element's limits are told by its JSON written back; only an element over a limit
    (or one too long for that to tell) is walked, and it still gets its record."""
    from engine import limits

    walked = []
    walk = limits._within_limits

    def counting(value: Any) -> bool:
        walked.append(value)
        return walk(value)

    monkeypatch.setattr(limits, "_within_limits", counting)
    deep = {"id": "deep", "type": "review", "d": json.loads("[" * 70 + "]" * 70)}
    events = [{"id": f"e{i}", "type": "review", "rating": 1} for i in range(50)]
    raw = json.dumps([*events[:25], deep, *events[25:]]).encode()
    read = list(read_events(io.BytesIO(raw), "in"))
    assert [e.value["id"] for e in read if e.error is None] == [e["id"] for e in events]
    assert [(e.index, e.code) for e in read if e.error is not None] == [(25, "too-deep")]
    assert walked == [deep]


def test_a_one_line_array_without_carriage_returns_is_not_translated(monkeypatch: Any) -> None:
    """Its first line, the whole array, is not JSON Lines: whether it holds lines that end with
    a carriage return alone is told without translating its 40 MB (a tenth of eval's time)."""
    from engine import lineends

    translated = []
    translate = lineends._translated
    monkeypatch.setattr(
        lineends, "_translated", lambda data: translated.append(data) or translate(data)
    )
    events = [{"id": f"e{i}", "type": "review", "text": "x" * 300} for i in range(4000)]
    raw = json.dumps(events).encode()  # over 1 MiB: longer than the first line's chunk
    read = [event.value["id"] for event in read_events(io.BytesIO(raw), "in")]
    assert read == [f"e{i}" for i in range(4000)]
    assert translated == []


def _eval(tmp_path: Path, data: bytes) -> list[dict[str, Any]]:
    plan = write_plan(tmp_path, PLAN)
    events = tmp_path / "events.json"
    events.write_bytes(data)
    result = CliRunner().invoke(cli, ["eval", "--plan", str(plan), str(events)])
    assert result.exit_code == 1, result.output
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.stderr == records_said(events, sum("error" in a for a in answers))
    return answers


def _pretty(count: int) -> bytes:
    events = [{"id": f"e{i}", "type": "review", "rating": 1} for i in range(count)]
    return json.dumps(events, indent=2).encode()


def test_eval_of_an_array_cut_short_decides_the_elements_before(tmp_path: Path) -> None:
    data = _pretty(3)
    cut = data[: data.rindex(b"{")] + b"{\n"  # the last element cut short, and no `]`
    out = _eval(tmp_path, cut)
    assert [o["event_id"] for o in out] == ["e0", "e1", None]
    assert "error" not in out[0] and "error" not in out[1]
    assert out[2]["error"] == {
        "code": "bad-json",
        "index": 2,
        "line": 12,
        "message": "not valid JSON: the event ends too early (at line 12, column 4); the `{` at "
        "line 12, column 3 is never closed: add `}` where its object ends; the events after it "
        "cannot be told apart, so they are not decided: correct this one and send them again",
        "source": str(tmp_path / "events.json"),
    }


def test_eval_of_an_array_with_a_comma_missing_between_elements(tmp_path: Path) -> None:
    data = _pretty(3).replace(b'},\n  {\n    "id": "e2"', b'}\n  {\n    "id": "e2"')
    out = _eval(tmp_path, data)
    assert [o["event_id"] for o in out] == ["e0", None, "e2"]
    assert out[1]["error"]["code"] == "bad-json"
    assert out[1]["error"]["line"] == 7
    assert out[1]["error"]["message"] == (
        "not valid JSON: a comma is missing after this event (the next starts at line 12, column 3)"
    )


def test_eval_of_a_valid_array_in_batches_names_each_element_line(
    tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setattr(jsondocs, "BATCH_BYTES", 64, raising=False)
    events: list[Any] = [{"id": f"e{i}", "type": "review", "rating": 1} for i in range(6)]
    events[4] = {"type": "review"}  # no id: an error record, in its batch
    out = _eval(tmp_path, json.dumps(events, indent=2).encode())
    assert [o["event_id"] for o in out] == ["e0", "e1", "e2", "e3", None, "e5"]
    assert out[4]["error"]["index"] == 4
    assert out[4]["error"]["line"] == 22


def test_an_array_over_lines_past_the_document_limit_is_one_record(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Read whole (its start past what is read ahead), an array one byte over the limit is one
    too-large record, not events cut off where the limit fell."""
    from engine import streams

    monkeypatch.setattr(streams, "READ_AHEAD_BYTES", 20)
    monkeypatch.setattr(streams, "MAX_DOCUMENT_BYTES", 100)
    monkeypatch.setattr(jsondocs, "MAX_DOCUMENT_BYTES", 100)
    data = b"[\n" + b'{"id": 1},\n' * 20 + b'{"id": 2}\n]\n'
    assert [(e.code, e.line) for e in read_events(io.BytesIO(data), "in")] == [("too-large", 1)]


@pytest.mark.parametrize("value", [{"id": 1, "type": "order"}, "text", 3])
def test_a_document_that_is_no_array_is_its_one_value(value: Any) -> None:
    [event] = document_events(orjson.dumps(value), "in", 4)
    assert (event.value, event.line, event.index, event.error) == (value, 4, 0, None)


def test_an_array_whose_one_large_element_misleads_the_count_is_cut_by_its_shape(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past the bytes it looks through, the cut by counts gives up (one element larger than
    all of them, or a string full of commas); the cut by the array's shape then finds the
    same elements, each batch whole."""
    monkeypatch.setattr(jsondocs, "_GIVE_UP_BYTES", 16)
    large = orjson.dumps({"id": "big", "n": list(range(60)), "t": "],[" * 20})
    items = [{"id": 1}] * 3 + [orjson.loads(large)] + [{"id": 2}] * 3
    raw = orjson.dumps(items)
    batches = jsondocs.array_batches(raw, 8)
    assert batches is not None
    read = [orjson.loads(b"[" + raw[start:end] + b"]") for start, end, _ in batches]
    assert [item for batch in read for item in batch] == items


def test_a_broken_pretty_printed_object_with_text_after_it_loses_not_the_next() -> None:
    """`} junk` after an object with a mistake: one record for both, and the object after
    them is read at its own line."""
    data = b'{\n  "id": 1,\n  "x": tru\n} junk\n{\n  "id": 2\n}\n'
    assert [(e.code, e.line, e.error) for e in read_events(io.BytesIO(data), "in")] == [
        (
            "bad-json",
            1,
            "not valid JSON: a word JSON does not know (at line 3, column 8); true, false and "
            "null are written in full, in small letters",
        ),
        ("", 5, None),
    ]


@pytest.mark.parametrize("last", [True, False], ids=["last", "then-another"])
def test_an_element_too_deep_for_the_standard_library_is_named_at_its_own_line(
    last: bool,
) -> None:
    """An element nested past the standard library's recursion limit (orjson reads 1,024
    levels): finding where the elements start falls back on the array's shape. When that
    element is the last, the walk had already noted every element's line, so the lines found
    are kept (the shape's are no more); either way each record names its element's line."""
    deep = b"[" * 1020 + b"]" * 1020  # (past any recursion limit Python starts with)
    after = b"" if last else b',\n{"id": 3, "type": "review"}'
    data = b'[{"id": 1, "type": "review"},\n' + deep + after + b"\n]\n"
    items = list(read_events(io.BytesIO(data), "in.json"))
    assert [(item.index, item.start_line(), item.code) for item in items] == [
        (0, 1, ""),
        (1, 2, "too-deep"),
        *([] if last else [(2, 3, "")]),
    ]
    assert jsondocs._element_lines(data, 1) == ([1, 2] if last else [1, 2, 3])
