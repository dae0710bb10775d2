"""Times of day written so that letter-by-letter order is not the clock's.

Backplan reads no time of day as one: a test that puts a field in order (``gte``,
``between``) compares its text letter by letter, so ``10pm`` comes before ``3pm``, ``12am``
after ``11pm`` and ``10:00`` before ``9:30``. On the 24-hour clock with two digits for the hour
(``15:00``, ``09:30``), letter-by-letter order is the clock's. ``backplan lint``
(``clock-time-as-text``) and ``validate``'s ``bad-between`` write such times so.
"""

from __future__ import annotations

import re

_TWELVE_HOUR = re.compile(r"(1[0-2]|0?[1-9])(?:[:.]([0-5][0-9]))?\s*([aApP])\.?\s*[mM]\.?")
"""A time of day on the 12-hour clock: ``3pm``, ``3 PM``, ``11:30am``, ``9.15 a.m.``."""
_ONE_DIGIT_HOUR = re.compile(r"[0-9]:[0-5][0-9](?::[0-5][0-9])?")
"""A time of day on the 24-hour clock whose hour has one digit: ``9:30``, ``7:05:00``."""
_TWO_DIGIT_HOUR = re.compile(r"[0-2][0-9]:[0-5][0-9](?::[0-5][0-9])?")
"""A time of day on the 24-hour clock, the hour in two digits: ``15:00``, ``09:30:00``."""


def on_the_24_hour_clock(value: str) -> str | None:
    """``value``, a time of day whose text order is not the clock's, written so that it is
    (``3pm``: ``15:00``; ``12am``: ``00:00``; ``12pm``: ``12:00``; ``9:30``: ``09:30``); None
    for any other text (``15:00`` among them: it is in order already)."""
    value = value.strip()
    twelve = _TWELVE_HOUR.fullmatch(value)
    if twelve is not None:
        hour, minutes, half = twelve.groups()
        hours = int(hour) % 12 + (12 if half in "pP" else 0)
        return f"{hours:02d}:{minutes or '00'}"
    if _ONE_DIGIT_HOUR.fullmatch(value) is not None:
        return f"0{value}"
    return None


def in_the_clocks_order(value: str) -> bool:
    """Whether ``value`` is a time of day on the 24-hour clock with a two-digit hour
    (``09:30``, ``15:00:00``), whose text order is the clock's."""
    return _TWO_DIGIT_HOUR.fullmatch(value) is not None


def on_the_12_hour_clock(value: str) -> bool:
    """Whether ``value`` is a time of day on the 12-hour clock (``3pm``, ``11:30 a.m.``)."""
    return _TWELVE_HOUR.fullmatch(value.strip()) is not None


def text_order_example(value: str) -> str:
    """Two times of day whose text order is not the clock's, of the kind ``value`` is written
    as: what a message shows to say why."""
    return "`10pm` before `3pm`" if on_the_12_hour_clock(value) else "`10:00` before `9:30`"


def clock_test_hint(field: str, op: str, written: list[str]) -> str:
    """The hint for a test of ``field`` that puts it in order (``op``) with times of day, its
    values ``written`` on the 24-hour clock: the test so written (a ``between``'s as
    :func:`clock_between_hint` tells it)."""
    if op == "between":
        return clock_between_hint(field, *written)
    return f'{_WRITE_SO.format(field=field)}: `{op}: "{written[0]}"`'


_WRITE_SO = (
    "write times of day on the 24-hour clock, the hour in two digits, and have events send "
    "`{field}` so too"
)


def clock_between_hint(field: str, first: str, last: str) -> str:
    """The hint for ``between`` bounds ``first`` and ``last`` of ``field``, already written on
    the 24-hour clock: the test so written, or, from evening to morning (``17:00`` to
    ``09:00``), the two tests a time across midnight takes (one ``between`` would never
    hold); with one bound that is no such time (``noon``), that both must be written so, where
    ``[noon, 3pm]`` had been told that from noon to 15:00 crosses midnight."""
    sent = f"have events send `{field}` so too"
    other = next((bound for bound in (first, last) if not in_the_clocks_order(bound)), None)
    if other is not None:  # `[noon, 3pm]`: no order of the clock to tell, nor midnight crossed
        clock = last if other == first else first
        return (
            "write both bounds as times of day on the 24-hour clock, the hour in two digits "
            f"(such as `{clock}`), and {sent}: `{other}` is not one"
        )
    if first <= last:
        return f'{_WRITE_SO.format(field=field)}: `between: ["{first}", "{last}"]`'
    return (
        f"from {first} to {last} on the 24-hour clock crosses midnight, which one `between` "
        f'cannot say: write `any: [{{field: {field}, gte: "{first}"}}, {{field: {field}, '
        f'lte: "{last}"}}]`, and {sent}, the hour in two digits'
    )
