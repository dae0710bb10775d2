"""Compensation for one event: each offer sized, then the plan's policy applied to them all.

An offer is a ``compensate`` action of a fired rule: a fixed amount (worked out once, when its
recipe is made) or a percentage of an event field, within the rule's min and max. The plan's
policy keeps the largest offer or all of them, caps the total at ``per_event_max`` and flags the
decision for approval above ``approval_above`` (docs/semantics.md, *Compensation*).

This runs for most decisions, so an offer is carried as a plain ``(entry, amount, unresolved)``
tuple rather than an object, and when one offer is kept (it is alone, or the largest under
``combine: max``) and fits under the cap, the usual case, it is settled without the capping
and summing.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from engine.fields import lookup
from engine.model import Action, CompensationPolicy
from engine.money import MONEY, format_money, read_amount, round_money

if TYPE_CHECKING:
    from engine.actions import Recipe

ZERO = Decimal(0)

PRICED: tuple[str, ...] = ("amount", "limited_by", "needs_approval", "unresolved")
"""The parameters :func:`price` writes into every offer it sizes (``_size`` and ``_settle``);
a percentage also gets ``base``. An action entry has them in its place from the start
(``engine.actions.Recipe.layout``), so the entry's keys stay in order."""

Sized = tuple[dict[str, Any], Decimal, bool, Decimal | None]
"""An offer once sized: its action entry, its amount (rounded to the currency), whether it
is unresolved (a percentage of a field the event lacks: a person must decide) and the most
it can offer, its rule's ``max`` rounded (what an unresolved offer could have come to at
most; None: no bound)."""


class CompensationRules:
    """The plan's compensation policy with its amounts rounded and written out once."""

    __slots__ = ("cap", "combine", "currency", "shown_cap", "shown_threshold", "threshold", "zero")

    def __init__(self, policy: CompensationPolicy, currency: str) -> None:
        self.currency = currency
        cap = policy.per_event_max
        self.combine = policy.combine
        self.cap = round_money(cap, currency) if cap is not None else None
        # Rounded like the cap: the threshold the decision shows is the one the total is held
        # to (30.005 in USD is 30.01, and a total of 30.01 is not above it).
        threshold = policy.approval_above
        self.threshold = round_money(threshold, currency) if threshold is not None else None
        self.zero = round_money(ZERO, currency)
        # The summary's ``cap`` and ``approval_threshold``: the same for every event.
        self.shown_cap = format_money(self.cap) if self.cap is not None else None
        self.shown_threshold = format_money(self.threshold) if self.threshold is not None else None


def bounded(
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


def fixed_offer(action: Action, step: Decimal) -> tuple[Decimal, str | None] | None:
    """What a compensation with a fixed ``amount`` offers on every event, within its own min
    and max and rounded to ``step``, and the bound that changed it; None for a percentage.
    Deciding (``engine.actions``), ``validate`` and ``lint`` all judge an amount by it."""
    if action.amount is None:
        return None
    return bounded(action.amount, action.min, action.max, step)


def offer_most(action: Action, step: Decimal) -> tuple[Decimal, str] | None:
    """The most a compensation can offer on any event, before the plan's cap, and the key
    that says so: a fixed ``amount`` within its own bounds (:func:`fixed_offer`), or a
    percentage's ``max`` rounded as amounts are; None for a percentage without a ``max``.
    Deciding tells an offer the event could not size from the one made by it
    (``engine.actions.Recipe.most``), and ``lint`` holds it to the cap and the threshold."""
    fixed = fixed_offer(action, step)
    if fixed is not None:
        return fixed[0], "amount"
    if action.max is None:
        return None
    return action.max.quantize(step, ROUND_HALF_UP, MONEY), "max"


def price(
    offers: list[tuple[Recipe, dict[str, Any]]], event: dict[str, Any], rules: CompensationRules
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Size the offers (recipe and action entry, in firing order) and apply the policy; an
    offer that comes to zero (and is not unresolved) is not made.

    Each entry's ``params`` get their amount, ``limited_by``, ``base`` (a percentage),
    ``needs_approval`` and ``unresolved``. Returns the entries of the offers not made, which the
    decision leaves out, and the decision's compensation summary.
    """
    cap = rules.cap
    if len(offers) == 1:
        recipe, entry = offers[0]
        amount, unresolved = _size(recipe, entry["params"], event)
        sized: list[Sized] = [(entry, amount, unresolved, recipe.most)]
        # the usual case: an amount (never below 0) to make, nothing to combine or cap
        if amount and (cap is None or amount <= cap):
            return [], _settle(sized, amount, amount, False, [], rules)
        return _combine(sized, rules)
    sized = [
        (entry, *_size(recipe, entry["params"], event), recipe.most) for recipe, entry in offers
    ]
    if rules.combine == "max":
        best = _largest(sized)
        amount = best[1]
        if amount and (cap is None or amount <= cap):  # the largest is kept and fits
            not_made, superseded = _set_aside([best], sized, cap)
            return not_made, _settle([best], amount, amount, False, superseded, rules)
    return _combine(sized, rules)


def _size(recipe: Recipe, params: dict[str, Any], event: dict[str, Any]) -> tuple[Decimal, bool]:
    """One offer's amount, fixed or a percentage of a field within min and max, and whether it
    is unresolved; writes ``limited_by`` (and ``base`` for a percentage) into ``params``."""
    fixed = recipe.fixed
    if fixed is not None:
        amount, params["limited_by"] = fixed
        return amount, False
    fraction, of = recipe.fraction, recipe.of
    assert fraction is not None and of is not None
    read = read_amount(lookup(event, of))
    if read is None or read[0] < ZERO:
        # No usable base: offer the floor and let a person decide (documented).
        params["base"] = None
        floor = recipe.floor
        params["limited_by"] = None if floor is None else "min"
        return (ZERO if floor is None else floor).quantize(recipe.step, ROUND_HALF_UP, MONEY), True
    base, params["base"] = read
    if not base:
        base = ZERO  # -0.0 in JSON is zero: no "-0.00" amounts
        params["base"] = "0"
    amount, params["limited_by"] = bounded(
        MONEY.multiply(base, fraction), recipe.floor, recipe.ceiling, recipe.step
    )
    return amount, False


def _combine(
    sized: list[Sized], rules: CompensationRules
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The policy over several offers (or one over the cap): keep the largest (or all), cap
    the total, flag for approval. Amounts are already rounded, so sums need no rounding."""
    # An offer that came to nothing (10% of a total of 0) is not made: "a voucher of 0.00" is
    # no remedy. An unresolved one is, at 0 without a min: a person decides the amount.
    made = [offer for offer in sized if not _came_to_nothing(offer)]
    if not made:
        kept, offered = [], rules.zero
    elif rules.combine == "max" or len(made) == 1:
        kept = [_largest(made)]
        offered = kept[0][1]
    else:
        kept, offered = made, _total(made, rules.zero)
    not_made, superseded = _set_aside(kept, sized, rules.cap)
    capped = False
    remaining = rules.cap
    if remaining is not None:
        still: list[Sized] = []
        for offer in kept:
            entry, amount, unresolved, most = offer
            if remaining <= ZERO:  # nothing is left under the cap: the offer is not made
                superseded.append(_superseded(offer, "cap-reached"))
                not_made.append(entry)
                capped = capped or amount > ZERO
                continue
            if amount > remaining:
                amount, capped = remaining, True
                entry["params"]["limited_by"] = "per_event_max"
                offer = (entry, amount, unresolved, most)
            remaining = MONEY.subtract(remaining, amount)
            still.append(offer)
        kept = still
    total = _total(kept, rules.zero)
    return not_made, _settle(kept, offered, total, capped, superseded, rules)


def _settle(
    kept: list[Sized],
    offered: Decimal,
    total: Decimal,
    capped: bool,
    superseded: list[dict[str, str]],
    rules: CompensationRules,
) -> dict[str, Any]:
    """Write the amounts and the approval flag into the offers made; the summary.

    A person approves when the total is above the threshold, when an offer made is
    unresolved, and when one set aside as ``unresolved`` could have been larger than the one
    made (see :func:`_set_aside`): the decision cannot say which offer the plan wanted."""
    threshold = rules.threshold
    needs_approval = threshold is not None and total > threshold
    for _, _, unresolved, _ in kept:
        needs_approval = needs_approval or unresolved
    for record in superseded:  # usually none
        needs_approval = needs_approval or record["reason"] == "unresolved"
    shown_total = format_money(total)  # written once when it is also what was offered, the
    # usual case of one offer kept (``price``'s short paths pass the same Decimal for all)
    for entry, amount, unresolved, _ in kept:
        params = entry["params"]
        params["amount"] = shown_total if amount is total else format_money(amount)
        params["needs_approval"] = needs_approval
        params["unresolved"] = unresolved
    return {  # keys in order, as canonical JSON writes them (engine.decision)
        "approval_threshold": rules.shown_threshold,
        "cap": rules.shown_cap,
        "capped": capped,
        "combine": rules.combine,
        "currency": rules.currency,
        "needs_approval": needs_approval,
        "offered": shown_total if offered is total else format_money(offered),
        "superseded": superseded,
        "total": shown_total,
    }


def _came_to_nothing(offer: Sized) -> bool:
    """Whether an offer came to 0 and is not unresolved (a person sizes those): not made."""
    return not offer[1] and not offer[2]


def _largest(sized: list[Sized]) -> Sized:
    """The offer with the largest amount; on a tie, the first in firing order."""
    best = sized[0]
    for offer in sized:
        if offer[1] > best[1]:
            best = offer
    return best


def _set_aside(
    kept: list[Sized], sized: list[Sized], cap: Decimal | None
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """The offers not kept, in firing order: their entries (not made) and their records, each
    ``zero-amount`` when it came to nothing, ``unresolved`` when it is a percentage the event
    could not size (its amount is the rule's ``min``, or 0) that may have been the offer made
    (see :func:`_may_have_been_made`), else ``smaller-offer`` (a larger one was chosen: made, unless a cap of
    0 left nothing for it, which is then ``cap-reached``)."""
    not_made: list[dict[str, Any]] = []
    records: list[dict[str, str]] = []
    if len(kept) == 1:  # the usual case (combine: max): the largest offer, made
        best = kept[0]
        earlier = True  # whether an offer fires before the one made
        for offer in sized:
            if offer is best:
                earlier = False
                continue
            not_made.append(offer[0])
            if offer[2]:  # unresolved: it never came to nothing (a person sizes it)
                unsure = _may_have_been_made(offer, best[1], earlier, cap)
                reason = "unresolved" if unsure else "smaller-offer"
            else:
                reason = "smaller-offer" if offer[1] else "zero-amount"
            records.append(_superseded(offer, reason))
        return not_made, records
    kept_ids = {id(offer) for offer in kept}  # combine: sum keeps all but those of nothing
    for offer in sized:
        if id(offer) not in kept_ids:
            not_made.append(offer[0])
            records.append(
                _superseded(offer, "zero-amount" if _came_to_nothing(offer) else "smaller-offer")
            )
    return not_made, records


def _may_have_been_made(offer: Sized, made: Decimal, earlier: bool, cap: Decimal | None) -> bool:
    """Whether an offer the event could not size may have been the one made instead of the
    offer of ``made``: unless the most it can offer (its ``max``) is below the amount made, or
    equal to it and it fires later (a tie goes to the first in firing order); or nothing is
    ever given (``per_event_max: 0``).

    Both amounts are before the plan's cap, which reduces the offer made once it is chosen: a
    refund of up to 100 may be larger than a voucher of 40 under a cap of 30, and then it is
    the refund that is made (for 30), not the voucher. Comparing the refund's 30 under the cap
    with the voucher's 40 before it set the refund aside as a smaller offer, and asked no one."""
    if cap is not None and cap <= ZERO:
        return False
    most = offer[3]
    return most is None or most > made or (most == made and earlier)


def _total(offers: list[Sized], zero: Decimal) -> Decimal:
    """The sum of the offers' amounts, exactly (in the MONEY context)."""
    total = zero
    for _, amount, _, _ in offers:
        total = MONEY.add(total, amount)
    return total


def _superseded(offer: Sized, reason: str) -> dict[str, str]:
    """The record of an offer not made: its rule, the amount it offered and why it lost."""
    return {"amount": format_money(offer[1]), "reason": reason, "rule": offer[0]["rule"]}
