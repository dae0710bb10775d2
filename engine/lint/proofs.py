"""Lint checks proved by logic: rules that never match, rules hidden behind earlier ones, and
rules written twice.

The proofs come from ``engine.logic``: they are sound, so a finding is always true, and a
problem they cannot prove is not reported. A proof that uses the event schema (``severity``
is one of four words) is true of events that follow the schema, and its message says so:
``eval`` does not refuse an event that breaks it (unless ``--strict``). Which rules are hidden
is worked out once per lint (``never_firing``), for ``shadowed-rule`` here and for
``overlapping-compensation`` (``engine.lint.offers``), which leaves them out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from engine.errors import Diagnostic
from engine.lint.base import WarningCheck, once_per_plan, plan_conjuncts
from engine.lint.values import bool_word_hint, case_hint, written_as_text_hint
from engine.logic import (
    Atom,
    Both,
    Contradiction,
    Node,
    atom_values,
    canonical,
    contradiction,
    implies,
    index_atom,
    pinned,
    rule_conjuncts,
    tested_fields,
    value_key,
)
from engine.model import Action, PlanModel, Rule
from engine.witness import Examples


class NeverMatches(WarningCheck):
    code = "never-matches"
    description = (
        "A rule whose conditions contradict each other, or the event schema (then for events "
        "that follow it), can never fire."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        for rule in plan.rules:
            # Every contradiction of the rule at once, each found among the tests the ones
            # before it left out (three slips in one rule took three runs of lint, and which
            # was said depended on their order; found by review).
            left = rule_conjuncts(rule, plan)
            while (found := contradiction(left)) is not None:
                yield self._report(rule, found)
                rest = tuple(node for node in left if not _holds_any(node, found.tests))
                if len(rest) == len(left):  # it names no test: nothing to leave out
                    break
                left = rest

    def _report(self, rule: Rule, found: Contradiction) -> Diagnostic:
        """The finding for one contradiction of the rule, with the likeliest fix."""
        hint = (
            written_as_text_hint(found.tests)
            or bool_word_hint(found.tests)
            or case_hint(found.tests)
            if found.schema
            else ""
        )
        hint = hint or (
            "check the values against the event schema (`backplan schema event`); "
            "`eval` does not refuse an event that breaks it (unless `--strict`), and such an "
            "event can match"
            if found.schema
            else "a rule fires only when all its conditions hold at once; check the "
            "values, or use `any:` for alternatives"
        )
        return self.found(
            rule.at,
            f"rule `{rule.id}` can never match: {found.message}",
            hint,
            tuple(t.at for t in found.tests if t.at is not None and t.at != rule.at),
        )


def _holds_any(node: Node, tests: tuple[Atom, ...]) -> bool:
    """Whether ``node`` is one of ``tests`` or holds one (in an `all` or `any` list): the
    part of a rule a contradiction lies in, left out to look for the next."""
    if isinstance(node, Atom):
        return node in tests
    return any(_holds_any(item, tests) for item in node.items)


def _fields_anywhere(nodes: Iterable[Node]) -> frozenset[str]:
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, Atom):
            found.add(node.field)
        else:
            found |= _fields_anywhere(node.items)
    return frozenset(found)


def _may_shadow(earlier: Rule, later: Rule, first_only: bool) -> bool:
    """Whether ``earlier`` matching keeps ``later`` from firing."""
    if later.fallback and not earlier.fallback:
        return True  # any ordinary rule that matches makes the fallback unnecessary
    return earlier.fallback == later.fallback and (earlier.stop or first_only)


@once_per_plan
def never_firing(plan: PlanModel) -> list[tuple[Rule, Rule]]:
    """Each enabled rule proved never to fire, after the rule that hides it (``shadowed-rule``
    reports them; ``overlapping-compensation``, under ``combine: sum``, leaves them out). Worked
    out once for both: the walk takes about 2 s of a 10,000-rule plan's lint."""
    return list(_hidden_rules(plan))


def _hidden_rules(plan: PlanModel) -> Iterator[tuple[Rule, Rule]]:
    ordered = [r for r in plan.firing_order() if r.enabled]
    first_only = plan.settings.match == "first"
    conjuncts = plan_conjuncts(plan)
    # Rules that can hide later ones: stoppers hide rules of their own kind (ordinary or
    # fallback); any ordinary rule hides a fallback it always covers, whatever their
    # priorities (a fallback fires only when no ordinary rule matched).
    stoppers = {False: RuleIndex(), True: RuleIndex()}
    ordinary = RuleIndex()
    for rule in ordered:
        if not rule.fallback:
            ordinary.add(rule, conjuncts[rule.position])
    for later in ordered:
        mine = conjuncts[later.position]
        if contradiction(mine) is None:
            candidates = stoppers[later.fallback].candidates(mine)
            if later.fallback:
                more = {r.position: r for r in (*candidates, *ordinary.candidates(mine))}
                candidates = [r for r in ordered if r.position in more]
            examples = Examples(mine)
            for earlier in candidates:
                wanted = conjuncts[earlier.position]
                if (
                    _may_shadow(earlier, later, first_only)
                    and examples.may_imply(wanted)
                    and implies(mine, Both(wanted))
                ):
                    yield earlier, later
                    break
        if later.stop or first_only:
            stoppers[later.fallback].add(later, mine)


class ShadowedRule(WarningCheck):
    code = "shadowed-rule"
    description = (
        "A rule that never fires: whenever it matches, an earlier rule with `stop: true` "
        "(or `match: first`) matches too; or a fallback that an ordinary rule always covers."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        first_only = plan.settings.match == "first"
        for earlier, later in never_firing(plan):
            yield self._report(earlier, later, first_only)

    def _report(self, earlier: Rule, later: Rule, first_only: bool) -> Diagnostic:
        if later.fallback and not earlier.fallback:
            message = (
                f"fallback rule `{later.id}` can never fire: whenever it applies, "
                f"rule `{earlier.id}` matches, so no fallback is needed"
            )
            hint = "make the fallback apply to every event, or narrow the other rule"
        else:
            why = (
                "the plan fires only the first match (`match: first`)"
                if first_only
                else f"`{earlier.id}` has `stop: true`"
            )
            message = (
                f"rule `{later.id}` can never fire: whenever it matches, rule `{earlier.id}` "
                f"matches too and fires first, and {why}"
            )
            hint = (
                f"give `{later.id}` a higher priority than `{earlier.id}` if it is the more "
                f"specific rule, or remove it"
            )
        return self.found(later.at, message, hint, (earlier.at,))


class StopStopsNothing(WarningCheck):
    code = "stop-stops-nothing"
    description = (
        "A rule with `stop: true` that fires after every rule of its event types, so it stops "
        "none of them: often a priority written low (`priority: 1`) for a rule meant to come "
        "first, where higher priorities fire first."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """A manager who wrote `priority: 1` and `stop: true` on an allergy rule, "escalate at
        once, before anything else", got it last in firing order, its stop stopping nothing,
        and lint said nothing (found by review). Told only where rules of its types fire
        before it: a stop rule alone for its types stops nothing either, but harms nothing."""
        if plan.settings.match == "first":  # every rule stops: told by `shadowed-rule`
            return
        ordered = [r for r in plan.firing_order() if r.enabled and not r.fallback]
        before = _types_from(ordered)  # [i]: the types of the rules before the i-th
        from_here = _types_from(reversed(ordered))[::-1]  # [i]: of the i-th and those after
        for index, rule in enumerate(ordered):
            if not rule.stop or _overlap(rule, from_here[index + 1]):
                continue
            if _overlap(rule, before[index]):  # (a stop rule alone for its types: no harm)
                yield self._report(rule, [r for r in ordered[:index] if _same_types(rule, r)])

    def _report(self, rule: Rule, earlier: list[Rule]) -> Diagnostic:
        highest = max(r.priority for r in earlier)
        if rule.priority < highest:
            why = (
                f"its priority, {rule.priority}, is lower than theirs: higher priorities fire first"
            )
        else:
            why = "it has their priority and comes after them in the plan"
        return self.found(
            rule.at.inside("stop"),
            f"rule `{rule.id}` has `stop: true` but fires after every rule of its event types "
            f"({why}), so it stops none of them",
            f"to have it fire first and stop the others, {_first_of(highest, earlier)}; "
            "or remove `stop: true`",
            (earlier[0].at,),
        )


def _first_of(highest: int, earlier: list[Rule]) -> str:
    """How a rule comes before ``earlier`` (rules of priorities up to ``highest``): a priority
    above theirs, within the plan's largest. `priority: 1000010` beside rules of 1000000 was
    refused; at the largest itself, only a place before them in the plan comes first."""
    from engine.resources import load_schema

    largest: int = load_schema("plan")["$defs"]["rule"]["properties"]["priority"]["maximum"]
    if highest < largest:
        return f"give it `priority: {min(highest + 10, largest)}`"
    first = min(earlier, key=lambda r: r.position)
    return f"give it `priority: {largest}` and move it above rule `{first.id}` in the plan"


_AnyType = frozenset({"*"})
"""The event types of a rule for any type, as :func:`_types_from` counts them."""


def _types_from(rules: Iterable[Rule]) -> list[frozenset[str]]:
    """For each place in ``rules`` (and one past the end, first), the event types of the rules
    before it: ``*`` among them when one is for any type. A running union, so a plan of
    10,000 rules is not compared pair by pair."""
    seen: frozenset[str] = frozenset()
    found = [seen]
    for rule in rules:
        seen = seen | (_AnyType if not rule.events else frozenset(rule.events))
        found.append(seen)
    return found


def _overlap(rule: Rule, types: frozenset[str]) -> bool:
    """Whether an event of one of ``rule``'s types could fire a rule of ``types``."""
    if not types:
        return False
    return not rule.events or "*" in types or not types.isdisjoint(rule.events)


def _same_types(rule: Rule, other: Rule) -> bool:
    return _overlap(rule, _AnyType if not other.events else frozenset(other.events))


class RuleIndex:
    """Earlier rules, found by what a later rule requires, so a plan of thousands of rules is
    not compared pair by pair.

    A rule is filed under the values of its most selective equality (``store eq S12``); a later
    rule can only imply it if it pins that field to some of those values, so it looks there.
    Rules without an equality are filed by the fields they test. The index only ever leaves
    out rules that cannot be proved to match, so no finding is lost that the proof would make.
    """

    def __init__(self) -> None:
        self.rules: list[tuple[Rule, frozenset[str]]] = []
        self.by_value: dict[tuple[str, tuple[str, Any]], list[int]] = {}
        self.loose: list[int] = []

    def add(self, rule: Rule, conjuncts: tuple[Node, ...]) -> None:
        number = len(self.rules)
        self.rules.append((rule, tested_fields(conjuncts)))
        key = index_atom(conjuncts)
        if key is None:
            self.loose.append(number)
            return
        for value in atom_values(key):
            self.by_value.setdefault((key.field, value_key(value)), []).append(number)

    def candidates(self, conjuncts: tuple[Node, ...]) -> list[Rule]:
        """Earlier rules (in the order added) the conjunction might imply."""
        mine = _fields_anywhere(conjuncts)
        numbers = list(self.loose)
        for name, keys in pinned(conjuncts).items():
            for key in keys:
                numbers.extend(self.by_value.get((name, key), ()))
        return [self.rules[n][0] for n in sorted(set(numbers)) if self.rules[n][1] <= mine]


def _same_actions(first: Rule, second: Rule) -> bool:
    def plain(actions: tuple[Action, ...]) -> list[object]:
        return [{k: v for k, v in vars(a).items() if k != "at"} for a in actions]

    return plain(first.then) == plain(second.then) and plain(first.prevent) == plain(second.prevent)


class DuplicateRule(WarningCheck):
    code = "duplicate-rule"
    description = "Two rules with the same trigger (event types and conditions, in any order)."

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        seen: dict[object, Rule] = {}
        for rule in plan.rules:
            if not rule.enabled:  # a copy kept switched off (an old version) is no duplicate
                continue
            key = (rule.fallback, canonical(Both(rule_conjuncts(rule, plan))))
            first = seen.setdefault(key, rule)
            if first is rule:
                continue
            copy = _same_actions(first, rule)
            what = "the same trigger and the same actions" if copy else "the same trigger"
            yield self.found(
                rule.at,
                f"rule `{rule.id}` has {what} as rule `{first.id}`",
                "remove one of them" if copy else "merge their actions into one rule",
                (first.at,),
            )
