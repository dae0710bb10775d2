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
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.checks import CHECKS, Check
from engine.compensation import offer_most
from engine.errors import Diagnostic, Severity, counted
from engine.eventfields import resolve
from engine.lint.base import _conjuncts, _field_tests, _once_per_plan, _values_of, _Warning
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
from engine.lint.texts import _COMMENT_AFTER as _COMMENT_AFTER  # (tests import it from here)
from engine.lint.texts import ControlCharacterInText, PastedTypography, TextCutByComment
from engine.lint.unused import UnusedCondition, UnusedExtraField
from engine.logic import (
    Atom,
    Both,
    Contradiction,
    FieldProofs,
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
from engine.model import Action, FieldTest, PlanModel, Rule
from engine.money import money_step
from engine.slips import flow, list_items, meant_number
from engine.witness import Examples
from engine.wording import clip, compensation_words, join_words, money

if TYPE_CHECKING:
    pass  # PyYAML: imported only when a file is read again


class NeverMatches(_Warning):
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
            _written_as_text_hint(found.tests)
            or _bool_word_hint(found.tests)
            or _case_hint(found.tests)
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


_LEADING_NUMBER = re.compile(r"\s*(-?[0-9]+(?:\.[0-9]+)?)")


_RANGE_TEXT = re.compile(r"\s*(-?[0-9]+(?:\.[0-9]+)?)\s*(?:-|–|\.\.|to)\s*([0-9]+(?:\.[0-9]+)?)\s*")
"""Two numbers with a dash between (``1-2``, ``1 to 3``): a range written as one text."""
_BOOLEAN_WORDS = {"true": True, "yes": True, "y": True, "on": True}
_BOOLEAN_WORDS |= {"false": False, "no": False, "n": False, "off": False}


def _written_as_text_hint(tests: tuple[Atom, ...]) -> str:
    """For a test that compares a field events carry as a number with text (``lte: 2 stars``,
    ``eq: "3"``, ``in: [1-2]``): the test written with the number (a range as ``between``);
    "" for any other contradiction."""
    if len(tests) != 1:
        return ""
    test = tests[0]
    value = _one_listed(test)
    if not isinstance(value, str):
        return ""
    if not _a_number_field(test.field):
        return ""
    span = _RANGE_TEXT.fullmatch(value) if test.op in ("eq", "in") else None
    if span is not None:
        low, high = sorted((span[1], span[2]), key=float)  # `5-4` is 4 to 5
        return (
            f"events carry `{test.field}` as a number, and `{value}` is text: for a range, "
            f"write `between: [{low}, {high}]`"
        )
    numbers = _numbers_listed(value)
    if numbers:  # `eq: 1 or 2` had been hinted `eq: 1`, which leaves 2 out (found by review)
        listed = f"{'not_in' if test.op in ('ne', 'not_in') else 'in'}: [{', '.join(numbers)}]"
        return (
            f"events carry `{test.field}` as a number, and `{clip(value)}` is text: list the "
            f"numbers, `{listed}`"
        )
    leading = _LEADING_NUMBER.match(value)  # `2 stars`
    number = meant_number(value.strip()) or (leading and leading[1])  # `1,5` is 1.5, not 1
    written = f"[{number}]" if number and test.op == "in" else number
    example = f"`{test.op}: {written}`" if number else "a number"
    return (
        f"events carry `{test.field}` as a number: write the value as one, {example} (an event "
        "that sends it as text would match it: `eval` does not refuse one unless `--strict`)"
    )


def _a_number_field(field: str) -> bool:
    """Whether events carry ``field`` as a number (or null), by the event schema."""
    info = resolve(field).info
    return info is not None and info.kinds - {"null"} == {"number"}


def _numbers_listed(text: str) -> list[str]:
    """The numbers of a text that lists several (``1 or 2``, ``1, 2``, ``1|2``), each as a
    plan writes it; [] for any other text, and for one number written with a decimal comma or
    thousands separators (``1,5``, ``1,000``), which is no list."""
    if meant_number(text.strip()) is not None or not _ALTERNATIVES.fullmatch(text):
        return []
    numbers = [meant_number(word) for word in list_items(text)]
    return [n for n in numbers if n is not None] if len(numbers) > 1 and None not in numbers else []


def _bool_word_hint(tests: tuple[Atom, ...]) -> str:
    """For a test that compares a field events carry as true/false with a word (``eq: yes``,
    which Backplan reads as text): the test written with ``true`` or ``false``."""
    if len(tests) != 1:
        return ""
    test = tests[0]
    value = _one_listed(test)
    if not isinstance(value, str):
        return ""
    info = resolve(test.field).info
    meant = _BOOLEAN_WORDS.get(value.strip().lower())
    if info is None or info.kinds - {"null"} != {"bool"} or meant is None:
        return ""
    written = str(meant).lower()
    return (
        f"events carry `{test.field}` as true/false, and `{value}` is text here: write "
        f"`{test.op}: {f'[{written}]' if test.op == 'in' else written}`"
    )


def _one_listed(test: Atom) -> Any:
    """The value of a test, or the one item of an ``in`` list (``in: [1-2]``, ``in: [yes]``)."""
    value = test.value
    if isinstance(value, (list, tuple)) and len(value) == 1 and test.op == "in":
        return value[0]
    return value


def _case_hint(tests: tuple[Atom, ...]) -> str:
    """For a test whose values are the field's own but for their capitals (``eq: High`` where
    events send ``high``): the values as events send them; "" for any other contradiction."""
    if len(tests) != 1:
        return ""
    test = tests[0]
    info = resolve(test.field).info
    values = list(test.value) if isinstance(test.value, (list, tuple)) else [test.value]
    if info is None or not info.enum or not all(isinstance(v, str) for v in values):
        return ""
    known = {str(v).lower(): v for v in info.enum}
    meant = [known.get(v.lower()) for v in values]
    if any(m is None for m in meant) or meant == values:
        return ""
    shown = meant[0] if len(meant) == 1 else f"[{', '.join(map(str, meant))}]"
    return (
        f"events send `{test.field}` in small letters, and values are compared exactly: write "
        f"`{test.op}: {shown}`"
    )


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


@_once_per_plan
def _never_firing(plan: PlanModel) -> list[tuple[Rule, Rule]]:
    """Each enabled rule proved never to fire, after the rule that hides it (``shadowed-rule``
    reports them; ``overlapping-compensation``, under ``combine: sum``, leaves them out). Worked
    out once for both: the walk takes about 2 s of a 10,000-rule plan's lint."""
    return list(_hidden_rules(plan))


def _hidden_rules(plan: PlanModel) -> Iterator[tuple[Rule, Rule]]:
    ordered = [r for r in plan.firing_order() if r.enabled]
    first_only = plan.settings.match == "first"
    conjuncts = _conjuncts(plan)
    # Rules that can hide later ones: stoppers hide rules of their own kind (ordinary or
    # fallback); any ordinary rule hides a fallback it always covers, whatever their
    # priorities (a fallback fires only when no ordinary rule matched).
    stoppers = {False: _RuleIndex(), True: _RuleIndex()}
    ordinary = _RuleIndex()
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


class ShadowedRule(_Warning):
    code = "shadowed-rule"
    description = (
        "A rule that never fires: whenever it matches, an earlier rule with `stop: true` "
        "(or `match: first`) matches too; or a fallback that an ordinary rule always covers."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        first_only = plan.settings.match == "first"
        for earlier, later in _never_firing(plan):
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


class _RuleIndex:
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


class DuplicateRule(_Warning):
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


_ISO_SHAPE = "dddd-dd-ddTdd:dd:dd"
"""How ``occurred_at`` is written, a ``d`` for each digit, up to its seconds."""
_ISO_END = re.compile(r"(?:\.[0-9]*)?(?:[Zz]|[+-](?:[0-9]{1,2}(?::[0-9]{0,2})?)?)?")
"""What may follow the seconds: a fraction, then the timezone (or the start of them)."""


def _written_year_first(text: str) -> bool:
    """Whether the text is a time written as ``occurred_at`` is, or its start (``2026``,
    ``2026-1``, ``2026-12-01T09:30:00Z``): only such text sorts among the event's times as
    the moment it is."""
    for at, char in enumerate(text):
        if at == len(_ISO_SHAPE):
            return _ISO_END.fullmatch(text, at) is not None
        wanted = _ISO_SHAPE[at]
        if wanted == "d":
            if char not in "0123456789":
                return False
        elif char != wanted and not (wanted == "T" and char == "t"):
            return False
    return True


_DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})\Z")
_MONTHS: tuple[str, ...] = ("january", "february", "march", "april", "may", "june", "july")
_MONTHS += ("august", "september", "october", "november", "december")
_NAMED_MONTH = re.compile(
    r"(?:([0-9]{1,2})(?:st|nd|rd|th)?\.? +([A-Za-z]+)\.?,? +([0-9]{4})"
    r"|([A-Za-z]+)\.? +([0-9]{1,2})(?:st|nd|rd|th)?,? +([0-9]{4}))\Z"
)
_TIME_FIELDS = ("occurred_at",)
"""The event's times (the event schema's only one): text year first, compared as text."""
_DATE_COMPARED = frozenset(
    {"eq", "ne", "in", "not_in", "lt", "lte", "gt", "gte", "between", "starts_with"}
)
"""The tests that compare a time with a whole date or its start (``contains: T09`` looks
inside one, and is not judged)."""


def _year_first(written: str) -> list[str]:
    """The dates a date written another way may be, year first (``01/12/2026``: 1 December or
    12 January); none when it reads as no date."""
    text = written.strip()
    found = _DAY_MONTH_YEAR.match(text)
    if found is not None:
        first, second, year = int(found[1]), int(found[2]), found[3]
        orders = [(first, second), (second, first)] if first != second else [(first, second)]
        return [f"{year}-{m:02d}-{d:02d}" for d, m in orders if 1 <= d <= 31 and 1 <= m <= 12]
    found = _NAMED_MONTH.match(text)
    if found is not None:
        day, name, year = (found[1], found[2], found[3]) if found[1] else found.group(5, 4, 6)
        month = next((n for n, m in enumerate(_MONTHS, 1) if m.startswith(name.lower())), 0)
        if len(name) >= 3 and month and 1 <= int(day) <= 31:
            return [f"{year}-{month:02d}-{int(day):02d}"]
    return []


_YEAR_MONTH_DAY = re.compile(r"([0-9]{4})([/.-])([0-9]{1,2})\2([0-9]{1,2})(?![0-9])")
"""A date written year first, its month and day of one digit or two, parted by `-`, `/` or
`.` (``2026-1-5``, ``2026/01/05``)."""


_HOUR_OF_ONE_DIGIT = re.compile(r"([ Tt])([0-9])(?=:)")
"""The start of a time after its date whose hour has one digit (`` 9:00`` of ``2026/1/5 9:00``)."""


def _year_first_otherwise(written: str) -> tuple[str, str] | None:
    """For a date written year first, but not as events write it (``2026-1-5``: a month and a
    day of one digit; ``2026/01/05``: slashes; ``2026-01-05 9:00``: an hour of one digit):
    what it is written with where events write otherwise, and the text mended
    (``2026-01-05``), when that is written as events write; None otherwise. An hour of one
    digit had made the text no date year first, told to be written year first (found by
    review)."""
    text = written.strip()
    found = _YEAR_MONTH_DAY.match(text)
    if found is None:
        return None
    year, mark, month, day = found.groups()
    what, rest = [], text[found.end() :]
    if mark != "-":
        what.append(f"`{mark}` where events write `-`")
    short = ["a month", "a day"] if len(month) < 2 or len(day) < 2 else []
    hour = _HOUR_OF_ONE_DIGIT.match(rest)
    if hour is not None:
        short.append("an hour")
        rest = f"{hour[1]}0{rest[hour.end(1) :]}"
    if short:
        what.append(f"{join_words(short, 'or')} of one digit where events write two")
    if rest[:1] == " ":
        what.append("a space where events write `T`")
        rest = f"T{rest[1:]}"
    mended = f"{year}-{int(month):02d}-{int(day):02d}{rest}"
    if not what or not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None  # (blanks around a date: not this finding's to mend)
    return (join_words(what), mended) if _written_year_first(mended) else None


def _day_words(date: str) -> str:
    """``2026-12-01`` -> ``1 December``."""
    return f"{int(date[8:])} {_MONTHS[int(date[5:7]) - 1].capitalize()}"


class DateNotYearFirst(_Warning):
    code = "date-not-year-first"
    description = (
        "`occurred_at` compared with a date not written year first (`01/12/2026`, "
        "`1 Dec 2026`): times are text, compared letter by letter, so the test does not "
        "follow the calendar."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        for test, where in _field_tests(plan):
            if test.field not in _TIME_FIELDS or test.op not in _DATE_COMPARED:
                continue
            odd = next(
                (v for v in _values_of(test) if isinstance(v, str) and not _written_year_first(v)),
                None,
            )
            if odd is None:
                continue
            said, hint = (
                _space_for_t(odd)
                or _year_first_written_otherwise(test, odd)
                or _not_year_first(test, odd)
            )
            yield self.found(
                test.at.inside(test.op),
                f"the `{test.op}` test of {where} compares `{test.field}` with `{clip(odd)}`{said}",
                hint,
            )


def _space_for_t(odd: str) -> tuple[str, str] | None:
    """The end of the message and the hint for a time with a space where events write `T`
    (``2026-12-01 09:00``); None for any other text."""
    mended = odd[:10] + "T" + odd[11:]
    if odd[10:11] != " " or not _written_year_first(mended):
        return None
    return (
        ": events write `T` between the date and the time (`2026-11-23T09:30:00Z`), "
        "and text is compared letter by letter, where a space comes before `T`",
        f"write `T` for the space: `{mended}`",
    )


def _year_first_written_otherwise(test: FieldTest, odd: str) -> tuple[str, str] | None:
    """The end of the message and the hint for a date written year first, but not as events
    write it (:func:`_year_first_otherwise`): ``2026-1-5`` and ``2026/01/05`` had been told to
    be written year first, which they are (found by review). None for any other text."""
    otherwise = _year_first_otherwise(odd)
    if otherwise is None:
        return None
    what, mended = otherwise
    return (
        f", which is year first, but written with {what} (`2026-11-23T09:30:00Z`), and text "
        "is compared letter by letter, so the test does not follow the calendar",
        f"write {_in_the_test(test, mended)}",
    )


def _not_year_first(test: FieldTest, odd: str) -> tuple[str, str]:
    """The end of the message and the hint for a date not written year first
    (``01/12/2026``, ``1 Dec 2026``): the dates it may be, year first."""
    dates = _year_first(odd)
    if len(dates) == 1 and not isinstance(test.value, (list, tuple)):
        mended = f": {_in_the_test(test, dates[0])}"
    elif dates:
        mended = ": " + " or ".join(f"`{d}` ({_day_words(d)})" for d in dates)
    else:
        mended = ", such as `2026-12-01` or `2026-12-01T09:30:00Z`"
    return (
        ": events write their time year first (`2026-11-23T09:30:00Z`) and it is "
        "compared as text, letter by letter, so the test does not follow the calendar",
        f"write the date year first{mended}",
    )


def _in_the_test(test: FieldTest, date: str) -> str:
    """A date as a hint writes it for the test: in the test (``gte: "2026-12-01"``), or alone
    when it is one of a list's (``2026-12-01``)."""
    if isinstance(test.value, (list, tuple)):
        return f"`{date}`"
    return f'`{test.op}: "{date}"`'


_ALTERNATIVES = re.compile(r"\s*+[\w.-]++(?:(?:\s*+(?:[,;|]|\bor\b)\s*+|\s++/\s++)[\w.-]++)++\s*+")
"""Words listed in one text (``rude, impolite``, ``rude|impolite``, ``phone or email``,
``gold / platinum``). Possessive throughout: a word and an `or` inside it (`a.or.or`) were
tried both ways, and 28 of them took 95 s (found by review)."""
_PIPED = re.compile(r"\s*+[\w.-]++(?:(?:\s*+[;|]\s*+|\s++/\s++)[\w.-]++)++\s*+")
"""Words joined as no phrase is written: by ``|``, as a regular expression writes
alternatives (``rude|impolite``), or by ``;`` or a ``/`` between blanks. (A phrase a text
test looks for may hold a comma or an ``or``.)"""
_NAMED = re.compile(r"\s*+[\w.-]++(?:(?:\s*+(?:[;|]|\bor\b)\s*+|\s++/\s++)[\w.-]++)++\s*+")
"""Words listed in one name (``Dana or Sam``): :data:`_ALTERNATIVES` without the comma, which
a name holds as written (``Doe, Jane``, a store's ``Springfield, IL``)."""
_NAME_FIELDS = frozenset({"customer.name", "store"})
"""The standard fields that hold a person's or a place's name, where a comma is part of the
value: `eq: "Doe, Jane"` had been told it matches neither `Doe` nor `Jane` (found by review)."""
_ONE_OF = {"eq": "in", "ne": "not_in", "contains": "contains_any"}
"""The test that takes a list of the alternatives a one-value test was given in one text."""


class AlternativesInOneValue(_Warning):
    code = "alternatives-in-one-value"
    description = (
        'A test given several words in one text (`eq: "rude, impolite"`, `contains: '
        "rude|impolite`): the text is compared whole, so it matches neither word."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        for test, where in _field_tests(plan):
            listed = isinstance(test.value, (list, tuple))
            pattern = _PIPED if test.op in ("contains", "contains_any", "contains_all") else None
            if test.op not in ("eq", "ne", "in", "not_in") and pattern is None:
                continue
            pattern = pattern or (_NAMED if test.field in _NAME_FIELDS else _ALTERNATIVES)
            joined = next(
                (v for v in _values_of(test) if isinstance(v, str) and pattern.fullmatch(v)),
                None,
            )
            if joined is None:
                continue
            items = _alternatives_of(joined, test.field)
            if items is None:
                continue
            words, noun = items
            if test.op == "contains_all":  # each item must be there: the words are another test
                mended = (
                    f"test them beside this one, under `all:`, with `contains_any: {flow(words)}`"
                )
            elif listed:
                spread = [w for v in _values_of(test) for w in (words if v == joined else [v])]
                mended = f"list the {noun} one by one: `{test.op}: {flow(spread)}`"
            else:
                mended = (
                    f"list the {noun} one by one: `{_ONE_OF.get(test.op, test.op)}: {flow(words)}`"
                )
            yield self.found(
                test.at.inside(test.op),
                f"the `{test.op}` test of {where} on `{test.field}` compares with "
                f"`{clip(joined)}` as one text: it matches neither "
                f"{join_words([f'`{w}`' for w in words], 'nor')} on its own",
                mended,
            )


def _alternatives_of(joined: str, field: str) -> tuple[list[Any], str] | None:
    """The items a text lists (``rude, impolite``), and what they are, "words" or "numbers":
    in a field events carry as a number, numbers, written as numbers (`rating` `eq: 1 or 2`
    had been hinted `in: ["1", "2"]`, text that never matches either; found by review). None
    for one phrase (``n / a``, ``24 / 7``) and, in such a field, for one number written with
    a decimal comma or thousands separators (``1,5``, hinted `in: ["1", "5"]`): never-matches
    tells it, `eq: 1.5`."""
    words = list_items(joined)
    if len(words) < 2:
        return None
    if not _a_number_field(field):
        return list(words), "words"
    if meant_number(joined.strip()) is not None:
        return None
    numbers = _numbers_listed(joined)
    return ([Decimal(n) for n in numbers], "numbers") if numbers else (list(words), "words")


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
