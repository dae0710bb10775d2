"""Properties of evaluation, checked on generated events (hypothesis).

* any JSON value as an event gives exactly one outcome: a decision or an EventError, never a crash;
* the decision is the same bytes whatever the key order of the event, and on every run;
* evaluating from several threads gives exactly the serial decisions;
* the generated code that builds a decision's actions gives what filling them step by step gives.
"""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine.evaluate as evaluate_module
from engine import EventError, Plan, load_plan
from engine.decision import canonical_json
from tests.conftest import REPO
from tests.test_decision_views import PUBLISHED

STARTER: Plan = load_plan(REPO / "rules")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=20,
)
field_names = st.sampled_from(
    ["rating", "channel", "public", "issue", "severity", "text", "retold", "repeat", "store"]
)
known_values = st.one_of(
    st.sampled_from(
        ["google_review", "yelp", "twitter", "phone", "late", "defective", "rude", "gold"]
    ),
    st.integers(min_value=-2, max_value=12),
    st.floats(min_value=0, max_value=1000, allow_nan=False),
    st.booleans(),
)
events = st.fixed_dictionaries(
    {
        "id": st.one_of(
            st.text(min_size=1, max_size=12), st.integers(min_value=0, max_value=10**9)
        ),
        "type": st.sampled_from(
            [
                "review",
                "survey",
                "contact",
                "conduct",
                "product",
                "order",
                "billing",
                "complaint",
                "x-other",
            ]
        ),
    },
    optional={
        "occurred_at": st.sampled_from(["2026-11-23T09:30:00Z", "2026-02-28T23:59:59+05:30"]),
        "customer": st.fixed_dictionaries(
            {},
            optional={
                "first_name": st.text(max_size=12),
                "tier": st.sampled_from(["gold", "silver", "platinum", "none"]),
                "lifetime_value": st.floats(min_value=0, max_value=50000, allow_nan=False),
                "complaints_90d": st.integers(min_value=0, max_value=9),
            },
        ),
        "order": st.fixed_dictionaries(
            {},
            optional={
                "total": st.one_of(
                    st.floats(min_value=0, max_value=5000, allow_nan=False), st.integers(0, 5000)
                ),
                "delay_days": st.integers(min_value=0, max_value=30),
            },
        ),
        "survey": st.fixed_dictionaries(
            {"kind": st.sampled_from(["csat", "nps", "ces"]), "score": st.integers(0, 10)}
        ),
        "contact": st.fixed_dictionaries(
            {},
            optional={
                "wait_minutes": st.integers(0, 300),
                "unanswered": st.booleans(),
                "attempts": st.integers(0, 6),
            },
        ),
    },
).flatmap(
    lambda base: st.dictionaries(field_names, known_values, max_size=5).map(
        lambda extra: {**extra, **base}
    )
)


def _outcome(plan: Plan, event: Any) -> bytes:
    try:
        return plan.evaluate_json(event)
    except EventError as error:
        return b"error:" + error.code.encode()


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_any_json_value_gives_a_decision_or_an_event_error(value: Any) -> None:
    _outcome(STARTER, value)  # any other exception fails the test
    if isinstance(value, dict):
        _outcome(STARTER, {**value, "id": "x", "type": "review"})


def _shuffled(value: Any, rng: random.Random) -> Any:
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {k: _shuffled(v, rng) for k, v in items}
    if isinstance(value, list):
        return [_shuffled(v, rng) for v in value]
    return value


@settings(max_examples=200)
@given(events, st.integers(min_value=0, max_value=2**32))
def test_decisions_do_not_depend_on_key_order(event: dict[str, Any], seed: int) -> None:
    first = _outcome(STARTER, event)
    assert _outcome(STARTER, _shuffled(event, random.Random(seed))) == first
    assert _outcome(STARTER, event) == first  # and the same on every run


@settings(max_examples=50)
@given(events)
def test_decisions_are_canonical_json(event: dict[str, Any]) -> None:
    document = STARTER.decide(event)
    assert canonical_json(document) == STARTER.evaluate(event).to_json()
    PUBLISHED.validate(document)  # a compensate action's params too


@settings(max_examples=10, deadline=None)
@given(st.lists(events, min_size=20, max_size=60))
def test_threads_give_the_serial_decisions(batch: list[dict[str, Any]]) -> None:
    serial = [_outcome(STARTER, e) for e in batch]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(lambda e: _outcome(STARTER, e), batch))
    assert parallel == serial


UNCACHED: Plan = load_plan(REPO / "rules")


def _step_by_step(event: dict[str, Any]) -> bytes:
    """The decision as UNCACHED makes it: it keeps no set's merged actions, so it fills every
    decision in step by step (engine.assembly.fill)."""
    limit = evaluate_module.MAX_CACHED_ASSEMBLIES
    evaluate_module.MAX_CACHED_ASSEMBLIES = 0
    try:
        return _outcome(UNCACHED, event)
    finally:
        evaluate_module.MAX_CACHED_ASSEMBLIES = limit


@settings(max_examples=200)
@given(events)
def test_generated_action_builders_equal_step_by_step_filling(event: dict[str, Any]) -> None:
    # STARTER keeps (and compiles) the merged actions of each set of fired rules.
    slow = _step_by_step(event)
    uses = evaluate_module.BUILD_AFTER_USES
    evaluate_module.BUILD_AFTER_USES = 1  # STARTER compiles a set at its second use
    try:
        assert _outcome(STARTER, event) == slow
    finally:
        evaluate_module.BUILD_AFTER_USES = uses
