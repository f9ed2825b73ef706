"""What a calendar does over the next twelve months, read from the engine the clocks use.

Every day is asked of ``BusinessCalendar.hours_on`` (holidays, overrides and weekly hours,
exactly as the SLA clocks count them); a day is shown when it differs from its weekday's
regular hours: closed (a public holiday or an override), shorter (a half day) or open on a
day that is usually closed. Regular weekends are not listed one by one: the preview says
once which weekdays are closed every week.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from cortesia.calendars.conversion import business_calendar
from cortesia.calendars.models import Calendar
from cortesia.culture.business_time import BusinessCalendar, DayHours
from cortesia.culture.public_holidays import PublicHoliday, public_holidays


class DayKind(StrEnum):
    HOLIDAY = "holiday"  # closed for a public holiday
    CLOSED = "closed"  # closed by an override
    HALF_DAY = "half_day"  # open, but shorter than the weekday's regular hours
    CHANGED = "changed"  # other hours than usual (longer, or open on a closed weekday)


@dataclass(frozen=True)
class PreviewDay:
    day: date
    kind: DayKind
    hours: DayHours  # what the clocks count that day
    holiday: PublicHoliday | None  # the public holiday of the day, if any


@dataclass(frozen=True)
class PreviewMonth:
    first: date  # the first of the month
    days: tuple[PreviewDay, ...]


@dataclass(frozen=True)
class Preview:
    start: date  # today in the calendar's zone
    end: date  # the same date a year later (not included)

    @property
    def last(self) -> date:
        """The last day shown."""
        return self.end - timedelta(days=1)

    closed_weekdays: frozenset[int]  # 0 = Monday
    months: tuple[PreviewMonth, ...]


def _minutes(hours: DayHours) -> int:
    return sum(interval.end - interval.start for interval in hours)


def _kind(engine: BusinessCalendar, day: date, holiday: PublicHoliday | None) -> DayKind | None:
    hours, regular = engine.hours_on(day), engine.weekly[day.weekday()]
    if hours == regular:
        return None
    if not hours:
        return (
            DayKind.HOLIDAY
            if holiday is not None and not _overridden(engine, day)
            else DayKind.CLOSED
        )
    return DayKind.HALF_DAY if _minutes(hours) < _minutes(regular) else DayKind.CHANGED


def _overridden(engine: BusinessCalendar, day: date) -> bool:
    return any(entry == day for entry, _hours in engine.overrides)


def _holidays(engine: BusinessCalendar, years: range, language: str) -> dict[date, PublicHoliday]:
    if engine.holiday_country is None:
        return {}
    return {
        holiday.day: holiday
        for year in years
        for holiday in public_holidays(
            engine.holiday_country, engine.holiday_subdivision, year, language
        )
    }


def calendar_preview(calendar: Calendar, *, language: str, now: datetime | None = None) -> Preview:
    """Return the days of the next twelve months (from today in the calendar's zone) whose
    hours differ from their weekday's, grouped by month, holiday names in ``language``."""
    engine = business_calendar(calendar)
    start = (now or datetime.now(UTC)).astimezone(engine.zone).date()
    end = (
        start.replace(year=start.year + 1)
        if (start.month, start.day) != (2, 29)
        else (date(start.year + 1, 3, 1))
    )
    holidays = _holidays(engine, range(start.year, end.year + 1), language)
    months: dict[date, list[PreviewDay]] = {}
    day = start
    while day < end:
        month = months.setdefault(day.replace(day=1), [])
        kind = _kind(engine, day, holidays.get(day))
        if kind is not None:
            month.append(PreviewDay(day, kind, engine.hours_on(day), holidays.get(day)))
        day += timedelta(days=1)
    return Preview(
        start=start,
        end=end,
        closed_weekdays=engine.weekend,
        months=tuple(PreviewMonth(first, tuple(days)) for first, days in months.items()),
    )
