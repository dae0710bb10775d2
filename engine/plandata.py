"""A plan model written back to the plan data it means: the inverse of ``engine.planfile``'s
builder.

An app may make a :class:`~engine.model.PlanModel` in Python, or change one the loader gave it
(``dataclasses.replace(model, rules=...)``, to turn rules off or set caps per tenant). The loader
has checked no part of such a model: its values may be of any kind (``per_event_max=-5``, an
``int`` where the engine reads a ``Decimal``), and its ``fingerprint`` is still that of the files
it was changed from, so every decision would name a plan version it was not made by.
``engine.api.Plan`` writes such a model back here, to the data of one plan file, and loads that
data through the same schema, builder and checks as a file: each value is held to what a file
may say, with the same messages, and the fingerprint is computed the one way the loader
computes it, from that data.

The data is what a manager would write: a value left at its default is left out, one event
type is written alone, a rule's conditions go under ``all:``, and the rules are in the order
they are placed in the plan (their ``position``), so that equal-priority rules fire in the same
order. A value no plan file can hold (a date, a set, a Decimal with more digits than a number in
a file, a float that is not finite, a whole number beyond 64 bits) is a TypeError naming where
it is in the model: the schema would never see it.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from engine.documents import LoadedDocument
from engine.limits import MAX_JSON_INT, MIN_JSON_INT, has_lone_surrogate
from engine.model import (
    OPERATORS,
    Action,
    AllOf,
    AnyOf,
    CompensationPolicy,
    FieldTest,
    Not,
    PlanModel,
    PlanNode,
    PlanSettings,
    Rule,
    Use,
)
from engine.templates import Template

MODEL_PATH = "<plan made in Python>"
"""The file name the problems of a model made or changed in Python are told at (each with the
JSON pointer of its place in the data the model writes back to, and no line)."""

_WRITTEN_ELSEWHERE = frozenset(
    {"at", "type", "purpose", "extra", "compensation", "events", "condition", "then"}
    | {"prevent", "position"}
)
"""Fields of a node not written as a key of the same name: places, and the parts of settings,
rules and actions written in a shape of their own."""


def plan_data(model: PlanModel) -> dict[str, Any]:
    """The data of one plan file that builds a model equal to ``model`` but for its places,
    sources and fingerprint; TypeError, naming the place, for a part that is not a node of the
    kind a plan holds there, or a value no plan file can hold."""
    data: dict[str, Any] = {"backplan": 1, "plan": _settings(model.settings)}
    conditions = _mapping(model.conditions, "model.conditions")
    if conditions:
        data["conditions"] = {
            name: _condition(condition, f"model.conditions[{name!r}]")
            for name, condition in conditions.items()
        }
    listed = _items(model.rules, "model.rules")
    rules = [_node(rule, Rule, f"model.rules[{i}]") for i, rule in enumerate(listed)]
    for index, rule in enumerate(rules):
        if not isinstance(rule.position, int):
            raise _refused(f"model.rules[{index}].position", rule.position, "a whole number")
    ordered = sorted(range(len(rules)), key=lambda index: rules[index].position)  # stable
    data["rules"] = [_rule(rules[index], f"model.rules[{index}]") for index in ordered]
    return data


def plan_document(data: dict[str, Any]) -> LoadedDocument:
    """The document a model's data is loaded as: named :data:`MODEL_PATH`, with no lines (no
    file holds it, and none of that name is read to quote a value in a hint)."""
    return LoadedDocument(MODEL_PATH, data, {}, {}, _no_line)


def _no_line(pointer: str, key: bool) -> tuple[int, int]:
    return (0, 0)


def _refused(where: str, value: Any, wanted: str) -> TypeError:
    """The TypeError for a part of the model that is not what a plan holds there."""
    name = type(value).__name__
    shown, kind = repr(value), f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"
    return TypeError(
        f"{where} is {f'{shown} ({kind})' if len(shown) <= 40 else kind}, not {wanted}"
    )


def _node(value: Any, kind: type[PlanNode], where: str) -> Any:
    """``value``, a node of ``kind``; TypeError naming ``where`` in the model if it is not."""
    if not isinstance(value, kind):
        raise _refused(where, value, f"a {kind.__name__}")
    return value


def _items(value: Any, where: str) -> tuple[Any, ...] | list[Any]:
    """The items of a part the model holds as a tuple (a list taken too)."""
    if not isinstance(value, (tuple, list)):
        raise _refused(where, value, "a tuple")
    return value


def _mapping(value: Any, where: str) -> dict[str, Any]:
    """A mapping the model holds, its keys text (names in the plan, each as :func:`_text`)."""
    if not isinstance(value, Mapping):
        raise _refused(where, value, "a mapping")
    for key in value:
        if not isinstance(key, str):
            raise _refused(f"a key of {where}", key, "text")
    return {_text(key, f"a key of {where}"): item for key, item in value.items()}


def _fields(node: PlanNode, where: str) -> dict[str, Any]:
    """The fields of a node written as keys of the same name, those left at their default left
    out (as a manager leaves them out)."""
    written: dict[str, Any] = {}
    for field in dataclasses.fields(node):  # type: ignore[arg-type]  # every node is a dataclass
        if field.name in _WRITTEN_ELSEWHERE or not field.init:
            continue
        value = getattr(node, field.name)
        default = field.default
        if value is default or (type(value) is type(default) and value == default):
            continue
        written[field.name] = _value(value, f"{where}.{field.name}")
    return written


def _settings(settings: Any) -> dict[str, Any]:
    where = "model.settings"
    _node(settings, PlanSettings, where)
    data = _fields(settings, where)
    policy = _node(settings.compensation, CompensationPolicy, f"{where}.compensation")
    compensation = _fields(policy, f"{where}.compensation")
    if compensation:
        data["compensation"] = compensation
    return data


def _rule(rule: Rule, where: str) -> dict[str, Any]:
    data = _fields(rule, where)  # its position is its place among the rules written
    when: dict[str, Any] = {}
    if rule.events is not None:
        events = _value(_items(rule.events, f"{where}.events"), f"{where}.events")
        when["event"] = events[0] if len(events) == 1 else events
    condition = rule.condition
    tests = (
        [
            _condition(item, f"{where}.condition.items[{i}]")
            for i, item in enumerate(_items(condition.items, f"{where}.condition.items"))
        ]
        if isinstance(condition, AllOf)
        else [_condition(condition, f"{where}.condition")]  # the same meaning, as one test
    )
    if tests:
        when["all"] = tests
    if when:
        data["when"] = when
    for key, purpose in (("then", "remedy"), ("prevent", "prevention")):
        actions = _items(getattr(rule, key), f"{where}.{key}")
        if actions:
            data[key] = [
                _action(action, purpose, f"{where}.{key}[{i}]") for i, action in enumerate(actions)
            ]
    return data


def _condition(condition: Any, where: str) -> dict[str, Any]:
    if isinstance(condition, FieldTest):
        if condition.op not in OPERATORS:
            raise _refused(f"{where}.op", condition.op, f"an operator ({', '.join(OPERATORS)})")
        test = {"field": _value(condition.field, f"{where}.field")}
        test[condition.op] = _value(condition.value, f"{where}.value")
        if condition.ignore_case is not False:
            test["ignore_case"] = _value(condition.ignore_case, f"{where}.ignore_case")
        return test
    if isinstance(condition, (AllOf, AnyOf)):
        items = _items(condition.items, f"{where}.items")
        key = "all" if isinstance(condition, AllOf) else "any"
        return {key: [_condition(item, f"{where}.items[{i}]") for i, item in enumerate(items)]}
    if isinstance(condition, Not):
        return {"not": _condition(condition.item, f"{where}.item")}
    if isinstance(condition, Use):
        return {"use": _value(condition.name, f"{where}.name")}
    raise _refused(where, condition, "a condition (a FieldTest, AllOf, AnyOf, Not or Use)")


def _action(action: Any, purpose: str, where: str) -> dict[str, Any]:
    _node(action, Action, where)
    if action.purpose != purpose:
        raise TypeError(
            f"{where} is a {action.purpose!r} action among the rule's {purpose} actions: "
            "a remedy action goes in `then`, a prevention action in `prevent`"
        )
    if not isinstance(action.type, str):
        raise _refused(f"{where}.type", action.type, "text")
    params = _fields(action, where)
    for index, pair in enumerate(_items(action.extra, f"{where}.extra")):
        if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], str)):
            raise _refused(f"{where}.extra[{index}]", pair, "a (name, value) pair")
        params[_text(pair[0], f"{where}.extra[{index}]")] = _value(
            pair[1], f"{where}.extra[{index}]"
        )
    return {_text(action.type, f"{where}.type"): params}


def _value(value: Any, where: str) -> Any:
    """A value of the model as a plan file holds it: a template as its text, an amount as a
    number, a tuple as a list."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _text(value, where)
    if isinstance(value, (int, float)):
        return _held_number(value, where)
    if isinstance(value, Decimal):
        return _number(value, where)
    if isinstance(value, Template):
        return _text(value.source, where)
    if isinstance(value, (tuple, list)):
        return [_value(item, f"{where}[{i}]") for i, item in enumerate(value)]
    if isinstance(value, Mapping):
        return {
            key: _value(item, f"{where}[{key!r}]") for key, item in _mapping(value, where).items()
        }
    raise _refused(
        where, value, "a value a plan holds (text, a number, a bool, None, a tuple or a mapping)"
    )


def _number(value: Decimal, where: str) -> int | float:
    """An amount as a plan file writes it: a whole number as one, else the decimal number that
    reads back as the same amount; TypeError for one no plan file can write."""
    if not value.is_finite():
        raise _refused(where, value, "a number a plan holds")
    if value == value.to_integral_value():
        return _held_number(int(value), where)
    written = float(value)
    if Decimal(repr(written)) != value:
        raise TypeError(
            f"{where} is {value}: more digits than a number in a plan file holds (15 at most)"
        )
    return written


def _held_number(value: int | float, where: str) -> int | float:
    """``value`` if a plan file can hold it; else the TypeError naming its place. Reading a
    file refuses a float that is not finite (``not-finite``) and a whole number beyond 64 bits
    (``number-too-large``) before the schema sees it, and the schema would take them: a cap of
    NaN made a plan whose every offer raised ``InvalidOperation``, NaN and infinity gave it one
    fingerprint (JSON has neither: both are written null), and ``2**64`` raised orjson's
    "Integer exceeds 64-bit range" from the fingerprint (found by review)."""
    if isinstance(value, float) and not math.isfinite(value):
        raise _refused(where, value, "a finite number (a plan file holds no NaN or infinity)")
    if isinstance(value, int) and not MIN_JSON_INT <= value <= MAX_JSON_INT:
        raise _refused(
            where, value, f"a whole number a plan file holds ({MIN_JSON_INT} to {MAX_JSON_INT})"
        )
    # an IntEnum member or a numpy float as the number it is (see _text)
    return int.__int__(value) if isinstance(value, int) else float.__float__(value)


def _text(value: str, where: str) -> str:
    """``value`` as the text it is: a ``StrEnum`` member (a currency, a channel an app keeps
    as one) is text as a file holds it, but the schema's check of the type itself refused it
    as "expected text, found text `USD`", and so the number subclasses (found by review).
    TypeError naming ``where`` for text that holds half a character (a lone surrogate, as
    ``"\\ud83d"`` cut from an emoji): no plan file holds one (the reader refuses it), and the
    fingerprint had raised orjson's "str is not valid UTF-8", naming no place (found by
    review)."""
    if not value.isascii() and has_lone_surrogate(value):
        raise _refused(
            where, value, "text a plan file holds (it holds a lone surrogate, half a character)"
        )
    return str.__str__(value)
