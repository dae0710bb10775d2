"""Deadlines written by a set's generated builder (engine.builder) are what datetime writes.

A builder divides the event's time into its day and the µs into that day once, and writes each
deadline from engine.utctime's caches of day and time-of-day texts; what they do not hold (past
the day's end, a fraction of a second, a day not seen yet) goes to utc_text. Every path must
give the text of the event's time plus the deadline, as ``datetime.isoformat`` writes it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import engine.evaluate as evaluate_module
import engine.utctime
from engine.api import Plan, load_plan
from engine.durations import parse_duration

WITHIN = ["30m", "4h", "23h", "1d", "2d", "7d", "1w", "366d", "1439m", "25h"]
"""Deadlines of less than a day, of whole days and of days and hours, the longest a plan allows;
``7d`` and ``1w`` are one deadline, written once."""

_PLAN = """backplan: 1
plan: {name: Deadlines, currency: USD}
rules:
  - id: r1
    title: every deadline
    priority: 1
    when: {event: order}
    then:
%s
"""


def _plan(directory: Path) -> Plan:
    actions = "\n".join(
        f"      - note: {{message: n{number}, within: {within}}}"
        for number, within in enumerate(WITHIN)
    )
    path = directory / "plan.yaml"
    path.write_text(_PLAN % actions, encoding="utf-8")
    return load_plan(path)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    """The plan, its one set of fired rules given its builder."""
    uses = evaluate_module.BUILD_AFTER_USES
    evaluate_module.BUILD_AFTER_USES = 1
    try:
        plan = _plan(tmp_path_factory.mktemp("deadlines"))
        for _ in range(2):  # the set's builder is made at its second use
            plan.decide(_event("2026-11-23T09:30:00Z"))
    finally:
        evaluate_module.BUILD_AFTER_USES = uses
    assert all(p.builder for p in plan._decider.rules.assemblies.values())
    return plan


def _event(occurred_at: str) -> dict[str, object]:
    return {"id": "e1", "type": "order", "occurred_at": occurred_at}


def _dues(plan: Plan, occurred_at: str) -> list[str]:
    actions = plan.decide(_event(occurred_at))["actions"]
    assert [a["within"] for a in actions] == WITHIN
    return [a["due"] for a in actions]


moments = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(9997, 12, 31, 23, 59))


@settings(max_examples=300, deadline=None)
@given(moment=moments, forget=st.booleans())
@example(moment=datetime(2026, 11, 23, 23, 59, 59), forget=False)  # every deadline next day
@example(moment=datetime(2026, 12, 31, 20, 0), forget=True)  # into a new year, no day cached
@example(moment=datetime(2028, 2, 28, 23, 30, 0, 1), forget=False)  # a leap day, a fraction
@example(moment=datetime(9997, 12, 31, 23, 59, 59, 999999), forget=True)  # the latest deadline
def test_builder_deadlines_are_the_event_time_plus_within(
    built: Plan, moment: datetime, forget: bool
) -> None:
    if forget:  # the caches emptied, as when they are full: every text is made anew
        engine.utctime._DAYS.clear()
        engine.utctime._CLOCKS.clear()
    written = moment.isoformat(timespec="microseconds" if moment.microsecond else "seconds")
    expected = [(moment + parse_duration(w)).isoformat() + "Z" for w in WITHIN]
    assert _dues(built, written + "Z") == expected


def test_builder_deadlines_without_an_event_time(built: Plan) -> None:
    event = {"id": "e1", "type": "order"}
    assert [a["due"] for a in built.decide(event)["actions"]] == [None] * len(WITHIN)


def test_a_deadline_at_a_fraction_of_a_second_keeps_it(built: Plan) -> None:
    moment = datetime(2026, 11, 23, 9, 30, 0, 250000)
    dues = _dues(built, "2026-11-23T09:30:00.25Z")
    assert dues[0] == "2026-11-23T10:00:00.250000Z"
    assert dues == [(moment + parse_duration(w)).isoformat() + "Z" for w in WITHIN]


def test_time_of_day_cache_holds_whole_seconds_of_one_day(built: Plan) -> None:
    _dues(built, "2026-11-23T09:30:00.25Z")
    _dues(built, "2026-11-23T23:59:59Z")
    day = 86_400_000_000
    assert all(0 <= key < day and key % 1_000_000 == 0 for key in engine.utctime._CLOCKS)
    assert timedelta(microseconds=max(engine.utctime._CLOCKS)) < timedelta(days=1)
