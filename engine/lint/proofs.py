"""Lint checks proved by logic: rules that never match, tests that never hold in rules that
can, rules hidden behind earlier ones, and rules written twice.

The proofs come from ``engine.logic``: they are sound, so a finding is always true, and a
problem they cannot prove is not reported. A proof that uses the event schema (``severity``
is one of four words) is true of events that follow the schema, and its message says so:
``eval`` does not refuse an event that breaks it (unless ``--strict``). Which rules are hidden
is worked out once per lint (``never_firing``), for ``shadowed-rule`` here and for
``overlapping-compensation`` (``engine.lint.offers``), which leaves them out.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from engine.errors import Diagnostic, SourceLocation, shown_text
from engine.lint.base import WarningCheck, once_per_plan, plan_conjuncts, used_conditions
from engine.lint.values import (
    bool_word_hint,
    case_hint,
    event_type_hint,
    number_for_text_hint,
    refused_by_eval_hint,
    whole_number_hint,
    written_as_text_hint,
)
from engine.logic import (
    Atom,
    Both,
    Bounds,
    Contradiction,
    Node,
    RangeRefuter,
    atom_values,
    canonical,
    contradiction,
    implies,
    index_atom,
    no_alternative_holds,
    normal,
    pinned,
    ranges_required,
    rule_conjuncts,
    tested_fields,
    value_key,
)
from engine.model import (
    Action,
    AllOf,
    AnyOf,
    Condition,
    FieldTest,
    Not,
    PlanModel,
    Rule,
    Use,
)
from engine.resources import load_schema
from engine.witness import Examples, meets
from engine.wording import MAX_LISTED, join_words, list_names


class NeverMatches(WarningCheck):
    """A rule that can never fire: its tests contradict each other, or the event schema (for events
    that follow it), most often a slip in a value or an operator. The plan validates, and the
    complaints the rule was written for quietly get another plan, or none."""

    code = "never-matches"
    description = (
        "A rule whose conditions contradict each other, or the event schema (then for events "
        "that follow it), can never fire."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Every contradiction of each rule, each found among the tests the ones before it left out;
        a slip in a named condition that several rules use is told once, at the condition."""
        conjuncts = plan_conjuncts(plan)
        first = first_contradictions(plan)
        named = _NeverHolding(plan)
        # by the named condition and the slip's places: a condition with two slips has each
        # told, and one rule using it is told at itself (a condition with two slips, used by
        # one rule, had been told as "the 1 rules that use it", its second slip not at all;
        # found by review)
        kept: dict[tuple[str, tuple[SourceLocation | None, ...]], list[tuple[Rule, Contradiction]]]
        kept = {}
        for rule in plan.rules:
            # Every contradiction of the rule at once, each found among the tests the ones
            # before it left out (three slips in one rule took three runs of lint, and which
            # was said depended on their order; found by review).
            left = conjuncts[rule.position]
            found = first[rule.position]
            while found is not None:
                name = named.written_in(found)
                if name is None:
                    yield self._report(rule, found, plan.settings.currency)
                else:
                    slip = tuple(test.at for test in found.tests)
                    kept.setdefault((name, slip), []).append((rule, found))
                rest = tuple(node for node in left if not _holds_any(node, found.tests))
                # Never taken: each contradiction is proved of tests of ``left`` (the first, of
                # the rule's, which ``left`` starts as), so each leaves some out. A guard
                # against a loop without end.
                if len(rest) == len(left):  # pragma: no cover
                    break
                left = rest
                found = contradiction(left)
        for (name, _), rules in kept.items():
            if len({rule.position for rule, _ in rules}) == 1:
                for rule, found in rules:
                    yield self._report(rule, found, plan.settings.currency)
            else:
                yield self._report_condition(plan, name, rules)

    def _report_condition(
        self, plan: PlanModel, name: str, rules: list[tuple[Rule, Contradiction]]
    ) -> Diagnostic:
        """A named condition that never holds by itself, used by several rules: told once, at
        the condition, naming the rules it keeps from matching. A store's condition written
        `eq: 12` had been told at each of its 75 rules, 226 lines for one mistake written in
        another file (found by review)."""
        found = rules[0][1]
        at = plan.conditions[name].at
        ids = list(dict.fromkeys(f"`{rule.id}`" for rule, _ in rules))
        return self.found(
            at,
            # (not "the" rules: one using it as an alternative of its `any` can still match)
            f"the named condition `{name}` can never hold: {found.message}; "
            f"{len(ids):,} rules that use it can never match: {list_names(ids)}",
            _likeliest_fix(
                found,
                "all of its conditions must hold at once; check the values",
                plan.settings.currency,
            ),
            tuple(t.at for t in found.tests if t.at is not None and t.at != at),
        )

    def _report(self, rule: Rule, found: Contradiction, currency: str) -> Diagnostic:
        """The finding for one contradiction of the rule, with the likeliest fix."""
        return self.found(
            rule.at,
            f"rule `{rule.id}` can never match: {found.message}",
            _likeliest_fix(
                found,
                "a rule fires only when all its conditions hold at once; check the values, or "
                "use `any:` for alternatives",
                currency,
            ),
            tuple(t.at for t in found.tests if t.at is not None and t.at != rule.at),
        )


class _NeverHolding:
    """Which named conditions never hold by themselves, asked of each as a rule's
    contradiction lies in one."""

    def __init__(self, plan: PlanModel) -> None:
        self.plan = plan
        self.proved: dict[str, bool] = {}

    def written_in(self, found: Contradiction) -> str | None:
        """The named condition every test of ``found`` is written in, when it never holds by
        itself (under a `not`, a condition that always holds gives a contradiction of its own
        tests too: that one is the rule's to tell)."""
        places = [test.at for test in found.tests]
        for name, tree in self.plan.conditions.items():
            own = tree.at
            inside = own.pointer + "/"
            if all(
                at is not None
                and at.path == own.path
                and (at.pointer == own.pointer or at.pointer.startswith(inside))
                for at in places
            ):
                if name not in self.proved:
                    self.proved[name] = contradiction((normal(tree, self.plan),)) is not None
                return name if self.proved[name] else None
        return None


@once_per_plan
def first_contradictions(plan: PlanModel) -> dict[int, Contradiction | None]:
    """The first contradiction found in each rule, by its position (None for a rule the proofs
    find none in): ``never-matches`` starts from it, and ``test-never-holds`` and
    ``alternative-never-holds`` leave out the rules it is said of. Worked out once for all."""
    return {position: proved.never for position, proved in _rule_proofs(plan).items()}


@once_per_plan
def _rule_proofs(plan: PlanModel) -> dict[int, Alternatives]:
    """Each rule's proofs, by its position: of the whole rule, and, when that finds nothing,
    of each alternative of its `any` lists (:func:`alternatives`), which may find that one of
    those lists has none left (the proof of the whole rule leaves an `any` list out when it
    reasons by cases on another: two lists that rule each other out were not told)."""
    conjuncts = plan_conjuncts(plan)
    proved: dict[int, Alternatives] = {}
    for rule in plan.rules:
        found = contradiction(conjuncts[rule.position])
        whole = found is not None
        proved[rule.position] = Alternatives((), found) if whole else alternatives(plan, rule)
    return proved


def _likeliest_fix(found: Contradiction, otherwise: str, currency: str) -> str:
    """The hint for tests the proofs say never hold: for a reason drawn from the event schema,
    the value as events write it (a number, true/false, small letters), else where to read
    what events write; ``otherwise`` for a reason of the tests alone. ``currency``: the
    plan's, which an amount written with a currency is told in."""
    if not found.schema:
        return otherwise
    return (
        written_as_text_hint(found.tests, currency)
        or bool_word_hint(found.tests)
        or case_hint(found.tests)
        or number_for_text_hint(found.tests)
        or event_type_hint(found.tests)
        or whole_number_hint(found)
        or refused_by_eval_hint(found)
        or "check the values against the event schema (`backplan schema event`); `eval` does "
        "not refuse an event that breaks it (unless `--strict`), and such an event can match"
    )


class NeverHoldingTest(WarningCheck):
    """A test no value the event schema allows can pass, in a rule that can still match: an ``any``
    alternative that never holds, or a ``not`` that always does, so the cases it was written for are
    never caught, and the rule's firing hides it."""

    code = "test-never-holds"
    description = (
        "A test that can never hold, its value one the event schema rules out, in a rule that "
        "can still match (else `never-matches` says so): in an `any` list, the rule matches "
        "only through the other alternatives; under a `not`, the `not` always holds."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """``never-matches`` told a whole rule that never matches, and said nothing of an
        alternative of its `any` list that never holds (`customer.complaints_90d` `gte: 2
        days`, text where events carry a number): repeat complainers by count were never
        caught (found by review). Each such test is told where it is written, once: a named
        condition's at the condition, whatever the rules that use it."""
        parts = constant_parts(plan)
        first = first_contradictions(plan)
        currency = plan.settings.currency
        live = [rule for rule in plan.rules if first[rule.position] is None]
        for rule in live:
            yield from self._in_tree(rule.condition, _Owner.of_rule(rule), parts, currency)
        told = used_conditions(plan, (rule.condition for rule in live))
        used = used_conditions(plan, (rule.condition for rule in plan.rules))
        for name, tree in plan.conditions.items():
            # (one only rules told never-matches use: told there; one no rule uses, here)
            if name in told or name not in used:
                yield from self._in_tree(tree, _Owner.of_condition(name), parts, currency)

    def _in_tree(
        self, tree: Condition, owner: _Owner, parts: _ConstantParts, currency: str
    ) -> Iterator[Diagnostic]:
        for test, parents in _tests_in(tree, ()):
            found = parts.never_holds(test)
            if found is None:
                continue
            yield self.found(
                test.at.inside(test.op),
                f"the `{test.op}` test of {owner.name} can never hold: {found.message}; then "
                + parts.consequence(parents, owner),
                _likeliest_fix(found, "check its value: no value of the field passes it", currency),
            )


class NeverHoldingAlternative(WarningCheck):
    """An alternative of an ``any`` list that the rest of its rule rules out, or that contradicts
    itself: the rule still fires through the others, so nothing shows that the cases this one was
    written for never are."""

    code = "alternative-never-holds"
    description = (
        "An alternative of an `any` list that the rest of its rule rules out (`channel eq "
        "phone` in a rule that requires `channel` to be `twitter` or `yelp`), or that "
        "contradicts itself: the rule matches only through the other alternatives."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """``never-matches`` tells a rule none of whose alternatives can hold, and
        ``test-never-holds`` a single test no value passes; an alternative that only the
        rest of its rule rules out was told by nothing, and the cases it was written for
        were never caught (a manager narrows a rule to public channels, and its `any` still
        offers a call for a phone complaint)."""
        parts = constant_parts(plan)
        proved = _rule_proofs(plan)
        told: set[str] = set()  # the named conditions that never hold, told at themselves
        for rule in plan.rules:
            for dead in proved[rule.position].dead:
                # One that a test no value passes keeps from holding is told by
                # test-never-holds, with what it makes of the rule: the test alone, or beside
                # others of its field (`eq: "5"` and `gte: 1` on a number), had been told twice.
                if parts.value(dead.item) is False:
                    continue
                if dead.alone and isinstance(dead.item, Use):
                    if dead.item.name not in told:
                        told.add(dead.item.name)
                        yield self._report_condition(plan, rule, dead, dead.item.name)
                    continue
                yield self._report(rule, dead, plan.settings.currency)

    def _report_condition(
        self, plan: PlanModel, rule: Rule, dead: DeadAlternative, name: str
    ) -> Diagnostic:
        """A named condition that contradicts itself, used as an alternative: told once, at
        the condition, where it had been told at each rule that used it."""
        return self.found(
            plan.conditions[name].at,
            f"the named condition `{name}` can never hold: {dead.why.message}; an `any` list "
            f"that uses it, as rule `{rule.id}`'s does, matches only through its other "
            "alternatives",
            _likeliest_fix(
                dead.why,
                "all of its conditions must hold at once; check the values",
                plan.settings.currency,
            ),
            (dead.item.at,),
        )

    def _report(self, rule: Rule, dead: DeadAlternative, currency: str) -> Diagnostic:
        named = f"rule `{rule.id}`"
        if dead.alone:
            where = ""
            fix = "all of an alternative's conditions must hold at once; check the values"
        else:
            where = " with the rest of the rule"
            fix = (
                "check its values against the rule's other conditions; an alternative meant "
                "for other events belongs in a rule of its own"
            )
        mine = {id(test) for test in dead.tests}
        return self.found(
            dead.item.at,
            f"this alternative of the `any` list of {named} can never hold{where}: "
            f"{dead.why.message}; {named} matches only through its other alternatives",
            _likeliest_fix(dead.why, fix, currency),
            tuple(
                _seen_at(t.at, rule)
                for t in dead.why.tests
                if t.at is not None and id(t) not in mine
            ),
        )


def _seen_at(at: SourceLocation, rule: Rule) -> SourceLocation:
    """Where to see a test that rules an alternative out: the rule's event types (the test
    made of them is placed at the rule) at its ``event:``, found only for a finding (a plan
    file read fast is searched for a place: the rule's id had been pointed to)."""
    return rule.at.inside("when").inside("event") if at is rule.at else at


class DeadAlternative(NamedTuple):
    """An alternative (``item``) of an `any` list (``within``) that can never hold: by
    itself (``alone``), or with what the rest of its rule requires; ``why`` is the proof, and
    ``tests`` the alternative's own tests in normal form."""

    within: AnyOf
    item: Condition
    why: Contradiction
    alone: bool
    tests: tuple[Atom, ...]


class Alternatives(NamedTuple):
    """What the proofs of one alternative at a time found in a part of a rule: its
    alternatives that can never hold (``dead``), or that the part itself never holds
    (``never``: an `any` list it requires has none left), whose own are then not told."""

    dead: tuple[DeadAlternative, ...] = ()
    never: Contradiction | None = None


def alternatives(plan: PlanModel, rule: Rule) -> Alternatives:
    """Each alternative of the rule's `any` lists that can never hold, by itself or alongside
    what the rest of the rule requires (:class:`_Alternatives`), a single test no value
    passes among them; or why the rule never matches, when a list it requires has none left."""
    types = () if rule.events is None else (Atom("type", "in", rule.events, at=rule.at),)
    return _Alternatives(plan).walk(rule.condition, _Required(types))


class _Alternatives:
    """The alternatives of one rule's `any` lists, each checked against what the rest of the
    rule requires alongside it (the items of the `all` lists it is in, and the rule's event
    types). A `not` is not entered (it turns its `any` into an `all`), nor a named
    condition (its alternatives serve every rule that uses it)."""

    def __init__(self, plan: PlanModel) -> None:
        self.plan = plan
        self.normals: dict[int, Node] = {}

    def normal(self, node: Condition) -> Node:
        known = self.normals.get(id(node))
        if known is None:
            known = self.normals[id(node)] = normal(node, self.plan)
        return known

    def walk(self, node: Condition, required: _Required, counted: bool = False) -> Alternatives:
        """The dead alternatives in ``node``, where every event the rule matches passes
        ``required``; ``counted``: ``node`` is an item of an `all` list already in it."""
        if isinstance(node, AllOf):
            # Each item is required beside the alternatives in the others, and the one it is
            # in may stand among them too: an `any` holds wherever one of its alternatives
            # does, so it rules none of them out (one context a list, not one an item: a
            # rule of 5,000 `any` lists had built 25 million).
            inner = required if counted else required.adding(map(self.normal, node.items))
            dead: list[DeadAlternative] = []
            for item in node.items:
                if _holds_an_any(item):
                    found = self.walk(item, inner, counted=True)
                    if found.never is not None:  # the whole list never holds: said above
                        return found
                    dead.extend(found.dead)
            return Alternatives(tuple(dead))
        if isinstance(node, AnyOf) and len(node.items) == 1:  # one item: it is required
            return self.walk(node.items[0], required, counted)
        if isinstance(node, AnyOf):
            return self.choices(node, required)
        # Never reached: a rule's condition is an `all` (Rule.condition), and an item is walked
        # only when an `any` of two or more is in it (_holds_an_any), so it is a list too.
        return Alternatives()  # pragma: no cover

    def choices(self, node: AnyOf, required: _Required) -> Alternatives:
        """The dead alternatives of an `any` list and in them, or why none of its own can
        hold (then said of what requires the list: the alternative it is in, or the rule)."""
        found: list[DeadAlternative] = []
        reasons: list[Contradiction] = []
        for item in node.items:
            dead = self.dead(node, item, required)
            if dead is None and _holds_an_any(item):
                inner = self.walk(item, required)
                if inner.never is None:
                    found.extend(inner.dead)
                else:  # an `any` list it requires has none left
                    mine = tuple(_atoms(self.normal(item)))
                    dead = DeadAlternative(node, item, inner.never, False, mine)
            if dead is not None:
                found.append(dead)
                reasons.append(dead.why)
        if len(reasons) == len(node.items):
            return Alternatives(never=no_alternative_holds(reasons))
        return Alternatives(tuple(found))

    def dead(self, within: AnyOf, item: Condition, required: _Required) -> DeadAlternative | None:
        """``item`` if it can never hold, alone or with what is ``required`` of the fields it
        tests; None when it can."""
        mine = self.normal(item)
        alone = contradiction((mine,))
        if alone is not None:
            return DeadAlternative(within, item, alone, True, tuple(_atoms(mine)))
        together = contradiction((*required.on(_fields_of(mine)), mine))
        if together is None:
            return None
        return DeadAlternative(within, item, together, False, tuple(_atoms(mine)))


class _Required:
    """What every event a rule matches must pass at a place in its conditions, found by the
    fields it tests: an alternative is proved against the parts that test its own fields
    (and the tests on the other fields of the `any` lists among them), not the whole rule:
    a proof costs what it is given, and a rule may hold 10,000 tests. Leaving parts out only
    makes the proof find less, never what is not so."""

    def __init__(self, nodes: tuple[Node, ...] = ()) -> None:
        self.nodes = nodes
        self.fields = [_fields_of(node) for node in nodes]
        self.tests: dict[str, list[int]] = {}  # by field: the numbers of the tests on it
        self.choices: dict[str, list[int]] = {}  # and of the `any` lists that test it
        for number, node in enumerate(nodes):
            filed = self.tests if isinstance(node, Atom) else self.choices
            for name in self.fields[number]:
                filed.setdefault(name, []).append(number)

    def adding(self, nodes: Iterable[Node]) -> _Required:
        return _Required((*self.nodes, *nodes))

    def on(self, fields: frozenset[str]) -> list[Node]:
        """The parts an alternative testing ``fields`` is proved against, in their order: the
        first :data:`MAX_REQUIRED_CHOICES` `any` lists that test one of them (a proof tries
        each of their alternatives: a rule of 2,000 `any` lists on two fields took 3 s of
        lint), and every test on those fields or on the fields those lists test."""
        most = MAX_REQUIRED_CHOICES
        choices = sorted({n for name in fields for n in self.choices.get(name, ())[:most]})
        del choices[most:]
        wider = fields.union(*(self.fields[n] for n in choices))
        tests = {n for name in wider for n in self.tests.get(name, ())}
        return [self.nodes[n] for n in sorted(tests.union(choices))]


MAX_REQUIRED_CHOICES = 16
"""The most `any` lists an alternative is proved against (its rule's tests on the fields they
and it test all are): its proof reasons by cases on each, within ``engine.logic``'s budget of
steps, so 64 made a rule of 3,000 lists on 50 fields take 3 s of lint (16: 1 s), and found
no more on the bench's plans."""


def _fields_of(node: Node) -> frozenset[str]:
    """Every field a condition in normal form tests, at any depth."""
    return frozenset(test.field for test in _atoms(node))


def _holds_an_any(node: Condition) -> bool:
    """Whether an `any` list of two or more items is in ``node`` (not under a `not`, not in
    a named condition): where :class:`_Alternatives` has something to check."""
    if isinstance(node, AnyOf):
        return len(node.items) > 1 or any(_holds_an_any(item) for item in node.items)
    if isinstance(node, AllOf):
        return any(_holds_an_any(item) for item in node.items)
    return False


def _atoms(node: Node) -> Iterator[Atom]:
    """Every test of a condition in normal form: an alternative's own, which its finding
    does not point to as what rules it out."""
    if isinstance(node, Atom):
        yield node
    else:
        for item in node.items:
            yield from _atoms(item)


def _tests_in(
    tree: Condition, parents: tuple[Condition, ...]
) -> Iterator[tuple[FieldTest, tuple[Condition, ...]]]:
    """Each field test of a tree (named conditions not followed: each is told at its own),
    with the parts it is in, the nearest first."""
    if isinstance(tree, FieldTest):
        yield tree, parents
    elif isinstance(tree, (AllOf, AnyOf)):
        for item in tree.items:
            yield from _tests_in(item, (tree, *parents))
    elif isinstance(tree, Not):
        yield from _tests_in(tree.item, (tree, *parents))


class _Owner(NamedTuple):
    """Whose a test is, in words: a rule's or a named condition's, what it does when its
    conditions hold (``matches``, ``holds``), and what it then does for every event or none."""

    name: str
    does: str
    always: str
    never: str

    @classmethod
    def of_rule(cls, rule: Rule) -> _Owner:
        events = f" {join_words(list(rule.events), 'or')}" if rule.events else ""
        name = f"rule `{rule.id}`"
        return cls(name, "matches", f"{name} matches every{events} event", f"{name} never matches")

    @classmethod
    def of_condition(cls, name: str) -> _Owner:
        named = f"the named condition `{name}`"
        return cls(named, "holds", f"{named} always holds", f"{named} never holds")


@once_per_plan
def constant_parts(plan: PlanModel) -> _ConstantParts:
    """The plan's :class:`_ConstantParts`, one for a lint run: ``test-never-holds`` and
    ``alternative-never-holds`` ask it of the same tests, and each had proved them again."""
    return _ConstantParts(plan)


class _ConstantParts:
    """Which tests of a plan never hold (by the proof ``never-matches`` makes of a test alone,
    ``engine.logic.contradiction``), and the parts of its conditions that then have one value
    whatever the event: what a test that never holds makes of the part it is in."""

    def __init__(self, plan: PlanModel) -> None:
        self.plan = plan
        self.reasons: dict[int, Contradiction | None] = {}
        self.named: dict[str, bool | None] = {}

    def never_holds(self, test: FieldTest) -> Contradiction | None:
        """Why ``test`` never holds, or None when the proof finds no reason."""
        key = id(test)
        if key not in self.reasons:
            self.reasons[key] = contradiction((normal(test, self.plan),))
        return self.reasons[key]

    def value(self, part: Condition) -> bool | None:
        """The value ``part`` has for every event (of the event schema: the reasons may be
        drawn from it), or None when it depends on the event."""
        if isinstance(part, FieldTest):
            return False if self.never_holds(part) is not None else None
        if isinstance(part, Not):
            inner = self.value(part.item)
            return None if inner is None else not inner
        if isinstance(part, Use):
            return self._named(part.name)
        values = [self.value(item) for item in part.items]
        decisive = isinstance(part, AnyOf)  # the value one item needs to decide the list
        if decisive in values:
            return decisive
        return (not decisive) if all(v is not None for v in values) else None

    def _named(self, name: str) -> bool | None:
        if name not in self.named:
            self.named[name] = None  # (a circle is an error: never linted, but never endless)
            tree = self.plan.conditions.get(name)
            self.named[name] = None if tree is None else self.value(tree)
        return self.named[name]

    def consequence(self, parents: tuple[Condition, ...], owner: _Owner) -> str:
        """What a test that never holds, in ``parents`` (the nearest first), makes of
        ``owner``: each `not` around it always or never holding, then where it stops
        mattering (:func:`_where_it_stops`), or the whole rule or named condition."""
        said: list[str] = []
        holds = False
        for index, part in enumerate(parents):
            if isinstance(part, Not):
                holds = not holds
                around = "it" if not said else "that one"
                said.append(f"the `not` around {around} {'always' if holds else 'never'} holds")
                continue
            value = self.value(part)
            if value is None:
                upright = sum(isinstance(p, Not) for p in parents[index + 1 :]) % 2 == 0
                said.append(_where_it_stops(part, upright, bool(said), owner))
                return join_words(said, "and", whole=True)
            holds = value
        said.append(owner.always if holds else owner.never)
        return join_words(said, "and", whole=True)


def _where_it_stops(part: Condition, upright: bool, after: bool, owner: _Owner) -> str:
    """Where a test that never holds stops mattering: an `any` list (``part``) that holds
    through its other alternatives, or an `all` list that a `not` around it (said ``after``
    something) keeps no event out of. Said of ``owner`` when the list is ``upright`` (under
    no `not`, or two): `rule r matches only through...`; else of the list itself, since under
    a `not` the rule matches when the list does not hold."""
    if isinstance(part, AnyOf):
        if upright:
            return (
                f"{owner.name} {owner.does} only through the other alternatives of the `any` "
                "list it is in"
            )
        return "the `any` list it is in holds only through its other alternatives"
    if upright:  # (always holding: through a `not`, said, or a named condition)
        return f"{'keeps' if after else 'the part it is in keeps'} no event out of {owner.name}"
    return "the `all` list it is in holds whenever its other items do"


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


def hidden_whatever_the_files(plan: PlanModel) -> set[int]:
    """The places of the rules that never fire in any order the plan's files are read in: a
    rule hidden only by a rule of its priority in another file fires when its file is read
    first. ``stop-tie`` had left such a rule out as never firing, and a colleague's stop rule
    in `b.yaml`, hidden by one of `a.yaml`'s, went untold though renaming `b.yaml` to
    `0-b.yaml` made it fire instead (found by review). Only those rules are walked again."""
    found = never_firing(plan)
    hidden = {later.position for earlier, later in found if not _by_files(earlier, later)}
    return hidden | set(_hidden_all_the_same(plan))


@once_per_plan
def _hidden_all_the_same(plan: PlanModel) -> dict[int, Rule]:
    """Each rule whose first hider is of its priority in another file and that a rule hides
    whatever the order of the files (one before it in its own file, say), by its place, with
    that rule: the one to name (:func:`hidden_whatever_the_files`)."""
    found = never_firing(plan)
    by_files = {later.position for earlier, later in found if _by_files(earlier, later)}
    if not by_files:
        return {}
    return {later.position: earlier for earlier, later in _hidden_rules(plan, by_files)}


def _by_files(earlier: Rule, later: Rule) -> bool:
    """Whether ``earlier`` comes before ``later`` only by the order of their files."""
    return (
        earlier.priority == later.priority
        and earlier.fallback == later.fallback
        and earlier.at.path != later.at.path
    )


def _hidden_rules(plan: PlanModel, among: set[int] | None = None) -> Iterator[tuple[Rule, Rule]]:
    """Each rule hidden, after its first hider; with ``among``, of those rules only, and by a
    rule before it whatever the order of the files (:func:`hidden_whatever_the_files`)."""
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
        if (among is None or later.position in among) and contradiction(mine) is None:
            candidates = stoppers[later.fallback].candidates(mine)
            if later.fallback:
                more = {r.position: r for r in (*candidates, *ordinary.candidates(mine))}
                candidates = [r for r in ordered if r.position in more]
            examples = Examples(mine)
            for earlier in candidates:
                wanted = conjuncts[earlier.position]
                if (
                    _may_shadow(earlier, later, first_only)
                    and (among is None or not _by_files(earlier, later))
                    and examples.may_imply(wanted)
                    and implies(mine, Both(wanted))
                ):
                    yield earlier, later
                    break
        if later.stop or first_only:
            stoppers[later.fallback].add(later, mine)


class ShadowedRule(WarningCheck):
    """A rule that never fires, because an earlier ``stop: true`` rule (or ``match: first``) matches
    whenever it does, or an ordinary rule always covers a fallback: its actions are never taken,
    however right its conditions look."""

    code = "shadowed-rule"
    description = (
        "A rule that never fires: whenever it matches, an earlier rule with `stop: true` "
        "(or `match: first`) matches too; or a fallback that an ordinary rule always covers."
    )

    GROUPED_FROM = 3
    """Rules hidden by one rule, for one reason, told once at it from this many on."""

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """One warning per hidden rule, or one at the rule hiding them when it hides
        ``GROUPED_FROM`` or more for the same reason: a `stop: true` rule for all of one
        store's complaints, written above that store's 30 rules, had given 30 warnings, each
        at a hidden rule, all saying the one thing to mend at the stop rule (found by
        review)."""
        first_only = plan.settings.match == "first"
        hidden_by: dict[tuple[int, bool], tuple[Rule, list[Rule]]] = {}
        for first, later in never_firing(plan):
            # (the rule that hides it whatever the order of the files, when one does: the
            # first, of its priority in a file read before, hides it only in that order)
            earlier = _hidden_all_the_same(plan).get(later.position, first)
            covered = later.fallback and not earlier.fallback  # (a reason of its own)
            hidden_by.setdefault((earlier.position, covered), (earlier, []))[1].append(later)
        for (_, covered), (earlier, hidden) in hidden_by.items():
            if len(hidden) >= self.GROUPED_FROM:
                yield self._report_many(earlier, hidden, covered, first_only)
            else:
                for later in hidden:
                    yield self._report(plan, earlier, later, first_only)

    def _report(self, plan: PlanModel, earlier: Rule, later: Rule, first_only: bool) -> Diagnostic:
        if later.fallback and not earlier.fallback:
            message = (
                f"fallback rule `{later.id}` can never fire: whenever it applies, "
                f"rule `{earlier.id}` matches, so no fallback is needed"
            )
            hint = "make the fallback apply to every event, or narrow the other rule"
        else:
            message = (
                f"rule `{later.id}` can never fire: whenever it matches, rule `{earlier.id}` "
                f"matches too and fires first{_only_by_files(plan, earlier, later)}, and "
                f"{_why_hidden(earlier, first_only)}"
            )
            hint = _ways_out(earlier, f"`{later.id}`", first_only, later) + (
                f"; if `{later.id}` is no longer needed, delete it"
            )
        return self.found(later.at, message, hint, (earlier.at,))

    def _report_many(
        self, earlier: Rule, hidden: list[Rule], covered: bool, first_only: bool
    ) -> Diagnostic:
        """The rules ``earlier`` hides, told at it: the first ``MAX_LISTED`` by id (and
        under `see:`), then how many there are in all; in the order the plan is written, as a
        manager reads it, not in firing order."""
        hidden = sorted(hidden, key=lambda r: r.position)
        ids = list_names([f"`{r.id}`" for r in hidden])
        if covered:
            message = (
                f"rule `{earlier.id}` keeps {len(hidden):,} fallback rules from ever firing: "
                f"whenever one of them applies, `{earlier.id}` matches, so no fallback is "
                f"needed; the fallback rules: {ids}"
            )
            hint = f"make the fallbacks apply to every event, or narrow rule `{earlier.id}`"
        else:
            message = (
                f"rule `{earlier.id}` keeps {len(hidden):,} rules from ever firing: whenever "
                f"one of them matches, `{earlier.id}` matches too and fires first, and "
                f"{_why_hidden(earlier, first_only)}; the rules it hides: {ids}"
            )
            hint = _ways_out(earlier, "one of them", first_only) + (
                "; delete those no longer needed"
            )
        return self.found(earlier.at, message, hint, tuple(r.at for r in hidden[:MAX_LISTED]))


def _only_by_files(plan: PlanModel, earlier: Rule, later: Rule) -> str:
    """Why ``earlier`` fires first, when only the order of their files says so (same
    priority, another file): "can never fire" held only while the files are read in that
    order, and read the other way round the hidden rule fires instead (`stop-tie` says so
    beside it; found by review). Every file with a rule hiding it so is named: with a third
    file's rule hiding it too, "only because `a.yaml` is read before `c.yaml`" was not so, as
    `c.yaml` read before `a.yaml` alone still left it hidden by the rule of `b.yaml` (found by
    review). Empty for any other pair."""
    # (imported here: `escalations` builds on this module's proofs)
    from engine.lint.escalations import files_read_before, fires_read_first

    if not _by_files(earlier, later):
        return ""
    paths = list(dict.fromkeys(r.at.path for r in _hiders_by_files(plan, later)))
    paths = paths or [earlier.at.path]
    if not fires_read_first(plan, later, paths):  # (read before those files alone)
        # Stop rules of another file read before it take what the hiders leave: read before
        # them all, it fires all the same, and "can never fire" had been said alone (found by
        # property testing).
        paths = files_read_before(plan, later)
        if not fires_read_first(plan, later, paths):
            return ""
        names = _file_names([later.at.path, *paths])
        return (
            f" (only because of the order of the files: its file, `{names[0]}`, read before "
            f"{join_words([f'`{name}`' for name in names[1:]])}, it fires)"
        )
    names = _file_names([later.at.path, *paths])
    mine, files = names[0], names[1:]
    if len(files) == 1:  # (the one file of ``earlier``)
        return (
            f" (only because its file, `{files[0]}`, is read "
            f"before `{mine}`: both have priority {later.priority})"
        )
    them = "both" if len(files) == 2 else "all of them"
    return (
        f" (only because its file, `{mine}`, is read after "
        f"{join_words([f'`{name}`' for name in files])}, each with a rule of its priority, "
        f"{later.priority}, that hides it: read before {them}, it fires)"
    )


def _file_names(paths: list[str]) -> list[str]:
    """Each file by its name, or as it was given where two of ``paths`` share a name: the
    hiders of a rule in `t1/x.yaml` and `t2/x.yaml`, both named `x.yaml`, had been counted as
    one file ("only because its file, `x.yaml`, is read before `c.yaml`", though `c.yaml` read
    before `t1/x.yaml` alone left it hidden by the rule of `t2/x.yaml`), and a rule of one
    hidden by the other's was told "`x.yaml` is read before `x.yaml`" (found by review)."""
    names = [Path(path).name for path in paths]
    count = Counter(names)
    return [
        shown_text(path if count[name] > 1 else name)
        for path, name in zip(paths, names, strict=True)
    ]


def _hiders_by_files(plan: PlanModel, later: Rule) -> list[Rule]:
    """The rules of ``later``'s priority in other files, read before it, that hide it (each
    would alone), in firing order: looked for only in a rule hidden so, among the rules of its
    priority and kind that stop, by what it requires (:class:`RuleIndex`); 1,500 rules of a
    file each hidden by one of another's had taken 18 s to compare with all 3,000. A candidate
    one of the rule's example events misses is no hider, and is not proved: rules of amounts
    (`order.total` from `k` to `k + 1`), which no text files apart, had each been proved
    against every earlier one, and 1,200 of them took 11 s to lint, against 5 s before the
    files were named (found by review)."""
    conjuncts = plan_conjuncts(plan)
    mine = conjuncts[later.position]
    examples = Examples(mine)
    indexes, rank = _stoppers_by_priority(plan)
    index = indexes.get((later.priority, later.fallback))
    return [
        earlier
        for earlier in (() if index is None else index.candidates(mine))
        if rank[earlier.position] < rank[later.position]
        and _by_files(earlier, later)
        and all(meets(conjuncts[earlier.position], event) for event in examples.events())
        and implies(mine, Both(conjuncts[earlier.position]))
    ]


@once_per_plan
def _stoppers_by_priority(
    plan: PlanModel,
) -> tuple[dict[tuple[int, bool], RuleIndex], dict[int, int]]:
    """The enabled rules that hide later ones of their kind (`stop: true`, or every rule under
    `match: first`), indexed by their priority and kind (fallback or not), in firing order;
    and each rule's place in that order, by its place in the plan."""
    first_only = plan.settings.match == "first"
    conjuncts = plan_conjuncts(plan)
    indexes: dict[tuple[int, bool], RuleIndex] = {}
    rank: dict[int, int] = {}
    for number, rule in enumerate(plan.firing_order()):
        rank[rule.position] = number
        if rule.enabled and (rule.stop or first_only):
            key = (rule.priority, rule.fallback)
            indexes.setdefault(key, RuleIndex()).add(rule, conjuncts[rule.position])
    return indexes, rank


def _why_hidden(earlier: Rule, first_only: bool) -> str:
    """Why ``earlier`` matching keeps a later rule from firing."""
    if first_only:
        return "the plan fires only the first match (`match: first`)"
    return f"`{earlier.id}` has `stop: true`"


def _ways_out(earlier: Rule, hidden: str, first_only: bool, moved: Rule | None = None) -> str:
    """The ways to let ``hidden`` (a rule, or "one of them"), hidden by ``earlier``, fire: "or
    remove it" had read as "remove which rule?". Taking ``stop: true`` off is offered only where
    ``earlier`` has it and it is what hides the rule (not under ``match: first``)."""
    unstop = f", or take `stop: true` off `{earlier.id}`" if earlier.stop and not first_only else ""
    return (
        f"to let {hidden} fire, {first_of(earlier.priority, [earlier], moved)}, or narrow the "
        f"`when:` of `{earlier.id}`{unstop}"
    )


class StopStopsNothing(WarningCheck):
    """A ``stop: true`` rule that fires after every rule of its event types, so it stops none of
    them: most often a low priority written for a rule meant to come first, where higher priorities
    fire first."""

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
                yield self._report(rule, [r for r in ordered[:index] if same_types(rule, r)])

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
            f"to have it fire first and stop the others, {first_of(highest, earlier, rule)}; "
            "or remove `stop: true`",
            (earlier[0].at,),
        )


def largest_priority() -> int:
    """The largest priority a rule may have (the plan schema's)."""
    largest: int = load_schema("plan")["$defs"]["rule"]["properties"]["priority"]["maximum"]
    return largest


def first_of(highest: int, earlier: list[Rule], moved: Rule | None = None) -> str:
    """How a rule (``moved``, when one is named) comes before ``earlier`` (rules of priorities
    up to ``highest``): a priority above theirs, within the plan's largest (also
    ``offer-never-given``'s way to let an offer replace a larger one). `priority: 1000010`
    beside rules of 1000000 was refused; at the largest itself, only a place before them in
    the plan comes first: in the file of the first of them, when ``moved`` is in another (no
    place in its own file is before a rule of another file: the hint had said "move it above
    rule `top` in the plan", found by review)."""
    largest = largest_priority()
    if highest < largest:
        return f"give it `priority: {min(highest + 10, largest)}`"
    first = min(earlier, key=lambda r: r.position)
    if moved is not None and moved.at.path != first.at.path:
        return (
            f"give it `priority: {largest}` and move it into {shown_text(first.at.path)}, "
            f"above rule `{first.id}`"
        )
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


def same_types(rule: Rule, other: Rule) -> bool:
    """Whether an event could be of one of both rules' types (a rule for any type shares
    every type)."""
    return _overlap(rule, _AnyType if not other.events else frozenset(other.events))


class _Block(NamedTuple):
    """Intervals sorted by their low bound, with a tree of the highest high bound of each
    span of them (``tops[1]`` all of them, ``tops[2 * n]`` and ``tops[2 * n + 1]`` the
    halves of ``tops[n]``'s span, the leaves from ``tops[size]``)."""

    items: list[tuple[Bounds, int]]
    lows: list[tuple[float, bool]]
    tops: list[tuple[float, bool]]
    size: int


_NO_TOP = (-math.inf, False)
"""A high bound below every interval's: what a leaf past the last interval holds."""


def _block(items: list[tuple[Bounds, int]]) -> _Block:
    """A block of ``items``, sorted by low bound, and its tree."""
    items.sort(key=lambda item: item[0][0])
    size = 1 << max(len(items) - 1, 0).bit_length()
    tops = [_NO_TOP] * (2 * size)
    for place, ((_low, high), _number) in enumerate(items):
        tops[size + place] = high
    for node in range(size - 1, 0, -1):
        tops[node] = max(tops[2 * node], tops[2 * node + 1])
    return _Block(items, [low for (low, _high), _number in items], tops, size)


class HoldingIntervals:
    """Intervals added one by one (the :func:`~engine.logic.bounds` of a rule's range tests of
    one field, with the rule's number), asked which hold a given interval: those whose low
    bound is at most its low and whose high bound is at least its high, what
    :meth:`~engine.logic.RangeRefuter.refutes` tells of one rule at a time.

    Asking each earlier rule in turn made an index of ``n`` rules of amount bands cost ``n²``
    questions (10,000 bands took 30 s to lint). Here they are kept in blocks of a power of two
    each (two blocks of one size are merged as one is added, as a binary counter carries), each
    sorted by low bound with a tree of high bounds: a question asks the few blocks, in each
    the intervals of a low bound at most its low, and goes down the tree only where a high
    bound reaches its high, so it costs ``log² n`` and a step for each interval it finds."""

    __slots__ = ("_blocks",)

    def __init__(self) -> None:
        self._blocks: list[_Block] = []

    def add(self, bounds: Bounds, number: int) -> None:
        """Keep rule ``number``'s interval: the blocks merge as a binary counter carries."""
        items = [(bounds, number)]
        while self._blocks and len(self._blocks[-1].items) <= len(items):
            items = self._blocks.pop().items + items
        self._blocks.append(_block(items))

    def holding(self, bounds: Bounds) -> Iterator[int]:
        """The numbers of the intervals that hold ``bounds``, in no particular order."""
        low, high = bounds
        for block in self._blocks:
            end = bisect.bisect_right(block.lows, low)  # the intervals of a low at most `low`
            tops, size, items = block.tops, block.size, block.items
            nodes = [(1, 0, size)]  # a node of the tree, and the span of items it covers
            while nodes:
                node, start, stop = nodes.pop()
                if start >= end or tops[node] < high:
                    continue
                if node >= size:
                    yield items[start][1]
                    continue
                middle = (start + stop) // 2
                nodes.append((2 * node + 1, middle, stop))
                nodes.append((2 * node, start, middle))


class RuleIndex:
    """Earlier rules, found by what a later rule requires, so a plan of thousands of rules is
    not compared pair by pair.

    A rule is filed under the values of its most selective equality (``store eq S12``); a later
    rule can only imply it if it pins that field to some of those values, so it looks there.
    Rules without an equality are filed by the fields they test. Of those found, a rule with
    a range test on a number (``order.total gte 100``) is left out where the later rule's
    tests are proved not to imply that test (:class:`~engine.logic.RangeRefuter`); such
    rules are also kept by the interval of their first field's range tests
    (:class:`HoldingIntervals`), so those that hold the later rule's interval are found without
    asking every one. The index only ever leaves out rules that cannot be proved to match, so
    no finding is lost that the proof would make.
    """

    def __init__(self) -> None:
        self.rules: list[tuple[Rule, frozenset[str]]] = []
        self.by_value: dict[tuple[str, tuple[str, Any]], list[int]] = {}
        self.loose: list[int] = []
        # The same, as bits (a bit per rule, by the order added), for :meth:`bits`.
        self._by_value_bits: dict[tuple[str, tuple[str, Any]], int] = {}
        self._loose_bits = 0
        self._testing: dict[str, int] = {}  # by field: the rules testing it directly
        self._ranges: dict[int, tuple[tuple[str, Bounds], ...]] = {}  # by rule
        # The same two, of the rules without range tests only, for :meth:`candidates`.
        self._plain_by_value: dict[tuple[str, tuple[str, Any]], list[int]] = {}
        self._plain_loose: list[int] = []
        # The rules of range tests, by the first field of them: their intervals, and in order.
        self._holding: dict[str, HoldingIntervals] = {}
        self._ranged: dict[str, list[int]] = {}
        self._filed: dict[int, frozenset[tuple[str, tuple[str, Any]]] | None] = {}  # None: loose

    def add(self, rule: Rule, conjuncts: tuple[Node, ...]) -> None:
        """File ``rule`` (the next in order, by its ``conjuncts``) under its most selective
        equality, or as loose, so that later rules find it by what they require."""
        number = len(self.rules)
        fields = tested_fields(conjuncts)
        self.rules.append((rule, fields))
        ranges = ranges_required(conjuncts)
        if ranges:
            self._ranges[number] = ranges
            field, bounds = ranges[0]
            self._holding.setdefault(field, HoldingIntervals()).add(bounds, number)
            self._ranged.setdefault(field, []).append(number)
        for name in fields:
            self._testing[name] = self._testing.get(name, 0) | 1 << number
        key = index_atom(conjuncts)
        if key is None:
            self.loose.append(number)
            self._loose_bits |= 1 << number
            if ranges:
                self._filed[number] = None
            else:
                self._plain_loose.append(number)
            return
        filed_under = frozenset((key.field, value_key(value)) for value in atom_values(key))
        for filed in filed_under:
            self.by_value.setdefault(filed, []).append(number)
            self._by_value_bits[filed] = self._by_value_bits.get(filed, 0) | 1 << number
            if not ranges:
                self._plain_by_value.setdefault(filed, []).append(number)
        if ranges:
            self._filed[number] = filed_under

    def candidates(self, conjuncts: tuple[Node, ...]) -> list[Rule]:
        """Earlier rules (in the order added) the conjunction might imply: where it can tell
        (:attr:`~engine.logic.RangeRefuter.usable`), the rules without range tests filed where
        it looks, and those of range tests its interval tells (:meth:`_ranged_candidates`);
        else every rule filed there."""
        mine = _fields_anywhere(conjuncts)
        refuter = RangeRefuter(conjuncts) if self._ranges else None
        usable = refuter is not None and refuter.usable
        loose, by_value = (
            (self._plain_loose, self._plain_by_value) if usable else (self.loose, self.by_value)
        )
        keys = {(name, key) for name, values in pinned(conjuncts).items() for key in values}
        numbers = set(loose)
        for filed in keys:
            numbers.update(by_value.get(filed, ()))
        if refuter is not None and usable:
            numbers.update(self._ranged_candidates(refuter, keys))
        return [self.rules[n][0] for n in sorted(numbers) if self.rules[n][1] <= mine]

    def _ranged_candidates(
        self, refuter: RangeRefuter, keys: set[tuple[str, tuple[str, Any]]]
    ) -> Iterator[int]:
        """The rules of range tests filed under ``keys`` (or loose) that ``refuter`` does not
        refute: of each first field, those whose interval holds the conjunction's (all of them
        where it lists the field's values), then asked of their other fields."""
        for field, holding in self._holding.items():
            within = refuter.within(field)
            found = self._ranged[field] if within is None else holding.holding(within)
            for number in found:
                filed = self._filed[number]
                if (filed is None or not filed.isdisjoint(keys)) and not refuter.refutes(
                    self._ranges[number]
                ):
                    yield number

    def bits(self, conjuncts: tuple[Node, ...]) -> int:
        """:meth:`candidates` as bits, by the order added, the rules of range tests it proves
        are not implied still among them: for a check that narrows them further by other sets
        before looking at any rule, and refutes such pairs itself (``offer-never-given``)."""
        mine = _fields_anywhere(conjuncts)
        found = self._loose_bits
        for name, keys in pinned(conjuncts).items():
            for key in keys:
                found |= self._by_value_bits.get((name, key), 0)
        for name, testing in self._testing.items():
            if name not in mine:
                found &= ~testing
        return found


def _same_actions(first: Rule, second: Rule) -> bool:
    def plain(actions: tuple[Action, ...]) -> list[object]:
        return [{k: v for k, v in vars(a).items() if k != "at"} for a in actions]

    return plain(first.then) == plain(second.then) and plain(first.prevent) == plain(second.prevent)


class DuplicateRule(WarningCheck):
    """Two enabled rules with the same trigger (event types and conditions, in any order): most
    often a rule copied to change and left as it was, so both fire for the same complaints, their
    actions given twice or merged where one rule was meant."""

    code = "duplicate-rule"
    description = "Two rules with the same trigger (event types and conditions, in any order)."

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each enabled rule whose trigger an earlier one has, compared in a canonical form so that
        the order of tests does not hide a copy."""
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
