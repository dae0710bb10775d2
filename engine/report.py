"""What a run of decisions says, for a manager: ``backplan report`` and :func:`summarize`.

The "Measure" part of the product: which complaints come in, which rules fire and which never
do, what the fallback had to improvise, what the gestures cost, and what is rising. It reads
decisions as ``backplan eval`` writes them (``backplan.decision/1``), and its error records
(``backplan.error/1``), which count as events not decided.

Only counters are kept, never the decisions (what grows with them is the number of rules,
event types and periods), and each decision's event id with a fingerprint of its decision, to
tell a decision repeated (:class:`_Repeats`: the same event sent twice, or a file of decisions
joined twice, had been counted twice, gestures and all). The same decisions, in any order,
give the same :class:`Report`: every list in it is sorted, and money is added as exact
decimals (``engine.money.MONEY``), never floats. Periods are counted in UTC, the time every
decision states, or in the days of the zone the report is asked for (``time_zone``: a store
in Sydney's Monday morning is Sunday in UTC).
"""

from __future__ import annotations

import calendar
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from io import IOBase
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import orjson

from engine.decision import (
    Decision,
    canonical_json,
    not_a_utc_time,
    parsed_document,
    should_be,
)
from engine.errors import DecisionFormatError, read_only
from engine.eventvalues import NO_VALUE
from engine.formats import DECISION_FORMAT, ERROR_FORMAT, REPORT_FORMAT
from engine.money import MONEY, format_money

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from engine.api import Plan
    from engine.eventvalues import EventValues

Period = Literal["day", "week", "month"]
"""What ``--by`` counts the trend in: days, ISO weeks (Monday to Sunday) or calendar months;
typed so that an app's ``summarize(decisions, by="year")`` is caught by its type checker
(it is refused at run time all the same)."""
PERIODS: tuple[Period, ...] = ("day", "week", "month")
"""The periods, in order."""
TREND_PERIODS = {"day": 366, "week": 261, "month": 120}
"""How many periods the trend covers at most, the latest: a year of days, five of weeks, ten of
months. Every period between the first decision and the last had been counted: one decision
dated 1900 beside today's made 46,000 days for each event type and rule (two lines took 10 s
and 450 MB; found by review). Decisions dated before are counted everywhere but in the
trend, and :attr:`Trend.earlier` says how many."""


def trend_limits() -> str:
    """The limits of :data:`TREND_PERIODS` in words (``366 days, 261 weeks or 120 months``),
    for the report schema's description (a test holds docs/report.md to the same words)."""
    counts = [f"{number} {by}s" for by, number in TREND_PERIODS.items()]
    return f"{', '.join(counts[:-1])} or {counts[-1]}"


MAX_LINE_BYTES = 64 << 20
"""Longest decision line ``backplan report`` reads (64 MiB, as a JSON document ``eval`` reads
whole): one longer is no decision, and is skipped a chunk at a time, never held whole (a file
with no newline, a disk image, had taken twice its size in memory)."""
_AMOUNT = re.compile(r"[0-9]+(\.[0-9]+)?\Z")
"""An amount as a decision writes it (``engine.decisionmodel.AMOUNT``)."""
_ZERO = Decimal(0)


@read_only
@dataclass(frozen=True, slots=True)
class Count:
    """How many times one thing (an event type, a rule, an action type...) was seen."""

    name: str
    count: int


@read_only
@dataclass(frozen=True, slots=True)
class PlanCount:
    """A plan version, named by its fingerprint, and how many of the decisions it made."""

    name: str
    fingerprint: str
    decisions: int


@read_only
@dataclass(frozen=True, slots=True)
class CurrencyTotal:
    """The gestures made in one currency: all of them, and those still waiting for a person's
    approval (part of the total: they are proposed, not yet given)."""

    currency: str
    total: str
    awaiting_approval: str


@read_only
@dataclass(frozen=True, slots=True)
class KindTotal:
    """The gestures of one kind (voucher, refund...) in one currency."""

    currency: str
    kind: str
    offers: int
    amount: str


@read_only
@dataclass(frozen=True, slots=True)
class RuleTotal:
    """The gestures one rule made in one currency: a controller signing off a plan asks which
    rule costs what, which the totals by kind cannot say (two rules give vouchers). Only
    offers made count in ``offers`` and ``amount``, as in every total: one a decision set
    aside (``superseded``) was never given. It is counted in ``set_aside``: a rule whose
    every offer was set aside had been missing, so a manager could not see that it fired and
    gave nothing. ``awaiting_approval`` is the part of ``amount`` in decisions that wait for a
    person's approval; each currency's add up to its :class:`CurrencyTotal`'s."""

    rule: str
    currency: str
    offers: int
    amount: str
    set_aside: int
    awaiting_approval: str


@read_only
@dataclass(frozen=True, slots=True)
class Compensation:
    """What the gestures made cost. Only offers made count: those a larger offer or the
    per-event cap set aside (``compensation.superseded``) were never given."""

    decisions: int
    """Decisions with at least one gesture made."""
    needs_approval: int
    """Decisions whose gesture waits for a person's approval."""
    capped: int
    """Decisions whose gestures the plan's per-event cap reduced or left out (all of them,
    under a cap of 0: such a decision makes no gesture, and counts here all the same)."""
    unresolved_offers: int
    """Offers the event could not size (a percentage of a missing total), left for a person:
    made at the rule's ``min`` (or 0), or set aside beside the offer made."""
    currencies: tuple[CurrencyTotal, ...]
    kinds: tuple[KindTotal, ...]
    rules: tuple[RuleTotal, ...] = ()
    """By currency, then the largest amount first (ties: the most offers, then by rule): each
    currency's add up to its total."""


@read_only
@dataclass(frozen=True, slots=True)
class Series:
    """One event type's or rule's count in each period of the trend."""

    name: str
    counts: tuple[int, ...]


@read_only
@dataclass(frozen=True, slots=True)
class Spend:
    """What the gestures made cost in one currency, in each period of the trend: how the
    spend moves, beside the counts of events."""

    currency: str
    amounts: tuple[str, ...]


@read_only
@dataclass(frozen=True, slots=True)
class Change:
    """An event type or rule seen more often in the last full period than in the one before."""

    what: Literal["event type", "rule"]
    name: str
    before: int
    last: int


@read_only
@dataclass(frozen=True, slots=True)
class Trend:
    """Counts per period, and what rose between the last two full periods.

    A period is full when the decisions cover all its days: the first and the last period are
    most often cut (the decisions start on a Wednesday, or end before the month does), and
    comparing a cut period with a whole one would show a fall or a rise that is not there.
    Backplan cannot know which hours an export covers, so days count whole."""

    by: str
    periods: tuple[str, ...]
    """Every period from the first decision's to the last one's, empty ones included, at most
    the latest :data:`TREND_PERIODS`."""
    events: tuple[int, ...]
    """All decisions with a time, per period."""
    event_types: tuple[Series, ...]
    rules: tuple[Series, ...]
    last_full: str | None
    """The last full period, compared with the one before it (None: fewer than two)."""
    before: str | None
    rising: tuple[Change, ...]
    earlier: int = 0
    """Decisions dated before the first period of the trend (:data:`TREND_PERIODS`)."""
    time_zone: str = "UTC"
    """The zone whose days the periods are (``backplan report --time-zone``): a store in
    Sydney had its Monday morning's complaints counted on Sunday, the day UTC was on."""
    compensation: tuple[Spend, ...] = ()
    """Per currency with a gesture in the trend, by currency: the offers made, per period
    (offers set aside are not counted, as in :class:`Compensation`)."""


@read_only
@dataclass(frozen=True, slots=True)
class ValueCost:
    """The decisions of the events with one value of a field (``backplan report --per
    store``: one site), counted as the report's own totals count them."""

    value: Any
    """The value, as JSON reads it (``1`` and ``"1"`` apart); None for the events without one
    and for the decisions of events not among those given (``group`` says which)."""
    group: Literal["value", "no value", "not given"]
    """``value``: events with this value; ``no value``: events whose field is missing or
    null; ``not given``: decisions whose event is not among the events given."""
    decisions: int
    with_gesture: int
    """Decisions with at least one gesture made."""
    currencies: tuple[CurrencyTotal, ...]
    """What the gestures made cost, per currency, and the part awaiting approval."""


@read_only
@dataclass(frozen=True, slots=True)
class ByField:
    """The decisions split by the value of a field of their events (``--per FIELD``): each
    value's decisions, gestures and cost add up to the report's own."""

    field: str
    events: int
    """Event ids read from the events given."""
    values: tuple[ValueCost, ...]
    """The most cost first (by currency, in their order), then by value."""


@read_only
@dataclass(frozen=True, slots=True)
class Repeats:
    """Decisions of an event (its ``event_id``) that an earlier decision was of."""

    same: int
    """Each the same decision as an earlier one of its event (the event sent twice, a file
    joined twice): counted once, left out of every other count of the report."""
    different: int
    """Each another decision than the earlier ones of its event (the plan changed between
    runs, an event sent again with other fields, or two events share an id): each counted, as
    the report cannot tell which holds."""
    error_records: int = 0
    """Error records each the same as an earlier one (:meth:`_Repeats.record_again`): counted
    once, in neither ``error_records`` nor ``error_codes``."""


@read_only
@dataclass(frozen=True, slots=True)
class Report:
    """What a run of decisions says: see the module docstring, and docs/report.md."""

    decisions: int
    error_records: int
    """Events ``eval`` could not decide (its error records), by code in ``error_codes``."""
    error_codes: tuple[Count, ...]
    unreadable: int
    """Input lines that were neither a decision nor an error record (counted by the reader)."""
    first: str | None
    """The earliest ``occurred_at`` of the decisions (UTC), None when none has one."""
    last: str | None
    undated: int
    """Decisions without ``occurred_at``: counted everywhere but in the trend."""
    plans: tuple[PlanCount, ...]
    given_plan: PlanCount | None
    """The plan the report was asked to compare with, and how many decisions it made."""
    never_fired: tuple[str, ...] | None
    """The given plan's enabled rules, its fallback aside, that fired in none of the decisions
    (None: no plan)."""
    event_types: tuple[Count, ...]
    rules: tuple[Count, ...]
    fallback: int
    """Decisions no ordinary rule fitted (``"fallback": true``): a person improvised."""
    compensation: Compensation
    actions: tuple[Count, ...]
    trend: Trend
    repeats: Repeats = Repeats(0, 0)
    """Decisions of an event decided before, and error records read before: ``decisions``
    and ``error_records`` count those the same once."""
    by_field: ByField | None = None
    """The decisions split by a field of their events (None: not asked)."""

    def to_document(self) -> dict[str, Any]:
        """The report as JSON-ready data (``backplan report --format json``): the same numbers
        as the text, money as exact text, shares as percentages with one decimal."""
        return {
            "format": REPORT_FORMAT,
            "decisions": self.decisions,
            "error_records": self.error_records,
            "error_codes": {c.name: c.count for c in self.error_codes},
            "unreadable_lines": self.unreadable,
            "first": self.first,
            "last": self.last,
            "undated": self.undated,
            "plans": [asdict(p) for p in self.plans],
            "given_plan": None if self.given_plan is None else asdict(self.given_plan),
            "never_fired": None if self.never_fired is None else list(self.never_fired),
            "event_types": self._shares(self.event_types),
            "rules": self._shares(self.rules),
            "fallback": {"count": self.fallback, "share": share(self.fallback, self.decisions)},
            "compensation": _compensation_document(self.compensation),
            "actions": [{"type": c.name, "count": c.count} for c in self.actions],
            "trend": _trend_document(self.trend),
            "repeats": asdict(self.repeats),
            "by_field": None if self.by_field is None else asdict(self.by_field),
        }

    def _shares(self, counts: tuple[Count, ...]) -> list[dict[str, Any]]:
        return [
            {"name": c.name, "count": c.count, "share": share(c.count, self.decisions)}
            for c in counts
        ]


def _compensation_document(compensation: Compensation) -> dict[str, Any]:
    return {
        "decisions": compensation.decisions,
        "needs_approval": compensation.needs_approval,
        "capped": compensation.capped,
        "unresolved_offers": compensation.unresolved_offers,
        "currencies": [asdict(c) for c in compensation.currencies],
        "kinds": [asdict(k) for k in compensation.kinds],
        "rules": [asdict(r) for r in compensation.rules],
    }


def _trend_document(trend: Trend) -> dict[str, Any]:
    return {
        "by": trend.by,
        "periods": list(trend.periods),
        "events": list(trend.events),
        "event_types": {s.name: list(s.counts) for s in trend.event_types},
        "rules": {s.name: list(s.counts) for s in trend.rules},
        "last_full": trend.last_full,
        "before": trend.before,
        "rising": [asdict(c) for c in trend.rising],
        "earlier": trend.earlier,
        "time_zone": trend.time_zone,
        "compensation": {s.currency: list(s.amounts) for s in trend.compensation},
    }


def why_decided_otherwise(plans: int, asked: str = "") -> str:
    """Why an event was decided otherwise than before, as the report can tell it from the
    ``plans`` (versions) that made its decisions: with several, the decisions of two
    versions given together (each counted, both versions' gestures added up); the way to
    see what one version changed is ``backplan compare``. It had always been guessed "the
    plan changed between runs, or two events share an id?", with the versions in sight.
    ``asked``: what ends the guess (``?`` on stderr).

    An event sent again with a field corrected (its store) is decided otherwise by the same
    plan: a chain's four plans, one a country, had been told to give one version's decisions,
    and one plan's "the plan changed between runs, or two events share an id?", neither of
    which it was (found by a coffee chain's trial)."""
    if plans > 1:
        return (
            f"{plans} plans or versions made these decisions, or an event was sent again with "
            "other fields: for one version's counts, give `backplan report` its decisions "
            "alone, and `backplan compare BEFORE.jsonl AFTER.jsonl` says what one changed"
        )
    return (
        "the plan changed between runs, an event was sent again with other fields (a store "
        f"corrected), or two events share an id{asked}"
    )


def share(part: int, whole: int) -> str:
    """``part`` as a percentage of ``whole``, one decimal, half up (``"30.8"``); ``"0.0"`` of
    nothing. Exact: a share printed twice is the same text."""
    if not whole:
        return "0.0"
    exact = MONEY.divide(Decimal(part * 100), Decimal(whole))
    return str(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP, context=MONEY))


class _Offer(NamedTuple):
    """A compensate action's offer, as the report adds it up."""

    currency: str
    kind: str
    amount: Decimal
    unresolved: bool
    rule: str
    """The rule that made the offer (a compensate action is never merged with another)."""


class _SetAside(NamedTuple):
    """An offer a decision set aside (``compensation.superseded``), as the report counts it:
    never given, and so in no total, but said beside its rule's gestures."""

    currency: str
    rule: str
    zero: Decimal
    """Nothing, in the decimals of its amount (its currency's): what a rule whose every offer
    was set aside gave."""


class _Read(NamedTuple):
    """What one decision adds to the counts, read whole before any count changes: a decision
    refused halfway (a compensate action without an amount) adds nothing. A named tuple, as
    one is made per decision read: a frozen dataclass took four times as long to make."""

    event_type: str
    time: tuple[datetime, str] | None
    """When the event occurred, and ``occurred_at`` as written (None: not stated)."""
    plan: tuple[str, str]
    matched: list[str]
    fallback: bool
    actions: list[str]
    offers: list[_Offer]
    needs_approval: bool
    capped: bool
    set_aside_unresolved: int
    set_aside: list[_SetAside]


_PLACE_BITS = 64
"""A remembered decision is one whole number: its fingerprint above these bits, its place
below (:meth:`_Repeats.place`): a tuple of the three took twice the memory."""
_LINE_BITS = 40
"""A place is the number of its input above these bits, its line below."""
_LOW = (1 << _PLACE_BITS) - 1


class RepeatPlaces(NamedTuple):
    """The first decision of an event decided before: its event id, where the earlier
    decision of that event was and where it is (each an input and a line; without an input,
    the line is the decision's number among those added)."""

    event_id: str | int
    earlier: tuple[str, int]
    again: tuple[str, int]
    given_twice: bool = False
    """Whether the input it is in again was read before (:meth:`ReportCounts.reading`):
    at the very place of the earlier one, that is an input given twice, else a second
    decision on the same line (two of eval's lines joined, their line end lost)."""


class _Repeats:
    """The decisions of each event (its ``event_id``) met so far, to tell one met again: a
    fingerprint of each decision (its canonical JSON's hash, kept as a whole number with its
    place) under its event id, every fingerprint of an event decided otherwise in a set apart
    (rare). About 150 bytes a decision, the id included: the one count of the report that
    grows with the decisions, as a repeat may come any number of lines later (``cat
    decisions.jsonl decisions.jsonl``). Error records are remembered apart, each by its
    event or its place (:meth:`record_again`)."""

    def __init__(self) -> None:
        self.known: dict[str | int, int] = {}
        self.others: dict[str | int, set[int]] = {}
        self.inputs: dict[str, int] = {}
        self.readings: Counter[str] = Counter()
        self.same = 0
        self.different = 0
        self.first: RepeatPlaces | None = None
        self.rejected: set[tuple[str | int, int]] = set()
        self.rejected_at: set[tuple[int, int]] = set()  # (place, fingerprint): rare, no packing
        self.records = 0

    def place(self, source: str, line: int) -> int:
        """A decision's place as a whole number (its input's number and its line)."""
        number = self.inputs.setdefault(source, len(self.inputs))
        return number << _LINE_BITS | line

    def named(self, place: int) -> tuple[str, int]:
        """The input and the line of a place :meth:`place` made."""
        number, line = place >> _LINE_BITS, place & ((1 << _LINE_BITS) - 1)
        return next(s for s, n in self.inputs.items() if n == number), line

    def again(self, document: Mapping[str, Any], place: int) -> bool:
        """Whether ``document`` is the same decision as an earlier one of its event, so not
        to be counted; a decision of an event decided otherwise is told, and counted."""
        event_id = document["event_id"]
        if event_id.__class__ is not str and event_id.__class__ is not int:
            return False  # a Decision made of any mapping (not checked): no event to tell
        fingerprint = document_digest(_decided(document))
        known = self.known.get(event_id)
        if known is None:
            self.known[event_id] = fingerprint << _PLACE_BITS | place
            return False
        if self.first is None:
            earlier, again = self.named(known & _LOW), self.named(place)
            self.first = RepeatPlaces(event_id, earlier, again, self.readings[again[0]] > 1)
        others = self.others.get(event_id)
        if fingerprint == known >> _PLACE_BITS or (others is not None and fingerprint in others):
            self.same += 1
            return True
        self.different += 1
        self.others.setdefault(event_id, set()).add(fingerprint)
        return False

    def record_again(self, record: Mapping[str, Any], source: str, line: int) -> bool:
        """Whether the error record ``record``, read at ``line`` of ``source``, was counted
        before, so not to be counted again: a record of an event (its ``event_id``) when the
        same rejection of it was (the event sent twice, or the records given twice), wherever
        either was read; a record of no event (its id unreadable) only when read again at the
        very place it was (a file given twice; with no ``line``, never). Told by its place in
        eval's input alone, the records of two runs would be taken for one: each day's
        ``<stdin>`` may have a line 7 with no id. Each record of a file given twice had been
        counted twice, where its decisions were counted once (found by an operator's replay)."""
        event_id = record.get("event_id")
        if event_id.__class__ is str or event_id.__class__ is int:
            again = _met(self.rejected, (event_id, document_digest(rejection_of(record))))
        elif line:
            again = _met(self.rejected_at, (self.place(source, line), document_digest(record)))
        else:
            again = False
        self.records += again
        return again


def _decided(document: Mapping[str, Any]) -> Mapping[str, Any]:
    """A decision without its ``trace`` (``eval --explain``'s why each rule fired or not),
    which says why it was made, not what was decided: the same events decided with and
    without --explain, their files given together, had each decision counted twice, its
    gesture's cost too, as "another decision than before (the plan changed between runs?)"
    (found by an operator's replay)."""
    if "trace" not in document:
        return document
    return {key: value for key, value in document.items() if key != "trace"}


def _met(known: set[Any], key: object) -> bool:
    """Whether ``key`` is in ``known``; it is, after."""
    if key in known:
        return True
    known.add(key)
    return False


_PLACE_IN_INPUT = ("source", "line", "index")
"""What an error record says of where eval read its event: the same event sent twice is
rejected at two places, the same way."""


def rejection_of(record: Mapping[str, Any]) -> dict[str, Any]:
    """An error record without its place in eval's input (:data:`_PLACE_IN_INPUT`)."""
    error = {k: v for k, v in record["error"].items() if k not in _PLACE_IN_INPUT}
    return {**record, "error": error}


def document_digest(document: Mapping[str, Any]) -> int:
    """A decision's fingerprint: the hash of its canonical JSON (:func:`canonical_json`, keys
    sorted), so that two decisions written in another layout are the same (a hash of 64 bits,
    within this run: two decisions of one event told the same by chance is a chance in
    10^19). A :class:`Decision` is not checked, and may hold values JSON has no words for:
    then it is written as Python writes it."""
    try:
        written = canonical_json(document)
    except TypeError:  # (orjson's refusal is one)
        written = repr(document).encode()
    return hash(written) & _LOW


class ReportCounts:
    """The counts a :class:`Report` is made of, added to one decision (or error record) at a
    time: what ``backplan report`` keeps while it reads, and no more."""

    def __init__(
        self, by: Period = "week", time_zone: str | None = None, per: EventValues | None = None
    ) -> None:
        """``time_zone``: a zone such as ``Australia/Sydney`` whose days the trend's periods
        are (UTC's when None); raises ValueError, saying what to write, for a name that is
        none (as for ``by``). ``per``: the value of a field of each event, read from the
        events eval decided, to split the decisions by (:attr:`Report.by_field`)."""
        if by not in PERIODS:
            raise ValueError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")
        self.by = by
        self.zone: ZoneInfo | None = None  # None: UTC, each decision's own day
        if time_zone is not None:
            from engine.zones import zone_named

            self.zone = zone_named(time_zone)
        self.decisions = 0
        self.error_codes: Counter[str] = Counter()
        self.unreadable = 0
        self.first: tuple[datetime, str] | None = None
        self.last: tuple[datetime, str] | None = None
        self.undated = 0
        self.plans: Counter[tuple[str, str]] = Counter()
        self.event_types: Counter[str] = Counter()
        self.rules: Counter[str] = Counter()
        self.fallback = 0
        self.actions: Counter[str] = Counter()
        self.with_offers = 0
        self.needs_approval = 0
        self.capped = 0
        self.unresolved_offers = 0
        self.spent = _Spent()
        self.kinds: dict[tuple[str, str], tuple[int, Decimal]] = {}
        self.rule_offers: dict[tuple[str, str], _RuleCount] = {}
        """Per (currency, rule): its offers made and set aside, one entry a rule."""
        self.period_spend: dict[tuple[date, str], Decimal] = {}
        """Per (period, currency): the amount of the offers made, one entry a period."""
        self.period_events: Counter[date] = Counter()
        self.period_types: Counter[tuple[date, str]] = Counter()
        self.period_rules: Counter[tuple[date, str]] = Counter()
        self.repeats = _Repeats()
        self.per = per
        self.per_value: dict[str | None, _ValueCount] = {}
        """Per value of ``per``'s field (its JSON text; None: the event was not given)."""
        self.first_not_given: tuple[str | int, str, int] | None = None
        """The first decision counted whose event is not among ``per``'s: its event id and
        where it was read (input, line), for the command to say it (:func:`engine.reportlines.not_given_words`)."""
        self.each: Callable[[Mapping[str, Any]], None] | None = None
        """Given each document counted (a decision, or an error record), after it is: how
        ``backplan compare`` pairs the decisions of two files through the one reader of eval's
        lines (:mod:`engine.reportlines`), not a second. A decision or record counted once
        as the same as an earlier one is not given again."""

    def add(self, item: Decision | Mapping[str, Any], source: str = "", line: int = 0) -> None:
        """Count a decision, or an error record (``backplan.error/1``) as an event not decided.

        A mapping is checked first against the decision format (as ``Decision.validate``
        does, though not walked for values JSON cannot hold: the report writes none back),
        and so are the compensate actions' amounts the report adds up: one that is neither
        raises :class:`~engine.errors.DecisionFormatError`, saying why, and counts nothing.

        A decision the same as an earlier one of its event (``event_id``) is counted once:
        the event was sent twice, or the decisions were given twice; one of an event decided
        otherwise before is counted (:class:`Repeats`); an error record read before, once
        (:meth:`_Repeats.record_again`). ``source`` and ``line`` say where the item was read,
        for :attr:`first_repeat` (by default, the decision's number) and to tell an error
        record of no event read again."""
        if isinstance(item, Decision):
            document: Mapping[str, Any] = item.to_document()
        elif _is_mapping(item) and item.get("format") == ERROR_FORMAT:
            code = _error_code(item)
            if not self.repeats.record_again(item, source, line):
                self.error_codes[code] += 1
                if self.each is not None:
                    self.each(item)
            return
        else:
            document = _validated(item)
        read = _read(document)
        repeats = self.repeats
        where = line or self.decisions + repeats.same + 1
        if not repeats.again(document, repeats.place(source, where)):
            self._count(read)
            if self.per is not None:
                key = self.per.value_of(document["event_id"])
                self.per_value.setdefault(key, _ValueCount()).add(read)
                if key is None and self.first_not_given is None:
                    self.first_not_given = (document["event_id"], source, where)
            if self.each is not None:
                self.each(document)

    def reading(self, source: str) -> None:
        """Say that the input ``source`` is read from its start, as ``backplan report`` does
        of each: one read twice was given twice, which :attr:`first_repeat` says. A line
        holding the same decision twice (line ends lost) had been told "given twice" too,
        its two decisions being at one place (found by review)."""
        self.repeats.readings[source] += 1

    @property
    def first_repeat(self) -> RepeatPlaces | None:
        """The first decision of an event decided before, and where the earlier one was."""
        return self.repeats.first

    def add_unreadable(self) -> None:
        """Count an input line that is neither a decision nor an error record."""
        self.unreadable += 1

    def _count(self, read: _Read) -> None:
        self.decisions += 1
        self.plans[read.plan] += 1
        self.event_types[read.event_type] += 1
        self.rules.update(read.matched)
        self.fallback += read.fallback
        self.actions.update(read.actions)
        period = self._count_time(read)
        self._count_offers(read, period)

    def _count_time(self, read: _Read) -> date | None:
        """Count the decision in its period, which is given back (None: it has no time)."""
        seen = read.time
        if seen is None:
            self.undated += 1
            return None
        # The text breaks a tie: 10:00:00Z and 10:00:00.000000Z are one moment, and the
        # one read first had been shown, so the order of the lines changed the heading.
        if self.first is None or seen < self.first:
            self.first = seen
        if self.last is None or seen > self.last:
            self.last = seen
        period = period_start(self._day(seen[0]), self.by)
        self.period_events[period] += 1
        self.period_types[period, read.event_type] += 1
        self.period_rules.update((period, rule) for rule in read.matched)
        return period

    def _day(self, moment: datetime) -> date:
        """The day ``moment`` (UTC) falls on in the report's zone: the calendar's first or
        last for a moment before or after it there (9999-12-31T23:00Z is in the year 10000
        at UTC+14, which no date holds). In UTC, the moment's own day, as before a zone could
        be asked for: no conversion per decision for the usual report."""
        if self.zone is None:
            return moment.date()
        try:
            return moment.astimezone(self.zone).date()
        except OverflowError:
            return date.max if moment.year > 1 else date.min

    def _count_offers(self, read: _Read, period: date | None) -> None:
        # From the decision's summary, gesture made or not: a cap of 0 (gestures paused) sets
        # every offer aside, and the decision is capped with no compensate action left.
        self.unresolved_offers += read.set_aside_unresolved
        self.needs_approval += read.needs_approval
        self.capped += read.capped
        for aside in read.set_aside:
            key = (aside.currency, aside.rule)
            counted = self.rule_offers.get(key, _RuleCount(aside.zero, awaiting=aside.zero))
            self.rule_offers[key] = counted.aside()
        if not read.offers:
            return
        self.with_offers += 1
        for offer in read.offers:
            currency = offer.currency
            self.spent.add(offer, read.needs_approval)
            offers, amount = self.kinds.get((currency, offer.kind), (0, _ZERO))
            self.kinds[currency, offer.kind] = (offers + 1, MONEY.add(amount, offer.amount))
            counted = self.rule_offers.get((currency, offer.rule), _RuleCount(_ZERO))
            self.rule_offers[currency, offer.rule] = counted.made(offer.amount, read.needs_approval)
            if period is not None:
                spent = self.period_spend.get((period, currency), _ZERO)
                self.period_spend[period, currency] = MONEY.add(spent, offer.amount)
            self.unresolved_offers += offer.unresolved

    def report(self, plan: Plan | None = None) -> Report:
        """The report of what was counted; with ``plan``, which of its enabled rules never
        fired, and how many decisions that very version of it made."""
        plans = tuple(
            PlanCount(name, fingerprint, count)
            for (name, fingerprint), count in _by_count(self.plans)
        )
        given = None
        never_fired = None
        if plan is not None:
            _check_plan_given(plan, "make the counts with ReportCounts(by={})")
            made = sum(c for (_, f), c in self.plans.items() if f == plan.fingerprint)
            given = PlanCount(plan.name, plan.fingerprint, made)
            # A fallback that never fired is good news, and the fallback's own line says it
            # (found by review): it is no rule to look at.
            enabled = (r.id for r in plan.model.rules if r.enabled and not r.fallback)
            never_fired = tuple(sorted(r for r in enabled if not self.rules[r]))
        return Report(
            decisions=self.decisions,
            error_records=sum(self.error_codes.values()),
            error_codes=_counts(self.error_codes),
            unreadable=self.unreadable,
            first=None if self.first is None else self.first[1],
            last=None if self.last is None else self.last[1],
            undated=self.undated,
            plans=plans,
            given_plan=given,
            never_fired=never_fired,
            event_types=_counts(self.event_types),
            rules=_counts(self.rules),
            fallback=self.fallback,
            compensation=self._compensation(),
            actions=_counts(self.actions),
            trend=self._trend(),
            repeats=Repeats(self.repeats.same, self.repeats.different, self.repeats.records),
            by_field=None if self.per is None else self._by_field(self.per),
        )

    def _by_field(self, per: EventValues) -> ByField:
        """Each value's decisions and cost, the most cost first: per currency, in the order
        of their codes (amounts of two currencies are never added), then by value."""
        currencies = sorted(self.spent.totals)

        def order(item: tuple[str | None, _ValueCount]) -> tuple[Any, ...]:
            key, counted = item
            cost = tuple(-counted.spent.totals.get(c, _ZERO) for c in currencies)
            return (cost, key is None, key == NO_VALUE, key or "")

        return ByField(
            per.field,
            len(per),
            tuple(
                _value_cost(key, counted)
                for key, counted in sorted(self.per_value.items(), key=order)
            ),
        )

    def _compensation(self) -> Compensation:
        currencies = self.spent.currencies()
        kinds = tuple(
            KindTotal(currency, kind, offers, format_money(amount))
            for (currency, kind), (offers, amount) in sorted(
                self.kinds.items(), key=lambda item: (item[0][0], -item[1][0], item[0][1])
            )
        )
        rules = tuple(
            RuleTotal(
                rule,
                currency,
                counted.offers,
                format_money(counted.amount),
                counted.set_aside,
                format_money(counted.awaiting),
            )
            for (currency, rule), counted in sorted(
                self.rule_offers.items(),
                key=lambda item: (
                    item[0][0],
                    -item[1].amount,
                    -item[1].offers,
                    -item[1].set_aside,
                    item[0][1],
                ),
            )
        )
        return Compensation(
            self.with_offers,
            self.needs_approval,
            self.capped,
            self.unresolved_offers,
            currencies,
            kinds,
            rules,
        )

    def _trend(self) -> Trend:
        if self.first is None or self.last is None:
            return Trend(self.by, (), (), (), (), None, None, (), time_zone=self._zone_key())
        first_day, last_day = self._day(self.first[0]), self._day(self.last[0])
        starts = _period_starts(first_day, last_day, self.by)
        if self.by == "day" and self.zone is not None:
            starts = [day for day in starts if _a_day_of(self.zone, day)]
        dated_before = sum(n for start, n in self.period_events.items() if start < starts[0])
        full = [s for s in starts if first_day <= s and _period_end(s, self.by) <= last_day]
        types = _series(self.period_types, starts)
        rules = _series(self.period_rules, starts)
        last_full = before = None
        rising: tuple[Change, ...] = ()
        if len(full) >= 2:
            later, earlier = full[-1], full[-2]  # consecutive: a period between would be full
            last_full, before = period_label(later, self.by), period_label(earlier, self.by)
            rising = _rising(self.period_types, self.period_rules, earlier, later)
        return Trend(
            self.by,
            tuple(period_label(s, self.by) for s in starts),
            tuple(self.period_events[s] for s in starts),
            types,
            rules,
            last_full,
            before,
            rising,
            dated_before,
            self._zone_key(),
            self._spend(starts),
        )

    def _spend(self, starts: list[date]) -> tuple[Spend, ...]:
        """The gestures' cost per period, for each currency with one in the trend: a period
        without one is nothing in the currency's decimals (``0.00``, as ``_none_of`` writes
        it), and a gesture dated before the trend is in none (:data:`TREND_PERIODS`)."""
        currencies = sorted({c for (start, c) in self.period_spend if start >= starts[0]})
        return tuple(
            Spend(
                currency,
                tuple(
                    format_money(
                        self.period_spend.get(
                            (start, currency), _none_of(self.spent.totals[currency])
                        )
                    )
                    for start in starts
                ),
            )
            for currency in currencies
        )

    def _zone_key(self) -> str:
        """The name of the report's zone, as the trend says it (``UTC`` by default)."""
        return "UTC" if self.zone is None else self.zone.key


def summarize(
    decisions: Iterable[Decision | Mapping[str, Any]],
    plan: Plan | None = None,
    by: Period = "week",
    time_zone: str | None = None,
) -> Report:
    """The report of ``decisions`` (decisions, or their documents as read from ``backplan
    eval``'s output; error records count as events not decided), its trend counted per
    ``by`` (``day``, ``week`` or ``month``) of the days of ``time_zone`` (a zone such as
    ``Australia/Sydney``; UTC's by default); with ``plan``, which of its enabled rules never
    fired. Raises :class:`~engine.errors.DecisionFormatError` at the first document that is
    neither a decision nor an error record: to skip those and go on, add each to
    :class:`ReportCounts` yourself, as ``backplan report`` does."""
    counts = ReportCounts(by, time_zone)
    if plan is not None:  # before the decisions are read, not after a year of them
        _check_plan_given(plan, "give by={}")
    for item in _each_decision(decisions):
        if isinstance(item, _TEXT):  # a line of eval's output, not parsed (str is told here:
            raise DecisionFormatError([_UNPARSED])  # `backplan report` parses "a" to one)
        if item is None:  # told here, not by ReportCounts.add: a line `null` is no result
            raise DecisionFormatError([_NO_DECISION])
        counts.add(item)
    return counts.report(plan)


_TEXT = (str, bytes, bytearray, memoryview, IOBase)
"""What holds JSON text, not decisions: iterated, its characters, numbers or lines."""


def _each_decision(decisions: Iterable[Decision | Mapping[str, Any]]) -> Iterator[Any]:
    """The decisions given to :func:`summarize`, or a TypeError in words for what is no
    iterable of them: one decision (a mapping is iterated as its keys, each refused as "should
    be an object, a decision as `backplan eval` writes", though it was one), JSON text or an
    open file (its characters or lines), or what cannot be iterated (``None`` had been
    Python's "'NoneType' object is not iterable"), as ``Plan.evaluate_many`` refuses them
    (found by review)."""
    if isinstance(decisions, (Decision, Mapping)):
        raise TypeError(_NOT_DECISIONS.format("one decision") + ": give a list of it, [decision]")
    if isinstance(decisions, _TEXT):
        said = "an open file" if isinstance(decisions, IOBase) else "JSON text"
        raise TypeError(_NOT_DECISIONS.format(said) + f": {_PARSE_FIRST}")
    try:
        return iter(decisions)
    except TypeError:
        raise TypeError(_NOT_DECISIONS.format(type(decisions).__name__)) from None


_NOT_DECISIONS = "summarize takes an iterable of decisions, such as a list, not {}"
_PARSE_FIRST = (
    "parse each line of `backplan eval`'s output first, such as orjson.loads(line) "
    "(docs/report.md, *In Python*, goes on past the lines that are not decisions)"
)
_UNPARSED = f"/: JSON text, not a decision document: {_PARSE_FIRST}"
_NO_DECISION = (
    "/: None, not a decision: the decision of an event evaluate_many did not decide "
    "(result.error says why); give the results' decisions that are not None, such as "
    "(result.decision for result in results if result.decision is not None)"
)
"""What :func:`summarize` says of ``None``: ``[r.decision for r in plan.evaluate_many(events)]``
holds one for each event not decided, and the first stopped the report, told only "should be
an object, a decision as `backplan eval` writes" (found by review)."""


def _check_plan_given(plan: object, period_given: str) -> None:
    """Refuse in words what is no loaded plan: a ``PlanHolder``, the plan's path or its model
    raised ``AttributeError: ... has no attribute 'fingerprint'`` from inside the report, after
    every decision had been read (found by review). A period given in the plan's place is
    told how the caller takes one (``period_given``, ``{}`` the period): ``summarize`` by
    ``by=``, ``ReportCounts.report`` not at all (``report(by=...)`` is no call)."""
    from engine.api import Plan  # loaded already by whoever made a Plan

    if isinstance(plan, Plan):
        return
    from engine.reload import PlanHolder

    if isinstance(plan, PlanHolder):
        fix = "give holder.plan, the plan in force"
    elif isinstance(plan, str) and plan in PERIODS:  # summarize(decisions, "month")
        fix = f"to count per {plan}, {period_given.format(repr(plan))}"
    elif isinstance(plan, (str, os.PathLike)):
        fix = "load it first: engine.load_plan(path)"
    else:
        fix = "make one with engine.load_plan(path)"
    raise TypeError(f"the plan to report on is a loaded Plan, not {type(plan).__name__}: {fix}")


def _error_code(record: Mapping[str, Any]) -> str:
    """The code of an error record, which must have one (as text)."""
    error = record.get("error")
    code = error.get("code") if isinstance(error, Mapping) else None
    if not isinstance(code, str):
        raise DecisionFormatError(["/error/code: an error record states its code as text"])
    return code


def _is_mapping(value: object) -> bool:
    """``isinstance(value, Mapping)``, told at once for a dict, what a decision line parses to
    (the test of an abstract class took as long as reading a field of the decision)."""
    return value.__class__ is dict or isinstance(value, Mapping)


def _no_object(document: object) -> str:
    """Why what is no mapping is no decision. Two mistakes of an app are told what to give
    instead: a decision line not parsed yet, in bytes (``counts.add(line)`` of a file opened
    ``"rb"``, or ``decision.to_json()``), and a result of ``Plan.evaluate_many``; each had
    been told "should be an object, a decision as `backplan eval` writes", which it was, or
    held (found by review). Text is not told so here: ``backplan report`` parses a line
    ``"a"`` to text (:func:`summarize` tells an app's text)."""
    if isinstance(document, (bytes, bytearray, memoryview)):  # orjson never parses to one
        return _UNPARSED
    api = sys.modules.get("engine.api")  # no result of evaluate_many exists before it loads
    if api is not None and isinstance(document, api.EvaluationResult):
        return (
            "/: a result of evaluate_many, not a decision: give its decision, result.decision "
            "(None when result.error says why the event was not decided)"
        )
    return "/: should be an object, a decision as `backplan eval` writes"


AN_EVENT = "/: an event, not a decision: report on what `backplan eval` writes for it"
"""The one problem of an event given where decisions go (``engine.reportlines`` names the
first of an input, and counts the others)."""


def _validated(document: Mapping[str, Any]) -> Mapping[str, Any]:
    """The decision a document holds, checked, as a document to read (not to change); or why
    it holds none, said plainly for the two usual mistakes: events given where decisions go
    (one without its `id` too, told "it has no `format`" among the others; found by a new
    user's trial), and another kind of JSON (another tool's line had been told "/format:
    missing, where a decision has…", a field's problem in words for a programmer; found by
    review)."""
    if not _is_mapping(document):
        raise DecisionFormatError([_no_object(document)])
    found = document.get("format")
    if found is None and "type" in document and ("id" in document or "occurred_at" in document):
        raise DecisionFormatError([AN_EVENT])  # (an event without its id is one too)
    if found != DECISION_FORMAT:  # JSON of another tool: told as the whole line's problem
        said = "it has no `format`" if found is None else f"its `format` is `{found}`"
        raise DecisionFormatError(
            [
                f"/: not a decision `backplan eval` wrote: {said}, where a decision's is "
                f"`{DECISION_FORMAT}` and an error record's `{ERROR_FORMAT}`"
            ]
        )
    if document.__class__ is dict:  # as orjson parsed it: JSON data only
        return parsed_document(document)
    return Decision.validate(dict(document)).to_document()


def _read(decision: Mapping[str, Any]) -> _Read:
    """What a decision's document adds to the counts (raises DecisionFormatError for a
    compensate action whose amount, currency or kind the report cannot read).

    Read from the document itself, field by field as the views of ``engine.decision`` read
    them, in the same order: the views copy every list they hand out and make an object per
    action, and reading through them took about 12 µs a decision, this about 5. Nothing here
    changes the document."""
    occurred_at = decision["occurred_at"]  # its time first: a date no calendar has is said first
    time = None if occurred_at is None else (_moment(occurred_at), occurred_at)
    kinds: list[str] = []
    offers: list[_Offer] = []
    for index, action in enumerate(decision["actions"]):
        kind = action["type"]
        kinds.append(kind)
        if kind == "compensate":
            offers.append(_offer(index, action["params"], action.get("rule")))
    summary = decision["compensation"]
    superseded = () if summary is None else summary["superseded"]
    set_aside = [] if summary is None else [_set_aside(summary["currency"], s) for s in superseded]
    plan = decision["plan"]
    return _Read(
        event_type=decision["event_type"],
        time=time,
        plan=(plan["name"], plan["fingerprint"]),
        matched=decision["matched"],
        fallback=decision["fallback"],
        actions=kinds,
        offers=offers,
        needs_approval=summary is not None and summary["needs_approval"],
        capped=summary is not None and summary["capped"],
        set_aside_unresolved=sum(s["reason"] == "unresolved" for s in superseded),
        set_aside=set_aside,
    )


def _set_aside(currency: object, superseded: Mapping[str, Any]) -> _SetAside:
    """An offer set aside, as the report counts it under its rule (raises
    DecisionFormatError for one it cannot: a :class:`Decision` is not checked)."""
    rule, amount = superseded.get("rule"), superseded.get("amount")
    if not isinstance(rule, str) or not isinstance(currency, str):
        raise DecisionFormatError(
            ["/compensation/superseded: an offer set aside states its rule, in a currency"]
        )
    if not isinstance(amount, str) or _AMOUNT.match(amount) is None:
        raise DecisionFormatError(
            ['/compensation/superseded: should be an amount as text, such as "24.00"']
        )
    return _SetAside(currency, rule, _ZERO.quantize(Decimal(amount), context=MONEY))


class _Spent:
    """What the gestures made cost, per currency, and the part awaiting approval: the one
    count of it, for the report's totals and for each value of ``--per FIELD`` alike, so that
    the values' amounts add up to the totals."""

    __slots__ = ("awaiting", "totals")

    def __init__(self) -> None:
        self.totals: dict[str, Decimal] = {}
        self.awaiting: dict[str, Decimal] = {}

    def add(self, offer: _Offer, needs_approval: bool) -> None:
        """Count an offer made, of a decision waiting for approval or not."""
        currency = offer.currency
        self.totals[currency] = MONEY.add(self.totals.get(currency, _ZERO), offer.amount)
        if needs_approval:
            waiting = self.awaiting.get(currency, _ZERO)
            self.awaiting[currency] = MONEY.add(waiting, offer.amount)

    def currencies(self) -> tuple[CurrencyTotal, ...]:
        """Each currency's total and the part awaiting approval, by currency (nothing awaiting
        is written in the total's decimals, ``0.00``)."""
        return tuple(
            CurrencyTotal(
                c, format_money(total), format_money(self.awaiting.get(c, _none_of(total)))
            )
            for c, total in sorted(self.totals.items())
        )


class _ValueCount:
    """What the decisions of one value of ``--per FIELD`` add up to, as it is counted."""

    __slots__ = ("decisions", "spent", "with_gesture")

    def __init__(self) -> None:
        self.decisions = 0
        self.with_gesture = 0
        self.spent = _Spent()

    def add(self, read: _Read) -> None:
        """Count a decision, as :meth:`ReportCounts._count` counts it."""
        self.decisions += 1
        self.with_gesture += bool(read.offers)
        for offer in read.offers:
            self.spent.add(offer, read.needs_approval)


class _RuleCount(NamedTuple):
    """What one rule gave in one currency, as it is counted (:class:`RuleTotal`)."""

    amount: Decimal
    """The amount of its offers made; nothing, in its currency's decimals, before any."""
    offers: int = 0
    set_aside: int = 0
    awaiting: Decimal = _ZERO
    """The part of ``amount`` in decisions waiting for a person's approval."""

    def made(self, amount: Decimal, awaiting: bool) -> _RuleCount:
        """With one more offer made, of ``amount``, waiting for approval or not."""
        if self.offers == 0:  # the first: the amount's decimals, not those of nothing
            return _RuleCount(amount, 1, self.set_aside, amount if awaiting else amount * 0)
        waiting = MONEY.add(self.awaiting, amount) if awaiting else self.awaiting
        return _RuleCount(MONEY.add(self.amount, amount), self.offers + 1, self.set_aside, waiting)

    def aside(self) -> _RuleCount:
        """With one more offer set aside."""
        return self._replace(set_aside=self.set_aside + 1)


def _moment(occurred_at: str) -> datetime:
    """The time of a decision; raises DecisionFormatError for one the format's pattern lets
    through that is no day or time of the calendar (``2026-13-45T10:00:00Z``): it had stopped
    the whole report with an internal error, and the decisions read were lost.

    A :class:`Decision` is not checked (``Decision(document)`` wraps any mapping), so its time
    may be one no decision writes: one without a zone (``2026-11-23T09:30:00``) had raised
    "can't compare offset-naive and offset-aware datetimes" from inside the counting, and a
    time that is not text "fromisoformat: argument must be str" (found by review). Both are
    refused here, before any count changes; the check is one comparison, for the UTC zone
    ``fromisoformat`` gives every time written with ``Z``."""
    try:
        moment = datetime.fromisoformat(occurred_at)
    except ValueError:
        raise DecisionFormatError(
            [f"/occurred_at: `{occurred_at}` is not a real date and time"]
        ) from None
    except TypeError:
        words = should_be(["text in quotes"], occurred_at, "occurred_at")
        raise DecisionFormatError([f"/occurred_at: {words}"]) from None
    if moment.tzinfo is not UTC:
        raise DecisionFormatError([f"/occurred_at: {not_a_utc_time(occurred_at)}"])
    return moment


def _offer(index: int, params: dict[str, Any], rule: object) -> _Offer:
    """A compensate action's offer, as the report adds it up, with the rule that made it (a
    :class:`Decision` is not checked: a rule that is no text would have stopped the sorting
    of the report's rules with a TypeError, after every decision was read)."""
    amount, currency, kind = params.get("amount"), params.get("currency"), params.get("kind")
    if not isinstance(amount, str) or _AMOUNT.match(amount) is None:
        raise DecisionFormatError(
            [f'/actions/{index}/params/amount: should be an amount as text, such as "24.00"']
        )
    if not isinstance(currency, str) or not isinstance(kind, str):
        raise DecisionFormatError(
            [f"/actions/{index}/params: a compensate action states its currency and kind"]
        )
    if not isinstance(rule, str):
        raise DecisionFormatError([f"/actions/{index}/rule: an action states its rule as text"])
    return _Offer(currency, kind, Decimal(amount), params.get("unresolved") is True, rule)


def _none_of(total: Decimal) -> Decimal:
    """Zero in the decimals of ``total``, the currency's (``0.00`` beside ``358.54``): nothing
    awaiting approval had read ``0`` beside amounts of two decimals."""
    return Decimal(0).quantize(total, context=MONEY)


def _value_cost(key: str | None, counted: _ValueCount) -> ValueCost:
    """One value's line of :attr:`Report.by_field` (``key``: its JSON text, or
    :data:`~engine.eventvalues.NO_VALUE`; None for events not given)."""
    group: Literal["value", "no value", "not given"] = "value"
    value = None
    if key is None:
        group = "not given"
    elif key == NO_VALUE:
        group = "no value"
    else:
        value = orjson.loads(key)
    currencies = counted.spent.currencies()
    return ValueCost(value, group, counted.decisions, counted.with_gesture, currencies)


def _by_count(counter: Counter[Any]) -> list[tuple[Any, int]]:
    """The counter's items, most seen first, ties in the order of their keys."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def _counts(counter: Counter[str]) -> tuple[Count, ...]:
    return tuple(Count(name, count) for name, count in _by_count(counter) if count)


def period_start(day: date, by: str) -> date:
    """The first day of the period ``day`` is in: itself, its ISO week's Monday, or the first
    of its month."""
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    return day


def _period_end(start: date, by: str) -> date:
    """The last day of the period that starts on ``start``, worked out within the period: the
    day after it may be past the calendar's last (9999-12-31), and a decision dated in the
    last month, week or day of the calendar had stopped the report with "internal error:
    OverflowError: date value out of range" (found by review). The last ISO week of 9999 ends
    with the calendar, two days early."""
    if by == "week":
        return start + timedelta(days=6) if date.max - start > timedelta(days=6) else date.max
    if by == "month":
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return start


def _period_starts(first: date, last: date, by: str) -> list[date]:
    """The start of every period from ``first``'s to ``last``'s, in order, at most the latest
    :data:`TREND_PERIODS`: counted back from ``last``'s, so that no more are ever made."""
    starts = [period_start(last, by)]
    earliest = period_start(first, by)
    while starts[-1] > earliest and len(starts) < TREND_PERIODS[by]:
        starts.append(period_start(starts[-1] - timedelta(days=1), by))
    return starts[::-1]


def _a_day_of(zone: ZoneInfo, day: date) -> bool:
    """Whether ``day`` is on ``zone``'s calendar: Samoa went from UTC-10 to UTC+14 at the end
    of 2011-12-29, and ``Pacific/Apia`` has no 2011-12-30, which a trend by day had listed
    with no complaints, as if the store had had a quiet day. Its midnight, read with the
    offset before a gap (``fold`` 0), is a moment the zone writes as another day only when
    the whole day was skipped: a gap within the day (a clock put forward at midnight) leaves
    the day's later hours."""
    try:
        midnight = datetime.combine(day, datetime.min.time(), zone)
        return midnight.astimezone(UTC).astimezone(zone).date() == day  # (not to itself: a no-op)
    except OverflowError:  # the calendar's first or last day, beside another offset
        return True


def period_label(start: date, by: str) -> str:
    """How a period is named: ``2026-11-23``, ``2026-W48`` (ISO week), ``2026-11``."""
    if by == "week":
        year, week, _ = start.isocalendar()
        # four digits, as a day or a month names its year: `999-W22` beside `0999-06` (a
        # decision dated so, from another writer) broke the report format (found by review)
        return f"{year:04d}-W{week:02d}"
    if by == "month":
        return f"{start.year:04d}-{start.month:02d}"
    return start.isoformat()


def _series(per_period: Counter[tuple[date, str]], starts: list[date]) -> tuple[Series, ...]:
    """A series per name with a time, in the order of :func:`_counts` of their totals in the
    trend (a decision without a time counts in neither)."""
    dated: Counter[str] = Counter()
    for (start, name), count in per_period.items():
        if start >= starts[0]:  # not a decision dated before the trend (TREND_PERIODS)
            dated[name] += count
    return tuple(
        Series(c.name, tuple(per_period[start, c.name] for start in starts)) for c in _counts(dated)
    )


def _rising(
    types: Counter[tuple[date, str]], rules: Counter[tuple[date, str]], before: date, last: date
) -> tuple[Change, ...]:
    """The event types and rules seen more often in ``last`` than in ``before``: the largest
    rise first, ties by name (event types before rules)."""
    changes = [*_rises("event type", types, before, last), *_rises("rule", rules, before, last)]
    changes.sort(key=lambda c: (c.before - c.last, c.what, c.name))
    return tuple(changes)


def _rises(
    what: Literal["event type", "rule"], counts: Counter[tuple[date, str]], before: date, last: date
) -> list[Change]:
    names = sorted({name for (start, name) in counts if start == last})
    return [
        Change(what, name, counts[before, name], counts[last, name])
        for name in names
        if counts[last, name] > counts[before, name]
    ]
