"""Durations: the strict form a plan takes, and the mend a hint offers for what people write."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.durations import (
    DATES_ARE_NO_DEADLINE,
    DEADLINE_HINT,
    DurationError,
    describe_duration,
    duration_hint,
    duration_written_as,
    parse_duration,
)


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
        ("1h30m", "90m"),  # units one after another
        ("1 h 30 min", "90m"),
        ("2d 12h", "60h"),
        ("1h0m", "1h"),
        ("1w2d", "9d"),
        ("half an hour", "30m"),  # a count in words: these had the general hint
        ("a half hour", "30m"),
        ("half-hour", "30m"),
        ("a quarter of an hour", "15m"),
        ("an hour", "1h"),
        ("half a day", "12h"),
        ("two weeks", "2w"),
        ("2 heures", "2h"),  # French and German: these had the general hint
        ("1,5 heure", "90m"),
        ("3 jours", "3d"),
        ("1 semaine", "1w"),
        ("2 Stunden", "2h"),
        ("30 Minuten", "30m"),
        ("3 Tage", "3d"),
        ("2 Wochen", "2w"),
        ("２h", "2h"),  # full-width, as a Japanese input mode types it: the general hint
        ("２ｈ", "2h"),
        ("2時間", "2h"),  # Japanese units, as a manager in Tokyo writes them
        ("３０分以内", "30m"),  # "within 30 minutes"
        ("3日", "3d"),
        ("１週間", "1w"),
        ("1.5時間", "90m"),
        ("P7D", "7d"),  # ISO 8601, as an integrator's library writes it: the general hint
        ("PT4H", "4h"),
        ("pt30m", "30m"),
        ("P1DT12H", "36h"),
        ("P2W", "2w"),
        ("PT90M", "90m"),
        ("PT3600S", "1h"),
    ],
)
def test_what_people_write_for_a_duration_gets_its_strict_form(written: str, meant: str) -> None:
    assert duration_written_as(written) == meant
    with pytest.raises(DurationError):
        parse_duration(written)  # none of them is taken as it is: the hint mends it


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("7dd", "`7dd` is not a duration; write a whole number then m, h, d or w"),
        ("2d\n", "`2d\n` is not a duration; write a whole number then m, h, d or w"),
        ("367d", "`367d` is longer than a year"),
        ("1000000m", "`1000000m` is longer than a year"),  # too many digits: never read
        ("9" * 5000 + "m", f"`{'9' * 5000}m` is longer than a year"),  # more than int reads
    ],
)
def test_a_refused_duration_is_told_what_is_wrong(written: str, said: str) -> None:
    """The words a plan's ``within`` is refused with (``backplan validate`` puts them before
    the rule it is in): no test held the words of a text that is no duration at all, so a
    message that said the opposite (``is not not a duration``) went unnoticed."""
    with pytest.raises(DurationError) as refused:
        parse_duration(written)
    assert str(refused.value) == said


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("100000m", timedelta(minutes=100000)),  # six digits: 69 days, under a year
        ("527040m", timedelta(days=366)),  # a year to the minute: the longest there is
        ("8784h", timedelta(days=366)),
    ],
)
def test_a_duration_of_six_digits_is_read_when_it_is_at_most_a_year(
    written: str, meant: timedelta
) -> None:
    """A number of six digits is read and held to the year (only one of seven or more is
    refused unread): a mutant that refused six digits unread (``>=`` for ``>``) passed."""
    assert parse_duration(written) == meant


@pytest.mark.parametrize(
    "written",
    [
        *("1:30", "0h", "0.01h", "400 days", "53w", "soon", "2 fortnights", "h", "1.5", "-2h", ""),
        *("1,000 hours", "1.000h", "2,000 min"),  # three digits may group thousands: unsaid
        *("1M", "6M", "12 M"),  # a month, as people write it: never `1m`, a minute
        *("0h0m", "1h30", "1h30x", "1.5h30m", "300d 100d"),
        *(
            "P",
            "PT",
            "P1M",
            "P1Y",
            "PT0S",
            "PT30S",
            "P400D",
            "P1DT",
        ),  # ISO: none of a minute to a year
    ],
)
def test_no_mend_is_offered_for_what_is_no_duration_of_a_whole_minute_to_a_year(
    written: str,
) -> None:
    assert duration_written_as(written) is None


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("half-an-hour", "30m"),  # dashes between the words
        ("seven days", "7d"),  # counts in words up to twelve: from seven on, no hint was given
        ("ten days", "10d"),
        ("Twelve hours", "12h"),
        ("eleven weeks", "11w"),
        ("an hour and a half", "90m"),  # a half after the unit, or before it
        ("two and a half hours", "150m"),
        ("a day and a half", "36h"),
        ("1 hour and 30 minutes", "90m"),  # units one after another, with `and`
        ("2 days, and 12 hours", "60h"),
    ],
)
def test_a_duration_in_words_is_hinted_with_the_duration_to_write(written: str, meant: str) -> None:
    """`seven days`, `twelve hours`, `half-an-hour` and `an hour and a half` had the general
    hint, which does not say what to write (found by review)."""
    assert duration_hint(written) == f"write `{meant}`: {FORM}"
    assert duration_written_as(written) == meant


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("in 2 weeks", "2w"),
        ("In 2 weeks", "2w"),
        ("within 4 hours", "4h"),
        ("14 days from today", "14d"),
        ("in 14 days from now", "14d"),
        ("2 days later", "2d"),
        ("in two weeks", "2w"),
        ("in 1h30m", "90m"),
    ],
)
def test_a_duration_said_as_a_sentence_is_hinted_with_the_duration_to_write(
    written: str, meant: str
) -> None:
    """`within: in 2 weeks` (the key read as "within", the sentence written after it) and
    `14 days from today` had the general hint, where `2 weeks` is told `2w` (found by
    review)."""
    assert duration_hint(written) == f"write `{meant}`: {FORM}"


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("in 3 months", "a month is not a unit: write days or weeks, such as `90d` or `13w`"),
        ("in 2026-12-31", DATES_ARE_NO_DEADLINE),  # a date said so is one still
        ("in", None),
        ("from now", None),
        ("later", None),
    ],
)
def test_the_words_around_a_duration_said_as_a_sentence_are_left_out_of_its_hint(
    written: str, hint: str | None
) -> None:
    assert duration_hint(written) == hint


def _working(clock: str, room: str) -> str:
    return (
        "a deadline counts every hour on the clock, nights and weekends included, so working "
        f"time cannot be written: write the clock time it may take, `{clock}`, or more to leave "
        f"room for the time closed ({room})"
    )


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("2 business days", _working("2d", "a weekend adds 2 days: `4d`")),
        ("a working day", _working("1d", "a weekend adds 2 days: `3d`")),
        ("in 2 business days", _working("2d", "a weekend adds 2 days: `4d`")),
        ("4 working hours", _working("4h", "the hours closed add to it")),
        ("5 business days", _working("5d", "a weekend adds 2 days: `7d`")),
        # six working days from a Friday end on the second Monday: two weekends
        ("6 business days", _working("6d", "2 weekends add 4 days: `10d`")),
        ("10 working days", _working("10d", "2 weekends add 4 days: `14d`")),
        ("300 business days", _working("300d", "the days closed add to it")),
        ("400 business days", DEADLINE_HINT),
    ],
)
def test_working_time_is_told_a_deadline_counts_on_the_clock(written: str, hint: str) -> None:
    """`2 business days` had the general hint, which left a manager to write `2d` thinking
    it stops over a weekend."""
    assert duration_hint(written) == hint


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


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("1M", "`M` is not a unit (`m` is minutes): write days or weeks, such as `30d` or `4w`"),
        ("6M", "`M` is not a unit (`m` is minutes): write days or weeks, such as `180d` or `26w`"),
        ("1 month", "a month is not a unit: write days or weeks, such as `30d` or `4w`"),
        ("3 months", "a month is not a unit: write days or weeks, such as `90d` or `13w`"),
        ("2mo", "a month is not a unit: write days or weeks, such as `60d` or `9w`"),
        ("1y", "a year is not a unit: write days or weeks, such as `365d` or `52w`"),
        ("1 year", "a year is not a unit: write days or weeks, such as `365d` or `52w`"),
        ("13 months", DEADLINE_HINT),
        ("2 years", DEADLINE_HINT),
        ("1" * 5000 + "M", None),  # too many digits to be read: no hint, no error
        ("0M", None),
        ("a month", "a month is not a unit: write days or weeks, such as `30d` or `4w`"),
        ("a year", "a year is not a unit: write days or weeks, such as `365d` or `52w`"),
        ("1h30m", "write `90m`: a whole number from 1 then a unit (m, h, d or w)"),
        # above 12, `M` may be minutes (`30M`) or months beyond a year (`18M`): both are said
        (
            "30M",
            "`M` is not a unit: for 30 minutes write `30m`; 30 months is longer than a deadline "
            "may be (at most a year, such as 366d or 52w)",
        ),
        (
            "18M",
            "`M` is not a unit: for 18 minutes write `18m`; 18 months is longer than a deadline "
            "may be (at most a year, such as 366d or 52w)",
        ),
    ],
)
def test_the_hint_for_a_month_or_a_year_gives_days_never_minutes(
    written: str, hint: str | None
) -> None:
    # `1M` was told "write `1m`": a manager who meant a month got a one-minute deadline that
    # then validated cleanly.
    assert duration_hint(written) == hint


FORM = "a whole number from 1 then a unit (m, h, d or w)"


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("1:30", f"for 1 hour 30 minutes, write `90m`: {FORM}"),
        ("0:45", f"for 45 minutes, write `45m`: {FORM}"),
        ("2:00", f"for 2 hours, write `2h`: {FORM}"),
        ("１：３０", f"for 1 hour 30 minutes, write `90m`: {FORM}"),  # typed full-width
        (
            "asap",
            f"a deadline is a length of time, not `asap`: pick one, such as `1h` or `30m` ({FORM})",
        ),
        (
            "ASAP",
            f"a deadline is a length of time, not `ASAP`: pick one, such as `1h` or `30m` ({FORM})",
        ),
        (
            "soon",
            f"a deadline is a length of time, not `soon`: pick one, such as `1h` or `30m` ({FORM})",
        ),
        (  # two blanks apart, as a sentence around it had been read (found by mutation
            # testing: it had the general hint)
            "right  away",
            f"a deadline is a length of time, not `right  away`: pick one, such as `1h` or `30m` "
            f"({FORM})",
        ),
        ("2h30", f"for 2 hours 30 minutes, write `150m`: {FORM}"),  # as a French timetable
        ("2 h 05", f"for 2 hours 5 minutes, write `125m`: {FORM}"),
        ("0h45", f"for 45 minutes, write `45m`: {FORM}"),
        ("2h75", None),
        ("1:01", f"for 1 hour 1 minute, write `61m`: {FORM}"),
        ("1000:00", f"for 1,000 hours, write `1000h`: {FORM}"),  # had said `1000 hours`
        ("0:00", None),
        ("1:75", None),
        ("9000:00", None),  # longer than a year: the general hint
        ("tomorrow", None),
    ],
)
def test_a_clock_s_time_or_a_word_for_fast_gets_a_duration_to_write(
    written: str, hint: str | None
) -> None:
    """`1:30` and `asap` had the general hint (found by review)."""
    assert duration_hint(written) == hint
    mend = re.search(r"`([0-9]+[mhdw])`", hint or "")
    assert mend is None or parse_duration(mend[1])  # what the hint writes is a duration


@pytest.mark.parametrize(
    "written", ["2026-12-31", "2026-12-31T17:00:00", "31.12.2026", "12/31/26", "2026-1-5"]
)
def test_a_calendar_date_is_told_it_is_no_deadline(written: str) -> None:
    """`within: 2026-12-31` had the general hint, how a duration is written (found by review)."""
    assert duration_hint(written) == (
        "a deadline is a length of time after the complaint, such as `14d` or `2w`: a calendar "
        "date cannot be written, as the plan answers complaints on any day"
    )


@pytest.mark.parametrize("written", ["2026", "12/31", "31.12.", "1.5h"])
def test_what_is_no_whole_date_is_not_told_it_is_one(written: str) -> None:
    hint = duration_hint(written)
    assert hint is None or "calendar date" not in hint


@pytest.mark.parametrize(
    ("written", "said"),
    [("1h", "1 hour"), ("2d", "2 days"), ("1w", "1 week"), ("1000h", "1,000 hours")],
)
def test_a_duration_in_words_is_counted_as_every_count_is(written: str, said: str) -> None:
    """Through engine.errors.counted: `1000h` had read `1000 hours`, in a plural of its own,
    where every other count groups its thousands (found by review)."""
    assert describe_duration(written) == said


@pytest.mark.parametrize("written", ["soon", "2 hours", "1234567m"])
def test_what_is_no_duration_is_said_as_written(written: str) -> None:
    """A text that is no duration, or of more digits than a year has minutes, is shown as it
    is written, never misread or counted into a huge number of words."""
    assert describe_duration(written) == written
