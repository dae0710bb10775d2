"""A set's generated builder (engine.builder) makes the entries step-by-step filling makes
(engine.assembly.fill), sharing nothing with the plan or with another decision: an app may
change a decision it was given, and the next must not see it.

Held here over random plans (every action type, merges across rules, templates, custom actions
with nested parameters, offers under any policy, events with and without a time), as eval
writes them (keys unsorted) and with each decision changed by the app before the next;
tests/test_properties.py holds them over the starter plan, and tests/test_builder_pricing.py
over random compensation policies.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine.evaluate as evaluate_module
from engine.api import Plan, load_plan
from engine.decision import canonical_json
from engine.model import PREVENTION_ACTIONS, REMEDY_ACTIONS
from tests.test_differential import compile_document

PLAN = """backplan: 1
plan: {name: T, currency: USD}
rules:
  - id: r1
    title: r1
    priority: 2
    when: {event: order}
    then:
      - tag: {tags: [late, vip]}
      - apologize: {within: 1h}
      - x-crm-flag: {labels: [a, b], meta: {k: [1, {x: 2}]}}
  - id: r2
    title: r2
    priority: 1
    when: {event: order}
    then:
      - tag: {tags: [repeat]}
      - apologize: {within: 30m}
"""


@pytest.fixture
def built(tmp_path: Path) -> Iterator[Plan]:
    """The plan, giving a set its builder at its second use."""
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    uses = evaluate_module.BUILD_AFTER_USES
    evaluate_module.BUILD_AFTER_USES = 1
    try:
        yield load_plan(path)
    finally:
        evaluate_module.BUILD_AFTER_USES = uses


EVENT = {"id": "e1", "type": "order", "occurred_at": "2026-11-23T09:30:00Z"}


def _change_every_list_and_mapping(value: Any) -> None:
    if isinstance(value, dict):
        for item in value.values():
            _change_every_list_and_mapping(item)
        value["changed"] = True
    elif isinstance(value, list):
        for item in value:
            _change_every_list_and_mapping(item)
        value.append("changed")


def test_a_builder_s_decision_shares_no_list_or_mapping(built: Plan) -> None:
    first = built.decide(EVENT)  # step by step: the set's first use
    second = built.decide(EVENT)  # its builder's
    assert all(p.builder for p in built._decider.rules.assemblies.values())
    assert second == first
    tags = next(a for a in second["actions"] if a["type"] == "tag")
    assert tags["params"]["tags"] == ["late", "vip", "repeat"]  # merged: the slot's own list
    apology = next(a for a in second["actions"] if a["type"] == "apologize")
    assert apology["also_from"] == ["r2"]
    assert apology["due"] == "2026-11-23T10:00:00Z"  # the earliest of the two deadlines
    _change_every_list_and_mapping(second)
    assert built.decide(EVENT) == first  # the builder's next decision is as it was


# --- random plans: every way of filling a set in gives the same decision -----------------------

DURATIONS = st.sampled_from(["30m", "90m", "1h", "4h", "1d", "2d", "1w", "366d"])
TEMPLATES = st.sampled_from(
    [
        "Sorry {customer.first_name|there}.",
        "Order {order.id}",
        "Total {order.total|unknown}",
        "{customer.first_name}",
        "{order.items|}",
        "No field at all",
    ]
)
NESTED = st.sampled_from([[1, {"x": 2.5}], {"b": [True, None], "a": "z"}, [], {}, ["a", "b"]])


def _with(draw: st.DrawFn, params: dict[str, Any], **optional: st.SearchStrategy[Any]) -> Any:
    """``params`` with each optional parameter drawn or left out."""
    for name, values in optional.items():
        if draw(st.booleans()):
            params[name] = draw(values)
    return params


@st.composite
def remedies(draw: st.DrawFn) -> dict[str, Any]:
    """One remedy action of any type, its parameters chosen so that rules often share one."""
    kind = draw(st.sampled_from([*REMEDY_ACTIONS, "x-crm"]))
    within, message = DURATIONS, TEMPLATES
    params: dict[str, Any]
    if kind == "apologize":
        params = _with(draw, {}, within=within, message=message, channel=st.just("email"))
    elif kind == "reply_publicly":
        params = _with(draw, {"message": draw(message)}, within=within)
    elif kind == "contact_customer":
        params = _with(draw, {"channel": draw(st.sampled_from(["phone", "sms"]))}, within=within)
    elif kind == "replace":
        item = st.sampled_from(["mug", "{order.items.0|}", "{order.id}"])
        params = _with(draw, {}, item=item, shipping=st.just("express"), within=within)
    elif kind in ("escalate", "notify"):
        to = draw(st.sampled_from(["cx-lead", "finance"]))
        params = _with(draw, {"to": to}, within=within, message=message)
    elif kind == "follow_up":
        params = {"within": draw(within)}
    elif kind == "tag":
        params = {"tags": draw(st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, unique=True))}
    elif kind == "note":
        params = {"message": draw(message)}
    elif kind == "x-crm":
        params = _with(draw, {}, labels=NESTED, level=st.sampled_from([3, 2.5, True, "hi"]))
        params = _with(draw, params, within=within, message=message)
    else:  # compensate
        params = draw(
            st.sampled_from(
                [
                    {"kind": "voucher", "amount": 10},
                    {"kind": "voucher", "amount": 2.5},
                    {"kind": "refund", "percent": 20, "of": "order.total", "max": 40},
                    {"kind": "refund", "percent": 12.5, "of": "order.total", "min": 1},
                ]
            )
        )
        params = _with(draw, dict(params), within=within)
    return {kind: params}


@st.composite
def preventions(draw: st.DrawFn) -> dict[str, Any]:
    """One prevention action of any type."""
    kind = draw(st.sampled_from(PREVENTION_ACTIONS))
    if kind in ("escalate", "notify"):
        return {kind: _with(draw, {"to": "cx-lead"}, within=DURATIONS)}
    if kind == "note":
        return {kind: {"message": draw(TEMPLATES)}}
    if kind == "tag":
        return {
            kind: {"tags": draw(st.lists(st.sampled_from(["a", "d"]), min_size=1, unique=True))}
        }
    return {kind: _with(draw, {"owner": draw(st.sampled_from(["ops", "it"]))}, within=DURATIONS)}


@st.composite
def random_plans(draw: st.DrawFn) -> dict[str, Any]:
    """A plan of 1 to 5 rules on events of type order (each fires from a `level` up, so events
    fire different sets of rules) and a fallback, with random actions and policy."""
    rules: list[dict[str, Any]] = []
    for index in range(draw(st.integers(1, 5))):
        rule: dict[str, Any] = {
            "id": f"r{index}",
            "title": f"Rule {index}",
            "priority": draw(st.integers(0, 3)),
            "when": {"event": "order", "all": [{"field": "level", "gte": draw(st.integers(0, 3))}]},
            "then": draw(st.lists(remedies(), min_size=1, max_size=4)),
        }
        if draw(st.booleans()):
            rule["prevent"] = draw(st.lists(preventions(), min_size=1, max_size=2))
        if draw(st.integers(0, 5)) == 0:
            rule["stop"] = True
        rules.append(rule)
    fallback = {"id": "fallback", "title": "Nothing fits", "fallback": True}
    rules.append({**fallback, "then": draw(st.lists(remedies(), min_size=1, max_size=3))})
    policy = {"combine": draw(st.sampled_from(["max", "sum"]))}
    policy.update(draw(st.sampled_from([{}, {"per_event_max": 25}, {"approval_above": 15}])))
    return {
        "backplan": 1,
        "plan": {
            "name": "Random",
            "currency": draw(st.sampled_from(["USD", "JPY"])),
            "match": draw(st.sampled_from(["all", "first"])),
            "compensation": policy,
        },
        "rules": rules,
    }


ORDER_EVENTS = st.fixed_dictionaries(
    {"id": st.just("e1"), "type": st.just("order")},
    optional={
        "level": st.integers(0, 3),
        "occurred_at": st.sampled_from(
            [
                "2026-11-23T09:30:00Z",
                "2026-11-23T23:59:59.5Z",
                "2026-02-28T23:59:59+05:30",
                "2024-02-29T12:00:00.123456-08:00",
                "9997-12-31T23:00:00Z",
            ]
        ),
        "customer": st.fixed_dictionaries(
            {}, optional={"first_name": st.sampled_from(["Dana", 7, 2.50, None, ["x"], ""])}
        ),
        "order": st.fixed_dictionaries(
            {},
            optional={
                "id": st.sampled_from(["A-1", 12, 1e16]),
                "total": st.sampled_from([0, 19.99, 120, "12", None, 1e-7, -3]),
                "items": st.sampled_from([["mug"], [], "mug"]),
            },
        ),
    },
)


def _bytes(plan: Plan, event: dict[str, Any]) -> bytes:
    """The decision as eval writes it (keys in the order made, unsorted), then every list and
    mapping of it changed, as an app may change what it was given."""
    document = plan.decide(event)
    line = orjson.dumps(document)
    assert line == canonical_json(document)  # its keys were made in order
    _change_every_list_and_mapping(document)
    return line


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_plans(), st.lists(ORDER_EVENTS, min_size=1, max_size=4))
def test_builders_equal_step_by_step_filling_on_random_plans(
    document: dict[str, Any], batch: list[dict[str, Any]]
) -> None:
    uncached, built = (compile_document(document) for _ in range(2))
    cached, uses = evaluate_module.MAX_CACHED_ASSEMBLIES, evaluate_module.BUILD_AFTER_USES
    try:
        for event in batch * 3:  # each set used again and again: step by step, then its builder
            evaluate_module.MAX_CACHED_ASSEMBLIES = 0
            slow = _bytes(uncached, event)  # filled in step by step (engine.assembly.fill)
            evaluate_module.MAX_CACHED_ASSEMBLIES = cached
            evaluate_module.BUILD_AFTER_USES = 2
            assert _bytes(built, event) == slow
    finally:
        evaluate_module.MAX_CACHED_ASSEMBLIES, evaluate_module.BUILD_AFTER_USES = cached, uses
    decider = built._decider
    made = [*decider.rules.assemblies.values(), *decider.fallbacks.assemblies.values()]
    assert all(p.builder or p.assembly.late for p in made)  # every set was built


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_plans(), st.lists(ORDER_EVENTS, min_size=2, max_size=6))
def test_threads_that_race_to_a_set_s_builder_decide_as_one_does(
    document: dict[str, Any], batch: list[dict[str, Any]]
) -> None:
    uncached, shared = compile_document(document), compile_document(document)
    cached, uses = evaluate_module.MAX_CACHED_ASSEMBLIES, evaluate_module.BUILD_AFTER_USES
    try:
        evaluate_module.MAX_CACHED_ASSEMBLIES = 0
        serial = [_bytes(uncached, event) for event in batch]
        evaluate_module.MAX_CACHED_ASSEMBLIES = cached
        evaluate_module.BUILD_AFTER_USES = 3  # builders at the fourth use
        with ThreadPoolExecutor(max_workers=4) as pool:
            parallel = list(pool.map(lambda event: _bytes(shared, event), batch * 8))
    finally:
        evaluate_module.MAX_CACHED_ASSEMBLIES, evaluate_module.BUILD_AFTER_USES = cached, uses
    assert parallel == serial * 8
