"""Open time over long spans, summed per block of days, equals the day-by-day count."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cortesia.culture.business_time import BusinessCalendar, business_time_between
from cortesia.culture.tests.calendars import ALL, RIYADH, ROME_SPLIT_SHIFT

# Clocks change at midnight in Santiago (the day of the change has 23 or 25 hours).
SANTIAGO = BusinessCalendar.from_mapping(
    time_zone="America/Santiago",
    weekly={day: [("00:00", "10:00"), ("15:00", "24:00")] for day in ("mon", "tue", "fri")},
    holiday_country="CL",
)
# Half days, a closed weekday and an opened Sunday, beside the Italian holidays.
ROME_OVERRIDES = BusinessCalendar.from_mapping(
    time_zone="Europe/Rome",
    weekly={day: [("08:30", "12:30"), ("13:30", "17:30")] for day in ("mon", "tue", "wed", "thu")}
    | {"fri": [("08:30", "13:00")]},
    holiday_country="IT",
    overrides={
        date(2026, 3, 29): [("10:00", "12:00")],  # the Sunday summer time begins
        date(2026, 10, 25): [("01:00", "04:00")],  # the Sunday it ends: 02:00–03:00 twice
        date(2026, 12, 24): [("08:30", "12:00")],
        date(2026, 12, 31): [],
    },
)
CALENDARS = (*ALL, SANTIAGO, ROME_OVERRIDES)


def day_by_day(calendar: BusinessCalendar, a: datetime, b: datetime) -> timedelta:
    """The count as it was made before the sums: every local day's spans, clipped."""
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    first = (a - epoch) // timedelta(microseconds=1)
    last = (b - epoch) // timedelta(microseconds=1)
    low = a.astimezone(calendar.zone).date().toordinal() - 1
    high = b.astimezone(calendar.zone).date().toordinal() + 1
    total = 0
    for ordinal in range(low, high):
        for start, end in calendar.spans(ordinal):
            total += max(0, min(end, last) - max(start, first))
    return timedelta(microseconds=total)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("_case", "calendar", "a", "b"),
    [
        (
            "rome split shift across summer time",
            ROME_SPLIT_SHIFT,
            utc(2026, 3, 20, 7),
            utc(2026, 4, 9, 15, 17),
        ),
        (
            "rome across winter time and the christmas half day",
            ROME_SPLIT_SHIFT,
            utc(2026, 10, 1, 12, 59),
            utc(2027, 1, 8, 8),
        ),
        (
            "rome overrides on both DST sundays",
            ROME_OVERRIDES,
            utc(2026, 3, 1),
            utc(2026, 11, 1, 1, 30),
        ),
        (
            "riyadh friday-saturday weekend, eid holidays",
            RIYADH,
            utc(2026, 2, 27, 6),
            utc(2026, 6, 14, 13, 45),
        ),
        ("santiago midnight DST changes", SANTIAGO, utc(2026, 3, 30, 2), utc(2026, 9, 15, 3, 59)),
        (
            "two years, end inside a span",
            ROME_OVERRIDES,
            utc(2025, 1, 2, 9, 15),
            utc(2027, 1, 4, 10, 1),
        ),
        (
            "starts and ends on span edges",
            ROME_SPLIT_SHIFT,
            utc(2026, 1, 12, 8),
            utc(2026, 2, 12, 17),
        ),
        ("reversed", RIYADH, utc(2026, 12, 1), utc(2026, 1, 1)),
    ],
)
def test_long_spans_count_what_the_days_count(
    _case: str, calendar: BusinessCalendar, a: datetime, b: datetime
) -> None:
    expected = day_by_day(calendar, min(a, b), max(a, b)) * (1 if a <= b else -1)
    assert business_time_between(calendar, a, b) == expected


moments = st.datetimes(
    min_value=datetime(2024, 12, 1),  # noqa: DTZ001
    max_value=datetime(2028, 1, 31),  # noqa: DTZ001
    timezones=st.just(UTC),
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CALENDARS), moments, moments)
def test_any_span_counts_what_the_days_count(
    calendar: BusinessCalendar, a: datetime, b: datetime
) -> None:
    a, b = sorted((a, b))
    assert business_time_between(calendar, a, b) == day_by_day(calendar, a, b)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(CALENDARS), moments, st.integers(min_value=0, max_value=10 * 86_400))
def test_spans_of_a_few_days_count_what_the_days_count(
    calendar: BusinessCalendar, a: datetime, seconds: int
) -> None:
    b = a + timedelta(seconds=seconds)
    assert business_time_between(calendar, a, b) == day_by_day(calendar, a, b)


def test_open_micros_sums_whole_days_across_blocks() -> None:
    first, last = date(2025, 11, 20).toordinal(), date(2027, 2, 3).toordinal()
    whole_days = sum(end - start for day in range(first, last) for start, end in RIYADH.spans(day))
    assert RIYADH.open_micros(first, last) == whole_days
    assert RIYADH.open_micros(last, first) == 0
