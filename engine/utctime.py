"""Moments as whole microseconds in UTC, written as canonical RFC 3339 text.

A decision writes the event's time and a deadline per action (``2026-11-23T13:30:00Z``).
Done with ``datetime`` — add a ``timedelta``, then ``isoformat`` — each cost about a
microsecond, a tenth of the budget of a whole decision. Here a moment is one integer (µs since
0001-01-01T00:00:00 UTC, the first day ``datetime`` knows), adding a deadline is adding
integers, and the text is two cached pieces: the day (``2026-11-23``), from a bounded cache
keyed by day number, and the time of day to the second (``T13:30:00Z``), of which there are
only 86,400. The text is exactly what ``datetime.isoformat()`` + ``"Z"`` writes (a test holds them
equal).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import NamedTuple

MICROSECONDS_PER_DAY = 86_400_000_000
FIRST_YEAR, LAST_YEAR = 1900, 9997
"""The years an event may happen in. A deadline is at most 366 days after its event
(``engine.durations.MAX_DURATION``) and must still be a date ``datetime`` can write:
9997-12-31 plus 366 days is 9999-01-01."""
LAST_DEADLINE_YEAR = 9999
"""The year of the latest deadline an action can have: 9997-12-31 plus 366 days."""
_EPOCH = datetime(1, 1, 1)
MAX_CACHED_DAYS = 1 << 16
"""Days whose text is kept: a replay of many years of complaints touches a few thousand."""

_DAYS: dict[int, str] = {}
"""Day number (days since 0001-01-01) -> its text (``2026-11-23``); bounded (MAX_CACHED_DAYS)."""
_CLOCKS: dict[int, str] = {}
"""µs into a day, whole seconds only -> the time of day's text (``T13:30:00Z``): at most 86,400.
Keyed by µs, not seconds, so that the code a set of fired rules gets (``engine.builder``)
finds a deadline's time of day with one lookup of the event's µs into its day plus the
deadline's, without dividing: a key that is not there (a fraction of a second, a time past the
day's end) sends it to :func:`utc_text`."""
_DAY_STARTS: dict[str, int] = {}
"""Canonical day texts already read (``2026-11-23``) -> µs at its start; bounded like _DAYS."""
_CLOCK_OFFSETS: dict[str, int] = {}
"""Canonical times of day already read (``09:30:00``) -> µs into the day (at most 86,400)."""


def microseconds(moment: datetime) -> int:
    """A naive UTC datetime as µs since 0001-01-01T00:00:00."""
    since = moment - _EPOCH
    return (since.days * 86_400 + since.seconds) * 1_000_000 + since.microseconds


def utc_text(moment: int) -> str:
    """The canonical text of a moment: ``YYYY-MM-DDTHH:MM:SS[.ffffff]Z``."""
    day, within_day = divmod(moment, MICROSECONDS_PER_DAY)
    day_text = _DAYS.get(day)
    if day_text is None:
        day_text = day_text_of(day)
    clock = _CLOCKS.get(within_day)
    if clock is None:
        clock = _clock_text(within_day)
    return day_text + clock


def _clock_text(within_day: int) -> str:
    """The time of day ``within_day`` µs after midnight, as text (``T13:30:00Z``, or
    ``T13:30:00.250000Z``); a whole second's is kept in _CLOCKS."""
    second, fraction = divmod(within_day, 1_000_000)
    hours, rest = divmod(second, 3600)
    clock = f"T{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"
    if fraction:
        return f"{clock}.{fraction:06d}Z"
    text = _CLOCKS[within_day] = clock + "Z"
    return text


def due_text(base: int | None, delay: int | None) -> str | None:
    """The deadline ``delay`` µs after an event at ``base``, as text; None when either is
    missing (an event without a time, an action without ``within``)."""
    if base is None or delay is None:
        return None
    return utc_text(base + delay)


def day_text_of(day: int) -> str:
    """The text of a day (days since 0001-01-01), kept in _DAYS."""
    if len(_DAYS) >= MAX_CACHED_DAYS:  # bounded: forget every day rather than grow
        _DAYS.clear()
    text = _DAYS[day] = date.fromordinal(day + 1).isoformat()
    return text


def read_canonical(text: str) -> int | None:
    """The moment of a canonical UTC time to the second (``2026-11-23T09:30:00Z``), or None
    for any other text (including a canonical one outside FIRST_YEAR to LAST_YEAR).

    Such a text is a day and a time of day; each piece is checked once (it must be its own
    ``isoformat``, which rules out week dates and compact forms) and then remembered, so
    reading a time is mostly two dictionary lookups.
    """
    if len(text) != 20 or text[19] != "Z" or text[10] != "T":
        return None
    day = _DAY_STARTS.get(text[:10])
    if day is None:
        day = _read_day(text[:10])
        if day is None:
            return None
    clock = _CLOCK_OFFSETS.get(text[11:19])
    if clock is None:
        clock = _read_clock(text[11:19])
        if clock is None:
            return None
    return day + clock


def _read_day(text: str) -> int | None:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    if day.isoformat() != text or not FIRST_YEAR <= day.year <= LAST_YEAR:
        return None
    if len(_DAY_STARTS) >= MAX_CACHED_DAYS:
        _DAY_STARTS.clear()
    start = _DAY_STARTS[text] = (day.toordinal() - 1) * MICROSECONDS_PER_DAY
    return start


def _read_clock(text: str) -> int | None:
    try:
        clock = time.fromisoformat(text)
    except ValueError:
        return None
    if clock.isoformat() != text:
        return None
    offset = _CLOCK_OFFSETS[text] = (
        clock.hour * 3600 + clock.minute * 60 + clock.second
    ) * 1_000_000
    return offset


DEADLINE_HELPERS: dict[str, object] = {
    "_divmod": divmod,
    "_DAY": MICROSECONDS_PER_DAY,
    "_days": _DAYS.get,
    "_day_text": day_text_of,
    "_clocks": _CLOCKS.get,
}
"""What the code of a set of fired rules (``engine.builder``) writes its deadlines with, by
the names it uses: it divides the event's time into its day and the µs into it once, then
writes each deadline from the two caches above, where :func:`utc_text` divided each deadline
(bench events: about 270 against 90 ns a deadline, most decisions have two or three); a
deadline the caches do not hold is written by :func:`utc_text`."""


_NEARLY_A_TIMESTAMP = re.compile(
    r"\s*([0-9]{4})-([0-9]{2})-([0-9]{2})"
    r"(?:(?: +|[Tt])([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?"
    r"(?: *+([AaPp])\.?[Mm]\.?)?)?"
    r" *+([Zz]|[+-](?:[01][0-9]|2[0-3])(?::?[0-5][0-9])?|[+-][0-9]:[0-5][0-9]"
    r"|(?i:UTC|JST|KST|MSK|CEST|EEST|WEST)"
    r")?\s*+"
)
"""A time written year first, as a person writes one: a space for ``T``, no seconds, an hour
of one digit, an hour of the 12-hour clock (``9:00 PM``, as a US point of sale exports it), no
zone, an offset without its colon (``+0100``, as ``date +%z`` writes it) or its minutes
(``+01``, as ISO 8601 allows and PostgreSQL writes it) or its hours' first digit (``+9:00``),
a zone's letters of one offset
(:data:`_ZONE_OFFSETS`), or a date alone (``2026-12-01 20:00``, ``2026-12-01``); its seconds
may have a fraction (``00.5``, ``00,5``; any decimals, as events may write them).

Its runs of spaces are taken whole (``*+``, which gives none back): each is followed by what no
space is, so nothing else could match, and a run that gives back had made a time followed by
20,000 spaces and a letter take 7 s to refuse, three runs trying every split of the spaces
(found by an embedder's trial)."""


_ZONE_OFFSETS = {
    "UTC": "Z",
    "JST": "+09:00",
    "KST": "+09:00",
    "MSK": "+03:00",
    "CEST": "+02:00",
    "EEST": "+03:00",
    "WEST": "+01:00",
}
"""The offsets of the zones a system writes by their letters after a time (``2026-11-26
02:10:00 JST``), each one offset whenever it is read: a zone of no summer time, or a summer
time's own letters. `CET`, `EET`, `WET` and `GMT`, which many write all year for their local
time (an hour later in summer), and `IST`, `CST` or `BST`, each of two countries or more, are
not among them. Such a time had been told the general example, another day's in UTC (found
by writing a hotel's plan)."""


def zone_offset(letters: str) -> str | None:
    """The offset a zone's letters always stand for (``JST``: ``+09:00``; ``UTC``: ``Z``), in
    any case, from :data:`_ZONE_OFFSETS`; None for letters of no one offset (``CET``, ``GMT``
    as many write it, ``EST``) or of no zone."""
    return _ZONE_OFFSETS.get(letters.upper())


class _Written(NamedTuple):
    """The parts of a time nearly written as a timestamp (:data:`_NEARLY_A_TIMESTAMP`)."""

    year: int
    month: int
    day: int
    clock: tuple[int, int, int]
    """Hour, minute and second (midnight for a date alone)."""
    fraction: str
    """The digits of the second's fraction as written (``5`` of ``00.5``), or ""."""
    zone: str
    """``Z``, an offset with its colon (``+01:00``), or "" when it has none."""
    date_alone: bool


def _written(text: str) -> _Written | None:
    """The parts of ``text`` when it is nearly a timestamp; None for any other text."""
    found = _NEARLY_A_TIMESTAMP.fullmatch(text)
    if found is None:
        return None
    year, month, day, hour, minute, second = (int(part or 0) for part in found.groups()[:6])
    if found[8] is not None:  # the 12-hour clock: 12 AM is midnight, 12 PM noon
        if not 1 <= hour <= 12:
            return None  # `13:00 PM` is no time to guess
        hour = hour % 12 + (12 if found[8] in "Pp" else 0)
    zone = (found[9] or "").upper()
    if zone[2:3] == ":":  # `+9:00`: its hours, of two digits, after a time (as `+01`)
        if found[4] is None:
            return None
        zone = f"{zone[0]}0{zone[1:]}"
    if len(zone) == 3 and zone[0] in "+-":  # `+01`: its minutes, after a time (`2026-12-01-05`
        if found[4] is None:  # is no date); `UTC`, three letters, is a zone's name
            return None
        zone += "00"
    if len(zone) == 5:  # `+0100`: an offset is written with its colon
        zone = f"{zone[:3]}:{zone[3:]}"
    zone = _ZONE_OFFSETS.get(zone, zone)
    clock = (hour, minute, second)
    return _Written(year, month, day, clock, found[7] or "", zone, found[4] is None)


def timestamp_meant(text: str) -> tuple[str, str, bool] | None:
    """For a time written nearly as an event writes one (:data:`_NEARLY_A_TIMESTAMP`), the
    timestamp it stands for without its zone (``2026-12-01T20:00:00``, midnight for a date
    alone), the zone (``Z``, ``+01:00``; ``+0100`` given its colon) or "" when it has none, and
    whether it is a date alone: a message that refuses it can then show the author's own time
    written right, where it had shown someone else's; a fraction of a second is kept as written
    (``2026-11-23T09:30:00.5+0100`` is ``2026-11-23T09:30:00.5``, ``+01:00``: it had been told
    the general example, though the same time without its ``.5`` was told its own; found by
    review). None for any other text, a date that is
    none (``2026-02-30``: :func:`date_missing` says why) and a date not written year first
    (``01/12/2026`` is 1 December or 12 January: not told which)."""
    written = _written(text)
    if written is None:
        return None
    try:
        moment = datetime(written.year, written.month, written.day, *written.clock)
    except ValueError:
        return None
    if not FIRST_YEAR <= written.year <= LAST_YEAR:
        return None
    fraction = f".{written.fraction}" if written.fraction else ""
    return moment.isoformat() + fraction, written.zone, written.date_alone


_DAY_FIRST = re.compile(r"\s*([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})(?![0-9])(.*)", re.DOTALL)
"""A date written day or month first, as a spreadsheet or a person writes one (``24/12/2026
14:05``, ``1.12.2026``), then what follows it."""


def year_first(text: str) -> list[tuple[str, str]]:
    """The times a time whose date is not written year first (``24/12/2026 14:05``) may be,
    each written year first with what followed its date (``2026-12-24 14:05``), with the date
    in words (``24 December 2026``): one when its day can only be its first number (24) or
    both numbers are one, two when it may be either (``01/12/2026``: 1 December or 12
    January), none when it reads as no date. Such a time had been told the general example,
    some other day's (found by review). Asked only on the way to refusing a time."""
    found = _DAY_FIRST.fullmatch(text)
    if found is None:
        return []
    year, rest = found[4], found[5]
    return [
        (f"{year}-{month:02d}-{day:02d}{rest}", f"{day} {MONTH_NAMES[month - 1]} {year}")
        for day, month in day_and_month(int(found[1]), int(found[3]))
        if not date_missing(f"{year}-{month:02d}-{day:02d}")
    ]


def day_and_month(first: int, second: int) -> list[tuple[int, int]]:
    """The days and months a date's first two numbers may be when it is not written year first
    (``01/12``: the 1st of December, or the 12th of January), the day first, each of a month
    there is and a day from 1 to 31 (whether that month has it is for the caller to tell): what
    eval's hint for such a time and lint's for such a date both read them as."""
    orders = [(first, second), (second, first)] if first != second else [(first, second)]
    return [(day, month) for day, month in orders if 1 <= day <= 31 and 1 <= month <= 12]


MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""The months' names, in English whatever the locale (``calendar.month_name`` follows it)."""


_SECONDS = "seconds are 00 to 59"
"""Said of a leap second (``23:59:60``), which RFC 3339 allows and ``datetime`` has not:
"there is no second 60" had been untrue of it (found by review)."""


def clock_missing(text: str) -> str:
    """Why a time written nearly as a timestamp is none when its date is one but its time of
    day is not (``2026-11-23T25:00:00Z``: "hours are 00 to 23"); "" for any other text. Such a
    time had been told the general example, as if its form were wrong (found by review).
    Asked only on the way to refusing a time."""
    written = _written(text)
    if written is None or date_missing(text):
        return ""
    for value, unit, most in zip(
        written.clock, ("hour", "minute", "second"), (23, 59, 59), strict=True
    ):
        if value > most:
            said = f"there is no {unit} {value:02d}: {unit}s are 00 to {most}"
            if unit == "second" and value == 60 and written.clock[1] == 59:
                said = f"second 60 is a leap second, which Backplan does not read: {_SECONDS}"
            if unit == "hour" and value == 24 and written.clock[1:] == (0, 0):
                said += " (midnight is 00:00 of the next day)"
            return said
    return ""


def clock_meant(text: str) -> str | None:
    """The time a time at the end of a day (``2026-12-01T24:00:00Z``) or a leap second
    (``2016-12-31T23:59:60+09:00``) stands for, as a clock writes it: the next day's midnight,
    or the next minute's start, in its own zone (``2026-12-02T00:00:00Z``,
    ``2017-01-01T00:00:00+09:00``); None for any other text, one without its zone, one with
    a fraction of a second (``24:00:00.5`` is no moment), and one whose time meant falls
    outside the years an event may be in (eval would refuse the time it was told to write).
    :func:`clock_missing` says why such a time is none, and had left its writer to work out
    the time to write."""
    from datetime import timedelta  # only for a message: never on the path of a time read

    written = _written(text)
    if written is None or not written.zone or written.fraction.strip("0") or date_missing(text):
        return None
    hour, minute, second = written.clock
    if (hour, minute, second) != (24, 0, 0) and (hour > 23 or (minute, second) != (59, 60)):
        return None
    if written.year > LAST_YEAR:  # 9999-12-31 has no next day: datetime overflowed, and an
        return None  # event's `9999-12-31T24:00:00Z` was an internal error (found by review)
    start = datetime(written.year, written.month, written.day)
    moment = start + timedelta(hours=hour, minutes=minute, seconds=second)
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:  # `0001-01-01T24:00:00Z` is no
        return None  # `0001-01-02T00:00:00Z`: eval refuses that too, for its year
    return moment.isoformat() + written.zone


def date_missing(text: str) -> str:
    """Why a time written nearly as a timestamp is none when its date does not exist
    (``2026-02-30``: "February 2026 has 28 days"; ``2026-13-01``: no month 13); "" for any
    other text. Such a time had been told the general example, some other day's, as if its
    form were wrong, where its date is (found by a second review). Asked only on the way to
    refusing a time."""
    from calendar import monthrange  # only for a message: never on the path of a time read

    written = _written(text)
    if written is None or not FIRST_YEAR <= written.year <= LAST_YEAR:
        return ""
    year, month, day = written.year, written.month, written.day
    said = f"`{year:04d}-{month:02d}-{day:02d}` is no date"
    if not 1 <= month <= 12:
        return f"{said}: there is no month {month:02d}: months are 01 to 12"
    days = monthrange(year, month)[1]
    if 1 <= day <= days:
        return ""
    if day == 0:  # "December 2026 has 31 days" had been said of it: true, but no reason
        return (
            f"{said}: there is no day 00: days are 01 to {days} in {MONTH_NAMES[month - 1]} {year}"
        )
    return f"{said}: {MONTH_NAMES[month - 1]} {year} has {days} days"
