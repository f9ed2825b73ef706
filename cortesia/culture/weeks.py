"""Weekend days and the first day of the week per country, from CLDR (via Babel).

Weekdays are numbered as Python does: 0 = Monday … 6 = Sunday.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError

_ENGLISH = Locale("en")


@lru_cache(maxsize=512)
def _territory_locale(country: str) -> Locale:
    code = country.upper()
    # CLDR also names regions such as "150" (Europe) and "ZZ" (unknown): accept countries only.
    if len(code) != 2 or not code.isalpha() or code == "ZZ" or code not in _ENGLISH.territories:
        raise ValueError(f"Unknown country code {country!r}.")
    try:
        return Locale.parse(f"und_{code}")
    except (UnknownLocaleError, ValueError):
        # Territories without a locale of their own (Antarctica, Bouvet Island…) use
        # CLDR's world defaults: week from Monday, weekend Saturday–Sunday.
        return Locale("en", "001")


def weekend_days(country: str) -> frozenset[int]:
    """Return the weekend of ``country`` (e.g. SA → {4, 5}: Friday and Saturday)."""
    locale = _territory_locale(country)
    start, end = locale.weekend_start, locale.weekend_end
    length = (end - start) % 7 + 1
    return frozenset((start + offset) % 7 for offset in range(length))


def first_week_day(country: str) -> int:
    """Return the first day of the week in ``country`` (e.g. US → 6, Sunday)."""
    return int(_territory_locale(country).first_week_day)
