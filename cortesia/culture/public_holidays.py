"""Public holidays by country and subdivision, from the ``holidays`` package, cached per year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import holidays

ESTIMATED_MARK = "estimated"


@dataclass(frozen=True)
class PublicHoliday:
    day: date
    name: str
    is_estimated: bool  # lunar holidays whose dates depend on moon sighting


def _check_country(country: str, subdivision: str | None) -> None:
    supported = holidays.list_supported_countries()
    if country not in supported:
        raise ValueError(f"No holiday data for country {country!r}.")
    if subdivision is not None and subdivision not in supported[country]:
        raise ValueError(f"{country} has no subdivision {subdivision!r} in the holiday data.")


@lru_cache(maxsize=4096)
def public_holiday_dates(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    """Return the public holidays of ``country`` (and ``subdivision``) in ``year``.

    Raises ValueError for a country or subdivision the holiday data does not know.
    """
    _check_country(country, subdivision)
    return frozenset(holidays.country_holidays(country, subdiv=subdivision, years=year).keys())


def _holiday_language(country: str, language: str) -> str | None:
    supported = holidays.country_holidays(country).supported_languages
    # The package falls back to English silently for an unknown tag ("it" for IT), so match
    # the exact tag first, then the language part.
    if language in supported:
        return language
    for tag in supported:
        if tag.split("_")[0] == language.split("_")[0]:
            return tag
    return None


def _country_holidays(
    country: str, subdivision: str | None, year: int, language: str | None
) -> holidays.HolidayBase:
    try:
        return holidays.country_holidays(
            country, subdiv=subdivision, years=year, language=language, islamic_show_estimated=True
        )
    except ValueError:  # only countries with Islamic holidays accept the option
        return holidays.country_holidays(country, subdiv=subdivision, years=year, language=language)


@lru_cache(maxsize=1024)
def public_holidays(
    country: str, subdivision: str | None, year: int, language: str = "en"
) -> tuple[PublicHoliday, ...]:
    """Return the holidays of a year with names in ``language`` (English when unavailable)."""
    _check_country(country, subdivision)
    named = _country_holidays(country, subdivision, year, _holiday_language(country, language))
    marks = _country_holidays(country, subdivision, year, "en_US")
    return tuple(
        PublicHoliday(
            day=day,
            name=str(named[day]),
            is_estimated=ESTIMATED_MARK in str(marks.get(day, "")).lower(),
        )
        for day in sorted(named)
    )
