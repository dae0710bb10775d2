"""Strict durations: ``30m``, ``4h``, ``2d``, ``1w`` and nothing else.

Deadlines are the point of a backup plan ("react fast"), so a duration a person could read two
ways (``1:30``, ``4 hours``, ``1.5h``) is refused rather than guessed.
"""

from __future__ import annotations

import re
from datetime import timedelta

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
    """``"4h"`` -> ``"4 hours"``, for people."""
    match = _PATTERN.match(text)
    if match is None or len(match.group(1)) > _MOST_DIGITS:
        return text
    count, unit = int(match.group(1)), _WORDS[match.group(2)]
    return f"{count} {unit}" + ("" if count == 1 else "s")


_SPELLED = re.compile(r"0*([0-9]{1,7}(?:[.,][0-9]{1,2})?)[ \t]*([a-z]+)\.?")
"""A number (with one or two decimals: three after a `,` or `.` may group thousands, as in
``1,000 hours``, and no mend is offered then), blanks, and a unit."""
_UNIT_WORDS = {
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes", "mn"), "m"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), "h"),
    **dict.fromkeys(("d", "day", "days"), "d"),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), "w"),
}


def duration_written_as(text: str) -> str | None:
    """The duration someone most likely meant by a text that is none (``2 hours`` -> ``2h``,
    ``1.5h`` -> ``90m``, ``1hr`` -> ``1h``, ``01h`` -> ``1h``), for a hint: a number, then a
    unit spelled out or shortened, that makes a whole number of one of the units. None when
    the text is no such thing, or comes to nothing or more than a year."""
    found = _SPELLED.fullmatch(text.strip().lower())
    if found is None or found[2] not in _UNIT_WORDS:
        return None
    whole, _, part = found[1].replace(",", ".").partition(".")
    unit = _UNIT_WORDS[found[2]]
    scale = 10 ** len(part)
    minutes, left = divmod((int(whole) * scale + int(part or 0)) * (_UNITS[unit] // 60), scale)
    if left or not minutes or timedelta(minutes=minutes) > MAX_DURATION:
        return None  # not a whole number of minutes (0.01h), nothing, or more than a year
    if not part.strip("0"):  # a whole number of its own unit: kept in it
        return f"{int(whole)}{unit}"
    per, unit = next((_UNITS[u] // 60, u) for u in "wdhm" if minutes % (_UNITS[u] // 60) == 0)
    return f"{minutes // per}{unit}"  # in the largest unit it is a whole number of
