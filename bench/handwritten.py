"""How near the decider is to the best Python can do: one decision written out by hand.

``Plan.evaluate`` on the bench's 100-rule plan takes about 9× an ``orjson.loads`` of the event,
where the target is 5×. Could better generated code close that? This answers it for the most
common shape of decision on that plan: a set of fired rules that makes four plain actions (the
first with a templated message) and one percentage offer, under ``combine: max`` with a cap
and an approval threshold. A function written by hand for that set alone (every value a
closure constant, no call it can avoid, the offer sized inline, the entries and the summary as
dict displays) decides its events; the script checks it gives ``Plan.decide``'s very document
for every one of them, then times the two, their runs interleaved, best of ``--runs``, beside
the parse of the same events and the parts no decision can skip (reading the id, type and time,
and matching).

usage: python -m bench.handwritten [--runs 9] [--events 100000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from bench.worker import per_event_us
from bench.workload import make_events, make_plan, plan_yaml, stores_for

if TYPE_CHECKING:
    from engine.api import Plan

SHAPE = ("slot-template", "slot", "offer-percent", "slot", "slot")
"""The shape the hand-written decision is for: its steps in order (see ``engine.assembly``)."""


def _shape(prepared: Any) -> tuple[str, ...]:
    from engine.assembly import SLOT

    shape = []
    for kind, item in prepared.assembly.steps:
        if kind == SLOT:  # a list among the parameters (tags) is not written by hand here
            if item.recipe.nested or item.tags is not None:
                shape.append("slot-list")
            else:
                shape.append("slot-template" if item.recipe.templates else "slot")
        else:
            shape.append("offer-percent" if item.fixed is None else "offer-fixed")
    return tuple(shape)


def handwritten(
    plan: Plan, key: tuple[int, ...], prepared: Any
) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """The decision of the events whose matched rules are ``key`` (their set's ``prepared``
    assembly), written out as one would by hand."""
    from engine.compile import match_split
    from engine.evaluate import event_identity
    from engine.formats import DECISION_FORMAT
    from engine.money import MONEY
    from engine.utctime import utc_text

    decider = plan._decider
    by_type, untyped = decider.by_type, decider.untyped
    rules = decider.compensation
    (_, s0), (_, s1), (_, offer), (_, s3), (_, s4) = prepared.assembly.steps
    (template_name, render), *more = s0.recipe.templates
    assert not more and not s1.recipe.templates and not s3.recipe.templates
    assert not s4.recipe.templates and rules.combine == "max" and rules.threshold is not None
    assert offer.of is not None and offer.fraction is not None
    heads = [
        {
            "also_from": None,
            "due": None,
            "params": None,
            "purpose": slot.recipe.purpose,
            "rule": slot.recipe.rule,
            "type": slot.recipe.type,
            "within": slot.deadline.within,
        }
        for slot in (s0, s1, s3, s4)
    ]
    h0, h1, h3, h4 = heads
    a0, a1, a3, a4 = (list(slot.also_from) for slot in (s0, s1, s3, s4))
    p0 = {k: v for k, v in s0.recipe.layout.items() if k != template_name}
    p1, p3, p4 = (slot.recipe.layout for slot in (s1, s3, s4))
    d0, d1, d3, d4 = (slot.deadline.delta for slot in (s0, s1, s3, s4))
    offer_head = {
        "also_from": [],
        "due": None,
        "params": None,
        "purpose": offer.purpose,
        "rule": offer.rule,
        "type": offer.type,
        "within": offer.within,
    }
    offer_params = offer.layout
    first, second = offer.of if len(offer.of) == 2 else (offer.of[0], None)
    assert second is not None, "the shape's offer is of a field one level down (order.total)"
    fraction, floor, ceiling, step = offer.fraction, offer.floor, offer.ceiling, offer.step
    unresolved_amount = (floor or Decimal(0)).quantize(step, ROUND_HALF_UP, MONEY)
    unresolved_limit = None if floor is None else "min"
    threshold, shown_threshold, shown_cap, cap = (
        rules.threshold,
        rules.shown_threshold,
        rules.shown_cap,
        rules.cap,
    )
    currency = rules.currency
    matched = list(prepared.assembly.matched)
    plan_ref = decider.plan_ref

    def decide(event: dict[str, Any]) -> dict[str, Any]:
        event_id, kind, base, occurred_at = event_identity(event)
        ordinals = tuple(match_split(event, by_type, untyped))
        assert ordinals == key, "only for the events of this set"
        e0 = h0.copy()
        e0["also_from"] = [*a0]
        params = p0.copy()
        params[template_name] = render(event)
        e0["params"] = params
        e1 = h1.copy()
        e1["also_from"] = [*a1]
        e1["params"] = p1.copy()
        e3 = h3.copy()
        e3["also_from"] = [*a3]
        e3["params"] = p3.copy()
        e4 = h4.copy()
        e4["also_from"] = [*a4]
        e4["params"] = p4.copy()
        if base is not None:
            e0["due"] = utc_text(base + d0) if d0 is not None else None
            e1["due"] = utc_text(base + d1) if d1 is not None else None
            e3["due"] = utc_text(base + d3) if d3 is not None else None
            e4["due"] = utc_text(base + d4) if d4 is not None else None
        e2 = offer_head.copy()
        e2["also_from"] = []
        p2 = e2["params"] = offer_params.copy()
        value = event.get(first)
        value = value.get(second) if value.__class__ is dict else None
        if value.__class__ is float and 0 <= value < 1e15 and "e" not in (text := repr(value)):
            amount = MONEY.multiply(Decimal(text), fraction)
            limited_by = None
            if floor is not None and amount < floor:
                amount, limited_by = floor, "min"
            if ceiling is not None and amount > ceiling:
                amount, limited_by = ceiling, "max"
            amount = amount.quantize(step, ROUND_HALF_UP, MONEY)
            p2["base"] = text if value else "0"
            unresolved = False
        elif value.__class__ is int or value.__class__ is float:
            return plan.decide(event)  # a whole, negative or huge number: not by hand here
        else:  # no amount to take a percentage of: the floor, for a person to decide
            amount, limited_by, unresolved = unresolved_amount, unresolved_limit, True
        if not amount or (cap is not None and amount > cap):
            return plan.decide(event)  # nothing to offer, or over the cap: combining
        needs_approval = unresolved or amount > threshold
        shown = str(amount)
        p2["amount"] = shown
        p2["limited_by"] = limited_by
        p2["needs_approval"] = needs_approval
        p2["unresolved"] = unresolved
        return {
            "actions": [e0, e1, e2, e3, e4],
            "compensation": {
                "approval_threshold": shown_threshold,
                "cap": shown_cap,
                "capped": False,
                "combine": "max",
                "currency": currency,
                "needs_approval": needs_approval,
                "offered": shown,
                "superseded": [],
                "total": shown,
            },
            "event_id": event_id,
            "event_type": kind,
            "fallback": False,
            "format": DECISION_FORMAT,
            "matched": [*matched],
            "occurred_at": occurred_at,
            "plan": plan_ref.copy(),
        }

    return decide


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--events", type=int, default=100_000)
    options = parser.parse_args(argv)
    from engine.api import load_plan
    from engine.compile import match_split
    from engine.evaluate import event_identity

    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "plan.yaml"
        path.write_text(plan_yaml(make_plan(100, seed=7)), encoding="utf-8")
        plan = load_plan(path)
    events = make_events(options.events, seed=7, stores=stores_for(100))
    for event in events:  # warm: every set seen, builders compiled for the common ones
        plan.decide(event)
    decider = plan._decider
    ranked = sorted(decider.rules.assemblies.items(), key=lambda kv: -kv[1].uses)
    shaped = [(k, p) for k, p in ranked if _shape(p) == SHAPE]
    chosen = next(((k, p) for k, p in shaped if p.builder), shaped[0] if shaped else None)
    if chosen is None:
        sys.exit("no set of fired rules of the hand-written shape: the workload changed")
    key, prepared = chosen
    mine = [e for e in events if tuple(match_split(e, decider.by_type, decider.untyped)) == key]
    by_hand = handwritten(plan, key, prepared)
    for event in mine:
        if by_hand(event) != plan.decide(event):
            sys.exit(f"the hand-written decision differs on event {event['id']}")
    print(f"the hand-written decision is Plan.decide's on all {len(mine)} events of its set")
    lines = [orjson.dumps(event) for event in mine]

    def matching(event: dict[str, Any]) -> Any:
        return match_split(event, decider.by_type, decider.untyped)

    parts: dict[str, tuple[Callable[[Any], Any], list[Any]]] = {
        "orjson.loads (the floor)": (orjson.loads, lines),
        "id, type and time": (event_identity, mine),
        "matching": (matching, mine),
        "Plan.decide": (plan.decide, mine),
        "by hand": (by_hand, mine),
    }
    times: dict[str, list[float]] = {name: [] for name in parts}
    for _ in range(options.runs):  # interleaved: each sees the same machine
        for name, (function, items) in parts.items():
            times[name].extend(per_event_us(function, items, 1))
    floor = min(times["orjson.loads (the floor)"])
    print(f"{len(mine)} events fire the set {list(prepared.assembly.matched)} ({SHAPE})")
    print("| part | µs per event, best of runs | ÷ floor |")
    print("|---|---:|---:|")
    for name, measured in times.items():
        print(f"| {name} | {min(measured):.2f} | {min(measured) / floor:.1f}× |")
    print()
    by_kind(plan, events, options.runs)


def by_kind(plan: Any, events: list[dict[str, Any]], runs: int) -> None:
    """``Plan.decide`` against the parse, for the events grouped by the kind of decision: the
    fallback's, or a set's with or without its generated builder, by the offers it sizes."""
    from engine.assembly import SLOT
    from engine.compile import match_split

    decider = plan._decider
    groups: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        ordinals = tuple(match_split(event, decider.by_type, decider.untyped))
        known = decider.rules.assemblies.get(ordinals) if ordinals else None
        if not ordinals:
            kind = "the fallback"
        elif known is None:
            kind = "a set not cached"
        else:
            offers = sum(1 for step, _ in known.assembly.steps if step != SLOT)
            path = "generated builder" if known.builder else "step by step"
            kind = f"{path}, {offers} offer{'' if offers == 1 else 's'}"
        groups.setdefault(kind, []).append(event)
    print("| decision | events | floor µs | decide µs | ÷ floor |")
    print("|---|---:|---:|---:|---:|")
    total_floor = total_decide = 0.0
    for kind, group in sorted(groups.items()):
        lines = [orjson.dumps(event) for event in group]
        floor = min(per_event_us(orjson.loads, lines, runs))
        decide = min(per_event_us(plan.decide, group, runs))
        total_floor += floor * len(group)
        total_decide += decide * len(group)
        share = len(group) / len(events)
        print(f"| {kind} | {share:.1%} | {floor:.2f} | {decide:.2f} | {decide / floor:.1f}× |")
    print(f"| all | 100% | | | {total_decide / total_floor:.1f}× |")


if __name__ == "__main__":
    main()
