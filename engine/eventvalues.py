"""The value of one field of each event, by its id: what ``backplan report --per FIELD`` joins
the decisions with, to split their cost by site (``store``), region, channel or customer tier.

A decision names its event by id, not by the event's fields, so the cost per site had to be
joined by hand from the events eval read (a script in docs/report.md). The events are read as
``backplan eval`` reads them (:func:`engine.streams.read_events`: JSON Lines, arrays, objects),
and the field as a rule's ``field:`` reads it (:func:`engine.fields.lookup`). Only each id and
the value of its field are kept, never the events, so that a million events fit: each distinct
value once, as JSON text (``1`` and ``"1"`` are two values, as JSON tells them apart), and each
id with the number of its value and where it was read, in one whole number.
"""

from __future__ import annotations

from typing import IO, Any, NamedTuple

import orjson

from engine.errors import counted, shown_event_id, shown_text
from engine.fields import MISSING, PATH_PATTERN, dotted_path, lookup, split_path

NO_VALUE = ""
"""The key of the events whose field is missing or null (no JSON text is empty)."""

_LINE_BITS = 40
"""A place is its input's number above these bits, its line below."""
_PLACE_BITS = 64
"""An id's entry is the number of its value above these bits, its place below."""
_LOW = (1 << _PLACE_BITS) - 1


def field_refused(field: str) -> str | None:
    """Why ``field`` names no field of an event, as a rule's ``field:`` would (None: it
    does), with the path it most likely means (``order.items[0].sku``). The name is shown
    as :func:`~engine.errors.shown_text` shows text from outside: an ESC pasted into it had
    reached the terminal as it was (found by review)."""
    if PATH_PATTERN.match(field):
        return None
    meant = dotted_path(field)
    hint = f": write `{meant}`" if meant else ", such as `store` or `customer.tier`"
    return f"`{shown_text(field)}` is not a field of an event as a rule names one{hint}"


class Conflict(NamedTuple):
    """An event id read with two values of the field: the value and place of each."""

    event_id: str | int
    earlier: str
    earlier_at: tuple[str, int]
    later: str
    later_at: tuple[str, int]


class EventValues:
    """Each event id read, with the value of ``field`` in its event (its last appearance's,
    when an id appears with two values: a corrected event sent again is the newer word, and
    the first such id is kept, for the command to say it: :func:`conflict_words`)."""

    def __init__(self, field: str) -> None:
        """Raises ValueError, saying what to write, for a ``field`` that names no field."""
        if (refused := field_refused(field)) is not None:
            raise ValueError(refused)
        self.field = field
        self._parts = split_path(field)
        self._ids: dict[str | int, int] = {}
        self._values: list[str] = [NO_VALUE]
        self._numbers: dict[str, int] = {NO_VALUE: 0}
        self._inputs: list[str] = []
        self.conflict: Conflict | None = None
        self.conflicting: set[str | int] = set()
        """The ids read with two values (rare: kept whole)."""

    def __len__(self) -> int:
        """How many event ids were read."""
        return len(self._ids)

    def reading(self, source: str) -> int:
        """Say that the input ``source`` is read next; its number, for :meth:`add`."""
        self._inputs.append(source)
        return len(self._inputs) - 1

    def add(self, event: Any, source: int, line: int) -> None:
        """Keep the value of the field in ``event``, read at ``line`` of the input numbered
        ``source`` (:meth:`reading`); an event without an id eval could decide is left out,
        as it has no decision (its error record has none to join)."""
        if event.__class__ is not dict:
            return
        event_id = event.get("id")
        if event_id.__class__ is not str and event_id.__class__ is not int:
            return
        found = lookup(event, self._parts)
        key = NO_VALUE if found is MISSING or found is None else _json_text(_one_number(found))
        number = self._numbers.setdefault(key, len(self._values))
        if number == len(self._values):
            self._values.append(key)
        place = source << _LINE_BITS | line
        known = self._ids.get(event_id)
        if known is not None and known >> _PLACE_BITS != number:
            self._conflict(event_id, known, key, place)
        self._ids[event_id] = number << _PLACE_BITS | place

    def value_of(self, event_id: object) -> str | None:
        """The key of the value of the field in the event ``event_id`` (its JSON text, or
        :data:`NO_VALUE`); None for an event not among those read."""
        if event_id.__class__ is not str and event_id.__class__ is not int:
            return None  # (a bool is no id: True would find the id 1)
        known = self._ids.get(event_id)
        return None if known is None else self._values[known >> _PLACE_BITS]

    def _conflict(self, event_id: str | int, known: int, key: str, place: int) -> None:
        self.conflicting.add(event_id)
        if self.conflict is None:
            earlier = self._values[known >> _PLACE_BITS]
            self.conflict = Conflict(
                event_id, earlier, self._named(known & _LOW), key, self._named(place)
            )

    def _named(self, place: int) -> tuple[str, int]:
        return self._inputs[place >> _LINE_BITS], place & ((1 << _LINE_BITS) - 1)


def _json_text(value: Any) -> str:
    """A value as JSON writes it, keys sorted: the key it is counted under."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()


_WHOLE_LIMIT = float(1 << 63)
"""A whole number written with a point is counted as an integer below this (orjson writes
no larger integer); from it on, as the number it is."""


def _one_number(value: Any) -> Any:
    """``value`` with each whole number written with a point (``12.0``, ``-0.0``) as the
    integer it is: JSON holds a number, not how it was written, and a rule's ``equals: 12``
    takes both, so the store ``12`` sent as ``12.0`` by another system had a line of its own
    (``1``, ``"1"`` and ``true`` stay three values)."""
    kind = value.__class__
    if kind is float:
        whole = value.is_integer() and -_WHOLE_LIMIT < value < _WHOLE_LIMIT
        return int(value) if whole else value
    if kind is list:
        return [_one_number(item) for item in value]
    if kind is dict:
        return {key: _one_number(item) for key, item in value.items()}
    return value


class Unread(NamedTuple):
    """What an input of events held that no value was kept of: lines eval could not read
    (each an error record, no decision to join), and lines of what eval writes (a decision or
    an error record: the file of decisions given as events)."""

    unreadable: int
    written: int
    first: str | None = None
    """The first line eval could not read and why (``1: the input is compressed (gzip)…``):
    a gzip or spreadsheet file of events is one such line, its events all lost, which a count
    alone had not said."""
    events: int = 0
    """The events read (none: the input is empty, or holds only what eval writes)."""


def read_values(stream: IO[bytes], source: str, values: EventValues) -> Unread:
    """Keep the value of each event of ``stream`` in ``values``, read as ``backplan eval``
    reads its inputs; what was left out (:class:`Unread`), for the caller to say."""
    from engine.formats import DECISION_FORMAT, ERROR_FORMAT
    from engine.streams import read_events

    number = values.reading(source)
    unreadable = written = events = 0
    first = None
    for item in read_events(stream, source):
        if item.error is not None:
            unreadable += 1
            first = first or f"{item.start_line()}: {item.error}"
        elif item.value.__class__ is dict and item.value.get("format") in (
            DECISION_FORMAT,
            ERROR_FORMAT,
        ):
            written += 1
        else:
            events += 1
            values.add(item.value, number, item.start_line())
    return Unread(unreadable, written, first, events)


def shown_value(value: Any) -> str:
    """A value as the report's text names it: a text as it is, but one that reads as another
    value or as a label of the report (``1``, ``true``, ``(no store)``) in quotes, as JSON
    writes it, so that the store ``"1"`` is not shown as the store ``1``; any other value as
    JSON writes it."""
    if value.__class__ is not str:
        return _json_text(value)
    if value.startswith("(") or value != value.strip() or not value or _reads_as_json(value):
        return _json_text(value)
    return str(value)


def _reads_as_json(text: str) -> bool:
    try:
        orjson.loads(text)
    except orjson.JSONDecodeError:
        return False
    return True


def unread_words(source: str, unread: Unread) -> list[str]:
    """What is said of the input of events ``source`` that :func:`read_values` read, for
    what it kept no value of (nothing when it kept every line): decisions given as events
    (each decision counted "not given"), lines eval could not read with the first and why (a
    gzip file is one such line), or no event at all."""
    said = []
    if unread.written:  # the decisions given as events: every decision "not given"
        said.append(
            f"{source}: {counted(unread.written, 'line')} of what eval writes (decisions or "
            "error records), not events: give --events the events given to eval, and the "
            "decisions as the report's files"
        )
    if unread.unreadable:
        said.append(
            f"{source}: {counted(unread.unreadable, 'event')} eval could not read (an error "
            "record each, no decision): none is counted under a value of --per; the first, "
            f"at line {unread.first}"
        )
    elif not unread.events and not unread.written:
        said.append(
            f"{source} holds no event: none is counted under a value of --per; give --events "
            "the events given to eval"
        )
    return said


def conflict_words(values: EventValues) -> str | None:
    """What to say of the ids read with two values of the field (None: none was): the first,
    where each value was read, and how many more."""
    conflict = values.conflict
    if conflict is None:
        return None
    earlier, later = (_key_words(key, values.field) for key in (conflict.earlier, conflict.later))
    (first, first_line), (then, then_line) = conflict.earlier_at, conflict.later_at
    more = len(values.conflicting) - 1
    have = "has" if more == 1 else "have"
    others = f" ({counted(more, 'more event')} {have} two values of it too)" if more else ""
    return (
        f"event {shown_event_id(conflict.event_id)} has two values of {values.field}: {earlier} at "
        f"{first}:{first_line}, {later} at {then}:{then_line}; its decisions are counted under "
        f"{later}, its last{others}"
    )


def _key_words(key: str, field: str) -> str:
    """A value kept (its JSON text, or :data:`NO_VALUE`) as the report's text names it."""
    return f"(no {field})" if key == NO_VALUE else shown_text(shown_value(orjson.loads(key)))
