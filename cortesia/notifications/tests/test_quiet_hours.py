from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from cortesia.notifications.quiet_hours import WeeklyShift, mail_allowed_from

WEEKDAYS_9_TO_5 = [WeeklyShift(day, time(9), time(17)) for day in range(5)]
ROME, NEW_YORK = ZoneInfo("Europe/Rome"), ZoneInfo("America/New_York")


def utc(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


CASES = [
    ("on shift: now", ROME, utc(2026, 11, 30, 9, 0), [], utc(2026, 11, 30, 9, 0)),
    ("at the start: now", ROME, utc(2026, 11, 30, 8, 0), [], utc(2026, 11, 30, 8, 0)),
    ("before the shift", ROME, utc(2026, 11, 30, 6, 0), [], utc(2026, 11, 30, 8, 0)),
    ("at the end: next day", ROME, utc(2026, 11, 30, 16, 0), [], utc(2026, 12, 1, 8, 0)),
    ("friday evening: monday", ROME, utc(2026, 12, 4, 17, 0), [], utc(2026, 12, 7, 8, 0)),
    ("spring forward weekend", ROME, utc(2027, 3, 26, 17, 0), [], utc(2027, 3, 29, 7, 0)),
    ("fall back weekend", ROME, utc(2026, 10, 23, 16, 0), [], utc(2026, 10, 26, 8, 0)),
    ("west of utc", NEW_YORK, utc(2026, 12, 1, 23, 0), [], utc(2026, 12, 2, 14, 0)),
    (
        "monday on leave: tuesday",
        ROME,
        utc(2026, 12, 4, 17, 0),
        [(date(2026, 12, 7), date(2026, 12, 7))],
        utc(2026, 12, 8, 8, 0),
    ),
    (
        "on leave today: no mail now",
        ROME,
        utc(2026, 11, 30, 9, 0),
        [(date(2026, 11, 30), date(2026, 11, 30))],
        utc(2026, 12, 1, 8, 0),
    ),
]


@pytest.mark.parametrize(
    ("_case", "zone", "now", "leave", "expected"), CASES, ids=[case[0] for case in CASES]
)
def test_mail_waits_for_the_next_shift(
    _case: str,
    zone: ZoneInfo,
    now: datetime,
    leave: list[tuple[date, date]],
    expected: datetime,
) -> None:
    assert mail_allowed_from(now, WEEKDAYS_9_TO_5, zone, leave) == expected


def test_without_shifts_there_are_no_quiet_hours() -> None:
    now = utc(2026, 12, 5, 3, 0)
    assert mail_allowed_from(now, [], ROME) == now


def test_a_year_of_leave_finds_no_shift() -> None:
    leave = [(date(2026, 11, 30), date(2028, 1, 1))]
    assert mail_allowed_from(utc(2026, 11, 30, 9, 0), WEEKDAYS_9_TO_5, ROME, leave) is None
