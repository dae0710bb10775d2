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
