"""explain: why each rule fired or not, in words, and always in agreement with the decision."""

from __future__ import annotations

import decimal
import re
from collections import OrderedDict
from decimal import Decimal
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.api import Plan, load_plan
from engine.decision import Decision
from engine.errors import EventError
from engine.explain import (
    Status,
    TracesOnDemand,
    _why_stopped,
    conditions_of,
    decide_with_trace,
    explain,
    fallback_misspelt,
    misspelt_words,
    named_types,
    render_explanation,
)
from engine.fields import MISSING, lookup, split_path
from engine.operators import holds
from engine.textforms import composed_value
from engine.wording import kind_name, negated_requirement
from tests.conftest import REPO, NotAnswering, check_golden
from tests.test_differential import compile_document, events, field_test, plan_document
from tests.test_wording import EVERY_DECIMAL, odd_context

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


def test_an_event_type_is_called_an_event_where_its_name_is_some_other_thing() -> None:
    """The starter plan's rules for products, contacts and orders had read "the event is a
    product" and "applies only to a contact", a contact being a person."""
    starter = load_plan(REPO / "rules")
    product = reasons(starter, {"id": "e", "type": "product", "issue": "rude"})
    review = reasons(starter, {"id": "f", "type": "review", "rating": 5})
    assert product["could-not-reach-anyone"][1] == (
        "the event is a product event; this rule applies only to a contact event"
    )
    assert review["charged-for-replacement"][1] == (
        "the event is a review; this rule applies only to a billing, product or order event, "
        "or a complaint"
    )


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


ANY_STATUS = """
rules:
  - {id: for-orders, title: T, when: {event: order}, then: [apologize: {}]}
  - {id: off, title: T, enabled: false, when: {event: order}, then: [apologize: {}]}
  - {id: any-type, title: T, when: {all: [{field: rating, lte: 2}]}, then: [apologize: {}]}
  - id: says-order
    title: T
    when: {event: [review, order], all: [{field: type, eq: order}]}
    then: [apologize: {}]
  - {id: reviews, title: T, priority: 5, when: {event: review}, stop: true, then: [apologize: {}]}
  - {id: stopped, title: T, when: {event: review}, then: [apologize: {}]}
  - {id: fb, title: T, fallback: true, then: [{escalate: {to: a}}]}
"""


@pytest.mark.parametrize(
    "event",
    [
        {"id": "r", "type": "review", "rating": 4},
        {"id": "o", "type": "order", "rating": 1},
        {"id": "s", "type": "survey", "rating": 5},
    ],
)
def test_traces_on_demand_are_explains_own(plan_from: Any, event: dict[str, Any]) -> None:
    """`backplan test` traces a rule only when a failure needs it (``TracesOnDemand``): each
    trace, and the ordinary rules for the event's type (told by `event:` alone where it
    excludes the type), are what ``explain`` gives for every rule."""
    plan = plan_from(ANY_STATUS)
    whole = explain(plan, event)
    asked = TracesOnDemand(plan, event)
    assert asked.decision == whole.decision
    assert [asked.step(s.rule.id) for s in whole.steps] == list(whole.steps)
    assert asked.step("no-such-rule") is None
    for_its_type = [  # a disabled rule's trace says so before its type: held to it too
        s.rule.id
        for s in whole.steps
        if not s.rule.fallback
        and s.status is not Status.OTHER_TYPE
        and (s.rule.enabled or not s.rule.events or event["type"] in s.rule.events)
    ]
    assert [rule.id for rule in asked.ordinary_for_its_type()] == for_its_type
    assert asked.would_match(plan.model.rules[1]) is (event["type"] == "order")  # `off`
    statuses = {s.rule.id: s.status for s in whole.steps}
    if event["type"] == "review":  # every status a rule can have, but fallback's
        assert statuses == {
            "for-orders": Status.OTHER_TYPE,
            "off": Status.DISABLED,
            "any-type": Status.NO_MATCH,
            "says-order": Status.OTHER_TYPE,
            "reviews": Status.FIRED,
            "stopped": Status.STOPPED,
            "fb": Status.NOT_NEEDED,
        }


VIP = """
rules:
  - id: vip
    title: VIP
    when: {all: [{field: customer.tier, in: [gold, platinum]}]}
    then: [{apologize: {}}]
"""


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (Decimal("1.5"), "1.5 (an instance of Decimal, which is not JSON data, not text)"),
        (
            frozenset({"gold"}),
            "frozenset({'gold'}) (an instance of frozenset, which is not JSON data, not text)",
        ),
    ],
)
def test_a_value_of_no_json_kind_is_named_by_its_class(
    plan_from: Any, value: Any, said: str
) -> None:
    """An app's event may hold what JSON has no kind for: explain called a Decimal (and a set)
    "a group of fields", which it is not (found by review); error records name its class."""
    small = plan_from(VIP)
    event = {"id": 1, "type": "order", "customer": {"tier": value}}
    assert reasons(small, event)["vip"][1] == (
        f"customer.tier is {said}; this rule needs one of gold or platinum"
    )


def test_missing_field_and_wrong_kind(plan_from: Any) -> None:
    small = plan_from(VIP)
    assert reasons(small, {"id": 1, "type": "order"})["vip"][1] == (
        "the event has no customer.tier; this rule needs one of gold or platinum"
    )
    assert reasons(small, {"id": 1, "type": "order", "customer": {"tier": 3}})["vip"][1] == (
        "customer.tier is 3 (a number, not text); this rule needs one of gold or platinum"
    )


def test_a_field_on_the_way_is_named_only_when_it_holds_a_value(plan_from: Any) -> None:
    """A value where a group of fields is due is named; an app's `OrderedDict` (a dict's
    subclass, which no test reads) is not called a value of the wrong kind."""
    small = plan_from(VIP)
    for customer, said in [
        ("gold", ": customer is gold (text, not a group of fields)"),
        (None, ": customer is empty (null), not a group of fields"),
        # a list of one group: what to write, where it had been "[a group of fields] (a list,
        # not a group of fields)" (found by review)
        (
            [{"tier": "gold"}],
            ": customer is a list holding one group of fields, not the group itself: write the "
            "group without the list around it (no `[ ]`, no `- ` before it)",
        ),
        (
            [{"tier": "gold"}, {}],
            ": customer is a list of 2 groups of fields, not one group of fields",
        ),
        (
            [{"tier": "gold"}, 1],
            ": customer is [a group of fields, 1] (a list, not a group of fields)",
        ),
        # its first item read too (found by mutation testing)
        (
            [1, {"tier": "gold"}],
            ": customer is [1, a group of fields] (a list, not a group of fields)",
        ),
        ([], ": customer is an empty list (a list, not a group of fields)"),
        (OrderedDict(tier="gold"), ""),
    ]:
        event = {"id": 1, "type": "order", "customer": customer}
        assert reasons(small, event)["vip"][1] == (
            f"the event has no customer.tier{said}; this rule needs one of gold or platinum"
        )
    deep = plan_from(VIP.replace("customer.tier", "customer.items.0.tier"))
    for items, said in [
        ("gold", ": customer.items is gold (text, not a group of fields)"),
        ([7], ": customer.items.0 is 7 (a number, not a group of fields)"),
        ([], ""),
    ]:
        event = {"id": 1, "type": "order", "customer": {"items": items}}
        assert reasons(deep, event)["vip"][1] == (
            f"the event has no customer.items.0.tier{said}; this rule needs one of gold or platinum"
        )


def test_a_field_on_the_way_of_no_json_kind_or_no_number_is_told_in_its_words(
    plan_from: Any,
) -> None:
    """NaN on the way had been "customer is nan (a number, ...)", a word a manager does not
    know, of a value that is no number; an app's `object()` had its words twice; a tuple or a
    list's subclass read by its index had been called "a list, not a group of fields", a list
    being what the path reads (found by review)."""
    small = plan_from(VIP)
    for customer, said in [
        (float("nan"), "NaN, which JSON has not (pandas writes NaN for a missing value)"),
        (float("-inf"), "minus infinity, which JSON has not"),
        (object(), "an instance of object, which is not JSON data"),
    ]:
        event = {"id": 1, "type": "order", "customer": customer}
        assert reasons(small, event)["vip"][1] == (
            f"the event has no customer.tier: customer is {said}, not a group of fields; this "
            "rule needs one of gold or platinum"
        )

    class Items(list[Any]):
        pass

    deep = plan_from(VIP.replace("customer.tier", "customer.items.0.tier"))
    for items in [({"tier": "gold"},), Items([{"tier": "gold"}])]:
        event = {"id": 1, "type": "order", "customer": {"items": items}}
        assert reasons(deep, event)["vip"][1] == (
            "the event has no customer.items.0.tier; this rule needs one of gold or platinum"
        )


def test_not_and_any_are_explained(plan: Plan) -> None:
    event = {"id": 1, "type": "review", "channel": "yelp", "rating": 1, "text": "A TEST ORDER"}
    status, reason = reasons(plan, event)["public-unhappy"]
    assert status is Status.NO_MATCH
    assert reason == (
        'text is "A TEST ORDER"; this rule needs anything not containing "test order" in any '
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
    assert "Decision:\nEvent a\\x1b[2J (review), time not given" in text
    assert not {"\x1b", "\u202e"} & set(text)


def test_a_reason_in_japanese_is_wrapped_to_the_columns_a_terminal_shows(plan: Plan) -> None:
    """Wrapped by characters, a reason quoting a guest's Japanese text ran to about 120
    columns where 100 was meant: each character takes two (found by writing a hotel group's
    plan)."""
    from engine.wrapping import columns

    event = {"id": "a", "type": "review", "channel": "yelp", "rating": "騒音がひどかった" * 12}
    lines = render_explanation(explain(plan, event)).splitlines()
    assert any("騒音" in line for line in lines)
    assert max(columns(line) for line in lines if "騒音" in line) <= 100


def test_text_names_the_key_an_event_has_close_to_a_field_it_lacks(plan: Plan) -> None:
    """A sending system's `ordr: {total: 120}` had been told only "the event has no
    order.total" in explain, where `backplan test` of the same event names `ordr` (found by a
    supervisor's review). The trace `eval --explain` writes is left as it was."""
    event = {"id": "a", "type": "complaint", "ordr": {"total": 120}}
    explanation = explain(plan, event)
    text = render_explanation(explanation)
    told = (
        "the event has no order.total; this rule needs 100 or more; the event has `ordr`: did "
        "you mean `order`?"
    )
    assert told in " ".join(line.strip() for line in text.splitlines())
    assert "ordr" not in orjson.dumps(explanation.to_document()).decode()


@pytest.mark.parametrize("kind", ["revew", "Review"])
def test_text_names_the_type_an_event_misspells_at_its_rules(plan: Plan, kind: str) -> None:
    """An event of type `revew` had been told "the event is a revew; this rule applies only to
    a review" of each rule for reviews, as if it were of another kind, while `eval` warns of
    its `type` (found by a supervisor's review). Only the rules of the type meant say so."""
    text = render_explanation(explain(plan, {"id": "a", "type": kind, "rating": 1}))
    joined = " ".join(line.strip() for line in text.splitlines())
    told = (
        f"public-unhappy: not for this event the event is a {kind}; this rule applies only to "
        f"a review or a complaint; `{kind}` is no event type of the event schema: did you mean "
        "`review`?"
    )
    assert told in joined
    assert joined.count("did you mean") == 1  # not at `outage`, for complaints only


@pytest.mark.parametrize(("kind", "article"), [("Order", "an"), ("Review", "a"), ("Item", "an")])
def test_text_gives_a_type_written_with_a_capital_its_article(
    plan: Plan, kind: str, article: str
) -> None:
    """An event of type `Order` had been told "the event is a Order" at every rule for
    another type: the article was chosen from the capital, which no vowel is."""
    text = render_explanation(explain(plan, {"id": "a", "type": kind, "rating": 1}))
    joined = " ".join(line.strip() for line in text.splitlines())
    assert f"the event is {article} {kind};" in joined


_CUSTOM_TYPES = """
rules:
  - {id: chargeback, title: Chargeback, when: {event: x-chargeback}, then: [{apologize: {}}]}
  - {id: chargebacks, title: Chargebacks, when: {event: x-chargebacks}, then: [{apologize: {}}]}
  - {id: orders, title: Orders, when: {event: order}, then: [{apologize: {}}]}
  - {id: improvise, title: Else, fallback: true, then: [{escalate: {to: duty-manager}}]}
"""


@pytest.mark.parametrize(
    ("kind", "told"),
    [
        (
            "x-chargebak",
            "chargeback: not for this event the event is an x-chargebak event; this rule "
            "applies only to an x-chargeback event; no rule of the plan is for `x-chargebak` "
            "events: did you mean `x-chargeback`?",
        ),
        (
            "X-Chargebak",
            "chargeback: not for this event the event is a X Chargebak; this rule applies only "
            "to an x-chargeback event; `X-Chargebak` is no event type of the event schema: did "
            "you mean `x-chargeback`?",
        ),
        (
            "ordre",  # the standard types are still among those meant
            "orders: not for this event the event is an ordre; this rule applies only to an "
            "order event; `ordre` is no event type of the event schema: did you mean `order`?",
        ),
    ],
)
def test_text_names_the_custom_type_an_event_misspells(
    plan_from: Any, kind: str, told: str
) -> None:
    """A plan's rule for `x-chargeback`, and an event of type `x-chargebak`: it went to the
    fallback for that slip alone, and explain said nothing of it, where `revew` is told
    `review` (found by review). Only the rule of the type meant says so."""
    text = render_explanation(explain(plan_from(_CUSTOM_TYPES), {"id": "a", "type": kind}))
    joined = " ".join(line.strip() for line in text.splitlines())
    assert told in joined
    assert joined.count("did you mean") == 1


@pytest.mark.parametrize("kind", ["x-chargebacks", "x-chargebac5", "x-ordr", "order", "x-other"])
def test_no_type_is_offered_for_one_the_plan_names_or_none_is_close_to(
    plan_from: Any, kind: str
) -> None:
    """An event of a type another rule is for (`x-chargebacks`, one letter from
    `x-chargeback`) is of that type, not a slip; a standard type is no slip either, and a
    custom type is no slip of a standard one (`x-ordr` is not told `order`)."""
    text = render_explanation(explain(plan_from(_CUSTOM_TYPES), {"id": "a", "type": kind}))
    assert ("did you mean" in text) is (kind == "x-chargebac5")


@pytest.mark.parametrize(
    ("currency", "noted"),
    [
        ("GBP", True),
        ("eur", False),
        (None, False),
        (7, False),
        ("€", False),
        ("euros", False),
        ("", False),
        ("  ", False),
    ],
)
def test_text_notes_an_offer_of_an_amount_in_another_currency(
    plan: Plan, currency: Any, noted: bool
) -> None:
    """The plan pays in EUR and converts nothing: an order of 80 GBP made a voucher of 12.00
    EUR, told only as "15% of order.total", and the supervisor asked why the customer's 80
    pounds made 12 euros (found by a supervisor's review). The same currency in other
    capitals, none, or no text, is no note; nor is it as its sign or name (`€`, `euros`), or
    blank: they had been noted "order.total is in "€", not in the plan's EUR" (found by
    review)."""
    order: dict[str, Any] = {"total": 80} | ({} if currency is None else {"currency": currency})
    event = {"id": "a", "type": "review", "channel": "yelp", "rating": 1, "order": order}
    text = render_explanation(explain(plan, event))
    note = (
        "  Check the amount: order.total is in GBP (order.currency), not in the plan's EUR, and "
        "Backplan\n    converts no currency: 15% of order.total (80) was counted as if it were "
        "EUR.\n"
    )
    assert text.endswith(note) is noted
    assert ("Check the amount" in text) is noted


_OWN_FIELDS = """\
backplan: 1
plan: {name: Pharmacy, currency: EUR, extra_fields: [prescription.delay_hours]}
rules:
  - id: late-prescription
    title: Late prescription
    when: {event: order, all: [{field: prescription.delay_hours, gte: 4}]}
    then: [{compensate: {kind: voucher, percent: 10, of: order.total}}]
  - {id: improvise, title: Else, fallback: true, then: [{escalate: {to: duty-manager}}]}
"""


@pytest.mark.parametrize(
    ("event", "told"),
    [
        (  # a field of the plan's own, which the event schema does not name either
            {"type": "order", "prescripton": {"delay_hours": 5}},
            "; the event has `prescripton`: did you mean `prescription`?",
        ),
        ({"type": "x-ordr"}, ""),  # a custom type is one a plan may name: no slip
    ],
)
def test_a_slip_is_told_only_as_it_is(tmp_path: Any, event: dict[str, Any], told: str) -> None:
    """A key misspelt of a field neither side's schema names is the event's slip, not the
    rule's; a custom type (`x-ordr`) is no misspelt `order` (found by mutation testing)."""
    (tmp_path / "plan.yaml").write_text(_OWN_FIELDS)
    explanation = explain(load_plan(tmp_path / "plan.yaml"), {"id": "a", **event})
    step = explanation.step("late-prescription")
    assert step is not None
    named = named_types(each.rule for each in explanation.steps)
    assert misspelt_words(explanation.event, step, named) == told


_SLIPS = """\
backplan: 1
plan: {name: Slips, currency: EUR}
rules:
  - {id: any-gold, title: Gold, when: {all: [{field: customer.tier, eq: gold}]}, then: [{apologize: {}}]}
  - {id: staffed, title: Staff, when: {event: order, all: [{field: staff.team, eq: a}]}, then: [{apologize: {}}]}
  - {id: bad-review, title: Review, when: {event: review}, then: [{apologize: {}}]}
  - {id: improvise, title: Else, fallback: true, then: [{escalate: {to: duty-manager}}]}
"""


@pytest.mark.parametrize(
    ("event", "told"),
    [
        (  # the type, though a rule before the review's finds a misspelt field
            {"type": "revew", "custmer": {"tier": "gold"}},
            "; `revew` is no event type of the event schema: did you mean `review`?",
        ),
        (  # the first rule's field, in explain's order
            {"type": "order", "custmer": {"tier": "gold"}, "staf": {"team": "a"}},
            "; the event has `custmer`: did you mean `customer`?",
        ),
        (  # a rule for the event's type only: a rule for orders tests staff.team
            {"type": "order", "customer": {"tier": "x"}, "staf": {"team": "a"}},
            "; the event has `staf`: did you mean `staff`?",
        ),
        ({"type": "contact", "customer": {"tier": "x"}, "staf": {"team": "a"}}, ""),
        ({"type": "order", "customer": {"tier": "x"}}, ""),
    ],
)
def test_a_fallback_is_told_the_likeliest_slip(
    tmp_path: Any, event: dict[str, Any], told: str
) -> None:
    """What `eval --pretty` says under a fallback's decision: explain's clause, the type's
    first, else the first rule's of the event's type (a rule of another type is no reason)."""
    (tmp_path / "plan.yaml").write_text(_SLIPS)
    plan = load_plan(tmp_path / "plan.yaml")
    decision = plan.decide({"id": "a", **event})
    assert decision["fallback"]
    named = named_types(plan.model.rules)
    assert fallback_misspelt(plan.model, {"id": "a", **event}, decision, named) == told


def test_an_offer_first_among_the_actions_is_noted_in_another_currency(tmp_path: Any) -> None:
    """The note looks at every action, the first too (found by mutation testing)."""
    (tmp_path / "plan.yaml").write_text(_OWN_FIELDS)
    event = {"id": "a", "type": "order", "prescription": {"delay_hours": 5}}
    event["order"] = {"total": 50, "currency": "USD"}
    text = render_explanation(explain(load_plan(tmp_path / "plan.yaml"), event))
    assert "Check the amount: order.total is in USD (order.currency)" in text


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


NOT_OTHER_STORE = """
rules:
  - id: not-other-store
    title: Not about another store
    when: {event: complaint, not: {field: store, ne: main}}
    then: [{apologize: {}}]
"""


@pytest.mark.parametrize(
    ("store", "status", "reason"),
    [
        (
            12,
            Status.FIRED,
            "the event is a complaint; store is 12 (a number, not text) (main, or no value, or a "
            "value that is not text)",
        ),
        (
            "north",
            Status.NO_MATCH,
            "store is north; this rule needs main, or no value, or a value that is not text",
        ),
        (
            MISSING,
            Status.FIRED,
            "the event is a complaint; the event has no store (main, or no value, or a value that "
            "is not text)",
        ),
        (
            "main",
            Status.FIRED,
            "the event is a complaint; store is main (main, or no value, or a "
            "value that is not text)",
        ),
    ],
)
def test_not_around_ne_says_what_it_holds_for(
    plan_from: Any, store: Any, status: Status, reason: str
) -> None:
    """`not: {ne: main}` is not `eq: main`: it holds for a number and for no store at all. The
    words once said "(main)" for a store of 12 that fired, and "this rule needs main" for one
    that did not, although no store would have fired it too."""
    event = {"id": 1, "type": "complaint"} | ({} if store is MISSING else {"store": store})
    found = reasons(plan_from(NOT_OTHER_STORE), event)["not-other-store"]
    assert found == (status, reason)


OTHER_THAN_MAIN = """
rules:
  - id: other-store
    title: About another store
    when: {event: complaint, all: [{field: store, ne: main}]}
    then: [{apologize: {}}]
  - id: other-tier
    title: Not a top tier
    when: {event: complaint, all: [{field: tier, not_in: [gold, 1]}]}
    then: [{apologize: {}}]
"""


@pytest.mark.parametrize(
    ("event", "other_store", "other_tier"),
    [
        (
            {},
            "the event has no store; this rule needs text other than main",
            "the event has no tier; this rule needs text or a number other than gold or 1",
        ),
        (
            {"store": 12, "tier": True},
            "store is 12 (a number, not text); this rule needs text other than main",
            "tier is true; this rule needs text or a number other than gold or 1",
        ),
        (
            {"store": "main", "tier": "gold"},
            "store is main; this rule needs text other than main",
            "tier is gold; this rule needs text or a number other than gold or 1",
        ),
    ],
)
def test_ne_and_not_in_say_they_need_a_value_of_their_kind(
    plan_from: Any, event: dict[str, Any], other_store: str, other_tier: str
) -> None:
    """`ne: main` is false for no store and for a store of 12: the words had said "this rule
    needs anything but main" of both, which `not: {eq: main}` is worded as and holds for
    (found by review)."""
    found = reasons(plan_from(OTHER_THAN_MAIN), {"id": 1, "type": "complaint"} | event)
    assert found == {
        "other-store": (Status.NO_MATCH, other_store),
        "other-tier": (Status.NO_MATCH, other_tier),
    }


_KIND_BOUND = (
    ("anything but a number that is ", ("a number",)),
    ("anything but text that is ", ("text",)),
    ("anything but text ", ("text",)),  # starting with, ending with, matching
    ("anything not containing ", ("text", "a list")),
    ("anything containing none of ", ("text", "a list")),
)
"""Words for `not` that admit everything but a value of these kinds meeting the test."""


def _words_deny(need: str, value: Any, held: bool) -> bool:
    """Whether the words for a `not` deny its outcome for this value, judged by what they say of
    its presence and kind (a test is false for no value and a value of another kind, so `not`
    holds for them). Words this does not know deny: every form must be one it can judge."""
    absent = value is MISSING or value is None
    kind = None if absent else kind_name(value)
    if need == "anything":
        return not held
    if need in ("a value", "no value"):
        return held is not (absent is (need == "no value"))
    if ", or no value, or a value that is not " in need:
        kinds = re.split(r", | or ", need.rsplit("a value that is not ", 1)[1])
        return (absent or kind not in kinds) and not held
    for prefix, kinds in _KIND_BOUND:
        if need.startswith(prefix):
            return kind not in kinds and not held
    if need.startswith("anything but "):  # eq, in: only the values named are left out
        return value is MISSING and not held
    return True


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(test=field_test(), event=events())
def test_not_is_explained_as_the_engine_decides(
    test: dict[str, Any], event: dict[str, Any]
) -> None:
    """For any test under `not` and any event: explain's verdict is the compiled matcher's, its
    reason quotes the words for `not`, and those words never deny the outcome."""
    rule = {"id": "r", "title": "R", "when": {"not": test}, "then": [{"apologize": {}}]}
    fallback = {"id": "f", "title": "F", "fallback": True, "then": [{"apologize": {}}]}
    plan = compile_document(plan_document([rule, fallback], "all"))
    op = next(k for k in test if k not in ("field", "ignore_case"))
    value = lookup(event, split_path(test["field"]))
    ignore_case = test.get("ignore_case", False)
    held = not holds(op, value, test[op], ignore_case)
    step = explain(plan, event).step("r")
    assert step is not None
    assert step.fired is held is ("r" in plan.evaluate(event).to_document()["matched"])
    # The plan's texts as the plan reader keeps them, composed (engine.textforms)
    need = negated_requirement(op, composed_value(test[op]), ignore_case)
    assert need in step.reason
    assert not _words_deny(need, value, held), (need, value, held)


def _contains_rules(count: int) -> str:
    """A plan of ``count`` rules, each testing the event's ``text`` for its own word."""
    rules = "".join(
        f"  - {{id: r{n}, title: R, when: {{all: [{{field: text, contains: w{n}}}]}}, "
        "then: [{apologize: {}}]}\n"
        for n in range(count)
    )
    return f"rules:\n{rules}"


def test_a_long_value_is_shortened_in_each_trace_step(plan_from: Any) -> None:
    """Every rule failing on a field copied its whole value: 1,000 rules and a 100 KB text
    made one event's trace 100 MB."""
    plan = plan_from(_contains_rules(1000))
    text = "x" * 100_000
    document = decide_with_trace(plan, {"id": 1, "type": "review", "text": text})
    steps = document["trace"]
    assert len(steps) == 1000
    assert len(orjson.dumps(document)) < 600_000  # 100 MB before
    assert steps[0]["actual"] == "x" * 199 + "…"
    assert steps[0]["actual_cut"] is True
    assert all(step["actual"] == steps[0]["actual"] for step in steps)
    trace = Decision.from_document(document).trace
    assert trace is not None and trace[0].actual_cut is True


@pytest.mark.parametrize(
    ("value", "shown", "cut"),
    [
        (4, 4, False),
        (None, None, False),
        ("x" * 200, "x" * 200, False),
        ("x" * 201, "x" * 199 + "…", True),
        (list(range(19)), list(range(19)), False),  # the list itself is one of the 20 values
        ((1, "a"), [1, "a"], False),  # an app's tuple: a list, as JSON has it, not words
        (list(range(20)), list(range(19)), True),
        ([["a" * 150, "b" * 100]], [["a" * 150, "b" * 49 + "…"]], True),
        # the budget spent, a text after one cut is cut too, to its ellipsis, however short
        (["a" * 150, "b" * 100, "c"], ["a" * 150, "b" * 49 + "…", "…"], True),
        ({"k" * 150: 1, "m" * 60: 2, "n": 3}, {"k" * 150: 1}, True),  # a key is never cut
        ([[[[[]]]]], [[[[[]]]]], False),
        # a key worded for JSON takes its length from the budget once (it took it twice)
        ({"a" * 120 + "\ud800": 1, "b": 2}, {"a" * 120 + "\ufffd": 1, "b": 2}, True),
        ({1: "a", "1": "b"}, {"1": "b"}, True),  # one name for two fields: one is left out
        # a group's first fields by name, whatever order they came in
        ({f"k{n:02}": n for n in reversed(range(25))}, {f"k{n:02}": n for n in range(19)}, True),
    ],
)
def test_trace_value_keeps_200_characters_and_20_values(value: Any, shown: Any, cut: bool) -> None:
    from engine.explain import trace_value

    assert trace_value(value) == (shown, cut)


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=8) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=60,
)


@settings(max_examples=200, deadline=None)
@given(value=st.dictionaries(st.text(max_size=12), _JSON_VALUES, max_size=30), seed=st.randoms())
def test_a_shortened_value_does_not_depend_on_the_order_of_its_keys(
    value: dict[str, Any], seed: Any
) -> None:
    """The decision's bytes are the same whatever the order of the event's keys
    (docs/semantics.md), its trace included: a long group of fields had kept its first fields
    in the event's order (found by review)."""
    from engine.explain import trace_value

    def shuffled(item: Any) -> Any:
        if isinstance(item, dict):
            keys = list(item)
            seed.shuffle(keys)
            return {key: shuffled(item[key]) for key in keys}
        if isinstance(item, list):
            return [shuffled(part) for part in item]
        return item

    shown, cut = trace_value(value)
    again, cut_again = trace_value(shuffled(value))
    assert orjson.dumps(again, option=orjson.OPT_SORT_KEYS) == orjson.dumps(
        shown, option=orjson.OPT_SORT_KEYS
    )
    assert cut_again == cut


def test_a_trace_written_before_actual_cut_reads_as_not_cut(plan: Plan) -> None:
    document = decide_with_trace(plan, EVENTS["wrong-kind"])
    for step in document["trace"]:
        del step["actual_cut"]
    trace = Decision.from_document(document).trace
    assert trace is not None and trace[0].actual_cut is False


def _nested(depth: int) -> list[Any]:
    outer: list[Any] = []
    inner = outer
    for _ in range(depth):
        inner.append([])
        inner = inner[0]
    return outer


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("1.5"), "1.5"),  # json.loads(..., parse_float=Decimal)
        (2**64, str(2**64)),  # json.loads reads any whole number
        (-(2**63) - 1, str(-(2**63) - 1)),
        (float("nan"), "nan"),  # orjson would write null, with "rating is nan" beside it
        ("\ud800", "\ufffd"),  # a lone surrogate: UTF-8 has no form of it
        ({1: "a"}, {"1": "a"}),  # a key that is not text
        ([b"ab", {"x"}], ["b'ab'", "{'x'}"]),
    ],
)
def test_a_value_json_cannot_hold_is_worded_in_the_trace(
    plan_from: Any, value: Any, shown: Any
) -> None:
    """An embedding app's event may hold what JSON cannot; its explanation must still be JSON
    (to_json raised TypeError), valid in its own format, and say the value was not kept."""
    plan = plan_from(
        "rules:\n  - {id: r, title: R, when: {all: [{field: rating, eq: 3}]}, then: [{apologize: {}}]}\n"
    )
    decision = plan.explain({"id": 1, "type": "review", "rating": value})
    [step] = orjson.loads(decision.to_json())["trace"]
    assert (step["actual"], step["actual_cut"]) == (shown, True)
    Decision.validate(decision.to_document())


def test_a_group_of_fields_where_a_number_is_wanted_is_named_once(plan_from: Any) -> None:
    """The value shown already says its kind: "rating is a group of fields (a group of
    fields, not a number)" said it twice (found by review)."""
    plan = plan_from(
        "rules:\n  - {id: r, title: R, when: {all: [{field: rating, eq: 3}]}, then: [{apologize: {}}]}\n"
    )
    decision = plan.explain({"id": 1, "type": "review", "rating": {"stars": 3}})
    assert decision.trace is not None
    assert decision.trace[0].reason == (
        "rating is a group of fields (not a number); this rule needs 3"
    )


def test_a_list_nested_thousands_deep_is_explained(plan_from: Any) -> None:
    """json.loads reads such nesting, and each level shown took a level of the stack:
    explain raised RecursionError from about 500 levels."""
    plan = plan_from(
        "rules:\n  - {id: r, title: R, when: {all: [{field: rating, eq: 3}]}, then: [{apologize: {}}]}\n"
    )
    decision = plan.explain({"id": 1, "type": "review", "rating": _nested(5000)})
    assert decision.trace is not None
    assert decision.trace[0].reason == (
        "rating is [[[[[…]]]]] (a list, not a number); this rule needs 3"
    )


@pytest.mark.parametrize(
    ("number", "words"),
    [(10**5000, "a"), (-(10**5000), "a negative")],
    ids=["positive", "negative"],  # an id of the number itself cannot be written either
)
def test_a_whole_number_too_long_to_write_is_described(
    plan_from: Any, number: int, words: str
) -> None:
    """Python refuses to write an int of more than 4,300 digits: an app's 10**5000 in an event
    stopped `Plan.explain` with a ValueError (found by review)."""
    plan = plan_from(OTHER_THAN_MAIN)
    found = reasons(plan, {"id": 1, "type": "complaint", "store": number})
    assert found["other-store"] == (
        Status.NO_MATCH,
        f"store is {words} whole number of about 5,001 digits (a number, not text); this rule "
        "needs text other than main",
    )
    [step, _] = plan.explain({"id": 1, "type": "complaint", "store": number}).trace or []
    assert step.actual == f"{words} whole number of about 5,001 digits" and step.actual_cut


@pytest.fixture(scope="module")
def starter() -> Plan:
    return load_plan(REPO / "rules")


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("1E+1000000", "1e1000000"),
        ("-1E+1000000", "-1e1000000"),
        ("1E-999990", "1e-999990"),
        ("sNaN", "NaN"),
        ("-Infinity", "-Infinity"),
    ],
)
def test_the_starter_plan_explains_an_apps_extreme_decimal(
    starter: Plan, number: str, shown: str
) -> None:
    """An app's event may hold a Decimal (`json.loads(..., parse_float=Decimal)`) of any size:
    1E+1000000 stopped `Plan.explain` with decimal.Overflow, a signalling NaN with
    InvalidOperation, and 1E-999990 was written out in full in each reason and step, a 6 MB
    explanation (found by review). Explained whatever the caller's decimal context, it is
    the decision `evaluate` makes, with a reason of a line."""
    event = orjson.loads((REPO / "examples/events/public-negative-review.json").read_bytes())
    event["rating"] = event["order"]["total"] = Decimal(number)
    with decimal.localcontext(odd_context()):
        explained = starter.explain(event)
        decided = starter.evaluate(event)
    document = explained.to_document()
    assert document.pop("trace") and Decision(document) == decided
    assert decided.matched == ["improvise"]  # a Decimal is not a number (docs/semantics.md)
    steps = {step.rule: step for step in explained.trace or [] if step.field == "rating"}
    assert steps["mixed-public-review"].reason == (
        f"rating is {shown} (an instance of Decimal, which is not JSON data, not a number); "
        "this rule needs 3 or more"
    )
    assert {(step.actual, step.actual_cut) for step in steps.values()} == {(shown, True)}
    assert len(explained.to_json()) < 8_000  # the usual event's is 7,353 bytes


@settings(max_examples=200, deadline=None)
@given(number=EVERY_DECIMAL)
def test_any_decimal_in_an_event_is_explained_in_a_few_words(plan: Plan, number: Decimal) -> None:
    """Whatever its exponent or digits, and whatever the caller's decimal context, an app's
    Decimal in an event is explained (never an exception), in reasons of a line or two."""
    event = {"id": "a", "type": "review", "channel": "yelp", "rating": number}
    event["order"] = {"total": number}
    with decimal.localcontext(odd_context()):
        trace = plan.explain(event).trace or []
        text = render_explanation(explain(plan, event))
    assert all(len(step.reason) <= 300 for step in trace)
    assert len(text) < 2_000  # 1,085 characters for a rating of 1


def test_a_key_too_long_to_write_is_worded_in_the_trace(plan_from: Any) -> None:
    """A whole number of more than 4,300 digits as a key of a group of fields: its trace step
    raised ValueError, as the number itself had (found by review). Two such keys, worded
    alike, keep one, whatever the order they came in."""
    plan = plan_from(OTHER_THAN_MAIN)
    first = {10**5000: 1, 10**5000 + 1: 2, -(10**5000): 3, "a": 4}
    for fields in (first, dict(reversed(first.items()))):
        [step, _] = plan.explain({"id": 1, "type": "complaint", "store": fields}).trace or []
        assert step.actual_cut and step.actual == {
            "a": 4,
            "a negative whole number of about 5,001 digits": 3,
            "a whole number of about 5,001 digits": 1,
        }


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ({10**5000}, "a value that cannot be written out"),
        (frozenset(range(100_000)), "frozenset({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14…"),
        (b"x" * 1_000_000, "b'" + "x" * 57 + "…"),
        (
            set("zyxwvutsrqponmlkjihgfedcba"),
            "{'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'…",
        ),
        (frozenset({"b", 1, "a"}), "frozenset({'a', 'b', 1})"),
    ],
    ids=["a set of a long number", "a large set", "bytes", "a set of text", "a mixed set"],
)
def test_a_value_of_no_json_kind_is_shown_short(plan_from: Any, value: Any, shown: str) -> None:
    """A value of no JSON kind in an app's event is shown by its text, cut as long text is:
    a set of 100,000 numbers made a 4 MB explanation, and a set holding 10**5000 raised
    ValueError (found by review). A set's items are in order: in the order of their hashes,
    a set of text was shown otherwise in each process (found by review)."""
    plan = plan_from(OTHER_THAN_MAIN)
    [step, _] = plan.explain({"id": 1, "type": "complaint", "store": value}).trace or []
    assert (step.actual, step.actual_cut) == (shown, True)
    kind = type(value).__name__
    assert step.reason == (
        f"store is {shown} (an instance of {kind}, which is not JSON data, not text); this "
        "rule needs text other than main"
    )


class Unwritable:
    """An app's value whose ``__str__`` (and ``__repr__``) raises."""

    def __str__(self) -> str:
        raise TypeError("no text for this value")

    __repr__ = __str__


NAMED_NA = "an instance of NotAnswering, which is not JSON data"


@pytest.mark.parametrize(
    ("value", "shown", "reason"),
    [
        (NotAnswering(), NAMED_NA, f"{NAMED_NA} (not text)"),
        (["main", NotAnswering()], ["main", NAMED_NA], f"[main, {NAMED_NA}] (a list, not text)"),
        (
            Unwritable(),
            "a value that cannot be written out",
            "a value that cannot be written out (an instance of Unwritable, which is not JSON "
            "data, not text)",
        ),
    ],
    ids=["NA", "NA in a list", "a __str__ that raises"],
)
def test_a_value_of_no_json_kind_is_shown_alike_every_time(
    plan_from: Any, value: Any, shown: Any, reason: str
) -> None:
    """A value whose class writes no text of its own (pandas' NA in tests, an app's object)
    was shown by Python's text for it, `<NotAnswering object at 0x7f3a...>`, which names where
    it sits in memory: the explanation of one event changed from run to run. A ``__str__``
    that raised anything but ValueError raised from inside explain (found by review)."""
    plan = plan_from(OTHER_THAN_MAIN)
    [step, _] = plan.explain({"id": 1, "type": "complaint", "store": value}).trace or []
    assert (step.actual, step.actual_cut) == (shown, True)
    assert step.reason == f"store is {reason}; this rule needs text other than main"


def test_two_keys_worded_alike_keep_one_whatever_their_order() -> None:
    """Two keys with a lone surrogate are both worded `\\ufffd`: the one kept had been the
    first to come, so the trace's bytes changed with the order of the keys (found by review).
    """
    from engine.explain import trace_value

    pairs = [(chr(0xD800), 1), (chr(0xDC00), 2), ("b", 3)]  # (ruff takes the two for one)
    one = trace_value(dict(pairs))
    assert one == ({"b": 3, "\ufffd": 1}, True)
    assert trace_value(dict(reversed(pairs))) == one


def test_a_value_tested_by_many_rules_is_shortened_once_for_the_trace(
    plan_from: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each rule failing on a field repeats its value in the trace: a 278 KB value tested by
    1,000 rules was shortened 1,000 times (found by review). Each step still gets a copy of
    its own, so an app changing one step changes no other."""
    import engine.explain

    rules = "".join(
        f"  - {{id: r{n}, title: T, when: {{all: [{{field: details, eq: x{n}}}]}}, "
        "then: [apologize: {}]}\n"
        for n in range(30)
    )
    plan = plan_from("rules:\n" + rules)
    calls = []
    shorten = engine.explain.trace_value
    monkeypatch.setattr(engine.explain, "trace_value", lambda v: calls.append(1) or shorten(v))
    details = {f"k{n:03}": {"deep": [n]} for n in range(500)}
    trace = plan.explain({"id": 1, "type": "review", "details": details}).trace or []
    steps = [step for step in trace if step.field == "details"]
    assert len(steps) == 30 and len(calls) == 1
    assert all(step.actual == steps[0].actual and step.actual_cut for step in steps)
    document = engine.explain.explain(plan, {"id": 1, "type": "review", "details": details})
    first, second = document.to_document()["trace"][:2]
    assert first["actual"] == second["actual"] and first["actual"] is not second["actual"]
    assert first["actual"]["k000"] is not second["actual"]["k000"]


NOT_ONE_OR_LOW = """
rules:
  - {id: not-one, title: Not one, when: {all: [{field: rating, ne: 1}]}, then: [{apologize: {}}]}
  - {id: low, title: Low, when: {all: [{field: rating, lte: 2}]}, then: [{apologize: {}}]}
  - id: high
    title: High
    when: {all: [{not: {field: rating, lte: 4}}, {field: rating, exists: true}]}
    then: [{apologize: {}}]
  - {id: improvise, title: Else, fallback: true, then: [{escalate: {to: duty-manager}}]}
"""


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (float("nan"), "NaN, which JSON has not (pandas writes NaN for a missing value)"),
        (float("inf"), "infinity, which JSON has not"),
        (float("-inf"), "minus infinity, which JSON has not"),
    ],
    ids=["nan", "inf", "-inf"],
)
def test_a_float_json_has_not_fails_every_test_but_exists_and_explain_says_why(
    plan_from: Any, value: float, words: str
) -> None:
    """An app's NaN (pandas' missing value) held `ne: 1`, and minus infinity `lte: 2`, in
    `Plan.evaluate` and in the reasons of `Plan.explain`: a rule fired on no rating at all.
    Such a value is no number, as text in a number field is not one: only `exists` (and a
    `not` over a failed test) holds, explain says why, and both decide the same (found by
    review)."""
    plan = plan_from(NOT_ONE_OR_LOW)
    event = {"id": 1, "type": "review", "rating": value}
    decided, explained = plan.evaluate(event), plan.explain(event)
    assert decided.matched == explained.matched == ["high"]
    assert {step.rule: step.reason for step in explained.trace or []} == {
        "not-one": f"rating is {words}; this rule needs a number other than 1",
        "low": f"rating is {words}; this rule needs 2 or less",
        "high": (
            f"rating is {words} (anything but a number that is 4 or less); "
            f"rating is {words} (a value)"
        ),
        "improvise": "a fallback fires only when no other rule matches, and high matched",
    }


def test_a_list_of_reasons_inside_another_is_one_list(plan_from: Any) -> None:
    """An `any` inside an `any` (or an `all` under `not` inside another) that fails had read
    "none of these holds: none of these holds: ...", the head said twice and the lists run
    together; every reason is still listed, under one head. A list of another head (a `not`
    inside the `any`) or of a named condition keeps its own."""
    nested = plan_from(
        """
        conditions:
          five: {any: [{field: rating, eq: 5}, {field: rating, eq: 4}]}
        rules:
          - id: any-in-any
            title: A
            when:
              any:
                - any: [{field: rating, lte: 1}, {field: rating, gte: 5}]
                - all: [{field: public, eq: true}, {field: rating, lt: 3}]
            then: [{apologize: {}}]
          - id: not-all-in-not-all
            title: B
            when: {not: {all: [{all: [{field: rating, gte: 1}, {field: public, eq: false}]}]}}
            then: [{apologize: {}}]
          - id: kept-apart
            title: C
            when:
              any:
                - not: {all: [{field: rating, gte: 1}, {field: public, eq: false}]}
                - use: five
            then: [{apologize: {}}]
        """
    )
    found = reasons(nested, {"id": 1, "type": "review", "rating": 3, "public": False})
    assert found["any-in-any"][1] == (
        "none of these holds: rating is 3 (needs 1 or less); or rating is 3 (needs 5 or more); "
        "or public is false (needs true)"
    )
    assert found["not-all-in-not-all"][1] == (
        "all of these hold, and this rule needs at least one not to: rating is 3 (needs anything "
        "but a number that is 1 or more); or public is false (needs anything but false)"
    )
    apart = found["kept-apart"][1]
    assert apart.startswith("none of these holds: all of these hold, and this rule needs at")
    assert apart.endswith(
        "; or none of these holds: rating is 3 (needs 5); or rating is 3 (needs 4) (named condition five)"
    )


def test_a_value_that_differs_only_in_capitals_is_said_to(plan_from: Any) -> None:
    """`"Late"` against `eq: late` had read "issue is Late; this rule needs late", the one
    difference left for the reader to spot among like letters. A test `ignore_case` cannot
    make hold (another word, `ne`) and a test under `not` are told as before."""
    cased = plan_from(
        """
        rules:
          - id: late
            title: Late
            when: {all: [{field: issue, eq: late}]}
            then: [{apologize: {}}]
          - id: cold
            title: Cold
            when: {any: [{field: text, contains: cold}, {field: issue, in: [cold, frozen]}]}
            then: [{apologize: {}}]
          - id: other
            title: Other
            when: {all: [{field: issue, ne: Late}, {field: issue, eq: early}]}
            then: [{apologize: {}}]
          - id: not-late
            title: Not late
            when: {not: {field: issue, eq: Late}}
            then: [{apologize: {}}]
        """
    )
    found = reasons(cased, {"id": 1, "type": "order", "issue": "Late", "text": "COLD soup"})
    assert found["late"][1] == (
        "issue is Late; this rule needs late, and only the capitals differ (`ignore_case: true` "
        "on the test would accept it)"
    )
    assert found["cold"][1] == (
        'none of these holds: text is "COLD soup" (needs something containing cold; only the '
        "capitals differ); or issue is Late (needs one of cold or frozen)"
    )
    assert found["other"][1] == "issue is Late; this rule needs text other than Late"
    assert found["not-late"][1] == "issue is Late; this rule needs anything but Late"


def test_a_value_that_differs_only_in_spaces_hyphens_or_underscores_is_said_to(
    plan_from: Any,
) -> None:
    """`"wrong charge"` against `eq: wrong_charge` had read "issue is "wrong charge"; this rule
    needs wrong_charge", with no word of the one difference, nor of where it is to be fixed.
    `in` names the value it nearly equals; a list of tags is read item by item; a test under
    `not`, or `ne`, failed by being the same, and is told as before."""
    spaced = plan_from(
        """
        rules:
          - id: charge
            title: Charge
            when: {all: [{field: issue, eq: wrong_charge}]}
            then: [{apologize: {}}]
          - id: charges
            title: Charges
            when: {all: [{field: issue, in: [double_charged, wrong_charge]}]}
            then: [{apologize: {}}]
          - id: desk
            title: Desk
            when: {any: [{field: team, eq: front-desk}, {field: tags, contains: vip_guest}]}
            then: [{apologize: {}}]
          - id: tagged
            title: Tagged
            when: {all: [{field: tags, contains_any: [late, wrong-charge]}]}
            then: [{apologize: {}}]
          - id: other
            title: Other
            when: {all: [{field: issue, ne: wrong charge}, {field: issue, eq: early}]}
            then: [{apologize: {}}]
          - id: not-charge
            title: Not charge
            when: {not: {field: issue, eq: wrong charge}}
            then: [{apologize: {}}]
        """
    )
    event = {
        "id": 1,
        "type": "order",
        "issue": "wrong charge",
        "team": "Front Desk",
        "tags": ["vip guest", "wrong charge"],
    }
    found = reasons(spaced, event)
    assert found["charge"][1] == (
        'issue is "wrong charge"; this rule needs wrong_charge, and only the spaces and '
        'underscores differ: the event writes it "wrong charge", the plan wrong_charge (write '
        "them the same, in the plan or in the system that sends the events)"
    )
    assert found["charges"][1].endswith(
        'only the spaces and underscores differ: the event writes it "wrong charge", the plan '
        "wrong_charge (write them the same, in the plan or in the system that sends the events)"
    )
    assert found["desk"][1] == (
        'none of these holds: team is "Front Desk" (needs front-desk; only the spaces, hyphens '
        'and capitals differ); or tags is ["vip guest", "wrong charge"] (needs something '
        "containing vip_guest; only the spaces and underscores differ)"
    )
    assert found["tagged"][1].endswith(
        'only the spaces and hyphens differ: the event writes it "wrong charge", the plan '
        "wrong-charge (write them the same, in the plan or in the system that sends the events)"
    )
    assert (
        found["other"][1]
        == 'issue is "wrong charge"; this rule needs text other than "wrong charge"'
    )
    assert (
        found["not-charge"][1]
        == 'issue is "wrong charge"; this rule needs anything but "wrong charge"'
    )


def test_a_letter_that_only_looks_like_a_latin_one_is_named(plan_from: Any) -> None:
    """`"lаte"`, its `а` Cyrillic, against `eq: late` had read `issue is "lаte" (needs late)`,
    the two the same on screen. The letter is named, and where it is; a text in another
    alphabet that is not the plan's value is told as before."""
    lookalike = plan_from(
        """
        rules:
          - id: late
            title: Late
            when: {all: [{field: issue, eq: late}]}
            then: [{apologize: {}}]
          - id: cold
            title: Cold
            when: {all: [{field: text, contains: cold soup}]}
            then: [{apologize: {}}]
          - id: rude
            title: Rude
            when: {all: [{field: issue, eq: rude}]}
            then: [{apologize: {}}]
        """
    )
    found = reasons(lookalike, {"id": 1, "type": "order", "issue": "lаte", "text": "A сold soup"})
    assert found["late"][1] == (
        'issue is "lаte"; this rule needs late, and the event\'s text holds a letter that only '
        'looks like a Latin one: the 2nd letter of "lаte" is U+0430 CYRILLIC SMALL LETTER A, not '
        "the Latin a (the system that sends the events must write it in Latin letters)"
    )
    assert found["cold"][1].endswith(
        'looks like a Latin one: the 1st letter of "сold soup" is U+0441 CYRILLIC SMALL LETTER '
        "ES, not the Latin c (the system that sends the events must write it in Latin letters)"
    )
    assert found["rude"][1] == 'issue is "lаte"; this rule needs rude'


def test_a_fallback_with_its_own_when_says_what_held_as_well(plan_from: Any) -> None:
    """A fallback may have a `when:` (`fallback: true` only lifts the need for one): when it
    fires, its reason says what of it held, after why a fallback fired at all."""
    plan = plan_from(
        """
        rules:
          - {id: low, title: Low, when: {event: review, all: [{field: rating, lte: 2}]}, then: [{apologize: {}}]}
          - id: surveys
            title: Else
            fallback: true
            when: {event: survey, all: [{field: rating, exists: true}]}
            then: [{escalate: {to: duty-manager}}]
        """
    )
    explained = plan.explain({"id": "e", "type": "survey", "rating": 5})
    assert explained.matched == ["surveys"]
    assert {step.rule: step.reason for step in explained.trace or []}["surveys"] == (
        "no other rule matched, so this fallback applies; the event is a survey; rating is 5 "
        "(a value)"
    )


def test_a_rule_that_held_and_did_not_fire_for_no_reason_says_explain_disagrees(
    plan_from: Any,
) -> None:
    """No input reaches it while the matcher and explain's reference agree (the operator
    tests hold them to it); if they ever part, explain says so rather than name a `stop:` or
    `match: first` that did not stop the rule."""
    plan = plan_from(NOT_ONE_OR_LOW)
    assert _why_stopped([], plan.model) == (
        "its conditions hold, but it did not fire (the engine and explain disagree: please "
        "report it)"
    )


def test_a_checklist_rewrites_a_text_written_otherwise_without_copying_the_event(
    plan_from: Any,
) -> None:
    """To tell whether a rule missed only for a text written otherwise, the text is written as
    the plan writes it in a copy of the event: a deep copy of all of it had raised
    ``TypeError: cannot pickle`` from ``Decision.checklist`` for an app's event holding a
    value Python cannot copy (a lock, a generator) anywhere. Only the objects on the way to
    the text are copied now, and the event is left as it was."""
    import threading

    plan = plan_from(
        """
        rules:
          - id: public-review
            title: Bad public review
            when: {event: review, all: [{field: customer.tier, eq: gold}]}
            then: [{apologize: {}}]
          - id: improvise
            title: Nothing fits
            fallback: true
            then: [{tag: {tags: [unplanned]}}]
        """
    )
    event = {"id": "1", "type": "review", "customer": {"tier": "Gold"}, "app": threading.Lock()}
    said = plan.evaluate(event).checklist(event, plan=plan)
    assert "Perhaps because rule public-review did not match: customer.tier is Gold" in said
    assert event["customer"] == {"tier": "Gold"}


def test_a_plans_numbers_are_explained_as_people_write_them(plan_from: Any) -> None:
    """`lte: 0.0000001` had been explained "this rule needs 1e-07 or less", and `gte: 1e300`
    with the 301 digits of the float nearest it; the decision writes numbers as JSON does,
    unchanged."""
    plan = plan_from(
        """
        rules:
          - id: tiny
            title: Tiny
            when: {event: order, all: [{field: order.total, lte: 0.0000001}]}
            then: [{apologize: {}}]
          - id: huge
            title: Huge
            when: {event: order, all: [{field: order.total, gte: 1e300}, {field: x, eq: -0.0}]}
            then: [{apologize: {}}]
        """
    )
    event = {"id": "e1", "type": "order", "order": {"total": 1e-05}, "x": 1e21}
    text = render_explanation(explain(plan, event))
    assert "order.total is 0.00001; this rule needs 0.0000001 or less" in text
    assert "order.total is 0.00001; this rule needs 1e300 or more" in text  # as written
    assert "e-07" not in text and "e-05" not in text
    document = decide_with_trace(plan, event)
    del document["trace"]
    assert orjson.dumps(document) == orjson.dumps(plan.decide(event))


def _plan_of_many_types(rules: int) -> Plan:
    """``rules`` rules, alternately for reviews and for orders, each testing the rating."""
    document = {
        "backplan": 1,
        "plan": {"name": "Many", "currency": "EUR"},
        "rules": [
            {
                "id": f"r{number}",
                "title": "Rule",
                "when": {
                    "event": "review" if number % 2 else "order",
                    "all": [{"field": "rating", "lte": 2}],
                },
                "then": [{"apologize": {}}],
            }
            for number in range(1, rules + 1)
        ],
    }
    return compile_document(document, generated=False)


def test_a_large_plan_s_rules_for_other_types_are_listed_by_number_on_one_line() -> None:
    """A plan of 413 rules over seven event types gave 880 lines for one event, 591 of them
    "not for this event", the rule that fired on line 778. Above 40 rules, those are one line
    of their numbers after the others; a plan of 40 lists each, as it always did."""
    event = {"id": "e", "type": "review", "rating": 1}
    large = _plan_of_many_types(44)
    text = render_explanation(explain(large, event))
    assert "not for this event" not in text.split("Decision:")[0].replace(
        "rules not for this event", ""
    )
    assert (
        "  22 rules not for this event (each applies only to other types than a review): 2, 4, 6,"
        in text
    )
    assert "   1. r1: FIRED" in text and "   2. r2" not in text
    small = render_explanation(explain(_plan_of_many_types(40), event))
    assert "   2. r2: not for this event" in small and "rules not for this event" not in small


def test_a_large_plan_s_rules_of_the_type_an_event_misspells_still_say_so() -> None:
    """`revew` is told at each rule for reviews (did you mean `review`?): those are not folded."""
    text = render_explanation(explain(_plan_of_many_types(44), {"id": "e", "type": "revew"}))
    assert "   1. r1: not for this event" in text
    assert "did you mean `review`?" in text
    assert "22 rules not for this event (each applies only to other types than a revew):" in text
