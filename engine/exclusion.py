"""Rules a plan test expects to fire that can never fire for one event, proved.

A case expecting `late-order` (for orders) and `bad-review` (for reviews) to fire on one event
had failed at every run, saying only that one of them did not fire, and the author went looking
for a fault in the plan. The proofs are lint's (``engine.logic``): two rules that pin a field to
values they share none of (:func:`engine.logic.pinned_apart`), else a contradiction between
their tests (:func:`engine.logic.contradiction`, within its bounded steps). They are sound, so
a pair they cannot prove apart is never told: a false refusal would block a valid test.

A reason drawn from the event schema is no proof here: ``backplan test`` reads a case's event
as ``eval`` does, which decides an event that breaks the schema, and such an event may match.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from engine.logic import (
    Atom,
    FieldProofs,
    Node,
    atom_values,
    contradiction,
    flatten,
    pinned,
    pinned_apart,
    rule_conjuncts,
    value_key,
)
from engine.model import AllOf, Not, Use

if TYPE_CHECKING:
    from engine.errors import SourceLocation
    from engine.model import Condition, PlanModel, Rule

MOST_PROVED = 10_000
"""How many pairs of rules one test file may have proved apart by their conditions, past
those their pinned values tell apart (each once): a proof takes from a few microseconds to a
few milliseconds (:data:`engine.logic.MAX_STEPS`), and 1,000 cases that each list 16 rules
ask for 120,000 of them. A pair past them is only not told, never told wrongly."""


@dataclass(frozen=True, slots=True)
class Exclusion:
    """Why rules never fire for one event, and where the plan says so."""

    words: str
    """The tests that cannot all hold, in words (``rating is 2 or less and rating is 4 or
    more cannot both hold``)."""
    places: tuple[SourceLocation, ...]
    """Where the plan writes those tests (a rule's ``event:`` for its event types)."""
    types: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    """Each rule's event types, when those are what keeps two rules apart: the reason a
    manager reads first (an event has one type)."""
    opposite: tuple[str, bool] | None = None
    """The named condition one rule requires and the other requires not to hold (and whether
    the first of the two rules asked about is the one requiring it not to), when that is
    what keeps them apart: said as such, where the proof's tests, read through the condition,
    make a sentence of every alternative of its ``any`` (found by review)."""


_Pins = dict[str, frozenset[tuple[str, Any]]]


class RulesApart:
    """The rules of one plan that never fire at all, or never together, each asked once.

    A test file of a thousand cases names the same rules again and again: each rule's
    conditions are worked out the first time a case names it, and each answer is kept, for a
    rule and for a pair of rules (a 10,000-rule plan has fifty million pairs; only those the
    cases name are ever looked at)."""

    __slots__ = ("_alone", "_conjuncts", "_left", "_pairs", "_pins", "_plan", "_proofs")

    def __init__(self, plan: PlanModel) -> None:
        self._plan = plan
        self._conjuncts: dict[int, tuple[Node, ...]] = {}
        self._pins: dict[int, _Pins] = {}
        self._alone: dict[int, Exclusion | None] = {}
        self._pairs: dict[tuple[int, int], Exclusion | None] = {}
        self._proofs = FieldProofs()  # a rule's tests come back with each partner
        self._left = MOST_PROVED

    def never(self, rule: Rule) -> Exclusion | None:
        """Why ``rule`` never matches any event (lint's ``never-matches``), or None."""
        if rule.position not in self._alone:
            found = contradiction(self._of(rule))
            self._alone[rule.position] = (
                None
                if found is None or found.schema
                else _proved(found.message, found.tests, (rule,))
            )
        return self._alone[rule.position]

    def between(self, one: Rule, other: Rule) -> Exclusion | None:
        """Why ``one`` and ``other`` never both match one event, or None; asked of rules that
        each may match (:meth:`never` says None of each)."""
        key = (one.position, other.position)
        if key not in self._pairs:
            self._pairs[key] = self._prove(one, other)
        return self._pairs[key]

    def _prove(self, one: Rule, other: Rule) -> Exclusion | None:
        mine, theirs = self._pinned(one), self._pinned(other)
        if _apart_on("type", mine, theirs):
            return self._pinned_reason("type", one, other)
        opposite = _opposite_use(one, other)
        if opposite is not None:
            name, negated, places = opposite
            return Exclusion(f"`{name}`", places, opposite=(name, negated))
        field = pinned_apart(mine, theirs)
        if field is not None:
            return self._pinned_reason(field, one, other)
        if self._left <= 0:
            return None
        self._left -= 1
        both = (*self._of(one), *self._of(other))
        found = contradiction(both, self._proofs)
        if found is None or found.schema:
            return None
        # The answer remembered may name equal tests written elsewhere: proved again for where.
        located = contradiction(both)
        # Never taken: the same tests are proved again, as the remembered answer proved tests
        # equal to them; kept so that a proof that ever differed says nothing rather than fail.
        if located is None or located.schema:  # pragma: no cover
            return None
        return _proved(located.message, located.tests, (one, other))

    def _pinned_reason(self, field: str, one: Rule, other: Rule) -> Exclusion:
        """The tests on ``field`` of two rules that pin it to values they share none of."""
        tests = [t for rule in (one, other) for t in _tests_on(field, self._of(rule))]
        verb = "cannot both hold" if len(tests) == 2 else "cannot all hold"
        words = f"{' and '.join(t.words() for t in tests)} {verb}"
        found = _proved(words, tuple(tests), (one, other))
        if field != "type":
            return found
        types = (self._types(one), self._types(other))
        if types[0] is None or types[1] is None:  # a type test on something else than text
            return found
        return Exclusion(found.words, found.places, (types[0], types[1]))

    def _types(self, rule: Rule) -> tuple[str, ...] | None:
        """The event types ``rule`` is for, in the order the plan writes them."""
        keys = self._pinned(rule)["type"]
        written = [v for t in _tests_on("type", self._of(rule)) for v in _pinning(t)]
        types = tuple(dict.fromkeys(v for v in written if value_key(v) in keys))
        return types if all(isinstance(v, str) for v in types) else None

    def _of(self, rule: Rule) -> tuple[Node, ...]:
        conjuncts = self._conjuncts.get(rule.position)
        if conjuncts is None:
            conjuncts = self._conjuncts[rule.position] = rule_conjuncts(rule, self._plan)
        return conjuncts

    def _pinned(self, rule: Rule) -> _Pins:
        pins = self._pins.get(rule.position)
        if pins is None:
            pins = self._pins[rule.position] = pinned(self._of(rule))
        return pins


def _opposite_use(one: Rule, other: Rule) -> tuple[str, bool, tuple[SourceLocation, ...]] | None:
    """A named condition one rule requires (``use: public_channel`` among its ``all``) and the
    other requires not to hold (``not: {use: public_channel}``), whether ``one`` is the rule
    requiring it not to, and where each says so: a condition holds or does not for an event,
    so the two never match one event."""
    mine, theirs = _required_uses(one.condition), _required_uses(other.condition)
    for (name, negated), at in mine.items():
        against = theirs.get((name, not negated))
        if against is not None:
            return name, negated, (at, against)
    return None


def _required_uses(condition: Condition) -> dict[tuple[str, bool], SourceLocation]:
    """The named conditions a condition requires to hold (``(name, False)``) or not to hold
    (``(name, True)``), where each is written: its ``use:``, and ``not:`` of one, among the
    items of its ``all`` (nested ones too)."""
    found: dict[tuple[str, bool], SourceLocation] = {}
    stack = [condition]
    while stack:
        node = stack.pop()
        if isinstance(node, AllOf):
            stack.extend(reversed(node.items))
        elif isinstance(node, Use):
            found.setdefault((node.name, False), node.at)
        elif isinstance(node, Not) and isinstance(node.item, Use):
            found.setdefault((node.item.name, True), node.at)
    return found


def _apart_on(field: str, one: _Pins, other: _Pins) -> bool:
    """Whether both pin ``field``, to values they share none of."""
    mine, theirs = one.get(field), other.get(field)
    return mine is not None and theirs is not None and mine.isdisjoint(theirs)


def _tests_on(field: str, conjuncts: tuple[Node, ...]) -> list[Atom]:
    """The tests of a conjunction on ``field`` (those :func:`engine.logic.pinned` reads)."""
    return [n for n in flatten(conjuncts) if isinstance(n, Atom) and n.field == field]


def _pinning(test: Atom) -> tuple[Any, ...]:
    """The values an equality test lets through (none for another test)."""
    exact = test.op in ("eq", "in") and not test.negated and not test.ignore_case
    return atom_values(test) if exact else ()


def _proved(words: str, tests: tuple[Atom, ...], rules: tuple[Rule, ...]) -> Exclusion:
    """The reason, placed at each test in the plan, once; a rule's event types are placed at
    its ``event:`` (the test made of them is placed at the rule)."""
    places: dict[tuple[str, str], SourceLocation] = {}
    for test in tests:
        at = test.at
        for rule in rules:
            if at is rule.at and test.field == "type":
                at = rule.at.inside("when").inside("event")
        # Every test of a loaded plan has its place (an Atom made elsewhere may have none).
        if at is not None:  # pragma: no branch
            places.setdefault((at.path, at.pointer), at)
    return Exclusion(words, tuple(places.values()))
