"""Why each rule did or did not fire for one event, in a manager's words.

The compiled matcher answers *which* rules fire; it cannot say why the others did not. This
module walks every rule's conditions again with the reference semantics of ``engine.operators``
(never a second copy of what an operator means) and stops at the first condition that fails,
keeping the event's actual value: "rating is 4; this rule needs 2 or less". Whether a rule fired
is taken from the real decision, so the trace can never contradict what ``eval`` does; the
reasons explain stops, ``match: first``, disabled rules and fallbacks around it.
"""

from __future__ import annotations

import functools
import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from engine.errors import counted, shown_text
from engine.evaluate import event_as_tested
from engine.eventfields import resolve
from engine.fields import MISSING, lookup, split_path
from engine.limits import (
    MAX_TRACE_CHARS,
    MAX_TRACE_VALUES,
    has_lone_surrogate,
    replace_lone_surrogates,
)
from engine.model import (
    EVENT_TYPES,
    AllOf,
    AnyOf,
    Condition,
    FieldTest,
    Not,
    PlanModel,
    Rule,
    Use,
    nameable_event_type,
)
from engine.nearmiss import misspelt_key, near_miss, written_as_planned
from engine.operators import holds, is_non_finite, one_event
from engine.suggest import did_you_mean
from engine.wording import (
    clip,
    event_types,
    kind_name,
    kind_of,
    negated_requirement,
    non_finite_words,
    number_runs,
    requirement,
    show_value,
)
from engine.wrapping import wrap

if TYPE_CHECKING:
    from engine.api import Plan


@dataclass(frozen=True, slots=True)
class Finding:
    """The outcome of one condition for one event, with the words that explain it.

    ``short`` is a clause for lists ("rating is 4 (needs 2 or less)"); ``long`` is the full
    sentence ("rating is 4; this rule needs 2 or less"). ``field`` and ``actual`` name the event
    value that decided it (``actual`` may be ``MISSING``). A list of reasons ("none of these
    holds: ...") keeps its ``head`` and its ``clauses``, so a list inside a list of the same
    head joins it rather than repeat the head ("none of these holds: none of these holds").
    """

    ok: bool
    short: str
    long: str
    field: str | None = None
    actual: Any = MISSING
    head: str = ""
    clauses: tuple[str, ...] = ()


_KIND_OPS = {"eq", "ne", "in", "not_in", "lt", "lte", "gt", "gte", "between"}


def _expected_kind(op: str, const: Any) -> str | None:
    """The kind of value a test compares with, when it has exactly one."""
    if op not in _KIND_OPS:
        return "text" if op in ("starts_with", "ends_with", "matches") else None
    values = const if op in ("in", "not_in", "between") else [const]
    kinds = {kind_name(v) for v in values if v is not None}
    return kinds.pop() if len(kinds) == 1 else None


def _actual(field: str, value: Any, op: str, const: Any, event: Any) -> str:
    if value is MISSING:
        return f"the event has no {field}{_held_instead(field, event)}"
    if is_non_finite(value):  # a number JSON has not: no test but `exists` holds, say why
        return f"{field} is {non_finite_words(value)}"
    shown = show_value(value)
    text = f"{field} is {shown}"
    wanted = _expected_kind(op, const)
    found = kind_name(value)
    if wanted is not None and value is not None and found != wanted:
        # a group of fields is shown as its kind's words: they are not said twice
        text += f" (not {wanted})" if shown == found else f" ({found}, not {wanted})"
    return text


def _held_instead(field: str, event: Any) -> str:
    """Why the event has no ``field`` when a field on its way holds a value, not a group of
    fields (``"customer": "gold"`` for ``customer.tier``): that field and what it holds. It had
    been told "the event has no customer.tier", as if the event sent no customer at all, the
    manager left to find the field sent in the wrong form (found by an analyst's review)."""
    parts = split_path(field)
    for depth in range(1, len(parts)):
        held = lookup(event, parts[:depth])
        if held is MISSING:
            return ""
        if held.__class__ is dict or (held.__class__ is list and parts[depth].isdigit()):
            continue  # read on, as lookup reads
        kind = kind_of(held)
        if kind == "object" or (kind == "list" and parts[depth].isdigit()):
            # a dict's subclass of an app's (docs/semantics.md), or a list's or a tuple read
            # by its index, which lookup does not read either: no value of the wrong kind
            return ""
        return f": {'.'.join(parts[:depth])} is {_held_words(held)}"
    return ""


def _groups_listed(held: list[Any]) -> str:
    """What a list of groups of fields is, where one group is read, and what to write: it had
    been "[a group of fields] (a list, not a group of fields)", a manager left to puzzle out
    what to change (found by review). "" for a list holding anything else."""
    if not held or any(item.__class__ is not dict for item in held):
        return ""
    if len(held) == 1:
        return (
            "a list holding one group of fields, not the group itself: write the group without "
            "the list around it (no `[ ]`, no `- ` before it)"
        )
    return f"a list of {len(held)} groups of fields, not one group of fields"


def _held_words(held: Any) -> str:
    """What a field on the way holds, and that it is no group of fields: a non-finite float
    in :func:`non_finite_words`, as :func:`_actual` says it (it had been "nan (a number, ...)",
    a word a manager does not know, of a value that is no number, docs/semantics.md); a value
    whose words are its kind's (an app's ``object()``) without them twice (found by review)."""
    if is_non_finite(held):
        return f"{non_finite_words(held)}, not a group of fields"
    if held.__class__ is list and (groups := _groups_listed(held)):
        return groups
    shown, kind = show_value(held), kind_name(held)
    if held is None or shown == kind:
        return f"{shown}, not a group of fields"
    return f"{shown} ({kind}, not a group of fields)"


def _test(node: FieldTest, event: Any, want: bool) -> Finding:
    value = lookup(event, split_path(node.field))
    ok = holds(node.op, value, node.value, node.ignore_case) is want
    need = (requirement if want else negated_requirement)(node.op, node.value, node.ignore_case)
    actual = _actual(node.field, value, node.op, node.value, event)
    if ok:
        obvious = want and (node.op == "eq" or (node.op == "in" and len(node.value) == 1))
        fact = actual if obvious and not node.ignore_case else f"{actual} ({need})"
        return Finding(True, fact, fact, node.field, value)
    near = near_miss(node, value) if want else None  # (under `not`, it failed by holding)
    if near is not None:  # "issue is Late; this rule needs late" hid the one difference
        return Finding(
            False,
            f"{actual} (needs {need}; {near.short})",
            f"{actual}; this rule needs {need}, and {near.long}",
            node.field,
            value,
        )
    return Finding(
        False, f"{actual} (needs {need})", f"{actual}; this rule needs {need}", node.field, value
    )


def evaluate(node: Condition, event: Any, plan: PlanModel, want: bool = True) -> Finding:
    """Whether ``node`` evaluates to ``want`` for the event; if not, the first reason why.

    ``want=False`` is how ``not:`` is explained: the inner condition must fail, so the reason
    names what made it hold.
    """
    if isinstance(node, FieldTest):
        return _test(node, event, want)
    if isinstance(node, Not):
        return evaluate(node.item, event, plan, not want)
    if isinstance(node, Use):
        found = evaluate(plan.conditions[node.name], event, plan, want)
        where = f" (named condition {node.name})"
        return Finding(found.ok, found.short + where, found.long + where, found.field, found.actual)
    conjunction = isinstance(node, AllOf)
    if conjunction is want:
        return _every(node.items, event, plan, want)
    return _some(node.items, event, plan, want, conjunction)


def _every(items: tuple[Condition, ...], event: Any, plan: PlanModel, want: bool) -> Finding:
    """Every item must evaluate to ``want``: the first that does not is the reason."""
    reasons: list[str] = []
    for item in items:
        found = evaluate(item, event, plan, want)
        if not found.ok:
            return found
        reasons.append(found.short)
    text = "; ".join(reasons)
    return Finding(True, text, text)


def _some(
    items: tuple[Condition, ...], event: Any, plan: PlanModel, want: bool, conjunction: bool
) -> Finding:
    """One item evaluating to ``want`` is enough; when none does, list them all."""
    failures: list[Finding] = []
    for item in items:
        found = evaluate(item, event, plan, want)
        if found.ok:
            return found
        failures.append(found)
    first = failures[0]  # `any` and `all` hold one item or more (the plan schema's minItems)
    if len(failures) == 1:
        return first
    if conjunction:
        head = "all of these hold, and this rule needs at least one not to"
    else:
        head = "none of these holds"
    clauses = tuple(c for f in failures for c in (f.clauses if f.head == head else (f.short,)))
    text = f"{head}: {'; or '.join(clauses)}"
    return Finding(False, text, text, first.field, first.actual, head, clauses)


class Status(StrEnum):
    """What happened to one rule for one event."""

    FIRED = "fired"
    NO_MATCH = "did not match"
    OTHER_TYPE = "not for this event type"
    DISABLED = "disabled"
    STOPPED = "stopped"
    NOT_NEEDED = "not needed"


@dataclass(frozen=True, slots=True)
class RuleTrace:
    """One rule's outcome for one event, and why."""

    rule: Rule
    status: Status
    reason: str
    field: str | None = None
    actual: Any = MISSING

    @property
    def fired(self) -> bool:
        """Whether the rule is in the decision's ``matched`` list."""
        return self.status is Status.FIRED

    def to_step(self, shortened: dict[int, tuple[Any, bool]] | None = None) -> dict[str, Any]:
        """The decision's ``trace`` entry (see ``engine.decision.TraceStep``), its ``actual``
        shortened (:func:`trace_value`): every rule testing a field would repeat its value.
        ``shortened`` remembers the values shortened for the other steps of the same event
        (by the value's id: the event holds them all while its trace is made), so a large
        value tested by 1,000 rules is shortened once, and each step gets its own copy."""
        value = None if self.actual is MISSING else self.actual
        if shortened is None:
            actual, cut = trace_value(value)
        elif id(value) in shortened:
            from engine.decision import copy_json  # (as _json_leaf: not imported to decide)

            actual, cut = shortened[id(value)]
            actual = copy_json(actual)
        else:
            actual, cut = shortened[id(value)] = trace_value(value)
        return {
            "rule": self.rule.id,
            "matched": self.fired,
            "reason": self.reason,
            "field": self.field,
            "actual": actual,
            "actual_cut": cut,
        }


def trace_value(value: Any) -> tuple[Any, bool]:
    """A field's value as a JSON trace step gives it, and whether it was shortened.

    Each rule that fails on a field repeats the field's value, so 1,000 rules testing a 100 KB
    text made one event's trace 100 MB. The step keeps at most :data:`MAX_TRACE_CHARS`
    characters and :data:`MAX_TRACE_VALUES` values: a longer text is cut and ends with ``…``,
    a list keeps its first items and a group of fields its first fields by name. Each step
    stays on its own (no step refers to another), and the whole value is in the event, at
    ``field``.

    A value JSON cannot hold as it is (an embedding app's ``Decimal``, a whole number beyond 64
    bits, NaN, text with a lone surrogate, a key that is not text) is given in words, as the
    reason gives it, and counts as shortened: the decision must stay JSON (``to_json``). Text
    of an app's subclass (an ``enum.StrEnum`` member) is kept as its plain text, as inside a
    list: ``show_value`` gave the member itself, which ``Decision.validate`` refused.
    """
    kind = value.__class__
    if kind is str and len(value) <= MAX_TRACE_CHARS and not has_lone_surrogate(value):
        return value, False
    if not isinstance(value, str) and kind is not list and kind is not tuple and kind is not dict:
        return (value, False) if _json_leaf(value) else (show_value(value), True)
    shortened = _Shortened()
    kept = shortened.keep(value)
    return kept, shortened.cut


def _json_leaf(value: Any) -> bool:
    """Whether JSON holds the value as it is (null, true/false, a finite number within 64
    bits), as ``engine.decision`` judges a document: one rule for both."""
    from engine.decision import not_json_data

    return next(not_json_data(value), None) is None


class _Shortened:
    """One value copied within the trace's budgets of characters and values."""

    def __init__(self) -> None:
        self.chars = MAX_TRACE_CHARS
        self.values = MAX_TRACE_VALUES - 1  # the value itself is kept whatever it is
        self.cut = False

    def keep(self, value: Any) -> Any:
        """The value's copy within what is left of the budgets (a copy: the event's lists and
        mappings are not handed out)."""
        if isinstance(value, str):
            return self._text(str.__str__(value))  # a subclass's own class is not JSON's
        if isinstance(value, (list, tuple)):
            return self._items(value)
        if isinstance(value, dict):
            return self._fields(value)
        if _json_leaf(value):
            return value
        self.cut = True
        return show_value(value)

    def _text(self, text: str) -> str:
        """The text, or as much of it as the characters left allow, ending with ``…``."""
        if has_lone_surrogate(text):
            self.cut = True
            text = replace_lone_surrogates(text)
        if len(text) <= self.chars:
            self.chars -= len(text)
            return text
        self.cut = True
        kept = clip(text, self.chars)
        self.chars = 0
        return kept

    def _items(self, items: Any) -> list[Any]:
        """The first items of a list that there are values left for, each copied in turn
        (what an item holds takes from the budgets before the next item)."""
        kept: list[Any] = []
        for item in items:
            if self.values == 0:
                self.cut = True
                break
            self.values -= 1
            kept.append(self.keep(item))
        return kept

    def _fields(self, fields: dict[Any, Any]) -> dict[Any, Any]:
        """The first fields, by name, there are values and characters left for, each copied
        in turn. By name, as canonical JSON writes them: kept in the event's order, the fields
        a long group kept, and so the decision's bytes, changed with the order the event's keys
        came in (found by review).

        Only the first names can be kept, one value each at least, so with plain text keys
        (the usual) just those are picked out: sorting all 1,000 keys of each level of a large
        value, in each of 1,000 steps, had made a trace 35 times slower (found by review)."""
        room = self.values + 1  # one more than can be kept: it says the group was cut
        if all(key.__class__ is str for key in fields):
            first = heapq.nsmallest(room, fields) if len(fields) > room else sorted(fields)
            if not any(has_lone_surrogate(key) for key in first):
                # A key with a lone surrogate not among these sorts later still, worded.
                return self._keep_fields([(key, fields[key]) for key in first])
        return self._keep_fields(self._named(fields))

    def _named(self, fields: dict[Any, Any]) -> list[tuple[str, Any]]:
        """The fields by the names JSON can hold, in order of name: a key that is not text,
        or holds half a character, is worded (and the value counts as cut). Where two keys get
        one name, a text key keeps it (`{1: "a", "1": "b"}`), else the smallest key as first
        written, so that the order the keys came in changes nothing."""
        ranked: list[tuple[str, int, tuple[Any, ...], Any]] = []
        for key, item in fields.items():
            if key.__class__ is str and not has_lone_surrogate(key):
                ranked.append((key, 0, (), item))
                continue
            self.cut = True  # worded as JSON can hold it (not cut: a cut key names another)
            if isinstance(key, str):
                ranked.append((replace_lone_surrogates(key), 1, (0, str(key)), item))
            else:
                ranked.append((show_value(key), 1, (1, type(key).__name__, _spelt(key)), item))
        ranked.sort(key=lambda entry: entry[:3])
        named: list[tuple[str, Any]] = []
        for name, _, _, item in ranked:
            if not named or named[-1][0] != name:
                named.append((name, item))
        return named

    def _keep_fields(self, named: list[tuple[str, Any]]) -> dict[str, Any]:
        """The fields, in the order given, that there are values and characters left for."""
        kept: dict[str, Any] = {}
        for key, item in named:
            size = len(key)
            if self.values == 0 or size > self.chars:
                self.cut = True  # a key is whole or left out: a cut key would name another
                break
            self.values -= 1
            self.chars -= size
            kept[key] = self.keep(item)
        return kept


def _spelt(key: Any) -> str:
    """A key that is not text, as one text that tells it from the other keys of its class:
    ``repr``, but a whole number in hexadecimal, which Python writes at any length (``repr``
    of an app's ``10**5000`` raised ValueError)."""
    return hex(key) if isinstance(key, int) else repr(key)


@dataclass(frozen=True, slots=True)
class Explanation:
    """An event's decision together with the trace of every rule, in firing order."""

    decision: dict[str, Any]
    steps: tuple[RuleTrace, ...]
    event: Any = None  # what was decided: the text names a key it has close to one it lacks

    def step(self, rule_id: str) -> RuleTrace | None:
        """The trace of one rule, by id."""
        return next((s for s in self.steps if s.rule.id == rule_id), None)

    def to_document(self) -> dict[str, Any]:
        """The decision document with its ``trace`` attached (``eval --explain``)."""
        shortened: dict[int, tuple[Any, bool]] = {}
        return {**self.decision, "trace": [s.to_step(shortened) for s in self.steps]}


def rule_order(plan: PlanModel) -> tuple[Rule, ...]:
    """Every rule as explain lists them: ordinary rules in firing order, then fallbacks."""
    ordered = plan.firing_order()
    return tuple(r for r in ordered if not r.fallback) + tuple(r for r in ordered if r.fallback)


def conditions_of(rule: Rule, event: Any, plan: PlanModel) -> Finding:
    """Whether a rule's event type and conditions hold for an event (ignoring everything else),
    its time read in UTC as the decider's tests read it (:func:`event_as_tested`)."""
    tested = event_as_tested(event)
    found = _conditions_held(rule, tested, plan)
    if tested is event:
        return found
    return _time_sent_said(found, tested["occurred_at"], event["occurred_at"])


def _time_sent_said(found: Finding, read: str, sent: str) -> Finding:
    """``found`` with the event's time as it was sent, where its words show the time read:
    "occurred_at is "2026-12-07T14:59:59Z"; this rule needs "2026-12-07T15:00:00Z" or more"
    had been said of an event sent at ``2026-12-07T23:59:59.900+09:00``, a time the manager
    finds nowhere in the event (found by review)."""
    said = f"occurred_at is {show_value(read)}"
    told = f"{said} in UTC, to the second (sent as {show_value(sent)})"
    return replace(
        found, short=found.short.replace(said, told), long=found.long.replace(said, told)
    )


def _conditions_held(rule: Rule, event: Any, plan: PlanModel) -> Finding:
    """:func:`conditions_of` for an event whose time is read as the decider's tests read it."""
    kind = event.get("type")
    if rule.events is not None and kind not in rule.events:
        text = f"the event is {event_types((str(kind),))}; this rule applies only to {event_types(rule.events)}"
        return Finding(False, text, text, "type", kind)
    found = evaluate(rule.condition, event, plan)
    if not found.ok:
        return found
    parts = [f"the event is {event_types(rule.events)}"] if rule.events else []
    if found.short:
        parts.append(found.short)
    text = "; ".join(parts) or "it applies to every event"
    return Finding(True, text, text)


def _trace(rule: Rule, event: Any, plan: PlanModel, decision: dict[str, Any]) -> RuleTrace:
    found = conditions_of(rule, event, plan)
    fired: list[str] = decision["matched"]
    if rule.id in fired:
        if rule.fallback:
            reason = "no other rule matched, so this fallback applies"
            if rule.events or rule.condition.items:
                reason += f"; {found.long}"
            return RuleTrace(rule, Status.FIRED, reason)
        return RuleTrace(rule, Status.FIRED, found.long)
    if not rule.enabled:
        would = "its conditions would hold" if found.ok else f"it would not match: {found.long}"
        return RuleTrace(rule, Status.DISABLED, f"disabled (`enabled: false`); {would}")
    if not found.ok:
        status = Status.OTHER_TYPE if found.field == "type" and rule.events else Status.NO_MATCH
        return RuleTrace(rule, status, found.long, found.field, found.actual)
    if rule.fallback and not decision["fallback"]:
        reason = f"a fallback fires only when no other rule matches, and {fired[0]} matched"
        return RuleTrace(rule, Status.NOT_NEEDED, reason)
    pool = fired if rule.fallback == decision["fallback"] else []
    return RuleTrace(rule, Status.STOPPED, _why_stopped(pool, plan))


def _why_stopped(fired: list[str], plan: PlanModel) -> str:
    """Why a rule whose conditions hold did not fire: an earlier rule ended the list."""
    last = next((r for r in plan.rules if fired and r.id == fired[-1]), None)
    if last is not None and plan.settings.match == "first":
        return (
            "its conditions hold, but the plan fires only the first matching rule "
            f"(`match: first`), and that is {last.id}"
        )
    if last is not None and last.stop:
        return f"its conditions hold, but {last.id} fired first and has `stop: true`"
    # The matcher and the reference semantics disagree: say so rather than invent a reason.
    return "its conditions hold, but it did not fire (the engine and explain disagree: please report it)"


def explain(plan: Plan, event: Any) -> Explanation:
    """Decide an event and explain every rule; raises EventError like ``Plan.decide``."""
    decision = plan.decide(event)
    with one_event():  # each long list of the event made a set once, not once per rule
        steps = tuple(_trace(rule, event, plan.model, decision) for rule in rule_order(plan.model))
    return Explanation(decision, steps, event)


def misspelt_words(event: Any, step: RuleTrace, named: frozenset[str]) -> str:
    """The key of ``event`` most likely meant as the field a rule did not fire for lacking it
    (or the type meant by an event type that neither the event schema nor the plan's rules,
    ``named`` (:func:`named_types`), name: :func:`_type_misspelt`), as a clause to end its
    reason (``; the event has `staf`: did you mean `staff`?``): a case whose event said
    ``staf: {team: drivers}`` was told only "the event has no staff.team", and the manager
    looked for the mistake in the rule; so was ``explain`` of a real event whose sending
    system wrote ``custmer`` (found by a supervisor's review). When the rule's field is the
    one the event schema does not know (the rule says ``staf.team``, the event ``staff``), the
    rule is the side to mend, and the clause says so: it had told the manager to misspell the
    event to match. Empty when the event has the field, or no key close to it. Only the words
    a person reads ask: the trace of ``eval --explain`` is left as it is."""
    if step.status is Status.OTHER_TYPE:
        return _type_misspelt(step, named)
    if step.fired or step.field is None or step.actual is not MISSING or event is None:
        return ""
    near = misspelt_key(event, step.field)
    if near is None:
        return ""
    written, meant = near
    rest = step.field[len(meant) :]
    if resolve(step.field).info is None and resolve(written + rest).info is not None:
        return (
            f"; the event has `{written}`, as the event schema names it: "
            f"did the rule mean `{written}{rest}`?"
        )
    return f"; the event has `{written}`: did you mean `{meant}`?"


def named_types(rules: Iterable[Rule]) -> frozenset[str]:
    """The event types ``rules`` name in their ``event:`` (``x-chargeback``...): the types an
    event's type may be a slip of, beside the event schema's (:func:`_type_misspelt`)."""
    return frozenset(kind for rule in rules for kind in rule.events or ())


def _type_misspelt(step: RuleTrace, named: frozenset[str]) -> str:
    """For a rule of the type an event's type misspells (`revew`, `Review`, `x-chargebak`
    for a plan's `x-chargeback`), that no rule can be for it, and the type meant: it had been
    "the event is a revew; this rule applies only to a review", as if the event were of
    another kind, while `eval` warns of the same event's `type` (found by a supervisor's
    review). The type meant may be one the plan's rules name (``named``), not only one of the
    event schema's: a slip of a custom type had been told nothing, though the event went to
    the fallback for it alone (found by review). Only a rule of the type meant says it, not
    each of the plan's other rules. Empty for an event of a standard type or one a rule names."""
    kind = step.actual
    if kind.__class__ is not str or step.rule.events is None or kind in named:
        return ""
    meant = _meant_type(kind, named)
    if meant is None or meant not in step.rule.events:
        return ""
    if nameable_event_type(kind):  # a custom type, which no rule of the plan is for
        return f"; no rule of the plan is for `{kind}` events: did you mean `{meant}`?"
    return f"; `{kind}` is no event type of the event schema: did you mean `{meant}`?"


def fallback_misspelt(
    plan: PlanModel,
    event: Any,
    decision: dict[str, Any],
    named: frozenset[str] | None = None,
    near_values: bool = False,
) -> str:
    """What an event that went to the fallback most likely misspelt, as the clause
    :func:`misspelt_words` ends a rule's reason with in ``explain`` (``; `revew` is no event
    type of the event schema: did you mean `review`?``), for ``eval --pretty``'s checklist:
    it had written the fallback's actions and, at the end, a warning that names `type` off
    the schema, never the word meant (found by review). A slip of the type is told before
    one of a field, being why no rule of that type could fire: it is said only at a rule of
    the type meant (:func:`_type_misspelt`). Else the first field's, in explain's order, of
    the rules that may be for the event's type (a rule for another type is told by its type
    alone). ``named``: :func:`named_types` of every rule of the plan, worked out once a
    run (None: here, for one decision). Only rules that may say it are traced, up to the
    first that does. Empty when nothing is misspelt, and for a decision an ordinary rule made
    (each caller had tested that itself).

    ``near_values``: when no key or type is misspelt, the first rule of the event's type that
    did not match only for a text written otherwise (:func:`_near_miss_words`), for a
    checklist, whose reader sees no rule's reason (a plan test's failure lists each rule's)."""
    if not decision["fallback"]:
        return ""
    if named is None:
        named = named_types(plan.rules)
    kind = event.get("type")
    meant = None
    if kind.__class__ is str and kind not in named:
        meant = _meant_type(kind, named)
    rules = rule_order(plan)
    traced: list[RuleTrace] = []
    with one_event():
        typed = (rule for rule in rules if rule.events is not None and meant in rule.events)
        ours = (rule for rule in rules if rule.events is None or kind in rule.events)
        for rule in (*typed, *ours) if meant is not None else ours:
            step = _trace(rule, event, plan, decision)
            words = misspelt_words(event, step, named)
            if words:
                return words
            traced.append(step)
    if near_values:
        return next(filter(None, (_near_miss_words(step, event, plan) for step in traced)), "")
    return ""


def _near_miss_words(step: RuleTrace, event: Any, plan: PlanModel) -> str:
    """``; rule public-review did not match: channel is "yelp "; this rule needs ..., and
    only the spaces differ: ...`` when the test ``step``'s rule failed on is a text test
    that a text written otherwise alone (in other capitals, spaces or underscores, letters
    that only look Latin) kept from holding (:func:`engine.nearmiss.near_miss`), and the rule
    matches the ``event`` once each such text is written as the plan writes it
    (:func:`_matches_as_written`); "" for any other step. A review sent with ``"channel": "yelp "`` went to the fallback, and its
    checklist said nothing of why, though ``explain`` said it (found by a new user's trial)."""
    if step.status is not Status.NO_MATCH or step.field is None or step.actual is MISSING:
        return ""
    node = _near_missed(step.rule, plan, step.field, step.actual)
    if node is None or not _matches_as_written(step.rule, event, plan, node):
        return ""
    return f"; rule {step.rule.id} did not match: {step.reason}"


def _near_missed(rule: Rule, plan: PlanModel, field: str, actual: Any) -> FieldTest | None:
    """The test of ``rule`` on ``field`` that ``actual`` failed only for being written
    otherwise (:func:`engine.nearmiss.near_miss`); None when there is none."""
    for node in _wanted_tests(rule.condition, plan, set()):
        if node.field != field or holds(node.op, actual, node.value, node.ignore_case):
            continue
        if near_miss(node, actual) is not None:
            return node
    return None


def _matches_as_written(rule: Rule, event: Any, plan: PlanModel, node: FieldTest) -> bool:
    """Whether ``rule`` matches ``event`` once each text it failed on only for being written
    otherwise is written as the plan writes it (first ``node``'s), the rest of the value kept
    (:func:`engine.nearmiss.written_as_planned`); True when such a text cannot be rewritten
    here (a pattern of ``matches``), as it had been said before. A review with ``"channel":
    "Yelp"`` and a rating of 5, for a rule of channel yelp then a rating of 2 or less, had its
    checklist say the rule "perhaps" failed for the capitals alone, which sent the agent to
    answer a good review as a bad one (found by review)."""
    parts = split_path(node.field)
    # each round writes one text of a test (contains_all: one of its texts) as planned
    rounds = sum(
        len(test.value) if isinstance(test.value, list | tuple) else 1
        for test in _wanted_tests(rule.condition, plan, set())
    )
    for _ in range(rounds):
        value = written_as_planned(node, lookup(event, parts))
        if value is MISSING or (event := _put(event, parts, value)) is None:
            return True  # no text to put in its place: as before, said
        found = conditions_of(rule, event, plan)
        if found.ok:
            return True
        if found.field is None or found.actual is MISSING:
            return False
        missed = _near_missed(rule, plan, found.field, found.actual)
        if missed is None:
            return False  # another test fails: the text written otherwise is not why
        node, parts = missed, split_path(missed.field)
    return False


def _put(event: Any, parts: tuple[str, ...], value: Any) -> dict[Any, Any] | None:
    """A copy of ``event`` with ``value`` at ``parts``, where its value is, each object on the
    way copied (the event itself is left as it is, and nothing else of it is copied: a deep
    copy of all of it had raised "cannot pickle" for an app's event holding a lock or a
    generator, from ``Decision.checklist``; found by review); None when the way is not
    through objects."""
    if event.__class__ is not dict or parts[0] not in event:
        return None
    if len(parts) == 1:
        return {**event, parts[0]: value}
    inner = _put(event[parts[0]], parts[1:], value)
    return None if inner is None else {**event, parts[0]: inner}


def _wanted_tests(node: Condition, plan: PlanModel, seen: set[str]) -> Iterable[FieldTest]:
    """The field tests of ``node`` that must hold for it to (not those under ``not``), through
    the named conditions it uses (each once)."""
    if isinstance(node, FieldTest):
        yield node
    elif isinstance(node, Use):
        if node.name not in seen:
            seen.add(node.name)
            yield from _wanted_tests(plan.conditions[node.name], plan, seen)
    elif isinstance(node, AllOf | AnyOf):
        for item in node.items:
            yield from _wanted_tests(item, plan, seen)


@functools.lru_cache(maxsize=64)
def _meant_type(kind: str, named: frozenset[str]) -> str | None:
    """The type ``kind`` is a slip of: None for a standard type. A custom type (`x-ordr`) is
    a slip of one of the plan's custom types only, never of a standard one (`order`), which
    it may be written beside on purpose; any other text of the event schema's types and the
    plan's. Worked out once for an event, not again for each rule of another type that
    explain lists."""
    if kind in EVENT_TYPES:
        return None
    if nameable_event_type(kind):
        return did_you_mean(kind, named.difference(EVENT_TYPES))
    return did_you_mean(kind, (*EVENT_TYPES, *named))


class TracesOnDemand:
    """An event's decision, and the trace of a rule made only when one is asked for.

    ``backplan test`` reads a rule's trace only to say why a case failed; tracing every rule
    of the plan for every case (``explain``) made the cost of a case grow with the plan: 1,000
    passing cases on a 10,000-rule plan took over two minutes, for decisions of a few
    milliseconds. Each trace is the one ``explain`` gives (the same function makes it)."""

    __slots__ = ("_event", "_misspelt", "_named", "_plan", "_rules", "decision")

    def __init__(self, plan: Plan, event: Any) -> None:
        """Decide the event (raises EventError like ``Plan.decide``); trace nothing yet."""
        self.decision: dict[str, Any] = plan.decide(event)
        self._event = event
        self._plan = plan.model
        self._rules: dict[str, Rule] | None = None
        self._named: frozenset[str] | None = None
        self._misspelt: str | None = None

    @property
    def event(self) -> Any:
        """The event decided, as the case gave it."""
        return self._event

    def step(self, rule_id: str) -> RuleTrace | None:
        """The trace of one rule, by id, as ``Explanation.step`` gives it (None for an id the
        plan lacks)."""
        rule = self.rule(rule_id)
        if rule is None:
            return None
        with one_event():
            return _trace(rule, self._event, self._plan, self.decision)

    def rule(self, rule_id: str) -> Rule | None:
        """The plan's rule of that id (None for an id the plan lacks)."""
        if self._rules is None:  # rule ids are unique in a valid plan
            self._rules = {rule.id: rule for rule in self._plan.rules}
        return self._rules.get(rule_id)

    def named_types(self) -> frozenset[str]:
        """The event types the plan's rules name (:func:`named_types`), worked out once: what
        :func:`misspelt_words` compares the event's type with, for each rule a case names."""
        if self._named is None:
            self._named = named_types(self._plan.rules)
        return self._named

    def misspelt(self) -> str:
        """For a decision of the fallback, what the event most likely misspelt, as
        :func:`fallback_misspelt` says it under ``eval --pretty``'s checklist (``; `revew` is
        no event type of the event schema: did you mean `review`?``); empty when nothing is,
        or an ordinary rule fired. A failing case that went to the fallback said only that it
        had, where ``eval --pretty`` and ``explain`` named the slip (found by review). Worked
        out once: it may trace every rule for the event's type, and a failing case asks twice
        (for its ``fallback:`` and for the line that says which rules fired)."""
        if self._misspelt is None:
            named = self.named_types() if self.decision["fallback"] else None
            self._misspelt = fallback_misspelt(self._plan, self._event, self.decision, named)
        return self._misspelt

    def ordinary_for_its_type(self) -> list[Rule]:
        """The ordinary rules, in explain's order, for the event's type: those whose
        conditions do not fail at the type (``Status.OTHER_TYPE``, for a rule switched on). A
        rule for other types is told by its ``event:`` alone, as ``_trace`` would tell it,
        without its conditions; only a rule for the event's type is traced, since one that
        tests ``type`` in its conditions may find it is not. A rule switched off is held to
        its type too: its trace says "disabled" before its type, and a failed case had listed
        a disabled rule for orders among the rules that could have taken a review."""
        kind = self._event.get("type")  # the matcher fires no rule of another type
        found: list[Rule] = []
        with one_event():
            for rule in rule_order(self._plan):
                if rule.fallback:
                    continue
                if rule.events and kind not in rule.events:
                    continue  # conditions_of fails at the type: OTHER_TYPE
                if rule.events:
                    held = conditions_of(rule, self._event, self._plan)
                    if not held.ok and held.field == "type":
                        continue
                found.append(rule)
        return found

    def would_match(self, rule: Rule) -> bool:
        """Whether the rule's event type and conditions hold for the event, whether or not it
        is switched on: a disabled rule that would match is why the event went elsewhere."""
        with one_event():
            return conditions_of(rule, self._event, self._plan).ok


def decide_with_trace(plan: Plan, event: Any) -> dict[str, Any]:
    """The decision document with ``trace`` attached, as ``eval --explain`` writes it."""
    return explain(plan, event).to_document()


_LABELS = {
    Status.FIRED: "FIRED",
    Status.NO_MATCH: "did not match",
    Status.OTHER_TYPE: "not for this event",
    Status.DISABLED: "disabled",
    Status.STOPPED: "did not fire",
    Status.NOT_NEEDED: "not needed",
}
WIDTH = 100
FOLD_OTHER_TYPES_ABOVE = 40
"""In a plan of more rules than this, the rules for other event types than the event's are
listed by number on one line after the others, not each with its reason: a plan of 413 rules
over seven event types gave 880 lines for one event, 591 of them "not for this event", and
the rule that fired on line 778 (found by a large plan's trial)."""


def _other_types_words(numbers: list[int], explanation: Explanation) -> str:
    """The line that stands for the rules (by their ``numbers``) not for the event's type."""
    kind = explanation.decision["event_type"]
    return shown_text(
        f"{counted(len(numbers), 'rule')} not for this event (each applies only to other types "
        f"than {event_types((str(kind),))}): {number_runs(numbers)}"
    )


def render_explanation(explanation: Explanation, times: Callable[[str], str] | None = None) -> str:
    """The trace and the decision as text: every rule, then the checklist to work through.

    The header and the reasons quote the event (its id, its values), so they are written with
    ``shown_text``, as the checklist is: the text is read on a terminal. A reason is escaped
    before it is wrapped, so a line break or tab sent in a value shows as ``\\n`` or ``\\t``
    (wrapping would make it a space). ``times`` writes the checklist's times (None: in UTC,
    ``--time-zone``: ``engine.checklist.zoned_moments``)."""
    from engine.checklist import moment_words, render_checklist

    decision = explanation.decision
    plan = decision["plan"]
    head = (
        f"Event {decision['event_id']} ({decision['event_type']}), plan {show_value(plan['name'])}"
    )
    lines = [shown_text(head), "", "Rules, in firing order:"]
    # numbers aligned on their dot, the reasons two places in from the rule's id, however many
    # rules: from rule 10 on, the reasons had stood one place in, and beside rule 9's two
    digits = len(str(len(explanation.steps)))
    named = named_types(step.rule for step in explanation.steps)  # every rule of the plan
    indent = " " * (digits + 6)
    fold = len(explanation.steps) > FOLD_OTHER_TYPES_ABOVE
    folded: list[int] = []
    for number, step in enumerate(explanation.steps, 1):
        rule = step.rule
        misspelt = misspelt_words(explanation.event, step, named)
        if fold and step.status is Status.OTHER_TYPE and not misspelt:
            folded.append(number)
            continue
        extra = " (fallback)" if rule.fallback else ""
        lines.append(f"  {number:>{digits}}. {rule.id}{extra}: {_LABELS[step.status]}")
        lines.extend(wrap(shown_text(step.reason + misspelt), WIDTH, indent, indent))
    if folded:
        lines.extend(wrap(_other_types_words(folded, explanation), WIDTH, "  ", indent))
    lines += [
        "",
        "Decision:",
        render_checklist(
            decision,
            explanation.event,
            "",
            times or moment_words,
            [step.rule for step in explanation.steps],
        ),
    ]
    return "\n".join(lines) + "\n"
