"""Country profiles: languages, currency, week, time zones, default hours, holiday data.

Built from CLDR (Babel) and the ``holidays`` package, with the override table in
``local_formats`` for facts newer than the libraries (Bulgaria's euro since 2026-01-01).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.languages import get_official_languages

from cortesia.culture.business_time import WEEKDAY_KEYS
from cortesia.culture.local_formats import country_currency
from cortesia.culture.public_holidays import holiday_subdivisions
from cortesia.culture.weeks import first_week_day, weekend_days

# CLDR region codes that are not ISO 3166-1 countries.
_NOT_ISO_3166 = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}
)
DEFAULT_HOURS = (("09:00", "17:00"),)
WORLD_WEEKEND = frozenset({5, 6})


@dataclass(frozen=True)
class CountryProfile:
    code: str
    name: str  # in the language asked for
    languages: tuple[str, ...]  # official (de facto) languages, most spoken first
    currency: str | None  # None: no currency of its own (Antarctica)
    weekend: frozenset[int]  # 0 = Monday
    first_week_day: int
    time_zones: tuple[str, ...]
    default_weekly: dict[str, list[list[str]]]
    has_holidays: bool
    holiday_subdivisions: tuple[str, ...]
    text_direction: str  # of the main language: "ltr" or "rtl"


@lru_cache(maxsize=1)
def country_codes() -> tuple[str, ...]:
    """Return every ISO 3166-1 alpha-2 code (249), sorted."""
    codes = (str(code) for code in Locale("en").territories)
    return tuple(
        sorted(
            code
            for code in codes
            if len(code) == 2 and code.isalpha() and code not in _NOT_ISO_3166
        )
    )


def default_weekly(country: str | None) -> dict[str, list[list[str]]]:
    """Return 09:00–17:00 on the country's working days (its CLDR weekend stays closed).

    Without a country, Monday to Friday.
    """
    weekend = weekend_days(country) if country else WORLD_WEEKEND
    return {
        key: [list(pair) for pair in DEFAULT_HOURS]
        for index, key in enumerate(WEEKDAY_KEYS)
        if index not in weekend
    }


def _display_locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return Locale("en")


def language_name(code: str, language: str = "en") -> str:
    """Return the name of the language ``code`` in ``language`` ("italiano" for it in it);
    the code itself when Babel does not know it."""
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(_display_locale(language))
    except (ValueError, TypeError, UnknownLocaleError):
        return code
    return name or code


def _currency(code: str, on: date) -> str | None:
    try:
        return country_currency(code, on)
    except ValueError:
        return None


def country_profile(code: str, language: str = "en", on: date | None = None) -> CountryProfile:
    """Return the profile of ``code``; names in ``language``; currency as of ``on``.

    Raises ValueError for a code that is not an ISO 3166-1 country.
    """
    code = code.upper()
    if code not in country_codes():
        raise ValueError(f"Unknown country code {code!r}.")
    languages = tuple(get_official_languages(code, de_facto=True))
    main_language = languages[0] if languages else "en"
    subdivisions = holiday_subdivisions(code)
    return CountryProfile(
        code=code,
        name=_display_locale(language).territories.get(code, code),
        languages=languages,
        currency=_currency(code, on or datetime.now(UTC).date()),
        weekend=weekend_days(code),
        first_week_day=first_week_day(code),
        time_zones=tuple(get_global("territory_zones").get(code, ())),
        default_weekly=default_weekly(code),
        has_holidays=subdivisions is not None,
        holiday_subdivisions=subdivisions or (),
        text_direction="rtl"
        if _display_locale(main_language).character_order == "right-to-left"
        else "ltr",
    )
