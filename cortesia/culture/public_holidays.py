"""Public holidays by country and subdivision, from the ``holidays`` package, cached per year.

Names are in the reader's language where the package has it for that country, else in
English (FALLBACK_LANGUAGE), chosen here: left to itself the package would pick a language
from the server's environment (LANGUAGE, LC_ALL, LANG), so two servers would disagree.
Each holiday says which language its name is in, for the page's ``lang`` attribute.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path


def _load_countries_one_at_a_time() -> None:
    """Let ``holidays`` import only the countries asked for.

    The package's ``holidays.countries`` imports all of its 250 country modules, so the
    first holiday of any one country costs every process about 1 s and 10 MB. Registering
    a bare package under that name first, with the same folder, makes each country module
    load on its own: the package reaches them by module path (its registry), never through
    that package's names. Done before the first import of ``holidays.countries``."""
    if "holidays.countries" in sys.modules:
        return
    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:
        return
    package = types.ModuleType("holidays.countries")
    package.__path__ = [str(Path(spec.origin).parent / "countries")]
    package.__package__ = "holidays.countries"
    sys.modules["holidays.countries"] = package


_load_countries_one_at_a_time()

import holidays  # noqa: E402 - after the registration above
from holidays.registry import EntityLoader  # noqa: E402

ESTIMATED_MARK = "estimated"
FALLBACK_LANGUAGE = "en"


@dataclass(frozen=True)
class PublicHoliday:
    """A public holiday; ``language`` is the base language of ``name`` ("ar", "en" …).

    ``language`` follows from the name, so equality compares day, name and estimation only.
    """

    day: date
    name: str
    is_estimated: bool  # lunar holidays whose dates depend on moon sighting
    language: str = field(default=FALLBACK_LANGUAGE, compare=False)


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    # Read from the package's registry: no country module is imported.
    return frozenset(EntityLoader.get_country_codes(include_aliases=True))


@lru_cache(maxsize=512)
def holiday_subdivisions(country: str) -> tuple[str, ...] | None:
    """The subdivision codes the holiday data has for ``country`` (maybe none), or None when
    it has no data for the country at all. Loads that country's module only (the package's
    own list of supported countries loads every one of them)."""
    if country not in _country_codes():
        return None
    return tuple(holidays.country_holidays(country).subdivisions)


def _check_country(country: str, subdivision: str | None) -> None:
    subdivisions = holiday_subdivisions(country)
    if subdivisions is None:
        raise ValueError(f"No holiday data for country {country!r}.")
    if subdivision is not None and subdivision not in subdivisions:
        raise ValueError(f"{country} has no subdivision {subdivision!r} in the holiday data.")


@lru_cache(maxsize=4096)
def public_holiday_dates(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    """Return the public holidays of ``country`` (and ``subdivision``) in ``year``.

    Raises ValueError for a country or subdivision the holiday data does not know.
    """
    _check_country(country, subdivision)
    return frozenset(holidays.country_holidays(country, subdiv=subdivision, years=year).keys())


def holiday_language(country: str, language: str) -> str:
    """Return the package's tag for holiday names of ``country`` in ``language``.

    The exact tag first, then one of the same language ("it" → "it_IT" for IT), else the
    package's English tag ("en_US"), else the country's own default language. Never None:
    the package would then choose from the server's locale settings.
    """
    country_class = holidays.country_holidays(country)
    supported = country_class.supported_languages
    # The package falls back silently for an unknown tag ("it" for IT), so match the exact
    # tag first, then the language part.
    if language in supported:
        return language
    for tag in supported:
        if tag.split("_")[0] == language.split("_")[0]:
            return tag
    for tag in supported:
        if tag.split("_")[0] == FALLBACK_LANGUAGE:
            return tag
    return str(country_class.default_language or "en_US")


def _country_holidays(
    country: str, subdivision: str | None, year: int, language: str
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
    tag = holiday_language(country, language)
    named = _country_holidays(country, subdivision, year, tag)
    marks = _country_holidays(country, subdivision, year, "en_US")
    return tuple(
        PublicHoliday(
            day=day,
            name=str(named[day]),
            is_estimated=ESTIMATED_MARK in str(marks.get(day, "")).lower(),
            language=tag.split("_")[0],
        )
        for day in sorted(named)
    )
