"""Whether an event follows the event schema, and in words where it does not.

Deciding never needs it: a standard field of the wrong kind (``rating: "1"``) or outside its
list of values (``severity: urgent``) fails every test on it, as docs/semantics.md says, and
the event is decided all the same. That is right for the plan and silent for the people: the
complaint falls through to the fallback and nobody learns that the sending system writes
ratings as text. ``backplan eval --strict`` (and an embedding app, with :func:`event_schema_error`)
rejects such an event instead, naming the field and what the schema has there.

A float JSON has no number for (NaN, an infinity) is off the schema wherever it sits: JSON
text cannot hold one (``backplan eval`` refuses it as ``bad-number``), but an embedding app's
event can (pandas writes NaN for a missing value), and deciding reads it as no number.

The check is the compiled one the plan schema uses (``engine.schema.fast_check``, a few
microseconds per event); jsonschema is asked only to put a refusal into words.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterator
from typing import Any

import orjson

from engine.documents import join_pointer
from engine.errors import EventError, shown_text
from engine.evaluate import event_identity, json_kind
from engine.limits import has_lone_surrogate, replace_lone_surrogates
from engine.operators import is_non_finite
from engine.schema import fast_check, schema_validator
from engine.suggest import suggestion_suffix
from engine.wording import (
    EVENT_KIND_WORDS,
    join_words,
    kind_name,
    non_finite_words,
    show_list,
    show_value,
)

MAX_PROBLEMS_NAMED = 3
"""The most problems one error record says in full; it names the fields of the rest."""
MAX_TEXT_SHOWN = 60
"""The longest text of an event a message quotes whole."""

_TYPE_WORDS = {
    schema_type: EVENT_KIND_WORDS[kind]
    for schema_type, kind in [
        ("integer", int),
        ("number", float),
        ("string", str),
        ("boolean", bool),
        ("array", list),
        ("object", dict),
    ]
}
"""JSON Schema's types in the words messages about events use."""


def prepare_check() -> None:
    """Compile the check now: before ``eval`` forks its worker processes, so that each of
    them does not compile its own."""
    fast_check("event")


def follows_event_schema(event: Any) -> bool:
    """Whether the event schema (``schemas/event.schema.json``) accepts the event, as read
    from JSON text: a float JSON has not (NaN...), which only an app's event holds, is left to
    :func:`event_schema_error` (``eval --strict`` reads JSON, and asks this of every event)."""
    check = fast_check("event")
    return check(event) if check is not None else schema_validator("event").is_valid(event)


def time_key_written_otherwise(event: Any) -> str | None:
    """The key an event holds its time under when it has no ``occurred_at`` but a key written
    otherwise (``occurredAt``, ``OCCURRED_AT``, ``occured_at``, holding a time); None when
    it has ``occurred_at``, or no such key. Such an event is decided with no deadline (each
    ``due`` null) and follows the event schema, which lets other keys in: ``backplan eval``
    warns of it, but an app had no way to ask (found by an embedder's trial). An
    ``engine.Event`` has no other keys, and is None."""
    if event.__class__ is not dict:
        return None
    from engine.evaluate import key_written_otherwise

    return key_written_otherwise(event, "occurred_at")


def event_schema_error(event: Any) -> EventError | None:
    """None for an event the event schema accepts; else an EventError naming what does not
    follow it: the error ``Plan.evaluate`` raises for an event it cannot decide at all (not an
    object, no id or type: their own codes), else ``off-schema`` naming each field that does
    not follow the schema and what the schema has there (or, for NaN or an infinity, that JSON
    has no such number and what to send instead). An ``engine.Event`` is checked as the dict it
    decides as."""
    if event.__class__ is not dict:
        from engine.event import Event

        if isinstance(event, Event):
            event = event.to_event_dict()
    try:
        event_identity(event)
    except EventError as error:
        return error
    non_finite, more = _non_finite_refusals(event)
    if follows_event_schema(event) and not non_finite:
        return None
    named = {tuple(path) for path, _ in non_finite}  # NaN in a whole number's field: said once
    refusals = sorted(
        [
            *non_finite,
            *(
                refusal
                for error in schema_validator("event").iter_errors(_as_worded(event, 0))
                for inner in _inner(error)
                for refusal in _refusals(inner)
                if tuple(refusal[0]) not in named
            ),
        ],
        key=lambda refusal: _in_event_order(event, refusal[0]),
    )
    message = "; ".join(said for _, said in refusals[:MAX_PROBLEMS_NAMED])
    rest = list(dict.fromkeys(_dotted(path) for path, _ in refusals[MAX_PROBLEMS_NAMED:]))
    if rest:  # the event schema's typed fields are a few dozen: all can be named
        message += "; also off the schema: " + ", ".join(f"`{name}`" for name in rest)
    if more:
        message += f", and more NaN or infinities after the first {MAX_NON_FINITE_NAMED}"
    pointer = ""
    for part in refusals[0][0] if refusals else ():  # an app's key may be no text: as named
        pointer = join_pointer(pointer, part if isinstance(part, (int, str)) else str(part))
    return EventError(
        f"the event does not follow the event schema: {message}", pointer, "off-schema"
    )


MAX_NON_FINITE_NAMED = 20
"""The most floats JSON has not (NaN...) an error record names: a data frame's column of NaN
sent as a list would otherwise name every item."""


def _in_event_order(event: Any, path: list[Any]) -> list[int]:
    """Where a field's path sits in the event, as refusals are sorted by: the place of each of
    its keys among its object's keys, as the event wrote them, and of each item in its list (so
    ``x.2`` before ``x.10``). Sorted by name, the fields the record names in full had been the
    first in the alphabet, and the event's ``type``, its second key, only named after them,
    without its value ("also off the schema: `type`"); read in the event's order, the record
    says them as the sender reads the event (a path that leads nowhere sorts last)."""
    places: list[int] = []
    for part in path:
        if event.__class__ is dict and part in event:
            places.append(_key_place(event, part))
            event = event[part]
        elif event.__class__ is list and part.__class__ is int and 0 <= part < len(event):
            places.append(part)
            event = event[part]
        else:
            places.append(sys.maxsize)
            event = None
    return places


def _key_place(fields: dict[Any, Any], key: Any) -> int:
    """Where ``key``, one of the fields', is among them: the very key (a path to a float JSON
    has not holds the event's own), or text equal to it (the schema's name for a field). Keys
    are not compared by ``==`` alone, as ``list.index`` does: an app's key may answer it with no
    truth (pandas' ``NA``), which had raised ``TypeError: boolean value of NA is ambiguous``
    out of :func:`event_schema_error` for an event with such a key before a refused field."""
    text = isinstance(key, str)
    for place, each in enumerate(fields):
        if each is key or (text and isinstance(each, str) and each == key):
            return place
    return len(fields)  # pragma: no cover - the key is one of the fields'


def _non_finite_refusals(event: dict[str, Any]) -> tuple[list[tuple[list[Any], str]], bool]:
    """The floats of the event that JSON has no number for (NaN, the infinities), wherever they
    sit (a standard field, an extra one, an item of a list), each with its path and in words,
    the first :data:`MAX_NON_FINITE_NAMED` of them, and whether the event holds more. The walk
    goes on to one more, not only to more of the event left unread: twenty NaN before a
    finite field had been told 'and more NaN or infinities' that were not there (found by
    review).

    Why a walk of its own: the event schema's check reads the standard fields only, and JSON
    text cannot hold such a float (``backplan eval`` refuses it as ``bad-number``), so only an
    embedding app's event holds one, which ``Plan.evaluate`` decides as no number (every test
    but ``exists`` fails). Each list and group of fields is walked once (an app's event may
    hold itself), with a stack of work (or nest deeper than Python's stack)."""
    found: list[tuple[list[Any], str]] = []
    walked: set[int] = set()
    work: list[tuple[list[Any], Any, str]] = [([], event, "field")]
    while work and len(found) <= MAX_NON_FINITE_NAMED:  # one beyond: whether there are more
        path, value, part = work.pop()
        if value.__class__ is float:
            if is_non_finite(value):
                said = f"`{_dotted(path)}` is {non_finite_words(value)}"
                found.append((path, f"{said}: send None, or leave the {part} out"))
        elif (value.__class__ is dict or value.__class__ is list) and id(value) not in walked:
            walked.add(id(value))
            if value.__class__ is dict:
                below = [([*path, key], item, "field") for key, item in value.items()]
            else:
                below = [([*path, index], item, "item") for index, item in enumerate(value)]
            work.extend(reversed(below))  # the first one is said first
    return found[:MAX_NON_FINITE_NAMED], len(found) > MAX_NON_FINITE_NAMED


_DEEPEST_WORDED = 16
"""How deep jsonschema is shown an event to word its refusals: the schema's fields nest less
deep. jsonschema writes a refused value with ``repr``, which fails on a value nested near the
recursion limit (``orjson`` reads 1,024 levels) and on a whole number of more than 4,300
digits (Python's limit for turning one into text)."""
_LONGEST_INT_BITS = 13_300
"""Bits of the longest whole number shown as it is: at most 4,004 digits (a number of more
bits has more than 4,000), under Python's 4,300 for turning one into text."""


_LONGEST_INT_SHOWN = 30
"""The most characters of a whole number a message shows; a longer one is said by its size."""


class _HugeInt(int):
    """A stand-in for a whole number too long to write: as large, to the schema's bounds."""

    def __repr__(self) -> str:
        return "a whole number of more than 4,000 digits"


class _Foreign:
    """A stand-in for an app's value of no JSON kind, not even by subclass (pandas' ``NA``, a
    numpy array): jsonschema compares a field with its list of values (``severity``) by ``==``
    and takes the answer's truth, which such a value refuses (``TypeError: boolean value of NA
    is ambiguous``). The stand-in equals only itself, and is named by what it stands for."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return json_kind(self.value)


def _as_worded(value: Any, depth: int) -> Any:
    """The event as jsonschema may be shown it to word its refusals: mappings and lists below
    :data:`_DEEPEST_WORDED` levels are empty ones, too long whole numbers stand-ins, keys too
    (an app's ``{10**5000: 1}`` raised ValueError), a value of no JSON kind a
    :class:`_Foreign`. The fast check has refused the event itself already."""
    kind = value.__class__
    if kind is dict:
        if depth >= _DEEPEST_WORDED:
            return {}
        return {_as_worded(key, depth): _as_worded(item, depth + 1) for key, item in value.items()}
    if kind is list:
        return [_as_worded(item, depth + 1) for item in value] if depth < _DEEPEST_WORDED else []
    if kind is int and value.bit_length() > _LONGEST_INT_BITS:
        return _HugeInt(10**100 if value > 0 else -(10**100))
    if not isinstance(value, _JSON_DATA):  # a subclass (a StrEnum member) answers == as its base
        return _Foreign(value)
    return value


def _inner(error: Any) -> list[Any]:
    """The refusals that say what is wrong: the fields inside a group of fields
    (``customer.tier``) rather than the group; the error itself for a field whose value is of
    the wrong kind."""
    deeper = [e for e in error.context or () if len(e.absolute_path) > len(error.absolute_path)]
    if not deeper:
        return [error]
    return [inner for e in deeper for inner in _inner(e)]


def _refusals(error: Any) -> Iterator[tuple[list[Any], str]]:
    """A refusal as a manager reads it, with the path of its field: the field, what it holds,
    and what the schema has there. No field is missing here: the schema requires only the
    event's ``id`` and ``type``, which :func:`event_identity` has refused first (``missing-id``,
    ``missing-type``); a refusal with no words for its field falls to jsonschema's own."""
    path = list(error.absolute_path)
    branches = error.schema.get("anyOf", [error.schema])
    wanted = [_wanted(branch) for branch in branches if branch.get("type") != "null"]
    if not path or not all(wanted):  # pragma: no cover - each field of today's schema has words
        yield path, f"{_dotted(path) or 'the event'}: {error.message}"
        return
    enums = [value for branch in branches for value in branch.get("enum", ())]
    yield (
        path,
        f"`{_dotted(path)}` is {_shown(error.instance)}, where the schema has "
        + (", or ".join(wanted) if wanted[0].startswith("one of ") else join_words(wanted, "or"))
        + _suggested(error.instance, enums, path)
        + _unquoted(error.instance, branches),
    )


def _suggested(value: Any, enums: list[Any], path: list[Any]) -> str:
    """The value of ``enums`` text ``value`` is a slip from (`` (did you mean `review`?)``), or
    for an event's `type` near none, the type of the sender's own it may be written as: a
    ``chargeback`` or ``x_chargeback`` had been told how such a type is formed, not which one
    to write (found by review). "" for anything else."""
    if value.__class__ is not str:
        return ""
    said = suggestion_suffix(value, enums)
    if said or path != ["type"]:
        return said
    from engine.slips.names import own_type_written  # only for an event refused

    own = own_type_written(value)
    return f" (a type of your own is written `{own}`)" if own and own != value else ""


def _unquoted(value: Any, branches: list[dict[str, Any]]) -> str:
    """What to write for text that is, without its quotes, the number or the true or false a
    field's schema has (``"rating": "1"``, ``"public": "true"``); "" for another value. It had
    been told only that the schema has a number there, its sender left to see the quotes
    (found by review). Not a number beyond a float (``"1e400"``), which unquoted is refused
    as well: it had been told to send it so (found by review)."""
    if value.__class__ is not str:
        return ""
    types = {branch.get("type") for branch in branches}
    number = (
        _JSON_NUMBER.fullmatch(value)
        and ("number" in types or value.lstrip("-").isdigit())
        and math.isfinite(float(value))  # `"1e400"` unquoted is refused too (bad-number)
    )
    if (number and types & {"number", "integer"}) or (
        value in ("true", "false") and "boolean" in types
    ):
        from engine.slips.numbers import dot_grouping  # only for an event refused

        return f": send it without the quotes, {value}{dot_grouping(value)}"
    if "number" in types:
        from engine.slips.numbers import sent_number_hint  # (as above)

        said = sent_number_hint(value)
        return f": {said}" if said else ""
    return ""


_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
"""A number as JSON writes it, held as text in a field of numbers."""


def _dotted(path: list[Any]) -> str:
    return ".".join(str(part) for part in path)


_JSON_DATA = (dict, list, str, int, float, bool, type(None))
"""The classes of JSON's data: a value of any other class (``Decimal``, a tuple, a ``str``
subclass) is named as what it is, not shown as the value it resembles; a value of none of
them, not even by subclass, is worded as a :class:`_Foreign`."""


def _shown(value: Any) -> str:
    """An event value as the sentence names it: ``"1" (text)``, ``2.5``, ``a list``...; text
    with a character that does not show (a zero-width space, a soft hyphen, a byte-order mark)
    written as its escape (``"high\\u200b" (text)``), as the event's other refusals write
    it: quoted as JSON alone, such text read as ``"high"``, and "did you mean `high`?" after
    it as nonsense (found by an embedder's trial)."""
    if value.__class__ is _HugeInt or value.__class__ is _Foreign:
        return repr(value)
    if value.__class__ is int and len(shown := str(value)) > _LONGEST_INT_SHOWN:
        return f"a whole number of {len(shown.lstrip('-')):,} digits"
    if value.__class__ not in _JSON_DATA:
        return json_kind(value)
    if isinstance(value, str):
        shown = value if len(value) <= MAX_TEXT_SHOWN else value[: MAX_TEXT_SHOWN - 1] + "…"
        if has_lone_surrogate(shown):  # from an embedding app: UTF-8, and orjson, have none
            shown = replace_lone_surrogates(shown)
        return f"{shown_text(orjson.dumps(shown).decode())} (text)"
    return kind_name(value) if isinstance(value, (dict, list)) else show_value(value)


def _wanted(branch: dict[str, Any]) -> str:
    """What one branch of a field's schema accepts, in words ("" when it cannot be said)."""
    if "enum" in branch:
        return f"one of {show_list(branch['enum'])}"
    if str(branch.get("pattern", "")).startswith("^x-"):  # engine.model.CUSTOM_EVENT_TYPE
        return "a custom type: x- then lower-case letters, digits, - or _ (such as x-chargeback)"
    if "$ref" in branch:
        return _TYPE_WORDS["object"]
    return _TYPE_WORDS.get(str(branch.get("type")), "")
