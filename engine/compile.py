"""Compile a plan into a matcher: generated Python, indexed by event type and equality tests.

A plan is consulted for every complaint, so its conditions are compiled once into Python source
and then into bytecode, instead of being interpreted per event:

* rules are first split by event type (a dict lookup picks the rules that can apply);
* within a type, when many rules test the same field for equality (``store: eq: S12``), they are
  bucketed by that value, so a 10,000-rule multi-store plan costs about what one store's rules
  cost;
* the remaining rules become straight-line generated code, in chunks, each field read once;
  inside a bucket, the equality test that routed the event there is known to hold and is left
  out;
* the code of a bucket is generated and compiled when an event first reaches it, not when the
  plan loads (see ``_Pending``): loading a 10,000-rule plan built the code of every bucket,
  more than 2 s, most of the load.

Safety: the generated source never contains a plan's text. Field names are validated paths and
enter as ``repr`` of a checked string; every constant (values, patterns) enters as a numbered
placeholder text, swapped for the value in the compiled code (see ``_Unit``). The readable
definition of each operator is ``engine.operators``; the differential tests hold this module
to it.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import CodeType, FunctionType, MappingProxyType
from typing import Any

from engine.fields import MISSING, lookup, split_path
from engine.gcpause import paused_gc
from engine.model import AllOf, AnyOf, Condition, FieldTest, Not, PlanModel, Rule, Use
from engine.operators import (
    SHORT_LIST,
    ListSets,
    _contains,
    _contains_all,
    _contains_any,
    _ends_with,
    _starts_with,
    composed_text,
    fold_list,
    fold_text,
    remembered_set,
)
from engine.regex import Pattern, compile_regex
from engine.textforms import composed_value, fold, one_spelling

Matcher = Callable[[dict[str, Any]], list[int]]
"""An event -> the ordinals (positions in firing order) of the rules that match, ascending."""

CHUNK_RULES = 128
"""Rules per generated function: keeps each function quick to compile and cheap to call."""
INDEX_MIN_RULES = 16
"""A group smaller than this is scanned; indexing it would cost more than it saves."""
INDEX_MAX_DEPTH = 3
"""How many fields deep equality indexes may nest."""
MAX_INLINE_TEXTS = 8
"""A ``contains_any``/``contains_all`` of at most this many texts is inlined as one ``in`` per
text (see ``_Chunk.contains``); more are tested by a loop over them, to keep the code small."""
_CONTAINS = frozenset({"contains", "contains_any", "contains_all"})


def _fold_value(value: str | list[Any]) -> str | frozenset[str]:
    """What ``ignore_case`` contains-tests look in: a text folded, or a list's folded texts."""
    if isinstance(value, str):
        return fold_text(value)
    if len(value) <= SHORT_LIST:
        return fold_list(value)
    return remembered_set(_sets_made, value, folded=True)


def _event_list_texts(items: list[Any]) -> list[Any] | frozenset[str]:
    """``list_texts`` of an event's list: the list when it is short, else the set of its texts,
    made once for all the chunks of rules that test it."""
    if len(items) <= SHORT_LIST:
        return items
    return remembered_set(_sets_made, items, folded=False)


_sets_made: ListSets = {}
"""The sets made of the long lists of the event being matched (``remembered_set``); emptied when
its matching ends (``match_split``), so no set outlives the event it was made for, and the memo
holds one event's lists at most. Threads that match at once share it: an entry answers only
for its own list, and one thread emptying it only makes another make its sets again.

Made per chunk of rules, not per event, a set had cost 1.2 s for an event of 100,000 labels
against 5,000 rules (40 chunks), and 2.5 s with ``ignore_case``."""


def _any_in(folded: str | frozenset[str], texts: tuple[str, ...]) -> bool:
    """Whether a folded value contains any of the plan's folded texts (a long list's test)."""
    return any(text in folded for text in texts)


def _all_in(folded: str | frozenset[str], texts: tuple[str, ...]) -> bool:
    """Whether a folded value contains every one of the plan's folded texts."""
    return all(text in folded for text in texts)


_nfc = composed_text
"""An event's text composed (``engine.textforms``), called from generated code where the
answer could differ from the text's as written, once an event (see ``composed_text``)."""


class _Bool:
    """Dict keys for true/false, which Python would otherwise confuse with 1 and 0."""

    __slots__ = ("value",)

    def __init__(self, value: bool) -> None:
        self.value = value


_TRUE, _FALSE = _Bool(True), _Bool(False)


def index_key(value: Any) -> Any:
    """The bucket key of a value for equality indexing (None when it cannot be indexed)."""
    cls = value.__class__
    if cls is str or cls is int or cls is float:
        return value
    if cls is bool:
        return _TRUE if value else _FALSE
    return None


@dataclass(frozen=True, slots=True)
class CompiledMatcher:
    """The compiled form of a plan's rules: which rules fire for an event, in firing order."""

    rules: tuple[Rule, ...]
    """Enabled, non-fallback rules in firing order; ordinals index this tuple."""
    fallbacks: tuple[Rule, ...]
    """Enabled fallback rules in firing order."""
    by_type: Mapping[str, Matcher]
    """Event type -> the matcher of the rules an event of that type can fire: the type's own
    and those for any type (see ``_dispatch``). Read-only, as the whole matcher is
    (``Decider`` keeps its own copy, a plain ``dict``)."""
    untyped: Matcher
    """The matcher of the rules for any event type, for an event whose type no rule names.

    These matchers are called through :func:`match_split` (``match``, ``match_fallbacks``),
    which forgets, when it ends, the sets made of the event's long lists (``_sets_made``):
    called alone, a matcher would keep them, and find a list changed in place since as it was.
    """
    fallback_by_type: Mapping[str, Matcher]
    fallback_untyped: Matcher

    def match(self, event: dict[str, Any]) -> list[int]:
        """Ordinals of the (non-fallback) rules whose conditions hold, ascending."""
        return match_split(event, self.by_type, self.untyped)

    def match_fallbacks(self, event: dict[str, Any]) -> list[int]:
        """Ordinals into ``fallbacks`` of the fallback rules whose conditions hold."""
        return match_split(event, self.fallback_by_type, self.fallback_untyped)


def match_split(
    event: dict[str, Any], by_type: Mapping[str, Matcher], untyped: Matcher
) -> list[int]:
    """The ordinals of the rules that match, ascending: by the matcher of the event's type,
    which answers for the rules for any type too, or, for a type no rule names, by the one for
    any type (``CompiledMatcher.match``; the decider calls it directly, a call fewer)."""
    kind = event.get("type")
    typed = by_type.get(kind) if kind.__class__ is str else None
    try:
        return untyped(event) if typed is None else typed(event)
    except Exception:  # an app's value refused ==: matched again as JSON data (no cost till then)
        plain = json_data_only(event)
        if plain is None:  # the event holds only JSON's values: the fault is not the app's
            raise  # pragma: no cover - a fault of the generated code, which no test knows of
        return untyped(plain) if typed is None else typed(plain)
    finally:
        if _sets_made:  # a long list was tested: see _sets_made
            _sets_made.clear()


class _NotJson:
    """What :func:`json_data_only` puts in place of an app's value of no JSON class."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<a value of no JSON class>"


_NOT_JSON = _NotJson()
_JSON_LEAVES = frozenset((str, int, float, bool, type(None)))


def json_data_only(event: dict[str, Any]) -> dict[str, Any] | None:
    """A copy of the event in which every value of a class JSON has not is one stand-in that
    equals only itself; None when the event holds no such value.

    Why: a ``contains`` of a text on a short list is Python's ``in`` (see ``_Chunk.contains``),
    which asks every item's own ``==``, and an app's value may answer with neither true nor
    false: pandas' ``NA`` (its truth raises TypeError), a numpy array (ValueError). The matcher
    then raised from inside. Such a value fails every test but ``exists``, as the stand-in
    does, so the rules that match the copy are the rules that match the event; making the
    copy only once the matcher has raised costs ordinary events nothing. Lists and groups of
    fields are copied once each, walked with a stack of work (an app's event may nest
    deeper than Python's stack, or hold itself), so the copy keeps their sharing and cycles.
    """
    copies: dict[int, Any] = {}
    to_fill: list[tuple[Any, Any]] = []
    replaced = False

    def copied(value: Any) -> Any:
        nonlocal replaced
        kind = value.__class__
        if kind is dict or kind is list:
            copy = copies.get(id(value))
            if copy is None:
                copy = copies[id(value)] = {} if kind is dict else [None] * len(value)
                to_fill.append((value, copy))
            return copy
        if kind in _JSON_LEAVES:
            return value
        replaced = True
        return _NOT_JSON

    plain: dict[str, Any] = copied(event)
    while to_fill:
        value, copy = to_fill.pop()
        for key, item in value.items() if value.__class__ is dict else enumerate(value):
            copy[key] = copied(item)
    return plain if replaced else None


def compile_plan(plan: PlanModel) -> CompiledMatcher:
    """Compile a checked plan (``engine.checks`` passed) into a matcher.

    The dispatch on event type and the equality indexes are built here; the code of each index
    bucket is generated and compiled when an event first reaches it (see ``_Pending``): a
    bucket no event reaches costs nothing, and the others are paid for over the first events
    instead of all at load.
    """
    with paused_gc():  # many objects, all kept: see engine.gcpause
        ordered = [r for r in plan.firing_order() if r.enabled]
        rules = tuple(r for r in ordered if not r.fallback)
        fallbacks = tuple(r for r in ordered if r.fallback)
        generator = _Generator(plan)
        by_type, untyped, merged = _dispatch(rules, generator)
        fallback_by_type, fallback_untyped, fallback_merged = _dispatch(fallbacks, generator)
        specs = [*by_type.values(), untyped, *fallback_by_type.values(), fallback_untyped]
        built = iter(generator.build(specs))
        types = {kind: next(built) for kind in by_type}
        built_untyped = next(built)
        fallback_types = {kind: next(built) for kind in fallback_by_type}
        built_fallback_untyped = next(built)
        return CompiledMatcher(
            rules,
            fallbacks,
            MappingProxyType(_answering_for_any_type(types, built_untyped, merged)),
            built_untyped,
            MappingProxyType(
                _answering_for_any_type(fallback_types, built_fallback_untyped, fallback_merged)
            ),
            built_fallback_untyped,
        )


MERGE_MAX_SPECS = 50_000
"""At most this many rules for any type, times the event types rules name, are copied into
the types' specs (see ``_dispatch``): placing a rule in a spec is paid at load."""
MERGE_MAX_EAGER = 2_048
"""At most this many of those copies are compiled at load (those outside any index bucket;
a bucket's are compiled when an event first reaches it)."""


def _dispatch(rules: Sequence[Rule], generator: _Generator) -> tuple[dict[str, Spec], Spec, bool]:
    """The specs of each event type's rules and of the rules for any type; and whether each
    type's spec holds the rules for any type too (merged).

    Merged, an event runs one matcher, not its type's and the one for any type, whose answers
    must then be merged: matching the bench's 100-rule plan took 9% fewer instructions per
    event (20,324 to 18,433), and the 5- and 500-store plans 23% and 20% fewer
    (docs/performance.md). But the rules for any type are then copied into every type: a plan
    of many types and many rules for any type would multiply its load and its code, so they are
    merged only while the copies stay within ``MERGE_MAX_SPECS`` and ``MERGE_MAX_EAGER``.
    """
    typed: dict[str, list[Member]] = {}
    untyped: list[Member] = []
    for ordinal, rule in enumerate(rules):
        if rule.events is None:
            untyped.append((ordinal, rule))
        else:
            for kind in dict.fromkeys(rule.events):
                typed.setdefault(kind, []).append((ordinal, rule))
    untyped_spec = generator.spec(untyped, 0, ())
    merged = (
        bool(untyped)
        and len(untyped) * len(typed) <= MERGE_MAX_SPECS
        and _compiled_at_load(untyped_spec) * len(typed) <= MERGE_MAX_EAGER
    )
    by_type = {
        kind: generator.spec(
            sorted([*typed[kind], *untyped], key=_ordinal) if merged else typed[kind], 0, ()
        )
        for kind in sorted(typed)
    }
    return by_type, untyped_spec, merged


def _ordinal(member: Member) -> int:
    return member[0]


def _compiled_at_load(spec: Spec) -> int:
    """How many of a spec's rules are compiled at load: those outside its index buckets."""
    if spec is None:
        return 0
    if isinstance(spec, _Linear):
        return len(spec.members)
    return _compiled_at_load(spec.rest)


def _answering_for_any_type(
    types: dict[str, Matcher], untyped: Matcher, merged: bool
) -> dict[str, Matcher]:
    """Each type's matcher, made to answer for the rules for any type too where its spec does
    not hold them (not ``merged``; see ``_dispatch``)."""
    if merged or untyped is _empty:
        return types
    return {kind: _with_any_type(matcher, untyped) for kind, matcher in types.items()}


def _with_any_type(typed: Matcher, untyped: Matcher) -> Matcher:
    """Both matchers' answers, as one ascending list: only past the bounds of ``_dispatch``,
    where the rules themselves cost far more than the sort."""

    def match(event: dict[str, Any]) -> list[int]:
        return sorted(typed(event) + untyped(event))

    return match


def _conjuncts(condition: Condition, plan: PlanModel) -> list[Condition]:
    """The top-level tests a condition requires, with nested all and named conditions opened."""
    if isinstance(condition, AllOf):
        return [c for item in condition.items for c in _conjuncts(item, plan)]
    if isinstance(condition, Use):
        return _conjuncts(plan.conditions[condition.name], plan)
    return [condition]


def _index_values(test: Condition) -> list[Any] | None:
    """The values an equality test admits, when it can drive an index."""
    if not isinstance(test, FieldTest) or test.ignore_case:
        return None
    if test.op == "eq":
        key = index_key(composed_value(test.value))
        return None if key is None else [key]
    if test.op != "in":
        return None
    keys = [index_key(v) for v in composed_value(test.value)]
    return None if None in keys else keys


def _empty(event: dict[str, Any]) -> list[int]:
    return []


Member = tuple[int, Rule]
"""A rule and its ordinal (its place in firing order)."""
Facts = tuple[tuple[str, Any], ...]
"""(field, index key) pairs every event reaching a group of rules is known to have: the buckets
it was routed through. An equality test a fact answers is true there and is left out."""


@dataclass(frozen=True, slots=True)
class _Linear:
    """Rules tested one after another, in chunks of generated code."""

    members: tuple[Member, ...]
    facts: Facts


@dataclass(frozen=True, slots=True)
class _Index:
    """Rules split by the value of one field (``buckets``), plus those that do not test it."""

    parts: tuple[str, ...]
    buckets: dict[Any, Spec]
    rest: Spec


Spec = _Linear | _Index | None
"""How a group of rules is matched, before any code exists (None: no rules)."""
Emitted = tuple[Any, ...]
"""A spec whose code is queued in a unit: ("empty",), ("chunks", names) or
("index", path parts, {key: bucket spec}, rest emitted); bucket specs wait for their first event."""

MODULE_FUNCTIONS = 512
"""Generated functions per compiled module: one compile() call each (calls cost more than
source), while keeping any single module small enough to compile quickly."""


class _Unit:
    """Generated functions compiled together, their constants held in their code.

    A constant enters the source as a *placeholder*: a text literal that starts with a NUL,
    which no field name or other text written into the source can (see the module docstring).
    Once compiled, each function's placeholders are swapped for the plan's values in its code's
    constants (``CodeType.replace``), and every function of the plan is made with the one
    shared namespace (``_Generator.base``). So a bucket's code reads its constants with
    ``LOAD_CONST`` from its own constants tuple, and reads the helpers from a namespace every
    bucket shares, which stays in the CPU's caches. The constants were globals of a namespace
    per compiled unit before: on the 500-store plan, an event's two buckets each touched their
    own namespace, cold (docs/performance.md, *Targets, met and missed*).
    """

    def __init__(self, base: dict[str, Any]) -> None:
        self.base = base
        self.sources: list[str] = []
        self.values: dict[str, Any] = {}

    def constant(self, value: Any) -> str:
        """The placeholder of a constant of the plan, as the source writes it."""
        mark = f"\x00{len(self.values)}"
        self.values[mark] = value
        return repr(mark)

    def add(self, lines: list[str]) -> str:
        """Queue one function's source (its first line is ``def {name}(e):``); its name."""
        name = f"_m{len(self.sources)}"
        self.sources.append("\n".join([f"def {name}(e):", *lines]))
        return name

    def finish(self) -> dict[str, Matcher]:
        """Compile every queued function: name -> function."""
        functions: dict[str, Matcher] = {}
        for start in range(0, len(self.sources), MODULE_FUNCTIONS):
            source = "\n\n".join(self.sources[start : start + MODULE_FUNCTIONS])
            module = compile(source, "<backplan-matcher>", "exec")  # no plan text: see above
            for code in module.co_consts:
                if isinstance(code, CodeType):
                    bound = code.replace(co_consts=tuple(map(self._bound, code.co_consts)))
                    functions[code.co_name] = FunctionType(bound, self.base)
        return functions

    def _bound(self, constant: Any) -> Any:
        """A constant of compiled code with the plan's value in place of its placeholder.

        The compiler folds constants only into tuples (the source has no other display of
        constants), so a placeholder can be nowhere else.
        """
        if constant.__class__ is str:
            return self.values.get(constant, constant)
        if constant.__class__ is tuple:
            return tuple(map(self._bound, constant))
        return constant


class _Generator:
    """Builds matchers for groups of rules; one instance per plan, kept by its lazy buckets.

    Specs (which rules, indexed how) are made for the whole plan up front; code is generated
    into units, each compiled with as few compile() calls as possible, because a 10,000-rule
    plan makes thousands of small functions and compile() has a high cost per call.
    """

    def __init__(self, plan: PlanModel) -> None:
        self.plan = plan
        self.base: dict[str, Any] = {
            "_M": MISSING,
            "_NUM": frozenset((int, float)),
            "_contains": _contains,
            "_contains_any": _contains_any,
            "_contains_all": _contains_all,
            "_starts_with": _starts_with,
            "_ends_with": _ends_with,
            "_ft": fold_text,
            "_nfc": _nfc,
            "_fv": _fold_value,
            "_lt": _event_list_texts,
            "_any_in": _any_in,
            "_all_in": _all_in,
            "_lookup": lookup,
            "__builtins__": {},
            "dict": dict,
            "str": str,
            "list": list,
            "bool": bool,
        }
        self.lock = threading.Lock()
        self.patterns: dict[tuple[str, bool], Pattern] = {}
        self._index_keys: dict[int, dict[str, list[Any]]] = {}

    # --- specs ----------------------------------------------------------------------------

    def spec(self, members: list[Member], depth: int, facts: Facts) -> Spec:
        if not members:
            return None
        if len(members) >= INDEX_MIN_RULES and depth < INDEX_MAX_DEPTH:
            indexed = self._indexed(members, depth, facts)
            if indexed is not None:
                return indexed
        return _Linear(tuple(members), facts)

    def _indexed(self, members: list[Member], depth: int, facts: Facts) -> Spec:
        """The members split by the value of the field most of them test for equality, or
        None when too few do. A field a bucket already fixed (``facts``) is never split
        again: an event in the bucket of `store` 12 reaches only the bucket of 12 in a second
        index on `store`, and rules with `in:` lists of 50 stores were each copied into 50
        buckets at every depth, 413 rules taking 2.5 s and 12.8 million steps to compile (found
        by a large plan's trial)."""
        fixed = {field for field, _ in facts}
        candidates: dict[str, dict[int, list[Any]]] = {}
        for ordinal, rule in members:
            for field, keys in self.index_keys(rule).items():
                if field not in fixed:
                    candidates.setdefault(field, {})[ordinal] = keys
        if not candidates:
            return None
        field, keyed = max(candidates.items(), key=lambda item: (len(item[1]), item[0]))
        distinct = {k for keys in keyed.values() for k in keys}
        if len(keyed) < len(members) // 2 or len(distinct) < 2:
            return None
        rules = dict(members)
        buckets: dict[Any, list[int]] = {}
        for ordinal, keys in keyed.items():
            for key in dict.fromkeys(keys):
                buckets.setdefault(key, []).append(ordinal)
        rest = [(o, r) for o, r in members if o not in keyed]
        compiled = {
            key: self.spec(
                [(o, rules[o]) for o in sorted(ordinals)], depth + 1, (*facts, (field, key))
            )
            for key, ordinals in buckets.items()
        }
        return _Index(split_path(field), compiled, self.spec(rest, depth + 1, facts))

    def index_keys(self, rule: Rule) -> dict[str, list[Any]]:
        """Field -> index keys of the rule's first equality test on that field (once a rule)."""
        known = self._index_keys.get(rule.position)
        if known is None:
            known = self._index_keys[rule.position] = {}
            for test in _conjuncts(rule.condition, self.plan):
                keys = _index_values(test)
                if keys is not None:
                    assert isinstance(test, FieldTest)
                    known.setdefault(test.field, keys)
        return known

    # --- code -----------------------------------------------------------------------------

    def build(self, specs: list[Spec]) -> list[Matcher]:
        """The matchers of specs, compiled in one unit; the contents of each index bucket are
        compiled when an event first reaches it (its own buckets wait in turn)."""
        unit = _Unit(self.base)
        emitted = [self._emit(spec, unit) for spec in specs]
        functions = unit.finish()
        return [self._link(e, functions) for e in emitted]

    def _emit(self, spec: Spec, unit: _Unit) -> Emitted:
        if spec is None:
            return ("empty",)
        if isinstance(spec, _Linear):
            members = spec.members
            return (
                "chunks",
                [
                    _Chunk(self, unit, dict(spec.facts)).build(members[i : i + CHUNK_RULES])
                    for i in range(0, len(members), CHUNK_RULES)
                ],
            )
        return ("index", spec.parts, spec.buckets, self._emit(spec.rest, unit))

    def _link(self, emitted: Emitted, functions: dict[str, Matcher]) -> Matcher:
        kind = emitted[0]
        if kind == "empty":
            return _empty
        if kind == "chunks":
            chunks: list[Matcher] = [functions[name] for name in emitted[1]]
            return chunks[0] if len(chunks) == 1 else _scan(chunks)
        _, parts, buckets, rest = emitted
        table: dict[Any, Matcher] = {}
        for key, spec in buckets.items():
            table[key] = _Pending(self, spec, table, key)
        composing = any(key.__class__ is str and not one_spelling(key) for key in table)
        return _bucketed(parts, table, self._link(rest, functions), composing)

    def pattern(self, value: str, ignore_case: bool) -> Pattern:
        """A compiled ``matches`` pattern, shared by every test of the plan that uses it."""
        key = (value, ignore_case)
        known = self.patterns.get(key)
        if known is None:
            known = self.patterns[key] = compile_regex(value, ignore_case=ignore_case)
        return known


class _Pending:
    """The matcher of one index bucket until an event first reaches it.

    Its first call generates and compiles the bucket's code and puts the compiled matcher in
    its place in the bucket table, so later events call compiled code directly. A compiled plan
    is shared by threads: one lock per plan makes each bucket compile once; a thread that finds
    the bucket compiled while it waited uses that. The rules that match do not depend on when,
    or by which thread, a bucket was compiled.
    """

    __slots__ = ("generator", "key", "spec", "table")

    def __init__(
        self, generator: _Generator, spec: Spec, table: dict[Any, Matcher], key: Any
    ) -> None:
        self.generator = generator
        self.spec = spec
        self.table = table
        self.key = key

    def __call__(self, event: dict[str, Any]) -> list[int]:
        return self.compiled()(event)

    def compiled(self) -> Matcher:
        """The bucket's compiled matcher (compiling it now if no thread has yet)."""
        with self.generator.lock:
            current = self.table[self.key]
            if current is self:
                [current] = self.generator.build([self.spec])
                self.table[self.key] = current
        return current


def _scan(chunks: list[Matcher]) -> Matcher:
    def scan(event: dict[str, Any]) -> list[int]:
        found: list[int] = []
        for chunk in chunks:
            found.extend(chunk(event))
        return found

    return scan


def _composing_get(get: Callable[[Any, Matcher], Matcher]) -> Callable[[Any, Matcher], Matcher]:
    """A bucket table's ``get`` that, when an event's text finds no bucket as written, looks
    again with the text composed: for a table keyed by a text of more than one spelling
    (``Zürich``, see ``engine.textforms.one_spelling``); other tables keep their plain ``get``,
    which a text of one spelling finds as exactly."""

    def get_composed(key: Any, default: Matcher) -> Matcher:
        found = get(key, _empty)
        if found is not _empty or key.__class__ is not str or key.isascii():
            return found if found is not _empty else default
        return get(_nfc(key), default)

    return get_composed


def _bucketed(
    parts: tuple[str, ...], buckets: dict[Any, Matcher], rest: Matcher, composing: bool = False
) -> Matcher:
    """The matcher of an index: the event's bucket by the value of the field at ``parts``,
    with the ``rest``; ``composing`` when a bucket's text has more than one spelling."""
    empty = _empty
    get = _composing_get(buckets.get) if composing else buckets.get
    if len(parts) == 1 and rest is empty:  # the usual index (a store's rules): one read, one call
        return _buckets_only(parts[0], get)
    if len(parts) == 1:
        name = parts[0]

        def read(event: dict[str, Any]) -> Any:
            return event.get(name, MISSING)

    else:

        def read(event: dict[str, Any]) -> Any:
            return lookup(event, parts)

    def match(event: dict[str, Any]) -> list[int]:
        value = read(event)
        cls = value.__class__
        key = value if (cls is str or cls is int or cls is float) else index_key(value)
        hit = get(key, empty)(event) if key is not None else []
        other = rest(event)
        if not hit:
            return other
        if not other:
            return hit
        return sorted(hit + other)

    return match


def _buckets_only(name: str, get: Callable[[Any, Matcher], Matcher]) -> Matcher:
    """``_bucketed`` for an index of a top-level field where every rule is in a bucket: the
    field read inline and no matcher for the rest, the calls an event would otherwise make."""
    empty = _empty

    def match(event: dict[str, Any]) -> list[int]:
        value = event.get(name, MISSING)
        cls = value.__class__
        if cls is str or cls is int or cls is float:
            return get(value, empty)(event)
        key = index_key(value)
        return [] if key is None else get(key, empty)(event)

    return match


class _Chunk:
    """Generates one function testing a list of rules in order.

    Fields are read lazily: most tests are never reached (a rule's first test usually fails),
    so reading every field up front would cost more than the tests. A rule's first test always
    runs, so its field is read into a variable by a statement just before the rule, and every
    later rule reuses it; any other field is read where its test stands. Inside an index
    bucket, an equality test on the bucket's own field and value always holds (the event was
    routed there by that value) and is left out.

    ``ignore_case`` tests read a field's folded text from a variable of the chunk, folded by the
    first such test that runs (see ``folded``), never once per test: folding a 100,000-character
    text for each of 10,000 rules took seconds an event. ``contains`` tests of texts on a list
    read the set of its texts the same way (see ``list_texts``).
    """

    def __init__(self, generator: _Generator, unit: _Unit, facts: dict[str, Any]) -> None:
        self.plan = generator.plan
        self.generator = generator
        self.unit = unit
        self.facts = facts
        self.fields: dict[str, str] = {}
        self.folds: dict[str, str] = {}
        self.item_sets: dict[str, str] = {}
        self.temps = 0

    def build(self, members: Sequence[Member]) -> str:
        body = ["    out = []"]
        for ordinal, rule in members:
            first = self.first_test(rule.condition)
            if first is not None and first.field not in self.fields:
                name = f"v{len(self.fields)}"
                body.append(f"    {name} = {self.read(first.field)}")
                self.fields[first.field] = name
            expression = self.expression(rule.condition)
            body.append(f"    if {expression}:\n        out.append({ordinal})")
        chunk_values = [*self.folds.values(), *self.item_sets.values()]
        if chunk_values:  # none made yet: the first test that needs one makes it (see folded)
            body.insert(1, f"    {' = '.join(chunk_values)} = None")
        return self.unit.add([*body, "    return out"])

    def first_test(self, node: Condition) -> FieldTest | None:
        """The test evaluated first, whatever the event (None for an empty condition)."""
        while not isinstance(node, FieldTest):
            if isinstance(node, (AllOf, AnyOf)):
                items = node.items
                if isinstance(node, AllOf):  # known tests are left out of an `all`
                    items = tuple(i for i in items if not self.known(i))
                if not items:
                    return None
                node = items[0]
            elif isinstance(node, Not):
                node = node.item
            else:
                assert isinstance(node, Use)
                node = self.plan.conditions[node.name]
        return node

    def known(self, node: Condition) -> bool:
        """Whether the test holds for every event that reaches this chunk (see ``Facts``)."""
        if not isinstance(node, FieldTest) or node.field not in self.facts:
            return False
        keys = _index_values(node)
        return keys is not None and self.facts[node.field] in keys

    def read(self, path: str) -> str:
        """An expression reading one field of the event ``e`` (MISSING when absent)."""
        parts = split_path(path)
        if len(parts) == 1:
            return f"e.get({parts[0]!r}, _M)"
        if len(parts) == 2 and not parts[1].isdigit():
            # ``customer.tier`` read inline: a call would cost more than its two lookups
            parent = f"(_p := e.get({parts[0]!r}, _M))"
            return f"(_p.get({parts[1]!r}, _M) if {parent}.__class__ is dict else _M)"
        return f"_lookup(e, {self.constant(parts)})"

    def constant(self, value: Any) -> str:
        return self.unit.constant(value)

    def folded(self, v: str, field: str, *, lists: bool = False) -> tuple[str, str]:
        """An expression for the folded form of ``field`` (held by ``v``, already known to be
        text, or a list when ``lists``) that folds it only where no test of this chunk has yet,
        and the name of the variable that holds it once that expression has run."""
        name = self.folds.setdefault(field, f"k{len(self.folds)}")
        fold = "_fv" if lists else "_ft"
        return f"({name} if {name} is not None else ({name} := {fold}({v})))", name

    def expression(self, node: Condition) -> str:
        if isinstance(node, AllOf):
            parts = [self.expression(i) for i in node.items if not self.known(i)]
            if not parts:
                return "True"
            return parts[0] if len(parts) == 1 else "(" + " and ".join(parts) + ")"
        if isinstance(node, AnyOf):
            return "(" + " or ".join(self.expression(i) for i in node.items) + ")"
        if isinstance(node, Not):
            return f"(not {self.expression(node.item)})"
        if isinstance(node, Use):
            return self.expression(self.plan.conditions[node.name])
        if self.known(node):
            return "True"
        return self.test(node)

    def test(self, node: FieldTest) -> str:
        known = self.fields.get(node.field)
        if known is not None:
            return self.test_on(known, node)
        # Not read yet: read it where the test first uses it (``:=``), once for the whole test.
        temp = f"_t{self.temps}"
        self.temps += 1
        text = self.test_on(temp, node)
        if text.count(temp) == 1:
            return text.replace(temp, self.read(node.field))
        return text.replace(temp, f"({temp} := {self.read(node.field)})", 1)

    def test_on(self, v: str, node: FieldTest) -> str:
        """The test on the field value held by the variable ``v``."""
        # Composed as the plan reader composes them (engine.textforms), for a model made
        # otherwise (a test's own): every comparison below is with a composed text.
        op, value, ic = node.op, composed_value(node.value), node.ignore_case
        if ic and isinstance(value, str) and op in ("eq", "ne", "starts_with", "ends_with"):
            return self.text_folded(v, node)
        if op == "eq":
            return self.equals(v, value)
        if op == "ne":
            if value.__class__ in (int, float):  # unequal, and a number JSON has (see finite)
                unequal = f"{v} != {self.constant(value)}"
                return f"({self.kind_check(v, value)} and {unequal} and {self.finite(v)})"
            if isinstance(value, str):  # one class test
                unequal = f"{v} != {self.constant(value)}"
                if not one_spelling(value):  # unequal as written, and composed (see equals)
                    unequal += f" and ({v}.isascii() or _nfc({v}) != {self.constant(value)})"
                return f"({self.kind_check(v, value)} and {unequal})"
            return f"({self.kind_check(v, value)} and not {self.equals(v, value)})"
        if op == "in":
            return self.member(v, node, negate=False)
        if op == "not_in":
            return self.member(v, node, negate=True)
        if op in ("lt", "lte", "gt", "gte"):
            return f"({self.kind_check(v, value)} and {self.ordered(v, op, value)})"
        if op == "between":
            low, high = value
            between = self.composed(v) if isinstance(low, str) else v
            return (
                f"({self.kind_check(v, low)} and "
                f"{self.constant(low)} <= {between} <= {self.constant(high)})"
            )
        if op == "matches":
            pattern = self.constant(self.generator.pattern(value, ic))
            return f"({v}.__class__ is str and {pattern}.search({self.composed(v)}) is not None)"
        if op in ("exists", "missing"):
            present = f"({v} is not _M and {v} is not None)"
            wants_present = value if op == "exists" else not value
            return present if wants_present else f"(not {present})"
        if op in ("starts_with", "ends_with") and not ic:
            return self.edge(v, op, value)
        if op in _CONTAINS:  # pragma: no branch - every other op returned above (the schema
            # has `starts_with` and `ends_with` of text only)
            inline = (
                self.contains_folded(v, node) if ic else self.contains(v, op, value, node.field)
            )
            if inline is not None:
                return inline
        # The rarer contains (long lists, values that are not text): the reference functions.
        return f"_{op}({v}, {self.constant(value)}, {ic!r})"

    def composed(self, v: str) -> str:
        """The text held by ``v`` composed (``engine.textforms``): as it is when ASCII. ``v``
        must be read earlier in the test (its class checked), as a conditional expression
        runs its middle first."""
        return f"({v} if {v}.isascii() else _nfc({v}))"

    def edge(self, v: str, op: str, value: str) -> str:
        """``starts_with`` or ``ends_with`` a text, case as written, on the event's text
        composed. A text of one spelling (``engine.textforms.one_spelling``) is found as
        written exactly where composed, but at the start of a text where an accent follows
        it (`cafe` then U+0301): there a text not ASCII is confirmed composed."""
        method, const = op.replace("_", ""), self.constant(value)
        if not one_spelling(value):
            return f"({v}.__class__ is str and {self.composed(v)}.{method}({const}))"
        test = f"{v}.__class__ is str and {v}.{method}({const})"
        if op == "starts_with":
            test += f" and ({v}.isascii() or _nfc({v}).startswith({const}))"
        return f"({test})"

    def text_member(self, v: str, texts: list[str], negate: bool) -> str:
        """``in`` or ``not_in`` a set of texts, for ``v`` known to hold text: as written, and,
        for a set with a text of more than one spelling, composed when it is not ASCII."""
        every = self.constant(frozenset(texts))
        if all(one_spelling(text) for text in texts):
            return f"{v} {'not in' if negate else 'in'} {every}"
        if negate:
            return f"{v} not in {every} and ({v}.isascii() or _nfc({v}) not in {every})"
        return f"({v} in {every} or (not {v}.isascii() and _nfc({v}) in {every}))"

    def text_folded(self, v: str, node: FieldTest) -> str:
        """``eq``, ``ne``, ``starts_with`` or ``ends_with`` a text, ignoring case: the field's
        folded text (see ``folded``) against the plan's text, folded here once."""
        folded, _ = self.folded(v, node.field)
        const = self.constant(fold(node.value))
        test = {
            "eq": f"{folded} == {const}",
            "ne": f"{folded} != {const}",
            "starts_with": f"{folded}.startswith({const})",
            "ends_with": f"{folded}.endswith({const})",
        }[node.op]
        return f"({v}.__class__ is str and {test})"

    def contains_folded(self, v: str, node: FieldTest) -> str | None:
        """``contains`` (``_any``, ``_all``) of texts ignoring case: the plan's texts folded
        here, looked for in the field's folded text or the folded texts of its list (see
        ``folded``); None when a plan value is not text, for the reference functions."""
        op, value = node.op, node.value
        texts = [value] if op == "contains" else value
        if not texts or not all(isinstance(t, str) for t in texts):
            return None
        folded, name = self.folded(v, node.field, lists=True)
        consts = [self.constant(fold(t)) for t in texts]
        if len(consts) > MAX_INLINE_TEXTS:
            every = self.constant(tuple(fold(t) for t in texts))
            found = f"_{'all' if op == 'contains_all' else 'any'}_in({folded}, {every})"
        else:  # the first test folds (when no earlier one did); the others read the variable
            tests = [f"{consts[0]} in {folded}", *(f"{c} in {name}" for c in consts[1:])]
            found = f"({(' and ' if op == 'contains_all' else ' or ').join(tests)})"
        return f"(({v}.__class__ is str or {v}.__class__ is list) and {found})"

    def contains(self, v: str, op: str, value: Any, field: str) -> str | None:
        """``contains`` (``_any``, ``_all``) of texts as Python's ``in``, or None for other
        values, which go to the reference functions.

        A text contains a text as a substring: ``in`` is the whole test. A list contains a text
        when an item *of the class* ``str`` equals it: a long list is looked up in the set of
        its texts (see ``list_texts``), and a short one searched with ``in``, which also takes
        an equal subclass of ``str`` (only an embedding app can pass one), so a short list that
        ``in`` finds the text in is confirmed by the reference function; a list it does not
        find it in, the usual case, is answered without a call. More than
        :data:`MAX_INLINE_TEXTS` texts are tested by ``_any_in``/``_all_in`` over a tuple of
        them, to keep the code small (and a short list by the reference function).

        Texts are compared composed (``engine.textforms``). A plan's text of one spelling
        (``one_spelling``: `late`) found in a text as written is in it composed too, but
        where an accent follows it (`cafe` in `cafe` and U+0301, `café`), so a text not ASCII
        in which it is found is confirmed by the reference function; one it is not found in
        does not hold it composed either, nor a list. A plan's text of more than one spelling
        (`café`) is looked for as written in an ASCII text and in a long list's set (of
        composed texts), and by the reference function in any other text and a short list.
        """
        texts = [value] if op == "contains" else value
        if not all(isinstance(t, str) for t in texts):
            return None
        alone = all(one_spelling(t) for t in texts)
        texts_of, name = self.list_texts(v, field)
        reference = f"_{op}({v}, {self.constant(value)}, False)"
        if len(texts) > MAX_INLINE_TEXTS:
            seek = f"_{'all' if op == 'contains_all' else 'any'}_in"
            every = self.constant(tuple(texts))
            in_text = f"{seek}({v}, {every})"
            in_list = f"({seek}({name}, {every}) if {texts_of} is not {v} else {reference})"
        else:
            joiner = " and " if op == "contains_all" else " or "
            consts = [self.constant(text) for text in texts]
            in_text = f"({joiner.join(f'{const} in {v}' for const in consts)})"
            if alone:
                found = joiner.join(
                    [f"{consts[0]} in {texts_of}", *(f"{c} in {name}" for c in consts[1:])]
                )
                in_list = f"({found}) and ({name} is not {v} or {reference})"
            else:
                found = joiner.join(f"{const} in {name}" for const in consts)
                in_list = f"(({found}) if {texts_of} is not {v} else {reference})"
        if alone:
            in_text = f"{in_text} and ({v}.isascii() or {reference})"
        else:  # `v` was read by the class test before: the condition runs first
            in_text = f"({in_text} if {v}.isascii() else {reference})"
        return f"(({v}.__class__ is str and {in_text}) or ({v}.__class__ is list and {in_list}))"

    def list_texts(self, v: str, field: str) -> tuple[str, str]:
        """An expression for what ``contains`` looks in for the list held by ``v``
        (``engine.operators.list_texts``: the list, or the set of its texts when it is long),
        made only where no test of this chunk has yet, and the variable that holds it then."""
        name = self.item_sets.setdefault(field, f"s{len(self.item_sets)}")
        return f"({name} if {name} is not None else ({name} := _lt({v})))", name

    def finite(self, v: str) -> str:
        """That the number held by ``v`` is finite: one chained comparison with constants (no
        call), false for NaN and the infinities, floats JSON has not that an embedding app may
        pass (``engine.operators.is_non_finite``): every test but ``exists`` fails on them."""
        return f"{self.constant(-math.inf)} < {v} < {self.constant(math.inf)}"

    def ordered(self, v: str, op: str, value: Any) -> str:
        """``lt``/``lte``/``gt``/``gte`` on the value held by ``v`` (of the plan value's kind).

        With a number, the comparison is chained with the infinity on its open side, where it
        costs one comparison: ``-inf < v <= 2``. NaN fails any comparison already, and the
        infinity on the other side fails the plan's bound (a plan's numbers are finite)."""
        symbol = {"lt": "<", "lte": "<=", "gt": ">", "gte": ">="}[op]
        const = self.constant(value)
        if isinstance(value, str):  # composed: an accent apart sorts after every letter
            return f"{self.composed(v)} {symbol} {const}"
        if op in ("lt", "lte"):
            return f"{self.constant(-math.inf)} < {v} {symbol} {const}"
        reversed_symbol = "<" if op == "gt" else "<="  # v > c is c < v: the bound first
        return f"{const} {reversed_symbol} {v} < {self.constant(math.inf)}"

    def kind_check(self, v: str, value: Any) -> str:
        if value is None:  # pragma: no cover - the schema refuses `ne`, `lt`... `between` of null
            return f"({v} is None)"
        if value is True or value is False:
            return f"({v}.__class__ is bool)"
        if isinstance(value, str):
            return f"({v}.__class__ is str)"
        return f"({v}.__class__ in _NUM)"

    def equals(self, v: str, value: Any) -> str:
        """Equality with a plan value (a text ignoring case is ``text_folded``'s)."""
        if value is None:
            return f"({v} is None)"
        if value is True or value is False:
            return f"({v} is {value!r})"
        if isinstance(value, str):
            # Equal first, its class only then: an unequal value (the usual) costs no more. A
            # `str` subclass (only an embedding app can pass one) is not text, as everywhere.
            # `is True`, not the truth of `==`: an app's value whose `==` answers with neither
            # true nor false (pandas' NA, a numpy array) made bool() raise inside the matcher.
            equal = f"(({v} == {self.constant(value)}) is True and {v}.__class__ is str)"
            if one_spelling(value):  # equal as written exactly when equal composed
                return equal
            # Else an event's text not ASCII may be another spelling of it (`Zürich`
            # decomposed): unequal as written, it is composed and compared again.
            composed = f"_nfc({v}) == {self.constant(value)}"
            return f"({equal} or ({v}.__class__ is str and not {v}.isascii() and {composed}))"
        return f"({v}.__class__ in _NUM and {v} == {self.constant(value)})"

    def member(self, v: str, node: FieldTest, *, negate: bool) -> str:
        values, ic = composed_value(node.value), node.ignore_case
        texts = [x for x in values if isinstance(x, str)]
        numbers = [x for x in values if x.__class__ in (int, float)]
        bools = [x for x in values if x is True or x is False]
        has_null = any(x is None for x in values)
        word = "not in" if negate else "in"
        parts: list[str] = []
        if texts:
            if ic:
                folded = self.folded(v, node.field)[0]
                every = self.constant(frozenset(fold(t) for t in texts))
                parts.append(f"({v}.__class__ is str and {folded} {word} {every})")
            else:
                parts.append(f"({v}.__class__ is str and {self.text_member(v, texts, negate)})")
        if numbers:
            finite = f" and {self.finite(v)}" if negate else ""  # NaN is in no set already
            parts.append(
                f"({v}.__class__ in _NUM and {v} {word} {self.constant(frozenset(numbers))}"
                f"{finite})"
            )
        if bools:
            parts.append(
                f"({v}.__class__ is bool and {v} {word} {self.constant(frozenset(bools))})"
            )
        if has_null and not negate:
            parts.append(f"({v} is None)")
        return "(" + " or ".join(parts) + ")" if parts else "False"
