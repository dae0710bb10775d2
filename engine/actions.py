"""Actions for one event: parameters filled in, deadlines fixed, compensation sized and capped.

Each rule's actions are turned into *recipes* once, when the plan compiles: everything that does
not depend on the event (type, static parameters, the duration) is computed then. Per event a
recipe only renders its templates, adds its duration to the event's time and, for compensation,
does the Decimal arithmetic. See docs/semantics.md for the rules written out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from engine.durations import parse_duration
from engine.fields import lookup, split_path
from engine.model import Action, CompensationPolicy
from engine.money import MONEY, format_money, money_step, round_money, to_decimal
from engine.templates import Template
from engine.utctime import due_text

ZERO = Decimal(0)
_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class Recipe:
    """One action of one rule, prepared at compile time."""

    type: str
    purpose: str
    rule: str
    within: str | None
    delta: int | None
    """The deadline's delay after the event, in µs (the event time's unit, ``engine.utctime``)."""
    static: dict[str, Any]
    templates: tuple[tuple[str, Template], ...]
    merge_by: tuple[str, ...] | None
    """Which parameters make two actions of this type the same action (None: never merged)."""
    nested: bool
    """Some static parameter is a list or mapping: each decision gets its own copy of it."""
    of: tuple[str, ...] | None = None
    """For a percentage: the event field it is a percentage of."""
    floor: Decimal | None = None
    ceiling: Decimal | None = None
    merge_key: tuple[Any, ...] | None = None
    """The merge key when every parameter in ``merge_by`` is static (computed once, here)."""
    fraction: Decimal | None = None
    """``percent`` / 100 (exact: dividing a decimal by 100 only moves its point)."""
    step: Decimal = Decimal("0.01")
    """The currency's minor unit, to round amounts to."""
    fixed: tuple[Decimal, str | None] | None = None
    """A fixed compensation's final amount and ``limited_by``: the same for every event."""

    @property
    def is_compensation(self) -> bool:
        """Compensation is combined under the plan's policy instead of merged."""
        return self.type == "compensate"

    def key_for(self, params: dict[str, Any]) -> tuple[Any, ...]:
        """The merge key of this action with these parameters filled in."""
        assert self.merge_by is not None
        return merge_key(self.type, self.purpose, self.merge_by, params)

    def fresh_static(self) -> dict[str, Any]:
        """The static parameters as new objects: a decision must not share lists with the plan."""
        if self.nested:
            return {name: plain(value) for name, value in self.static.items()}
        return dict(self.static)


# Two actions with equal values of these parameters are one action (the customer should get one
# apology, one call per channel...). Notes stay separate unless their text is the same, and
# replacements unless they replace the same item.
_MERGE_BY: dict[str, tuple[str, ...]] = {
    "apologize": (),
    "reply_publicly": (),
    "follow_up": (),
    "replace": ("item",),
    "contact_customer": ("channel",),
    "escalate": ("to",),
    "notify": ("to",),
    "root_cause": ("owner",),
    "training": ("owner",),
    "process_fix": ("owner",),
    "tag": (),
    "note": ("message",),
}


def plain(value: Any) -> Any:
    """A JSON-ready copy: exact decimals as text, new lists and mappings all the way down."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def merge_key(
    kind: str, purpose: str, merge_by: tuple[str, ...], params: dict[str, Any]
) -> tuple[Any, ...]:
    """What makes an action the same as another: type, purpose and the merge parameters.

    Each parameter counts by its name *and* its value, so ``{a: 1}`` and ``{b: 1}`` differ.
    """
    return (kind, purpose, *((n, _same_as(params.get(n))) for n in merge_by))


def _same_as(value: Any) -> Any:
    """A hashable form of a parameter under which equal values are equal, whatever the order
    of a mapping's keys (``{q: v, r: 1}`` is ``{r: 1, q: v}``); 1 and 1.0 and true stay apart."""
    if isinstance(value, dict):
        return ("{}", tuple(sorted((str(k), _same_as(v)) for k, v in value.items())))
    if isinstance(value, (list, tuple)):
        return ("[]", tuple(_same_as(v) for v in value))
    return repr(value)


def make_recipe(action: Action, rule_id: str, currency: str) -> Recipe:
    """Prepare one action of a rule (``currency``: the plan's, for compensation)."""
    static: dict[str, Any] = {}
    templates: list[tuple[str, Template]] = []
    for name, template in (("message", action.message), ("item", action.item)):
        if template is not None:
            text = template.literal  # a text without fields is a static parameter
            if text is None:
                templates.append((name, template))
            else:
                static[name] = text
    for name in ("channel", "kind", "shipping", "to", "owner"):
        value = getattr(action, name)
        if value is not None:
            static[name] = value
    if action.tags:
        static["tags"] = list(action.tags)
    if action.type == "replace":
        static["free_of_charge"] = True
    if action.type == "compensate":
        static["currency"] = currency
        if action.percent is not None and action.of is not None:
            static["percent"] = plain(action.percent)
            static["of"] = action.of
    for name, value in action.extra:
        static[name] = plain(value)
    templated = {name for name, _ in templates}
    merge_by = _MERGE_BY.get(action.type)
    if action.type.startswith("x-"):  # the same custom action: every parameter is the same
        merge_by = tuple(sorted({*static, *templated, "message"}))
    step = money_step(currency)
    static_key = None
    if merge_by is not None and templated.isdisjoint(merge_by):
        static_key = merge_key(action.type, action.purpose, merge_by, static)
    return Recipe(
        type=action.type,
        purpose=action.purpose,
        rule=rule_id,
        within=action.within,
        delta=parse_duration(action.within) // _MICROSECOND if action.within else None,
        static=static,
        templates=tuple(templates),
        merge_by=merge_by,
        nested=any(isinstance(v, (list, dict)) for v in static.values()),
        of=split_path(action.of) if action.of else None,
        floor=action.min,
        ceiling=action.max,
        merge_key=static_key,
        fraction=MONEY.divide(action.percent, 100) if action.percent is not None else None,
        step=step,
        fixed=_bounded(action.amount, action.min, action.max, step)
        if action.amount is not None
        else None,
    )


def _bounded(
    amount: Decimal, floor: Decimal | None, ceiling: Decimal | None, step: Decimal
) -> tuple[Decimal, str | None]:
    """An amount within a rule's min and max, rounded to ``step`` half up, and which bound
    changed it (or None)."""
    limited_by = None
    if floor is not None and amount < floor:
        amount, limited_by = floor, "min"
    if ceiling is not None and amount > ceiling:
        amount, limited_by = ceiling, "max"
    return amount.quantize(step, ROUND_HALF_UP, MONEY), limited_by


def render_action(recipe: Recipe, event: dict[str, Any], base: int | None) -> dict[str, Any]:
    """The decision entry for one action (compensation amounts are filled in separately)."""
    params = recipe.fresh_static()
    for name, template in recipe.templates:
        params[name] = template.render(event)
    return {
        "type": recipe.type,
        "rule": recipe.rule,
        "purpose": recipe.purpose,
        "params": params,
        "within": recipe.within,
        "due": due_text(base, recipe.delta),
        "also_from": [],
    }


@dataclass(slots=True)
class Offer:
    """A compensation being sized: the exact amount before and after the plan's limits."""

    entry: dict[str, Any]
    amount: Decimal
    unresolved: bool


def size_offer(recipe: Recipe, entry: dict[str, Any], event: dict[str, Any]) -> Offer:
    """Compute one compensation's amount: fixed, or percent of a field, within min and max.

    ``entry`` is the compensation's action entry for this event; its static parameters (kind,
    currency, percent, of) are already filled in.
    """
    params = entry["params"]
    fixed = recipe.fixed
    if fixed is not None:
        amount, params["limited_by"] = fixed
        return Offer(entry, amount, False)
    fraction, of = recipe.fraction, recipe.of
    assert fraction is not None and of is not None
    base = to_decimal(lookup(event, of))
    if base is None or base < ZERO:
        # No usable base: offer the floor and let a person decide (documented).
        params["base"] = None
        floor = recipe.floor
        params["limited_by"] = None if floor is None else "min"
        return Offer(
            entry,
            (ZERO if floor is None else floor).quantize(recipe.step, ROUND_HALF_UP, MONEY),
            True,
        )
    if not base:
        base = ZERO  # -0.0 in JSON is zero: no "-0.00" amounts
    params["base"] = format_money(base)
    amount, params["limited_by"] = _bounded(
        MONEY.multiply(base, fraction), recipe.floor, recipe.ceiling, recipe.step
    )
    return Offer(entry, amount, False)


def _superseded(offer: Offer, reason: str) -> dict[str, str]:
    """The record of an offer not made: its rule, the amount it offered and why it lost."""
    return {"rule": offer.entry["rule"], "amount": format_money(offer.amount), "reason": reason}


@dataclass(frozen=True, slots=True)
class CompensationRules:
    """The plan's compensation policy with its amounts rounded and written out once."""

    combine: str
    cap: Decimal | None
    threshold: Decimal | None
    zero: Decimal
    summary: dict[str, Any]
    """The summary fields that are the same for every event."""

    @classmethod
    def of(cls, policy: CompensationPolicy, currency: str) -> CompensationRules:
        """The policy of a plan in this currency."""
        cap = (
            round_money(policy.per_event_max, currency)
            if policy.per_event_max is not None
            else None
        )
        threshold = policy.approval_above
        return cls(
            combine=policy.combine,
            cap=cap,
            threshold=threshold,
            zero=round_money(ZERO, currency),
            summary={
                "currency": currency,
                "combine": policy.combine,
                "cap": format_money(cap) if cap is not None else None,
                "approval_threshold": (
                    format_money(round_money(threshold, currency))
                    if threshold is not None
                    else None
                ),
            },
        )


def combine_offers(
    offers: list[Offer], rules: CompensationRules
) -> tuple[list[Offer], dict[str, Any]]:
    """Apply the plan's policy: keep the largest (or all), cap the total, flag for approval.

    Returns the offers that remain and the decision's compensation summary. Every amount is
    already rounded to the currency, so sums and maxima need no rounding again.
    """
    if len(offers) == 1:  # the usual case: one rule offered something
        amount = offers[0].amount
        if rules.cap is None or ZERO < amount <= rules.cap:
            return offers, _settle(offers, amount, amount, False, [], rules)
    superseded: list[dict[str, str]] = []
    if rules.combine == "max" or len(offers) == 1:
        best = max(offers, key=lambda o: o.amount)  # ties: the first in firing order
        superseded = [_superseded(o, "smaller-offer") for o in offers if o is not best]
        kept = [best]
        offered = best.amount
    else:
        kept = offers
        offered = _total(offers, rules.zero)
    capped = False
    remaining = rules.cap
    if remaining is not None:
        still: list[Offer] = []
        for offer in kept:
            if remaining <= ZERO:  # nothing is left under the cap: the offer is not made
                superseded.append(_superseded(offer, "cap-reached"))
                capped = capped or offer.amount > ZERO
                continue
            if offer.amount > remaining:
                offer.amount, capped = remaining, True
                offer.entry["params"]["limited_by"] = "per_event_max"
            remaining = MONEY.subtract(remaining, offer.amount)
            still.append(offer)
        kept = still
    total = _total(kept, rules.zero)
    return kept, _settle(kept, offered, total, capped, superseded, rules)


def _total(offers: list[Offer], zero: Decimal) -> Decimal:
    """The sum of the offers' amounts, exactly (in the MONEY context)."""
    total = zero
    for offer in offers:
        total = MONEY.add(total, offer.amount)
    return total


def _settle(
    kept: list[Offer],
    offered: Decimal,
    total: Decimal,
    capped: bool,
    superseded: list[dict[str, str]],
    rules: CompensationRules,
) -> dict[str, Any]:
    """Write the amounts and the approval flag into the offers made; the summary."""
    needs_approval = rules.threshold is not None and total > rules.threshold
    for offer in kept:
        needs_approval = needs_approval or offer.unresolved
    for offer in kept:
        params = offer.entry["params"]
        params["amount"] = format_money(offer.amount)
        params["needs_approval"] = needs_approval
        params["unresolved"] = offer.unresolved
    summary = dict(rules.summary)
    summary["offered"] = format_money(offered)
    summary["total"] = format_money(total)
    summary["capped"] = capped
    summary["needs_approval"] = needs_approval
    summary["superseded"] = superseded
    return summary
