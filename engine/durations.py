"""Strict durations: ``30m``, ``4h``, ``2d``, ``1w`` and nothing else.

Deadlines are the point of a backup plan ("react fast"), so a duration a person could read two
ways (``1:30``, ``4 hours``, ``1.5h``) is refused rather than guessed.
"""

from __future__ import annotations

import re
from datetime import timedelta

from engine.errors import counted
from engine.typography import half_width

MAX_DURATION = timedelta(days=366)
"""No action is due more than a year after the complaint."""
DEADLINE_HINT = "a deadline is at most a year away, such as 366d or 52w"
"""The hint for a deadline beyond :data:`MAX_DURATION`, in a plan or a plan-test file."""

_PATTERN = re.compile(r"([1-9][0-9]*)([mhdw])\Z")  # \Z: `$` also takes a final line break
_MOST_DIGITS = 6
"""366 days is 527040 minutes: a number of more digits is longer than a year in any unit
(and one of thousands of digits is more than ``int`` reads)."""
_UNITS = {"m": 60, "h": 3600, "d": 86400, "w": 604800}
_WORDS = {"m": "minute", "h": "hour", "d": "day", "w": "week"}


class DurationError(ValueError):
    """A duration that is malformed or too long."""


def parse_duration(text: str) -> timedelta:
    """``"4h"`` -> ``timedelta(hours=4)``; raises DurationError on anything else."""
    match = _PATTERN.match(text)
    if match is None:
        raise DurationError(f"`{text}` is not a duration; write a whole number then m, h, d or w")
    if len(match.group(1)) > _MOST_DIGITS:
        raise DurationError(f"`{text}` is longer than a year")
    value = timedelta(seconds=int(match.group(1)) * _UNITS[match.group(2)])
    if value > MAX_DURATION:
        raise DurationError(f"`{text}` is longer than a year")
    return value


def describe_duration(text: str) -> str:
    """``"4h"`` -> ``"4 hours"``, for people: :func:`~engine.errors.counted`, as every count
    in a message is written (``1,000 hours``; it had said ``1000 hours``, in a plural of its
    own)."""
    match = _PATTERN.match(text)
    if match is None or len(match.group(1)) > _MOST_DIGITS:
        return text
    return counted(int(match.group(1)), _WORDS[match.group(2)])


_SPELLED = re.compile(r"0*([0-9]{1,7}(?:[.,][0-9]{1,2})?)[ \t]*([a-z]+)\.?")
"""A number (with one or two decimals: three after a `,` or `.` may group thousands, as in
``1,000 hours``, and no mend is offered then), blanks, and a unit."""
_UNIT_WORDS = {
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes", "mn"), "m"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), "h"),
    **dict.fromkeys(("d", "day", "days"), "d"),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), "w"),
    # French and German, as a manager in Paris or Vienna writes them: `2 heures`, `3 Tage`
    # had the general hint (found by writing a hotel's plan)
    **dict.fromkeys(("minuten",), "m"),
    **dict.fromkeys(("heure", "heures", "std", "stunde", "stunden"), "h"),
    **dict.fromkeys(("j", "jour", "jours", "tag", "tage", "tagen"), "d"),
    **dict.fromkeys(("semaine", "semaines", "woche", "wochen"), "w"),
}


_BEFORE = frozenset({"in", "within"})
_AFTER = (("from", "now"), ("from", "today"), ("later",))
"""The words a sentence says around a duration: ``in 2 weeks`` (``within: in 2 weeks``),
``14 days from today``, ``2 days later``."""


def _said_alone(text: str) -> str:
    """``text`` without its blanks at the ends and the words a sentence says around a duration
    (:data:`_BEFORE`, :data:`_AFTER`): ``in 2 weeks`` is ``2 weeks``. They had kept the
    duration from being read, and `within: in 2 weeks` had the general hint, where `2 weeks` is
    told `2w` (found by review). Read word by word, not by a pattern that a long run of blanks
    would make slow."""
    written = text.strip()
    words = written.split()
    said = [word.lower() for word in words]
    start = 1 if len(words) > 1 and said[0] in _BEFORE else 0
    end = len(words)
    for after in _AFTER:
        if end - start > len(after) and tuple(said[end - len(after) :]) == after:
            end -= len(after)
            break
    return written if (start, end) == (0, len(words)) else " ".join(words[start:end])


def duration_written_as(text: str) -> str | None:
    """The duration someone most likely meant by a text that is none (``2 hours`` -> ``2h``,
    ``1.5h`` -> ``90m``, ``1hr`` -> ``1h``, ``01h`` -> ``1h``, ``1h30m`` -> ``90m``), for a
    hint: a number, then a unit spelled out or shortened, that makes a whole number of one of
    the units, or whole numbers of units one after another. None when the text is no such
    thing, comes to nothing or more than a year, or has a capital ``M`` for its unit (people
    write it for months: ``1m`` would be a minute)."""
    text = _said_alone(_as_typed_in_ascii(text))
    iso = _ISO_8601.fullmatch(text)
    if iso is not None:  # `P7D`, `PT4H`, as an integrator's library writes a duration
        return _iso_meant(iso)
    if _MONTH_M.fullmatch(text):
        return None  # `6M`, `30M`: months or minutes, told by duration_hint
    spoken = _counted(text.lower())
    found = _SPELLED.fullmatch(spoken)
    if found is not None:
        parts = [(found[1], found[2])]
    elif _PARTS.fullmatch(spoken):
        parts = _PART.findall(spoken)
    else:
        return None
    each = [_minutes(number, unit) for number, unit in parts]
    if None in each:
        return None
    minutes = sum(m for m in each if m is not None)
    if not minutes or timedelta(minutes=minutes) > MAX_DURATION:
        return None  # not a whole number of minutes (0.01h), nothing, or more than a year
    whole, _, part = parts[0][0].replace(",", ".").partition(".")
    if len(parts) == 1 and not part.strip("0"):  # a whole number of its own unit: kept in it
        return f"{int(whole)}{_UNIT_WORDS[parts[0][1]]}"
    return _in_one_unit(minutes)


_JAPANESE_UNIT = re.compile(
    r"([0-9]{1,7}(?:[.,][0-9]{1,2})?)[ \t]*(分間?|時間|日間?|週間?)(?:以内)?"
)
"""A number and a Japanese unit, ``2時間``, ``30分以内`` ("within 30 minutes"), as a manager in
Tokyo types a deadline."""
_JAPANESE_UNIT_WORDS = {
    **dict.fromkeys(("分", "分間"), "minutes"),
    "時間": "hours",
    **dict.fromkeys(("日", "日間"), "days"),
    **dict.fromkeys(("週", "週間"), "weeks"),
}


def _as_typed_in_ascii(text: str) -> str:
    """``text`` with its full-width digits, letters and signs as the ASCII ones (``２ｈ`` is
    ``2h``: a Japanese keyboard's input mode types them, and they look like the ASCII ones),
    and a Japanese unit after a number as its English word (``2時間`` is ``2 hours``). Both
    had the general hint, which gave a manager in Tokyo no clue which character was wrong
    (found by writing a Tokyo shop's plan)."""
    if text.isascii():
        return text
    narrow = half_width(text)
    found = _JAPANESE_UNIT.fullmatch(narrow.strip())
    if found is None:
        return narrow
    return f"{found[1]} {_JAPANESE_UNIT_WORDS[found[2]]}"


_ISO_8601 = re.compile(
    r"P(?:([0-9]{1,7})W)?(?:([0-9]{1,7})D)?"
    r"(?:T(?:([0-9]{1,7})H)?(?:([0-9]{1,7})M)?(?:([0-9]{1,7})S)?)?",
    re.IGNORECASE,
)
"""An ISO 8601 duration of weeks, days, hours, minutes and seconds (``P7D``, ``PT4H``,
``P1DT12H``), as ``isodate`` or Java's ``Duration`` write one; its years and months (``P1M``)
are left out, as a month is no unit here. It had had the general hint (found by review)."""


def _iso_meant(found: re.Match[str]) -> str | None:
    """The duration an ISO 8601 one (:data:`_ISO_8601`) is, in one unit (``PT90M``: ``90m``);
    None for none given (``P``, ``PT``), a part of a minute, nothing, or more than a year."""
    weeks, days, hours, minutes, seconds = (int(part) if part else None for part in found.groups())
    if all(part is None for part in (weeks, days, hours, minutes, seconds)):
        return None
    if found[0].upper().endswith("T") or (seconds or 0) % 60:
        return None
    total = (
        (weeks or 0) * 7 * 24 * 60
        + (days or 0) * 24 * 60
        + (hours or 0) * 60
        + (minutes or 0)
        + (seconds or 0) // 60
    )
    if not total or timedelta(minutes=total) > MAX_DURATION:
        return None
    given = [(n, unit) for n, unit in zip((weeks, days, hours, minutes), "wdhm", strict=True) if n]
    if len(given) == 1 and not seconds:  # one unit alone: kept in it, as `7 days` is (`7d`)
        return f"{given[0][0]}{given[0][1]}"
    return _in_one_unit(total)


def _in_one_unit(minutes: int) -> str:
    """``90`` -> ``90m``, ``120`` -> ``2h``: in the largest unit it is a whole number of."""
    per, unit = next((_UNITS[u] // 60, u) for u in "wdhm" if minutes % (_UNITS[u] // 60) == 0)
    return f"{minutes // per}{unit}"


def _minutes(number: str, unit: str) -> int | None:
    """``number`` of ``unit`` (a word of :data:`_UNIT_WORDS`) in whole minutes, or None."""
    if unit not in _UNIT_WORDS:
        return None
    whole, _, part = number.replace(",", ".").partition(".")
    scale = 10 ** len(part)
    minutes, left = divmod(
        (int(whole) * scale + int(part or 0)) * (_UNITS[_UNIT_WORDS[unit]] // 60), scale
    )
    return None if left else minutes


_NUMBER_WORDS = (
    *("two", "three", "four", "five", "six", "seven"),
    *("eight", "nine", "ten", "eleven", "twelve"),
)
"""The counts in words from two, up to twelve (``twelve hours``: the hours of half a day)."""
_COUNTS = {
    **dict.fromkeys(("a", "an", "one"), "1 "),
    **dict.fromkeys(("half a", "half an", "a half", "half"), "0.5 "),
    **dict.fromkeys(("a quarter of an", "quarter of an", "a quarter", "quarter"), "0.25 "),
    **{word: f"{count} " for count, word in enumerate(_NUMBER_WORDS, 2)},
}
_BETWEEN = r"[ \t-]+"
"""What parts a count in words and its unit: blanks or dashes (``half-an-hour``)."""
_COUNTED = re.compile(
    "^("
    + "|".join(word.replace(" ", _BETWEEN) for word in sorted(_COUNTS, key=len, reverse=True))
    + rf"){_BETWEEN}(?=[a-z])"
)
"""A count in words before a unit (``half an hour``, ``a day``, ``twelve hours``): 30m, 1d,
12h."""
_AND_A_HALF = re.compile(
    rf"([0-9]{{1,7}})(?:[ \t]*([a-z]+){_BETWEEN}and{_BETWEEN}a{_BETWEEN}half"
    rf"|{_BETWEEN}and{_BETWEEN}a{_BETWEEN}half{_BETWEEN}([a-z]+))"
)
"""A whole number and a half of a unit, after it or before it: ``1 hour and a half``, ``2 and
a half hours``."""


def _counted(text: str) -> str:
    """``text`` with a count in words before its unit written in digits (``half an hour``:
    ``0.5 hour``), and a half after a whole number added to it (``an hour and a half``:
    ``1.5 hour``); these had the general hint, and so had the counts from seven to twelve,
    ``seven days`` or ``half-an-hour`` (found by review)."""
    spoken = _COUNTED.sub(lambda word: _COUNTS[re.sub(_BETWEEN, " ", word[1])], text, count=1)
    half = _AND_A_HALF.fullmatch(spoken)
    return spoken if half is None else f"{half[1]}.5 {half[2] or half[3]}"


_CLOCK = re.compile(r"([0-9]{1,4})(?::|[ \t]*[hH][ \t]*)([0-5][0-9])")
"""``1:30``: hours and minutes as a clock writes them; or as French and many European
timetables write them, ``2h30`` (had the general hint: found by writing a hotel's plan)."""
_NOW_WORDS = frozenset(
    {"asap", "a.s.a.p.", "a.s.a.p", "as soon as possible", "now", "right now", "immediately"}
    | {"right away", "straight away", "urgent", "urgently", "soon", "at once", "quickly"}
)
"""What people write for a deadline when they mean "fast": no length of time."""
_PART = re.compile(r"([0-9]{1,7})[ \t]*([a-z]+)")
_ONE_PART = r"[0-9]{1,7}[ \t]*[a-z]+"
_PARTS = re.compile(rf"{_ONE_PART}(?:(?:[ \t]*,?[ \t]+and[ \t]+|[ \t]*,?[ \t]*){_ONE_PART})*[ \t]*")
"""Units one after another (``1h30m``, ``1 h 30 min``, ``2d 12h``, ``1 hour and 30 minutes``):
whole numbers only."""
_MOST_MONTHS = 12
"""``M`` after more than this may be minutes (``30M``) or months beyond a year (``18M``): the
hint gives both readings."""
_MOST_MINUTES = MAX_DURATION // timedelta(minutes=1)
_MONTH_M = re.compile(r"([0-9]{1,7})[ \t]*M\.?")
"""``1M``: a month, as people write it; ``1m`` is a minute."""
_MONTHS = re.compile(r"([0-9]{1,7})[ \t]*(?:mo|mos|mon|mth|mths|month|months)\.?")
_YEARS = re.compile(r"([0-9]{1,7})[ \t]*(?:y|yr|yrs|year|years)\.?")
_DURATION_FORM = "a whole number from 1 then a unit (m, h, d or w)"
DURATION_FORM_HINT = "write a whole number from 1 then a unit: 30m, 4h, 2d or 1w"
"""The hint for a text that is no duration and names none (the plan schema's own words)."""
_DATE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{2,4}")
"""The start of a calendar date as people write it (``2026-12-31``, ``31.12.2026``,
``12/31/2026``), a time of day after it or not."""
DATES_ARE_NO_DEADLINE = (
    "a deadline is a length of time after the complaint, such as `14d` or `2w`: a calendar "
    "date cannot be written, as the plan answers complaints on any day"
)
"""For a date written where a deadline goes (``within: 2026-12-31``); the general hint had
said only how a duration is written (found by review)."""
DEADLINE_KEYS = frozenset({"due", "due_date", "due_by", "deadline", "by", "until", "date", "sla"})
"""Keys a manager gives a deadline under, where the plan language has ``within:``."""
WITHIN_HINT = (
    "a deadline is written `within:`, a length of time after the complaint, such as "
    "`within: 14d`; a calendar date cannot be written"
)
"""For a key of :data:`DEADLINE_KEYS` where ``within`` is allowed (``due: 2026-12-31``): "did
you mean `within`?" alone, for ``due:``, left a manager to write the date under it."""


_WORKING = re.compile(
    r"([0-9]{1,7})[ \t]*(?:business|working|work|office|opening)[ \t-]*(hours?|hrs?|h|days?|d)\.?"
)
"""``2 business days``, ``4 working hours``: a length of time counted only while the business
is open, which a deadline is not (:func:`_working_time_hint`)."""
_WEEKEND_DAYS = 2
_WORKING_DAYS_A_WEEK = 5


def _weekends_room(count: int) -> str:
    """The room the weekends take in ``count`` working days, at most: one weekend in each five
    (or fewer) of them, as from a Friday evening. Six had been told "a weekend adds 2 days:
    `8d`", though six working days from a Friday end on the second Monday, ten days on
    (found by review)."""
    weekends = -(-count // _WORKING_DAYS_A_WEEK)
    total = count + weekends * _WEEKEND_DAYS
    if total > MAX_DURATION.days:
        return "the days closed add to it"
    if weekends == 1:
        return f"a weekend adds {_WEEKEND_DAYS} days: `{total}d`"
    return f"{weekends} weekends add {weekends * _WEEKEND_DAYS} days: `{total}d`"


def _working_time_hint(spoken: str) -> str | None:
    """The hint for a length of working time (``2 business days``), or None for any other
    text. A deadline counts every hour on the clock, so the manager picks the clock time it
    may take; such texts had the general hint, which left them thinking ``2d`` stops over a
    weekend (found by trial)."""
    working = _WORKING.fullmatch(spoken)
    if working is None or not int(working[1]):
        return None
    count, days = int(working[1]), working[2].startswith("d")
    clock = f"{count}{'d' if days else 'h'}"
    try:
        parse_duration(clock)
    except DurationError:
        return DEADLINE_HINT
    room = _weekends_room(count) if days else "the hours closed add to it"
    return (
        "a deadline counts every hour on the clock, nights and weekends included, so working "
        f"time cannot be written: write the clock time it may take, `{clock}`, or more to leave "
        f"room for the time closed ({room})"
    )


def duration_hint(text: str) -> str | None:
    """The hint for a text that is no duration, when something better than the general one
    can be said: the duration it most likely means (:func:`duration_written_as`), hours and
    minutes as a clock writes them (``1:30``: ``90m``), a word for "fast" that is no length of
    time (``asap``: pick one), that a month or a year is no unit (``1M``, ``3 months``,
    ``1y``), with the days to write instead (``1M`` never gets ``1m``, a minute), or that a
    calendar date is no deadline (``2026-12-31``). None otherwise."""
    meant = duration_written_as(text)
    if meant is not None:
        return f"write `{meant}`: {_DURATION_FORM}"
    written = _said_alone(_as_typed_in_ascii(text))  # `１：３０`, typed full-width
    clock = _CLOCK.fullmatch(written)
    if clock is not None and 0 < int(clock[1]) * 60 + int(clock[2]) <= _MOST_MINUTES:
        # `1:30` had the general hint (found by review)
        hours, past = int(clock[1]), int(clock[2])
        said = [counted(n, unit) for n, unit in ((hours, "hour"), (past, "minute")) if n]
        return f"for {' '.join(said)}, write `{_in_one_unit(hours * 60 + past)}`: {_DURATION_FORM}"
    # `asap` had the general hint (found by review); the words are compared one blank apart,
    # as `in right  away` was: `right  away` had the general hint (found by mutation testing)
    if " ".join(written.lower().split()) in _NOW_WORDS:
        return (
            f"a deadline is a length of time, not `{written}`: pick one, such as `1h` or `30m` "
            f"({_DURATION_FORM})"
        )
    spoken = _counted(written.lower())  # `a month`: `1 month`
    if working := _working_time_hint(spoken):  # `2 business days`
        return working
    capital = _MONTH_M.fullmatch(written)
    months = capital or _MONTHS.fullmatch(spoken)
    if months is not None:
        count = int(months[1])
        days = count * 30
        if capital is not None and count > _MOST_MONTHS:  # `30M` minutes? `18M` months?
            minutes = f"for {count} minutes write `{count}m`; " if count <= _MOST_MINUTES else ""
            return (
                f"`M` is not a unit: {minutes}{count} months is longer than a deadline may be "
                "(at most a year, such as 366d or 52w)"
            )
        if not days or days > MAX_DURATION.days:
            return DEADLINE_HINT if days else None
        unit = "`M` is not a unit (`m` is minutes)" if capital else "a month is not a unit"
        return f"{unit}: write days or weeks, such as `{days}d` or `{round(days / 7)}w`"
    years = _YEARS.fullmatch(spoken)
    if years is not None and int(years[1]):
        if int(years[1]) > 1:
            return DEADLINE_HINT
        return "a year is not a unit: write days or weeks, such as `365d` or `52w`"
    if _DATE.match(written):
        return DATES_ARE_NO_DEADLINE
    return None
