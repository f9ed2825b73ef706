"""Properties that hold for every calendar, start and duration."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cortesia.culture.business_time import (
    BusinessCalendar,
    add_business_time,
    business_time_between,
    is_open,
)
from cortesia.culture.tests.calendars import ALL

calendars = st.sampled_from(ALL)
starts = st.datetimes(
    # hypothesis wants naive bounds and attaches the zone itself
    min_value=datetime(2025, 1, 1),  # noqa: DTZ001
    max_value=datetime(2027, 12, 31),  # noqa: DTZ001
    timezones=st.just(UTC),
)
durations = st.integers(min_value=0, max_value=200 * 3600 * 10**6).map(
    lambda micros: timedelta(microseconds=micros)
)
FAST = settings(max_examples=150, deadline=None)


def _is_open_or_closing(calendar: BusinessCalendar, moment: datetime) -> bool:
    return is_open(calendar, moment) or is_open(calendar, moment - timedelta(microseconds=1))


@FAST
@given(calendars, starts, durations)
def test_between_undoes_add(calendar: BusinessCalendar, start: datetime, d: timedelta) -> None:
    assert business_time_between(calendar, start, add_business_time(calendar, start, d)) == d


@FAST
@given(calendars, starts, durations)
def test_result_is_never_in_closed_time(
    calendar: BusinessCalendar, start: datetime, d: timedelta
) -> None:
    result = add_business_time(calendar, start, d)
    assert result >= start
    if d:
        assert _is_open_or_closing(calendar, result)
    else:
        assert is_open(calendar, result)


@FAST
@given(calendars, starts, durations, durations)
def test_monotonic_in_duration(
    calendar: BusinessCalendar, start: datetime, d1: timedelta, d2: timedelta
) -> None:
    low, high = sorted((d1, d2))
    assert add_business_time(calendar, start, low) <= add_business_time(calendar, start, high)


@FAST
@given(calendars, starts, starts, durations)
def test_monotonic_in_start(
    calendar: BusinessCalendar, s1: datetime, s2: datetime, d: timedelta
) -> None:
    early, late = sorted((s1, s2))
    assert add_business_time(calendar, early, d) <= add_business_time(calendar, late, d)


@FAST
@given(calendars, starts, starts, starts)
def test_between_is_additive(
    calendar: BusinessCalendar, a: datetime, b: datetime, c: datetime
) -> None:
    first, middle, last = sorted((a, b, c))
    assert business_time_between(calendar, first, middle) + business_time_between(
        calendar, middle, last
    ) == business_time_between(calendar, first, last)
