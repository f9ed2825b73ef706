"""Money, dates, times and zone names as a customer's locale writes them (CLDR, via Babel).

Every function takes a locale tag ("it", "it_IT", "pt-BR", "ar_SA" …) and aware datetimes;
a naive datetime raises ValueError, because it names no instant. Times are shown in the
IANA zone passed in, never in the server's zone.

``format_moment``, ``format_day``, ``format_clock``, ``format_number``, ``language_name`` and
``country_name`` are the product's display styles: every page shows a date-time, a date, a
time, a number or a language the one way these functions write it, in the viewer's
language. Dates and times use Latin digits in every locale (Babel's dates always do, and
numbers follow them so a page never mixes two digit systems).

Babel 2.17 is pinned: 2.18.0 names Asia/Kolkata "GMT+05:30" instead of "India Standard
Time". Babel 2.17 has no CLDR "today"/"tomorrow" fields, so ``format_relative_day`` carries
those two words for the supported languages in a small table copied from CLDR.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import (
    format_date,
    format_datetime,
    format_skeleton,
    format_time,
    get_datetime_format,
    get_day_names,
    get_timezone_gmt,
    get_timezone_location,
)
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal, get_territory_currencies, is_currency

Width = Literal["short", "medium", "long", "full"]

# Currency changes that the pinned Babel (CLDR 46) does not know yet: country → (first day,
# currency), oldest first. Bulgaria adopted the euro on 1 January 2026.
CURRENCY_CHANGES: dict[str, tuple[tuple[date, str], ...]] = {
    "BG": ((date(2026, 1, 1), "EUR"),),
}

# CLDR's relative day fields ("relative-type-0" and "relative-type-1" of the "day" field),
# which Babel 2.17 does not ship. Lower case, for use inside a sentence.
RELATIVE_DAYS: dict[str, tuple[str, str]] = {
    "en": ("today", "tomorrow"),
    "it": ("oggi", "domani"),
    "fi": ("tänään", "huomenna"),
    "bg": ("днес", "утре"),
    "ro": ("azi", "mâine"),
    "ar": ("اليوم", "غدًا"),
    "de": ("heute", "morgen"),
    "fr": ("aujourd’hui", "demain"),
    "es": ("hoy", "mañana"),
    "pt": ("hoje", "amanhã"),
    "ja": ("今日", "明日"),
    "zh": ("今天", "明天"),
}


@lru_cache(maxsize=256)
def babel_locale(locale: str) -> Locale:
    """Return the Babel locale for a tag such as "pt_BR" or "pt-BR".

    Raises ValueError for a tag CLDR does not know.
    """
    try:
        return Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise ValueError(f"{locale!r} is not a locale CLDR knows.") from None


def writing_direction(locale: str) -> Literal["ltr", "rtl"]:
    """Return "rtl" for a language written right to left (ar, he, fa, ur …), else "ltr".

    An unknown tag is "ltr": direction only decides layout, never content.
    """
    try:
        order = babel_locale(locale).character_order
    except ValueError:
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


def language_of(locale: str) -> str:
    """Return the language part of a locale tag, lower case ("pt-BR" → "pt")."""
    return locale.replace("-", "_").split("_")[0].lower()


@lru_cache(maxsize=1024)
def zone_info(zone: str) -> ZoneInfo:
    """Return the ZoneInfo for an IANA zone name; raise ValueError for an unknown one."""
    try:
        return ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{zone!r} is not an IANA time zone.") from None


def require_aware(moment: datetime, name: str) -> datetime:
    """Return ``moment`` if it is aware; raise ValueError naming the argument otherwise."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime (with a time zone); got {moment!r}.")
    return moment


def local_moment(moment: datetime, zone: str, name: str = "moment") -> datetime:
    """Return ``moment`` converted to ``zone``; raise ValueError if naive or zone unknown."""
    return require_aware(moment, name).astimezone(zone_info(zone))


def uses_12_hour_clock(locale: str) -> bool:
    """Return True if the locale's default short time has a 12-hour clock (en, ar …)."""
    pattern = babel_locale(locale).time_formats["short"].pattern
    return "h" in pattern or "K" in pattern


def format_money(amount: Decimal, currency: str, locale: str) -> str:
    """Return ``amount`` of ``currency`` as ``locale`` writes it, e.g. "1.234,50 €" in it.

    The amount is rounded to the currency's usual digits (JPY none, EUR two) half to even,
    as Babel does. Raises TypeError for a non-Decimal amount (a float is not money) and
    ValueError for a currency code ISO 4217 does not list or an unknown locale.
    """
    if not isinstance(amount, Decimal):
        raise TypeError(f"amount must be a Decimal; got {type(amount).__name__}.")
    if not is_currency(currency):
        raise ValueError(f"{currency!r} is not an ISO 4217 currency code.")
    return format_currency(amount, currency, locale=babel_locale(locale))


def format_local_datetime(moment: datetime, zone: str, locale: str, width: Width = "medium") -> str:
    """Return the date and time of ``moment`` in ``zone``, in ``locale``'s ``width`` format.

    "long" and "full" include the zone's name in the locale (e.g. "India Standard Time").
    """
    local = local_moment(moment, zone)
    return format_datetime(local, width, tzinfo=local.tzinfo, locale=babel_locale(locale))


def format_local_date(moment: datetime, zone: str, locale: str, width: Width = "medium") -> str:
    """Return the local date of ``moment`` in ``zone``, in ``locale``'s ``width`` format."""
    local = local_moment(moment, zone)
    return format_date(local.date(), width, locale=babel_locale(locale))


def format_local_time(moment: datetime, zone: str, locale: str, width: Width = "medium") -> str:
    """Return the local time of ``moment`` in ``zone``, in ``locale``'s ``width`` format."""
    local = local_moment(moment, zone)
    return format_time(local, width, tzinfo=local.tzinfo, locale=babel_locale(locale))


def format_relative_day(moment: datetime, zone: str, locale: str, now: datetime) -> str:
    """Return the local day of ``moment`` as seen from ``now``, both read in ``zone``.

    The same local date gives "today", the next one "tomorrow" (CLDR words, lower case),
    the five after that the weekday's name (CLDR stand-alone form), and any other date,
    past ones included, the locale's abbreviated date, with the year only when it differs
    from the year of ``now``. Raises ValueError for a naive datetime, an unknown zone or
    locale, or a language outside RELATIVE_DAYS.
    """
    day = local_moment(moment, zone).date()
    today = local_moment(now, zone, "now").date()
    words = RELATIVE_DAYS.get(language_of(locale))
    if words is None:
        raise ValueError(
            f"No relative day words for {locale!r}; supported: {', '.join(sorted(RELATIVE_DAYS))}."
        )
    cldr = babel_locale(locale)
    distance = (day - today).days
    if distance in (0, 1):
        return words[distance]
    if 2 <= distance <= 6:
        return str(get_day_names("wide", context="stand-alone", locale=cldr)[day.weekday()])
    skeleton = "MMMd" if day.year == today.year else "yMMMd"
    return format_skeleton(skeleton, day, locale=cldr)


def zone_display_name(zone: str, locale: str, moment: datetime) -> str:
    """Return the city that names ``zone`` in ``locale`` ("Roma" in it, "Rome" in en).

    Zones with no city (Etc/GMT-3 and the like) get the locale's GMT offset at ``moment``
    ("GMT+03:00"), because Babel would show the zone's last segment, whose sign is the
    reverse of the offset; Etc/UTC is "UTC". Raises ValueError for a naive ``moment`` or
    an unknown zone or locale.
    """
    local = local_moment(moment, zone)
    cldr = babel_locale(locale)
    canonical = get_global("zone_aliases").get(zone, zone)
    if canonical == "Etc/UTC":
        return "UTC"
    if canonical.startswith("Etc/"):
        return get_timezone_gmt(local, locale=cldr)
    return get_timezone_location(zone_info(zone), locale=cldr, return_city=True)


def country_currency(country: str, on: date) -> str:
    """Return the legal-tender currency of ``country`` on date ``on`` (e.g. IT → "EUR").

    Babel's (CLDR's) currency history, corrected by CURRENCY_CHANGES for changes newer than
    the pinned data (BG → "EUR" from 2026-01-01). When two currencies are legal tender on
    that date, the one that became so last is returned. Raises ValueError for a code with
    no currency on that date.
    """
    code = country.upper()
    changes = [currency for since, currency in CURRENCY_CHANGES.get(code, ()) if since <= on]
    if changes:
        return changes[-1]
    if len(code) != 2 or not code.isalpha():
        raise ValueError(f"Unknown country code {country!r}.")
    currencies = get_territory_currencies(
        code, start_date=on, end_date=on, tender=True, include_details=True
    )
    if not currencies:
        raise ValueError(f"No currency is known for {country!r} on {on.isoformat()}.")
    # During a changeover both are legal tender (HRK and EUR until 2023-01-14): the newer
    # one is the currency prices are stated in.
    return str(max(currencies, key=lambda entry: entry["from"] or date.min)["currency"])


def moment_phrase(moment: datetime, zone: str, locale: str) -> str:
    """Return ``moment`` as the customer reads it: weekday, day, month and time in their
    language, then their zone's city ("lunedì 30 novembre 2026 09:00 (Roma)")."""
    local = local_moment(moment, zone)
    cldr = babel_locale(locale)
    day = format_date(local, "full", locale=cldr)
    time = format_skeleton("hm" if uses_12_hour_clock(locale) else "Hm", local, locale=cldr)
    glue = str(get_datetime_format("long", locale=cldr))  # the locale's own "{1}, {0}"
    text = glue.replace("{1}", day).replace("{0}", time).replace("'", "")
    return f"{text} ({zone_display_name(zone, locale, local)})"


def format_moment(moment: datetime, zone: str, locale: str) -> str:
    """Return ``moment`` in ``zone`` as the product shows a date-time in ``locale``.

    CLDR's medium date and short time, joined by the locale's own medium date-time pattern:
    en "Dec 2, 2026, 3:50\u202fPM", it "2 dic 2026, 15:50", fi "2.12.2026 15.50",
    ar "02\u200f/12\u200f/2026، 3:50 م". Raises ValueError for a naive ``moment`` or an
    unknown zone or locale.
    """
    local = local_moment(moment, zone)
    cldr = babel_locale(locale)
    day = format_date(local.date(), "medium", locale=cldr)
    time = format_time(local, "short", tzinfo=local.tzinfo, locale=cldr)
    glue = str(get_datetime_format("medium", locale=cldr))
    return glue.replace("{1}", day).replace("{0}", time).replace("'", "")


def format_day(day: date, locale: str) -> str:
    """Return the calendar date ``day`` in ``locale``'s CLDR medium style.

    en "Dec 2, 2026", bg "2.12.2026\u202fг.", ar "02\u200f/12\u200f/2026". A datetime is
    refused (TypeError): read it in a zone first (``format_local_date``), because the same
    instant is a different day in different zones.
    """
    if isinstance(day, datetime):
        raise TypeError("format_day takes a date; read a datetime in a zone first.")
    return format_date(day, "medium", locale=babel_locale(locale))


def format_clock(moment: datetime, zone: str, locale: str) -> str:
    """Return the time of day of ``moment`` in ``zone``, CLDR short style ("15.50" in fi)."""
    return format_local_time(moment, zone, locale, "short")


def format_number(value: int | Decimal | float, locale: str) -> str:
    """Return ``value`` with ``locale``'s decimal and grouping signs ("1\u00a0234,5" in fi).

    A Decimal keeps every significant fraction digit (trailing zeros go); a float is
    rounded to the pattern's three, so binary noise (0.30000000000000004) never shows.
    Raises TypeError for anything that is not a number (bool included).
    """
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float):
        raise TypeError(f"value must be a number; got {type(value).__name__}.")
    exact = not isinstance(value, float)
    return format_decimal(value, locale=babel_locale(locale), decimal_quantization=not exact)


def language_name(code: str, locale: str) -> str:
    """Return the name of language ``code`` ("it", "pt-BR") in ``locale`` ("Italian" in en).

    A regional tag CLDR has no name for falls back to its language's name ("it-CH" →
    "Italian"); a code CLDR does not know at all is returned unchanged, so nothing shown
    to people disappears.
    """
    names = babel_locale(locale).languages
    tag = code.replace("-", "_")
    parts = tag.split("_")
    candidates = [tag, f"{parts[0].lower()}_{parts[1].upper()}" if len(parts) > 1 else tag]
    candidates.append(parts[0].lower())
    for candidate in candidates:
        if candidate in names:
            return str(names[candidate])
    return code


def language_names(codes: Sequence[str], locale: str) -> str:
    """Return the names of ``codes`` as one CLDR list in ``locale`` ("Romanian and English").

    Each name as ``language_name`` gives it; an empty sequence is "".
    """
    names = [language_name(code, locale) for code in codes]
    return format_list(names, style="standard", locale=babel_locale(locale)) if names else ""


def country_name(code: str, locale: str) -> str:
    """Return the name of ISO 3166 country ``code`` in ``locale`` ("IT" → "Italia" in ro).

    An unknown code is returned unchanged.
    """
    return str(babel_locale(locale).territories.get(code.upper(), code))
