"""What an agent promises a customer, and what the agent should know first, in their culture.

``reply_promise`` writes the "reply by" phrase in the customer's language and zone, from
CLDR's weekday and month names and the zone's city as that language names it. It is a
phrase meant to follow a verb ("We will reply {promise}." / "Risponderemo {promise}.").

``cultural_brief`` summarises the customer's side of the clock: local time, whether it is
business time there, the next working day, the holidays coming up and the default register.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from babel.dates import format_date, format_skeleton, format_time, get_day_names, get_month_names

from cortesia.culture.address_forms import DEFAULT_REGISTER, Register
from cortesia.culture.business_time import BusinessCalendar, is_open
from cortesia.culture.local_formats import (
    babel_locale,
    language_of,
    local_moment,
    uses_12_hour_clock,
    zone_display_name,
)
from cortesia.culture.local_windows import country_calendar
from cortesia.culture.public_holidays import PublicHoliday, public_holidays

UPCOMING_HOLIDAY_DAYS = 7
_MAX_SEARCH_DAYS = 3 * 366


@dataclass(frozen=True)
class _PromiseStyle:
    """One language's "reply by" phrase.

    Placeholders: ``{weekday}``, ``{day}``, ``{month}`` (CLDR format-context names),
    ``{time}`` (24-hour, CLDR's "Hm" pattern; English uses its default short time),
    ``{city}``, and the language rules' ``{at}`` (the word before the time) and ``{of_city}``
    or ``{in_city}`` (the city after a preposition that changes with it).
    """

    template: str
    weekday_width: Literal["abbreviated", "wide"] = "wide"
    month_width: Literal["abbreviated", "wide"] = "wide"
    day: Callable[[int], str] | None = None  # replaces the plain day number
    at: Callable[[int], str] | None = None  # the word(s) before the time, with their space
    of_city: Callable[[str], str] | None = None
    in_city: Callable[[str], str] | None = None


def italian_alle(hour: int) -> str:
    return "all’" if hour == 1 else "alle "  # all’una, alle due …


def _spanish_a_las(hour: int) -> str:
    return "a la " if hour == 1 else "a las "  # a la una, a las dos …


def _portuguese_as(hour: int) -> str:
    return "à " if hour in (0, 1) else "às "  # à zero hora, à uma, às duas …


def _italian_di(city: str) -> str:
    # Italian exonyms with an article contract with "di": "del Cairo", "dell’Avana".
    for article, contracted in (
        ("Il ", "del "),
        ("Lo ", "dello "),
        ("L’", "dell’"),
        ("L'", "dell’"),
    ):
        if city.startswith(article):
            return contracted + city[len(article) :]
    return f"di {city}"


def _french_de(city: str) -> str:
    # "du Caire", "des Açores", "d’Athènes", "de Rome". An initial h is not elided.
    for article, contracted in (("Le ", "du "), ("Les ", "des ")):
        if city.startswith(article):
            return contracted + city[len(article) :]
    first = "".join(
        char for char in unicodedata.normalize("NFD", city[:1]) if not unicodedata.combining(char)
    )
    return f"d’{city}" if first.lower() in ("a", "e", "i", "o", "u") else f"de {city}"


def _bulgarian_v(city: str) -> str:
    # "в" becomes "във" before в and ф: "във Виена", "в Рим".
    return f"във {city}" if city[:1].lower() in ("в", "ф") else f"в {city}"


def _french_day(day: int) -> str:
    return "1er" if day == 1 else str(day)


def _portuguese_day(day: int) -> str:
    return "1º" if day == 1 else str(day)


PROMISE_STYLES: dict[str, _PromiseStyle] = {
    "en": _PromiseStyle("by {weekday}, {month} {day} at {time} ({city} time)"),
    "it": _PromiseStyle(
        "entro {weekday} {day} {month} {at}{time} (ora {of_city})",
        at=italian_alle,
        of_city=_italian_di,
    ),
    # Essive weekday ("tiistaina") and partitive month ("marraskuuta") are CLDR's format
    # forms. The city stays in the nominative, as in CLDR's own "aikavyöhyke: {0}".
    "fi": _PromiseStyle("viimeistään {weekday} {day}. {month} klo {time} (aikavyöhyke: {city})"),
    "bg": _PromiseStyle(
        "до {weekday}, {day} {month}, {time} (местно време {in_city})", in_city=_bulgarian_v
    ),
    "ro": _PromiseStyle("până {weekday}, {day} {month}, la ora {time} (ora din {city})"),
    "ar": _PromiseStyle("بحلول يوم {weekday} {day} {month} الساعة {time} (بتوقيت {city})"),
    "de": _PromiseStyle("bis {weekday}, {day}. {month}, {time} Uhr (Ortszeit {city})"),
    "fr": _PromiseStyle(
        "au plus tard le {weekday} {day} {month} à {time} (heure {of_city})",
        day=_french_day,
        of_city=_french_de,
    ),
    "es": _PromiseStyle(
        "a más tardar el {weekday} {day} de {month} {at}{time} (hora de {city})",
        at=_spanish_a_las,
    ),
    "pt": _PromiseStyle(
        "até {weekday}, {day} de {month}, {at}{time} (horário de {city})",
        day=_portuguese_day,
        at=_portuguese_as,
    ),
    "ja": _PromiseStyle(
        "{city}時間{month}{day}日（{weekday}）{time}までに", weekday_width="abbreviated"
    ),
    # CLDR's wide Chinese month is "十一月"; dates are written "11月", its abbreviated form.
    "zh": _PromiseStyle(
        "{city}时间{month}{day}日（{weekday}）{time}前",
        weekday_width="abbreviated",
        month_width="abbreviated",
    ),
}
PROMISE_LANGUAGES = tuple(sorted(PROMISE_STYLES))

# Corrections to Babel 2.17's CLDR data for wide weekday names, by (language, weekday with
# 0 = Monday). Its Finnish format-context Sunday is the stand-alone "sunnuntai"; CLDR's
# fi.xml has the essive "sunnuntaina", like the six other days ("tiistaina" = "on Tuesday").
FORMAT_WEEKDAY_FIXES: dict[tuple[str, int], str] = {("fi", 6): "sunnuntaina"}


def reply_promise(deadline_utc: datetime, zone: str, language: str) -> str:
    """Return "by <weekday, day month, time> (<city> time)" in ``language``, read in ``zone``.

    ``deadline_utc`` may carry any offset; it is converted to ``zone``. ``language`` is one
    of PROMISE_LANGUAGES, optionally with a region ("pt_BR"), which then supplies the CLDR
    names. The hour is 24-hour in the locale's own pattern ("10.00" in Finnish, "10:00 ч."
    in Bulgarian), except English, which uses its default clock ("10:00 AM", with CLDR's
    narrow no-break space). Raises ValueError for a naive deadline, an unknown zone or an
    unsupported language.
    """
    base = language_of(language)
    style = PROMISE_STYLES.get(base)
    if style is None:
        raise ValueError(
            f"No reply promise wording for {language!r}; supported: {', '.join(PROMISE_LANGUAGES)}."
        )
    local = local_moment(deadline_utc, zone, "deadline_utc")
    cldr = babel_locale(language)
    if base == "en":
        time_text = format_time(local, "short", tzinfo=local.tzinfo, locale=cldr)
    else:
        time_text = format_skeleton("Hm", local, tzinfo=local.tzinfo, locale=cldr)
    city = zone_display_name(zone, language, local)
    weekday = FORMAT_WEEKDAY_FIXES.get(
        (base, local.weekday()),
        get_day_names(style.weekday_width, context="format", locale=cldr)[local.weekday()],
    )
    month = get_month_names(style.month_width, context="format", locale=cldr)[local.month]
    day = style.day(local.day) if style.day else format_date(local.date(), "d", locale=cldr)
    return style.template.format(
        weekday=weekday,
        day=day,
        month=month,
        time=time_text,
        city=city,
        at=style.at(local.hour) if style.at else "",
        of_city=style.of_city(city) if style.of_city else "",
        in_city=style.in_city(city) if style.in_city else "",
    )


@dataclass(frozen=True)
class CulturalBrief:
    """The customer's side of the clock, for an agent about to write or call.

    ``local_time_text``: weekday and time in the customer's zone and language, on the
    language's usual clock. ``is_business_hours``: inside 09:00–17:00 local on a working
    day of the country. ``next_business_day``: the first local date after today that is
    neither weekend nor public holiday there. ``upcoming_holidays``: public holidays from
    today to the same weekday next week, names in the customer's language where the
    holiday data has it. ``register``: the language's default register (formal if unknown).
    """

    local_time_text: str
    is_business_hours: bool
    next_business_day: date
    upcoming_holidays: list[PublicHoliday]
    register: Register


def cultural_brief(
    zone: str, country: str, language: str, now: datetime, subdivision: str | None = None
) -> CulturalBrief:
    """Return the CulturalBrief of a customer in ``zone`` and ``country`` at instant ``now``.

    ``country`` is an ISO 3166 code with public-holiday data; ``subdivision`` one of its
    subdivisions. Raises ValueError for a naive ``now``, or an unknown zone, country,
    subdivision or locale.
    """
    local = local_moment(now, zone, "now")
    code = country.upper()
    calendar = country_calendar(zone, code, subdivision)
    today = local.date()
    skeleton = "Ehm" if uses_12_hour_clock(language) else "EHm"
    last = today + timedelta(days=UPCOMING_HOLIDAY_DAYS)
    base_language = language_of(language)
    upcoming = [
        holiday
        for year in range(today.year, last.year + 1)
        for holiday in public_holidays(code, subdivision, year, base_language)
        if today <= holiday.day <= last
    ]
    return CulturalBrief(
        local_time_text=format_skeleton(
            skeleton, local, tzinfo=local.tzinfo, locale=babel_locale(language)
        ),
        is_business_hours=is_open(calendar, now),
        next_business_day=_next_business_day(calendar, today),
        upcoming_holidays=upcoming,
        register=DEFAULT_REGISTER.get(base_language, Register.FORMAL),
    )


def _next_business_day(calendar: BusinessCalendar, after: date) -> date:
    for offset in range(1, _MAX_SEARCH_DAYS):
        day = after + timedelta(days=offset)
        if calendar.hours_on(day):
            return day
    raise ValueError("The country has no working day in the next three years.")
