"""explain: why each rule fired or not, in words, and always in agreement with the decision."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.api import Plan, load_plan
from engine.decision import Decision
from engine.errors import EventError
from engine.explain import Status, conditions_of, decide_with_trace, explain, render_explanation
from tests.conftest import REPO, check_golden

AUTHORING = REPO / "tests" / "authoring"
GOLDEN = REPO / "tests" / "golden" / "explain"

EVENTS: dict[str, dict[str, Any]] = {
    "public-review": {
        "id": "a",
        "type": "review",
        "occurred_at": "2026-11-23T09:30:00Z",
        "channel": "yelp",
        "rating": 1,
        "text": "Rude waiter",
        "customer": {"first_name": "Dana"},
        "order": {"total": 120},
    },
    "outage-stops": {"id": "b", "type": "complaint", "issue": "outage", "rating": 1},
    "wrong-kind": {"id": "c", "type": "review", "channel": "yelp", "rating": "1"},
    "fallback": {"id": "d", "type": "survey", "survey": {"score": 5}},
}


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(AUTHORING / "explain.yaml")


@pytest.mark.parametrize("name", sorted(EVENTS))
def test_golden_text(plan: Plan, name: str) -> None:
    check_golden(GOLDEN / f"{name}.txt", render_explanation(explain(plan, EVENTS[name])))


@pytest.mark.parametrize("name", sorted(EVENTS))
def test_golden_trace_json(plan: Plan, name: str) -> None:
    document = decide_with_trace(plan, EVENTS[name])
    text = orjson.dumps(document, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2).decode()
    check_golden(GOLDEN / f"{name}.json", text + "\n")


def reasons(plan: Plan, event: dict[str, Any]) -> dict[str, tuple[Status, str]]:
    return {s.rule.id: (s.status, s.reason) for s in explain(plan, event).steps}


def test_first_failing_condition_with_actual_value(plan_from: Any) -> None:
    small = plan_from(
        """
        rules:
          - id: low
            title: Low rating
            when:
              event: review
              all: [{field: rating, lte: 2}, {field: channel, eq: yelp}]
            then: [{apologize: {}}]
        """
    )
    status, reason = reasons(small, {"id": 1, "type": "review", "rating": 4})["low"]
    assert status is Status.NO_MATCH
    assert reason == "rating is 4; this rule needs 2 or less"
    step = explain(small, {"id": 1, "type": "review", "rating": 4}).step("low")
    assert step is not None and step.to_step()["field"] == "rating"
    assert step.to_step()["actual"] == 4


def test_missing_field_and_wrong_kind(plan_from: Any) -> None:
    small = plan_from(
        """
        rules:
          - id: vip
            title: VIP
            when: {all: [{field: customer.tier, in: [gold, platinum]}]}
            then: [{apologize: {}}]
        """
    )
    assert reasons(small, {"id": 1, "type": "order"})["vip"][1] == (
        "the event has no customer.tier; this rule needs one of gold or platinum"
    )
    assert reasons(small, {"id": 1, "type": "order", "customer": {"tier": 3}})["vip"][1] == (
        "customer.tier is 3 (a number, not text); this rule needs one of gold or platinum"
    )


def test_not_and_any_are_explained(plan: Plan) -> None:
    event = {"id": 1, "type": "review", "channel": "yelp", "rating": 1, "text": "A TEST ORDER"}
    status, reason = reasons(plan, event)["public-unhappy"]
    assert status is Status.NO_MATCH
    assert reason == (
        'text is "A TEST ORDER"; this rule needs something not containing "test order" in any '
        "capitalisation"
    )
    survey = {"id": 2, "type": "review", "channel": "yelp", "rating": 5}
    assert reasons(plan, survey)["public-unhappy"][1] == (
        "none of these holds: rating is 5 (needs 2 or less); or the event has no survey.score "
        "(needs 2 or less) (named condition unhappy)"
    )


def test_stop_disabled_and_fallback_reasons(plan: Plan) -> None:
    found = reasons(plan, EVENTS["outage-stops"])
    assert found["outage"][0] is Status.FIRED
    assert found["public-unhappy"][0] is Status.NO_MATCH  # no channel: conditions fail first
    assert found["old-rule"] == (
        Status.DISABLED,
        "disabled (`enabled: false`); its conditions would hold",
    )
    assert found["improvise"][0] is Status.NOT_NEEDED
    stopped = reasons(plan, {**EVENTS["outage-stops"], "order": {"total": 500}})
    assert stopped["big-order"] == (
        Status.STOPPED,
        "its conditions hold, but outage fired first and has `stop: true`",
    )


def test_match_first_is_explained(plan_from: Any) -> None:
    first = plan_from(
        """
        backplan: 1
        plan: {name: First, currency: USD, match: first}
        rules:
          - {id: a, title: A, when: {event: review}, then: [{apologize: {}}]}
          - {id: b, title: B, when: {event: review}, then: [{apologize: {}}]}
        """
    )
    status, reason = reasons(first, {"id": 1, "type": "review"})["b"]
    assert status is Status.STOPPED
    assert "fires only the first matching rule (`match: first`), and that is a" in reason


def test_trace_is_attached_and_valid_for_the_decision_model(plan: Plan) -> None:
    document = decide_with_trace(plan, EVENTS["public-review"])
    decision = Decision.validate(document)
    assert decision.trace is not None
    assert [s.rule for s in decision.trace] == [
        "outage",
        "public-unhappy",
        "staff-rude",
        "big-order",
        "old-rule",
        "improvise",
    ]
    fired = [s.rule for s in decision.trace if s.matched]
    assert fired == decision.matched


def test_text_quotes_the_event_with_control_characters_as_escapes(plan: Plan) -> None:
    # The text is read on a terminal: an event's ESC sequence, BEL or bidi override must not
    # act on it, and a line break in a value must neither start a line nor become a space.
    event = {"id": "a\x1b[2J", "type": "review", "channel": "yelp", "rating": "1\n\u202e"}
    text = render_explanation(explain(plan, event))
    assert text.startswith('Event a\\x1b[2J (review), plan "Explain Store"\n')
    assert 'rating is "1\\n\\u202e" (text, not a number) (needs 2 or less)' in text
    assert "Decision:\nEvent a\\x1b[2J (review)\n" in text
    assert not {"\x1b", "\u202e"} & set(text)


def test_undecidable_event_raises_like_decide(plan: Plan) -> None:
    with pytest.raises(EventError):
        explain(plan, {"type": "review"})


# Random events over the explain plan: the trace must agree with the compiled matcher.
_values = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 300), st.sampled_from(["yelp", "rude", "outage"])
)
_events = st.fixed_dictionaries(
    {"id": st.just("h"), "type": st.sampled_from(["review", "complaint", "survey", "order"])},
    optional={
        "channel": st.sampled_from(["yelp", "twitter", "email", 3]),
        "rating": _values,
        "issue": _values,
        "text": st.sampled_from(["rude!", "a test order", "fine", ""]),
        "order": st.fixed_dictionaries({}, optional={"total": _values}),
        "survey": st.fixed_dictionaries({}, optional={"score": _values}),
    },
)


@settings(max_examples=300, deadline=None)
@given(event=_events)
def test_trace_agrees_with_the_engine(plan: Plan, event: dict[str, Any]) -> None:
    explanation = explain(plan, event)
    fired = [s.rule.id for s in explanation.steps if s.fired]
    assert sorted(fired) == sorted(explanation.decision["matched"])
    for step in explanation.steps:
        assert "disagree" not in step.reason
        holds = conditions_of(step.rule, event, plan.model).ok
        if step.status in (Status.FIRED, Status.STOPPED, Status.NOT_NEEDED):
            assert holds
        if step.status in (Status.NO_MATCH, Status.OTHER_TYPE):
            assert not holds
