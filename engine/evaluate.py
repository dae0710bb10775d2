"""Decide one event: match, fire in order, build actions, combine compensation.

This is the pure core: no clock, no I/O, no randomness. Time comes from the event's
``occurred_at``; everything else from the compiled plan. The result is a plain, JSON-ready
*decision document* (a dict) so the CLI can stream it as canonical JSON without building
objects; :class:`~engine.decision.Decision` wraps the same document for typed use.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from engine.actions import Recipe, make_recipe
from engine.assembly import Assembly, assemble, fill
from engine.builder import Builder, compile_builder
from engine.checks import plan_conditions, walk
from engine.compensation import CompensationRules, price
from engine.compile import CompiledMatcher, match_split
from engine.errors import EventError, shown_text
from engine.formats import DECISION_FORMAT, ERROR_FORMAT
from engine.limits import (
    MAX_ID_CHARS,
    MAX_INT_ID,
    MIN_INT_ID,
    TIME_ZONE_OPTIONAL_PATTERN,
    has_lone_surrogate,
    replace_lone_surrogates,
)
from engine.model import FieldTest, PlanModel, Rule
from engine.operators import FOLDED_TEXTS
from engine.timehints import (
    EPOCH_TIMES,
    since_1970,
    timestamp_hint,
    zone_named_after_hint,
)
from engine.utctime import FIRST_YEAR, LAST_YEAR, microseconds, read_canonical, utc_text

IDENTITY_FIELDS = frozenset({"id", "type"})
"""The fields every decided event holds, with a value a message shows: :func:`event_identity`
refuses an event whose `id` is missing, null or empty, or whose `type` is not text with a
character at least. Lint relies on it: `{id}` in a message needs no default."""


@dataclass(frozen=True, slots=True)
class FiringRule:
    """A rule as the decider needs it: id, stop flag and its prepared actions."""

    id: str
    stop: bool
    remedy: tuple[Recipe, ...]
    prevention: tuple[Recipe, ...]


def prepare(rule: Rule, currency: str) -> FiringRule:
    """Prepare a rule's actions once, at compile time."""
    return FiringRule(
        rule.id,
        rule.stop,
        tuple(make_recipe(a, rule.id, currency) for a in rule.then),
        tuple(make_recipe(a, rule.id, currency) for a in rule.prevent),
    )


def event_identity(event: Any) -> tuple[str | int, str, int | None, str | None]:
    """The event's id, type and time (µs in UTC, and as canonical text), or an EventError
    saying what is wrong."""
    if event.__class__ is not dict:
        raise EventError(_not_an_object(event), "", "not-an-object")
    event_id = event.get("id")
    if event_id is None:
        raise EventError(_not_given(event, "id"), "/id", "missing-id")
    if event_id.__class__ is int:
        if not MIN_INT_ID <= event_id <= MAX_INT_ID:  # JSON output holds 64-bit whole numbers
            raise EventError(_ID_TOO_LARGE, "/id", "bad-id")
    elif (
        event_id.__class__ is not str
        or not event_id
        or len(event_id) > MAX_ID_CHARS
        or (not event_id.isascii() and has_lone_surrogate(event_id))  # ascii: the usual, no call
    ):
        raise EventError(_bad_id(event_id), "/id", "bad-id")
    kind_value = event.get("type")
    if (
        kind_value.__class__ is not str
        or not kind_value
        or (not kind_value.isascii() and has_lone_surrogate(kind_value))
    ):
        message = (
            _not_given(event, "type")
            if kind_value is None
            else f"the event `type` must be text such as review or order, not {json_kind(kind_value)}"
        )
        raise EventError(message, "/type", "missing-type")
    raw_time = event.get("occurred_at")
    if raw_time is None:
        return event_id, kind_value, None, None
    if raw_time.__class__ is str:  # the usual time, canonical to the second: utc_time's first
        moment = read_canonical(raw_time)  # step, without the call to it
        if moment is not None:
            return event_id, kind_value, moment, raw_time
    base, text = utc_time(raw_time)
    return event_id, kind_value, base, text


_EXACT_FLOATS = 1 << 53
"""Beyond this a float is not the whole number written: JSON read an integer outside 64 bits
as one (-2**63 - 1 becomes the float -2**63), and cannot have meant ``-9.2e18`` with a point."""


_WHAT_IT_IS = {
    "id": "the complaint's own id, text or a whole number, which its decision repeats",
    "type": "text such as review or order",
}
"""What an event's `id` and `type` are, said beside one missing (an operator replaying a log
had "the event has no `id`" alone; found by review)."""


def _not_given(event: dict[Any, Any], name: str) -> str:
    """What is wrong with an event whose ``name`` (`id`, `type`) is missing or null, and what
    to write: one written null is told so, as other fields' nulls are; it had been told the
    event "has no `id`", beside the `"id": null` its sender saw in it (found by review)."""
    what = _WHAT_IT_IS[name]
    if name in event:
        return f"the event `{name}` is null: it must be {what}"
    said = f"the event has no `{name}` ({what})"
    return said + (
        _written_by_eval(event) or _key_written_otherwise(event, name) or _wrapped_in(event, name)
    )


def _written_by_eval(event: dict[Any, Any]) -> str:
    """What to give eval instead of a decision or an error record it wrote, given back to it
    as an event (`backplan eval out/*.jsonl`, a glob that met yesterday's decisions); "" for
    an event. A file of decisions had a `missing-id` record a line told to write its
    `event_id` as `id`, which would not make a decision an event (found by a platform
    engineer wiring eval into a pipeline)."""
    written = event.get("format")
    if written == DECISION_FORMAT:
        what = "a decision"
    elif written == ERROR_FORMAT:
        what = "an error record"
    else:
        return ""
    return (
        f"; it is {what} `backplan eval` wrote (its `format` is {written}), not an event: "
        "give eval the events themselves, and `backplan report` the decisions"
    )


def _wrapped_in(event: dict[Any, Any], name: str) -> str:
    """Where the event is, or the events are, when they came inside one object: as a webhook
    wraps one (``{"event": {"id": ...}}``), the key of the one object among its values that
    holds ``name`` (`id`, `type`) and a ``type``; else, as an API's export lists them
    (``{"data": [{"id": ...}, ...]}``), the key of the one list of such objects, and how many;
    "" when none is, or several are. Such an event had been told only that it "has no `id`",
    beside the id (or ids) its sender saw a level down (found by review)."""
    wrapped = _keys_holding(event, lambda value: _an_event(value, name))
    if len(wrapped) == 1:
        key = _key_shown(wrapped[0])
        return (
            f"; it holds the event under the key {key}, as a webhook may wrap it: send the "
            f"object under {key} alone, one event a line"
        )
    listed = _keys_holding(
        event,
        lambda value: (
            value.__class__ is list and bool(value) and all(_an_event(item, name) for item in value)
        ),
    )
    if len(listed) != 1:
        return ""
    count = len(event[listed[0]])
    events = "one event" if count == 1 else f"{count:,} events"
    return (
        f"; it holds a list of {events} under the key {_key_shown(listed[0])}, as an export may: "
        "send the events of that list, each on a line of its own (in Python, "
        "Plan.evaluate_many decides a list of events)"
    )


def _an_event(value: Any, name: str) -> bool:
    """Whether ``value`` is an object holding ``name`` (`id`, `type`) and a ``type``."""
    return value.__class__ is dict and name in value and "type" in value


def _keys_holding(event: dict[Any, Any], holds: Callable[[Any], bool]) -> list[Any]:
    """The keys of the values of ``event`` that ``holds`` says yes of (a key may be None)."""
    return [key for key, value in event.items() if holds(value)]


def _key_shown(key: Any) -> str:
    """A key of an event, as JSON writes it (its escapes show what does not); an app's key JSON
    has no kind for (a frozenset, pandas' NA, an object of its own) by its text. Such a key
    had raised TypeError out of ``Plan.evaluate`` ("Object of type frozenset is not JSON
    serializable") where the event was to be told where its events are."""
    import json  # only for an event refused

    try:
        return json.dumps(key)
    except (TypeError, ValueError):
        return json.dumps(str(key))


def _key_written_otherwise(event: dict[Any, Any], name: str) -> str:
    """What to write when the event holds ``name`` (`id`, `type`) under a key written
    otherwise (:func:`key_written_otherwise`); "" when it holds none. The event had been told
    it "has no `id`" beside its ``ID``, a key its sender saw as the one asked for (found by
    review)."""
    key = key_written_otherwise(event, name)
    if key is None:
        return ""
    import json  # only for an event refused: JSON's escapes show what does not

    why = _why_not(key, name)
    return f"; it has the key {json.dumps(key)}: write it `{name}`{f' ({why})' if why else ''}"


def _why_not(key: str, name: str) -> str:
    """Why ``key``, which stands for ``name``, is not it, in the words of how it differs: by
    case alone (``ID``), or by a character pasted into it, one that may not show (``id`` and
    a zero-width space), as a decision names it (``event_id``), or by a slip of a letter
    (``tpye``: :func:`_misspelt`); "" when the key differs by characters that show alone
    (``i_d``: "write it `id`" says it all). `ID` had been told "keys differ by case and by
    every character, even one that does not show", which sent its sender looking for a
    character that is not there (found by review), and so had ``i_d`` and ``I-D`` (found by
    review): only a character outside ASCII (a zero-width or a no-break space) is one that
    may not show."""
    plain = _plain(key)
    if plain == "event" + _plain(name):
        return f"a decision names it `event_{name}`, an event `{name}`"
    if plain != _plain(name):
        return "it looks misspelt"
    cased = _BLANKS.sub("", key) != name  # its letters' case differs
    if not key.isascii():  # the same letters, as ASCII: a blank outside ASCII pasted in
        shown = "case and by " if cased else ""
        return f"keys differ by {shown}every character, even one that does not show"
    return "keys are case-sensitive" if cased else ""


def key_written_otherwise(event: dict[Any, Any], name: str) -> str | None:
    """The key of the event that stands for ``name`` (`id`, `type`, `occurred_at`) written
    otherwise: in capitals or camel case (``ID``, ``occurredAt``), with a space or an
    invisible character pasted into it (``id`` and a zero-width space), or as the decision
    names it (``event_id``); None when the event holds ``name`` itself (null, it is the one
    meant) or no such key.

    Asked of every event eval decides without a time (``engine.answerer``), the answer is kept
    by the event's keys, in order: a feed sends the same keys event after event, and looking
    at each key again (a regular expression and a case fold a key) had added about 5 µs to an
    event decided in 12 (found by review)."""
    if name in event:
        return None
    keys = (name, *event)
    try:
        found, misspelt = _WRITTEN_OTHERWISE[keys]
    except KeyError:  # keys not met lately
        if len(_WRITTEN_OTHERWISE) >= _KEPT_KEY_SETS:  # keys that differ event by event
            _WRITTEN_OTHERWISE.clear()
        found, misspelt = _WRITTEN_OTHERWISE[keys] = _written_otherwise(event, name)
    if misspelt is not None and not _HELD_UNDER[name](event[misspelt]):
        return None  # `occurred_by: "Bob"` is a letter from the time's key, and no time
    return found


def _written_otherwise(event: dict[Any, Any], name: str) -> tuple[str | None, str | None]:
    """:func:`key_written_otherwise`'s key, worked out, and the same key again when it is
    ``name`` misspelt (:func:`_misspelt`), not written otherwise (None then): whether a
    misspelt key holds the time is asked of its value, event by event."""
    plain = _plain(name)
    found = next(
        (
            str(key)
            for key in event
            if key.__class__ is str and _plain(key) in (plain, "event" + plain)
        ),
        None,
    )
    if found is not None:
        return found, None
    misspelt = _misspelt(event, name)
    return misspelt, misspelt


def _a_type(value: Any) -> bool:
    """Whether ``value``, under a key a letter or two from `type`, is an event's type: a
    standard one, a custom one (``x-``), or one a slip from a standard one (``revew``). The
    key alone had been taken for the type's: an event without a type but with
    ``"style": "casual"`` was told to name that key `type` (found by review)."""
    if value.__class__ is not str:
        return False
    from engine.model import EVENT_TYPES
    from engine.suggest import did_you_mean

    kind = value.strip().casefold()
    return (
        kind in EVENT_TYPES
        or kind.startswith("x-")
        or (len(kind) <= _HELD_AT_MOST and did_you_mean(kind, EVENT_TYPES) is not None)
    )


def _a_time(value: Any) -> bool:
    """Whether ``value``, under a key a letter or two from `occurred_at`, is a time, written
    as an event writes one (``2026-11-28T21:00:00.5+01:00``) or nearly (``2026-11-28 9:00
    PM``, ``11/28/2026 21:00``). The key alone had been taken for the time's: an event with
    ``"occurred_by": "Bob"`` or ``"occurred_in": "store 12"`` was warned of its time under
    that key, and its checklist told the agent to name it `occurred_at` (found by review).
    A number of seconds or milliseconds since 1970 within this century is one too, as a
    helpdesk sends it: `"occured_at": 1764363600` had been decided without deadlines and
    without a word (found by review)."""
    if value.__class__ is int or value.__class__ is float:
        return any(low <= value < high for low, high in EPOCH_TIMES)
    if value.__class__ is not str or len(value) > _HELD_AT_MOST:
        return False
    if _RFC3339.match(value.strip()) is not None:  # (as `occurred_at` is read; not
        return True  # fromisoformat, which takes `11111111`, a week date, for a day)
    from engine.utctime import timestamp_meant, year_first

    return timestamp_meant(value) is not None or bool(year_first(value))


def _misspelt(event: dict[Any, Any], name: str) -> str | None:
    """The key of ``event`` that is ``name`` (`type`, `occurred_at`) misspelt, a letter or two
    left out, added, changed or swapped (``occured_at``, ``tpye``); None for `id`, too short
    to tell a slip from another key, and when there is none. A key the event schema names is
    no slip (``text`` is not ``type``). An event with ``occured_at``, among the commonest
    misspellings in English, had been decided without a single deadline and without a word,
    as if no time had been sent (found by a new user's trial)."""
    if len(name) < 4:
        return None
    from engine.eventfields import resolve
    from engine.suggest import Suggester

    keys = [key for key in event if key.__class__ is str and resolve(key).info is None]
    # compared by slips of a letter alone: `created_at` is another time, not `occurred_at`
    return Suggester(keys, compare_at_most=0)(name) if keys else None


_HELD_AT_MOST = 64
"""The longest text under a misspelt key that is asked whether it is a time or a slip of a
standard type: both are a few words at most (a timestamp, 40 characters). Asked of each event
without its type or time, 1 MB under `tpye` had taken 86 ms an event to be compared with each
type, and under `occured_at` up to 28 ms to be read as a time (found by review)."""

_HELD_UNDER: dict[str, Callable[[Any], bool]] = {"type": _a_type, "occurred_at": _a_time}
"""What a key misspelt from a name (:func:`_misspelt`) must hold to be taken for it, by the
name."""

_WRITTEN_OTHERWISE: dict[tuple[Any, ...], tuple[str | None, str | None]] = {}
""":func:`_written_otherwise`'s answers, by the name asked for then the event's keys."""
_KEPT_KEY_SETS = 256
"""How many sets of keys are kept before starting again: memory stays bounded."""


def _plain(key: str) -> str:
    """A key without its blanks, underscores and hyphens, in small letters."""
    return _BLANKS.sub("", key).casefold()


_BLANKS = re.compile(r"[\s_\-\u200b-\u200d\u2060\ufeff\u00ad]+")
"""Blanks, word separators, and characters that show as nothing, which a key may be written
or pasted with."""


_ID_TOO_LARGE = "the event `id` is a whole number too large to keep exactly; send it as text"


def _bad_id(event_id: Any) -> str:
    """What is wrong with an ``id`` that is neither usable text nor a 64-bit whole number."""
    rule = f"the event `id` must be text (1 to {MAX_ID_CHARS} characters) or a whole number"
    if event_id.__class__ is float:
        if not event_id.is_integer():
            return _not_whole(rule, event_id)
        if abs(event_id) < _EXACT_FLOATS:  # written 1.0 or 1e2
            return _whole_with_a_point(rule, int(event_id))
        return _ID_TOO_LARGE  # JSON read a whole number beyond 64 bits as a float
    if event_id.__class__ is str:
        if event_id and len(event_id) <= MAX_ID_CHARS:
            return f"{rule}, not text that holds half a character (a lone surrogate)"
        return f"{rule}; it has {len(event_id)} characters"
    said = json_kind(event_id)
    if said.endswith("not JSON data"):  # an app's object: a UUID, a Decimal, an IntEnum
        convert = _converted_id(event_id)
        return f"{rule}, not {said}{f': {convert}' if convert else ''}"
    return f"{rule}, not {said}"


_CONVERT_ID = "give its text, str(value), or its whole number, int(value)"
"""What to write for an app's id of a class JSON has no kind for: a UUID or an IntEnum member
had been told "not an instance of UUID, which is not JSON data" alone (found by review)."""


def _converted_id(event_id: Any) -> str:
    """How to give ``event_id``, an app's object, as an id (:data:`_CONVERT_ID`), for a value
    that ``str`` or ``int`` writes as the id it holds: a UUID, a Decimal, a number or text of a
    class of its own; bytes (a Kafka or Redis key) are decoded, and "" for another object.
    Every such id had been told to give str(value): a key's bytes then became the id
    "b'evt-1'", and a tuple "(1, 2)" (found by review)."""
    import numbers
    import uuid
    from decimal import Decimal

    if isinstance(event_id, bytes | bytearray):
        return "give its text, value.decode()"
    if isinstance(event_id, uuid.UUID | Decimal | numbers.Number | str):
        return _CONVERT_ID
    return ""


def _not_whole(rule: str, number: float) -> str:
    """What is wrong with an ``id`` that is a number not whole. It is named as the number JSON
    read, not as written: "not 1.5" had been told to a sender who wrote ``15e-1``, which they
    could not find in their line (found by review)."""
    if not math.isfinite(number):  # only from Python: JSON holds no NaN or infinity
        return f"{rule}, not {number!r}"
    return (
        f"{rule} without a point or exponent; this one was read as the number {number!r}: "
        "send it as text, in double quotes, to keep it as written"
    )


def _whole_with_a_point(rule: str, whole: int) -> str:
    """What to write for an ``id`` that is a whole number JSON read as a float. Which way it
    was written, ``100.0``, ``1e2`` or ``100.00``, is lost once read, so the forms are given as
    examples: the message had said "not 100.0" to a sender who had written ``1e2`` (found by
    review)."""
    digits = str(abs(whole))
    kept = digits.rstrip("0")
    forms = f"{whole}.0"
    if kept and kept != digits:  # 100 is also written 1e2
        forms += f", {'-' if whole < 0 else ''}{kept}e{len(digits) - len(kept)}"
    return (
        f"{rule} without a point or exponent: write {whole} (the id was written as {forms} "
        "or the like, which JSON reads as a decimal number)"
    )


def _not_an_object(event: Any) -> str:
    """Why a value that is no dict is no event; for JSON text (an app that did not parse it,
    or JSON encoded twice, an object inside a string), how to read it."""
    if isinstance(event, (bytes, bytearray, memoryview)):
        return (
            "an event must be a JSON object, found bytes: parse JSON text first, as backplan "
            "eval does, with engine.read_event(text)"
        )
    if isinstance(event, str) and event.lstrip()[:1] == "{":
        return (
            "an event must be a JSON object, found text that holds one (encoded twice, or not "
            "parsed): send the object itself; in Python, parse JSON text with "
            "engine.read_event(text)"
        )
    return f"an event must be a JSON object, found {json_kind(event)}{_how_to_send(event)}"


_EVENTS_IN_A_LIST = (
    " of objects: write each on a line of its own, without the brackets (in Python, "
    "Plan.evaluate_many decides a list of events)"
)
"""How to send events given as a list where one was due: a line of JSON Lines holding an
array (a batch a webhook sent), or a list given to ``Plan.evaluate``. It had been told "found a
list" alone, with no word of what to write (found by review)."""


def _how_to_send(event: Any) -> str:
    """How to send an app's object that holds an event's fields as the event itself: it had
    been told only "an instance of Complaint, which is not JSON data", of a webhook's own
    pydantic model, a dataclass or an ``OrderedDict``. ``dict(event)`` is not offered for a
    dict of another class: it leaves the groups inside of that class, which no test reads."""
    import dataclasses

    if event.__class__ is list and event and event[0].__class__ is dict:  # events in a list
        return _EVENTS_IN_A_LIST
    if isinstance(event, dict):  # an OrderedDict from object_pairs_hook, a defaultdict...
        return (
            ": send plain dicts throughout, as json.loads gives them without an "
            "object_pairs_hook (json.loads(json.dumps(event)) makes them)"
        )
    if isinstance(event, Mapping):  # a mappingproxy, a UserDict, a ChainMap
        if _holds_other_mappings(event):  # dict(event) would leave these as they are
            return (
                ": send plain dicts throughout, the groups inside it too (dict(event) leaves "
                "them of their class, which no test reads)"
            )
        return ": send a plain dict, dict(event)"
    if callable(getattr(type(event), "model_dump", None)):  # an app's pydantic model
        return ': send event.model_dump(mode="json"), or make an engine.Event of its data'
    if dataclasses.is_dataclass(event) and not isinstance(event, type):
        return ": send dataclasses.asdict(event)"
    return ""


def _holds_other_mappings(event: Mapping[Any, Any]) -> bool:
    """Whether a group inside ``event`` (in a list too, at any depth) is a mapping that is no
    plain dict: ``dict(event)`` of a frozen event (each group a ``mappingproxy``) leaves its
    groups so, which no test reads, and the complaint was decided otherwise without a word, on
    the advice its refusal gave (found by review). Only for an event already refused."""
    waiting: list[Any] = list(event.values())
    while waiting:
        value = waiting.pop()
        if isinstance(value, Mapping):
            if value.__class__ is not dict:
                return True
            waiting.extend(value.values())
        elif isinstance(value, list):
            waiting.extend(value)
    return False


def json_kind(value: Any) -> str:
    """What a value is, in words, for a message (``a list``, ``empty text``...)."""
    if value.__class__ is str:
        if not value:
            return "empty text"
        return (
            "text"
            if value.isascii() or not has_lone_surrogate(value)
            else ("text that holds half a character (a lone surrogate)")
        )
    if value is None:
        return "null"  # JSON's word: the event is `null` itself, or its type
    if isinstance(value, str):  # a subclass such as an enum member: events are plain JSON data
        return f"an instance of {type(value).__name__} (send its plain text)"
    from engine.wording import kind_name, not_json_kind  # only for a message, not to decide

    plain = value.__class__ in (dict, list, int, float, bool)  # not a subclass: a tuple, say
    return kind_name(value) if plain else not_json_kind(value)


def utc_time(raw: Any) -> tuple[int, str]:
    """An event time as µs in UTC (see ``engine.utctime``) and its canonical text (``...Z``).

    Most times arrive canonical, to the second (``2026-11-23T09:30:00Z``), and are read by
    ``engine.utctime.read_canonical``; any other text goes through the full check of
    :func:`parse_time`.
    """
    if raw.__class__ is str:
        moment = read_canonical(raw)
        if moment is not None:
            return moment, raw
    base = microseconds(parse_time(raw).astimezone(UTC).replace(tzinfo=None))
    return base, utc_text(base)


_RFC3339 = re.compile(TIME_ZONE_OPTIONAL_PATTERN)
"""RFC 3339 date-time (with the zone optional here: a time without one gets its own message).

``datetime.fromisoformat`` alone also takes week dates, compact forms and a space for ``T``;
a complaint's time decides every deadline, so only the one unambiguous form is accepted.
"""


_LONGEST_SHOWN = 40
"""The longest ``occurred_at`` text quoted in its refusal: a longer one that is no timestamp
is told its length instead. A timestamp itself may be longer, with its many decimals of a
second (``.123456789012345678+01:00``): RFC 3339 allows any number, and the event schema
and ``engine.Event`` take it; such a time had been refused as "more than any timestamp",
true only when six decimals were the most allowed (found by review)."""


def _not_time_text(raw: Any) -> str:
    """Why an ``occurred_at`` that is no timestamp's text is refused, naming what it is: an app
    that builds events in code most often passes a ``datetime`` (a helpdesk, seconds since
    1970), and was told only what a timestamp looks like, as if its value were one mistyped."""
    said = "`occurred_at` must be a timestamp such as 2026-11-23T09:30:00Z"
    if raw.__class__ is str:
        if named_after := zone_named_after_hint(raw):  # Java's, longer than most
            shown = shown_text(replace_lone_surrogates(raw))
            return f"`occurred_at` is not a timestamp: `{shown}`; {named_after}"
        return f"{said}; this text has {len(raw):,} characters and is not one"
    said = f"{said}, written as text, not {json_kind(raw)}"
    if isinstance(raw, datetime):
        said += ": send isoformat() of a time with its timezone"
    elif isinstance(raw, date):
        said += _a_date_alone(raw)
    elif raw.__class__ is int or raw.__class__ is float:
        said += since_1970(raw)
    return said


def _a_date_alone(day: date) -> str:
    """What to send for a ``date`` that is not a ``datetime``: its ``isoformat()``, which an
    app was told to send, is a date alone (``2026-11-23``), refused in turn as no time; a
    deadline is counted from the hour the complaint happened, so a datetime is asked for, on
    the date sent."""
    example = f"datetime({day.year}, {day.month}, {day.day}, 9, 30, tzinfo=UTC).isoformat()"
    return (
        ": a date alone is no time, and deadlines are counted from the hour; send isoformat() "
        f"of a datetime with its timezone, such as {example}"
    )


def parse_time(raw: Any, *, last_year: int = LAST_YEAR) -> datetime:
    """An RFC 3339 timestamp with a timezone, such as ``2026-11-23T09:30:00Z``, in the years an
    event may happen in (up to ``last_year``: a plan test's expected deadline may be later)."""
    if raw.__class__ is not str or (len(raw) > _LONGEST_SHOWN and _RFC3339.match(raw) is None):
        raise EventError(_not_time_text(raw), "/occurred_at", "bad-time")
    try:
        if _RFC3339.match(raw) is None:
            raise ValueError(raw)
        moment = datetime.fromisoformat(raw.upper())
    except ValueError:
        shown = shown_text(replace_lone_surrogates(raw))  # as written, safe to print
        raise EventError(
            f"`occurred_at` is not a timestamp: `{shown}`; {timestamp_hint(raw)}",
            "/occurred_at",
            "bad-time",
        ) from None
    if moment.tzinfo is None:
        raise EventError(
            "`occurred_at` has no timezone; add Z (UTC) or an offset such as +01:00",
            "/occurred_at",
            "bad-time",
        )
    if not FIRST_YEAR <= moment.year <= last_year:  # deadlines (a year on) must stay dates
        raise EventError(
            f"`occurred_at` must fall between the years {FIRST_YEAR} and {last_year}: `{raw}`",
            "/occurred_at",
            "bad-time",
        )
    return moment


class Prepared:
    """An assembly, how often it was used, and (once used often) its generated builder.

    An assembly that merges late or has more than :data:`MAX_BUILT_ACTIONS` steps never gets a
    builder: its count starts so low it never reaches :data:`BUILD_AFTER_USES`, so the per-event
    check stays one comparison.
    """

    __slots__ = ("assembly", "builder", "uses")

    def __init__(self, assembly: Assembly) -> None:
        self.assembly = assembly
        self.builder: Builder | None = None
        buildable = not assembly.late and len(assembly.steps) <= MAX_BUILT_ACTIONS
        self.uses = 0 if buildable else -(1 << 62)


MAX_CACHED_ASSEMBLIES = 4096
"""How many distinct lists of fired rules a decider remembers the merged actions of.

Memory grows with the distinct combinations seen (1,339 in 100,000 bench events, 75 of them
with builders) and then stays flat, whatever the number of events. Beyond the bounds here and
below, assemblies are worked out per event (the same result, only slower).
"""

MAX_CACHED_WEIGHT = 32_768
"""How much all the cached assemblies may hold together, counted as their weight (see
:data:`MAX_WEIGHT_CACHED`): the number of entries alone bounded nothing, as one entry grows with
the rules an event matched (5,000 rules matched by half an event's labels made each entry about
1 MB, and 4,096 of them 4 GB).

Measured with ``tracemalloc`` (rules of 3 actions, one merged across rules): an entry takes
about 300 B and 131 B per weight; a generated builder, which only sets used
:data:`BUILD_AFTER_USES` times get, about 2 KiB and 0.9 KiB per step. Filled with builders,
every set seen 101 times, the cache held 27 MiB as 4,085 sets of 2 rules (weight 7 each) and
22 MiB as 128 sets of 85 rules (the weight full): under about 30 MiB. The bench's sets weigh
about 7 (2 fired rules, 5 steps), so 4,096 of them fit."""

MAX_WEIGHT_CACHED = 256
"""The heaviest assembly cached: its weight is the rules in its key (all the rules the event
matched) plus its steps (its actions after merging). One rare event matching hundreds of rules
would otherwise take a large share of :data:`MAX_CACHED_WEIGHT`, and the usual sets seen after
it would go uncached; such a set is worked out per event, which costs little beside matching
that many rules."""


MAX_BUILT_ACTIONS = 200
"""The most actions a generated builder makes: compiling one takes about 0.2 s per 1,000
actions, and it happens inside a decision. Larger sets of fired rules are filled in step by
step."""

BUILD_AFTER_USES = 100
"""How many decisions of one set of fired rules are filled in step by step before its builder
is generated. Compiling a builder costs about 0.3 to 0.6 ms (more with written-out pricing,
``engine.pricecode``, which saves more per decision too) and saves about 6 µs or more per
decision, so it pays for itself after about 100 uses; compiling once that many have been
seen (as a skier buys skis once the rentals have cost their price) never costs more than
twice the best choice made knowing the future. Compiling at the second use had made the
100-rule bench compile 681 builders over 100,000 events (0.52 s of CPU, a tenth of ``backplan eval``), most for sets seen
a handful of times; at 100 uses it compiles 75 (0.06 s), and those sets cover 91% of the events.
"""


class _RulePool:
    """Rules in firing order (the regular ones, or the fallbacks), prepared as they fire.

    A rule's actions are prepared (``prepare``) the first time it fires: preparing all 10,000
    rules of a large plan up front cost about 0.4 s of its load, and most rules fire rarely.
    ``assemblies`` caches the merged actions by the ordinals of the rules an event matched.
    An entry's assembly and builder are pure functions of its key (its use count only says when
    to compile), so threads that race to fill one store equal values, and a decision never
    depends on what was cached before.
    """

    __slots__ = ("assemblies", "compensation", "first_only", "prepared", "rules", "weight")

    def __init__(
        self, rules: Sequence[Rule], first_only: bool, compensation: CompensationRules
    ) -> None:
        self.rules = rules
        self.compensation = compensation  # its currency is the plan's, for preparing rules
        self.first_only = first_only
        self.prepared: list[FiringRule | None] = [None] * len(rules)
        self.assemblies: dict[tuple[int, ...], Prepared] = {}
        self.weight = 0
        """The weight of the cached assemblies (:data:`MAX_CACHED_WEIGHT`); threads that race
        to add one may count it twice, or lose one's count: the bound moves by an entry."""

    def rule(self, ordinal: int) -> FiringRule:
        """The rule at this position in firing order, prepared."""
        known = self.prepared[ordinal]
        if known is None:
            known = self.prepared[ordinal] = prepare(
                self.rules[ordinal], self.compensation.currency
            )
        return known

    def firing(self, ordinals: list[int]) -> list[FiringRule]:
        """The rules that fire, given all that matched: up to the first ``stop`` (or the first
        rule at all when the plan says ``match: first``)."""
        chosen: list[FiringRule] = []
        for ordinal in ordinals:
            rule = self.rule(ordinal)
            chosen.append(rule)
            if rule.stop or self.first_only:
                break
        return chosen

    def assembly(self, ordinals: list[int]) -> Prepared:
        """The merged actions of the rules that fire, given all the rules that matched.

        An assembly used :data:`BUILD_AFTER_USES` times gets its builder (``engine.builder``).
        """
        key = tuple(ordinals)
        known = self.assemblies.get(key)
        if known is None:
            known = Prepared(assemble(self.firing(ordinals)))
            self._keep(key, known)
        elif known.builder is None:
            known.uses += 1  # threads may race here: a use more or less changes nothing
            if known.uses >= BUILD_AFTER_USES:
                known.builder = compile_builder(known.assembly, self.compensation)
        return known

    def _keep(self, key: tuple[int, ...], prepared: Prepared) -> None:
        """Cache a new assembly while the cache has room for it, in entries and in weight (a
        set that matched many rules takes room in proportion: see :data:`MAX_CACHED_WEIGHT`)."""
        weight = len(key) + len(prepared.assembly.steps)
        if (
            weight <= MAX_WEIGHT_CACHED
            and self.weight + weight <= MAX_CACHED_WEIGHT
            and len(self.assemblies) < MAX_CACHED_ASSEMBLIES
        ):
            self.assemblies[key] = prepared
            self.weight += weight


def reads_time(model: PlanModel) -> bool:
    """Whether a test of the plan (a rule's or a named condition's) reads ``occurred_at``."""
    return any(
        isinstance(node, FieldTest) and node.field == "occurred_at"
        for _, tree in plan_conditions(model)
        for node in walk(tree)
    )


def time_as_tested(event: dict[str, Any], occurred_at: str) -> dict[str, Any]:
    """The event as the plan's tests read it: its ``occurred_at`` in UTC, as the decision
    writes it (``occurred_at``, from :func:`event_identity`), in place of the time as sent.

    Why: a test compares ``occurred_at`` with the plan's time as text, which orders times
    only when both are written alike. A Tokyo system's ``2026-12-07T23:59:00+09:00`` (14:59
    UTC) held ``gte: "2026-12-07T15:00:00Z"``, and ``...15:00:00.000Z`` failed it, being
    before it letter by letter (found by writing a Tokyo shop's plan). The time is read to the
    second, as a plan writes its times: ``15:00:00.500000Z`` is before ``15:00:00Z`` letter by
    letter too. The event itself is not changed: its decision and its messages show what was
    sent."""
    if event.get("occurred_at") is occurred_at:  # sent so (the usual): the same text
        return event
    return {**event, "occurred_at": to_the_second(occurred_at)}


def event_as_tested(event: Any) -> Any:
    """:func:`time_as_tested` of an event not decided here, its time read from it: what
    ``explain`` traces, as ``Decider.decide`` tests it. As it is when its
    time is canonical UTC already, or no time (a decision refuses such an event first)."""
    raw = event.get("occurred_at") if event.__class__ is dict else None
    if raw.__class__ is not str or read_canonical(raw) is not None:
        return event
    try:
        return time_as_tested(event, utc_time(raw)[1])
    except EventError:
        return event


def to_the_second(utc: str) -> str:
    """A canonical UTC time (:func:`utc_time`'s text) as a plan's tests read it, to the second:
    ``2026-12-07T15:00:00.500000Z`` is ``2026-12-07T15:00:00Z`` (see :func:`time_as_tested`)."""
    return utc if len(utc) <= _TO_THE_SECOND else utc[: _TO_THE_SECOND - 1] + "Z"


_TO_THE_SECOND = len("2026-12-07T15:00:00Z")


class Decider:
    """Turns events into decision documents for one compiled plan (thread-safe).

    The only state that changes is in the two rule pools (prepared rules, cached assemblies),
    and none of it changes what a decision says.
    """

    def __init__(self, model: PlanModel, matcher: CompiledMatcher) -> None:
        self.matcher = matcher
        self.by_type, self.untyped = dict(matcher.by_type), matcher.untyped  # a dict: faster
        settings = model.settings
        first_only = settings.match == "first"
        self.compensation = CompensationRules(settings.compensation, settings.currency)
        self.rules = _RulePool(matcher.rules, first_only, self.compensation)
        self.fallbacks = _RulePool(matcher.fallbacks, first_only, self.compensation)
        self.plan_ref = {"fingerprint": model.fingerprint, "name": settings.name}
        self.reads_time = reads_time(model)

    def decide(self, event: Any) -> dict[str, Any]:
        """The decision document for one event; raises EventError for an event it cannot decide."""
        if FOLDED_TEXTS:  # the last event's texts, folded for ignore_case tests: not kept
            FOLDED_TEXTS.clear()
        event_id, kind, base, occurred_at = event_identity(event)
        tested = event
        if self.reads_time and occurred_at is not None:  # (most plans test no time)
            tested = time_as_tested(event, occurred_at)
        ordinals = match_split(tested, self.by_type, self.untyped)  # self.matcher.match
        fallback = not ordinals
        if fallback:
            prepared = self.fallbacks.assembly(self.matcher.match_fallbacks(tested))
        else:
            prepared = self.rules.assembly(ordinals)
        actions, compensation = self._actions(prepared, event, base)
        return {  # keys in order, as canonical JSON writes them (engine.decision)
            "actions": actions,
            "compensation": compensation,
            "event_id": event_id,
            "event_type": kind,
            "fallback": fallback,
            "format": DECISION_FORMAT,
            "matched": list(prepared.assembly.matched),
            "occurred_at": occurred_at,
            "plan": self.plan_ref.copy(),
        }

    def _actions(
        self, prepared: Prepared, event: dict[str, Any], base: int | None
    ) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
        builder = prepared.builder
        if builder is not None:
            entries, to_size, settled = builder(event, base)  # settled: priced by the builder
        else:
            entries, to_size = fill(prepared.assembly, event, base)
            settled = None
        if not to_size:
            return entries, settled
        not_made, summary = price(to_size, event, self.compensation)
        if not_made:
            left_out = {id(entry) for entry in not_made}
            entries = [e for e in entries if id(e) not in left_out]
        return entries, summary
