"""Which of the fields a plan tests an event holds with a value the event schema does not allow.

A test on a field of the wrong kind is simply false (``rating: "1"`` fails ``rating lte 2``),
as docs/semantics.md says: the event is decided all the same, perhaps by the fallback, and
nobody learns that the sending system writes ratings as text. ``backplan eval --strict``
rejects such events, but it is opt-in and checks every field. This module answers the cheaper
question that matters for the decision in hand: does the event hold a field that **this plan
tests** with a value the event schema does not allow there? ``backplan eval`` counts such
events and says so once, at the end, so the silent case is no longer silent.

Only standard fields count (those ``schemas/event.schema.json`` describes, via
``engine.eventfields``): a field the schema does not know may hold anything JSON has. A group
of fields or a list on the way (``customer`` for ``customer.tier``) that is neither counts too:
every test below it is false. So does a float JSON has no number for (NaN, an infinity: only
an embedding app's event holds one, pandas writes NaN for a missing value), in any tested
field: every test on it but ``exists`` is false; among a tested list's items (``tags: [NaN]``),
the item is named (``tags.0``), as ``engine.eventschema`` names it.

The same goes for a percentage offer (``percent`` of ``order.total``): a base the event holds
off the schema (``"total": "59.90"``) leaves the offer unresolved, at the rule's minimum for a
person to size (docs/semantics.md), and :func:`priced_check` finds such a field for a decision
that holds an unresolved offer. A base must be a number whatever the schema says, so there any
field counts, a plan's own (``stay.total``) as much as a standard one: text, true or false, a
list or a group of fields where a number is read is a slip of the sending system (found by
review: a hotel's ``"stay": {"total": "420"}`` went unsaid).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from engine.checks import plan_actions, walk
from engine.eventfields import FieldInfo, resolve
from engine.fields import MISSING, lookup, split_path
from engine.model import Condition, FieldTest, PlanModel, Use, nameable_event_type
from engine.operators import is_non_finite

_CLASSES = {
    "number": (int, float),
    "text": (str,),
    "bool": (bool,),
    "null": (type(None),),
    "list": (list,),
    "object": (dict,),
}
"""The Python classes of each kind of JSON value (``engine.eventfields``' words)."""

_ANY_KIND = frozenset({"exists", "missing"})
"""Operators that hold or fail whatever the kind of the field's value."""

OffSchema = Callable[[dict[str, Any]], str | None]
"""An event -> the first field the plan tests that it holds off the schema, or None."""


def plan_check(plan: PlanModel) -> OffSchema:
    """The check for the fields the plan's enabled regular rules test (through the named
    conditions they use; not the fallback rules', which decide only once no rule matched): for
    an event, only the rules for its type and those for every type count, as only they could
    have matched it. Each type's check is generated when first asked for; an event of a type
    no rule names shares the check of the rules for every type (so however many types come,
    the checks stay as many as the plan's types)."""
    by_type = tested_paths_by_type(plan)
    every = by_type.pop(None, set())
    checks: dict[str | None, OffSchema] = {}

    def first_off(event: dict[str, Any]) -> str | None:
        kind = event.get("type")
        if kind.__class__ is not str or kind not in by_type:
            if by_type and kind.__class__ is str and not nameable_event_type(kind):
                return "type"  # no rule could name it (`Review`): the rules for it never ran
            kind = None
        check = checks.get(kind)
        if check is None:  # threads may race here: they make equal checks
            check = checks[kind] = off_schema_check(by_type.get(kind, set()) | every)
        return check(event)

    return first_off


PricedOffSchema = Callable[[dict[str, Any], dict[str, Any]], str | None]
"""An event and its decision document -> the first field an unresolved offer of the decision
is a percentage of that the event holds off the schema, or None."""


def priced_check(plan: PlanModel) -> PricedOffSchema:
    """The check of the fields the unresolved offers of a decision are percentages of (each
    offer's ``of``, as the plan writes it). An offer is unresolved when its base is missing,
    null, negative, too large or not a number: only the last is a slip of the sending system
    worth a warning, in any field (an extra field's ``"420"`` as much as ``order.total``'s),
    as is a standard base's value the schema does not allow there.

    Most events hold every base the plan reads on the schema, or none, so they are answered by
    one generated check of all the plan's bases; only an event that holds one off the schema
    has its decision's unresolved offers read, to name a base one of them is a percentage of
    (each base's own check is generated when first asked for)."""
    bases_by_rule: dict[str, list[str]] = {}
    for rule, action in plan_actions(plan):
        if action.of:
            bases_by_rule.setdefault(rule.id, []).append(action.of)
    every_base = {of for bases in bases_by_rule.values() for of in bases}
    any_off = off_schema_check(every_base, numbers=every_base)
    # A record set aside as `unresolved` names its rule, not its offer: only a rule with one
    # percentage says which base it was (of several, one missing and one holding text, the
    # record may be the missing one's, which is no slip: better unsaid than said wrongly).
    base_of_rule = {rule: bases[0] for rule, bases in bases_by_rule.items() if len(bases) == 1}
    checks: dict[str, OffSchema] = {}

    def off(of: str, event: dict[str, Any]) -> str | None:
        check = checks.get(of)
        if check is None:  # threads may race here: they make equal checks
            check = checks[of] = off_schema_check((of,), numbers=(of,))
        return check(event)

    def first_unsized(event: dict[str, Any], decision: dict[str, Any]) -> str | None:
        if any_off(event) is None:
            return None  # the usual event: every base the plan reads is a number, or none
        for action in decision["actions"]:
            params = action["params"]
            unresolved = params.get("unresolved") is True and action["type"] == "compensate"
            if unresolved and (field := off(params["of"], event)) is not None:
                return field
        summary = decision["compensation"]
        for record in summary["superseded"] if summary else ():  # set aside, not made
            of = base_of_rule.get(record["rule"]) if record["reason"] == "unresolved" else None
            if of is not None and (field := off(of, event)) is not None:
                return field
        return None

    return first_unsized


def tested_paths_by_type(plan: PlanModel) -> dict[str | None, set[str]]:
    """The paths of the fields the enabled rules test, by the event types the rules are for
    (None: rules for every type), through the named conditions they use; fallback rules are
    left out."""
    by_type: dict[str | None, set[str]] = {}
    used: dict[str, frozenset[str]] = {}  # a named condition's paths, worked out once
    for rule in plan.rules:
        if rule.enabled and not rule.fallback:
            paths = _tested(rule.condition, plan, used, frozenset())
            for kind in rule.events or (None,):
                by_type.setdefault(kind, set()).update(paths)
    return by_type


def _tested(
    tree: Condition, plan: PlanModel, used: dict[str, frozenset[str]], seen: frozenset[str]
) -> set[str]:
    """The paths a condition tree tests, named conditions followed (``seen``: those on the
    way, so a cycle, which validation refuses anyway, ends)."""
    paths: set[str] = set()
    for node in walk(tree):
        if isinstance(node, FieldTest) and node.op in _ANY_KIND:
            group = node.field.rpartition(".")[0]
            info = resolve(group).info if group else None
            if info is not None and info.kinds & {"object", "list"}:
                paths.add(group)  # no value's kind matters, but a group on the way does
        elif isinstance(node, FieldTest):
            paths.add(node.field)
        elif isinstance(node, Use) and node.name in plan.conditions and node.name not in seen:
            known = used.get(node.name)
            if known is None:
                inner = plan.conditions[node.name]
                known = used[node.name] = frozenset(_tested(inner, plan, used, seen | {node.name}))
            paths |= known
    return paths


def off_schema_check(tested_paths: Iterable[str], numbers: Iterable[str] = ()) -> OffSchema:
    """The check for the standard fields among ``tested_paths`` (each tested field's path, as
    the plan writes it), and the groups of fields on the way to them, in path order; then for
    the fields of ``numbers`` (percentages' bases), which must hold a number, null or nothing
    whatever the schema says (:func:`_emit_free`).

    The check is generated code, as the matcher is (about 60 ns a field instead of 300): one
    look-up and one class test per field, each group's fields under one test that it is a
    group. Names and values enter the code as constants, never as text.
    """
    bases = frozenset(numbers)
    paths = sorted(set(tested_paths) | bases)
    tree: _Tree = {}
    for path in paths:
        tokens = path.split(".")
        node = tree
        for depth in range(1, len(tokens) + 1):
            info = resolve(".".join(tokens[:depth])).info
            last = depth == len(tokens)
            if info is None or not (last or info.kinds & {"object", "list"}):
                break  # not a standard field, or nothing can be below it (lint says so)
            known = node.get(tokens[depth - 1])
            if known is None or (last and not known[1]):
                known = node[tokens[depth - 1]] = (info, last, known[2] if known else {})
            if "object" not in info.kinds:
                break  # a list (`order.items`): checked, but what is inside is free content
            node = known[2]
    namespace: dict[str, Any] = {
        "_MISSING": _MISSING,
        "_NINF": -math.inf,
        "_INF": math.inf,
        "_lookup": lookup,
        "_base_value": _base_value,
        "_Blocked": _Blocked,
        "_non_finite_place": _non_finite_place,
    }
    body = _emit(tree, "e", 1, namespace) + _emit_free(paths, bases, namespace) or ["    pass"]
    source = "def first_off(e):\n" + "\n".join(body) + "\n    return None\n"
    exec(compile(source, "<backplan-off-schema>", "exec"), namespace)
    check: OffSchema = namespace["first_off"]
    return check


_Tree = dict[str, tuple[FieldInfo, bool, "_Tree"]]
"""A field name -> its schema entry, whether the plan tests it, and the fields below it."""


def _emit(tree: _Tree, group: str, depth: int, namespace: dict[str, Any]) -> list[str]:
    """The statements checking the fields of ``tree`` in the group held by ``group``: one
    look-up and one class test for the usual field (a missing one has a class of its own,
    :class:`_Missing`, which every field allows)."""
    pad = "    " * depth
    value = f"v{depth}"
    lines: list[str] = []
    for name, (info, tested, below) in tree.items():
        key = _constant(namespace, name)
        path = _constant(namespace, info.path)
        classes = _constant(namespace, _classes(info, tested, bool(below)) | {_Missing})
        extra = []  # what else a value of an allowed class must be
        if tested and info.whole:  # NaN and the infinities are no whole numbers either
            extra.append(f"({value}.__class__ is float and not {value}.is_integer())")
        elif tested and "number" in info.kinds:  # a float JSON has no number for
            extra.append(f"({value}.__class__ is float and not _NINF < {value} < _INF)")
        allowed = _allowed(info) if tested else None
        if allowed is not None:
            extra.append(
                f"({value}.__class__ is str and {value} not in {_constant(namespace, allowed)})"
            )
        items = tested and "list" in info.kinds  # `order.items`: its items are tested
        if not extra and not below and not items:
            lines.append(f"{pad}if {group}.get({key}, _MISSING).__class__ not in {classes}:")
            lines.append(f"{pad}    return {path}")
            continue
        lines.append(f"{pad}{value} = {group}.get({key}, _MISSING)")
        lines.append(f"{pad}if {' or '.join([f'{value}.__class__ not in {classes}', *extra])}:")
        lines.append(f"{pad}    return {path}")
        if items:
            place = f"(p := _non_finite_place({value})) is not None"
            lines.append(f"{pad}if {value}.__class__ is list and {place}:")
            lines.append(f"{pad}    return {path} + p")
        if below:
            lines.append(f"{pad}if {value}.__class__ is dict:")
            lines.extend(_emit(below, value, depth + 1, namespace))
    return lines


def _emit_free(paths: list[str], bases: frozenset[str], namespace: dict[str, Any]) -> list[str]:
    """The statements checking the tested fields the event schema does not describe (``x_score``,
    ``customer.note``): such a field may hold any value JSON has, but not a float JSON has no
    number for (NaN, an infinity, which only an embedding app's event holds), which fails
    every test on it, as text in a number field does; nor, in a list (``tags``), an item that
    is such a float. A base of a percentage (``bases``) must be a number wherever it is, unless
    the schema already holds it to numbers (``order.total``, checked by :func:`_emit`)."""
    lines: list[str] = []
    for path in paths:
        info = resolve(path).info
        if path in bases and (info is None or not info.kinds <= _NUMBER_KINDS):
            parts = _constant(namespace, split_path(path))
            fine = _constant(namespace, _NO_SLIP_IN_A_BASE)
            lines.append(f"    v = _base_value(e, {parts})")
            lines.append(
                f"    if v.__class__ not in {fine} or (v.__class__ is float and not _NINF < v < _INF):"
            )
            lines.append(
                f"        return v.path if v.__class__ is _Blocked else {_constant(namespace, path)}"
            )
        elif info is None:
            parts = _constant(namespace, split_path(path))
            lines.append(f"    if (p := _non_finite_place(_lookup(e, {parts}))) is not None:")
            lines.append(f"        return {_constant(namespace, path)} + p")
    return lines


class _Blocked(NamedTuple):
    """A value on the way to a percentage's base where a group of fields (or a list, for an
    item's number) is due: ``"stay": "420"`` or ``"stay": 420`` for ``of: stay.total``, the
    total sent in the group's place. The base reads as missing, which is no slip, but this is
    one: it is named by its own path (``stay``), as :func:`_emit` names a standard group so
    sent (``order``); it had gone unsaid for a plan's own field (found by review)."""

    path: str


def _base_value(event: dict[str, Any], parts: tuple[str, ...]) -> Any:
    """The value at a percentage's base, as :func:`engine.fields.lookup` reads it, or
    :class:`_Blocked` where something other than a group of fields, a list, null or nothing
    stands on the way (an index past a list's end, or a null group, is nothing sent: MISSING)."""
    value: Any = event
    for depth, part in enumerate(parts):
        if value.__class__ is dict:
            value = value.get(part, MISSING)
        elif value.__class__ is list and part.isdigit():
            index = int(part)
            value = value[index] if index < len(value) else MISSING
        elif value is None:
            return MISSING
        else:
            return _Blocked(".".join(parts[:depth]))
        if value is MISSING:
            return MISSING
    return value


_NUMBER_KINDS = frozenset({"number", "null"})
"""The kinds of a standard field the schema holds to numbers or null (:func:`_emit` checks it)."""

_NO_SLIP_IN_A_BASE = frozenset({int, float, type(None), type(MISSING)})
"""The classes of a percentage's base that are no slip of the sending system's format: a
number (but a float that is not finite), null or nothing. A negative or too large number leaves
the offer unresolved too, but is no slip of the format (docs/semantics.md); text, true or
false, a list, a group of fields or an embedding app's ``Decimal`` or numpy float is."""


def _non_finite_place(value: Any) -> str | None:
    """Where ``value`` holds a float JSON has no number for, said as what follows its field's
    path: ``""`` for the value itself, ``".2"`` for the third item of a list (as
    ``engine.eventschema`` names an item, ``tags.2``); None for neither.

    Why the items: a list's tests (``contains``) compare its items, so NaN among them (an app's
    ``tags: [NaN]``, pandas' missing value) is a slip of the sending system as much as NaN in a
    number field, and was not said (found by review). Only the items: an item that is itself
    a list or a group of fields equals no text or number a plan tests, NaN in it or not. A
    list without a float is answered in C (``map(type, ...)``), not item by item."""
    if value.__class__ is list:
        if float in map(type, value):
            for index, item in enumerate(value):
                if is_non_finite(item):
                    return f".{index}"
        return None
    return "" if is_non_finite(value) else None


def _constant(namespace: dict[str, Any], value: Any) -> str:
    name = f"_k{len(namespace)}"
    namespace[name] = value
    return name


class _Missing:
    """The class of :data:`_MISSING`, what a look-up gives for a field the event lacks."""


_MISSING = _Missing()


def _classes(info: FieldInfo, tested: bool, group: bool) -> frozenset[type]:
    """The classes a value of the field may have: any of its kinds (a group of fields or a
    list on the way to a tested field: only that, or null when the schema allows it)."""
    kinds = info.kinds if tested else info.kinds & {"object", "list", "null"}
    if group:
        kinds = kinds | {"object"}
    return frozenset(cls for kind in kinds for cls in _CLASSES.get(kind, ()))


def _allowed(info: FieldInfo) -> frozenset[Any] | None:
    """The only texts the field may hold, when the schema closes the list."""
    if info.enum is None:
        return None
    return frozenset(value for value in info.enum if value.__class__ is str)
