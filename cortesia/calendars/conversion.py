"""Turn stored calendar rows into the culture engine's pure BusinessCalendar."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from cortesia.calendars.models import Calendar
from cortesia.culture.business_time import BusinessCalendar

WeeklyJson = dict[str, list[list[str]]]
OverridesJson = list[dict[str, object]]


def build_calendar(
    *,
    time_zone: str,
    country: str,
    subdivision: str,
    weekly: WeeklyJson,
    overrides: OverridesJson,
) -> BusinessCalendar:
    """Validate and build; raises ValueError with a message fit for the user."""
    parsed_overrides: dict[date, list[tuple[str, str]]] = {}
    for entry in overrides:
        raw = entry.get("intervals", [])
        try:
            day = date.fromisoformat(str(entry["date"]))
            if not isinstance(raw, list):
                raise TypeError
            intervals = [(str(a), str(b)) for a, b in raw]
        except (KeyError, TypeError, ValueError):
            raise ValueError(
                'Each override needs a "date" (YYYY-MM-DD) and "intervals" [["HH:MM", "HH:MM"]].'
            ) from None
        parsed_overrides[day] = intervals
    if len(parsed_overrides) != len(overrides):
        raise ValueError("A date appears twice in the overrides.")
    return BusinessCalendar.from_mapping(
        time_zone=time_zone,
        weekly={key: [(str(a), str(b)) for a, b in pairs] for key, pairs in weekly.items()},
        holiday_country=country.upper() or None,
        holiday_subdivision=subdivision or None,
        overrides=parsed_overrides,
    )


@lru_cache(maxsize=256)
def _cached(pk: int, version: str, row: Calendar) -> BusinessCalendar:
    return build_calendar(
        time_zone=row.time_zone,
        country=row.country,
        subdivision=row.subdivision,
        weekly=row.weekly,
        overrides=row.overrides,
    )


def business_calendar(row: Calendar) -> BusinessCalendar:
    """Return the BusinessCalendar of a stored row, cached until the row changes."""
    return _cached(row.pk, row.updated_at.isoformat(), row)
