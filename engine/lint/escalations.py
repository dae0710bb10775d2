"""Escalations a rule with ``stop: true`` can keep from happening (``stop-hides-escalation``).

A restaurant owner's allergen rule escalated at once to the duty manager; a VIP rule of a
higher priority, with ``stop: true`` and a voucher, matched a VIP's allergen complaint first,
and the allergen rule never fired: no escalation, a voucher first, and lint said nothing (found
by an owner's review). ``shadowed-rule`` tells only a rule that can *never* fire; this is a
rule that fires for most events but not for those the stop rule also matches.

Told only when it is shown, never guessed: an example event is made from both rules' tests
(``engine.witness``) and must meet both, so a pair the examples cannot join (``^vip`` and
``^allerg`` on one text, say) is not told. A stop rule that escalates too is no loss of an
escalation (it may go to someone else; the plan says so itself), and under ``match: first``
every rule stops, the plan's own choice: neither is told. Fallbacks are paired among
themselves, for a complaint no ordinary rule matches.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

from engine.errors import Diagnostic, EventError
from engine.evaluate import event_identity
from engine.fields import lookup, split_path
from engine.lint.base import WarningCheck, plan_conjuncts
from engine.lint.proofs import first_of, never_firing, same_types
from engine.logic import Atom, Node
from engine.model import Action, PlanModel, Rule
from engine.witness import Examples, failing, meets

MAX_PAIRS: Final = 2_000
"""How many pairs of a stop rule and a later escalating rule one lint tries to join with an
example (each takes up to a few milliseconds): a plan of thousands of rules with hundreds of
each is not made slow by a warning that is about a few. Pairs past them are only not told."""

MAX_ROUNDS: Final = 3
"""How many times an example a rule before the stop rule meets is changed to fail that rule
(:func:`_untaken`): each tries a few values for each of the rule's tests."""


class _Takers:
    """The rules that stop or escalate, in firing order: an example that one firing before the
    stop rule meets shows nothing, as someone is escalated to after all (it escalates) or the
    stop rule does not fire (it stops). A plan escalating every complaint at a priority above a
    VIP rule's had been told that no one is escalated to (found by review).

    Each rule is filed under a text it requires (``store eq S12``), so an example is tried only
    against the rules it could meet: a plan of 2,000 rules escalating for one store each, above
    ten stop rules, took 2.2 s to try every one."""

    __slots__ = ("_by_text", "_conjuncts", "_loose")

    def __init__(self) -> None:
        self._conjuncts: list[tuple[Node, ...]] = []
        self._by_text: dict[str, dict[str, list[int]]] = {}  # field -> text -> numbers
        self._loose: list[int] = []

    def __len__(self) -> int:
        return len(self._conjuncts)

    def add(self, conjuncts: tuple[Node, ...]) -> None:
        number = len(self._conjuncts)
        self._conjuncts.append(conjuncts)
        test = next((t for t in conjuncts if _required_text(t)), None)
        if test is None:
            self._loose.append(number)
        else:
            assert isinstance(test, Atom)  # (what _required_text says)
            self._by_text.setdefault(test.field, {}).setdefault(test.value, []).append(number)

    def taker(self, event: dict[str, Any], before: int) -> tuple[Node, ...] | None:
        """The tests of one of the first ``before`` rules that meets the example, if one does."""
        numbers = [n for n in self._loose if n < before]
        for field, filed in self._by_text.items():
            value = lookup(event, split_path(field))
            if value.__class__ is str:
                numbers.extend(n for n in filed.get(value, ()) if n < before)
        return next((self._conjuncts[n] for n in numbers if meets(self._conjuncts[n], event)), None)


def _untaken(
    event: dict[str, Any], both: tuple[Node, ...], blockers: list[tuple[_Takers, int]]
) -> bool:
    """Whether the example, or one like it, meets ``both`` and none of the rules that keep the
    stop rule's complaint from losing its escalation: the first ``before`` of each
    ``_Takers`` (for a fallback, every ordinary rule too, as one matching means no fallback
    fires).

    A taker's ``not`` test holds for lint's example, which has no value in the field the test
    is of: a rule escalating every store's complaints but `S1`'s, before a VIP rule, hid the
    VIP rule's pair from the warning, though the plan escalates no VIP's allergy complaint
    from `S1` (found by review). So a test of the taker's is made to fail, in the field it is
    of, as long as the example still meets ``both``; a few times, for the next taker met."""
    for _ in range(MAX_ROUNDS):
        decided = _decided(event, both)
        if decided is None:
            return False
        event = decided
        met = next(
            (m for takers, before in blockers if (m := takers.taker(event, before)) is not None),
            None,
        )
        if met is None:
            return True
        # (a rule's conjuncts are flat: an `all` list opened, only an `any` list kept whole, of
        # which one test failing need not make the rule fail)
        tests = [test for test in met if isinstance(test, Atom)]
        changed = (e for test in tests for e in failing(event, test, both))
        found = next(changed, None)
        if found is None:
            return False
        event = found
    return False


EXAMPLE_TYPE: Final = "x-example"
"""The type given to an example without one (of rules for every type): a type rules hardly
name, as the example without a type had stood for one; a rule naming it is still tried."""


def _decided(event: dict[str, Any], both: tuple[Node, ...]) -> dict[str, Any] | None:
    """The example as a complaint `eval` decides (an id and a type given where it has none),
    if it still meets ``both``; None when `eval` would refuse it. A stop rule of `occurred_at eq
    5`, or of `type missing`, had been told to hide an escalation, though `eval` decides no
    such complaint: it answers with an error record (found by review)."""
    if "id" not in event or "type" not in event:
        event = {"id": "example", "type": EXAMPLE_TYPE, **event}
        if not meets(both, event):
            return None
    try:
        event_identity(event)
    except EventError:
        return None
    return event


def _required_text(test: Node) -> bool:
    """Whether a test holds only for one text (``eq`` and a text, case kept): by
    ``engine.operators.equal``, a value of another kind or another text fails it."""
    return (
        isinstance(test, Atom)
        and test.op == "eq"
        and not test.negated
        and not test.ignore_case
        and test.value.__class__ is str
    )


def _escalation(rule: Rule) -> Action | None:
    return next((a for a in (*rule.then, *rule.prevent) if a.type == "escalate"), None)


class StopHidesEscalation(WarningCheck):
    code = "stop-hides-escalation"
    description = (
        "A rule that escalates can be kept from firing by an earlier rule with `stop: true` "
        "that matches the same complaint and escalates to nobody: for that complaint, no one "
        "is escalated to."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        if plan.settings.match == "first":
            return
        ordered = [r for r in plan.firing_order() if r.enabled]
        hidden = {later.position for _, later in never_firing(plan)}  # shadowed-rule's
        conjuncts = plan_conjuncts(plan)
        # A fallback fires only for a complaint no ordinary rule matches (docs/semantics.md),
        # and `stop` applies among the fallbacks as among the others: a stop fallback before
        # an escalating one had never been looked at (found by review).
        ordinary = _Takers()
        for rule in ordered:
            if not rule.fallback:
                ordinary.add(conjuncts[rule.position])
        pairs = 0
        # Each stop rule that escalates to nobody, with how many of `takers` fire before it;
        # the ordinary rules' and the fallbacks' apart.
        stoppers: dict[bool, list[tuple[Rule, int]]] = {False: [], True: []}
        takers = {False: _Takers(), True: _Takers()}
        for later in ordered:
            action = _escalation(later)
            mine = takers[later.fallback]
            if action is not None and later.position not in hidden:
                for earlier, before in stoppers[later.fallback]:
                    if not same_types(later, earlier):
                        continue
                    if pairs == MAX_PAIRS:
                        return
                    pairs += 1
                    both = conjuncts[earlier.position] + conjuncts[later.position]
                    blockers = [(mine, before)]
                    if later.fallback:
                        blockers.append((ordinary, len(ordinary)))
                    if any(_untaken(e, both, blockers) for e in Examples(both).events()):
                        yield self._report(earlier, later, action)
                        break
            if later.stop and action is None:
                stoppers[later.fallback].append((later, len(mine)))
            if later.stop or action is not None:
                mine.add(conjuncts[later.position])

    def _report(self, earlier: Rule, later: Rule, action: Action) -> Diagnostic:
        return self.found(
            action.at,
            f"rule `{later.id}` escalates, but rule `{earlier.id}` fires before it with "
            f"`stop: true` and can match the same complaint: for such a complaint "
            f"`{later.id}` does not fire, and no one is escalated to",
            f"to escalate whenever `{later.id}` matches, {first_of(earlier.priority, [earlier])} "
            f"(above `{earlier.id}`), add an `escalate` to `{earlier.id}`, or narrow the "
            f"`when:` of `{earlier.id}`",
            (earlier.at.inside("stop"),),
        )
