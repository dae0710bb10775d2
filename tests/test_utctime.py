"""Moments as µs in UTC: the text is exactly what datetime writes, and the caches stay bounded."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import engine.utctime
from engine.durations import MAX_DURATION
from engine.timehints import own_time_hint
from engine.utctime import _NEARLY_A_TIMESTAMP as _NEARLY
from engine.utctime import (
    FIRST_YEAR,
    LAST_YEAR,
    clock_meant,
    clock_missing,
    date_missing,
    due_text,
    microseconds,
    read_canonical,
    timestamp_meant,
    utc_text,
)
from tests.conftest import printed_by_a_child

moments = st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59))


@settings(max_examples=500, deadline=None)
@given(moment=moments)
def test_text_is_what_datetime_writes(moment: datetime) -> None:
    assert utc_text(microseconds(moment)) == moment.isoformat() + "Z"


@settings(max_examples=300, deadline=None)
@given(
    moment=st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9998, 12, 31)),
    delay=st.integers(min_value=0, max_value=366 * 86_400_000_000),  # plans allow up to a year
)
def test_adding_a_delay_is_adding_a_timedelta(moment: datetime, delay: int) -> None:
    later = moment + timedelta(microseconds=delay)
    assert utc_text(microseconds(moment) + delay) == later.isoformat() + "Z"


def test_whole_and_fractional_seconds() -> None:
    assert utc_text(microseconds(datetime(2026, 11, 23, 9, 30))) == "2026-11-23T09:30:00Z"
    assert utc_text(microseconds(datetime(2026, 11, 23, 9, 30, 0, 500))) == (
        "2026-11-23T09:30:00.000500Z"
    )


def test_day_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine.utctime, "MAX_CACHED_DAYS", 3)
    monkeypatch.setattr(engine.utctime, "_DAYS", {})
    start = datetime(2026, 1, 1)
    for day in range(10):
        moment = start + timedelta(days=day, hours=5)
        assert utc_text(microseconds(moment)) == moment.isoformat() + "Z"
        assert len(engine.utctime._DAYS) <= 3


@settings(max_examples=300, deadline=None)
@given(moment=moments)
def test_canonical_times_read_back_to_their_moment(moment: datetime) -> None:
    moment = moment.replace(microsecond=0)
    text = moment.isoformat() + "Z"
    expected = microseconds(moment) if 1900 <= moment.year <= 9997 else None
    assert read_canonical(text) == expected
    assert read_canonical(text) == expected  # the second time from the caches


@pytest.mark.parametrize(
    "text",
    [
        "2026-W48-1T09:30:00Z",  # a week date is 10 characters too
        "2026-11-23T093000.5Z",  # and so is a compact time with a fraction
        "2026-11-23T09:30:00z",
        "2026-11-23t09:30:00Z",
        "2026-11-23T24:00:00Z",
        "2026-02-30T09:30:00Z",
        "2026-11-23T09:30:00.5Z",
        "2026-11-23 09:30:00Z",
        "\uff12026-11-23T09:30:00Z",
    ],
)
def test_anything_else_is_left_to_the_full_check(text: str) -> None:
    assert read_canonical(text) is None


def test_read_caches_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine.utctime, "MAX_CACHED_DAYS", 3)
    monkeypatch.setattr(engine.utctime, "_DAY_STARTS", {})
    for day in range(1, 11):
        moment = datetime(2026, 1, day, 9, 30)
        assert read_canonical(moment.isoformat() + "Z") == microseconds(moment)
        assert len(engine.utctime._DAY_STARTS) <= 3


def test_the_accepted_years_leave_room_for_the_longest_deadline() -> None:
    """LAST_YEAR is worked out by hand from MAX_DURATION: this fails if either moves alone."""

    def latest(year: int) -> int:  # the year's last second at -23:59, in UTC
        return microseconds(datetime(year, 12, 31, 23, 59, 59) + timedelta(hours=23, minutes=59))

    longest = MAX_DURATION // timedelta(microseconds=1)
    assert due_text(latest(LAST_YEAR), longest) is not None  # still a date
    with pytest.raises(ValueError):  # and a year more would not be
        due_text(latest(LAST_YEAR + 1), longest)
    assert read_canonical(f"{FIRST_YEAR}-01-01T00:00:00Z") is not None
    assert read_canonical(f"{LAST_YEAR + 1}-01-01T00:00:00Z") is None


def test_no_deadline_without_a_time_or_a_delay() -> None:
    assert due_text(None, 60_000_000) is None
    assert due_text(microseconds(datetime(2026, 11, 23, 9, 30)), None) is None
    assert due_text(microseconds(datetime(2026, 11, 23, 9, 30)), 60_000_000) == (
        "2026-11-23T09:31:00Z"
    )


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("2026-12-01 20:00", ("2026-12-01T20:00:00", "", False)),
        ("2026-12-01t20:00:05z", ("2026-12-01T20:00:05", "Z", False)),
        ("2026-12-01  8:05 -03:30", ("2026-12-01T08:05:00", "-03:30", False)),
        ("2026-12-01 20:00 +0100", ("2026-12-01T20:00:00", "+01:00", False)),
        ("2026-11-23T09:30:00.5+0100", ("2026-11-23T09:30:00.5", "+01:00", False)),
        ("2026-11-23 9:30:00,050 pm", ("2026-11-23T21:30:00.050", "", False)),
        ("2026-11-23 09:30:00.1234567Z", ("2026-11-23T09:30:00.1234567", "Z", False)),  # .NET
        ("2026-11-23T09:30.5Z", None),  # a fraction of a minute
        # an offset of hours alone (ISO 8601's, PostgreSQL's): had been the general example
        ("2026-12-01T20:00:00+01", ("2026-12-01T20:00:00", "+01:00", False)),
        ("2026-12-01 20:00 -05", ("2026-12-01T20:00:00", "-05:00", False)),
        ("2026-12-01-05", None),  # after a date alone: no offset, no date
        # an offset's hours of one digit: had been the general example, another day's
        ("2026-12-01T20:00:00+9:00", ("2026-12-01T20:00:00", "+09:00", False)),
        ("2026-12-01 20:00 -5:30", ("2026-12-01T20:00:00", "-05:30", False)),
        ("2026-12-01-5:30", None),  # after a date alone, as `-05`
        ("2026-12-01T20:00:00+9", None),
        ("2026-12-01 20:00+24", None),
        ("2026-12-01", ("2026-12-01T00:00:00", "", True)),
        ("01/12/2026 20:00", None),  # 1 December or 12 January
        ("2026-13-01", None),
        ("2026-12-01 24:00", None),
        ("2026-12-01 20:00+24:00", None),
        ("1899-12-31", None),
        ("2026-12-01 20:00 CET", None),
    ],
)
def test_a_time_nearly_a_timestamp_is_read_as_the_one_it_stands_for(
    written: str, meant: tuple[str, str, bool] | None
) -> None:
    assert timestamp_meant(written) == meant


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("2026-02-30 10:00", "`2026-02-30` is no date: February 2026 has 28 days"),
        ("2028-02-30", "`2028-02-30` is no date: February 2028 has 29 days"),
        ("2026-04-31T09:30:00Z", "`2026-04-31` is no date: April 2026 has 30 days"),
        (
            "2026-12-00",
            "`2026-12-00` is no date: there is no day 00: days are 01 to 31 in December 2026",
        ),
        ("2026-13-01", "`2026-13-01` is no date: there is no month 13: months are 01 to 12"),
        ("2026-00-10 10:00", "`2026-00-10` is no date: there is no month 00: months are 01 to 12"),
        ("2026-02-28 10:00", ""),  # a date: nothing to say of it
        ("2026-12-01 24:00", ""),  # its time is wrong, not its date
        ("1899-02-30", ""),  # a year no event happens in
        ("30/02/2026", ""),
    ],
)
def test_a_date_that_does_not_exist_is_said_to_be_none(written: str, said: str) -> None:
    assert date_missing(written) == said


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("2026-12-01 25:00", "there is no hour 25: hours are 00 to 23"),
        (
            "2026-12-01T24:00:00Z",
            "there is no hour 24: hours are 00 to 23 (midnight is 00:00 of the next day)",
        ),
        ("2026-12-01T24:00:01Z", "there is no hour 24: hours are 00 to 23"),
        ("2026-12-01 10:75", "there is no minute 75: minutes are 00 to 59"),
        ("2026-12-01T10:00:99Z", "there is no second 99: seconds are 00 to 59"),
        (  # RFC 3339 has it: "there is no second 60" was untrue of it
            "2016-12-31T23:59:60Z",
            "second 60 is a leap second, which Backplan does not read: seconds are 00 to 59",
        ),
        ("2026-12-01T10:30:60Z", "there is no second 60: seconds are 00 to 59"),  # not at :59
        ("2026-12-01T23:59:59Z", ""),  # a time: nothing to say of it
        ("2026-12-01", ""),  # a date alone
        ("2026-02-30T25:00", ""),  # its date is none: date_missing says so first
        ("tomorrow at 25:00", ""),
    ],
)
def test_a_time_of_day_that_does_not_exist_is_said_to_be_none(written: str, said: str) -> None:
    """A time whose hour, minute or second is none had been told the general example, as if
    its form were wrong (found by review)."""
    assert clock_missing(written) == said


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("2026-12-01T24:00:00Z", "2026-12-02T00:00:00Z"),
        ("2026-12-31 24:00 +9:00", "2027-01-01T00:00:00+09:00"),
        ("2016-12-31T23:59:60+09:00", "2017-01-01T00:00:00+09:00"),
        ("2026-12-01T10:59:60.000Z", "2026-12-01T11:00:00Z"),
        ("2026-12-01T24:00:00", None),  # no zone: which moment is not told
        ("2026-12-01T24:00:00.5Z", None),
        ("2026-12-01T24:00:01Z", None),
        ("2026-12-01T10:30:60Z", None),  # no leap second: not at :59
        ("2026-12-01T25:00:00Z", None),
        ("2026-12-01T10:00:00Z", None),  # a time: nothing to mend
        ("9997-12-31T24:00:00Z", None),  # past the last year an event may be in
        ("9999-12-31T24:00:00Z", None),  # no next day datetime can write: had overflowed
        ("9999-12-31T23:59:60Z", None),
        ("0001-01-01T24:00:00Z", None),  # before the first year: eval refuses the next day
        ("1899-12-31T24:00:00Z", "1900-01-01T00:00:00Z"),  # the first year's first moment
    ],
)
def test_the_end_of_a_day_or_a_leap_second_is_read_as_the_time_it_stands_for(
    written: str, meant: str | None
) -> None:
    """`2026-12-01T24:00:00Z` had been told only that there is no hour 24, its writer left
    to work out the next day's midnight; eval and plan tests now say to write it."""
    assert clock_meant(written) == meant
    if meant is not None:
        assert own_time_hint(written) == f"{clock_missing(written)}; write `{meant}`"


_HINT_FOR_STDIN = """
import sys
from engine.timehints import own_time_hint
print(own_time_hint(sys.stdin.read()))
"""


@pytest.mark.parametrize("written", ["2026-11-23T09:30:00", "2026-11-23 9:30 pm", "2026-11-23"])
def test_a_time_followed_by_a_long_run_of_spaces_is_refused_in_linear_steps(written: str) -> None:
    """A plan test's `due` of a time, 20,000 spaces and a letter took 7 s to refuse: the runs
    of spaces before an hour of the 12-hour clock, before the zone and at the end each tried
    every split of them. 100 KB of spaces is done at once (the child process is stopped after
    its guard's seconds: a guard, not a timing), with the hint of three spaces."""
    from engine.timehints import own_time_hint

    said = printed_by_a_child(_HINT_FOR_STDIN, written + " " * 100 * 1024 + "x")
    assert said == own_time_hint(written + "   x") + "\n"
    assert _NEARLY.fullmatch(written + "   ") is not None  # the spaces at the end are no slip
