"""Decisions made by a set's generated builder (engine.builder) against step-by-step filling
and pricing (engine.assembly.fill, engine.compensation.price), for any compensation policy.

A set of fired rules used often gets a builder; one whose offers are all fixed amounts is priced
once, when the builder is made, and written into it. A decider that keeps no sets fills and
prices every decision step by step. Both must give the same decisions for any policy, offers
and event amounts.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import engine.evaluate as evaluate_module
from engine.api import Plan, load_plan
from engine.decisioncheck import surely_a_decision
from engine.errors import PlanError
from tests.conftest import Float64
from tests.test_decision_views import PUBLISHED

money = st.decimals(min_value=0, max_value=300, places=3).map(str)
positive = st.decimals(min_value=Decimal("0.001"), max_value=300, places=3).map(str)
percent = st.decimals(min_value=Decimal("0.5"), max_value=100, places=2).map(str)
field = st.sampled_from(["order.total", "order.items.0.price"])

fixed_offer = positive.map(lambda amount: f"{{kind: voucher, amount: {amount}}}")
bounds = st.tuples(st.none() | money, st.none() | positive).filter(
    lambda b: b[0] is None or b[1] is None or Decimal(b[0]) <= Decimal(b[1])  # a plan's check
)
percent_offer = st.builds(
    lambda share, of, bounds: (
        f"{{kind: refund, percent: {share}, of: {of}"
        + (f", min: {bounds[0]}" if bounds[0] is not None else "")
        + (f", max: {bounds[1]}" if bounds[1] is not None else "")
        + "}"
    ),
    percent,
    field,
    bounds,
)
policies = st.builds(
    lambda combine, cap, threshold: (
        f"{{combine: {combine}"
        + (f", per_event_max: {cap}" if cap is not None else "")
        + (f", approval_above: {threshold}" if threshold is not None else "")
        + "}"
    ),
    st.sampled_from(["max", "sum"]),
    st.none() | money,
    st.none() | money,
)
amounts = st.one_of(
    st.floats(min_value=-10, max_value=5000, allow_nan=False).map(lambda f: round(f, 2)),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-5, max_value=10**16),
    st.sampled_from([0.0, -0.0, 0, 1e-5, 2.5e-7, 1e15, 999999999999999.9, 1e16, True, "12"]),
    st.sampled_from([Float64(119.99), Float64(1e-5)]),  # no JSON number: no amount either
    st.none(),
)


def _plan(directory: Path, name: str, policy: str, currency: str, offers: list[str]) -> Plan:
    rules = "".join(
        f"\n  - id: r{i}\n    title: r{i}\n    priority: {10 - i}\n    when: {{event: order}}"
        f"\n    then:\n      - compensate: {offer}"
        for i, offer in enumerate(offers)
    )
    path = directory / f"{name}.yaml"
    path.write_text(
        f"backplan: 1\nplan: {{name: T, currency: {currency}, compensation: {policy}}}\n"
        f"rules:{rules}\n",
        encoding="utf-8",
    )
    try:
        return load_plan(path)
    except PlanError as error:  # an amount or a max of 0 in this currency: not a plan
        assume(not all(d.code == "offer-of-nothing" for d in error.diagnostics))
        raise


def _event(number: int, amounts: tuple[Any, Any]) -> dict[str, Any]:
    """An order event whose ``order.total`` and ``order.items.0.price`` hold the two amounts
    (None: the field is missing), so a percentage that read the wrong field would differ."""
    total, price = amounts
    order: dict[str, Any] = {} if total is None else {"total": total}
    if price is not None:
        order["items"] = [{"price": price}]
    return {"id": f"e{number}", "type": "order", "order": order}


def _same(*amounts: Any) -> list[tuple[Any, Any]]:
    """Events whose two fields hold the same amount."""
    return [(amount, amount) for amount in amounts]


def _decisions(
    policy: str, currency: str, offers: list[str], totals: list[tuple[Any, Any]]
) -> tuple[list[Any], list[Any]]:
    """The decisions of the events by a plan whose set has its builder, and by one that fills
    in and prices each decision step by step."""
    events = [_event(n, total) for n, total in enumerate(totals)]
    limit, uses = evaluate_module.MAX_CACHED_ASSEMBLIES, evaluate_module.BUILD_AFTER_USES
    with tempfile.TemporaryDirectory() as scratch:
        try:
            evaluate_module.BUILD_AFTER_USES = 1
            built = _plan(Path(scratch), "built", policy, currency, offers)
            built.decide(_event(0, (1, 1)))
            built.decide(_event(0, (1, 1)))  # the set's builder is made at its second use
            assert all(p.builder for p in built._decider.rules.assemblies.values())
            generated = [built.decide(event) for event in events]
            evaluate_module.MAX_CACHED_ASSEMBLIES = 0
            step_by_step = _plan(Path(scratch), "plain", policy, currency, offers)
            filled = [step_by_step.decide(event) for event in events]
        finally:
            evaluate_module.MAX_CACHED_ASSEMBLIES = limit
            evaluate_module.BUILD_AFTER_USES = uses
    return generated, filled


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    policies,
    st.sampled_from(["USD", "JPY", "KWD"]),
    st.lists(fixed_offer | percent_offer, min_size=1, max_size=5),
    st.lists(st.tuples(amounts, amounts), min_size=1, max_size=8),
)
@example(  # an amount's repr with an exponent; half a cent rounded up, and less rounded down
    "{combine: max}",
    "USD",
    ["{kind: refund, percent: 12.5, of: order.total}"],
    _same(1e-5, 0.1, 0.02),
)
@example(
    "{combine: max, per_event_max: 20, approval_above: 10}",
    "USD",
    ["{kind: refund, percent: 10, of: order.total, min: 5, max: 60}", "{kind: coupon, amount: 8}"],
    _same(30, 80.5, 120.0, 500, 1e-5, -3.0, None),
)
@example(  # written-out pricing: a percentage at its min (of a zero base too), at the threshold, past it
    "{combine: max, approval_above: 10}",
    "USD",
    ["{kind: refund, percent: 10, of: order.total, min: 5, max: 12}", "{kind: coupon, amount: 4}"],
    _same(30, 100, 100.04, 100.05, 500, 0, 0.0, -0.0, -1.5),
)
@example(  # numpy 2's float64 (a float that writes np.float64(...)) had raised InvalidOperation
    "{combine: max}",
    "USD",
    ["{kind: refund, percent: 10, of: order.total, min: 5}"],
    _same(Float64(119.99), Float64(1e-5), 119.99),
)
@example(  # equal offers: the first in firing order is kept
    "{combine: max}",
    "USD",
    ["{kind: coupon, amount: 7}", "{kind: refund, percent: 7, of: order.total}"],
    _same(100),
)
@example(  # two percentages of two fields: each reads its own
    "{combine: max, per_event_max: 30}",
    "USD",
    [
        "{kind: refund, percent: 10, of: order.total}",
        "{kind: coupon, percent: 20, of: order.items.0.price}",
    ],
    [(100, 40), (100, 60), (400, 10), (None, 60), (80.5, None)],
)
def test_builders_price_as_step_by_step_filling_does(
    policy: str, currency: str, offers: list[str], totals: list[tuple[Any, Any]]
) -> None:
    built, filled = _decisions(policy, currency, offers, totals)
    assert orjson.dumps(built) == orjson.dumps(filled)  # the same keys in the same order too
    for decision in built:  # every offer as the published format has it, params and all
        PUBLISHED.validate(decision)
        assert surely_a_decision(decision)


def test_an_offer_keeps_its_place_among_other_actions_once_the_set_is_built(
    plan_from: Any, monkeypatch: Any
) -> None:
    """The builder a set of rules gets after BUILD_AFTER_USES decisions writes the offer in
    beside the other entries: it must put it where step-by-step filling does (first, here,
    as the rule lists it), not after them."""
    plan = plan_from(
        """
        rules:
          - id: r
            title: r
            when: {event: order}
            then:
              - compensate: {kind: voucher, percent: 10, of: order.total}
              - apologize: {}
        """
    )
    # set here: another test's run of bench.instructions leaves it at 2**62 (never built)
    monkeypatch.setattr(evaluate_module, "BUILD_AFTER_USES", 3)
    event = {"id": "e", "type": "order", "order": {"total": 50}}
    first = plan.decide(event)
    assert [(a["type"], a["params"].get("amount")) for a in first["actions"]] == [
        ("compensate", "5.00"),
        ("apologize", None),
    ]
    for _ in range(evaluate_module.BUILD_AFTER_USES + 1):
        decision = plan.decide(event)
        assert [a["type"] for a in decision["actions"]] == ["compensate", "apologize"]
        assert orjson.dumps(decision) == orjson.dumps(first)  # keys in the same order too
    assert all(p.builder for p in plan._decider.rules.assemblies.values())  # it was built
