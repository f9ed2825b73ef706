"""Report periods: local days in a zone, their UTC bounds across DST, and intervals."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from cortesia.reports.periods import Interval, ReportPeriod, local_midnight

ROME = ZoneInfo("Europe/Rome")


def utc(year: int, month: int, day: int, hour: int = 0) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


@pytest.mark.parametrize(
    ("_case", "zone", "first", "last", "start", "end"),
    [
        # Rome springs forward on Sun 29 March 2026: the day has 23 hours.
        ("spring-forward day", "Europe/Rome", date(2026, 3, 29), date(2026, 3, 29),
         utc(2026, 3, 28, 23), utc(2026, 3, 29, 22)),
        # ...and falls back on Sun 25 October: 25 hours.
        ("fall-back day", "Europe/Rome", date(2026, 10, 25), date(2026, 10, 25),
         utc(2026, 10, 24, 22), utc(2026, 10, 25, 23)),
        ("west of UTC", "America/Los_Angeles", date(2026, 3, 8), date(2026, 3, 9),
         utc(2026, 3, 8, 8), utc(2026, 3, 10, 7)),
        ("east, no DST", "Asia/Kolkata", date(2026, 1, 1), date(2026, 1, 1),
         datetime(2025, 12, 31, 18, 30, tzinfo=UTC), datetime(2026, 1, 1, 18, 30, tzinfo=UTC)),
        # Santiago springs forward at midnight on Sun 6 September: the day starts at 01:00.
        ("skipped midnight", "America/Santiago", date(2026, 9, 6), date(2026, 9, 6),
         utc(2026, 9, 6, 4), utc(2026, 9, 7, 3)),
    ],
)  # fmt: skip
def test_a_period_runs_from_local_midnight_to_local_midnight(
    _case: str, zone: str, first: date, last: date, start: datetime, end: datetime
) -> None:
    period = ReportPeriod(first, last, ZoneInfo(zone))
    assert (period.start, period.end) == (start, end)


def test_local_midnight_of_a_skipped_midnight_is_the_first_instant_of_the_day() -> None:
    santiago = ZoneInfo("America/Santiago")
    instant = local_midnight(date(2026, 9, 6), santiago)
    assert instant.astimezone(santiago).date() == date(2026, 9, 6)


@pytest.mark.parametrize(
    ("_case", "interval", "week_start", "buckets"),
    [
        ("none", Interval.NONE, 0, [None]),
        ("ISO weeks, the first clipped", Interval.WEEK, 0,
         [date(2026, 3, 27), date(2026, 3, 30), date(2026, 4, 6)]),
        ("Sunday weeks", Interval.LOCALE_WEEK, 6,
         [date(2026, 3, 27), date(2026, 3, 29), date(2026, 4, 5), date(2026, 4, 12)]),
        ("Saturday weeks", Interval.LOCALE_WEEK, 5,
         [date(2026, 3, 27), date(2026, 3, 28), date(2026, 4, 4), date(2026, 4, 11)]),
        ("months", Interval.MONTH, 0, [date(2026, 3, 27), date(2026, 4, 1)]),
        ("quarters", Interval.QUARTER, 0, [date(2026, 3, 27), date(2026, 4, 1)]),
    ],
)  # fmt: skip
def test_intervals_start_on_their_first_day(
    _case: str, interval: Interval, week_start: int, buckets: list[date | None]
) -> None:
    period = ReportPeriod(date(2026, 3, 27), date(2026, 4, 12), ROME, interval, week_start)
    assert period.buckets() == buckets
    assert period.bucket(date(2026, 4, 12)) == buckets[-1]


def test_the_previous_period_has_as_many_days_just_before() -> None:
    period = ReportPeriod(date(2026, 3, 1), date(2026, 3, 31), ROME, Interval.WEEK)
    previous = period.previous()
    assert (previous.first, previous.last, previous.interval) == (
        date(2026, 1, 29),
        date(2026, 2, 28),
        Interval.WEEK,
    )
    assert previous.days == period.days == 31


def test_a_period_may_not_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="ends before it starts"):
        ReportPeriod(date(2026, 3, 2), date(2026, 3, 1), ROME)
