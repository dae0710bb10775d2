"""engine.offschema: the fields a plan tests that an event holds off the event schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from engine import load_plan, offschema
from engine.eventschema import event_schema_error
from engine.offschema import off_schema_check
from tests.conftest import PLAN_HEADER, write_plan

BASE = {"id": "e-1", "type": "review"}
NAN, INF = float("nan"), float("inf")
GROUPS = ["customer", "order", "contact"]
GROUP_FIELDS = ["tier", "complaints_90d", "total", "delay_days", "wait_minutes", "x"]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(),  # NaN and the infinities too: off the schema wherever they are
    st.sampled_from(["low", "critical", "urgent", "1", "gold", ""]),
    st.lists(st.integers() | st.floats(), max_size=2),  # NaN in a list too (found by review)
)
EVENT_FIELDS = st.dictionaries(
    st.sampled_from([*GROUPS, "rating", "severity", "public", "channel", "x"]),
    SCALARS | st.dictionaries(st.sampled_from(GROUP_FIELDS), SCALARS, max_size=3),
)
EVERY_PATH = [
    "rating",
    "severity",
    "public",
    "channel",
    "x",
    *(f"{group}.{name}" for group in [*GROUPS, "x"] for name in GROUP_FIELDS),
]


def _holding_only(path: str, event: dict[str, Any]) -> dict[str, Any]:
    """An event holding nothing but the value at ``path`` of ``event`` (and an id and type)."""
    tokens = path.split(".")
    value: Any = event
    for token in tokens:
        value = value[int(token)] if value.__class__ is list else value[token]
    for token in reversed(tokens):
        value = [value] if token.isdigit() else {token: value}  # an item: the list's only one
    return {**BASE, **value}


def _is_or_leads_to(found: str, path: str) -> bool:
    """Whether ``found`` is the tested ``path``, a group on the way to it, or an item of it."""
    field, _, item = found.rpartition(".")
    return found == path or path.startswith(found + ".") or (field == path and item.isdigit())


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(fields=EVENT_FIELDS, tested=st.sets(st.sampled_from(EVERY_PATH)))
def test_a_field_named_is_one_the_schema_refuses_where_the_plan_tests(
    fields: dict[str, Any], tested: set[str]
) -> None:
    event = {**BASE, **fields}
    found = off_schema_check(tested)(event)
    if found is not None:
        assert any(_is_or_leads_to(found, path) for path in tested)
        assert event_schema_error(_holding_only(found, event)) is not None
    if event_schema_error(event) is None:
        assert found is None  # never a false alarm


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(fields=EVENT_FIELDS)
@example(fields={"order": {"delay_days": 0.5}})  # a whole number's field holds a fraction
@example(fields={"order": {"delay_days": 2.0}})  # 2.0 is a whole number
@example(fields={"x": [1, NAN], "customer": {"x": [INF]}})  # in a list (found by review)
def test_a_plan_testing_every_field_finds_any_field_off_the_schema(fields: dict[str, Any]) -> None:
    event = {**BASE, **fields}
    assert (off_schema_check(EVERY_PATH)(event) is None) == (event_schema_error(event) is None)


def test_nothing_is_checked_for_a_plan_that_tests_no_standard_field() -> None:
    check = off_schema_check(["x.custom", "rating.deeper"])
    assert check({**BASE, "x": 3, "rating": "1"}) is None


PLAN = """rules:
  - id: bad-review
    title: Bad review
    when: {event: review, all: [{field: rating, lte: 2}, {use: gold}]}
    then: [{apologize: {}}]
  - id: off
    title: Switched off
    enabled: false
    when: {event: review, all: [{field: public, eq: true}]}
    then: [{apologize: {}}]
  - id: big-order
    title: Big order
    when: {event: order, all: [{field: order.total, gt: 100}]}
    then: [{apologize: {}}]
  - id: any-type
    title: Any type
    when:
      all:
        - {field: severity, eq: critical}
        - {field: contact.attempts, exists: true}
        - {field: rating.x, missing: true}  # below a number: never there, whatever its kind
    then: [{apologize: {}}]
  - id: fallback
    title: Anything else
    fallback: true
    when: {all: [{field: store, eq: S1}]}
    then: [{escalate: {to: duty-manager}}]
conditions:
  gold: {field: customer.tier, eq: gold}
"""


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"rating": "1"}, "rating"),
        ({"rating": True}, "rating"),  # true is no number
        ({"rating": None}, None),  # null is allowed: the field has no value
        ({"customer": "gold"}, "customer"),  # the group on the way to customer.tier
        ({"customer": {"tier": 1}}, "customer.tier"),  # through the named condition
        ({"public": "yes"}, None),  # only a disabled rule tests it
        ({"public": "yes", "rating": 1, "customer": {"tier": "gold"}}, None),
        ({"order": {"total": "120"}}, None),  # only rules for orders test it
        ({"type": "order", "order": {"total": "120"}}, "order.total"),
        ({"type": "order", "rating": "1"}, None),  # only rules for reviews test it
        ({"severity": "urgent"}, "severity"),  # a rule for every type tests it: not a word
        ({"type": "x-visit", "severity": 3}, "severity"),  # of the schema's list
        ({"store": 7}, None),  # only the fallback tests it: it decides once no rule matched
        ({"contact": {"attempts": "two"}}, None),  # `exists` holds whatever the value's kind
        ({"contact": "phone"}, "contact"),  # but not below text
        ({"type": "x-visit", "rating": "5"}, None),  # rating.x: no group on the way
        ({"type": "Review"}, "type"),  # no rule can name it: the rules for reviews never ran
        ({"type": "reveiw", "severity": "urgent"}, "type"),  # said before the fields
        ({"type": "feedback"}, "type"),
        ({"type": "x-visit\n"}, "type"),  # a line's end is no part of a type, as the schema says
        # a float JSON has not (an app's NaN, pandas' missing value) is no number (found by review)
        ({"rating": NAN}, "rating"),
        ({"rating": -INF}, "rating"),
        ({"type": "order", "order": {"total": INF}}, "order.total"),
        ({"contact": {"attempts": NAN}}, None),  # `exists` holds whatever the value
    ],
)
def test_the_fields_an_enabled_rule_tests(
    tmp_path: Path, fields: dict[str, Any], expected: str | None
) -> None:
    plan = load_plan(write_plan(tmp_path, PLAN))
    assert plan.tested_field_off_schema({**BASE, **fields}) == expected


def test_a_float_json_has_not_in_a_tested_field_the_schema_does_not_know_is_named(
    tmp_path: Path,
) -> None:
    """A field the schema does not know may hold anything JSON has, but not NaN or an
    infinity, which fails every test on it as text in a number field does (found by review)."""
    extra = """
rules:
  - id: score
    title: Score
    when: {all: [{field: x_score, gt: 0}, {field: customer.note, ne: 1}]}
    then: [{apologize: {}}]
"""
    plan = load_plan(write_plan(tmp_path, extra))
    assert plan.tested_field_off_schema({**BASE, "x_score": INF}) == "x_score"
    assert plan.tested_field_off_schema({**BASE, "customer": {"note": NAN}}) == "customer.note"
    assert plan.tested_field_off_schema({**BASE, "x_score": "high", "x_other": NAN}) is None


def test_a_float_json_has_not_in_a_tested_list_names_the_item(tmp_path: Path) -> None:
    """NaN among a list's items (an app's `tags: [NaN]`) was not said, where NaN as the
    field's value was: the item is named as event_schema_error names it (found by review)."""
    lists = """
rules:
  - id: listed
    title: Listed
    when:
      all:
        - {field: tags, contains: late}
        - {field: x_scores, contains: 3}
        - {field: order.items, contains: gift}
    then: [{apologize: {}}]
"""
    plan = load_plan(write_plan(tmp_path, lists))
    assert plan.tested_field_off_schema({**BASE, "tags": [NAN]}) == "tags.0"
    assert plan.tested_field_off_schema({**BASE, "tags": NAN}) == "tags"
    assert plan.tested_field_off_schema({**BASE, "x_scores": [1, 2.5, -INF]}) == "x_scores.2"
    assert plan.tested_field_off_schema({**BASE, "order": {"items": ["gift", INF]}}) == (
        "order.items.1"
    )
    event = {**BASE, "tags": ["late", 1.5, 2], "x_scores": [3], "order": {"items": []}}
    assert plan.tested_field_off_schema(event) is None
    error = event_schema_error({**BASE, "tags": [NAN]})
    assert error is not None and "`tags.0` is NaN" in str(error)


def test_an_event_type_no_rule_could_name_is_named_only_where_rules_name_types(
    tmp_path: Path,
) -> None:
    every_type = """
rules:
  - id: bad
    title: Bad
    when: {all: [{field: rating, lte: 2}]}
    then: [{apologize: {}}]
"""
    plan = load_plan(write_plan(tmp_path, PLAN))
    assert plan.tested_field_off_schema({**BASE, "type": "x-never-named"}) is None
    (tmp_path / "untyped").mkdir()
    untyped = load_plan(write_plan(tmp_path / "untyped", every_type))
    assert untyped.tested_field_off_schema({**BASE, "type": "Review"}) is None  # all ran
    assert untyped.tested_field_off_schema({**BASE, "type": "Review", "rating": "1"}) == "rating"


def test_a_list_on_the_way_to_a_tested_field_is_checked_and_what_is_inside_is_free() -> None:
    check = off_schema_check(["order.items.0.sku"])
    assert check({**BASE, "order": {"items": "abc"}}) == "order.items"
    assert check({**BASE, "order": "abc"}) == "order"
    assert check({**BASE, "order": {"items": [1, "x"]}}) is None
    assert check({**BASE, "order": {"items": None}}) is None


def test_an_event_of_a_type_no_rule_names_shares_one_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []
    real = offschema.off_schema_check
    monkeypatch.setattr(offschema, "off_schema_check", lambda paths: made.append(1) or real(paths))
    check = offschema.plan_check(load_plan(write_plan(tmp_path, PLAN)).model)
    for number in range(50):
        assert check({"id": number, "type": f"x-type-{number}", "severity": 3}) == "severity"
    assert check({"id": "l", "type": ["review"], "severity": 3}) == "severity"
    assert check({"id": "r", "type": "review", "rating": "1"}) == "rating"
    assert len(made) == 2  # the check for every type, and the one for reviews


def test_a_typed_event_is_checked_as_the_dict_it_decides_as_and_no_object_has_no_field(
    tmp_path: Path,
) -> None:
    from engine.event import Event

    plan = load_plan(write_plan(tmp_path, PLAN))
    assert plan.tested_field_off_schema(Event(id="a", type="review", rating=1)) is None
    assert plan.tested_field_off_schema(["not", "an", "event"]) is None  # type: ignore[arg-type]


PRICED = """
rules:
  - id: late
    title: Late order
    when: {event: order, all: [{field: order.delay_days, gte: 3}]}
    then:
      - compensate: {kind: voucher, percent: 10, of: order.total, min: 5}
      - compensate: {kind: refund, percent: 5, of: order.shipping}
"""


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ({"delay_days": 4, "total": 80, "shipping": 5}, None),  # both sized
        ({"delay_days": 4}, None),  # missing: unresolved, but no value off the schema
        ({"delay_days": 4, "total": -5}, None),  # unresolved, but a number as the schema says
        ({"delay_days": 4, "total": "80"}, "order.total"),
        # not a standard field, but a percentage's base is a number wherever it is
        ({"delay_days": 4, "total": 80, "shipping": "5"}, "order.shipping"),
        ({"delay_days": 4, "total": 80, "shipping": True}, "order.shipping"),
        ({"delay_days": 4, "total": 80, "shipping": [5]}, "order.shipping"),
        ({"delay_days": 4, "total": 80, "shipping": {"amount": 5}}, "order.shipping"),
        ({"delay_days": 4, "total": 80, "shipping": None}, None),  # null: no slip
        ({"delay_days": 4, "total": 80, "shipping": -5}, None),  # negative: no slip of format
        ({"delay_days": 1, "total": "80"}, None),  # no offer: nothing was left unsized
        ({"delay_days": 4, "total": NAN}, "order.total"),  # no number JSON has (found by review)
        ({"delay_days": 4, "total": 80, "shipping": -INF}, "order.shipping"),
    ],
)
def test_the_priced_check_names_the_base_off_the_schema_of_an_unresolved_offer(
    tmp_path: Path, order: dict[str, Any], expected: str | None
) -> None:
    header = PLAN_HEADER + "  compensation: {combine: sum}\n"  # both offers are made
    plan = load_plan(write_plan(tmp_path, PRICED, header=header))
    event = {"id": "e", "type": "order", "order": order}
    assert offschema.priced_check(plan.model)(event, plan.decide(event)) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([{"total": "80"}], "order.lines.0.total"),  # through a list, to text
        ([{"total": 80}, {"total": "x"}], None),  # sized: nothing left unsized
        ([], None),  # past the list's end: nothing sent, no slip
        ("80", "order.lines"),  # text where a list or group stands on the way
    ],
)
def test_the_priced_check_reads_a_base_through_a_list_by_its_index(
    tmp_path: Path, lines: Any, expected: str | None
) -> None:
    rules = PRICED.replace("of: order.total", "of: order.lines.0.total").replace(
        "      - compensate: {kind: refund, percent: 5, of: order.shipping}\n", ""
    )
    plan = load_plan(write_plan(tmp_path, rules))
    event = {"id": "e", "type": "order", "order": {"delay_days": 4, "lines": lines}}
    assert offschema.priced_check(plan.model)(event, plan.decide(event)) == expected
