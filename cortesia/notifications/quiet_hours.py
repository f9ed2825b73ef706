"""Quiet hours: a person with shifts gets notification e-mail only while on shift.

Pure functions over the weekly shifts (wall-clock times in the person's zone) and leave
days. Wall-clock boundaries are found in local time and turned back into UTC instants
before any comparison, so a shift that starts at 09:00 starts at 09:00 local time on
both sides of a DST change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# Leave is at most a year long: a search this far ahead finds a shift if there is one.
SEARCH_DAYS = 380


@dataclass(frozen=True)
class WeeklyShift:
    weekday: int  # 0 = Monday
    starts: time
    ends: time


def _start(shift: WeeklyShift) -> time:
    return shift.starts


def _on_leave(day: date, leave: list[tuple[date, date]]) -> bool:
    return any(first <= day <= last for first, last in leave)


def _instant(day: date, moment: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, moment, tzinfo=zone).astimezone(UTC)


def mail_allowed_from(
    now: datetime,
    shifts: list[WeeklyShift],
    zone: ZoneInfo,
    leave: list[tuple[date, date]] | None = None,
) -> datetime | None:
    """Return the first instant at or after ``now`` at which the person is on shift:
    ``now`` itself when on shift (or when the person has no shifts at all: no quiet
    hours), else the start of their next shift in UTC, skipping days of ``leave``. None
    when no shift lies within :data:`SEARCH_DAYS` (every day ahead is leave)."""
    if not shifts:
        return now
    leave = leave or []
    today = now.astimezone(zone).date()
    for offset in range(SEARCH_DAYS):
        day = today + timedelta(days=offset)
        if _on_leave(day, leave):
            continue
        for shift in sorted((s for s in shifts if s.weekday == day.weekday()), key=_start):
            starts, ends = _instant(day, shift.starts, zone), _instant(day, shift.ends, zone)
            if starts <= now < ends:
                return now
            if starts > now:
                return starts
    return None
