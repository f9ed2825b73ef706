"""The choices of a customer's country, language, time zone and currency, named in the
viewer's language and sorted as the viewer's language sorts (so a select's type-ahead finds
"Germania" under G for an Italian reader). The codes stay what the services store."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from functools import lru_cache

from babel import Locale
from babel.core import get_global
from babel.localedata import locale_identifiers
from babel.numbers import get_currency_name, get_territory_currencies
from django.utils import translation
from django.utils.translation import gettext as _

from cortesia.culture.collation import collation_key
from cortesia.culture.countries import country_codes
from cortesia.culture.local_formats import country_name, language_name
from cortesia.customers.models import Customer

Choices = tuple[tuple[str, str], ...]


def _sorted(labelled: dict[str, str], language: str) -> Choices:
    return tuple(sorted(labelled.items(), key=lambda item: collation_key(item[1], language)))


def _locale(language: str) -> Locale:
    return Locale.parse(language.replace("-", "_"))


@lru_cache(maxsize=16)
def country_choices(language: str) -> Choices:
    """Return (ISO 3166 code, name) for every country, "DE" → "Germany" in en."""
    return _sorted({code: country_name(code, language) for code in country_codes()}, language)


@lru_cache(maxsize=1)
def _language_codes() -> tuple[str, ...]:
    """Base languages CLDR has data for (about 300): what customers' languages can be."""
    return tuple(sorted(code for code in locale_identifiers() if "_" not in code))


@lru_cache(maxsize=16)
def language_choices(language: str) -> Choices:
    """Return (code, name) for every language with CLDR data, "de" → "German" in en."""
    return _sorted({code: language_name(code, language) for code in _language_codes()}, language)


@lru_cache(maxsize=1)
def _zone_countries() -> dict[str, str]:
    """Map each country's time zones to the country (CLDR territory zones, one each)."""
    zones = get_global("territory_zones")
    return {zone: code for code in country_codes() for zone in zones.get(code, ())}


@lru_cache(maxsize=16)
def time_zone_choices(language: str) -> Choices:
    """Return (IANA zone, "Country — City") for every zone of a country, plus UTC."""
    locale = _locale(language)
    with translation.override(language):
        zones = _zone_labels(locale, language)
    return (("UTC", "UTC"), *_sorted(zones, language))


def _city(zone: str, locale: Locale) -> str:
    """Return the zone's exemplar city in ``locale`` ("Roma" in it), else from its id."""
    names = locale.time_zones.get(zone)
    city = names.get("city") if names else None
    return str(city) if city else zone.rsplit("/", 1)[-1].replace("_", " ")


def _zone_labels(locale: Locale, language: str) -> dict[str, str]:
    return {
        zone: _("%(country)s — %(city)s")
        % {"country": country_name(country, language), "city": _city(zone, locale)}
        for zone, country in _zone_countries().items()
    }


@lru_cache(maxsize=1)
def _currencies_in_use() -> tuple[str, ...]:
    today = datetime.now(UTC).date()
    codes = {
        currency
        for country in country_codes()
        for currency in get_territory_currencies(country, today, tender=True)
    }
    return tuple(sorted(codes))


@lru_cache(maxsize=16)
def currency_choices(language: str) -> Choices:
    """Return (ISO 4217 code, "Name (CODE)") for currencies legal tender somewhere today."""
    locale = _locale(language)
    with translation.override(language):
        names = {
            code: _("%(name)s (%(code)s)")
            % {"name": get_currency_name(code, locale=locale), "code": code}
            for code in _currencies_in_use()
        }
    return _sorted(names, language)


@lru_cache(maxsize=16)
def title_choices(language: str) -> Choices:
    """Return (value, label) for every title, each label told apart from the others.

    Where two titles share a word in ``language`` (Ms and Mrs are both "Sig.ra" in it),
    each of them is followed by its English abbreviation: "Sig.ra (Ms)", "Sig.ra (Mrs)".
    """
    with translation.override(language):
        words = {value: str(label) for value, label in Customer.Title.choices}
        counts = Counter(words.values())
        with translation.override("en"):
            english = {value: str(label) for value, label in Customer.Title.choices}
        return tuple(
            (
                value,
                _("%(name)s (%(code)s)") % {"name": word, "code": english[value]}
                if counts[word] > 1
                else word,
            )
            for value, word in words.items()
        )


def with_current(choices: Choices, current: str, label: str) -> Choices:
    """Return ``choices`` led by an empty choice, keeping a stored value the list lacks
    (an old time zone name, a regional language) so that saving never changes it."""
    known = {code for code, _label in choices}
    kept = ((current, label),) if current and current not in known else ()
    return (("", "—"), *kept, *choices)
