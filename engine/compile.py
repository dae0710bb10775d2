"""Compile a plan into a matcher: generated Python, indexed by event type and equality tests.

A plan is consulted for every complaint, so its conditions are compiled once into Python source
and then into bytecode, instead of being interpreted per event:

* rules are first split by event type (a dict lookup picks the rules that can apply);
* within a type, when many rules test the same field for equality (``store: eq: S12``), they are
  bucketed by that value, so a 10,000-rule multi-store plan costs about what one store's rules
  cost;
* the remaining rules become straight-line generated code, in chunks, each field read once.

Safety: the generated source never contains a plan's text. Field names are validated paths and
enter as ``repr`` of a checked string; every constant (values, patterns) is passed in through the
namespace by name. The readable definition of each operator is ``engine.operators``; the
differential tests hold this module to it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from engine.fields import MISSING, lookup, split_path
from engine.gcpause import paused_gc
from engine.model import AllOf, AnyOf, Condition, FieldTest, Not, PlanModel, Rule, Use
from engine.operators import _contains, _contains_all, _contains_any, _ends_with, _starts_with
from engine.regex import compile_regex

Matcher = Callable[[dict[str, Any]], list[int]]
"""An event -> the ordinals (positions in firing order) of the rules that match, ascending."""

CHUNK_RULES = 128
"""Rules per generated function: keeps each function quick to compile and cheap to call."""
INDEX_MIN_RULES = 16
"""A group smaller than this is scanned; indexing it would cost more than it saves."""
INDEX_MAX_DEPTH = 3
"""How many fields deep equality indexes may nest."""


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
    by_type: dict[str, Matcher]
    """Event type -> the matcher of the rules for that type (rules for any type excluded)."""
    untyped: Matcher
    """The matcher of the rules for any event type (compiled once, not into every type)."""
    fallback_by_type: dict[str, Matcher]
    fallback_untyped: Matcher

    def match(self, event: dict[str, Any]) -> list[int]:
        """Ordinals of the (non-fallback) rules whose conditions hold, ascending."""
        return _combined(event, self.by_type, self.untyped)

    def match_fallbacks(self, event: dict[str, Any]) -> list[int]:
        """Ordinals into ``fallbacks`` of the fallback rules whose conditions hold."""
        return _combined(event, self.fallback_by_type, self.fallback_untyped)


def _combined(event: dict[str, Any], by_type: dict[str, Matcher], untyped: Matcher) -> list[int]:
    found = untyped(event)
    kind = event.get("type")
    typed = by_type.get(kind) if kind.__class__ is str else None
    if typed is None:
        return found
    hit = typed(event)
    if not found:
        return hit
    if not hit:
        return found
    return sorted(hit + found)


def compile_plan(plan: PlanModel) -> CompiledMatcher:
    """Compile a checked plan (``engine.checks`` passed) into a matcher."""
    with paused_gc():  # many objects, all kept: see engine.gcpause
        ordered = [r for r in plan.firing_order() if r.enabled]
        rules = tuple(r for r in ordered if not r.fallback)
        fallbacks = tuple(r for r in ordered if r.fallback)
        generator = _Generator(plan)
        by_type, untyped = _dispatch(rules, generator)
        fallback_by_type, fallback_untyped = _dispatch(fallbacks, generator)
        generator.finish()
        build = generator.materialize
        return CompiledMatcher(
            rules,
            fallbacks,
            {kind: build(spec) for kind, spec in by_type.items()},
            build(untyped),
            {kind: build(spec) for kind, spec in fallback_by_type.items()},
            build(fallback_untyped),
        )


def _dispatch(rules: Sequence[Rule], generator: _Generator) -> tuple[dict[str, Spec], Spec]:
    types = sorted({t for r in rules for t in (r.events or ())})
    untyped_ordinals = [i for i, r in enumerate(rules) if r.events is None]
    by_type = {
        kind: generator.matcher(
            [i for i, r in enumerate(rules) if r.events is not None and kind in r.events], rules, 0
        )
        for kind in types
    }
    return by_type, generator.matcher(untyped_ordinals, rules, 0)


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
    values = [test.value] if test.op == "eq" else test.value if test.op == "in" else None
    if values is None:
        return None
    keys = [index_key(v) for v in values]
    return None if any(k is None for k in keys) else keys


def _empty(event: dict[str, Any]) -> list[int]:
    return []


def _get2(event: dict[str, Any], first: str, second: str) -> Any:
    """``customer.tier``: the value, or MISSING (generated code calls this in small chunks)."""
    parent = event.get(first, MISSING)
    return parent.get(second, MISSING) if parent.__class__ is dict else MISSING


Spec = tuple[Any, ...]
"""A matcher before its code is compiled: ("empty",), ("chunk", name), ("scan", names) or
("bucketed", path parts, {key: spec}, rest spec)."""

MODULE_FUNCTIONS = 512
"""Generated functions per compiled module: one compile() call each (calls cost more than
source), while keeping any single module small enough to compile quickly."""


class _Generator:
    """Builds matchers for groups of rules; one instance per plan.

    Code generation and compilation are separate steps: every chunk's source is collected first
    and compiled in a few large modules (``finish``), because a 10,000-rule plan makes thousands
    of small functions and compile() has a high cost per call.
    """

    def __init__(self, plan: PlanModel) -> None:
        self.plan = plan
        self.namespace: dict[str, Any] = {
            "_M": MISSING,
            "_NUM": frozenset((int, float)),
            "_contains": _contains,
            "_contains_any": _contains_any,
            "_contains_all": _contains_all,
            "_starts_with": _starts_with,
            "_ends_with": _ends_with,
            "_lookup": lookup,
            "_g2": _get2,
            "__builtins__": {},
            "dict": dict,
            "str": str,
            "bool": bool,
        }
        self.sources: list[str] = []
        self.constants = 0

    def matcher(self, ordinals: list[int], rules: Sequence[Rule], depth: int) -> Spec:
        if not ordinals:
            return ("empty",)
        if len(ordinals) >= INDEX_MIN_RULES and depth < INDEX_MAX_DEPTH:
            indexed = self._indexed(ordinals, rules, depth)
            if indexed is not None:
                return indexed
        return self._linear(ordinals, rules)

    def _indexed(self, ordinals: list[int], rules: Sequence[Rule], depth: int) -> Spec | None:
        candidates: dict[str, dict[int, list[Any]]] = {}
        for ordinal in ordinals:
            for test in _conjuncts(rules[ordinal].condition, self.plan):
                keys = _index_values(test)
                if keys is not None:
                    assert isinstance(test, FieldTest)
                    candidates.setdefault(test.field, {}).setdefault(ordinal, keys)
        if not candidates:
            return None
        field, keyed = max(candidates.items(), key=lambda item: (len(item[1]), item[0]))
        distinct = {k for keys in keyed.values() for k in keys}
        if len(keyed) < len(ordinals) // 2 or len(distinct) < 2:
            return None
        buckets: dict[Any, list[int]] = {}
        for ordinal, keys in keyed.items():
            for key in dict.fromkeys(keys):
                buckets.setdefault(key, []).append(ordinal)
        rest = [o for o in ordinals if o not in keyed]
        compiled = {
            key: self.matcher(sorted(members), rules, depth + 1) for key, members in buckets.items()
        }
        return ("bucketed", split_path(field), compiled, self.matcher(rest, rules, depth + 1))

    def _linear(self, ordinals: list[int], rules: Sequence[Rule]) -> Spec:
        names = [
            _Chunk(self).build([(o, rules[o]) for o in ordinals[i : i + CHUNK_RULES]])
            for i in range(0, len(ordinals), CHUNK_RULES)
        ]
        if len(names) == 1:
            return ("chunk", names[0])
        return ("scan", names)

    def constant(self, value: Any) -> str:
        """The namespace name of a constant of the plan (values enter code only by name)."""
        name = f"_c{self.constants}"
        self.constants += 1
        self.namespace[name] = value
        return name

    def add(self, lines: list[str]) -> str:
        """Queue one function's source (its first line is ``def {name}(e):``); its name."""
        name = f"_m{len(self.sources)}"
        self.sources.append("\n".join([f"def {name}(e):", *lines]))
        return name

    def finish(self) -> None:
        """Compile every queued function into the namespace."""
        for start in range(0, len(self.sources), MODULE_FUNCTIONS):
            source = "\n\n".join(self.sources[start : start + MODULE_FUNCTIONS])
            code = compile(source, "<backplan-matcher>", "exec")
            exec(code, self.namespace)  # the source holds no plan text: see the module docstring
        self.sources = []

    def materialize(self, spec: Spec) -> Matcher:
        """The callable matcher of a spec (after ``finish``)."""
        kind = spec[0]
        if kind == "empty":
            return _empty
        if kind == "chunk":
            function: Matcher = self.namespace[spec[1]]
            return function
        if kind == "scan":
            chunks = [self.namespace[name] for name in spec[1]]

            def scan(event: dict[str, Any]) -> list[int]:
                found: list[int] = []
                for chunk in chunks:
                    found.extend(chunk(event))
                return found

            return scan
        _, parts, buckets, rest = spec
        return _bucketed(
            parts,
            {key: self.materialize(sub) for key, sub in buckets.items()},
            self.materialize(rest),
        )


def _bucketed(parts: tuple[str, ...], buckets: dict[Any, Matcher], rest: Matcher) -> Matcher:
    empty = _empty
    get = buckets.get
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


class _Chunk:
    """Generates one function testing a list of rules in order.

    Fields are read lazily: most tests are never reached (a rule's first test usually fails),
    so reading every field up front would cost more than the tests. A rule's first test always
    runs, so its field is read into a variable by a statement just before the rule, and every
    later rule reuses it; any other field is read where its test stands.
    """

    def __init__(self, generator: _Generator) -> None:
        self.plan = generator.plan
        self.generator = generator
        self.fields: dict[str, str] = {}
        self.temps = 0

    def build(self, members: list[tuple[int, Rule]]) -> str:
        body = ["    out = []"]
        for ordinal, rule in members:
            first = self.first_test(rule.condition)
            if first is not None and first.field not in self.fields:
                name = f"v{len(self.fields)}"
                body.append(f"    {name} = {self.read(first.field)}")
                self.fields[first.field] = name
            expression = self.expression(rule.condition)
            body.append(f"    if {expression}:\n        out.append({ordinal})")
        return self.generator.add([*body, "    return out"])

    def first_test(self, node: Condition) -> FieldTest | None:
        """The test evaluated first, whatever the event (None for an empty condition)."""
        while not isinstance(node, FieldTest):
            if isinstance(node, (AllOf, AnyOf)):
                if not node.items:
                    return None
                node = node.items[0]
            elif isinstance(node, Not):
                node = node.item
            else:
                assert isinstance(node, Use)
                node = self.plan.conditions[node.name]
        return node

    def read(self, path: str) -> str:
        """An expression reading one field of the event ``e`` (MISSING when absent)."""
        parts = split_path(path)
        if len(parts) == 1:
            return f"e.get({parts[0]!r}, _M)"
        if len(parts) == 2 and not parts[1].isdigit():
            return f"_g2(e, {parts[0]!r}, {parts[1]!r})"
        return f"_lookup(e, {self.constant(parts)})"

    def constant(self, value: Any) -> str:
        return self.generator.constant(value)

    def expression(self, node: Condition) -> str:
        if isinstance(node, AllOf):
            if not node.items:
                return "True"
            return "(" + " and ".join(self.expression(i) for i in node.items) + ")"
        if isinstance(node, AnyOf):
            return "(" + " or ".join(self.expression(i) for i in node.items) + ")"
        if isinstance(node, Not):
            return f"(not {self.expression(node.item)})"
        if isinstance(node, Use):
            return self.expression(self.plan.conditions[node.name])
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
        op, value, ic = node.op, node.value, node.ignore_case
        if op == "eq":
            return self.equals(v, value, ic)
        if op == "ne":
            return f"({self.kind_check(v, value)} and not {self.equals(v, value, ic)})"
        if op == "in":
            return self.member(v, value, ic, negate=False)
        if op == "not_in":
            return self.member(v, value, ic, negate=True)
        if op in ("lt", "lte", "gt", "gte"):
            symbol = {"lt": "<", "lte": "<=", "gt": ">", "gte": ">="}[op]
            return f"({self.kind_check(v, value)} and {v} {symbol} {self.constant(value)})"
        if op == "between":
            low, high = value
            return (
                f"({self.kind_check(v, low)} and "
                f"{self.constant(low)} <= {v} <= {self.constant(high)})"
            )
        if op == "matches":
            pattern = self.constant(compile_regex(value, ignore_case=ic))
            return f"({v}.__class__ is str and {pattern}.search({v}) is not None)"
        if op in ("exists", "missing"):
            present = f"({v} is not _M and {v} is not None)"
            wants_present = value if op == "exists" else not value
            return present if wants_present else f"(not {present})"
        if op == "starts_with" and not ic:
            return f"({v}.__class__ is str and {v}.startswith({self.constant(value)}))"
        if op == "ends_with" and not ic:
            return f"({v}.__class__ is str and {v}.endswith({self.constant(value)}))"
        # contains*, and ignore_case starts/ends: rarer, so call the reference functions.
        return f"_{op}({v}, {self.constant(value)}, {ic!r})"

    def kind_check(self, v: str, value: Any) -> str:
        if value is None:
            return f"({v} is None)"
        if value is True or value is False:
            return f"({v}.__class__ is bool)"
        if isinstance(value, str):
            return f"({v}.__class__ is str)"
        return f"({v}.__class__ in _NUM)"

    def equals(self, v: str, value: Any, ic: bool) -> str:
        if value is None:
            return f"({v} is None)"
        if value is True or value is False:
            return f"({v} is {value!r})"
        if isinstance(value, str):
            if ic:
                return f"({v}.__class__ is str and {v}.casefold() == {self.constant(value.casefold())})"
            return f"({v} == {self.constant(value)})"
        return f"({v}.__class__ in _NUM and {v} == {self.constant(value)})"

    def member(self, v: str, values: list[Any], ic: bool, *, negate: bool) -> str:
        texts = [x for x in values if isinstance(x, str)]
        numbers = [x for x in values if x.__class__ in (int, float)]
        bools = [x for x in values if x is True or x is False]
        has_null = any(x is None for x in values)
        word = "not in" if negate else "in"
        parts: list[str] = []
        if texts:
            folded = frozenset(t.casefold() for t in texts) if ic else frozenset(texts)
            read = f"{v}.casefold()" if ic else v
            parts.append(f"({v}.__class__ is str and {read} {word} {self.constant(folded)})")
        if numbers:
            parts.append(
                f"({v}.__class__ in _NUM and {v} {word} {self.constant(frozenset(numbers))})"
            )
        if bools:
            parts.append(
                f"({v}.__class__ is bool and {v} {word} {self.constant(frozenset(bools))})"
            )
        if has_null and not negate:
            parts.append(f"({v} is None)")
        return "(" + " or ".join(parts) + ")" if parts else "False"
