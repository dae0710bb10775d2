"""What the lint checks stand on: the warning class, work done once per plan, and the walks
over a plan that several families of checks read.

Each family of checks is a module of ``engine.lint``; what more than one family needs is kept
here once, so that no family borrows it from another: the templates of its actions, the texts a
person reads, and a value as the file writes it (the walks ``render`` needs too, such as the
field tests of a plan's conditions and every field it reads, are in ``engine.checks``). A
rule's conditions as a list of conjuncts are worked out once per lint (``once_per_plan``),
however many checks ask for them (the proofs, the offers and the placeholders all do).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from engine.checks import Check, plan_actions, rule_templates, walk
from engine.errors import Severity, SourceLocation
from engine.locations import inside_text, lines_from
from engine.logic import Node, rule_conjuncts
from engine.model import Action, Condition, FieldTest, PlanModel, Use

if TYPE_CHECKING:
    from engine.templates import FieldSlot, Template

EQUALITY_OPS = frozenset({"eq", "ne", "in", "not_in"})
"""The tests that compare a value whole, for equality: a blank or a mark in it is part of what
an event must send (the text tests, ``contains``..., may mean their blanks)."""


class WarningCheck(Check):
    """A lint warning: advice on a plan that is valid, which ``backplan lint`` reports and
    ``validate`` does not (a plan with warnings still runs, as written)."""

    severity = Severity.WARNING


_Result = TypeVar("_Result")


def once_per_plan(work: Callable[[PlanModel], _Result]) -> Callable[[PlanModel], _Result]:
    """``work`` done once for a plan, however many checks of one lint run ask for it (the last
    plan's answer is kept, by a weak reference, so a plan no longer used is not held). Threads
    that race to fill it store equal answers."""
    last: list[tuple[weakref.ref[PlanModel], _Result]] = []

    def once(plan: PlanModel) -> _Result:
        if last and last[0][0]() is plan:
            return last[0][1]
        result = work(plan)
        last[:] = [(weakref.ref(plan), result)]
        return result

    return once


@once_per_plan
def plan_conjuncts(plan: PlanModel) -> dict[int, tuple[Node, ...]]:
    """Each rule's conjuncts (:func:`engine.logic.rule_conjuncts`), by its position, worked out
    once per lint: the proofs, the escalations and the offers all reason on them, and working them
    out is the same work whichever check asks."""
    return {rule.position: rule_conjuncts(rule, plan) for rule in plan.rules}


def used_conditions(plan: PlanModel, trees: Iterable[Condition]) -> set[str]:
    """The named conditions ``trees`` use, directly or through another named condition: those
    the plan's rules use are the ones not unused (``unused-condition``); those the rules that
    can match use, the ones whose tests ``test-never-holds`` tells."""
    used: set[str] = set()
    pending: list[Condition] = list(trees)
    while pending:
        for node in walk(pending.pop()):
            if isinstance(node, Use) and node.name not in used:
                used.add(node.name)
                # Lint runs only on a plan without errors: a name no condition has is
                # `unknown-condition`, an error. Kept for a caller of an invalid plan.
                if node.name in plan.conditions:  # pragma: no branch
                    pending.append(plan.conditions[node.name])
    return used


def values_of(test: FieldTest) -> tuple[Any, ...]:
    """The values a test compares with: its list's, or its one."""
    return tuple(test.value) if isinstance(test.value, (list, tuple)) else (test.value,)


def slot_location(text_at: SourceLocation, template: Template, slot: FieldSlot) -> SourceLocation:
    """Where a slot's field is in the file (its path, just after the ``{``), when the text
    stands on its lines as it can be read back; else where the text is (``inside_text``)."""
    return inside_text(text_at, template.source, slot.offset + 1)


def action_templates(plan: PlanModel) -> Iterator[tuple[Action, str, Template, str]]:
    """What :func:`~engine.checks.rule_templates` gives, without the rule: the action, the
    key, the template, and what it is in words."""
    for _rule, action, key, template, what in rule_templates(plan):
        yield action, key, template, what


def value_text(at: SourceLocation) -> str | None:
    """The file's text from the start of the value that ``at`` places (past an anchor or a tag
    written before it) to its line's end: how a number or a text is written, which the plan's
    data does not keep. None when the file cannot be read as it was loaded.

    ``at`` is always the value's own place: every key lint asks of is written in the file, and
    both loaders place a written value (an alias's at its anchor). A search for ``key:`` from
    the mapping's place, kept from when the careful loader placed such a value at its mapping,
    could no longer be reached, and was removed."""
    # Lint reads plan files only, and every value there has its line (from 1).
    if not at.line:  # pragma: no cover
        return None
    first = next(lines_from(at.path, at.line), None)
    return None if first is None else _past_properties(first[max(at.column - 1, 0) :])


_PROPERTIES = re.compile(r"(?:[&!][^ \t]*[ \t]+)+")
"""An anchor (``&amt``) or a tag (``!!float``) written before a value, and the blanks after."""


def _past_properties(here: str) -> str:
    """A value's text past its anchor and tag: a value's place is where its first is written,
    so ``amount: &amt 1.500`` was read as ``&amt 1.500``, no number, and lint told neither that
    ``1.500`` is 1.50 nor a Windows path in double quotes after ``&msg`` (found by a coverage
    review)."""
    found = _PROPERTIES.match(here)
    return here[found.end() :] if found is not None else here


def plan_texts(plan: PlanModel) -> Iterator[tuple[SourceLocation, str, str, str]]:
    """Every text of the plan a person reads: (the place of the mapping that holds it, its
    key, the text, what it is in words)."""
    settings = plan.settings
    yield settings.at, "name", settings.name, "the plan's name"
    if settings.description:
        yield settings.at, "description", settings.description, "the plan's description"
    if settings.owner:
        yield settings.at, "owner", settings.owner, "the plan's owner"
    for rule in plan.rules:
        yield rule.at, "title", rule.title, f"the title of rule `{rule.id}`"
        if rule.description:
            yield rule.at, "description", rule.description, f"the description of rule `{rule.id}`"
    for action, key, template, what in action_templates(plan):
        yield action.at, key, template.source, what
    for rule, action in plan_actions(plan):  # who gets the case: `to: Team #2` reads `Team`
        for key, value in (("to", action.to), ("owner", action.owner)):
            if value:
                yield action.at, key, value, f"`{key}` of the `{action.type}` of rule `{rule.id}`"
