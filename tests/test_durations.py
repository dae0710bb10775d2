"""Durations: the strict form a plan takes, and the mend a hint offers for what people write."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.durations import DurationError, duration_written_as, parse_duration


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("2 hours", "2h"),
        ("48 hrs", "48h"),
        ("1hr", "1h"),
        ("01h", "1h"),  # a leading zero
        ("90 min", "90m"),
        ("30 mins.", "30m"),
        ("120 minutes", "120m"),  # kept in the unit written
        ("1 Day", "1d"),
        ("2 weeks", "2w"),
        ("1.5h", "90m"),  # a fraction: the largest unit it is whole in
        ("1.5d", "36h"),
        ("0.5d", "12h"),
        ("2,5 h", "150m"),  # a decimal comma
        ("1.0h", "1h"),
        ("1.25h", "75m"),
        ("52 weeks", "52w"),
    ],
)
def test_what_people_write_for_a_duration_gets_its_strict_form(written: str, meant: str) -> None:
    assert duration_written_as(written) == meant
    with pytest.raises(DurationError):
        parse_duration(written)  # none of them is taken as it is: the hint mends it


@pytest.mark.parametrize(
    "written",
    [
        *("1:30", "0h", "0.01h", "400 days", "53w", "soon", "2 fortnights", "h", "1.5", "-2h", ""),
        *("1,000 hours", "1.000h", "2,000 min"),  # three digits may group thousands: unsaid
    ],
)
def test_no_mend_is_offered_for_what_is_no_duration_of_a_whole_minute_to_a_year(
    written: str,
) -> None:
    assert duration_written_as(written) is None


UNITS = {"minutes": 1, "min": 1, "hours": 60, "hr": 60, "days": 1440, "week": 10080}


@given(
    st.integers(min_value=0, max_value=600),
    st.sampled_from(["", "5", "25", "75"]),
    st.sampled_from(sorted(UNITS)),
    st.sampled_from(["", " "]),
)
def test_a_mend_is_always_a_duration_of_the_same_length(
    whole: int, fraction: str, unit: str, blank: str
) -> None:
    written = f"{whole}{'.' + fraction if fraction else ''}{blank}{unit}"
    meant = duration_written_as(written)
    length = (whole + (int(fraction) / 10 ** len(fraction) if fraction else 0)) * UNITS[unit]
    if meant is None:  # nothing, part of a minute, or more than a year
        assert length == 0 or length != int(length) or length > 366 * 1440
    else:
        assert parse_duration(meant) == timedelta(minutes=length)
