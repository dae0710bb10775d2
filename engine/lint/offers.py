"""Lint checks of several offers for one complaint: in one rule, or in rules that fire
together.

How a plan combines offers (``combine: max``, the default, or ``sum``) decides what a customer
is offered when more than one compensation applies. ``offers-in-one-rule`` tells offers that
are never made beside the largest (``max``); ``offer-never-given`` tells a rule's offer that
another rule, proved to fire whenever it does, always outbids (``max``);
``overlapping-compensation`` tells rules whose offers add up (``sum``) because nothing in their
conditions keeps them apart. Both of the last leave out the rules ``engine.lint.proofs`` has
proved never fire.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from engine.compensation import bounded, fixed_offer, offer_most
from engine.errors import Diagnostic
from engine.lint.base import WarningCheck, plan_conjuncts
from engine.lint.proofs import RuleIndex, first_of, never_firing
from engine.logic import (
    Both,
    FieldProofs,
    Node,
    contradiction,
    implies,
    pinned,
    pinned_apart,
)
from engine.model import Action, PlanModel, Rule
from engine.money import money_step
from engine.witness import Examples
from engine.wording import compensation_words, join_words, money


def _compensations(rule: Rule) -> list[Action]:
    return [a for a in rule.then if a.type == "compensate"]


def _largest(rule: Rule, step: Decimal) -> Decimal | None:
    """The most a rule's compensations can add up to (None: no upper bound), each within its
    own ``min`` and ``max`` and rounded as deciding does (:func:`offer_most`): an amount of 5
    with a min of 10 offers 10, and one of 30 with a max of 20 offers 20."""
    total = Decimal(0)
    for action in _compensations(rule):
        most = offer_most(action, step)
        if most is None:
            return None
        total += most[0]
    return total


class OffersInOneRule(WarningCheck):
    code = "offers-in-one-rule"
    description = (
        "A rule with two compensations or more while the plan makes only the largest offer "
        "(`combine: max`, the default): the others are never made beside it."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        if plan.settings.compensation.combine != "max":
            return
        currency = plan.settings.currency
        for rule in plan.rules:
            offers = _compensations(rule)
            if len(offers) < 2 or not rule.enabled:
                continue
            listed = join_words([compensation_words(a, currency) for a in offers], "and")
            yield self.found(
                offers[1].at,
                f"rule `{rule.id}` offers {listed}, but the plan makes only the largest offer "
                "for a complaint (`combine: max`): the others are never made beside it",
                "to make them all, set `combine: sum` under `compensation:` in `plan:`; to "
                "offer one, keep it and remove the others",
                tuple(a.at for a in offers[:1]),
            )


class OfferNeverGiven(WarningCheck):
    code = "offer-never-given"
    description = (
        "Under `combine: max` (the default), a rule's offer that is never the one given: "
        "whenever the rule fires, another rule fires too with an offer at least as large on "
        "every complaint (a tie goes to the rule that fires first)."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """A manager added a driver's voucher of 10% (at most 20) beside the starter's staff
        voucher of 10% (at least 10, at most 30), which fires whenever it does: the driver's
        was never given, and nothing said so (found by review).

        Both rules must be proved to fire together, not only to match: ``Y`` (the larger
        offer's) must match whenever ``X`` does (``engine.logic.implies``), be of the same
        kind (ordinary or fallback) and not be hidden (``never_firing``); if ``Y`` fires
        first, a stopper hiding ``Y`` from an event hides ``X`` too, and ``Y`` itself with
        ``stop: true`` hides ``X`` for good (``shadowed-rule`` says so, ``X`` is left out); if
        ``Y`` fires after ``X``, no rule from ``X`` to before ``Y`` may have ``stop: true``.
        Under ``match: first`` only one rule fires: nothing to say. The plan's cap and
        approval threshold come after the largest offer is chosen, so they change nothing
        here; :func:`_outbids` says why the amounts are proved."""
        settings = plan.settings
        if settings.compensation.combine != "max" or settings.match == "first":
            return
        never = {later.position for _, later in never_firing(plan)}
        ordered = [r for r in plan.firing_order() if r.enabled and r.position not in never]
        place = {rule.position: number for number, rule in enumerate(ordered)}
        stoppers = [number for number, rule in enumerate(ordered) if rule.stop]
        conjuncts = plan_conjuncts(plan)
        indexes = {False: RuleIndex(), True: RuleIndex()}
        for rule in ordered:
            if _compensations(rule):
                indexes[rule.fallback].add(rule, conjuncts[rule.position])
        sizes = _sizes(ordered, money_step(settings.currency))
        for later in ordered:
            offers = _compensations(later)
            if not offers:
                continue
            mine = conjuncts[later.position]
            rivals = [
                rule
                for rule in indexes[later.fallback].candidates(mine)
                if rule is not later and _fire_together(rule, later, place, stoppers)
            ]
            rivals.sort(key=lambda rule: place[rule.position])
            proved: dict[int, bool] = {}  # by a rival's position: whether it matches too
            examples = Examples(mine)
            for offer in offers:
                for rival, theirs in self._outbidders(offer, later, rivals, place, sizes):
                    wanted = conjuncts[rival.position]
                    if rival.position not in proved:
                        proved[rival.position] = examples.may_imply(wanted) and implies(
                            mine, Both(wanted)
                        )
                    if proved[rival.position]:
                        yield self._report(offer, later, rival, theirs, place, plan)
                        break

    @staticmethod
    def _outbidders(
        offer: Action,
        later: Rule,
        rivals: list[Rule],
        place: dict[int, int],
        sizes: dict[int, _Size],
    ) -> Iterator[tuple[Rule, Action]]:
        """The rivals' offers proved at least as large as ``offer`` (of rule ``later``) on every
        complaint, in firing order: the cheap test, before the proof that the rules fire
        together."""
        for rival in rivals:
            first = place[rival.position] < place[later.position]
            for theirs in _compensations(rival):
                if _outbids(theirs, offer, first, sizes):
                    yield rival, theirs

    def _report(
        self,
        offer: Action,
        later: Rule,
        rival: Rule,
        theirs: Action,
        place: dict[int, int],
        plan: PlanModel,
    ) -> Diagnostic:
        currency = plan.settings.currency
        first = place[rival.position] < place[later.position]
        kind = (offer.kind or "compensation").replace("_", " ")
        message = (
            f"the {kind} of rule `{later.id}` is never the one given: whenever it fires, rule "
            f"`{rival.id}` fires too, and under `combine: max` only the largest offer is given, "
            f"which is `{rival.id}`'s, {compensation_words(theirs, currency)}"
        )
        if first:
            message += f"; on a tie, the offer of the rule that fires first is given: `{rival.id}`"
        ways = [] if later.stop else [f"add `stop: true` to `{later.id}`"]
        if first:
            ways.append(first_of(rival.priority, [rival]))
        return self.found(
            offer.at,
            message,
            f"to have it given, make it larger than `{rival.id}`'s; or, to have it replace "
            f"`{rival.id}`'s, {' and '.join(ways)}; or remove the offer",
            (theirs.at,),
        )


def _fire_together(rival: Rule, later: Rule, place: dict[int, int], stoppers: list[int]) -> bool:
    """Whether ``rival`` fires for every event ``later`` fires for, provided it matches then:
    one before ``later`` does (what hides it hides ``later`` too; were it itself to stop the
    list, ``later`` would be hidden for good, left out as ``shadowed-rule``'s); one after, when
    no rule from ``later`` to before it stops the list."""
    mine, theirs = place[later.position], place[rival.position]
    return theirs < mine or not any(mine <= number < theirs for number in stoppers)


_Size = tuple[Decimal | None, Decimal | None]
"""An offer's fixed amount as deciding offers it (None: a percentage), and the most it offers
on any event, made or unresolved (None: no bound)."""


def _sizes(rules: list[Rule], step: Decimal) -> dict[int, _Size]:
    """The size of each offer of ``rules``, by its id: worked out once, not for each pair
    (1,500 rules with offers compared them 800,000 times)."""
    found: dict[int, _Size] = {}
    for rule in rules:
        for action in _compensations(rule):
            fixed = fixed_offer(action, step)
            if fixed is not None:
                found[id(action)] = (fixed[0], fixed[0])
            elif action.max is None:
                found[id(action)] = (None, None)
            else:  # an unresolved offer comes to its `min` (validate refuses one above `max`)
                floor = bounded(action.min or Decimal(0), None, None, step)[0]
                found[id(action)] = (None, max(bounded(action.max, None, None, step)[0], floor))
    return found


def _outbids(theirs: Action, offer: Action, first: bool, sizes: dict[int, _Size]) -> bool:
    """Whether ``theirs`` is proved to be given over ``offer`` whenever both are made (its
    rule fires ``first``, or not), under ``combine: max``: larger, or as large and first.

    Deciding rounds each offer to the currency's ``step`` after its min and max, which keeps
    the order of amounts, so the proofs compare rounded bounds:

    - two fixed amounts: ``theirs`` the larger (as large, if first);
    - ``offer`` a percentage with a ``max``, ``theirs`` a fixed amount above that ``max`` and
      above its ``min`` (as large, if first): an offer the event cannot size (its field
      missing or not an amount) comes to its ``min``, or 0, and is still made, unresolved,
      and ``theirs`` is never 0, an offer not made (``validate`` refuses it: ``offer-of-nothing``);
    - two percentages of the same field, ``theirs`` with a percent, a ``min`` (none is 0) and a
      ``max`` (none is no limit) at least ``offer``'s, and only if first: they tie on events
      where both reach a bound, or where the field is 0 (neither made), or missing (both
      unresolved: ``theirs`` at its ``min``, at least ``offer``'s). Strictly larger is not
      proved, so ``theirs`` firing after ``offer`` proves nothing.

    A percentage over a fixed amount proves nothing: the field may be small or missing.
    """
    fixed, (mine, most) = sizes[id(theirs)][0], sizes[id(offer)]
    if fixed is not None:
        return most is not None and (fixed > most or (first and fixed == most))
    if mine is not None or not first or offer.of != theirs.of:
        return False
    assert offer.percent is not None and theirs.percent is not None  # (no amount: a percentage)
    higher_cap = theirs.max is None or (offer.max is not None and theirs.max >= offer.max)
    floor, their_floor = offer.min or Decimal(0), theirs.min or Decimal(0)
    return theirs.percent >= offer.percent and their_floor >= floor and higher_cap


class OverlappingCompensation(WarningCheck):
    code = "overlapping-compensation"
    description = (
        "Two rules with compensation can fire for the same complaint while the plan adds "
        "offers up (`combine: sum`)."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        settings = plan.settings
        if settings.compensation.combine != "sum":
            return
        if settings.match == "first":
            return  # only one rule ever fires
        never = {later.position for _, later in never_firing(plan)}  # proved, and reported
        paying = [
            r
            for r in plan.firing_order()
            if r.enabled and _compensations(r) and r.position not in never
        ]
        conjuncts = plan_conjuncts(plan)
        proofs = FieldProofs()  # each rule's tests are asked about with every partner
        pins = [pinned(conjuncts[r.position]) for r in paying]
        pivot = _pivot(pins)
        # Rules pinning the pivot field to different values never fire together: only rules
        # sharing a value (or not pinning it) are compared.
        buckets: dict[tuple[str, Any], list[int]] = {}
        unpinned: list[int] = []
        for number, later in enumerate(paying):
            keys = pins[number].get(pivot) if pivot is not None else None
            if keys is None:
                partners: list[int] = list(range(number))
                unpinned.append(number)
            else:
                found = {n for key in keys for n in buckets.get(key, ())}
                partners = sorted(found.union(unpinned))
                for key in keys:
                    buckets.setdefault(key, []).append(number)
            mine = pins[number]
            together = [
                paying[n]
                for n in partners
                if paying[n].fallback == later.fallback
                and not paying[n].stop
                and pinned_apart(pins[n], mine) is None
                and contradiction(
                    (*conjuncts[paying[n].position], *conjuncts[later.position]), proofs
                )
                is None
            ]
            if together:
                yield self._report(together, later, plan, conjuncts)

    def _report(
        self,
        earlier: list[Rule],
        later: Rule,
        plan: PlanModel,
        conjuncts: dict[int, tuple[Node, ...]],
    ) -> Diagnostic:
        currency = plan.settings.currency
        names = join_words([f"`{r.id}`" for r in earlier], "and")
        message = (
            f"rule `{later.id}` may fire together with {names}, and the plan adds "
            f"compensations up (`combine: sum`)"
        )
        most = _most_together(earlier, later, conjuncts, money_step(currency))
        if most is not None:
            message += f": up to {money(most, currency)} in all"
        cap = plan.settings.compensation.per_event_max
        if cap is not None:
            # "before the cap" of a total under it had read as if the cap cut the total
            if most is not None and most <= cap:
                message += f", within the cap of {money(cap, currency)} per complaint"
            elif most is not None:
                message += f", cut to the cap of {money(cap, currency)} per complaint"
            else:  # an offer with no most of its own (a percentage without `max`)
                message += f", up to the cap of {money(cap, currency)} per complaint"
        mine = conjuncts[later.position]
        # `stop: true` on an earlier rule that matches whenever this one does would hide this
        # one for good, and shadowed-rule would then say to raise its priority, back here.
        # (Only the rules the index finds can be proved to: a fifth of lint's time on 2,000
        # rules under `combine: sum` went to trying every one.)
        index = RuleIndex()
        for rule in earlier:
            index.add(rule, conjuncts[rule.position])
        examples = Examples(mine)
        covered = any(
            examples.may_imply(conjuncts[rule.position])
            and implies(mine, Both(conjuncts[rule.position]))
            for rule in index.candidates(mine)
        )
        return self.found(
            later.at,
            message,
            "if one gesture is enough, use `combine: max`; or "
            + ("" if covered else "give the earlier rule `stop: true`, or ")
            + "make the conditions exclusive",
            tuple(r.at for r in earlier),
        )


_MOST_COMPARED = 16
"""Up to how many rules the total of ``overlapping-compensation`` leaves out those that cannot
fire with each other (a pair at a time, so at most 120 pairs); beyond, it adds all of them."""


def _most_together(
    earlier: list[Rule], later: Rule, conjuncts: dict[int, tuple[Node, ...]], step: Decimal
) -> Decimal | None:
    """The most ``later`` and the rules that may fire with it can offer for one complaint: the
    largest sum over earlier rules of which no two contradict each other (a rule for reviews
    and one for complaints never both fire), or None when an offer has no bound. Still an
    upper bound, since rules that may fire two by two may not all three at once."""
    bounds = [_largest(rule, step) for rule in (*earlier, later)]
    if any(bound is None for bound in bounds):
        return None
    offers = [bound for bound in bounds[:-1] if bound is not None]
    own = bounds[-1] or Decimal(0)
    if len(earlier) > _MOST_COMPARED:
        return own + sum(offers, Decimal(0))
    apart = {
        (i, j)
        for i, j in itertools.combinations(range(len(earlier)), 2)
        if contradiction((*conjuncts[earlier[i].position], *conjuncts[earlier[j].position]))
        is not None
    }

    if not apart:
        return own + sum(offers, Decimal(0))
    left = [sum(offers[n:], Decimal(0)) for n in range(len(offers) + 1)]  # what is left to add
    most = [Decimal(0)]

    def grow(start: int, chosen: tuple[int, ...], total: Decimal) -> None:
        most[0] = max(most[0], total)
        for n in range(start, len(offers)):
            if total + left[n] <= most[0]:
                return  # all that is left cannot beat the best found
            if all((c, n) not in apart for c in chosen):
                grow(n + 1, (*chosen, n), total + offers[n])

    grow(0, (), Decimal(0))
    return own + most[0]


def _pivot(pins: list[dict[str, frozenset[tuple[str, Any]]]]) -> str | None:
    """The field most rules pin to a few values (``store``), to split the rules by."""
    counts: dict[str, int] = {}
    values: dict[str, set[tuple[str, Any]]] = {}
    for pin in pins:
        for name, keys in pin.items():
            counts[name] = counts.get(name, 0) + 1
            values.setdefault(name, set()).update(keys)
    if not counts:
        return None
    return max(counts, key=lambda name: (counts[name], len(values[name]), name))
