"""Moments as µs in UTC: the text is exactly what datetime writes, and the caches stay bounded."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import engine.utctime
from engine.utctime import microseconds, utc_text

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
