"""engine.limits: the byte-count shortcut never vouches for an event that the walk refuses.

``backplan eval`` skips walking a parsed event when ``short_text_within_limits`` says its JSON
text is too short to exceed a limit. These tests hold that shortcut to the walk: on the shortest
texts that exceed each limit, and on generated texts around the limits, written compactly,
indented and with every character escaped.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.errors import EventError
from engine.limits import (
    MAX_DEPTH,
    MAX_KEY_CHARS,
    MAX_KEYS,
    MAX_STRING_CHARS,
    MAX_VALUES,
    SHORT_TEXT_BYTES,
    _within_limits,
    check_event,
    short_text_within_limits,
    written_back_within_limits,
)

EXAMPLE_EVENT = Path(__file__).parent.parent / "examples" / "events" / "billing-error.json"

SHORTEST_OVER_EACH_LIMIT = {
    "too-deep": b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1),
    "key-too-long": orjson.dumps({"k" * (MAX_KEY_CHARS + 1): 0}),
    "string-too-long": orjson.dumps("x" * (MAX_STRING_CHARS + 1)),
    "too-many-keys": orjson.dumps({str(i): 0 for i in range(MAX_KEYS + 1)}),
    "too-many-values": orjson.dumps([0] * (MAX_VALUES + 1)),
}


@pytest.mark.parametrize(("code", "raw"), list(SHORTEST_OVER_EACH_LIMIT.items()))
def test_texts_over_a_limit_are_never_vouched_for(code: str, raw: bytes) -> None:
    with pytest.raises(EventError) as caught:
        check_event(orjson.loads(raw))
    assert caught.value.code == code
    assert not short_text_within_limits(raw)


def test_short_texts_at_the_limits_are_vouched_for() -> None:
    deepest = b"[" * MAX_DEPTH + b"]" * MAX_DEPTH
    assert short_text_within_limits(deepest)
    longest_key = orjson.dumps({"k" * (SHORT_TEXT_BYTES - 6): 0})
    assert len(longest_key) == SHORT_TEXT_BYTES
    assert short_text_within_limits(longest_key)
    assert not short_text_within_limits(orjson.dumps({"k" * (SHORT_TEXT_BYTES - 5): 0}))


def _nested(depth: int, leaf: Any, kinds: list[bool]) -> Any:
    value = leaf
    for in_list in kinds[: depth - 1]:
        value = [value] if in_list else {"a": value}
    return value


texts = st.text(min_size=0, max_size=12) | st.text(
    min_size=SHORT_TEXT_BYTES - 12, max_size=SHORT_TEXT_BYTES + 2
)
whole = st.integers(-(1 << 63), (1 << 64) - 1)
leaves = (
    st.none() | st.booleans() | whole | st.floats(allow_nan=False, allow_infinity=False) | texts
)
values = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(texts, inner, max_size=6),
    max_leaves=30,
)
deep_values = st.builds(
    _nested,
    st.integers(MAX_DEPTH - 3, MAX_DEPTH + 3),
    values,
    st.lists(st.booleans(), min_size=MAX_DEPTH + 3, max_size=MAX_DEPTH + 3),
)


@settings(max_examples=300, deadline=None)
@given(value=values | deep_values, spelling=st.sampled_from(["compact", "indented", "escaped"]))
def test_the_shortcut_agrees_with_the_walk(value: Any, spelling: str) -> None:
    if spelling == "compact":
        raw = orjson.dumps(value)
    elif spelling == "indented":
        raw = orjson.dumps(value, option=orjson.OPT_INDENT_2)
    else:  # every character escaped: the most bytes per character
        raw = json.dumps(value, ensure_ascii=True).encode()
    if short_text_within_limits(raw):
        assert _within_limits(orjson.loads(raw))


@settings(max_examples=300, deadline=None)
@given(value=values | deep_values)
def test_a_value_written_back_is_vouched_for_only_when_the_walk_agrees(value: Any) -> None:
    if written_back_within_limits(value):
        assert _within_limits(value)


@pytest.mark.parametrize(("code", "raw"), list(SHORTEST_OVER_EACH_LIMIT.items()))
def test_values_over_a_limit_are_never_vouched_for_written_back(code: str, raw: bytes) -> None:
    assert not written_back_within_limits(orjson.loads(raw)), code


def test_the_usual_event_is_vouched_for_written_back() -> None:
    event = json.loads(EXAMPLE_EVENT.read_text(encoding="utf-8"))
    assert written_back_within_limits(event)


@pytest.mark.parametrize(
    "value",
    [
        {"id": "a", "text": "\ud800"},  # a lone surrogate: orjson will not write it
        {"id": "a", "n": 1 << 70},  # beyond 64 bits (the standard library reads such numbers)
        _nested(300, 0, [True] * 300),  # deeper than orjson writes
    ],
    ids=["lone-surrogate", "wide-number", "too-deep-to-write"],
)
def test_a_value_orjson_will_not_write_is_left_to_the_walk(value: Any) -> None:
    assert not written_back_within_limits(value)


def test_a_place_too_deep_is_named_by_its_first_steps_and_its_depth() -> None:
    """``too-deep`` named all 64 steps of the place, ``/x/0/0/…/0``, which no one can count
    (found by review); its pointer keeps them all, and a place a few steps in is named whole."""
    deep: Any = 0
    for _ in range(MAX_DEPTH):
        deep = [deep]
    with pytest.raises(EventError) as caught:
        check_event({"id": "e", "type": "review", "x": deep})
    assert str(caught.value) == (
        f"the event nests deeper than {MAX_DEPTH} levels at /x/0/0/0/… ({MAX_DEPTH} levels in)"
    )
    assert caught.value.pointer == "/x" + "/0" * (MAX_DEPTH - 1)
    with pytest.raises(EventError) as caught:
        check_event({"customer": {"notes": ["x" * (MAX_STRING_CHARS + 1)]}})
    assert str(caught.value) == (
        "a text in the event is 100,001 characters long at /customer/notes/0; the limit is 100,000"
    )
