"""The checks a calendar passes before it is stored, each message keyed to what it is about.

The culture engine refuses a bad calendar with one English sentence; people editing a
calendar need to know which row is wrong, in their language. So each part is checked here
with the engine's own parsers (``OpenInterval.parse``, ``day_hours``, the holiday data),
and every problem is keyed to its place:

- ``time_zone``, ``country``, ``subdivision``, ``weekly`` (the week as a whole);
- ``weekly.<day>.<n>``: the n-th interval (from 0) of ``<day>`` ("mon" … "sun");
- ``overrides.<n>``: the n-th override (from 0), its date or its hours.

The engine builds the calendar afterwards all the same (``conversion.build_calendar``), so
what is stored is always what the SLA clocks can read.
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.translation import gettext as _

from cortesia.calendars.conversion import OverridesJson, WeeklyJson
from cortesia.core.errors import FieldErrors
from cortesia.culture.business_time import WEEKDAY_KEYS, OpenInterval
from cortesia.culture.public_holidays import holiday_subdivisions


class CalendarErrors(FieldErrors):
    """A calendar the engine would refuse; ``errors`` maps each place to its message."""

    code = "invalid_calendar"


def _zone_error(time_zone: str) -> str | None:
    try:
        ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return _("%(zone)s is not an IANA time zone name.") % {"zone": time_zone}
    return None


def _holiday_errors(country: str, subdivision: str) -> dict[str, str]:
    if not country:
        if subdivision:
            return {"subdivision": _("Choose the country before its subdivision.")}
        return {}
    subdivisions = holiday_subdivisions(country)
    if subdivisions is None:
        return {"country": _("There is no public-holiday data for %(code)s.") % {"code": country}}
    if subdivision and subdivision not in subdivisions:
        return {
            "subdivision": _("The holiday data has no subdivision %(code)s; it knows: %(codes)s.")
            % {"code": subdivision, "codes": ", ".join(subdivisions) or "—"}
        }
    return {}


def _intervals(pairs: object) -> tuple[list[OpenInterval | None], list[str | None]]:
    """Parse a day's pairs; return the intervals (None where unreadable) and the message of
    each pair (None where it is fine)."""
    parsed: list[OpenInterval | None] = []
    messages: list[str | None] = []
    for pair in pairs if isinstance(pairs, list | tuple) else [None]:
        try:
            start, end = pair
            parsed.append(OpenInterval.parse(str(start), str(end)))
            messages.append(None)
        except (TypeError, ValueError):
            parsed.append(None)
            messages.append(
                _("Give a start and an end as HH:MM, the start before the end (24:00 ends a day).")
            )
    readable = [interval for interval in parsed if interval is not None]
    for index, interval in enumerate(parsed):
        if interval is not None and any(
            other is not interval and other.start < interval.end and interval.start < other.end
            for other in readable
        ):
            messages[index] = _("These hours overlap other hours of the same day.")
    return parsed, messages


def _weekly_errors(weekly: WeeklyJson) -> dict[str, str]:
    errors: dict[str, str] = {}
    unknown = sorted(set(weekly) - set(WEEKDAY_KEYS))
    if unknown:
        errors["weekly"] = _("Unknown weekdays: %(days)s.") % {"days": ", ".join(unknown)}
    for day in WEEKDAY_KEYS:
        _parsed, messages = _intervals(weekly.get(day, []))
        for index, message in enumerate(messages):
            if message is not None:
                errors[f"weekly.{day}.{index}"] = message
    if not any(weekly.get(day) for day in WEEKDAY_KEYS) and "weekly" not in errors:
        errors["weekly"] = _("Open the calendar on at least one weekday.")
    return errors


def _override_errors(overrides: OverridesJson) -> dict[str, str]:
    errors: dict[str, str] = {}
    seen: set[date] = set()
    for index, entry in enumerate(overrides):
        key = f"overrides.{index}"
        try:
            day = date.fromisoformat(str(entry.get("date")))
        except ValueError:
            errors[key] = _("Give the date as YYYY-MM-DD.")
            continue
        if day in seen:
            errors[key] = _("This date already has an override.")
            continue
        seen.add(day)
        _parsed, messages = _intervals(entry.get("intervals", []))
        message = next((text for text in messages if text is not None), None)
        if message is not None:
            errors[key] = message
    return errors


def calendar_check(
    *, time_zone: str, country: str, subdivision: str, weekly: WeeklyJson, overrides: OverridesJson
) -> None:
    """Raise CalendarErrors naming every place the calendar is wrong; return when it is fine."""
    errors: dict[str, str] = {}
    zone_error = _zone_error(time_zone)
    if zone_error is not None:
        errors["time_zone"] = zone_error
    errors.update(_holiday_errors(country, subdivision))
    errors.update(_weekly_errors(weekly))
    errors.update(_override_errors(overrides))
    if errors:
        raise CalendarErrors(errors)
