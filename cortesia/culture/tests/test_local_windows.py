from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from cortesia.culture.local_windows import next_local_window


def test_us_new_york_skips_observed_independence_day_and_weekend() -> None:
    # Thursday 2 July 2026, 18:00 EDT: after hours; Friday 3 July is the observed holiday.
    moment = datetime(2026, 7, 2, 18, 0, tzinfo=ZoneInfo("America/New_York"))
    assert next_local_window("America/New_York", "US", moment) == datetime(
        2026, 7, 6, 13, 0, tzinfo=UTC
    )


def test_sa_riyadh_skips_friday_and_saturday() -> None:
    moment = datetime(2026, 3, 5, 15, 0, tzinfo=UTC)  # Thursday 18:00 in Riyadh
    assert next_local_window("Asia/Riyadh", "SA", moment) == datetime(2026, 3, 8, 6, 0, tzinfo=UTC)


def test_inside_the_window_the_moment_is_kept() -> None:
    moment = datetime(2026, 2, 7, 12, 0, tzinfo=ZoneInfo("Asia/Kolkata"))  # a Saturday
    assert next_local_window("Asia/Kolkata", "IN", moment) == moment


def test_custom_window_in_a_quarter_hour_zone() -> None:
    moment = datetime(2026, 5, 4, 6, 0, tzinfo=UTC)  # 11:45 in Kathmandu, a Monday
    assert next_local_window(
        "Asia/Kathmandu", "NP", moment, window=(time(14, 0), time(0, 0))
    ) == datetime(2026, 5, 4, 8, 15, tzinfo=UTC)
