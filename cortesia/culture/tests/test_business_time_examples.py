"""Exact instants per country: DST weeks, weekends, holidays on boundaries, odd offsets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cortesia.culture.business_time import (
    BusinessCalendar,
    OpenInterval,
    add_business_time,
    business_time_between,
    is_open,
    next_open,
    open_intervals,
)
from cortesia.culture.tests.calendars import (
    HELSINKI,
    HELSINKI_ALWAYS,
    KATHMANDU_EVENINGS,
    KOLKATA,
    NEW_YORK_ALWAYS,
    RIYADH,
    ROME_SPLIT_SHIFT,
)


def local(zone: str, year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


ADD_CASES = [
    # Friday 16:00 CET, 2 h left that day; DST starts Sunday 29 March; Monday needs 6 h:
    # 09–13 and 14–16 CEST.
    (
        "it_rome_split_shift_across_spring_dst",
        ROME_SPLIT_SHIFT,
        local("Europe/Rome", 2026, 3, 27, 16, 0),
        timedelta(hours=8),
        utc(2026, 3, 30, 14, 0),
    ),
    # Friday 17:00, 1 h left; Easter Monday 6 April is a holiday; Tuesday 09:00 + 3 h.
    (
        "it_rome_easter_monday_on_boundary",
        ROME_SPLIT_SHIFT,
        local("Europe/Rome", 2026, 4, 3, 17, 0),
        timedelta(hours=4),
        utc(2026, 4, 7, 10, 0),
    ),
    # Exactly a full day ends at the end of the last interval, 18:00 CET.
    (
        "it_rome_full_day_ends_at_closing",
        ROME_SPLIT_SHIFT,
        local("Europe/Rome", 2026, 3, 2, 9, 0),
        timedelta(hours=8),
        utc(2026, 3, 2, 17, 0),
    ),
    # Christmas Eve is a half day (override), 25 and 26 December are holidays.
    (
        "it_rome_christmas_eve_half_day",
        ROME_SPLIT_SHIFT,
        local("Europe/Rome", 2026, 12, 24, 12, 0),
        timedelta(hours=2),
        utc(2026, 12, 28, 9, 0),
    ),
    # Zero duration on a Saturday: the next opening, Monday 09:00 CET.
    (
        "it_rome_zero_duration_is_next_opening",
        ROME_SPLIT_SHIFT,
        local("Europe/Rome", 2026, 3, 7, 10, 0),
        timedelta(0),
        utc(2026, 3, 9, 8, 0),
    ),
    # Thursday 15:00, 1 h left; Midsummer Eve (Fri 19 June) then the weekend.
    (
        "fi_helsinki_midsummer_eve",
        HELSINKI,
        local("Europe/Helsinki", 2026, 6, 18, 15, 0),
        timedelta(hours=2),
        utc(2026, 6, 22, 6, 0),
    ),
    # Wednesday 16:00, 1 h left; Eid al-Fitr 19–22 March plus observed days 23–24 March.
    (
        "sa_riyadh_eid_al_fitr_and_friday_saturday_weekend",
        RIYADH,
        local("Asia/Riyadh", 2026, 3, 18, 16, 0),
        timedelta(hours=2),
        utc(2026, 3, 25, 7, 0),
    ),
    # Saturday is a working day in India; Sunday is not; Monday 26 January is Republic Day.
    (
        "in_kolkata_half_hour_offset_republic_day",
        KOLKATA,
        local("Asia/Kolkata", 2026, 1, 24, 17, 0),
        timedelta(hours=2),
        utc(2026, 1, 27, 5, 0),
    ),
    # Interval ending at 24:00 in a +05:45 zone: 30 min today, 30 min from 18:00 tomorrow.
    (
        "np_kathmandu_quarter_hour_offset_until_midnight",
        KATHMANDU_EVENINGS,
        local("Asia/Kathmandu", 2026, 5, 4, 23, 30),
        timedelta(hours=1),
        utc(2026, 5, 5, 12, 45),
    ),
    # Always open across the fall-back night: business time equals elapsed time.
    (
        "us_new_york_always_open_across_fall_back",
        NEW_YORK_ALWAYS,
        local("America/New_York", 2026, 10, 31, 12, 0),
        timedelta(hours=24),
        utc(2026, 11, 1, 16, 0),
    ),
]


@pytest.mark.parametrize(
    ("_case", "calendar", "start", "duration", "expected"),
    ADD_CASES,
    ids=[case[0] for case in ADD_CASES],
)
def test_add_business_time(
    _case: str,
    calendar: BusinessCalendar,
    start: datetime,
    duration: timedelta,
    expected: datetime,
) -> None:
    result = add_business_time(calendar, start, duration)
    assert result == expected
    assert result.tzinfo is UTC
    assert business_time_between(calendar, start, result) == duration


def test_us_fall_back_day_has_25_hours() -> None:
    saturday = local("America/New_York", 2026, 10, 31, 0, 0)
    monday = local("America/New_York", 2026, 11, 2, 0, 0)
    assert business_time_between(NEW_YORK_ALWAYS, saturday, monday) == timedelta(hours=49)


def test_fi_spring_forward_day_has_23_hours() -> None:
    sunday = local("Europe/Helsinki", 2026, 3, 29, 0, 0)
    monday = local("Europe/Helsinki", 2026, 3, 30, 0, 0)
    assert business_time_between(HELSINKI_ALWAYS, sunday, monday) == timedelta(hours=23)


def test_between_is_negative_when_reversed() -> None:
    a = local("Europe/Rome", 2026, 3, 2, 9, 0)
    b = local("Europe/Rome", 2026, 3, 2, 15, 0)
    assert business_time_between(ROME_SPLIT_SHIFT, a, b) == timedelta(hours=5)
    assert business_time_between(ROME_SPLIT_SHIFT, b, a) == timedelta(hours=-5)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (local("Europe/Rome", 2026, 3, 2, 9, 0), True),  # opening instant is open
        (local("Europe/Rome", 2026, 3, 2, 13, 0), False),  # lunch break starts: closed
        (local("Europe/Rome", 2026, 3, 2, 13, 59), False),
        (local("Europe/Rome", 2026, 3, 2, 14, 0), True),
        (local("Europe/Rome", 2026, 3, 2, 18, 0), False),  # closing instant is closed
        (local("Europe/Rome", 2026, 4, 6, 10, 0), False),  # Easter Monday
    ],
)
def test_it_rome_is_open(moment: datetime, expected: bool) -> None:
    assert is_open(ROME_SPLIT_SHIFT, moment) is expected


def test_np_kathmandu_open_until_midnight() -> None:
    assert is_open(KATHMANDU_EVENINGS, local("Asia/Kathmandu", 2026, 5, 4, 23, 59)) is True
    assert is_open(KATHMANDU_EVENINGS, local("Asia/Kathmandu", 2026, 5, 5, 0, 0)) is False
    assert next_open(KATHMANDU_EVENINGS, local("Asia/Kathmandu", 2026, 5, 5, 0, 0)) == utc(
        2026, 5, 5, 12, 15
    )


def test_next_open_returns_an_open_moment_unchanged() -> None:
    moment = local("Asia/Riyadh", 2026, 3, 1, 10, 0)
    assert next_open(RIYADH, moment) == utc(2026, 3, 1, 7, 0)


def test_open_intervals_are_clipped_utc_spans() -> None:
    spans = open_intervals(
        ROME_SPLIT_SHIFT,
        local("Europe/Rome", 2026, 3, 27, 12, 0),
        local("Europe/Rome", 2026, 3, 30, 10, 0),
    )
    assert spans == [
        (utc(2026, 3, 27, 11, 0), utc(2026, 3, 27, 12, 0)),
        (utc(2026, 3, 27, 13, 0), utc(2026, 3, 27, 17, 0)),
        (utc(2026, 3, 30, 7, 0), utc(2026, 3, 30, 8, 0)),
    ]


def test_naive_datetimes_are_refused_with_a_clear_message() -> None:
    naive = datetime(2026, 3, 2, 9, 0)  # noqa: DTZ001
    with pytest.raises(ValueError, match="start must be an aware datetime"):
        add_business_time(ROME_SPLIT_SHIFT, naive, timedelta(hours=1))
    with pytest.raises(ValueError, match="moment must be an aware datetime"):
        is_open(ROME_SPLIT_SHIFT, naive)
    with pytest.raises(ValueError, match="b must be an aware datetime"):
        business_time_between(ROME_SPLIT_SHIFT, utc(2026, 1, 1), naive)


def test_negative_duration_is_refused() -> None:
    with pytest.raises(ValueError, match="The duration must not be negative."):
        add_business_time(ROME_SPLIT_SHIFT, utc(2026, 1, 5), timedelta(minutes=-1))


def test_a_calendar_that_never_opens_is_an_error() -> None:
    closed = BusinessCalendar(time_zone="UTC", weekly=((),) * 7)
    with pytest.raises(ValueError, match="no open time in the next three years"):
        next_open(closed, utc(2026, 1, 1))


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: OpenInterval.parse("17:00", "09:00"), "must start before it ends"),
        (lambda: OpenInterval.parse("09:00", "25:00"), "'25:00' is not a time of day"),
        (lambda: OpenInterval.parse("9am", "17:00"), "'9am' is not a time of day"),
        (
            lambda: BusinessCalendar.from_mapping(time_zone="Mars/Olympus", weekly={}),
            "'Mars/Olympus' is not an IANA time zone",
        ),
        (
            lambda: BusinessCalendar.from_mapping(
                time_zone="UTC", weekly={"mon": [("09:00", "13:00"), ("12:00", "18:00")]}
            ),
            "Open intervals overlap: 09:00–13:00 and 12:00–18:00",
        ),
        (
            lambda: BusinessCalendar.from_mapping(time_zone="UTC", weekly={"funday": []}),
            "Unknown weekday keys: funday",
        ),
        (
            lambda: BusinessCalendar.from_mapping(time_zone="UTC", weekly={}, holiday_country="XX"),
            "No holiday data for country 'XX'",
        ),
    ],
)
def test_bad_calendars_are_refused(build: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build()  # type: ignore[operator]
