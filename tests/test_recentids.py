"""`engine.recentids`: the events `backplan eval` decided although their id was decided shortly
before, told the same however the answers are batched, and in memory that stays flat."""

from __future__ import annotations

import itertools
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine import recentids
from engine.recentids import RecentIds, id_of
from engine.tally import Tally
from engine.wording import clip

WINDOW = 8
"""A small :data:`engine.recentids.REMEMBERED`, so that generations turn within an example."""


@pytest.fixture(autouse=True)
def small_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recentids, "REMEMBERED", WINDOW)


def told(ids: list[Any], cuts: list[int], inputs: int = 1) -> list[tuple[Any, ...]]:
    """Every repeat noted, as (index, id, earlier input, earlier index), the answers given in
    batches cut at ``cuts``, the run one input (or ``inputs`` copies of ``ids``)."""
    recent = RecentIds()
    said: list[tuple[Any, ...]] = []
    for number in range(inputs):
        recent.begin(f"day{number}.jsonl")
        tally = _Recording(said)
        bounds = [0, *sorted(cut for cut in set(cuts) if 0 < cut < len(ids)), len(ids)]
        for start, end in itertools.pairwise(bounds):
            recent.note(list(ids[start:end]), tally)
    return said


class _Recording(Tally):
    """A tally that keeps every repeat counted, not only the first."""

    __slots__ = ("said",)

    def __init__(self, said: list[tuple[Any, ...]]) -> None:
        super().__init__()
        self.said = said

    def count_repeat(
        self, index: int, event_id: Any, earlier_source: str | None, earlier_index: int
    ) -> None:
        super().count_repeat(index, event_id, earlier_source, earlier_index)
        self.said.append((index, event_id, earlier_source, earlier_index))


def reference(ids: list[Any]) -> list[tuple[Any, ...]]:
    """The rule, one answer at a time: the answer numbered n is told when its id was last
    decided at m with m // WINDOW >= n // WINDOW - 1."""
    last: dict[Any, int] = {}
    said = []
    for number, event_id in enumerate(ids):
        if event_id is None:
            continue
        earlier = last.get(event_id)
        if earlier is not None and earlier // WINDOW >= number // WINDOW - 1:
            said.append((number, event_id, None, earlier))
        last[event_id] = number
    return said


IDS = st.lists(
    st.one_of(st.none(), st.integers(0, 20), st.sampled_from(["a", "b", "7", "é"])), max_size=80
)
"""Ids from few enough values that they repeat, near and far apart (a window is 8 answers)."""
CUTS = st.lists(st.integers(min_value=0, max_value=80), max_size=8)


@given(IDS, CUTS)
def test_the_events_told_follow_the_rule_however_the_answers_are_batched(
    ids: list[Any], cuts: list[int]
) -> None:
    """`--jobs 1` notes batches of 64 lines and workers pieces of 256 KiB: which events are
    told must not depend on where batches end, nor must an event not decided (None) ever be
    told or tell another; the id `"7"` is not the id `7`."""
    assert told(ids, cuts) == reference(ids)


@given(st.lists(st.text(max_size=3) | st.integers(), max_size=40), CUTS)
def test_an_id_repeated_within_the_window_is_always_told(ids: list[Any], cuts: list[int]) -> None:
    """Whatever the generations, the earlier answer of an id no more than REMEMBERED answers
    back is found, and nothing that was not decided before is told."""
    said = {number for number, *_ in told(ids, cuts)}
    for number, event_id in enumerate(ids):
        earlier = [
            at for at in range(number) if ids[at] == event_id and type(ids[at]) is type(event_id)
        ]
        if earlier and number - earlier[-1] <= WINDOW:
            assert number in said
        if not earlier:
            assert number not in said


def test_memory_stays_within_two_generations() -> None:
    recent = RecentIds()
    recent.begin("events.jsonl")
    tally = Tally()
    for start in range(0, 1000, 37):
        recent.note([f"e{number}" for number in range(start, start + 37)], tally)
    assert len(recent.newer) + len(recent.older) <= 2 * WINDOW
    assert tally.repeated == 0


def test_the_earlier_event_is_placed_in_its_own_input() -> None:
    """An id decided in the input before is named with that input; the same file given twice
    is the same name, and what the warning says of it is in test_tally's words below."""
    assert told(["a", "b"], [], inputs=2) == [(0, "a", "day0.jsonl", 0), (1, "b", "day0.jsonl", 1)]


def test_the_id_of_a_value_not_an_object_is_none() -> None:
    assert (id_of({"id": 7}), id_of([1]), id_of("x")) == (7, None, None)


def test_the_warning_names_the_first_repeat_and_where_its_id_was_decided() -> None:
    one = Tally(repeated=1, first_repeated=(4, "c-12", None, 1)).warnings("events.jsonl")
    assert one == [
        "warning: 1 event had the id of an event decided before, and it was decided again (the "
        "first: the 5th event, id `c-12`, as the 2nd event); if the events were sent twice, act "
        "on one decision of each id, and send each event once"
    ]
    other = Tally(repeated=3, first_repeated=(0, 7, "day1.jsonl", 9)).warnings("day2.jsonl")
    assert "(the first: the 1st event, id `7`, as the 10th event of day1.jsonl)" in other[0]
    assert "3 events had the id" in other[0] and "each was decided again" in other[0]
    twice = Tally(repeated=2, first_repeated=(0, "a", "d.jsonl", 2)).warnings("d.jsonl")
    assert "as the 3rd event of d.jsonl, given twice)" in twice[0]


def test_an_id_a_terminal_would_not_show_as_written_is_shown_as_json() -> None:
    """An id holding a line end or a backtick would break the warning's line or its quotes."""
    said = Tally(repeated=1, first_repeated=(1, "a\nb`", None, 0)).warnings()
    assert 'id "a\\nb`", as the 1st event' in said[0]


@pytest.mark.parametrize("event_id", ["`" + "\n" * 199, "`" + "b" * 58 + "\n" * 141])
def test_a_long_id_shown_as_json_is_whole_json(event_id: str) -> None:
    """Cut as JSON, the id lost its closing quote and could end in half an escape
    (`"`\\n\\n\\…`); cut first, it is JSON still, of the id's start and an ellipsis."""
    said = Tally(repeated=1, first_repeated=(1, event_id, None, 0)).warnings()
    shown = said[0].split(", id ", 1)[1].rsplit(", as the 1st event", 1)[0]
    assert orjson.loads(shown) == clip(event_id)


def test_the_repeats_cross_from_a_worker_with_the_ids_of_its_piece() -> None:
    sent = Tally(repeated=2, first_repeated=(3, "x", "a.jsonl", 1), ids=["x", None, 5])
    assert Tally.from_bytes(sent.to_bytes()) == sent


class _CountedInputs(list[tuple[int, str]]):
    """The inputs of a :class:`RecentIds`, counting each one looked at."""

    looked = 0

    def __getitem__(self, at: Any) -> Any:
        _CountedInputs.looked += 1
        return super().__getitem__(at)

    def __reversed__(self) -> Any:
        for begun in super().__reversed__():
            _CountedInputs.looked += 1
            yield begun


def test_the_earlier_input_is_found_in_a_few_steps_however_many_inputs_lie_between(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`eval dir/*.json dir/*.json`: each repeat had every input since its id's first event
    looked at, N * N steps for N files of one event each; found by halves, about log N."""
    monkeypatch.setattr(recentids, "REMEMBERED", 10_000)
    recent, tally, files = RecentIds(), Tally(), 2000
    recent.inputs = _CountedInputs()
    _CountedInputs.looked = 0
    for name in itertools.chain(range(files), range(files)):
        recent.begin(f"{name}.json")
        recent.note([f"e{name}"], tally)
    assert tally.repeated == files
    assert tally.first_repeated == (0, "e0", "0.json", 0)
    assert _CountedInputs.looked < 30 * files
