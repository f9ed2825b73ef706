"""The choices of the calendar pages: time zones, countries with holiday data, weekdays.

Countries are named in the viewer's language by the same function as the templates'
``country_name`` filter and sorted as that language sorts; the codes stay what the services
store.
"""

from __future__ import annotations

import zoneinfo
from functools import lru_cache

from babel.dates import get_day_names
from babel.lists import format_list

import cortesia.culture.public_holidays  # noqa: F401 - registers the package's lazy countries first
from cortesia.culture.business_time import WEEKDAY_KEYS
from cortesia.culture.collation import collation_key
from cortesia.culture.countries import country_codes
from cortesia.culture.local_formats import babel_locale, country_name

Choices = tuple[tuple[str, str], ...]


@lru_cache(maxsize=1)
def time_zone_choices() -> Choices:
    """Every IANA zone of the system's database by its id ("Europe/Helsinki"), sorted."""
    zones = sorted(
        zone
        for zone in zoneinfo.available_timezones()
        if "/" in zone and not zone.startswith(("Etc/", "SystemV/", "posix/", "right/"))
    )
    return (("UTC", "UTC"), *((zone, zone) for zone in zones))


@lru_cache(maxsize=1)
def _holiday_countries() -> tuple[str, ...]:
    # The holiday package's registry (no country module is loaded), ISO codes only.
    from holidays.registry import EntityLoader

    known = set(EntityLoader.get_country_codes(include_aliases=False))
    return tuple(code for code in country_codes() if code in known)


@lru_cache(maxsize=16)
def holiday_country_choices(language: str) -> Choices:
    """(code, name) of every country with public-holiday data, named in ``language``."""
    named = {code: country_name(code, language) for code in _holiday_countries()}
    ordered = sorted(named.items(), key=lambda item: collation_key(item[1], language))
    return (("", "—"), *ordered)


@lru_cache(maxsize=16)
def weekday_choices(language: str) -> Choices:
    """("mon", "Monday") … ("sun", "Sunday") in ``language``, Monday first."""
    names = get_day_names("wide", locale=babel_locale(language))
    return tuple((key, str(names[index])) for index, key in enumerate(WEEKDAY_KEYS))


def weekday_list(days: frozenset[int] | list[int], language: str) -> str:
    """Name the weekdays (0 = Monday) as ``language`` lists them: "Saturday and Sunday"."""
    names = get_day_names("wide", locale=babel_locale(language))
    return format_list([str(names[day]) for day in sorted(days)], locale=babel_locale(language))
