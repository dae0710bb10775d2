"""A key an event's JSON writes twice with different values is an error record, never decided
on its last value: every reader of event text (JSON Lines, a JSON array, objects one after
another, ``read_event``), the usual line's quick check and the exact reading agree."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import EventError, read_event
from engine.cli import cli
from engine.inputevent import InputEvent
from engine.limits import SHORT_TEXT_BYTES, short_text_marks
from engine.repeatedkeys import SHOWN_CHARS, key_lines, keys_vouched_for, repeats
from engine.streams import line_events, read_events
from tests.conftest import REPO


@pytest.fixture
def plan_path() -> Path:
    """The starter plan."""
    return REPO / "rules"


def _eval(plan_path: Path, data: bytes, *options: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(cli, ["eval", "--plan", str(plan_path), *options], input=data)
    return [orjson.loads(line) for line in result.stdout_bytes.splitlines()]


def _line(raw: bytes) -> InputEvent:
    [read] = line_events(iter([raw + b"\n"]), "in.jsonl", 4, 0)
    return read


def test_an_amount_written_twice_is_an_error_record_and_the_others_are_decided(
    plan_path: Path,
) -> None:
    """The known gap: `amount` twice was decided on 1000, the last, without a word."""
    data = (
        b'{"id": "a", "type": "review", "rating": 1}\n'
        b'{"id": "b", "type": "late_order", "amount": 10, "amount": 1000}\n'
        b'{"id": "c", "type": "review", "rating": 2}\n'
    )
    records = _eval(plan_path, data)
    assert [record.get("event_id") for record in records] == ["a", "b", "c"]
    assert "error" not in records[0] and "error" not in records[2]
    error = records[1]["error"]
    assert (error["code"], error["line"]) == ("repeated-key", 2)
    assert error["message"] == (
        "the field `amount` is written twice in the event at line 2, with different values: "
        "10, then 1000; JSON keeps only the last, so the event would have been decided on "
        "1000 without a word: write `amount` once, with the value meant, and send the event "
        "again"
    )


def test_a_key_of_an_object_inside_the_event_is_held_to_it_too() -> None:
    read = _line(b'{"id": "b", "type": "review", "customer": {"tier": "gold", "tier": "bronze"}}')
    assert read.code == "repeated-key"
    assert "`customer.tier` is written twice in the event at line 4" in str(read.error)
    assert '"gold", then "bronze"' in str(read.error)
    assert read.part_of() == {"id": "b", "type": "review", "customer": {"tier": "bronze"}}


def test_a_list_item_is_named_by_its_place_and_an_odd_key_in_quotes() -> None:
    read = _line(
        b'{"id": "b", "type": "review", "items": [{}, {"first name": 1, "first name": 2}]}'
    )
    assert '`items[1]."first name"` is written twice' in str(read.error)


def test_the_same_value_twice_changes_nothing_and_is_decided() -> None:
    """A template that writes `"type": "review"` twice: whichever is kept, the event is the same."""
    read = _line(b'{"id": "d", "type": "review", "type": "review", "o": {"a": [1], "a": [1]}}')
    assert read.error is None
    assert read.value == {"id": "d", "type": "review", "o": {"a": [1]}}


def test_values_that_read_alike_but_decide_otherwise_are_different() -> None:
    """1 and 1.0, 1 and true are equal in Python, not in a decision (`eq: true`, a count)."""
    for second in (b"1.0", b"true"):
        assert _line(b'{"id": "d", "type": "review", "n": 1, "n": ' + second + b"}").code == (
            "repeated-key"
        )


def test_a_repeated_id_names_no_event() -> None:
    """Which of the two is the complaint's id cannot be told: the record names none."""
    read = _line(b'{"id": "first", "type": "order", "id": "last", "type": "review"}')
    assert read.code == "repeated-key"
    assert read.part_of() is None
    assert "(1 more field is written more than once)" in str(read.error)
    assert "write each field once" in str(read.error)


def test_a_long_value_is_cut_in_the_message() -> None:
    long = "x" * 500
    raw = orjson.dumps({"id": "l", "type": "review"})[:-1] + (
        b', "text": "' + long.encode() + b'", "text": "short"}'
    )
    message = str(_line(raw).error)
    assert f'"{"x" * (SHOWN_CHARS - 2)}…, then "short"' in message
    assert long not in message


@pytest.mark.parametrize(
    "raw",
    [
        b'{"id": "e", "type": "review", "text": "he said \\":\\" twice", "a": 1}',
        b'{"id": "e", "type": "review", "text": "note : a b : c", "a": 1}',
        b'{"id": "e" , "type" :"review", "text": "\\u0022: \\u0022:", "a"\t: 1}',
        b'{"id": "e", "type": "review", "\\":": 1, "x\\"": {"\\" :": 2}}',
    ],
    ids=["quote-colon-in-text", "blank-colon-in-text", "blanks-and-escapes", "in-keys"],
)
def test_a_text_that_looks_like_a_key_is_no_false_error(raw: bytes) -> None:
    """Such a text makes the quick count larger; the exact reading then finds no repeat."""
    marks = short_text_marks(raw)
    assert marks is not None
    read = _line(raw)
    assert (read.error, read.value) == (None, orjson.loads(raw))


@pytest.mark.parametrize(
    "raw",
    [
        b'{"id": "e", "type": "review", "a" :1, "a":2}',  # a blank before one colon
        b'{"id": "e", "type": "review", "a"\t:1, "a" : 2}',
        b'{"id": "e", "type": "review", "text": "x\\":", "a": 1, "a": 2}',  # a `":` in a text
        b'{"id": "e", "type": "review", "\\u0061": 1, "a": 2}',  # the same key, escaped
        b'{"id": "e", "type": "review", "c": {"x": {"a": 1, "a": 2}}}',  # deeper than one level
        b'{"id": "e", "type": "review", "c": [{"a": 1, "a": 2}]}',
    ],
    ids=["blank-colon", "tab-colon", "quote-colon-in-text", "escaped-key", "deep", "in-a-list"],
)
def test_a_repeat_is_found_however_it_is_written(raw: bytes) -> None:
    assert _line(raw).code == "repeated-key"


def test_the_quick_check_cannot_be_fooled_by_a_blank_before_a_colon() -> None:
    """`"a" :1, "a":2`: counted as colons after a quote alone, the text holds one key, as the
    value does; a blank counts as a quote, so the text holds two."""
    raw = b'{"a" :1,"a":2}'
    marks = short_text_marks(raw)
    assert marks is not None
    assert not keys_vouched_for(marks, orjson.loads(raw))


def test_an_event_too_long_for_the_quick_check_is_read_exactly() -> None:
    raw = b'{"id": "e", "type": "review", "t": "' + b"x" * SHORT_TEXT_BYTES + b'", "t": 1}'
    assert short_text_marks(raw) is None
    assert _line(raw).code == "repeated-key"


def test_a_limit_is_told_before_a_repeat() -> None:
    raw = b'{"id": "e", "type": "review", "x": 1, "x": ' + b"[" * 65 + b"]" * 65 + b"}"
    assert _line(raw).code == "too-deep"
    # (the value kept within the limits, the repeat is told: the deep one is not read)
    raw = b'{"id": "e", "type": "review", "x": ' + b"[" * 65 + b"]" * 65 + b', "x": 1}'
    assert _line(raw).code == "repeated-key"


def test_read_event_refuses_it_as_eval_does() -> None:
    with pytest.raises(EventError) as refused:
        read_event('{"id": "a", "type": "review", "rating": 1, "rating": 5}', line=9)
    assert refused.value.code == "repeated-key"
    assert "`rating` is written twice in the event at line 9" in refused.value.message
    assert read_event(b'\xef\xbb\xbf{"id": "a", "type": "review", "x": 1, "x": 1}') == {
        "id": "a",
        "type": "review",
        "x": 1,
    }


def _records(data: bytes) -> list[tuple[int, int, str]]:
    return [
        (item.index, item.start_line(), item.code) for item in read_events(io.BytesIO(data), "in")
    ]


def test_a_json_array_names_the_element_and_its_line() -> None:
    data = (
        b'[\n  {"id": "a", "type": "review"},\n'
        b'  {"id": "b", "type": "review",\n   "rating": 1, "rating": 4},\n'
        b'  {"id": "c", "type": "review"}\n]\n'
    )
    assert _records(data) == [(0, 2, ""), (1, 3, "repeated-key"), (2, 5, "")]
    [_, repeated, _] = read_events(io.BytesIO(data), "in")
    assert "in the event at line 3" in str(repeated.error)
    assert repeated.part_of()["id"] == "b"


def test_an_event_over_several_lines_names_the_lines_the_field_is_written_on() -> None:
    """A pretty-printed event's record names the lines of the repeated field, where it had
    named only the event's first line; an event on one line says no more than that line."""
    pretty = b'{\n  "id": "a",\n  "type": "review",\n  "rating": 1,\n  "rating": 4\n}\n'
    [read] = read_events(io.BytesIO(pretty), "in")
    assert "`rating` is written twice (at lines 4 and 5) in the event at line 1" in str(read.error)
    element = b'[{"id": "x", "type": "review"},\n{\n  "n": [{"t": 1},\n{"t": 2,\n"t": 3}],\n "type": "review"}]'
    [_, read] = read_events(io.BytesIO(element), "in")
    assert "`n[1].t` is written twice (at lines 4 and 5) in the event at line 2" in str(read.error)
    [read] = read_events(io.BytesIO(b'{"id": "a", "type": "review", "n": 1, "n": 2}\n'), "in")
    assert "`n` is written twice in the event at line 1," in str(read.error)
    with pytest.raises(EventError, match=r"twice \(at lines 4 and 5\) in the event at line 1"):
        read_event(pretty)


def test_eval_with_workers_names_the_lines_in_a_large_array(
    plan_path: Path, tmp_path: Path
) -> None:
    """An array over 1 MiB is decided in batches by the workers: the lines named are counted
    from the batch's own first line, as one process counts them."""
    events = [b'  {"id": "e%d", "type": "review", "rating": 3}' % n for n in range(24_000)]
    events[21_000] = b'  {"id": "r", "type": "review",\n   "rating": 1,\n   "rating": 5}'
    array = tmp_path / "events.json"
    array.write_bytes(b"[\n" + b",\n".join(events) + b"\n]\n")
    assert array.stat().st_size > 1 << 20
    alone = _eval(plan_path, b"", "--jobs", "1", str(array))
    assert _eval(plan_path, b"", "--jobs", "2", str(array)) == alone
    said = alone[21_000]["error"]["message"]
    assert "written twice (at lines 21003 and 21004) in the event at line 21002" in said


def test_objects_one_after_another_and_one_over_lines_are_held_to_it() -> None:
    one = b'{\n  "id": "a",\n  "type": "review",\n  "type": "order"\n}\n'
    assert _records(one) == [(0, 1, "repeated-key")]
    two = one + b'{\n  "id": "b",\n  "type": "review"\n}\n'
    assert _records(two) == [(0, 1, "repeated-key"), (1, 6, "")]


def test_a_line_with_a_byte_order_mark_is_held_to_it() -> None:
    assert _records(b'\xef\xbb\xbf{"id": "a", "type": "review", "n": 1, "n": 2}\n') == [
        (0, 1, "repeated-key")
    ]


def test_eval_with_workers_gives_the_same_records(plan_path: Path, tmp_path: Path) -> None:
    lines = [b'{"id": "e%d", "type": "review", "rating": %d}' % (n, n % 5 + 1) for n in range(400)]
    lines[123] = b'{"id": "r", "type": "review", "rating": 1, "rating": 5}'
    events = tmp_path / "events.jsonl"
    events.write_bytes(b"\n".join(lines) + b"\n")
    alone = _eval(plan_path, b"", "--jobs", "1", str(events))
    assert _eval(plan_path, b"", "--jobs", "2", str(events)) == alone
    assert [n for n, record in enumerate(alone) if "error" in record] == [123]
    assert alone[123]["error"]["code"] == "repeated-key"


# --- the property: random events, with and without repeats, written every way -----------------

_KEYS = st.sampled_from(["a", "b", "id", '"', ":", '":', " :", "\\", "é", "a b", '\\"'])
_TEXTS = st.text(alphabet='ab":\\ é{[', max_size=6)


def _values(depth: int) -> st.SearchStrategy[Any]:
    plain = st.integers(-3, 3) | _TEXTS | st.booleans()
    if depth == 0:
        return plain
    inner = _values(depth - 1)
    return plain | st.lists(inner, max_size=3) | _objects(inner)


def _objects(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """An object as the pairs it is written with: keys from a few, so that some repeat."""
    return st.builds(_Pairs, st.lists(st.tuples(_KEYS, values), max_size=5))


class _Pairs(list[tuple[str, Any]]):
    """An object's members as written, repeats and all."""


def _written(value: Any, draw: Any) -> str:
    """JSON text of ``value``, each blank and each character's escape drawn."""
    blank = st.sampled_from(["", " ", "\t", "  "])
    if isinstance(value, _Pairs):
        members = [
            f"{draw(blank)}{_string(key, draw)}{draw(blank)}:{draw(blank)}{_written(item, draw)}"
            for key, item in value
        ]
        return "{" + ",".join(members) + draw(blank) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_written(item, draw) for item in value) + "]"
    if isinstance(value, str):
        return _string(value, draw)
    return json.dumps(value)


def _string(text: str, draw: Any) -> str:
    escaped = st.sampled_from(["plain", "u", "U"])
    out = ""
    for char in text:
        how = draw(escaped)
        if how == "plain":
            out += json.dumps(char, ensure_ascii=False)[1:-1]
        else:
            code = f"\\u{ord(char):04x}"
            out += code.upper().replace("\\U", "\\u") if how == "U" else code
    return f'"{out}"'


def _read_back(value: Any) -> Any:
    """The value a reader keeps (the last of each key), and whether any object wrote a key
    twice with values that differ."""
    if isinstance(value, _Pairs):
        kept: dict[str, Any] = {}
        written: dict[str, set[str]] = {}
        differ = False
        for key, item in value:
            inner, inner_differs = _read_back(item)
            differ |= inner_differs
            kept[key] = inner
            written.setdefault(key, set()).add(json.dumps(inner, sort_keys=True))
        return kept, differ or any(len(values) > 1 for values in written.values())
    if isinstance(value, list):
        read = [_read_back(item) for item in value]
        return [item for item, _ in read], any(differs for _, differs in read)
    return value, False


@settings(max_examples=400, deadline=None)
@given(event=_objects(_values(2)), data=st.data())
def test_every_repeat_is_found_and_nothing_else(event: _Pairs, data: st.DataObject) -> None:
    """Keys and texts holding `"`, `:`, `\\"`, blanks and escapes (`\\u0022`), objects in
    objects and lists, blanks anywhere: a line is refused exactly when an object writes a key
    twice with different values, by eval's reader and by read_event alike."""
    text = _written(event, data.draw).encode()
    kept, differs = _read_back(event)
    assert orjson.loads(text) == kept  # (the text says what the test means it to)
    read = _line(text)
    if differs:
        assert read.code == "repeated-key"
        assert repeats(text)
        with pytest.raises(EventError):
            read_event(text)
    else:
        assert (read.error, read.value) == (None, kept)
        assert read_event(text) == kept
    in_array = _records(b"[" + text + b",\n" + text + b"]")
    assert [code for _, _, code in in_array] == ["repeated-key" if differs else ""] * 2


_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')


@settings(max_examples=300, deadline=None)
@given(event=_objects(_values(2)), data=st.data(), first=st.integers(1, 9))
def test_the_lines_of_a_repeat_are_those_its_key_is_written_on(
    event: _Pairs, data: st.DataObject, first: int
) -> None:
    """Each key written on a line of its own (texts that look like keys among them): every
    repeat's lines are as many as its values, each a line that writes that key."""
    text = _written(event, data.draw).encode().replace(b'{"', b'{\n"').replace(b',"', b',\n"')
    lines = text.split(b"\n")
    for found in repeats(text):
        where = key_lines(text, found.path, found.key, first)
        assert len(where) == len(found.values)
        for number in where:
            keys = [json.loads(t) for t in _STRING.findall(lines[number - first])]
            assert found.key in keys


def test_the_lines_named_are_those_of_the_object_kept_where_its_own_key_is_repeated() -> None:
    """`a` written twice, each an object: the one kept (the last) is where its own repeated `a`
    is found, and only its lines are named (the first object's `a` had been counted too, three
    lines for two values, found by the property test)."""
    text = b'{\n"a": {\n"a": 0},\n"a": {\n"a": 0,\n"a": 1}}'
    inner = [found for found in repeats(text) if found.path == ("a",)]
    assert [found.values for found in inner] == [("0", "1")]
    assert key_lines(text, ("a",), "a", 1) == [5, 6]
