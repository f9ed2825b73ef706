"""A person's local daytime: the next instant that is not their night, weekend or holiday.

Used to time surveys, campaigns and proactive messages so they arrive in each recipient's
daytime on a working day of their country.
"""

from __future__ import annotations

from datetime import datetime, time
from functools import lru_cache

from cortesia.culture.business_time import BusinessCalendar, OpenInterval, next_open
from cortesia.culture.weeks import weekend_days

DEFAULT_WINDOW = (time(9, 0), time(17, 0))
WORLD_WEEKEND = frozenset({5, 6})


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


@lru_cache(maxsize=2048)
def country_calendar(
    time_zone: str,
    country: str,
    subdivision: str | None = None,
    window: tuple[time, time] = DEFAULT_WINDOW,
) -> BusinessCalendar:
    """Return a calendar open ``window`` on the country's working days, closed on holidays.

    An end of ``time(0, 0)`` means midnight at the end of the day (24:00).
    """
    end = _minutes(window[1]) or 24 * 60
    interval = OpenInterval(_minutes(window[0]), end)
    # Without a country: CLDR's world default weekend (Saturday, Sunday), no holidays.
    weekend = weekend_days(country) if country else WORLD_WEEKEND
    weekly = tuple(() if weekday in weekend else (interval,) for weekday in range(7))
    return BusinessCalendar(
        time_zone=time_zone,
        weekly=weekly,
        holiday_country=country.upper() or None,
        holiday_subdivision=subdivision if country else None,
    )


def next_local_window(
    zone: str,
    country: str,
    moment: datetime,
    window: tuple[time, time] = DEFAULT_WINDOW,
    subdivision: str | None = None,
) -> datetime:
    """Return ``moment`` if it falls in the person's local window, else the next such instant.

    The window is local wall time in ``zone``; weekends follow ``country`` (CLDR) and its
    public holidays (and ``subdivision``'s) are skipped; an empty ``country`` means a
    Saturday–Sunday weekend and no holidays. The result is in UTC.
    """
    return next_open(country_calendar(zone, country.upper(), subdivision, window), moment)
