"""Escalations a rule with ``stop: true`` can keep from happening (``stop-hides-escalation``),
and two rules of one priority a stop decides between by their files' names (``stop-tie``).

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

from collections.abc import Collection, Iterable, Iterator
from typing import Any, Final, NamedTuple

from engine.errors import Diagnostic, EventError
from engine.evaluate import event_identity
from engine.fields import lookup, split_path
from engine.lint.base import WarningCheck, once_per_plan, plan_conjuncts
from engine.lint.proofs import (
    first_of,
    hidden_whatever_the_files,
    largest_priority,
    never_firing,
    same_types,
)
from engine.logic import Atom, Node
from engine.model import Action, PlanModel, Rule
from engine.witness import Examples, failing, meets
from engine.wording import MAX_LISTED, join_words

MAX_PAIRS: Final = 2_000
"""How many pairs of a stop rule and a later escalating rule one lint tries to join with an
example (each takes up to a few milliseconds), and as many of rules of one priority in two
files (``stop-tie``): a plan of thousands of rules with hundreds of each is not made slow by a
warning that is about a few. Pairs past them are only not told."""

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


def _ordinary_takers(rules: Iterable[Rule], conjuncts: dict[int, tuple[Node, ...]]) -> _Takers:
    """The enabled ordinary rules of ``rules``, as takers: a fallback fires only for a
    complaint none of them matches (docs/semantics.md)."""
    ordinary = _Takers()
    for rule in rules:
        if rule.enabled and not rule.fallback:
            ordinary.add(conjuncts[rule.position])
    return ordinary


def _both_reached(both: tuple[Node, ...], blockers: list[tuple[_Takers, int]]) -> bool:
    """Whether an example complaint meets ``both`` (two rules' conjuncts) and none of
    ``blockers`` takes it first (:func:`_untaken`): what each of the two checks asks of a pair."""
    return any(_untaken(event, both, blockers) for event in Examples(both).events())


def _in_file_takers(
    ordered: list[Rule], conjuncts: dict[int, tuple[Node, ...]], first_only: bool
) -> tuple[dict[int, tuple[_Takers, int]], dict[tuple[int, bool, str], _Takers]]:
    """For each rule, by its place, the stop rules (every rule under `match: first`) of its
    priority and kind before it in its own file, as blockers (:func:`_both_reached`): they fire
    before it whatever the order of the files. Those of the second rule of a `stop-tie` pair
    count too: `big-any`, a stop rule above `gold-any` in `b.yaml`, taking every complaint
    `gold-any` and `gold-big` (`a.yaml`) both match, had left `gold-any` told as tying with
    `gold-big`, though `gold-any` fires for none of them in any order (found by review).
    And each file's stop rules, by priority, kind and path, in the order the files are read."""
    files: dict[tuple[int, bool, str], _Takers] = {}
    found: dict[int, tuple[_Takers, int]] = {}
    for rule in ordered:
        takers = files.setdefault((rule.priority, rule.fallback, rule.at.path), _Takers())
        found[rule.position] = (takers, len(takers))
        if rule.stop or first_only:
            takers.add(conjuncts[rule.position])
    return found, files


def fires_read_first(plan: PlanModel, rule: Rule, read_after: Collection[str] = ()) -> bool:
    """Whether an example complaint of ``rule`` is taken by no stop rule that fires before it
    whatever the order of the files (of a higher priority, or of its priority before it in its
    own file; for a fallback, any ordinary rule): so its file read first, it fires for that
    complaint. ``shadowed-rule`` says "only because" of the files' order only then: `gold-c`
    (`c.yaml`), hidden by `gold-any` (`a.yaml`), had been told it fires with `c.yaml` read
    first, though `big` (priority 200) and `small` (before it in `c.yaml`) take every order it
    matches between them, whatever the names (found by review).

    With ``read_after`` (paths), those files are read after the rule's and the others as they
    are: the stop rules of its priority in the others read before its file take complaints
    too. `gold-c` (`c.yaml`), hidden by `gold-any` (`a.yaml`), had been told "only because"
    `a.yaml` is read before `c.yaml`, though `big` and `small` of `b.yaml`, still read before
    `c.yaml`, take every order it matches between them (found by review)."""
    conjuncts = plan_conjuncts(plan)
    before = _always_before(plan)
    blockers = [before.above[rule.position], before.in_file[rule.position]]
    blockers.extend(
        (others, len(others))
        for path, others in _files_before(plan, rule)
        if path not in read_after
    )
    if rule.fallback:
        blockers.append((before.ordinary, len(before.ordinary)))
    return _both_reached(conjuncts[rule.position], blockers)


def files_read_before(plan: PlanModel, rule: Rule) -> list[str]:
    """The files read before ``rule``'s with stop rules of its priority and kind, in the order
    they are read: those to read after it for it to fire when its hiders' files alone are not
    enough (:func:`fires_read_first`)."""
    return [path for path, _ in _files_before(plan, rule)]


def _files_before(plan: PlanModel, rule: Rule) -> list[tuple[str, _Takers]]:
    """Each file read before ``rule``'s, in that order, with its stop rules of the rule's
    priority and kind (one of them at least): the walk :func:`fires_read_first` and
    :func:`files_read_before` share. A file of that priority with no stop rule had been named
    among those to read after the rule, though it takes nothing."""
    found: list[tuple[str, _Takers]] = []
    for path, takers in _always_before(plan).files[rule.priority, rule.fallback]:
        if path == rule.at.path:  # (its own file: the rest are read after it)
            break
        if len(takers):
            found.append((path, takers))
    return found


class _Before(NamedTuple):
    """The stop rules that fire before each rule, as blockers (:func:`_always_before`)."""

    above: dict[int, tuple[_Takers, int]]
    """Of its kind and a higher priority, by its place."""
    in_file: dict[int, tuple[_Takers, int]]
    """Of its kind and priority, before it in its own file, by its place."""
    files: dict[tuple[int, bool], list[tuple[str, _Takers]]]
    """Of each priority and kind, each file's, in the order the files are read."""
    ordinary: _Takers
    """Every ordinary rule, for a fallback."""


@once_per_plan
def _always_before(plan: PlanModel) -> _Before:
    """For each enabled rule, by its place, the stop rules of its kind of a higher priority
    and those of its priority before it in its own file (:func:`fires_read_first`), as
    blockers; each file's of each priority and kind; and the ordinary rules, for a fallback."""
    first_only = plan.settings.match == "first"
    conjuncts = plan_conjuncts(plan)
    ordered = [r for r in plan.firing_order() if r.enabled]
    stoppers = {False: _Takers(), True: _Takers()}
    count = {False: 0, True: 0}
    above: dict[int, tuple[_Takers, int]] = {}
    for at, rule in enumerate(ordered):
        if at == 0 or rule.priority != ordered[at - 1].priority:
            count = {fallback: len(takers) for fallback, takers in stoppers.items()}
        above[rule.position] = (stoppers[rule.fallback], count[rule.fallback])
        if rule.stop or first_only:
            stoppers[rule.fallback].add(conjuncts[rule.position])
    in_file, files = _in_file_takers(ordered, conjuncts, first_only)
    by_kind: dict[tuple[int, bool], list[tuple[str, _Takers]]] = {}
    for (priority, fallback, path), takers in files.items():
        by_kind.setdefault((priority, fallback), []).append((path, takers))
    return _Before(above, in_file, by_kind, _ordinary_takers(ordered, conjuncts))


def _escalation(rule: Rule) -> Action | None:
    return next((a for a in (*rule.then, *rule.prevent) if a.type == "escalate"), None)


class StopHidesEscalation(WarningCheck):
    """An escalating rule that an earlier ``stop: true`` rule, escalating to nobody, can keep
    from firing for a complaint both match (a VIP's voucher before an allergen escalation): that
    complaint reaches no one, though a rule says it must, and neither rule alone shows it."""

    code = "stop-hides-escalation"
    description = (
        "A rule that escalates can be kept from firing by an earlier rule with `stop: true` "
        "that matches the same complaint and escalates to nobody: for that complaint, no one "
        "is escalated to."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each escalating rule an earlier stop rule can hide, for some complaint both match
        (fallbacks among fallbacks, once no ordinary rule fires); not under ``match: first``, where
        ``stop`` changes nothing. At most :data:`MAX_PAIRS` pairs are weighed."""
        if plan.settings.match == "first":
            return
        ordered = [r for r in plan.firing_order() if r.enabled]
        hidden = {later.position for _, later in never_firing(plan)}  # shadowed-rule's
        conjuncts = plan_conjuncts(plan)
        # A fallback fires only for a complaint no ordinary rule matches (docs/semantics.md),
        # and `stop` applies among the fallbacks as among the others: a stop fallback before
        # an escalating one had never been looked at (found by review).
        ordinary = _ordinary_takers(ordered, conjuncts)
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
                    if _both_reached(both, blockers):
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
            f"to escalate whenever `{later.id}` matches, "
            f"{first_of(earlier.priority, [earlier], later)} (above `{earlier.id}`), add an "
            f"`escalate` to `{earlier.id}`, or narrow the `when:` of `{earlier.id}`",
            (earlier.at.inside("stop"),),
        )


def _runs_of_one_file(ordered: list[Rule]) -> list[int]:
    """For each place in ``ordered``, where the run of rules of its file and its priority
    that it starts ends: the first place after it of another file or priority."""
    runs = list(range(1, len(ordered) + 1))
    for n in range(len(ordered) - 2, -1, -1):
        rule, after = ordered[n], ordered[n + 1]
        if rule.at.path == after.at.path and rule.priority == after.priority:
            runs[n] = runs[n + 1]
    return runs


def _of_other_files(ordered: list[Rule], start: int, runs: list[int]) -> Iterator[Rule]:
    """The rules after ``ordered[start]`` of its priority read from other files than its, in
    order, each run of rules of its own file stepped over at once (``runs``, by
    :func:`_runs_of_one_file`). Looking at every rule after it had made `stop-tie` of
    10,000 rules in one file 50 million steps, 25 s of lint, to find no pair."""
    earlier = ordered[start]
    place = start + 1
    while place < len(ordered) and ordered[place].priority == earlier.priority:
        later = ordered[place]
        if later.at.path == earlier.at.path:
            place = runs[place]
            continue
        yield later
        place += 1


class StopTie(WarningCheck):
    """Two rules of one priority, in different files, that can match one complaint while one
    of them stops the other (or ``match: first`` lets one fire): which fires is decided by the
    order the files are read in, so renaming a file changes decisions, with nothing in the plan
    saying so."""

    code = "stop-tie"
    description = (
        "Two rules of the same priority, in different files, that can match the same "
        "complaint, one of them with `stop: true` (or any two, under `match: first`): which "
        "one fires is decided by the order the files are read in (a folder's by their names), "
        "so renaming or moving a file changes decisions."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Rules of equal priority fire in the plan's order, and a folder's files are read by
        name: a colleague's `vip.yaml` renamed `a-vip.yaml` made its stop rule fire instead
        of a store's rule of the same priority, and lint said the same before and after (found
        by review). Told once for each rule read after the rules it ties with, only when an
        example complaint meets both rules of a pair and no stop rule of a higher priority (or of
        theirs, before either in its own file) takes it; rules in one file fire in the order
        the file shows, and are not told."""
        first_only = plan.settings.match == "first"
        hidden = hidden_whatever_the_files(plan)
        conjuncts = plan_conjuncts(plan)
        pairs = 0
        # The stop rules met so far, the ordinary rules' and the fallbacks' apart: a pair's
        # example is tried against those that fire before the first rule of the pair in every
        # order of the files, those of a higher priority (the first `above` of `stoppers`) and
        # those of its priority before it in its own file (`own`). One of its priority in a
        # third file read first only by its name is no such rule: `gold-any` in `a.yaml`,
        # taking every gold order, had kept `gold-vip` (`b.yaml`) and `gold-big` (`c.yaml`)
        # from being told, though renaming `a.yaml` to `z.yaml` leaves the two to the files'
        # names (found by review).
        stoppers = {False: _Takers(), True: _Takers()}
        above = {False: 0, True: 0}
        ordinary = _ordinary_takers(plan.rules, conjuncts)
        ordered = [r for r in plan.firing_order() if r.enabled and r.position not in hidden]
        in_file, _ = _in_file_takers(ordered, conjuncts, first_only)
        ties: list[tuple[Rule, Rule]] = []
        runs = _runs_of_one_file(ordered)
        for start, earlier in enumerate(ordered):
            if start == 0 or earlier.priority != ordered[start - 1].priority:
                above = {fallback: len(takers) for fallback, takers in stoppers.items()}
            kind = stoppers[earlier.fallback]
            blockers = [(kind, above[earlier.fallback]), in_file[earlier.position]]
            if earlier.fallback:
                blockers.append((ordinary, len(ordinary)))
            for later in _of_other_files(ordered, start, runs):
                if (
                    later.fallback != earlier.fallback
                    or not (first_only or earlier.stop or later.stop)
                    or not same_types(earlier, later)
                ):
                    continue
                if pairs == MAX_PAIRS:
                    break
                pairs += 1
                both = conjuncts[earlier.position] + conjuncts[later.position]
                if _both_reached(both, [*blockers, in_file[later.position]]):
                    ties.append((earlier, later))
            if earlier.stop or first_only:
                kind.add(conjuncts[earlier.position])
        yield from self._grouped(ties, first_only)

    def _grouped(self, ties: list[tuple[Rule, Rule]], first_only: bool) -> Iterator[Diagnostic]:
        """Each tie told once, at the rule of most ties with the others it ties with: a
        colleague's stop rule tying with the three stores' rules is one finding at it, read
        before them or after."""
        count: dict[int, int] = {}
        rules: dict[int, Rule] = {}
        for pair in ties:
            for rule in pair:
                count[rule.position] = count.get(rule.position, 0) + 1
                rules[rule.position] = rule
        told: set[int] = set()  # the ties told, by their place in ``ties``
        for position in sorted(count, key=lambda p: (-count[p], p)):
            others = []
            for number, (a, b) in enumerate(ties):
                if number not in told and position in (a.position, b.position):
                    told.add(number)
                    others.append(b if a.position == position else a)
            if others:
                yield self._report(rules[position], others, first_only)

    def _report(self, rule: Rule, others: list[Rule], first_only: bool) -> Diagnostic:
        """One finding for ``rule``, naming every rule it ties with."""
        if first_only:
            why = "the plan fires only the first match (`match: first`)"
        else:
            stopping = [f"`{r.id}`" for r in (rule, *others) if r.stop]
            if len(stopping) == 1 + len(others):
                why = f"{'both' if len(others) == 1 else 'all of them'} have `stop: true`"
            else:
                has = "has" if len(stopping) == 1 else "have"
                why = f"{join_words(stopping)} {has} `stop: true`"
        one = len(others) == 1
        files = len({r.at.path for r in others})
        rest = "the other" if one else "the others"
        largest = largest_priority()
        if rule.priority < largest:
            first = f"{first_of(rule.priority, others)} (or give {rest} a lower one)"
        else:
            # Nothing is above the largest: the hint had said to give it the priority it has
            # and move it above a rule of another file, which no place in its file is (found
            # by review).
            first = (
                f"give {rest} a lower priority, such as `priority: {largest - 10}` (none can be "
                f"above {largest})"
            )
        return self.found(
            rule.at,
            f"rule `{rule.id}` has the same priority ({rule.priority}) as "
            f"{'rule' if one else 'rules'} {join_words([f'`{r.id}`' for r in others])} in "
            f"{'another file' if files == 1 else 'other files'}, and can match the same complaint as "
            f"{'it' if one else 'each'}; {why}: which one fires is decided by the order the "
            # (files named one by one are read in the order given: renaming one changes nothing)
            "files are read in (a folder's by their names, files named one by one in the order "
            "given), so renaming or moving a file, or naming the files in another order, "
            "changes decisions",
            f"decide which should fire first and {first}: then the priorities decide",
            tuple(r.at for r in others[:MAX_LISTED]),  # as many as the message names
        )
