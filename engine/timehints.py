"""How to write a time that is no timestamp: the author's own time, written as one.

An ``occurred_at`` (or a plan test's expected ``due``) refused as no timestamp is told the
timestamp its writer most likely meant, when that can be told: a time nearly written as one
(``2026-12-01 20:00``), a date day or month first (``24/12/2026 14:05``), seconds since 1970 (as
a number, or its digits in quotes), a date as e-mail and the web write one (``Tue, 01 Dec 2026
10:00:00 GMT``); else an example. Every such time had been told the same example, another
day's. Only ever asked on the way to refusing a time, never on the path of a time read: deciding
(``engine.evaluate``) and validating (``engine.schema``) both ask here.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from engine.errors import escaped_character
from engine.utctime import (
    FIRST_YEAR,
    LAST_YEAR,
    clock_meant,
    clock_missing,
    date_missing,
    microseconds,
    timestamp_meant,
    utc_text,
    year_first,
    zone_offset,
)

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

EPOCH_TIMES = ((946_684_800, 4_102_444_800), (946_684_800_000, 4_102_444_800_000))
"""Seconds, then milliseconds, since 1970 from 2000 to 2100: a time as a number."""

TIMESTAMP_EXAMPLE = "write e.g. 2026-11-23T09:30:00Z"
""":func:`timestamp_hint` for a time it cannot tell the author's own time in."""


def timestamp_hint(raw: str) -> str:
    """How to write ``raw``, refused as no timestamp: :func:`own_time_hint`, else an example."""
    return own_time_hint(raw) or TIMESTAMP_EXAMPLE


def own_time_hint(raw: str) -> str:
    """The author's own time written as a timestamp when it is nearly one (``2026-12-01
    20:00``: ``2026-12-01T20:00:00Z``), with what its ``Z`` means and how another zone is
    written; why its date is none, when it does not exist (``2026-02-30``); or any other
    writing of a time this module reads. "" when none is read: a plan test's ``due`` then
    keeps the schema's own words."""
    meant = timestamp_meant(raw)
    if meant is None:
        return (
            _unseen_hint(raw)
            or zone_named_after_hint(raw)
            or date_missing(raw)
            or _clock_hint(raw)
            or _offset_hint(raw)
            or _day_first_hint(raw)
            or _digits_since_1970(raw)
            or _mail_date_hint(raw)
        )
    moment, zone, date_alone = meant
    said = (
        f"write `{moment}{zone}`"
        if zone
        else f"write `{moment}Z` (Z is UTC; for another time zone, write its offset, such as "
        f"`{moment}+01:00`)"
    )
    if date_alone:  # its time is said, not taken for granted
        return f"a date alone is no time: for its start, midnight{'' if zone else ' UTC'}, {said}"
    return said


_NAMED_AFTER = re.compile(r"(?:\[[^\[\]]{1,255}\])+\s*")
"""What RFC 9557 (Java's ``ZonedDateTime``, JavaScript's ``Temporal``) writes after a time's
offset: the zone's name and other notes, each in square brackets (``[Asia/Kathmandu]``,
``[u-ca=gregory]``), up to 255 characters each."""

_MOST_NAMED_AFTER = 600
"""The longest text :func:`zone_named_after_hint` reads: a timestamp of many decimals then
two of RFC 9557's notes. A longer one is no such time, and is not searched through."""


def zone_named_after_hint(raw: str) -> str:
    """For a time written as Java's ``ZonedDateTime`` and RFC 9557 write one, its zone named
    in square brackets after its offset (``2026-06-01T10:00:00+05:45[Asia/Kathmandu]``,
    ``2026-06-01T10:00Z[UTC]``): the time without it, which its offset already places; for one
    with a zone's name and no offset (``2026-06-01T10:00:00[Europe/London]``), that an offset
    is wanted. "" for other text. A Java backend's every complaint had been refused with the
    general example, another day's, or, its text longer than 40 characters, with its length
    alone (found by an airline's trial). The zone's name is not read to find an offset:
    deciding reads no time-zone database."""
    if len(raw) > _MOST_NAMED_AFTER or not raw.rstrip().endswith("]"):
        return ""
    time, bracket, notes = raw.partition("[")
    if not time or not _NAMED_AFTER.fullmatch(bracket + notes):
        return ""
    meant = timestamp_meant(time)
    if meant is None or meant[2]:  # no time before the brackets, or a date alone
        return ""
    moment, zone, _ = meant
    if zone:
        return (
            f"`{bracket}{notes.rstrip()}` after its offset names the zone, as Java's "
            f"ZonedDateTime writes it, and is not read (the offset already places the time): "
            f"write `{moment}{zone}`"
        )
    return _offset_wanted(moment, notes.partition("]")[0].removeprefix("!"))


_UTC_NAMES = frozenset(
    [
        "UTC",
        "Etc/UTC",
        "UCT",
        "Etc/UCT",
        "Z",
        "Zulu",
        "Etc/Zulu",
        "Universal",
        "Etc/Universal",
        "GMT",
        "Etc/GMT",
        "GMT0",
        "Etc/GMT0",
        "GMT+0",
        "Etc/GMT+0",
        "GMT-0",
        "Etc/GMT-0",
        "Greenwich",
        "Etc/Greenwich",
    ]
)
"""The names of UTC itself, whose offset is known without a time-zone database."""


def _offset_wanted(moment: str, zone: str) -> str:
    """That the offset of ``moment`` in the zone named ``zone`` is wanted: for UTC, ``Z``;
    for any other, its place, not an offset made up. The hint had been ``+01:00`` whatever
    the zone, accepted when pasted: New York's 10:00 in December was read as 09:00 UTC, six
    hours from the moment meant (found by review)."""
    if zone in _UTC_NAMES:
        return f"a zone's name is not read: write `{moment}Z`, UTC's own time"
    return (
        f"a zone's name is not read: write after the time the offset from UTC the zone had "
        f"then, `{moment}+HH:MM` (`-HH:MM` behind UTC)"
    )


def _clock_hint(raw: str) -> str:
    """Why a time's clock is none (:func:`engine.utctime.clock_missing`), then, for the end of a
    day or a leap second, the time to write (``2026-12-02T00:00:00Z`` for
    ``2026-12-01T24:00:00Z``); "" for any other text."""
    missing = clock_missing(raw)
    meant = clock_meant(raw) if missing else None
    return f"{missing}; write `{meant}`" if meant else missing


def _unseen_hint(raw: str) -> str:
    """How to write a time that holds characters that do not show (a zero-width space, a
    byte-order mark, a soft hyphen: a time copied from a web page or a chat) and is one
    without them: they named, then the time itself; "" for any other text. The refusal
    shows them as escapes (``09:30:00Z\\u200b``), and the hint had been the general
    example, another day's (found by an embedder's trial)."""
    if raw.isprintable():  # nearly always: no character is looked at one by one
        return ""
    import unicodedata  # only now, on the way to refusing such a time

    unseen = dict.fromkeys(char for char in raw if unicodedata.category(char) == "Cf")
    kept = "".join(char for char in raw if char not in unseen)
    said = own_time_hint(kept) if unseen else ""
    if not said:
        return ""
    named = [f"`{escaped_character(char)}`" for char in unseen]
    which = "a character that does not show" if len(named) == 1 else "characters that do not show"
    return f"it holds {which} ({', '.join(named)}): {said}"


_LAST_OFFSET = re.compile(r"([+-])([0-9]{2})(?::?([0-9]{2}))?\Z")
"""An offset at the end of a time: two digits of hours and, with or without its colon, two of
minutes (``+25:00``, ``-0560``, ``+24``), whatever their values. Looked for in the last six
characters alone, so that no text, however long, is searched through."""


def _offset_hint(raw: str) -> str:
    """Why a time is none when its offset alone is (``2026-11-23T09:30:00+25:00``: its hours
    are 00 to 23), then how to write the time itself; "" for any other text. Such a time had
    been told the general example, another day's, which left its sender looking for what was
    wrong with the date and the clock (found by an embedder's trial)."""
    bad = _bad_offset(raw)
    return "" if bad is None else f"{bad[0]}; {own_time_hint(bad[1])}"


def offset_missing(text: str) -> str:
    """Why the offset a time ends with is none (``+25:00``: its hours are 00 to 23), in eval's
    words, for a time otherwise written as a timestamp; "" for any other text. Lint's
    ``no-such-time`` says it of a plan's time, in the same words."""
    bad = _bad_offset(text)
    return "" if bad is None else bad[0]


def _bad_offset(raw: str) -> tuple[str, str] | None:
    """Why the offset ``raw`` ends with is none, and the time before it; None when the offset
    is one, or the rest is no timestamp without a zone (a date alone, or a zone before it, is
    more amiss, and told so)."""
    text = raw.rstrip()
    found = _LAST_OFFSET.search(text, max(0, len(text) - 6))
    if found is None:
        return None
    hours, minutes = found[2], found[3] or "00"
    if int(hours) <= 23 and int(minutes) <= 59:
        return None
    moment = text[: found.start()].rstrip(" ")
    meant = timestamp_meant(moment)
    if meant is None or meant[1] or meant[2]:
        return None
    return (
        f"`{found[1]}{hours}:{minutes}` is no offset from UTC: its hours are 00 to 23 and its "
        "minutes 00 to 59",
        moment,
    )


def _day_first_hint(raw: str) -> str:
    """For a time whose date is written day or month first (``24/12/2026 14:05``, as a
    spreadsheet exports it): the date goes year first, and the time written so
    (``2026-12-24T14:05:00Z``), or both times it may be when its first two numbers may each be
    the day (``01/12/2026``); "" when it is no such time. It had been told the general
    example, another day's, with nothing on why its own was refused (found by review)."""
    meant = [(timestamp_meant(text), words) for text, words in year_first(raw)]
    written = [(m[0], m[1:], words) for m, words in meant if m is not None]
    if not written:
        return ""
    zone, date_alone = written[0][1][0], written[0][1][1]
    timed = [f"`{moment}{zone or 'Z'}`" for moment, _, _ in written]
    utc = "" if zone else " (Z is UTC)"
    said = "a date is written year first"
    if date_alone:  # its time is said, not taken for granted, as of a date year first
        said += f", and a date alone is no time: for its start, midnight{'' if zone else ' UTC'}"
    if len(written) == 1:
        return f"{said}: write {timed[0]}{utc}"
    both = " or ".join(
        f"{time} for {words}" for time, (*_, words) in zip(timed, written, strict=True)
    )
    return f"{said}; this date may be either day: write {both}{utc}"


def since_1970(number: float) -> str:
    """The time a number of seconds or milliseconds since 1970 stands for, from 2000 to 2100
    (:data:`EPOCH_TIMES`), as what to write; "" for another number. A helpdesk's time sent so
    had been told only that it is not text, its sender left to convert it (found by review)."""
    for (low, high), unit in zip(EPOCH_TIMES, ("seconds", "milliseconds"), strict=True):
        if low <= number < high:
            moment = datetime(1970, 1, 1) + timedelta(**{unit: number})
            return f": if it counts {unit} since 1970, write `{utc_text(microseconds(moment))}`"
    return ""


def _digits_since_1970(raw: str) -> str:
    """For a time sent as the digits of seconds or milliseconds since 1970, in quotes
    (``"1764590400"``, as an export that writes every value as text sends it), the time they
    stand for, as the same number unquoted is told (:func:`since_1970`); "" for other text.
    It had been told the general example, some other day's, its sender left to convert it.
    Digits too many for any such time (more than :data:`EPOCH_TIMES` has) are none: made a
    number, 4,301 or more had raised ValueError (Python's limit on converting text to a whole
    number), which ``backplan test`` reported as an internal error of a plan test's ``due``."""
    digits = raw.strip()
    if not (digits.isascii() and digits.isdigit()) or len(digits) > _MOST_EPOCH_DIGITS:
        return ""
    return since_1970(int(digits)).removeprefix(": ")


_MOST_EPOCH_DIGITS = len(str(EPOCH_TIMES[-1][1]))
"""The digits of the largest number :data:`EPOCH_TIMES` reads as a time (milliseconds)."""


_MAIL_DATE_ZONE = (
    r"(?i)\s(?:(GMT|UTC?|Z)|([+-])([01][0-9])([0-5][0-9])|([A-Z]{2,5}))(?:\s*\([^()]*\))?\s*$"
)
"""The zone an e-mail or HTTP date ends with: GMT (which such a date always means as UTC), UT,
UTC or Z, in any case, an offset of hours and minutes (``+0100``), or a zone's letters
(``JST``, ``CET``), with the comment a mail program may write after it (``+0100 (CET)``). A
pattern's text, compiled by ``re`` when first used: compiled here, it and
:data:`_TIME_THEN_ZONE` had cost every import of ``engine.evaluate`` (eval's start) 0.8 ms,
for times refused only."""


def _mail_date_hint(raw: str) -> str:
    """For a time written as e-mail and HTTP write one (``Tue, 01 Dec 2026 10:00:00 GMT``,
    ``01 Dec 2026 10:00:00 +0100``), how to write it as a timestamp, its zone kept (a zone
    named by letters of one offset, ``JST``, as :func:`engine.utctime.zone_offset` reads it); ""
    for other text. A web server's `Date` header, or a mail's, had been told the general
    example, another day's (found by a new user's trial). A year outside the years a time
    may hold (1800) is no time to offer: ``write `1800-12-01T10:00:00Z``` had been refused in
    turn; and a field of more digits than a C integer holds (seconds ``00202620262026``, as
    ``parsedate_tz`` reads them) had raised OverflowError, an internal error of ``eval``."""
    from email.utils import parsedate_tz  # only for a time refused

    parts = parsedate_tz(raw)
    if parts is None or not re.search(r"[A-Za-z]{3}", raw):  # its month is named
        return ""
    year, month, day, hour, minute, second = parts[:6]
    if not FIRST_YEAR <= year <= LAST_YEAR:  # a time no event may hold: no time to offer
        return ""
    try:
        moment = datetime(year, month, day, hour, minute, second).isoformat()
    except (ValueError, OverflowError):  # no such day (30 Feb), or a field of many digits
        return ""
    written = "a date as e-mail and the web write it: write"
    zone = re.search(_MAIL_DATE_ZONE, raw)
    if zone is None:  # no zone written: which one is not known
        return (
            f"an e-mail's or web date without its zone: write `{moment}Z` if it is UTC, or "
            f"with its offset, such as `{moment}+01:00`"
        )
    offset = (
        zone_offset(zone[5]) if zone[5] else "Z" if zone[1] else f"{zone[2]}{zone[3]}:{zone[4]}"
    )
    if offset is None:  # `CET`, `EST`: letters of no one offset
        return (
            f"{written} `{moment}` then the offset {zone[5]} stood for then (`+hh:mm` or "
            "`-hh:mm`), or the time in UTC then `Z`"
        )
    return f"{written} `{moment}{offset}`"


_TIME_THEN_ZONE = (
    r"(?s)\s*([0-9].*[0-9])\s+([A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)+)"
    r"(?:\s*\(UTC([+-][0-9]{2}:[0-9]{2})\))?\s*"
)
"""A time then the name of the zone it is read in (``2026-12-07 13:30 Europe/Zurich``), as a
checklist given ``--time-zone`` writes a deadline, and the offset it writes after it in the
hour the clocks go back and for an ``Etc/GMT`` zone (``01:45 Europe/London (UTC+01:00)``) (a
pattern's text, as :data:`_MAIL_DATE_ZONE`)."""


_TIME_ZONE_BRACKETED = (
    r"(?s)\s*([0-9].*[0-9])\[!?([A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)+)\]"
    r"(?:\[[^\[\]]{1,255}\])*\s*"
)
"""A time without its offset, then the name of its zone in brackets, as RFC 9557 writes one
(``2026-12-01T10:00:00[America/New_York]``): a plan test's ``due`` so written is hinted its
offset there then, not the ``+HH:MM`` :func:`zone_named_after_hint` asks for while deciding."""


def zoned_time_hint(raw: str) -> str:
    """For a plan test's ``due`` written as ``eval --pretty --time-zone Europe/Zurich`` writes a
    deadline (``2026-12-07 13:30 Europe/Zurich``), the timestamp it stands for, with the
    offset that zone had at that time (``2026-12-07T13:30:00+01:00``), or the one the checklist
    wrote after it (``(UTC+01:00)``, in the hour the clocks go back and for ``Etc/GMT`` zones:
    such a deadline, copied whole, had been told the general example; found by an airline's
    trial); "" for any other text, a zone no time-zone database names, an offset that zone
    never had at that time, and a time the clocks skipped that night. A manager
    who copied the checklist's deadline into a test had been told the general example,
    another day's, and left to work out the zone's offset, which changes twice a year. Asked
    only on the way to refusing a ``due``: deciding never reads the time-zone database."""
    found = re.fullmatch(_TIME_THEN_ZONE, raw) or re.fullmatch(_TIME_ZONE_BRACKETED, raw)
    meant = timestamp_meant(found[1]) if found else None
    if found is None or meant is None or meant[1] or meant[2]:  # its own offset; a date alone
        return ""
    then = offsets_then(meant[0], found[2])
    if then is None:
        return ""
    key, offsets = then
    if found.re.groups > 2 and found[3] is not None:  # the checklist's offset: which of two
        if found[3] not in offsets:
            return ""
        return f"write `{meant[0]}{found[3]}`: the time in {key}, with its offset then"
    if len(offsets) == 1:
        return f"write `{meant[0]}{offsets[0]}`: the time in {key}, with its offset then"
    return (
        f"that time came twice in {key}, the clocks going back that night: write "
        f"`{meant[0]}{offsets[0]}` for the first, `{meant[0]}{offsets[1]}` for the second"
    )


def offsets_then(moment: str, name: str) -> tuple[str, tuple[str, ...]] | None:
    """The zone ``name`` names (its key, ``Europe/Zurich``) and its offsets from UTC at
    ``moment``, a time without its own: one, or two in the hour the clocks go back; None for
    a zone no time-zone database names and a time the clocks skipped that night. It reads the
    database: only for a hint (a plan test's, lint's), never while deciding."""
    from engine.zones import zone_named  # (the time-zone database: only for a hint)

    try:
        zone = zone_named(name)
        local = datetime.fromisoformat(moment)
    except ValueError:
        return None
    if _skipped(local, zone):
        return None
    both = (_offset_text(local.replace(tzinfo=zone, fold=fold)) for fold in (0, 1))
    return zone.key, tuple(dict.fromkeys(both))


def _offset_text(moment: datetime) -> str:
    """The offset from UTC of ``moment``, an aware time, as a timestamp ends with it
    (``+01:00``, ``-04:00``)."""
    offset = moment.utcoffset()
    seconds = int(offset.total_seconds()) if offset is not None else 0
    sign = "-" if seconds < 0 else "+"
    hours, minutes = divmod(abs(seconds) // 60, 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def _skipped(local: datetime, zone: ZoneInfo) -> bool:
    """Whether ``local``, a time without its zone, never showed on the clocks of ``zone``
    (2:30 on the night they went forward): it has no offset to write."""
    aware = local.replace(tzinfo=zone)
    return aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != local
