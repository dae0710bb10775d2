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

import bisect
import itertools
import operator
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, NamedTuple

from engine.compensation import bounded, fixed_offer, offer_most
from engine.errors import Diagnostic
from engine.lint.base import WarningCheck, plan_conjuncts
from engine.lint.proofs import RuleIndex, first_contradictions, first_of, never_firing
from engine.logic import (
    Atom,
    Both,
    FieldProofs,
    Node,
    atom_implied,
    contradiction,
    implies,
    pinned,
    pinned_apart,
)
from engine.model import Action, PlanModel, Rule
from engine.money import money_step
from engine.witness import Examples
from engine.wording import MAX_LISTED, compensation_words, join_words, money


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
    """A rule with several compensations under ``combine: max``: only the largest offer is
    made, so the author, who wrote them all to be given, is told that the others never are."""

    code = "offers-in-one-rule"
    description = (
        "A rule with two compensations or more while the plan makes only the largest offer "
        "(`combine: max`, the default): the others are never made beside it."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each enabled rule with two compensations or more, when the plan combines by ``max``."""
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
    """A rule's offer that is never the one given under ``combine: max``: another rule that
    fires with it every time offers at least as much, so the offer the manager wrote never reaches
    a customer, and nothing else says so."""

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
        Under ``match: first`` only one rule fires: nothing to say. A rule whose conditions
        contradict each other implies every other, and is left out: it never fires
        (``never-matches`` says so). The plan's cap and approval threshold come after the
        largest offer is chosen, so they change nothing here; :func:`_outbids` says why the
        amounts are proved, and :class:`_Rivals` and :class:`_Implications` how most pairs of
        rules are left out before any proof."""
        settings = plan.settings
        if settings.compensation.combine != "max" or settings.match == "first":
            return
        never = {later.position for _, later in never_firing(plan)}
        ordered = [r for r in plan.firing_order() if r.enabled and r.position not in never]
        conjuncts = plan_conjuncts(plan)
        rivals = _Rivals(ordered, money_step(settings.currency))
        proofs = _Implications(ordered, conjuncts)
        index = RuleIndex()  # every rule, so that its bits are places in firing order
        for rule in ordered:
            index.add(rule, conjuncts[rule.position])
        dead = {p for p, found in first_contradictions(plan).items() if found and not found.schema}
        for number, later in enumerate(ordered):
            offers = rivals.offers[number]
            together = rivals.together[number]
            if not offers or not together or later.position in dead:
                continue
            possible = 0
            for offer in offers:
                possible |= rivals.outbidding(offer, number)
            possible &= together
            if possible:
                possible &= index.bits(conjuncts[later.position])
            if possible:
                possible &= proofs.possible(number, possible)
            for offer in offers:
                for rival, theirs in rivals.outbidders(offer, number, possible):
                    if proofs.implied(number, rival):
                        first = rival < number
                        yield self._report(offer, later, ordered[rival], theirs, first, plan)
                        break

    def _report(
        self, offer: Action, later: Rule, rival: Rule, theirs: Action, first: bool, plan: PlanModel
    ) -> Diagnostic:
        currency = plan.settings.currency
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
            ways.append(first_of(rival.priority, [rival], later))
        return self.found(
            offer.at,
            message,
            f"to have it given, make it larger than `{rival.id}`'s; or, to have it replace "
            f"`{rival.id}`'s, {' and '.join(ways)}; or remove the offer",
            (theirs.at,),
        )


class _Size(NamedTuple):
    """What an offer comes to as deciding sizes it (:func:`engine.compensation.bounded`),
    worked out once, not for each pair."""

    least: Decimal
    """The least it offers on any event, made or unresolved: a fixed amount, or a
    percentage's ``min`` (none is 0)."""
    most: Decimal | None
    """The most it offers on any event, made or unresolved (None: no bound)."""


def _size(action: Action, step: Decimal) -> _Size:
    fixed = fixed_offer(action, step)
    if fixed is not None:
        return _Size(fixed[0], fixed[0])
    # an unresolved offer comes to its `min` (validate refuses one above `max`)
    floor = bounded(action.min or Decimal(0), None, None, step)[0]
    if action.max is None:
        return _Size(floor, None)
    return _Size(floor, max(bounded(action.max, None, None, step)[0], floor))


class _Rivals:
    """The offers of the rules that may fire, in firing order, filed so that the rules whose
    offer may outbid one are found at once, as a set of bits (a bit per rule, by its place in
    firing order), not by comparing every pair: 1,500 rules of a few event types, each with an
    offer, compared 840,000 pairs for 117,000 proofs, and lint took 3 s instead of 0.4."""

    def __init__(self, ordered: list[Rule], step: Decimal) -> None:
        self.step = step
        self.offers = [tuple(_compensations(rule)) for rule in ordered]
        self.sizes = {id(a): _size(a, step) for offers in self.offers for a in offers}
        every: list[tuple[Decimal, int]] = []
        of: dict[str, list[tuple[Decimal, int]]] = {}  # by the field a percentage is of
        kinds = {False: 0, True: 0}  # ordinary rules and fallback rules with offers
        for number, offers in enumerate(self.offers):
            for action in offers:
                every.append((self.sizes[id(action)].least, number))
                if action.of is not None:
                    of.setdefault(action.of, []).append((self.sizes[id(action)].least, number))
            if offers:
                kinds[ordered[number].fallback] |= 1 << number
        self._least = _Ladder(every)
        self._percentages = {field: _Ladder(found) for field, found in of.items()}
        self.together = _together(ordered, kinds)

    def outbidding(self, offer: Action, number: int) -> int:
        """The rules that may have an offer proved at least as large as ``offer`` (of the rule
        ``number``), as bits: those with an offer that never comes to less than its most
        (more, if they fire after it), or with a percentage of the same field (one that fires
        first, or one with a larger ``min``)."""
        size = self.sizes[id(offer)]
        before = (1 << number) - 1  # the rules that fire first, and win a tie
        bits = 0
        if size.most is not None:
            bits = self._least.from_(size.most) & before | self._least.above(size.most)
        ladder = self._percentages.get(offer.of or "")
        if ladder is not None:
            bits |= ladder.from_(Decimal(0)) & before | ladder.above(size.least)
        return bits

    def outbidders(self, offer: Action, number: int, among: int) -> Iterator[tuple[int, Action]]:
        """The rivals (by place) among ``among`` with an offer proved at least as large as
        ``offer`` (of the rule ``number``) on every complaint, in firing order: the cheap test,
        before the proof that the rules fire together."""
        bits = self.outbidding(offer, number) & among
        while bits:
            low = bits & -bits
            bits ^= low
            rival = low.bit_length() - 1
            first = rival < number
            for theirs in self.offers[rival]:
                if _outbids(theirs, offer, first, self.sizes, self.step):
                    yield rival, theirs
                    break


class _Ladder:
    """Rules by the least of an offer of theirs, to find those of at least an amount at once,
    as bits."""

    def __init__(self, offers: list[tuple[Decimal, int]]) -> None:
        offers.sort(key=lambda pair: -pair[0])
        self._amounts = [-amount for amount, _ in offers]  # ascending, for bisect
        self._bits = list(
            itertools.accumulate((1 << n for _, n in offers), operator.or_, initial=0)
        )

    def from_(self, amount: Decimal) -> int:
        """The rules with an offer of at least ``amount`` on every event."""
        return self._bits[bisect.bisect_right(self._amounts, -amount)]

    def above(self, amount: Decimal) -> int:
        """The rules with an offer of more than ``amount`` on every event."""
        return self._bits[bisect.bisect_left(self._amounts, -amount)]


def _together(ordered: list[Rule], kinds: dict[bool, int]) -> list[int]:
    """For each rule (by its place in firing order), the rules with offers of its kind that fire
    for every event it fires for, provided they match then, as bits: each one before it (what
    hides it hides the rule too; were it itself to stop the list, the rule would be hidden for
    good, left out as ``shadowed-rule``'s); each one after it up to the first that stops the
    list from it on (that one fires; those after it may not). A rule of the other kind stops
    nothing here: fallback rules fire only where no ordinary rule matched, so an ordinary
    rule's rivals ran past a fallback's `stop: true` (a warning had been lost to one)."""
    found = [0] * len(ordered)
    stops = {False: len(ordered) - 1, True: len(ordered) - 1}  # each kind's last place, from
    for number in range(len(ordered) - 1, -1, -1):  # the rule on, a rival after it may have
        rule = ordered[number]
        if rule.stop:
            stops[rule.fallback] = number
        reach = (1 << (max(stops[rule.fallback], number) + 1)) - 1
        found[number] = kinds[rule.fallback] & reach & ~(1 << number)
    return found


class _Implications:
    """Whether a rule matches whenever another does (:func:`engine.logic.implies`), most pairs
    refused before any proof, a set of rules at a time.

    A rule of field tests alone (no ``any`` list) implies another only if it implies each of
    its tests, and a test only from the tests of its field (:func:`engine.logic.atom_implied`,
    all the proof concludes of them). So the answer for a test depends only on that rule's
    tests of its field: the tests several rules hold (an event type, a rating) are each asked
    once for each way rules test their field, and refuse all the rules holding them at once;
    a test of one rule alone (a text to find) is asked of each pair. The proof is tried only
    for what is left, and gives the answer: this only leaves out what it would refuse."""

    def __init__(self, ordered: list[Rule], conjuncts: dict[int, tuple[Node, ...]]) -> None:
        self.conjuncts = [conjuncts[rule.position] for rule in ordered]
        self._tests: list[Atom] = []  # each test once; a rule's are their numbers here
        numbers: dict[Atom, int] = {}
        self._wanted = [
            tuple(self._number(t, numbers) for t in self._atoms(n)) for n in range(len(ordered))
        ]
        holders: dict[int, int] = {}  # by test: the rules holding it, as bits
        self._fields: dict[str, int] = {}  # by field: the rules testing it, as bits
        for number, wanted in enumerate(self._wanted):
            for test in wanted:
                holders[test] = holders.get(test, 0) | 1 << number
                field = self._tests[test].field
                self._fields[field] = self._fields.get(field, 0) | 1 << number
        self._shared: dict[str, list[tuple[int, int]]] = {}  # by field: (test, its holders)
        for test, bits in holders.items():
            if bits & (bits - 1):  # more than one rule holds it
                self._shared.setdefault(self._tests[test].field, []).append((test, bits))
        self._alone = [
            tuple((self._tests[t].field, t) for t in wanted if not holders[t] & (holders[t] - 1))
            for wanted in self._wanted
        ]
        self._ways: list[tuple[int, ...]] = []  # each way a rule tests a field, once
        ways: dict[tuple[int, ...], int] = {}
        self._given = [self._by_field(n, ways) for n in range(len(ordered))]
        self._answers: dict[tuple[int, int], bool] = {}  # by way and test
        self._examples: dict[int, Examples] = {}
        self._proved: dict[tuple[int, int], bool] = {}

    def possible(self, number: int, among: int) -> int:
        """The rules (as bits) of ``among`` the rule ``number`` may imply: all but those
        holding a test that it is proved not to imply (it has no test of the field, or its
        tests of the field do not imply it); the tests of one rule alone are left to
        :meth:`implied`."""
        given = self._given[number]
        if given is None:
            return among
        for field, bits in self._fields.items():
            if field not in given:
                among &= ~bits
        for field, way in given.items():
            for test, bits in self._shared.get(field, ()):
                if among & bits and not self._answer(way, test):
                    among &= ~bits
        return among

    def implied(self, later: int, rival: int) -> bool:
        """Whether the rule ``rival`` matches whenever ``later`` does, of the rules
        :meth:`possible` leaves (True only when proved)."""
        key = (later, rival)
        known = self._proved.get(key)
        if known is None:
            mine, wanted = self.conjuncts[later], self.conjuncts[rival]
            given = self._given[later]
            if later not in self._examples:
                self._examples[later] = Examples(mine)
            known = self._proved[key] = (
                (
                    given is None
                    or all(self._answer(given[field], t) for field, t in self._alone[rival])
                )
                and self._examples[later].may_imply(wanted)
                and implies(mine, Both(wanted))
            )
        return known

    def _answer(self, way: int, test: int) -> bool:
        """Whether the tests of a ``way`` (of one field) imply ``test``, asked once."""
        key = (way, test)
        known = self._answers.get(key)
        if known is None:
            given = [self._tests[t] for t in self._ways[way]]
            known = self._answers[key] = atom_implied(given, self._tests[test])
        return known

    def _atoms(self, number: int) -> list[Atom]:
        return [node for node in self.conjuncts[number] if isinstance(node, Atom)]

    def _number(self, test: Atom, numbers: dict[Atom, int]) -> int:
        """The number of a test, the same for equal tests. Every test is a key: the plan
        schema lets a test compare only with text, a number, true/false or empty, or a list of
        them, which :class:`~engine.logic.Atom` keeps as tuples."""
        found = numbers.get(test)
        if found is None:
            found = numbers[test] = len(self._tests)
            self._tests.append(test)
        return found

    def _by_field(self, number: int, ways: dict[tuple[int, ...], int]) -> dict[str, int] | None:
        """A rule's way of testing each field it tests (a number: the tests of that field, as
        numbers); None when it has an ``any`` list."""
        if len(self._wanted[number]) != len(self.conjuncts[number]):
            return None
        tests: dict[str, tuple[int, ...]] = {}
        for test in self._wanted[number]:
            field = self._tests[test].field
            tests[field] = (*tests.get(field, ()), test)
        found: dict[str, int] = {}
        for field, way in tests.items():
            if way not in ways:
                ways[way] = len(self._ways)
                self._ways.append(way)
            found[field] = ways[way]
        return found


def _outbids(
    theirs: Action, offer: Action, first: bool, sizes: dict[int, _Size], step: Decimal
) -> bool:
    """Whether ``theirs`` is proved to be given over ``offer`` whenever both are made (its
    rule fires ``first``, or not), under ``combine: max``: larger, or as large and first.

    Deciding rounds each offer to the currency's ``step`` after its min and max, which keeps
    the order of amounts, so the proofs compare rounded bounds:

    - ``theirs`` never offers less than ``offer`` can offer at most (larger; as large, if
      first), and never 0 (an offer of 0 is not made): a fixed amount, or a percentage with
      a ``min`` (what it offers when the event cannot size it, too), over a fixed amount or a
      percentage with a ``max``. An offer the event cannot size (its field missing or not an
      amount) comes to its ``min``, or 0, and is still made, unresolved;
    - two percentages of the same field, ``theirs`` first, with a percent, a ``min`` (none is
      0) and a ``max`` (none is no limit) at least ``offer``'s: they tie on events where both
      reach a bound, or where the field is 0 (neither made), or missing (both unresolved:
      ``theirs`` at its ``min``, at least ``offer``'s);
    - two percentages of the same field, ``theirs`` after: see :func:`_larger`.

    A percentage without a ``min`` over a fixed amount proves nothing: the field may be small
    or missing.
    """
    mine, their = sizes[id(offer)], sizes[id(theirs)]
    least, most = their.least, mine.most
    if least > 0 and most is not None and (least > most or (first and least == most)):
        return True
    if offer.of is None or offer.of != theirs.of:
        return False
    assert offer.percent is not None and theirs.percent is not None  # (of: a percentage)
    if not first:
        return _larger(theirs.percent, offer.percent, their, mine, step)
    higher_cap = theirs.max is None or (offer.max is not None and theirs.max >= offer.max)
    floor, their_floor = offer.min or Decimal(0), theirs.min or Decimal(0)
    return theirs.percent >= offer.percent and their_floor >= floor and higher_cap


def _larger(percent: Decimal, than: Decimal, their: _Size, mine: _Size, step: Decimal) -> bool:
    """Whether a percentage (``percent``, sized ``their``) is larger on every event than
    another of the same field (``than``, sized ``mine``), which fires first and so wins a tie.

    A larger percent is not enough: where the field is missing both offers come to their
    ``min`` (0 without one), and the first is given; where both reach their ``max``, the
    larger ``max`` is needed; and rounding can give both one amount: 10% and 10.4% of 1.00 are
    both 0.10. So: a ``min`` above the other's, a ``max`` above the other's (or none, when it
    has none), and amounts from that ``min`` up that rounding cannot tie. An amount ``v`` is
    rounded from at least ``v - step/2``; times ``percent / than`` (the ratio ``r``) that is at
    least ``v + step/2``, rounded up to a larger amount, when ``v (r - 1) >= step/2 (r + 1)``,
    true from ``v`` = the ``min`` up when it is true of the ``min``: so ``2 min (percent -
    than) > step (percent + than)``, kept strict against the last digits of the arithmetic."""
    floor = their.least
    if percent <= than or floor <= mine.least:
        return False
    if their.most is not None and (mine.most is None or their.most <= mine.most):
        return False
    return 2 * floor * (percent - than) > step * (percent + than)


class OverlappingCompensation(WarningCheck):
    """Two compensating rules that can fire for one complaint under ``combine: sum``: their
    offers add up, and the customer may get more than either rule's author meant."""

    code = "overlapping-compensation"
    description = (
        "Two rules with compensation can fire for the same complaint while the plan adds "
        "offers up (`combine: sum`)."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each pair of compensating rules that some complaint can fire together (a rule proven
        never to fire left out; none under ``match: first``, where one rule fires)."""
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
            # As many places as the message names: a rule that may fire with 171 others (a
            # plan-wide "repeat complaint" rule beside each store's rules) had 171 `see:`
            # lines under one warning, 1,603 in a 251-rule plan (found by review).
            tuple(r.at for r in earlier[:MAX_LISTED]),
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
