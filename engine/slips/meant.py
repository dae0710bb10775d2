"""The number a manager meant by a text in a test of a number field: ``$10`` (an amount,
without its currency), ``10%``, ``2 hours`` (counted in the field's unit of time: 120 of
`contact.wait_minutes`), ``1,5``, ``forty``, ``10k`` or ``2 stars``.

Both the hint ``backplan lint`` gives for a number written as text (``engine.lint.values``) and
the one ``backplan validate`` gives for a ``between`` whose bounds are text (``engine.checks``)
read a text this way, so the two cannot tell a manager different numbers: the second had read
``2 weeks`` of `order.delay_days` as 2, and hinted `between: [2, 3]` for ``[3, 2 weeks]``, a
test that validates and matches other events than the one meant (found by mutation testing).
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from typing import NamedTuple

from engine.durations import describe_duration, duration_written_as, parse_duration
from engine.eventfields import resolve
from engine.money import MONEY, plain_number
from engine.slips.numbers import (
    NOT_A_UNIT,
    amount_in_text,
    meant_number,
    number_in_text,
    percent_in_text,
)
from engine.typography import half_width

_LEADING_NUMBER = re.compile(r"\s*(-?[0-9][0-9,.]*)\s+([^\W\d_]+)")
"""The number a text starts with when a word follows it (``2 stars``), its commas and dots
kept for :func:`~engine.slips.meant_number`: ``1,000 stars`` had been hinted `gte: 1`. Not
one glued to letters or followed by digits, a sign or a word that multiplies it
(:data:`~engine.slips.NOT_A_UNIT`, read by :func:`_number_written`): ``1,5k``, ``2M``, ``10
000``, ``2.5 million`` and ``3-4 days`` had been hinted `gte: 1.5`, `2`, `10`, `2.5` and `3`
(found by review); ``5 hundred`` and ``10 cents`` `gte: 5` and `10`, by a list of such words
of its own that lacked them."""

_THOUSANDS_K = re.compile(r"\s*(-?[0-9]+(?:\.[0-9]+)?)[kK]\s*")
"""``10k``: ten thousand, which had been hinted as its leading number, `gte: 10`."""

_FIELD_UNITS = {"minutes": 1, "hours": 60, "days": 1440, "weeks": 10080}
"""The minutes in the unit of time a field's last name ends with (`order.delay_days`,
`contact.wait_minutes`): the field counts in it, so `2 h` is 120 of `wait_minutes`."""


class Meant(NamedTuple):
    """The number a test's text was meant as, and how it was written: ``amount`` (with a
    currency), ``percent``, ``duration`` (``said`` in words) or ``number``."""

    number: str
    kind: str
    said: str = ""


def number_meant(field: str, text: str) -> Meant | None:
    """The number ``text`` was meant as in a test of ``field``: an amount without its
    currency (``Fr. 10``), a percentage's number (``10%``), a duration in the field's unit of
    time (``2 h`` is 120 of `contact.wait_minutes`), or the number it is written with
    (``1,5``, ``forty``, ``10k``, ``2 stars``); None when it names none, and for a duration
    where the field counts neither time nor things (its number is not the field's: `10 min`
    of `order.total`). A count's is the number it starts with, as ``2 stars`` of a rating's:
    `gte: 2 days` of `customer.complaints_90d` had been hinted "write the value as one, a
    number", naming none. A text that starts with a duration (``2 hours or more``) is read as
    that duration: its leading number had been the hint, `gte: 2` of `contact.wait_minutes`
    (found by mutation testing)."""
    text = half_width(text)  # `１０，０００`, typed with a Japanese input mode on
    duration = duration_written_as(text)  # first: `90 min` reads as an amount in "MIN"
    if duration is None and (leading := _leading(text)) is not None:  # `2 hours or more`
        duration = duration_written_as(f"{leading[1]} {leading[2]}")
    if duration is not None:
        if field_unit(field) is None and _a_count(field):
            return _number_written(text)
        return _in_fields_unit(field, duration)
    amount = amount_in_text(text)
    if amount is not None:
        return Meant(amount, "amount")
    percent = percent_in_text(text)
    if percent is not None:
        return Meant(percent[0], "percent")
    thousands = _THOUSANDS_K.fullmatch(text)
    if thousands is not None:
        return Meant(plain_number(MONEY.multiply(Decimal(thousands[1]), 1000)), "number")
    return _number_written(text)


def _number_written(text: str) -> Meant | None:
    """The number ``text`` is written as (``forty``, ``1,5``), or starts with before a word
    (``2 stars``); None when it is neither."""
    leading = _leading(text)  # `2 stars`; `1,5` is 1.5, not 1
    number = number_in_text(text) or (leading and meant_number(leading[1].rstrip(".,")))
    return Meant(number, "number") if number else None


def _leading(text: str) -> re.Match[str] | None:
    """The number ``text`` starts with and the word after it (``2 stars or more``); None when
    it starts with none, or the word multiplies the number (``2 million``: not 2)."""
    leading = _LEADING_NUMBER.match(text)
    return None if leading is None or leading[2].lower() in NOT_A_UNIT else leading


def _in_fields_unit(field: str, duration: str) -> Meant | None:
    """A duration (``2h``) as a number of the unit of time ``field`` counts in (120 of
    `contact.wait_minutes`), said in words when that is another unit ("2 hours"); None
    when the field counts no time, or not a whole hundredth of its unit."""
    unit = field_unit(field)
    if unit is None:
        return None
    minutes = Decimal(parse_duration(duration) // timedelta(minutes=1))
    number = MONEY.divide(minutes, Decimal(unit[1]))
    if number != number.quantize(Decimal("0.01"), context=MONEY):
        return None
    said = describe_duration(duration)
    same = said.rpartition(" ")[2].rstrip("s") == unit[0].rstrip("s")
    return Meant(plain_number(number), "duration", "" if same else said)


def field_unit(field: str) -> tuple[str, int] | None:
    """The unit of time a field counts in, by the end of its last name (``days`` of
    `order.delay_days`), and the minutes in one; None for a field named for none."""
    word = field.rpartition(".")[2].rpartition("_")[2]
    minutes = _FIELD_UNITS.get(word)
    return None if minutes is None else (word, minutes)


def _a_count(field: str) -> bool:
    """Whether events carry ``field`` as a whole number, a count of things
    (`customer.complaints_90d`, `contact.attempts`), not an amount."""
    info = resolve(field).info
    return info is not None and info.whole
