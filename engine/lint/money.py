"""Lint checks of amounts of money: caps, bounds, approvals, currencies, percentages and the
way amounts are written.

Each asks whether the money a plan writes is the money it will offer: an offer the plan's cap
cuts (``compensation-above-cap``), a cap of nothing, an amount beyond its own bounds, an
approval threshold no total reaches, a currency nobody pays in, a percent written as a
fraction, an amount finer than the currency pays or written with a thousands point. They
share the plan's compensation policy, rounded in its currency, and the amounts as the file
writes them. (Several offers for one complaint are ``engine.lint.offers``'s.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from engine.checks import plan_actions
from engine.compensation import CompensationRules, fixed_offer, offer_most
from engine.errors import Diagnostic, SourceLocation
from engine.lint.base import WarningCheck, value_text
from engine.model import Action, PlanModel, Rule
from engine.money import (
    MONEY,
    OFFER_AMOUNT_KEYS,
    POLICY_AMOUNT_KEYS,
    format_money,
    grouped_money,
    minor_unit_digits,
    money_step,
    plain_number,
    round_money,
)
from engine.wording import money


def _rounded_policy(plan: PlanModel) -> CompensationRules:
    """The plan's cap and approval threshold rounded to the currency, as deciding holds a
    total to them: a cap of 4999.5 yen is 5000, and an offer of 5000 is not above it."""
    return CompensationRules(plan.settings.compensation, plan.settings.currency)


class CompensationAboveCap(WarningCheck):
    """A compensation that can offer more than the plan's ``per_event_max``: deciding cuts it
    to the cap, so the rule's amount, ``max`` or ``min`` says more than a customer is ever given,
    and its author may not know a cap exists."""

    code = "compensation-above-cap"
    description = "A compensation can be larger than the plan's `per_event_max`, so it is cut."

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each compensation whose ``min``, fixed amount or reachable ``max`` is above the cap, as
        deciding rounds it; a cap of 0 is ``cap-of-nothing``'s."""
        cap = _rounded_policy(plan).cap
        if not cap:  # none, or 0: every offer is cut to nothing, which cap-of-nothing says once
            return
        currency = plan.settings.currency
        step = money_step(currency)
        for rule, action in plan_actions(plan):
            if action.type != "compensate":
                continue
            # A fixed amount offers one amount (within its own min and max), whatever its
            # `max`; a percentage can reach its `max`, rounded as deciding rounds it, and
            # never offers less than its `min`: one above the cap is cut on every event.
            least = None if action.amount is not None or action.min is None else action.min
            if least is not None and round_money(least, currency) > cap:
                yield self.found(
                    action.at.inside("min"),
                    f"the compensation of rule `{rule.id}` offers at least "
                    f"{money(least, currency)} (its `min`), but the plan gives at most "
                    f"{money(cap, currency)} per complaint (`per_event_max`): it is cut on "
                    "every complaint",
                    "lower its `min`, or raise `per_event_max` if that is intended",
                )
                continue
            most = offer_most(action, step)
            if most is None:
                continue
            bound, key = most
            label = "offers" if key == "amount" else "can reach"
            if bound > cap:
                yield self.found(
                    action.at.inside(key),
                    f"the compensation of rule `{rule.id}` {label} "
                    f"{money(bound, currency)}, but the plan gives at most "
                    f"{money(cap, currency)} per complaint (`per_event_max`)",
                    "lower the amount or `max`, or raise `per_event_max` if that is intended",
                )


class CapOfNothing(WarningCheck):
    """A ``per_event_max`` of 0 in a plan that compensates, most often written to mean "no
    limit": every offer is cut to nothing, and no customer is ever compensated."""

    code = "cap-of-nothing"
    description = (
        "The plan's `per_event_max` is 0 (or rounds to 0 in its currency) and it has "
        "compensations: every offer is cut to nothing, so no customer is ever compensated. "
        "In Backplan 0 never means no limit: a plan without a cap leaves `per_event_max` out."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Whether the cap rounds to 0 while some rule compensates, told once, at the cap."""
        cap = _rounded_policy(plan).cap
        if cap is None or cap:
            return
        offers = sum(action.type == "compensate" for _, action in plan_actions(plan))
        if not offers:
            return
        currency = plan.settings.currency
        at = plan.settings.at.inside("compensation").inside("per_event_max")
        limit = plan.settings.compensation.per_event_max
        assert limit is not None  # (the cap is it, rounded)
        written = _as_written(at, limit)
        each = "its compensation is" if offers == 1 else f"each of its {offers} compensations is"
        yield self.found(
            at,
            f"the plan gives at most {money(cap, currency)} per complaint (`per_event_max: "
            f"{written}`), so {each} cut to nothing: no "
            "customer is ever compensated",
            "to have no limit, remove `per_event_max`; to offer no compensation, remove the "
            "`compensate` actions instead",
        )


class AmountOutsideBounds(WarningCheck):
    """A fixed ``amount`` outside its own ``min`` and ``max``: the rule always offers the bound
    instead, so the amount a reader sees is never the one given."""

    code = "amount-outside-bounds"
    description = (
        "A compensation's fixed `amount` is above its own `max` or below its own `min`, so the "
        "rule always offers that bound instead."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each fixed amount that deciding moves to its bound, with the amount it offers."""
        currency = plan.settings.currency
        step = money_step(currency)
        for rule, action in plan_actions(plan):
            fixed = fixed_offer(action, step)  # the engine's own sizing of a fixed amount
            if fixed is None:
                continue
            offered, limited_by = fixed
            if limited_by is None:
                continue
            side = "above" if limited_by == "max" else "below"
            bound = action.max if limited_by == "max" else action.min
            assert bound is not None and action.amount is not None  # (what limited it)
            amount = _as_written(action.at.inside("amount"), action.amount)
            bound_written = _as_written(action.at.inside(limited_by), bound)
            yield self.found(
                action.at.inside("amount"),
                f"the compensation of rule `{rule.id}` has `amount: {amount}`, {side} its "
                f"own `{limited_by}: {bound_written}`: it always offers {money(offered, currency)}",
                f"a fixed amount needs no `{limited_by}`: write the amount you mean to offer "
                f"and remove `{limited_by}`",
                (action.at.inside(limited_by),),
            )


class ApprovalNeverNeeded(WarningCheck):
    """An ``approval_above`` no total can pass (at or above the cap, or above all the offers can
    come to): a manager counts on large gestures being checked by a person first, and none
    ever is."""

    code = "approval-never-needed"
    description = (
        "The plan's `approval_above` is at or above its `per_event_max`, or above all its "
        "offers can come to: no total is ever above it, so no compensation needs approval for "
        "its amount."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Whether the threshold is at or above the cap, or else above all the offers add up to."""
        settings = plan.settings
        rules = _rounded_policy(plan)
        threshold, cap = rules.threshold, rules.cap
        if threshold is None:
            return
        currency = settings.currency
        policy = settings.at.inside("compensation")
        if cap is None or threshold < cap:
            yield from self._above_the_offers(plan, threshold, rules.combine)
            return
        shown = money(threshold, currency)
        yield self.found(
            policy.inside("approval_above"),
            _never_above(
                shown,
                f"gives at most {money(cap, currency)} per complaint (`per_event_max`)",
                shown,
            ),
            "set `approval_above` below `per_event_max`, to the total a person should check "
            "first; or remove it if no compensation needs approval",
            (policy.inside("per_event_max"),),
        )

    def _above_the_offers(
        self, plan: PlanModel, threshold: Decimal, combine: str
    ) -> Iterator[Diagnostic]:
        """The threshold at or above the most the plan's offers come to: the largest under
        ``combine: max``, all of them under ``sum``; none when an offer has no bound (a
        percentage without ``max``) or there is no offer."""
        currency = plan.settings.currency
        step = money_step(currency)
        bounds: list[tuple[Decimal, Rule, Action, str]] = []
        for rule, action in plan_actions(plan):
            if action.type != "compensate" or not rule.enabled:
                continue
            bound = offer_most(action, step)
            if bound is None:
                return  # a percentage without a max can come to any amount
            bounds.append((bound[0], rule, action, bound[1]))
        if not bounds:
            return
        amount, rule, action, key = max(bounds, key=lambda bound: bound[0])
        most = amount if combine == "max" else sum((b[0] for b in bounds), Decimal(0))
        if threshold < most:
            return
        offers = (
            f"its largest offer, rule `{rule.id}`'s, comes to at most {money(amount, currency)}"
            if combine == "max"
            else f"all its offers together come to at most {money(most, currency)}"
        )
        yield self.found(
            plan.settings.at.inside("compensation").inside("approval_above"),
            _never_above(money(threshold, currency), offers, "it"),
            "set `approval_above` below the amounts a person should check first (or raise "
            "the offers' `max` if they may be larger); or remove it if none needs approval",
            (action.at.inside(key),),
        )


def _never_above(threshold: str, but: str, above: str) -> str:
    """What both findings of :class:`ApprovalNeverNeeded` say, in one sentence kept in one
    place: the ``threshold`` asked for, ``but`` what keeps every total at or below it, and the
    threshold said again as ``above`` (``it`` after the longer reason of the offers)."""
    return (
        f"the plan asks for approval of a total above {threshold} (`approval_above`), but "
        f"{but}: no total is ever above {above}, so no compensation needs approval for its amount"
    )


class UnknownCurrency(WarningCheck):
    """A ``currency`` that is no ISO 4217 code, most often a typo (``JYP``): amounts are then
    rounded to 2 decimals whatever the currency meant, and the decisions name a currency nobody
    pays in."""

    code = "unknown-currency"
    description = (
        "The plan's `currency` is not an ISO 4217 code (`JYP` for `JPY`): amounts in it are "
        "rounded to 2 decimals, and the decisions name a currency nobody pays in."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Whether the plan's currency is a code ISO 4217 knows, with the nearest one if not."""
        from engine.currencies import ISO_4217, nearest_currency

        currency = plan.settings.currency
        if currency in ISO_4217:
            return
        guess = nearest_currency(currency)
        yield self.found(
            plan.settings.at.inside("currency"),
            f"`{currency}` is not an ISO 4217 currency code"
            + (f" (did you mean `{guess}`?)" if guess else ""),
            "an amount in a code Backplan does not know is rounded to 2 decimals; write the "
            "code of the currency the gestures are paid in, such as USD, EUR or JPY",
        )


_FRACTIONS = {
    Decimal("0.1"): "a tenth",
    Decimal("0.2"): "a fifth",
    Decimal("0.25"): "a quarter",
    Decimal("0.5"): "half",
    Decimal("0.75"): "three quarters",
}
"""How a manager says the shares a percentage written as a fraction most often meant."""


class PercentAsFraction(WarningCheck):
    """A ``percent`` between 0 and 1, written as a fraction (``0.2`` for 20%): percent is out
    of 100, so the rule offers a hundredth of what was meant."""

    code = "percent-as-fraction"
    description = (
        "A compensation's `percent` between 0 and 1 (`percent: 0.2`): percent is out of 100, "
        "so it offers less than one percent."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each ``percent`` above 0 and below 1, with the percent most likely meant."""
        for rule, action in plan_actions(plan):
            percent = action.percent
            if percent is None or not 0 < percent < 1:
                continue
            meant, written = plain_number(MONEY.multiply(percent, 100)), plain_number(percent)
            share = _FRACTIONS.get(percent)
            yield self.found(
                action.at.inside("percent"),
                f"the compensation of rule `{rule.id}` offers {written}% of `{action.of}` "
                f"(`percent: {written}`), less than one percent: `percent` is out of 100",
                f"for {meant}%{f' ({share})' if share else ''} of `{action.of}`, write "
                f"`percent: {meant}`",
            )


class UnboundedCompensation(WarningCheck):
    """A percentage without a ``max`` in a plan with neither ``per_event_max`` nor
    ``approval_above``: the offer grows with the event's amount, however large, and no person
    is asked first. Every other offer is bounded by its amount, its ``max``, the cap, or a
    person; this one was said by nothing, though a controller signing off a plan asks first
    what the most is it can give (found by a finance controller's trial)."""

    code = "unbounded-compensation"
    description = (
        "A percentage compensation without `max` in a plan with neither `per_event_max` nor "
        "`approval_above`: it gives its share of any amount, however large, and nobody "
        "approves it."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each percentage without a ``max``, when the plan neither caps nor holds a total."""
        policy = plan.settings.compensation
        if policy.per_event_max is not None or policy.approval_above is not None:
            return
        currency = plan.settings.currency
        for rule, action in plan_actions(plan):
            if action.percent is None or action.max is not None or not rule.enabled:
                continue  # (a rule switched off gives nothing, as the other money checks say)
            written = plain_number(action.percent)
            example = MONEY.multiply(action.percent, _EXAMPLE_BASE) / 100
            yield self.found(
                action.at.inside("percent"),
                f"the compensation of rule `{rule.id}` is {written}% of `{action.of}` with no "
                "`max`, and the plan has neither `per_event_max` nor `approval_above`: nothing "
                f"limits it and nobody approves it ({written}% of an `{action.of}` of "
                f"{grouped_money(_EXAMPLE_BASE)} is {money(example, currency)})",
                "give the compensation a `max`, or give the plan a `per_event_max` (the most "
                "one complaint receives) or an `approval_above` (above which a person approves)",
            )


_EXAMPLE_BASE = Decimal(1_000_000)
"""The amount an unbounded percentage is shown of: an order no shop expects, which an event
can still hold (any number under 10^15)."""


_GROUPED_THOUSANDS = re.compile(r"[1-9][0-9]{0,2}\.[0-9]{3}(?![0-9.eE_])")
"""A number written as European text writes a thousand and a half (``1.500``): to YAML, it is
one and a half."""


def _money_values(plan: PlanModel) -> Iterator[tuple[str, Decimal, SourceLocation, str]]:
    """Every amount of money a plan writes: its key, value, place and what holds it."""
    policy = plan.settings.compensation
    at = plan.settings.at.inside("compensation")
    for key in POLICY_AMOUNT_KEYS:
        value = getattr(policy, key)
        if value is not None:
            yield key, value, at.inside(key), "the plan"
    for rule, action in plan_actions(plan):
        if action.type != "compensate":
            continue
        for key in OFFER_AMOUNT_KEYS:
            value = getattr(action, key)
            if value is not None:
                yield key, value, action.at.inside(key), f"the compensation of rule `{rule.id}`"


def _written_at(at: SourceLocation) -> str | None:
    """The number as the file writes it at ``at`` (``1.500``), or None."""
    text = value_text(at)
    found = _NUMBER_TEXT.match(text) if text is not None else None
    return found[0] if found is not None else None


def _as_written(at: SourceLocation, value: Decimal) -> str:
    """A plan's number ``value`` at ``at`` as the file writes it (``1e2``), or else in plain
    decimals (:func:`~engine.money.format_money`): ``str`` of it had written a ``0.0000001``
    as ``1E-7``, or ``1e-7`` under an embedding app's ``capitals=0`` (found by review)."""
    return _written_at(at) or format_money(value)


_NUMBER_TEXT = re.compile(r"[-+]?[0-9][0-9.]*(?:[eE][-+]?[0-9]+)?")


class AmountFinerThanCurrency(WarningCheck):
    """An amount with more decimals than its currency pays, which deciding rounds quietly; or
    one written with a ``.`` between thousands (``1.500``), read as one and a half where fifteen
    hundred was meant."""

    code = "amount-finer-than-currency"
    description = (
        "An amount of money (`amount`, `min`, `max`, `per_event_max`, `approval_above`) has "
        "more decimals than the plan's currency pays (`10.555` in USD, `10.5` in JPY), so "
        "deciding rounds it; or is written `1.500`, which is one and a half, not fifteen hundred."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each amount of the plan as written, against what deciding pays of it."""
        currency = plan.settings.currency
        step = money_step(currency)
        digits = minor_unit_digits(currency)
        for key, value, at, holder in _money_values(plan):
            written = _written_at(at)
            paid = round_money(value, currency)  # as deciding pays it
            amount = format_money(paid)
            if written is not None and _grouped_thousands(written, digits):
                whole = written.replace(".", "")
                yield self.found(
                    at,
                    f"{holder} has `{key}: {written}`, which is {amount} {currency}: a `.` in "
                    "a number starts its decimals",
                    f"for {int(whole):,} {currency}, write `{key}: {whole}` (no separator between "
                    f"thousands); for {amount} {currency}, write `{key}: {amount}`",
                )
            elif value != value.quantize(step) and (paid or key not in _NOTHING):
                yield self.found(
                    at,
                    f"{holder} has `{key}: {written or format_money(value)}`, finer than "
                    f"{currency} pays: "
                    f"it counts as {amount} {currency}",
                    f"write the amount as it is paid: `{key}: {amount}`",
                )


_NOTHING = frozenset(("amount", "max", "per_event_max"))
"""The amounts told apart when they round to 0 (``offer-of-nothing``, ``cap-of-nothing``: to
remove them or offer more), where writing the 0 they round to would be no fix."""


def _grouped_thousands(written: str, digits: int) -> bool:
    """Whether a number is most likely thousands grouped with a `.` (``1.500``, ``5.000``):
    three digits after the one `.`, in a currency of fewer decimals, ending in 0 unless the
    currency has none (``10.555`` in USD is rather a slip of a cent, said as such)."""
    return (
        digits < 3
        and _GROUPED_THOUSANDS.fullmatch(written) is not None
        and (digits == 0 or written.endswith("0"))
    )
