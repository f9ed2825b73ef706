"""Report periods: local days in a time zone, grouped into intervals.

A report covers whole local days ``first``–``last`` (both included) in its time zone; the
instants it reads run from the start of ``first`` to the start of the day after ``last``
in that zone, so a day of a DST change is 23 or 25 hours long. Intervals group those days:
by day, by week (ISO weeks start on Monday; a locale's week may start on Sunday or
Saturday), by month or by quarter. The previous period is the same number of days just
before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.core import get_global


class Interval(StrEnum):
    NONE = ""
    DAY = "day"
    WEEK = "week"  # ISO: weeks start on Monday
    LOCALE_WEEK = "locale_week"  # weeks start on the viewer's locale's first weekday
    MONTH = "month"
    QUARTER = "quarter"


def first_weekday(language: str) -> int:
    """Return the first day of the week (0 = Monday … 6 = Sunday) of ``language``'s locale
    (CLDR): "en" (United States) → 6, "it" → 0, "ar" (Egypt) → 5.

    The week belongs to a territory, so a language without one takes its likely territory
    (CLDR's likely subtags): Babel alone would answer the world's Monday for "en"."""
    try:
        locale = Locale.parse(language.replace("-", "_"))
        if locale.territory is None:
            likely = get_global("likely_subtags")
            found = likely.get(str(locale)) or likely.get(locale.language)
            locale = Locale.parse(found) if found else locale
        return int(locale.first_week_day)
    except (UnknownLocaleError, ValueError):
        return 0


@dataclass(frozen=True)
class ReportPeriod:
    first: date
    last: date
    zone: ZoneInfo
    interval: Interval = Interval.NONE
    week_start: int = 0  # 0 = Monday; used by LOCALE_WEEK

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError("The period ends before it starts.")

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def start(self) -> datetime:
        """The first instant (UTC) of the period."""
        return local_midnight(self.first, self.zone)

    @property
    def end(self) -> datetime:
        """The first instant (UTC) after the period."""
        return local_midnight(self.last + timedelta(days=1), self.zone)

    def previous(self) -> ReportPeriod:
        """The period of as many days just before this one."""
        length = timedelta(days=self.days)
        return ReportPeriod(
            self.first - length, self.last - length, self.zone, self.interval, self.week_start
        )

    def bucket(self, day: date) -> date | None:
        """The first day of the interval ``day`` falls in (clipped to the period's first
        day), or None when the report has no interval."""
        if self.interval == Interval.NONE:
            return None
        if self.interval == Interval.DAY:
            start = day
        elif self.interval in (Interval.WEEK, Interval.LOCALE_WEEK):
            weekday = 0 if self.interval == Interval.WEEK else self.week_start
            start = day - timedelta(days=(day.weekday() - weekday) % 7)
        elif self.interval == Interval.MONTH:
            start = day.replace(day=1)
        else:
            start = day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
        return max(start, self.first)

    def buckets(self) -> list[date | None]:
        """Every interval of the period in order (one None without an interval)."""
        if self.interval == Interval.NONE:
            return [None]
        seen: list[date | None] = []
        day = self.first
        while day <= self.last:
            start = self.bucket(day)
            if not seen or seen[-1] != start:
                seen.append(start)
            day += timedelta(days=1)
        return seen


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    """The UTC instant local ``day`` starts in ``zone`` (the first existing instant when
    midnight itself is skipped by a DST change)."""
    local = datetime.combine(day, time(0), tzinfo=zone)
    instant = local.astimezone(UTC)
    # A skipped midnight (e.g. a zone that springs forward at 00:00) folds forward.
    if instant.astimezone(zone).date() != day:
        instant = datetime.combine(day, time(1), tzinfo=zone).astimezone(UTC)
    return instant


def local_date(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()
