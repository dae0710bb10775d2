"""Semantic checks: what the schema cannot see (uniqueness, references, regexes, bounds).

Each check is a small class with a stable ``code``, a ``severity`` and a one-line
``description``; adding a check means adding one class to :data:`CHECKS`. Checks with severity
``error`` make a plan invalid (``backplan validate``); ``warning`` checks are advice that
``backplan lint`` reports. This follows pySigma's validators: located issues as data.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext
from pathlib import Path
from typing import ClassVar

from engine import escapes
from engine.errors import Diagnostic, Severity, SourceLocation, shown_text
from engine.locations import given_text
from engine.model import Action, AllOf, AnyOf, Condition, FieldTest, Not, PlanModel, Rule, Use
from engine.money import MONEY, format_money
from engine.regex import MEMORY_PER_INSTRUCTION, PatternTooLargeError, RegexError, program_size
from engine.resources import starter_rule_files
from engine.suggest import Suggester
from engine.templates import TEMPLATE_PARAMS, FieldSlot, Template
from engine.usegraph import UseGraph, named_depths, named_sizes, tree_depth, tree_size
from engine.wording import MAX_LISTED, join_words, list_names, show_number

MAX_CONDITION_DEPTH = 32
"""Deepest nesting of all/any/not (named conditions included) a rule may have."""
MAX_CONDITION_TESTS = 10_000
"""The most field tests a rule's conditions hold, each named condition written out where it is
used: compiling, explaining and linting a rule walk them so. Four levels of named conditions that
each use four others make 4^L tests from a few lines: a valid 2.8 KB plan of ten such levels
(a million tests) took 30 s to load and 38 s to lint, and twelve levels ran out of memory."""


def walk(condition: Condition) -> Iterator[Condition]:
    """Every node of a condition tree, parents first (named conditions not followed)."""
    yield condition
    if isinstance(condition, (AllOf, AnyOf)):
        for item in condition.items:
            yield from walk(item)
    elif isinstance(condition, Not):
        yield from walk(condition.item)


def plan_conditions(plan: PlanModel) -> Iterator[tuple[Rule | None, Condition]]:
    """Every condition tree of the plan: each rule's, then each named one (rule is None)."""
    for rule in plan.rules:
        yield rule, rule.condition
    for condition in plan.conditions.values():
        yield None, condition


def plan_actions(plan: PlanModel) -> Iterator[tuple[Rule, Action]]:
    """Every action of every rule, remedy then prevention."""
    for rule in plan.rules:
        for action in (*rule.then, *rule.prevent):
            yield rule, action


def field_tests(plan: PlanModel) -> Iterator[tuple[FieldTest, str]]:
    """Every field test of the plan's rules and named conditions, with whose it is in words."""
    trees: list[tuple[str, Condition]] = [(f"rule `{r.id}`", r.condition) for r in plan.rules]
    trees += [(f"the named condition `{n}`", tree) for n, tree in plan.conditions.items()]
    for where, tree in trees:
        for node in walk(tree):
            if isinstance(node, FieldTest):
                yield node, where


def rule_templates(plan: PlanModel) -> Iterator[tuple[Rule, Action, str, Template, str]]:
    """Every action's templates (each parameter of ``TEMPLATE_PARAMS`` it has): the rule, the
    action, the key, the template, and what it is in words (``the `apologize` message of rule
    `late` ``)."""
    for rule, action in plan_actions(plan):
        for key in TEMPLATE_PARAMS:
            template: Template | None = getattr(action, key)
            if template is not None:
                yield rule, action, key, template, f"the `{action.type}` {key} of rule `{rule.id}`"


@dataclass(frozen=True, slots=True)
class FieldRead:
    """One place the plan reads a field of the event: ``path``, read by ``what`` (in words),
    in ``holder`` — a field test, or an action under its ``key``: ``of``, or a template, whose
    ``slot`` holds the field."""

    path: str
    what: str
    holder: FieldTest | Action
    key: str = ""
    slot: tuple[Template, FieldSlot] | None = None

    def place(self) -> SourceLocation:
        """Where the test, the ``of`` or the template's text is. Found only when asked: a value
        of a fast-read file is placed by reading the file again, which ``render`` (it only
        names the fields) does not need."""
        return self.holder.at.inside(self.key) if self.key else self.holder.at


def field_reads(plan: PlanModel) -> Iterator[FieldRead]:
    """Every field the plan reads: each field test of its rules and named conditions, each
    percentage's ``of``, each slot of each template (remedy and prevention alike), in that
    order. One walk for all who ask which fields a plan reads: ``render`` names them (it
    walked the templates of two keys by name, lint those of ``TEMPLATE_PARAMS``: a template
    parameter added to one would have been missed by the other)."""
    for test, where in field_tests(plan):
        yield FieldRead(test.field, f"a condition of {where}", test)
    for rule, action in plan_actions(plan):
        if action.of is not None:
            yield FieldRead(action.of, f"the compensation of rule `{rule.id}`", action, "of")
    for _, action, key, template, what in rule_templates(plan):
        yield from (FieldRead(s.path, what, action, key, (template, s)) for s in template.fields)


@dataclass(slots=True)
class ConditionNodes:
    """The leaves of every condition tree of a plan, in the order :func:`walk` meets them, and
    the graph of which named condition uses which (made once, for the checks that read it)."""

    tests: list[FieldTest]
    uses: list[Use]
    graph: UseGraph | None = None
    patterns: PatternBudget | None = None

    def use_graph(self, plan: PlanModel) -> UseGraph:
        """The plan's use graph: the circle, depth and size checks each made it anew."""
        if self.graph is None:
            self.graph = UseGraph.of(plan)
        return self.graph

    def pattern_budget(self) -> PatternBudget:
        """How far the plan's patterns fit in memory (made once, for the two checks that read
        it: ``patterns-too-large`` and ``bad-regex``)."""
        if self.patterns is None:
            self.patterns = PatternBudget.of(self.tests)
        return self.patterns


def condition_nodes(plan: PlanModel) -> ConditionNodes:
    """Walk every condition tree once (a 10,000-rule plan has about 100,000 nodes)."""
    nodes = ConditionNodes([], [])
    for _, tree in plan_conditions(plan):
        _collect(tree, nodes)
    return nodes


def _collect(node: Condition, into: ConditionNodes) -> None:
    if isinstance(node, FieldTest):
        into.tests.append(node)
    elif isinstance(node, (AllOf, AnyOf)):
        for item in node.items:
            _collect(item, into)
    elif isinstance(node, Not):
        _collect(node.item, into)
    else:
        into.uses.append(node)


class Check:
    """One semantic check over a whole plan."""

    code: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    description: ClassVar[str]

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Yield a diagnostic for each problem found."""
        raise NotImplementedError  # pragma: no cover - every check in CHECKS has its own

    def found(
        self,
        at: SourceLocation,
        message: str,
        hint: str = "",
        related: tuple[SourceLocation, ...] = (),
    ) -> Diagnostic:
        """A diagnostic of this check's code and severity, each related place named once: a
        proof that meets one test again (a rule's test against each alternative of an `any`
        list) had listed its place once for each (found by review)."""
        if len(related) > 1:
            related = tuple(dict.fromkeys(related))
        return Diagnostic(self.severity, self.code, message, at, hint, related)


class NodeCheck(Check):
    """A check of single field tests or ``use:`` references.

    ``run_checks`` walks the plan's conditions once and hands the nodes to every such check,
    instead of each check walking every tree again (a third of the time checks took).
    """

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """The check on its own, its nodes gathered for it: ``run_checks`` gathers them once
        for all node checks and calls :meth:`check_nodes` instead."""
        return self.check_nodes(condition_nodes(plan), plan)

    def check_nodes(self, nodes: ConditionNodes, plan: PlanModel) -> Iterator[Diagnostic]:
        """Yield a diagnostic for each problem among ``nodes`` (the plan's condition leaves)."""
        raise NotImplementedError  # pragma: no cover - every node check has its own


class DuplicateRuleId(Check):
    """Two rules of one id, most often a rule copied to start another and not renamed: a
    decision names the rules that matched by id, so which of the two had matched could not be
    told."""

    code = "duplicate-rule-id"
    description = "Two rules share an id; decisions name rules by id, so ids must be unique."

    FILE_COPIED_FROM = 3
    """How many ids of one file already used in one other file make the file told once, as
    a copy of the other, instead of once per id."""

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Every id more than one rule holds: each copy told but the one kept (:meth:`_copies`);
        a file holding many ids of one other file, once (:meth:`_file_copied`)."""
        same_id: dict[str, list[Rule]] = {}
        for rule in plan.rules:
            same_id.setdefault(rule.id, []).append(rule)
        pairs = [
            pair for rules in same_id.values() if len(rules) > 1 for pair in self._copies(rules)
        ]
        rules_in = Counter(rule.at.path for rule in plan.rules)
        found: list[Diagnostic] = []
        told: set[int] = set()
        for path, pasted in self._pasted_plans(pairs, rules_in).items():
            found.append(self._plan_pasted(path, pasted))
            told.update(map(id, pasted))
        pairs = [pair for pair in pairs if id(pair) not in told]
        by_files: dict[tuple[str, str], list[tuple[Rule, Rule, bool]]] = {}
        for copy, kept, copied in pairs:
            by_files.setdefault((copy.at.path, kept.at.path), []).append((copy, kept, copied))
        for grouped in by_files.values():
            if self._an_old_copy(grouped, rules_in):
                found.append(self._file_copied(grouped))
            else:
                found += [self._told(copy, kept, copied) for copy, kept, copied in grouped]
        yield from found  # (run_checks puts every finding in file order)

    def _pasted_plans(
        self, pairs: list[tuple[Rule, Rule, bool]], rules_in: Counter[str]
    ) -> dict[str, list[tuple[Rule, Rule, bool]]]:
        """Each file that holds the rules of several other files, most of its own, with the
        pairs of ids it shares: a plan pasted whole into one file beside its files (the
        starter's rules copied into `my-rules.yaml` to edit, in the folder that holds them),
        which had one error per id, 26 of them, and the old copy of one file told of each
        file read after it."""
        shared: dict[str, list[tuple[Rule, Rule, bool]]] = {}
        for pair in pairs:
            copy, kept, _ = pair
            if copy.at.path != kept.at.path:
                shared.setdefault(copy.at.path, []).append(pair)
                shared.setdefault(kept.at.path, []).append(pair)
        pasted: dict[str, list[tuple[Rule, Rule, bool]]] = {}
        claimed: set[int] = set()
        for path, held in sorted(shared.items(), key=lambda item: -len(item[1])):
            held = [pair for pair in held if id(pair) not in claimed]
            others = {rule.at.path for pair in held for rule in pair[:2]} - {path}
            many = len(held) >= self.FILE_COPIED_FROM and 2 * len(held) > rules_in[path]
            if len(others) > 1 and many:
                pasted[path] = held
                claimed.update(map(id, held))
        return pasted

    def _plan_pasted(self, path: str, pairs: list[tuple[Rule, Rule, bool]]) -> Diagnostic:
        """A file holding the rules of several other files (:meth:`_pasted_plans`), told once,
        at its first such rule, with how many ids each other file has in it."""
        ours = [next(r for r in pair[:2] if r.at.path == path) for pair in pairs]
        theirs = [next(r for r in pair[:2] if r.at.path != path) for pair in pairs]
        first = min(range(len(ours)), key=lambda index: ours[index].position)
        from_files = Counter(shown_text(Path(rule.at.path).name) for rule in theirs)
        files = list_names([f"`{name}` {count:,}" for name, count in sorted(from_files.items())])
        return self.found(
            ours[first].at,
            f"{len(pairs):,} rule ids of this file are already used in other files of the plan "
            f"({files}): is this file a copy of the plan?",
            "remove this file, or move it out of the plan's folder (every .yaml file in it is "
            "read); to edit the plan in one file, remove the files it was copied from; if its "
            "rules are meant, give each a new id",
            (theirs[first].at,),
        )

    def _copies(self, rules: list[Rule]) -> Iterator[tuple[Rule, Rule, bool]]:
        """Each of ``rules`` (one id, in the order the plan reads them) but the one kept, with
        the one kept and whether it is the starter's. The kept one is the starter plan's rule of
        that id in its own file, when one of them is: a manager who copies ``rude-staff`` into
        a new ``drivers.yaml`` has the copy read FIRST (a folder's files are read by name), and
        had been pointed at the starter's rule, which is right. Else it is the first read, the
        copy most often pasted below it."""
        starter_file = starter_rule_files().get(rules[0].id)
        in_place = [rule for rule in rules if Path(rule.at.path).name == starter_file]
        copied = len(in_place) == 1
        kept = in_place[0] if copied else rules[0]
        for rule in rules:
            if rule is not kept:
                yield rule, kept, copied

    def _told(self, rule: Rule, kept: Rule, copied: bool) -> Diagnostic:
        """One rule whose id ``kept`` holds, told at it."""
        if copied:
            hint = f"the rule at {_line_of(rule)} was probably copied from {_line_of(kept)}"
        else:
            hint = f"the rule at {_line_of(rule)} or the one at {_line_of(kept)}"
        return self.found(
            rule.at,
            f"the rule id `{rule.id}` is already used",
            f"rename one of them: {hint}",
            (kept.at,),
        )

    def _an_old_copy(self, pairs: list[tuple[Rule, Rule, bool]], rules_in: Counter[str]) -> bool:
        """Whether the file ``pairs`` would tell (:func:`_copy_first`) is most likely an old
        copy of the other: it holds three ids of it or more, and they are most of its rules. A
        manager's ``drivers.yaml`` of five rules of their own and three copied from the
        starter's ``orders-and-products.yaml``, not yet renamed, was told to be removed, which
        would have dropped the five (found by review): each id is told there, as before."""
        copy, kept, _ = pairs[0]
        if copy.at.path == kept.at.path or len(pairs) < self.FILE_COPIED_FROM:
            return False
        told = _copy_first(pairs)[0][0].at.path
        return 2 * len(pairs) > rules_in[told]

    def _file_copied(self, pairs: list[tuple[Rule, Rule, bool]]) -> Diagnostic:
        """A file holding many rule ids of one other file, told once, at its first: an old
        copy of a file left in the plan's folder (``plan (copy).yaml``, a rule changed since)
        gave one error per rule, 27 of them, each hinting to rename one of the two, which would
        have kept both files' rules in the plan (found by trial). The file told is the one whose
        name marks a copy (``north - Copy.yaml``, read before ``north.yaml``), else the later."""
        copies, originals = _copy_first(pairs)
        first = min(range(len(copies)), key=lambda index: copies[index].position)
        ids = list_names([f"`{rule.id}`" for rule in sorted(copies, key=lambda r: r.position)])
        original = shown_text(Path(originals[first].at.path).name)
        return self.found(
            copies[first].at,
            f"{len(copies):,} rule ids of this file are already used in `{original}` ({ids}): "
            "is this file an old copy of it?",
            "remove this file, or move it out of the plan's folder (every .yaml file in it is "
            "read); if its rules are meant, give each a new id",
            (originals[first].at,),
        )


def _copy_first(pairs: list[tuple[Rule, Rule, bool]]) -> tuple[list[Rule], list[Rule]]:
    """The rules of ``pairs`` in the file to tell as a copy, then their namesakes in the other:
    the file whose name marks a copy (``north - Copy.yaml``, read before ``north.yaml``), else
    the one read later."""
    from engine.planfile import looks_like_a_copy  # (planfile builds plans checked here)

    copies, originals = [copy for copy, _, _ in pairs], [kept for _, kept, _ in pairs]
    if looks_like_a_copy(originals[0].at.path) and not looks_like_a_copy(copies[0].at.path):
        return originals, copies
    return copies, originals


def _line_of(rule: Rule) -> str:
    """Where ``rule`` starts, as its file and line (``rules/drivers.yaml:3``): a hint naming two
    places reads more plainly without their columns."""
    return f"{shown_text(rule.at.path)}:{rule.at.line}"


class UnknownCondition(NodeCheck):
    """A ``use:`` of a name no ``conditions:`` entry defines: a slip of a letter, or a named
    condition renamed or its file deleted. The rule could never be decided, so the plan is
    refused, with the name most likely meant."""

    code = "unknown-condition"
    description = "`use:` names a condition that `conditions:` does not define."

    MAX_COMPARED = 64
    """A misspelt name is compared with every named condition when there are this few; with
    more, only with those a slip or two of a letter away (see ``engine.suggest.Suggester``)."""

    def check_nodes(self, nodes: ConditionNodes, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each unknown name once, at its first use: one mistake, however many rules use it."""
        unknown = [node for node in nodes.uses if node.name not in plan.conditions]
        if not unknown:
            return
        from engine.wording import list_names  # only for a message

        meant = Suggester(plan.conditions, compare_at_most=self.MAX_COMPARED)
        meant.answer_all(node.name for node in unknown)  # those two slips away in one pass
        # the same for every misspelt name: a long list ends with how many there are in all
        known = f"defined conditions: {list_names(meant.options) or 'none'}"
        # One report per name, at its first use, with the first use in each other file under
        # `see:`: a named condition renamed, or its file deleted, had given one error per rule
        # that used it, 270 for a file of four store conditions (found by review).
        same_name: dict[str, list[SourceLocation]] = {}
        for node in unknown:
            # at the name: the mapping that holds `use:` may start a line above it (`event:`)
            same_name.setdefault(node.name, []).append(node.at.inside("use"))
        for name, places in same_name.items():
            places.sort(key=lambda at: (at.path, at.line, at.column))
            message = f"there is no condition named `{name}`{meant.suffix(name)}"
            by_file = {at.path: at for at in reversed(places)}  # each file's first use
            others = tuple(at for path, at in sorted(by_file.items()) if at is not places[0])
            if len(places) > 1:
                # (the files counted when not all are under `see:`: a condition file deleted
                # from 250 stores' plan had 249 `see:` lines; found by review)
                files = f" in {len(by_file):,} files" if len(others) > MAX_LISTED else ""
                message += f"; it is used {len(places):,} times{files}, here first"
            yield self.found(places[0], message, known, others[:MAX_LISTED])


class ConditionCycle(NodeCheck):
    """Named conditions that use each other round a circle (``a`` uses ``b``, which uses
    ``a``): deciding any of them needs itself first, so none ever could be."""

    code = "condition-cycle"
    description = "Named conditions that use each other in a circle can never be decided."

    def check_nodes(self, nodes: ConditionNodes, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each circle of the plan's use graph, told at the named condition it is found from."""
        for path in nodes.use_graph(plan).circles():
            circle = " → ".join((*path, path[0]))
            yield self.found(
                plan.conditions[path[0]].at,
                f"named conditions use each other in a circle: {circle}",
                "break the circle: one of them must not `use` the other",
            )


class _RuleMeasure(NodeCheck):
    """A bound on a measure of each rule's conditions with the named conditions they use
    written out: the named ones are measured once each, on the plan's use graph."""

    limit: ClassVar[int]
    named: ClassVar[Callable[[PlanModel, UseGraph], dict[str, int]]]
    measure: ClassVar[Callable[[Condition, Mapping[str, int]], int]]
    hint: ClassVar[str]

    def check_nodes(self, nodes: ConditionNodes, plan: PlanModel) -> Iterator[Diagnostic]:
        named = type(self).named(plan, nodes.use_graph(plan))
        measured = []
        for rule in plan.rules:
            value = type(self).measure(rule.condition, named)
            measured.append(value)
            if value > self.limit:
                yield self.found(rule.condition.at, self.too_much(rule.id, value), self.hint)
        yield from self.across_rules(plan, named, measured)

    def too_much(self, rule_id: str, value: int) -> str:
        """The message for a rule over the limit."""
        raise NotImplementedError  # pragma: no cover - every measure has its own

    def across_rules(
        self, plan: PlanModel, named: Mapping[str, int], measured: list[int]
    ) -> Iterator[Diagnostic]:
        """A bound on all the rules together, given each rule's measure (none by default)."""
        return iter(())


class ConditionDepth(_RuleMeasure):
    """A rule whose conditions, with the named ones they use, nest past
    :data:`MAX_CONDITION_DEPTH`: the plan language's published bound (docs/rule-language.md),
    which keeps a rule readable and every walk of it (deciding, explaining, linting) shallow."""

    code = "condition-too-deep"
    description = f"Conditions nest at most {MAX_CONDITION_DEPTH} levels (named ones included)."
    limit = MAX_CONDITION_DEPTH
    named = named_depths
    measure = tree_depth
    hint = "flatten them: `all` inside `all` can be one list"

    def too_much(self, rule_id: str, value: int) -> str:
        """The rule's depth, and the bound."""
        return (
            f"the conditions of rule `{rule_id}` nest {value} levels deep "
            f"(at most {MAX_CONDITION_DEPTH})"
        )


class ConditionSize(_RuleMeasure):
    """A rule whose conditions grow past :data:`MAX_CONDITION_TESTS` tests once its named
    conditions are written out, and a plan whose named conditions add more than
    :data:`MAX_ADDED_TESTS` to all its rules: named conditions that use several others
    multiply, and a plan of a few lines could take tens of seconds to load, or all the memory
    there is."""

    code = "condition-too-large"
    description = (
        f"A rule's conditions hold at most {MAX_CONDITION_TESTS:,} tests, with the named ones "
        "written out where they are used."
    )
    limit = MAX_CONDITION_TESTS
    named = named_sizes
    measure = tree_size
    hint = "use fewer named conditions inside each other, or split the rule"

    def too_much(self, rule_id: str, value: int) -> str:
        """The rule's tests, the bound, and why so many: the named conditions multiply."""
        return (
            f"the conditions of rule `{rule_id}` hold {value:,} tests once the named "
            f"conditions they use are written out (at most {MAX_CONDITION_TESTS:,}): "
            "named conditions that each use several others multiply"
        )

    def across_rules(
        self, plan: PlanModel, named: Mapping[str, int], measured: list[int]
    ) -> Iterator[Diagnostic]:
        """The plan over :data:`MAX_ADDED_TESTS`, told once, at the rule that takes it over:
        with each rule under its own bound, a named condition many rules use still adds up."""
        added = 0
        for rule, size in zip(plan.rules, measured, strict=True):
            added += _added_by_uses(rule.condition, size)
            if added > MAX_ADDED_TESTS:  # told once, at the rule that passes the limit
                yield self.found(
                    rule.condition.at,
                    _too_many_added(plan, named, measured),
                    "a named condition is written out in each rule that uses it: make the "
                    "large ones smaller (fewer named conditions inside each other), or have "
                    "fewer rules use them",
                )
                return


MAX_ADDED_TESTS = 100_000
"""The most field tests that writing out the named conditions adds to all the rules of a plan
together (what a rule uses, less the one line of each ``use:``). Each rule is held to
:data:`MAX_CONDITION_TESTS`, and that let a 7 KB plan of 100 rules use one named condition of
8,192 tests: 819,200 tests, which took 37 s to load, 40 s to lint and 285 MB to render (found by
review); 196,608 of them still took 6.4 s to decide one event. Loading costs about 35 µs a
test. Tests written in the rules themselves are not counted: a plan of 32,000 rules written out
(107,000 tests, 16 MB) is as large as its files, which are bounded on their own."""


def _added_by_uses(condition: Condition, size: int) -> int:
    """The tests a rule's conditions hold once written out (``size``), beyond those written in
    the rule (each ``use:`` stands for its named condition's tests instead of one), at most the
    rule's own bound."""
    return max(min(size, MAX_CONDITION_TESTS) - tree_size(condition, {}), 0)


def _too_many_added(plan: PlanModel, named: Mapping[str, int], measured: list[int]) -> str:
    """What is wrong with a plan over :data:`MAX_ADDED_TESTS`, naming the named condition that
    adds the most: the tests it holds beyond the one line of its ``use:``, times the rules that
    use it. Weighed by its size alone, a condition of one test (or one not defined) used by
    102 rules had been named over 1,001 conditions of 101 tests, each used once: it adds none."""
    uses: dict[str, int] = {}
    for rule in plan.rules:
        for name in {node.name for node in walk(rule.condition) if isinstance(node, Use)}:
            uses[name] = uses.get(name, 0) + 1
    added = sum(map(_added_by_uses, [rule.condition for rule in plan.rules], measured))
    message = (
        f"writing out the named conditions the rules use adds {added:,} tests to the plan "
        f"(at most {MAX_ADDED_TESTS:,})"
    )
    heaviest = max(uses, key=lambda name: ((named.get(name, 1) - 1) * uses[name], name))
    rules = "rule uses" if uses[heaviest] == 1 else "rules use"
    return (
        f"{message}: the named condition `{heaviest}` holds {named.get(heaviest, 1):,} tests "
        f"and {uses[heaviest]:,} {rules} it"
    )


class InvalidRegex(NodeCheck):
    """A ``matches`` pattern RE2 refuses, most often one written for another engine (a
    backreference, a lookaround) or a counted repetition too long to search quickly: the plan
    could not be compiled, so it is refused with where and why."""

    code = "bad-regex"
    description = "A `matches` pattern RE2 cannot compile (RE2 has no backreferences/lookaround)."

    def check_nodes(self, nodes: ConditionNodes, plan: PlanModel) -> Iterator[Diagnostic]:
        """Every use of a refused pattern, as :class:`PatternBudget` compiled it: a pattern past
        the memory limit waits, told by ``patterns-too-large``."""
        budget = nodes.pattern_budget()  # the patterns over the memory limit wait
        for node in nodes.tests:
            if node.op != "matches" or (key := _pattern_key(node)) not in budget.compiled:
                continue
            exc = budget.refused.get(key)
            if isinstance(exc, PatternTooLargeError):
                yield self.found(
                    node.at.inside("matches"),
                    f"the pattern `{node.value}` is too large to search quickly: {exc}",
                    "shorten its counted repetitions (`.{0,100}`, not `.{0,900}`), or split it "
                    "into several tests",
                )
            elif exc is not None:
                yield self.found(
                    node.at.inside("matches"),
                    f"the pattern `{node.value}` is not a valid regular expression: {exc}",
                    exc.hint or "patterns use RE2 syntax; see docs/rule-language.md",
                )


class ControlCharacterInPattern(NodeCheck):
    """A pattern holding a control character, almost always an escape YAML read in double
    quotes (``"\\b"`` is a backspace, not a word boundary): the pattern compiles but never
    matches, and nothing else would say why the rule never fires."""

    code = "control-character-in-pattern"
    description = (
        "A `matches` pattern holds a control character, such as the backspace YAML makes of "
        '`"\\b"` in double quotes: no text a rule reads holds one, so the pattern never matches.'
    )

    def check_nodes(self, nodes: ConditionNodes, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each ``matches`` test whose text holds a control character (a tab or a line break
        aside, which texts hold)."""
        for node in nodes.tests:
            if node.op != "matches" or not isinstance(node.value, str):
                continue
            char = escapes.control_character(node.value)
            if char is not None:
                yield self._found(node, char)

    def _found(self, node: FieldTest, char: str) -> Diagnostic:
        """The problem of a pattern holding ``char``, with the pattern as its writer meant it:
        each control character spelled again as the escape that made it."""
        from engine.slips import quoted  # only for a message

        meant = escapes.text_as_written(node.value)
        single = escapes.single_quoted(meant)
        return self.found(
            node.at.inside("matches"),
            f"the pattern holds {escapes.described(char)}: texts do not hold such a control "
            "character, so the pattern never matches as meant",
            f"{escapes.BACKSLASH_ADVICE}: `matches: {single}` or `matches: {quoted(meant)}`",
        )


MAX_PLAN_PATTERN_MEMORY = 1 << 30
"""The most memory RE2 may use for all of a plan's patterns together (1 GiB), each pattern
counted once however many rules use it, by its instructions (``MEMORY_PER_INSTRUCTION``): the
fixed part of each pattern's allowance is only room it may take, and thousands of small
patterns took a few MiB in all."""


PatternKey = tuple[str, bool]
"""A pattern as RE2 compiles it: its text, and whether it ignores case."""


def _pattern_key(node: FieldTest) -> PatternKey:
    return (str(node.value), node.ignore_case)


@dataclass(frozen=True, slots=True)
class PatternBudget:
    """The plan's distinct patterns compiled in order, each counted once by its memory, up to
    the one that takes them over :data:`MAX_PLAN_PATTERN_MEMORY` (if one does).

    Compiling stops there: the plan is refused at that pattern anyway, and the patterns after
    it are compiled once it is under the limit. Compiling each of them to tell whether it is
    valid (``bad-regex``) took 48 of the 54 s that ``validate`` spent on a plan of 40,000
    patterns `[^a]{300}Q<n>`, refused at the 146th.
    """

    compiled: frozenset[PatternKey]
    """The patterns compiled: every one of the plan's, unless it goes over."""
    refused: Mapping[PatternKey, RegexError]
    """Those of them RE2 refuses, and why (``bad-regex`` reads it: asking RE2 again compiled
    them again once a plan had more than ``program_size`` remembers, 16,384)."""
    over: FieldTest | None = None
    """The test whose pattern takes the total over the limit (its first use)."""
    total: int = 0
    """The memory of the patterns up to and with it."""
    left: int = 0
    """How many distinct patterns after it were not compiled."""

    @classmethod
    def of(cls, tests: list[FieldTest]) -> PatternBudget:
        """Compile the patterns of these tests in order, until they go over."""
        total = 0
        compiled: set[PatternKey] = set()
        refused: dict[PatternKey, RegexError] = {}
        matches = [node for node in tests if node.op == "matches"]
        for at, node in enumerate(matches):
            key = _pattern_key(node)
            if key in compiled:
                continue
            compiled.add(key)
            try:
                total += MEMORY_PER_INSTRUCTION * program_size(key[0], ignore_case=key[1])
            except RegexError as exc:  # a pattern RE2 refuses counts nothing
                refused[key] = exc
            if total > MAX_PLAN_PATTERN_MEMORY:
                left = {_pattern_key(later) for later in matches[at + 1 :]} - compiled
                return cls(frozenset(compiled), refused, node, total, len(left))
        return cls(frozenset(compiled), refused)


class PatternMemory(NodeCheck):
    """A plan whose patterns together may need more than :data:`MAX_PLAN_PATTERN_MEMORY` to
    search: thousands of patterns, or long counted repetitions, that would take the memory of
    the machine deciding events."""

    code = "patterns-too-large"
    description = "The plan's `matches` patterns together may need more than 1 GiB to search."

    def check_nodes(self, nodes: ConditionNodes, plan: PlanModel) -> Iterator[Diagnostic]:
        """The pattern that takes the plan over, once, with how many after it wait."""
        budget = nodes.pattern_budget()
        if budget.over is not None:  # once, where it goes over
            later = ""
            if budget.left == 1:
                later = "; the other pattern after it is checked once the plan is under the limit"
            elif budget.left:
                later = (
                    f"; the {budget.left:,} other patterns after it are checked once the plan "
                    "is under the limit"
                )
            yield self.found(
                budget.over.at,
                f"with this pattern, the plan's {len(budget.compiled):,} patterns are too many "
                f"or too long to search: they may need {-(-budget.total >> 20):,} MiB, more "
                f"than the {MAX_PLAN_PATTERN_MEMORY >> 20:,} MiB allowed{later}",
                "join patterns that look for words into one (`\\b(late|cold)\\b`), use "
                "`contains_any` for plain words, and shorten counted repetitions such as `.{300}`",
            )


class BetweenBounds(NodeCheck):
    """A ``between`` that can never hold, its bounds in the wrong order, or that mixes a
    number and text: the rule would quietly never match. Bounds written as text with a currency
    or a unit (``[$5, $10]``) are told as the numbers meant."""

    code = "bad-between"
    description = "`between: [low, high]` needs low <= high, both numbers or both text."

    def check_nodes(self, nodes: ConditionNodes, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each ``between`` test whose bounds are of two kinds or out of order."""
        for node in nodes.tests:
            if node.op != "between":
                continue
            low, high = node.value
            if isinstance(low, str) != isinstance(high, str):
                yield self.found(
                    _at_value(node, "between"),
                    "`between` mixes a number and text",
                    _bounds_as_numbers(node.field, low, high)
                    or "use two numbers, such as `between: [1, 3]`",
                )
            elif low > high and (clocks := _clock_bounds(node.field, low, high)) is not None:
                yield self.found(_at_value(node, "between"), *clocks)
            elif low > high:
                numbers = _bounds_as_numbers(node.field, low, high)
                low, high = _bound_shown(low), _bound_shown(high)
                why = (  # `[$5, $10]`: as numbers they are in order, as text they are not
                    f"its bounds are text, compared letter by letter, and `{low}` comes after "
                    f"`{high}`"
                    if numbers
                    else "the first bound is larger"
                )
                yield self.found(
                    _at_value(node, "between"),
                    f"`between: [{low}, {high}]` can never hold: {why}",
                    numbers or f"swap them: `between: [{high}, {low}]`",
                )


def _clock_bounds(field: str, low: object, high: object) -> tuple[str, str] | None:
    """The message and hint for ``between`` bounds out of order that are times of day written
    so that their text order is not the clock's (``[9am, 5:30pm]``: ``9am`` comes after
    ``5:30pm`` letter by letter): written on the 24-hour clock (``engine.slips.clock``), in the
    clock's order, or, from evening to morning, as the two tests a time across midnight takes.
    Such bounds had been told to be swapped, ``between: [5:30pm, 9am]``, which holds for the
    texts between those two and for no hour meant. None when neither bound is such a time."""
    from engine.slips.clock import (
        clock_between_hint,
        in_the_clocks_order,
        on_the_24_hour_clock,
        text_order_example,
    )

    if not isinstance(low, str) or not isinstance(high, str):
        return None
    clocks = [on_the_24_hour_clock(low), on_the_24_hour_clock(high)]
    if clocks == [None, None]:
        return None
    first, last = (clock or text for clock, text in zip(clocks, (low, high), strict=True))
    bounds = (
        "its bounds are times of day"
        if in_the_clocks_order(first) and in_the_clocks_order(last)
        else f"its bound `{low if clocks[0] else high}` is a time of day"
    )
    said = (
        f"`between: [{low}, {high}]` can never hold: {bounds} compared as "
        f"text, letter by letter ({text_order_example(low if clocks[0] else high)}), and "
        f"`{low}` comes after `{high}`"
    )
    return said, clock_between_hint(field, first, last)


def _bound_shown(bound: object) -> object:
    """A bound of ``between`` as its message writes it: a number as people write it
    (:func:`engine.wording.show_number`), text as it is. ``[1e21, 0.0000001]`` had been
    told with Python's ``1e+21`` and ``1e-07`` (found by review)."""
    return show_number(bound) if isinstance(bound, (int, float)) else bound


def _at_value(node: FieldTest, key: str) -> SourceLocation:
    """Where a test's ``key`` (``between``, ``ignore_case``) has its value: its own line, not
    the ``- field:`` line above it when the test is written over lines. Asked only for a test
    told: finding the place reads the file's positions, which a plan read by the fast reader
    has not (asked of every test, it had imported PyYAML and parsed the plan again for every
    valid plan, where start-up counts)."""
    return node.at.inside(key)


def _bounds_as_numbers(field: str, low: object, high: object) -> str:
    """For bounds of which text is a number written with a currency, a percent sign, a
    decimal comma or a unit of time (``[$5, $10]``, ``[$10, 50]``, ``[3, 2 weeks]``): the hint
    to write the numbers, in order, each text read as ``backplan lint`` reads it
    (:func:`engine.slips.meant.number_meant`), a duration in the unit of time the field counts
    in. ``[$5, $10]`` had been told to swap them, as text: `$5` comes after `$10` letter by
    letter, and swapped they still compare text; and ``[3, 2 weeks]`` of `order.delay_days` had
    been hinted `[2, 3]`, its 2 weeks read as 2, a test that validates and holds for other
    delays than the ones meant (found by mutation testing). "" when a bound reads as no
    number, or none is text."""
    # (imported here: only a wrong `between` needs the slips, not every plan checked)
    from engine.slips.meant import field_unit, number_meant
    from engine.slips.numbers import without_currency

    if not any(isinstance(b, str) for b in (low, high)):
        return ""  # (two numbers in the wrong order are told to be swapped)
    meant = [number_meant(field, b) if isinstance(b, str) else None for b in (low, high)]
    bounds = [m.number if m else str(b) for m, b in zip(meant, (low, high), strict=True)]
    if any(m is None and isinstance(b, str) for m, b in zip(meant, (low, high), strict=True)):
        return ""
    written = f"`between: [{', '.join(sorted(bounds, key=Decimal))}]`"
    if any(m is not None and m.kind == "amount" for m in meant):
        return without_currency(written, several=True)
    said = [f"{m.said} is {m.number}" for m in meant if m is not None and m.said]
    unit = field_unit(field)
    if said and unit is not None:  # a duration in another unit than the field's
        counted = f"events count `{field}` in {unit[0]}: {join_words(said)}"
        return f"use two numbers: {written} ({counted})"
    return f"use two numbers: {written}"


class CompensationBounds(Check):
    """A compensation whose ``min`` is above its ``max``, most often the two swapped: no
    amount could lie between them."""

    code = "min-above-max"
    description = "A compensation's `min` is larger than its `max`."

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each action with both bounds, ``min`` above ``max``."""
        for rule, action in plan_actions(plan):
            if action.min is not None and action.max is not None and action.min > action.max:
                low, high = action.at.inside("min"), action.at.inside("max")
                yield self.found(
                    low,
                    f"in rule `{rule.id}`, the compensation's min ({format_money(action.min)}) is "
                    f"larger than its max ({format_money(action.max)})",
                    "swap them, or lower `min`",
                    (high,) if high != low else (),  # (one place when only the action's is known)
                )


class CompensationOfNothing(Check):
    """A compensation that always rounds to 0 in the plan's currency (``amount: 0.001`` in
    USD, ``amount: 0.4`` in JPY, ``max: 0``): an offer of 0 is not made, so the customer the
    rule means to compensate would get nothing, and nothing would say so."""

    code = "offer-of-nothing"
    description = (
        "A compensation that always comes to 0 in the plan's currency: an `amount` (within its "
        "own `min` and `max`) or a `max` that rounds to 0."
    )

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each ``amount`` or ``max`` that rounds to 0; an ``amount`` raised to its ``min`` is
        not one."""
        from engine.compensation import fixed_offer
        from engine.money import money_step, round_money

        currency = plan.settings.currency
        step = money_step(currency)
        unit = format_money(step)
        for rule, action in plan_actions(plan):
            for key in ("amount", "max"):
                value = getattr(action, key, None)
                if value is None:
                    continue
                offered = round_money(value, currency)
                if offered:  # an amount above 0 offers nothing only under a `max` of 0: its own
                    continue
                fixed = fixed_offer(action, step) if key == "amount" else None
                if fixed and fixed[0]:  # raised to its `min`
                    continue
                yield self.found(
                    action.at.inside(key),
                    f"in rule `{rule.id}`, the compensation's {key} ({format_money(value)}) is "
                    f"{format_money(abs(offered))} {currency}: it would offer nothing (an offer "
                    "that comes to 0 is not made)",
                    f"{'offer' if key == 'amount' else 'let it offer'} at least {unit} "
                    f"{currency} (its smallest unit), or remove the `compensate` action",
                )


_TEXT_OPERATORS = frozenset(
    (
        "eq",
        "ne",
        "in",
        "not_in",
        "contains",
        "contains_any",
        "contains_all",
        "starts_with",
        "ends_with",
        "matches",
    )
)


class IgnoreCaseWithoutText(NodeCheck):
    """``ignore_case`` on a test it does not change (an order test, ``exists``, a value that is
    no text): it misleads a reader into thinking case is ignored there. The schema allows the
    key on every test, so an editor does not flag it."""

    code = "ignore-case-not-text"
    description = "`ignore_case` on a test it does not change (lt, between, exists, eq: 2...)."

    def check_nodes(self, nodes: ConditionNodes, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each test with ``ignore_case`` whose operator or values take no case."""
        for node in nodes.tests:
            if not node.ignore_case:
                continue
            if node.op not in _TEXT_OPERATORS:
                why = (
                    "it only asks whether the field has a value"
                    if node.op in ("exists", "missing")
                    else "order tests compare text exactly, upper and lower case included"
                )
                yield self.found(
                    _at_value(node, "ignore_case"),
                    f"`ignore_case` does nothing on `{node.op}`: {why}",
                    "remove `ignore_case`, or use a text test such as `eq`, `in` or `contains`",
                )
            elif not _holds_text(node.value):  # `{field: rating, eq: 2, ignore_case: true}`
                what = (
                    "none of its values is" if isinstance(node.value, tuple) else "its value is not"
                )
                yield self.found(
                    _at_value(node, "ignore_case"),
                    f"`ignore_case` does nothing on this `{node.op}`: {what} text, and only text "
                    "has upper and lower case",
                    "remove `ignore_case`",
                )


def _holds_text(value: object) -> bool:
    """Whether a test's value (or one of its values, for ``in``...) is text."""
    if isinstance(value, tuple):
        return any(isinstance(item, str) for item in value)
    return isinstance(value, str)


class NotEqualNull(NodeCheck):
    """``ne: null`` (or ``not_in`` of null alone), written to mean "has a value": values compare
    only with values of their kind, so it never holds, and the rule never matches."""

    code = "ne-null"
    description = (
        "`ne: null` (or `not_in` of only null) can never hold: values compare only with values "
        "of their kind."
    )

    def check_nodes(self, nodes: ConditionNodes, plan: PlanModel) -> Iterator[Diagnostic]:
        """Each ``ne: null`` and each ``not_in`` of nothing but null."""
        for node in nodes.tests:
            if node.op == "ne" and node.value is None:
                written = "ne: null"
            elif node.op == "not_in" and all(item is None for item in node.value):
                written = "not_in: [null]"  # found by review: only `ne: null` was refused
            else:
                continue
            yield self.found(
                node.at.inside(node.op),
                f"`{written}` never holds for `{node.field}`",
                f"to require a value, write `{{field: {node.field}, exists: true}}`",
            )


class NoRules(Check):
    """A plan with no rules at all (settings alone, a rules file left empty): every event
    would be decided with no action, which no plan is written for."""

    code = "no-rules"
    description = "A plan with no rules decides nothing."

    def check(self, plan: PlanModel) -> Iterator[Diagnostic]:
        """Whether the plan has a rule."""
        if not plan.rules:
            yield self.found(
                plan.settings.at,
                "the plan has no rules",
                "add `rules:` with at least a fallback rule (see docs/rule-language.md)",
            )


CHECKS: list[type[Check]] = [
    DuplicateRuleId,
    UnknownCondition,
    ConditionCycle,
    ConditionDepth,
    ConditionSize,
    InvalidRegex,
    PatternMemory,
    ControlCharacterInPattern,
    BetweenBounds,
    CompensationBounds,
    CompensationOfNothing,
    IgnoreCaseWithoutText,
    NotEqualNull,
    NoRules,
]
"""The registry: every check ``validate`` and ``lint`` run, in report order."""


def run_checks(plan: PlanModel, *, severities: frozenset[Severity]) -> list[Diagnostic]:
    """Run every registered check of the given severities; findings in file order.

    The checks add and round a plan's amounts in the MONEY context, not the thread's: an
    embedding app's decimal context (two digits, a trap on rounding) must not change, or
    break, what a manager is told."""
    if Severity.WARNING in severities:
        import engine.lint  # noqa: F401  (registers the warning checks; loaded only for lint)
    with localcontext(MONEY), _lines_of(plan):
        return _run_checks(plan, severities)


def _lines_of(plan: PlanModel) -> contextlib.AbstractContextManager[None]:
    """Where the checks read the plan's lines again (a column inside a value, a hint quoting
    it): from its text for a plan loaded from one (``engine.load_plan_text``), which no file
    holds, so a file of its name in the working folder is not read in its place; else from
    its files."""
    if plan.given_text is None:
        return contextlib.nullcontext()
    return given_text(*plan.given_text)


def _run_checks(plan: PlanModel, severities: frozenset[Severity]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    nodes: ConditionNodes | None = None
    for check_class in CHECKS:
        if check_class.severity in severities:
            check = check_class()
            if isinstance(check, NodeCheck):
                nodes = nodes or condition_nodes(plan)
                found.extend(check.check_nodes(nodes, plan))
            else:
                found.extend(check.check(plan))
    return sorted(found, key=Diagnostic.sort_key)
