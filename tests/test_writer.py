"""The generated writers of decision lines (engine.writer) against the decision documents.

``Plan.decision_line`` must give ``decision_json_line(plan.decide(event))`` byte for byte, and
the same fallback flag, whichever way the line was made: from the document (a set's first uses)
or by the set's writer, straight from the event. Random plans are in tests/test_fuzz.py
(``test_written_lines_are_the_decisions_json``); here are the starter plan, the corners of
pricing, text that could confuse the cutting, the caches, and ``backplan eval`` itself.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import EventError, Plan, load_plan
from engine.cli import cli
from engine.decision import decision_json_line
from engine.evaluate import event_identity
from engine.utctime import (
    FIRST_YEAR,
    LAST_YEAR,
    MICROSECONDS_PER_DAY,
    microseconds,
    utc_json,
    utc_text,
)
from tests.conftest import REPO
from tests.test_compensation import order, plan_text
from tests.test_properties import events

STARTER_RULES = REPO / "rules"


@pytest.fixture
def write_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A set gets its builder at its second decision and its writer at its second line."""
    monkeypatch.setattr("engine.evaluate.BUILD_AFTER_USES", 1)
    monkeypatch.setattr("engine.evaluate.WRITE_AFTER_USES", 2)


def _writers(plan: Plan) -> list[Any]:
    pools = plan._decider.rules, plan._decider.fallbacks
    return [p.writer for pool in pools for p in pool.assemblies.values() if p.writer]


def assert_lines_are_documents(plan: Plan, event: Any, times: int = 3) -> None:
    """Each of ``times`` lines of the event is its decision document's line (or both raise
    the same EventError)."""
    for _ in range(times):
        try:
            document = plan.decide(event)
        except EventError as error:
            with pytest.raises(EventError) as raised:
                plan.decision_line(event)
            assert (raised.value.code, raised.value.message) == (error.code, error.message)
            continue
        assert plan.decision_line(event) == (decision_json_line(document), document["fallback"])


times = st.one_of(
    st.sampled_from(
        [
            "2026-11-23T09:30:00Z",
            "2026-11-23T09:30:00.250Z",  # a fraction: the deadlines keep it
            "2026-02-28T23:59:59+05:30",  # an offset: the canonical time is UTC
            "2026-12-31t23:59:59.999999-01:00",
            "9997-12-31T23:59:59Z",  # the last year: deadlines run into 9998
        ]
    ),
    st.datetimes(datetime(FIRST_YEAR, 1, 1), datetime(LAST_YEAR, 12, 31)).map(
        lambda moment: moment.isoformat() + "Z"
    ),
)


@settings(max_examples=300, deadline=None)
@given(event=events, at=st.one_of(st.none(), times))
def test_starter_plan_lines_are_its_documents(event: dict[str, Any], at: str | None) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("engine.evaluate.BUILD_AFTER_USES", 1)
        patch.setattr("engine.evaluate.WRITE_AFTER_USES", 2)
        if at is not None:
            event = {**event, "occurred_at": at}
        assert_lines_are_documents(STARTER, event)


STARTER: Plan = load_plan(STARTER_RULES)


@settings(max_examples=300)
@given(at=st.one_of(times, st.text(max_size=25)))
def test_an_event_time_read_is_the_text_of_its_moment(at: str) -> None:
    # A writer writes the decision's occurred_at from the moment (utc_json of it): that holds
    # because the text deciding gives is always utc_text of the moment it read.
    try:
        _, _, moment, text = event_identity({"id": 1, "type": "review", "occurred_at": at})
    except EventError:
        return
    assert moment is not None
    assert text == utc_text(moment)


FIRST_MOMENT = microseconds(datetime(FIRST_YEAR, 1, 1))
LAST_MOMENT = microseconds(datetime(LAST_YEAR + 1, 12, 31, 23, 59, 59))  # deadlines run on


@settings(max_examples=500)
@given(st.integers(FIRST_MOMENT, LAST_MOMENT), st.sampled_from([0, 1, 999_999, 500_000]))
def test_times_as_json_are_what_orjson_writes_of_their_text(moment: int, fraction: int) -> None:
    moment = moment // 1_000_000 * 1_000_000 + fraction
    assert utc_json(moment) == orjson.dumps(utc_text(moment))


def test_time_cache_stays_bounded_and_right(monkeypatch: pytest.MonkeyPatch) -> None:
    from engine import utctime

    monkeypatch.setattr(utctime, "MAX_CACHED_DAYS", 3)
    moments = [day * MICROSECONDS_PER_DAY + 7_000_000 for day in range(738_000, 738_010)]
    for moment in moments * 2:
        assert utc_json(moment) == orjson.dumps(utc_text(moment))
    assert len(utctime._DAYS_JSON) <= 3


def test_a_writer_comes_only_after_many_lines(plan_from: Any) -> None:
    from engine import evaluate

    plan = plan_from(plan_text("{combine: max}", "{kind: coupon, amount: 5}"))
    for n in range(evaluate.WRITE_AFTER_USES + 5):
        plan.decide(order(10, id=f"d{n}"))  # documents alone never make a writer
    assert _writers(plan) == []
    for n in range(evaluate.WRITE_AFTER_USES - evaluate.BUILD_AFTER_USES - 1):
        assert_lines_are_documents(plan, order(10, id=f"e{n}"), times=1)
    assert _writers(plan) == []
    assert_lines_are_documents(plan, order(10, id="last"), times=1)
    assert len(_writers(plan)) == 1


POLICIES = [
    "{combine: max}",
    "{combine: sum}",
    "{combine: max, per_event_max: 30, approval_above: 20}",
    "{combine: sum, per_event_max: 30, approval_above: 20}",
    "{combine: sum, per_event_max: 0}",
]
OFFERS = [
    ("{kind: refund, percent: 10, of: order.total, min: 5, max: 40}",),
    ("{kind: refund, percent: 10, of: order.total}", "{kind: coupon, amount: 15}"),
    (
        "{kind: coupon, amount: 15}",
        "{kind: refund, percent: 20, of: order.total, within: 2d}",
        "{kind: store_credit, percent: 5, of: order.total, min: 1}",
    ),
]


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("offers", OFFERS, ids=["one", "two", "three"])
def test_offers_priced_per_event_are_written_as_priced(
    plan_from: Any, write_at_once: None, policy: str, offers: tuple[str, ...]
) -> None:
    # Under `max` the largest wins and the others are not made (their commas go too); the cap
    # leaves offers out; a total that is missing or not a number makes an unresolved offer.
    plan = plan_from(plan_text(policy, *offers))
    totals = [None, "12", -3, 0, 0.5, 40, 100, 149.99, 1000, 1e15]
    for n, total in enumerate(totals):
        assert_lines_are_documents(
            plan, order(total, id=n, occurred_at="2026-11-23T09:30:00.5+01:00")
        )
    assert len(_writers(plan)) == 1


def test_text_that_looks_like_the_cutting_marks_is_written_as_it_is(
    plan_from: Any, write_at_once: None
) -> None:
    # The writer cuts orjson's bytes at raw \x01 bytes, which orjson never writes itself: a
    # \x01 in the plan or the event is written escaped, like every other control character.
    plan = plan_from(
        r"""
        rules:
          - id: odd
            title: "odd \x01 text"
            when: {event: review}
            then:
              - apologize: {message: "\x01 0 \x01 \"quoted\" \\ back {text|\x01}", within: 1h}
              - note: {message: "line\nbreak \u2028 ✓ \U0001F600"}
              - tag: {tags: [ok, fine]}
        """
    )
    for text in ["\x01", "\x011\x01", '"', "\\", "✓\u2028", "", None]:
        event = {"id": "\x01", "type": "review", "occurred_at": "2026-11-23T09:30:00Z"}
        if text is not None:
            event["text"] = text
        assert_lines_are_documents(plan, event)
    assert _writers(plan)


def test_event_types_the_plan_does_not_name_are_written_each_time(
    plan_from: Any, write_at_once: None
) -> None:
    # A writer has the JSON of the types the plan's rules name; any other type (which a rule
    # for every type, or the fallback, can decide) is written per event and kept nowhere, so a
    # stream of long, made-up types costs no memory.
    plan = plan_from(
        """
        rules:
          - id: any
            title: every event
            when: {all: [{field: rating, lte: 2}]}
            then: [{apologize: {within: 1h}}]
          - id: reviews
            title: reviews
            when: {event: review, all: [{field: rating, lte: 1}]}
            then: [{apologize: {within: 1h}}]
        """
    )
    kinds = ["review", "x-a", "x-ü", "review", 'x-"', "x-" + "ü" * 5000, "x-a"]
    for kind in kinds * 2:
        assert_lines_are_documents(plan, {"id": 1, "type": kind, "rating": 2})
    assert _writers(plan)
    assert plan._decider.rules.plan.kinds == {"review": b'"review"'}


def test_eval_writes_the_decisions_of_many_events(tmp_path: Path) -> None:
    # Enough events of each kind for their sets to get writers (WRITE_AFTER_USES).
    kinds = [
        {"type": "review", "channel": "google_review", "rating": 1, "public": True},
        {"type": "order", "issue": "late", "order": {"total": 80.5, "delay_days": 4}},
        {"type": "order", "issue": "defective", "order": {"total": 12}},
        {"type": "contact", "contact": {"wait_minutes": 45}},
        {"type": "x-other"},
    ]
    events = [
        {"id": n, "occurred_at": f"2026-11-{1 + n % 28:02d}T0{n % 10}:30:00Z", **kinds[n % 5]}
        for n in range(2_000)
    ]
    path = tmp_path / "events.jsonl"
    path.write_bytes(b"".join(orjson.dumps(e) + b"\n" for e in events))
    result = CliRunner().invoke(
        cli, ["eval", "--plan", str(STARTER_RULES), "--jobs", "1", str(path)]
    )
    assert result.exit_code == 0, result.output
    fresh = load_plan(STARTER_RULES)
    expected = b"".join(decision_json_line(fresh.decide(e)) for e in events)
    assert result.stdout_bytes == expected
