"""Lint: advice beyond validity: rules that can never fire, typos in field names, money leaks.

A valid plan can still be wrong: a rule whose conditions contradict each other, a rule hidden
behind a broader one that stops the list, a field name the events never carry. Each finding is a
small :class:`~engine.checks.Check` of severity *warning* with a stable code (listed in
docs/authoring.md), registered in ``engine.checks.CHECKS`` when this module is imported;
``run_checks`` imports it whenever warnings are asked for, so ``eval`` never pays for it.

The proofs behind "never matches" and "shadowed" come from ``engine.logic``: they are sound,
so a finding is always true; a problem they cannot prove is not reported. A proof that uses the
event schema (``severity`` is one of four words) is true of events that follow the schema, and
its message says so: ``eval`` does not refuse an event that breaks it (unless ``--strict``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from engine.checks import CHECKS, Check
from engine.compensation import offer_most
from engine.errors import Diagnostic, Severity, counted
from engine.lint.base import _conjuncts, _Warning
from engine.lint.fallback import FallbackWithGaps, NoFallback
from engine.lint.fields import OfNotAnAmount, UnknownField
from engine.lint.money import (
    AmountFinerThanCurrency,
    AmountOutsideBounds,
    ApprovalNeverNeeded,
    CapOfNothing,
    CompensationAboveCap,
    PercentAsFraction,
    UnknownCurrency,
)
from engine.lint.placeholders import (
    BlankAroundDefault,
    DoubledBraces,
    EmptyDefault,
    FieldInPlainText,
    ForeignPlaceholder,
    TemplateWithoutDefault,
)
from engine.lint.proofs import DuplicateRule, NeverMatches, ShadowedRule, _never_firing, _RuleIndex
from engine.lint.texts import _COMMENT_AFTER as _COMMENT_AFTER  # (tests import it from here)
from engine.lint.texts import ControlCharacterInText, PastedTypography, TextCutByComment
from engine.lint.unused import UnusedCondition, UnusedExtraField
from engine.lint.values import _ALTERNATIVES as _ALTERNATIVES  # (tests import it from here)
from engine.lint.values import _PIPED as _PIPED  # (tests import it from here)
from engine.lint.values import AlternativesInOneValue, DateNotYearFirst
from engine.logic import Both, FieldProofs, Node, contradiction, implies, pinned
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


class OffersInOneRule(_Warning):
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


class OverlappingCompensation(_Warning):
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
        never = {later.position for _, later in _never_firing(plan)}  # proved, and reported
        paying = [
            r
            for r in plan.firing_order()
            if r.enabled and _compensations(r) and r.position not in never
        ]
        conjuncts = _conjuncts(plan)
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
                and not _pinned_apart(pins[n], mine)
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
        index = _RuleIndex()
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


def _pinned_apart(
    one: dict[str, frozenset[tuple[str, Any]]], other: dict[str, frozenset[tuple[str, Any]]]
) -> bool:
    """Whether two rules pin a field to values they share none of (one is for reviews, the
    other for orders): then they never fire together, and no proof is needed to say so. Most
    pairs of a large plan are told apart this way; proving each took most of lint's 18 s on
    2,000 rules under ``combine: sum``."""
    if len(other) < len(one):
        one, other = other, one
    for name, keys in one.items():
        theirs = other.get(name)
        if theirs is not None and keys.isdisjoint(theirs):
            return True
    return False


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


LINT_CHECKS: tuple[type[Check], ...] = (
    NeverMatches,
    ShadowedRule,
    DuplicateRule,
    OffersInOneRule,
    OverlappingCompensation,
    UnknownField,
    OfNotAnAmount,
    CompensationAboveCap,
    CapOfNothing,
    AmountOutsideBounds,
    ApprovalNeverNeeded,
    UnknownCurrency,
    PercentAsFraction,
    AmountFinerThanCurrency,
    UnusedCondition,
    UnusedExtraField,
    NoFallback,
    FallbackWithGaps,
    TemplateWithoutDefault,
    DoubledBraces,
    ForeignPlaceholder,
    BlankAroundDefault,
    EmptyDefault,
    FieldInPlainText,
    TextCutByComment,
    ControlCharacterInText,
    PastedTypography,
    DateNotYearFirst,
    AlternativesInOneValue,
)
"""The warning checks, in report order; registered in ``engine.checks.CHECKS`` on import."""

for _check in LINT_CHECKS:
    if _check not in CHECKS:
        CHECKS.append(_check)


def lint_plan(
    source: str | Path | Sequence[str | Path], ignore: Iterable[str] = ()
) -> list[Diagnostic]:
    """Every error of a plan; when it has none, every lint warning (minus the ignored codes)."""
    from engine.api import validate_plan
    from engine.checks import run_checks

    model, errors = validate_plan(source if isinstance(source, (str, Path)) else list(source))
    if model is None:
        return errors
    skipped = set(ignore)
    found = run_checks(model, severities=frozenset({Severity.WARNING}))
    return [d for d in found if d.code not in skipped]


def lint_summary(found: Sequence[Diagnostic]) -> str:
    """``2 warnings`` or ``1 error, 3 warnings``; ``no problems found`` when empty."""
    errors = sum(d.severity is Severity.ERROR for d in found)
    warnings = sum(d.severity is Severity.WARNING for d in found)
    parts = []
    if errors:
        parts.append(counted(errors, "error"))
    if warnings:
        parts.append(counted(warnings, "warning"))
    return join_words(parts, "and") if parts else "no problems found"


def lint_codes() -> list[tuple[str, str]]:
    """Every lint code with its description (for docs and ``--help``)."""
    return [(c.code, c.description) for c in LINT_CHECKS]
