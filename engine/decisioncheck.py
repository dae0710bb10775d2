"""The quick way through the decision format, for a reader of many decisions (``backplan report``).

Checking a decision line with the format's pydantic model (``engine.decisionmodel``), then
``model_dump`` of it, was about 30 of the 55 µs ``backplan report`` spent on a line. Almost every
line a report reads is a decision ``backplan eval`` wrote, which the format accepts, so
:func:`surely_a_decision` answers first, and only *yes* or *not sure*. Only a line it is not
sure of goes the model's way, which alone words what is wrong: the refusals and their messages
are the model's, as they were.

A yes must be one the model gives too, and with the same values, as ``model_dump`` would hand
them back: a reader of the document then reads what it would have read after the model.
``model_dump`` only writes the model's key order, drops a ``"trace": null``, fills a trace
step's defaults, and turns values of other classes than JSON's in ``params`` or a trace's
``actual`` (a tuple, a ``Decimal``, NaN) into JSON's; the report reads none of it, except such
values, for which the answer is *not sure*.

Why written out, and not the published schema compiled by ``engine.fastschema``, as the plan's
and the event's checks are: that check took 12 µs a decision, a call per key of every mapping
(a decision has some 60), and with it the report was only 1.7 times as fast. This one tests
each key where it is, and knows the times it has met (:func:`_utc_time`). It is held to the
schema two ways: it takes its names, patterns and bounds from ``schemas/decision.schema.json``
and answers only while that schema is the one it was written for (:data:`WRITTEN_FOR`; any
other, and every document goes the model's way), and ``tests/test_decisioncheck.py`` holds it to
the model's verdict over mutated decisions.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

import orjson

from engine.ecmaregex import pattern_search
from engine.resources import load_schema

WRITTEN_FOR = "3008c187fc25505b8bb62f6e74b0c57f096da945e937aa17876151b045dcdf33"
"""sha256 of the canonical JSON of the decision schema this check was written for
(:func:`schema_digest`). When the schema changes, read this module against it, then set this
to the new digest (``tests/test_decisioncheck.py`` says it)."""

MAX_PLAIN_DEPTH = 64
"""How deep a parameter's value (or a trace's ``actual``) may nest for the quick yes. The model
takes any value there, and ``model_dump`` gives up past some 250 levels, where the report
refuses the line with where it nests too deep (``engine.decision.parsed_document``): a value
nested deeper than this goes the model's way, well before either limit."""

MAX_KNOWN_TIMES = 100_000
"""How many day texts and clock texts :func:`_utc_time` keeps, each (at most about 10 MB): a
year of decisions has a few hundred days, and every clock of a day to the second (86,400)
fits."""

_SCALARS = frozenset({str, int, bool, type(None)})
"""The classes of JSON values ``model_dump`` hands back as they are (a float, only finite)."""
_TEXT = frozenset({str})


def schema_digest(schema: Any) -> str:
    """sha256 of a schema's canonical JSON: what :data:`WRITTEN_FOR` names."""
    return hashlib.sha256(orjson.dumps(schema, option=orjson.OPT_SORT_KEYS)).hexdigest()


def real_times(texts: Iterable[str]) -> bool:
    """Whether each time the format's pattern lets through is also one of the calendar and the
    clock (``2026-13-45T10:00:00Z`` is not), read as ``engine.utctime`` writes them: ``Z``, no
    leap second."""
    try:
        for text in texts:
            _from_iso(text)
    except ValueError:
        return False
    return True


_from_iso = datetime.fromisoformat


@dataclass(frozen=True)
class _Format:
    """What the check takes from the published schema."""

    keys: frozenset[str]
    required: frozenset[str]
    formats: frozenset[str]
    id_chars: tuple[int, int]
    id_range: tuple[int, int]
    plan_keys: frozenset[str]
    action_keys: frozenset[str]
    purposes: frozenset[str]
    offer_keys: frozenset[str]
    offer_required: frozenset[str]
    offer_together: tuple[tuple[str, frozenset[str]], ...]
    offer_kinds: frozenset[str]
    limits: frozenset[str]
    summary_keys: frozenset[str]
    combines: frozenset[str]
    superseded_keys: frozenset[str]
    reasons: frozenset[str]
    step_keys: frozenset[str]
    step_required: frozenset[str]
    time: Callable[[str], object]
    amount: Callable[[str], object]
    percent: Callable[[str], object]


@cache
def _format() -> _Format | None:
    """The names, patterns and bounds of the published schema; None when it is not the one
    this check was written for (then the model decides every document)."""
    schema = load_schema("decision")
    if schema_digest(schema) != WRITTEN_FOR:
        return None
    top, defs = schema["properties"], schema["$defs"]
    text_id, whole_id = top["event_id"]["anyOf"]
    summary, step = defs["CompensationSummary"], defs["TraceStep"]
    offer = defs["DecidedAction"]["then"]["properties"]["params"]
    limits = offer["properties"]["limited_by"]["anyOf"][0]["enum"]
    return _Format(
        keys=frozenset(top),
        required=frozenset(schema["required"]),
        formats=frozenset({top["format"]["const"]}),
        id_chars=(text_id["minLength"], text_id["maxLength"]),
        id_range=(whole_id["minimum"], whole_id["maximum"]),
        plan_keys=frozenset(defs["PlanRef"]["properties"]),
        action_keys=frozenset(defs["DecidedAction"]["properties"]),
        purposes=frozenset(defs["DecidedAction"]["properties"]["purpose"]["enum"]),
        offer_keys=frozenset(offer["properties"]),
        offer_required=frozenset(offer["required"]),
        offer_together=tuple(
            (key, frozenset(needed)) for key, needed in offer["dependentRequired"].items()
        ),
        offer_kinds=frozenset(offer["properties"]["kind"]["enum"]),
        limits=frozenset(limits),
        summary_keys=frozenset(summary["properties"]),
        combines=frozenset(summary["properties"]["combine"]["enum"]),
        superseded_keys=frozenset(defs["Superseded"]["properties"]),
        reasons=frozenset(defs["Superseded"]["properties"]["reason"]["enum"]),
        step_keys=frozenset(step["properties"]),
        step_required=frozenset(step["required"]),
        time=pattern_search(top["occurred_at"]["anyOf"][0]["pattern"]),
        amount=pattern_search(summary["properties"]["total"]["pattern"]),
        percent=pattern_search(offer["properties"]["percent"]["pattern"]),
    )


def surely_a_decision(document: Any) -> bool:
    """Whether the decision model surely accepts ``document`` and ``model_dump`` would give
    back the very values it holds. False means *not sure*: ask the model.

    As the model, strict, checks it: JSON's own classes exactly (``True`` is no number, ``5.0``
    no id), every key the format has and no other, the times real ones, and the ``params`` and
    a trace's ``actual`` values the model would give back unchanged (:func:`_plain`)."""
    form = _format()
    if form is None or document.__class__ is not dict:
        return False
    keys = document.keys()
    if not (form.keys.issuperset(keys) and form.required.issubset(keys)):
        return False
    trace = document.get("trace")
    return (
        _text(document["format"])
        and document["format"] in form.formats
        and _event_id(document["event_id"], form)
        and _text(document["event_type"])
        and document["event_type"] != ""
        and _no_time_or_utc(document["occurred_at"], form)
        and _plan(document["plan"], form)
        and _texts(document["matched"])
        and document["fallback"].__class__ is bool
        and _actions(document["actions"], form)
        and (document["compensation"] is None or _summary(document["compensation"], form))
        and (trace is None or _trace(trace, form))
    )


def _text(value: Any) -> bool:
    return value.__class__ is str


def _texts(value: Any) -> bool:
    """A list of text only."""
    return value.__class__ is list and _TEXT.issuperset(map(type, value))


def _event_id(value: Any, form: _Format) -> bool:
    kind = value.__class__
    if kind is str:
        return form.id_chars[0] <= len(value) <= form.id_chars[1]
    return kind is int and form.id_range[0] <= value <= form.id_range[1]


def _plan(value: Any, form: _Format) -> bool:
    return (
        value.__class__ is dict
        and value.keys() == form.plan_keys
        and _TEXT.issuperset(map(type, value.values()))
    )


def _actions(value: Any, form: _Format) -> bool:
    """A list of actions as the format has them. The classes are tested in place, not through
    :func:`_text`: a call per field of every action was a third of the check."""
    if value.__class__ is not list:
        return False
    purposes = form.purposes
    for action in value:
        if action.__class__ is not dict or action.keys() != form.action_keys:
            return False
        purpose, params, within, due, also_from = (
            action["purpose"],
            action["params"],
            action["within"],
            action["due"],
            action["also_from"],
        )
        if not (
            action["type"].__class__ is str
            and action["rule"].__class__ is str
            and purpose.__class__ is str
            and purpose in purposes
            and params.__class__ is dict
            and _TEXT.issuperset(map(type, params))
            and (  # most often text, numbers, yes/no or nothing: no call to tell it
                _SCALARS.issuperset(map(type, params.values())) or _plain(params, MAX_PLAIN_DEPTH)
            )
            and (within is None or within.__class__ is str)
            and (due is None or _utc_time(due, form))
            and also_from.__class__ is list
            and _TEXT.issuperset(map(type, also_from))
            and (action["type"] != "compensate" or _offer(params, form))
        ):
            return False
    return True


def _offer(params: dict[str, Any], form: _Format) -> bool:
    """A compensate action's params as the format has them (``CompensationParams`` of
    ``engine.decisionmodel``): its keys (a percentage's all three, or none), the kind, the
    amounts as text, yes/no as booleans. Its values are already known to be plain: only their
    classes are left to test."""
    keys = params.keys()
    if not (form.offer_keys.issuperset(keys) and form.offer_required.issubset(keys)):
        return False
    for key, needed in form.offer_together:  # a loop: all() of a generator took twice as long
        if key in keys and not keys >= needed:
            return False
    kind, limited_by, base = params["kind"], params["limited_by"], params.get("base")
    return (  # the class first: a list is no key of a set
        kind.__class__ is str
        and kind in form.offer_kinds
        and _amount(params["amount"], form)
        and params["currency"].__class__ is str
        and (limited_by is None or (limited_by.__class__ is str and limited_by in form.limits))
        and params["needs_approval"].__class__ is bool
        and params["unresolved"].__class__ is bool
        and ("percent" not in params or _percent(params["percent"], form))
        and params.get("of", "").__class__ is str
        and (base is None or _amount(base, form))
        and params.get("message", "").__class__ is str
    )


def _summary(value: Any, form: _Format) -> bool:
    return (
        value.__class__ is dict
        and value.keys() == form.summary_keys
        and _text(value["currency"])
        and _text(value["combine"])
        and value["combine"] in form.combines
        and _amount(value["offered"], form)
        and _amount(value["total"], form)
        and (value["cap"] is None or _amount(value["cap"], form))
        and value["capped"].__class__ is bool
        and (value["approval_threshold"] is None or _amount(value["approval_threshold"], form))
        and value["needs_approval"].__class__ is bool
        and value["superseded"].__class__ is list
        and all(_superseded(offer, form) for offer in value["superseded"])
    )


def _superseded(value: Any, form: _Format) -> bool:
    return (
        value.__class__ is dict
        and value.keys() == form.superseded_keys
        and _text(value["rule"])
        and _amount(value["amount"], form)
        and _text(value["reason"])
        and value["reason"] in form.reasons
    )


def _trace(value: Any, form: _Format) -> bool:
    return value.__class__ is list and all(_trace_step(step, form) for step in value)


def _trace_step(value: Any, form: _Format) -> bool:
    if not (
        value.__class__ is dict
        and form.step_keys.issuperset(value.keys())
        and form.step_required.issubset(value.keys())
    ):
        return False
    field = value.get("field")
    return (
        _text(value["rule"])
        and value["matched"].__class__ is bool
        and _text(value["reason"])
        and (field is None or _text(field))
        and _plain(value.get("actual"), MAX_PLAIN_DEPTH)
        and value.get("actual_cut", False).__class__ is bool
    )


def _amount(value: Any, form: _Format) -> bool:
    return value.__class__ is str and form.amount(value) is not None


def _percent(value: Any, form: _Format) -> bool:
    """An offer's percentage: an amount's text of at most 100 (the format's own pattern)."""
    return value.__class__ is str and form.percent(value) is not None


_known_days: set[str] = set()
_known_clocks: set[str] = set()


def _no_time_or_utc(value: Any, form: _Format) -> bool:
    """None, or a real time in UTC as a decision writes it."""
    return value is None or _utc_time(value, form)


def _utc_time(value: Any, form: _Format) -> bool:
    """A real time in UTC as a decision writes it (the pattern, and a real day and clock).

    The day (``2026-11-23``) and the clock (``T09:30:00Z``) of a time already found real are
    kept, and a time made of a known day and a known clock is real: a decision has a time per
    action, and the pattern and the calendar took a third of the check. (The pattern fixes
    where the day ends, and no clock depends on its day: ``T24:00:00Z``, which a Python might
    read as the next day's midnight, is never kept.)"""
    if value.__class__ is not str:
        return False
    day, clock = value[:10], value[10:]
    if day in _known_days and clock in _known_clocks:
        return True
    if form.time(value) is None or not real_times((value,)):
        return False
    roomy = len(_known_days) < MAX_KNOWN_TIMES and len(_known_clocks) < MAX_KNOWN_TIMES
    if roomy and clock < "T24":
        _known_days.add(day)
        _known_clocks.add(clock)
    return True


def _plain(value: Any, depth: int) -> bool:
    """Whether ``value`` is JSON data of JSON's own classes (text keys, finite numbers) that
    nests at most ``depth`` levels: what ``model_dump(mode="json")`` gives back unchanged. A
    mapping or list of plain values only (a decision's parameters) is told by its classes,
    without a call per value."""
    kind = value.__class__
    if kind in _SCALARS:
        return True
    if kind is float:
        return math.isfinite(value)  # model_dump writes NaN as null
    if depth == 0:
        return False
    if kind is dict:
        return _TEXT.issuperset(map(type, value)) and (
            _SCALARS.issuperset(map(type, value.values()))
            or all(_plain(item, depth - 1) for item in value.values())
        )
    if kind is list:
        return _SCALARS.issuperset(map(type, value)) or all(
            _plain(item, depth - 1) for item in value
        )
    return False
