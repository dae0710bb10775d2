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

The checks live in one module per family, so a change to one kind of advice reads and touches
one small file: ``proofs`` (rules that never match, tests that never hold, rules shadowed or
written twice), ``escalations`` (escalations a stop rule keeps from happening), ``offers``
(several offers for one complaint), ``fields`` (fields the events never carry), ``money``
(caps, bounds, currencies, percentages), ``unused`` (named conditions and ``extra_fields``
nothing reads), ``fallback``, ``placeholders`` (the fields a text inserts),
``texts`` (texts as YAML reads them) and ``values`` (a test's value written otherwise than
events write it); ``base`` holds what several families read. This module keeps the registry
in report order, which the golden files pin, and the functions the command line calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from engine.checks import CHECKS, Check
from engine.errors import Diagnostic, Severity, counted, in_order_once
from engine.lint.escalations import StopHidesEscalation, StopTie
from engine.lint.fallback import FallbackWithGaps, NoFallback
from engine.lint.fields import OfNotAnAmount, UnknownField
from engine.lint.money import (
    AmountFinerThanCurrency,
    AmountOutsideBounds,
    ApprovalNeverNeeded,
    CapOfNothing,
    CompensationAboveCap,
    PercentAsFraction,
    UnboundedCompensation,
    UnknownCurrency,
)
from engine.lint.offers import OfferNeverGiven, OffersInOneRule, OverlappingCompensation
from engine.lint.placeholders import (
    BlankAroundDefault,
    DoubledBraces,
    EmptyDefault,
    FieldInPlainText,
    ForeignPlaceholder,
    NameWrittenTwoWays,
    NobodyNamed,
    TemplateWithoutDefault,
)
from engine.lint.proofs import (
    DuplicateRule,
    NeverHoldingAlternative,
    NeverHoldingTest,
    NeverMatches,
    ShadowedRule,
    StopStopsNothing,
)
from engine.lint.texts import ControlCharacterInText, PastedTypography, TextCutByComment
from engine.lint.unused import UnusedCondition, UnusedExtraField
from engine.lint.values import (
    AlternativesInOneValue,
    BlankAroundValue,
    ClockTimeAsText,
    DateNotYearFirst,
    NoSuchDate,
    NoSuchTime,
    NumberAsText,
    PartOfATime,
    TimeNotInUtc,
    WordsAsOneItem,
)
from engine.model import PlanModel
from engine.wording import join_words

__all__ = [
    "LINT_CHECKS",
    "AlternativesInOneValue",
    "AmountFinerThanCurrency",
    "AmountOutsideBounds",
    "ApprovalNeverNeeded",
    "BlankAroundDefault",
    "BlankAroundValue",
    "CapOfNothing",
    "ClockTimeAsText",
    "CompensationAboveCap",
    "ControlCharacterInText",
    "DateNotYearFirst",
    "DoubledBraces",
    "DuplicateRule",
    "EmptyDefault",
    "FallbackWithGaps",
    "FieldInPlainText",
    "ForeignPlaceholder",
    "NameWrittenTwoWays",
    "NeverHoldingAlternative",
    "NeverHoldingTest",
    "NeverMatches",
    "NoFallback",
    "NoSuchDate",
    "NoSuchTime",
    "NobodyNamed",
    "NumberAsText",
    "OfNotAnAmount",
    "OfferNeverGiven",
    "OffersInOneRule",
    "OverlappingCompensation",
    "PartOfATime",
    "PastedTypography",
    "PercentAsFraction",
    "ShadowedRule",
    "StopHidesEscalation",
    "StopStopsNothing",
    "StopTie",
    "TemplateWithoutDefault",
    "TextCutByComment",
    "TimeNotInUtc",
    "UnboundedCompensation",
    "UnknownCurrency",
    "UnknownField",
    "UnusedCondition",
    "UnusedExtraField",
    "WordsAsOneItem",
    "lint_codes",
    "lint_plan",
    "lint_plan_text",
    "lint_summary",
]
"""What ``engine.lint`` gave when it was one file: each check class, the registry and the
functions; listed, so that ``mypy --strict`` still sees them re-exported from here."""

LINT_CHECKS: tuple[type[Check], ...] = (
    NeverMatches,
    NeverHoldingTest,
    NeverHoldingAlternative,
    ShadowedRule,
    StopStopsNothing,
    StopHidesEscalation,
    StopTie,
    DuplicateRule,
    OffersInOneRule,
    OfferNeverGiven,
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
    UnboundedCompensation,
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
    NobodyNamed,
    NameWrittenTwoWays,
    TextCutByComment,
    ControlCharacterInText,
    PastedTypography,
    DateNotYearFirst,
    NoSuchDate,
    NoSuchTime,
    TimeNotInUtc,
    PartOfATime,
    AlternativesInOneValue,
    BlankAroundValue,
    WordsAsOneItem,
    NumberAsText,
    ClockTimeAsText,
)
"""The warning checks, in report order; registered in ``engine.checks.CHECKS`` on import."""

for _check in LINT_CHECKS:
    # Imported once, so never already there; kept so that reloading the module does not run
    # each warning check twice.
    if _check not in CHECKS:  # pragma: no branch
        CHECKS.append(_check)


def lint_plan(
    source: str | Path | Sequence[str | Path], ignore: Iterable[str] = ()
) -> list[Diagnostic]:
    """Every error of a plan; when it has none, every lint warning (minus the ignored codes)."""
    from engine.api import validate_plan

    model, errors = validate_plan(source if isinstance(source, (str, Path)) else list(source))
    return errors if model is None else _warnings(model, ignore)


def lint_plan_text(
    text: str | bytes, name: str = "plan.yaml", ignore: Iterable[str] = ()
) -> list[Diagnostic]:
    """:func:`lint_plan` of the file ``name`` holding ``text``, as ``engine.load_plan_text``
    loads it: a plan editor shows a plan kept in a database its warnings before it is saved.
    Each is told at ``name`` and its lines are read from the text, never from a file of that
    name in the working folder; only the errors had been told of such a plan
    (``engine.check_plan_text``), and its warnings needed a temporary file, named in them."""
    from engine.api import validate_plan_text

    model, errors = validate_plan_text(text, name)
    return errors if model is None else _warnings(model, ignore)


def _warnings(model: PlanModel, ignore: Iterable[str]) -> list[Diagnostic]:
    """Every lint warning of a valid plan's ``model``, minus the ``ignore``d codes."""
    from engine.checks import run_checks

    skipped = set(ignore)
    found = run_checks(model, severities=frozenset({Severity.WARNING}))
    # A warning met again in each rule a YAML anchor is aliased into is told once, as an error
    # is (in_order_once): 27 alike at one place were one thing to fix.
    return [d for d in in_order_once(found) if d.code not in skipped]


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
