"""When a closed team is back, as a visitor reads it in their own zone and language.

``back_phrase`` returns a phrase meant to follow "we are back" ("Siamo di nuovo qui
{phrase}, ora tua."): the same local day gives "today at …", the next "tomorrow at …",
the five after that the weekday ("lunedì alle 09:00"), and anything later the weekday with
its date ("venerdì 1 gennaio alle 09:00"), as after a holiday. Weekday and month names are
CLDR's format forms (Finnish essive "maanantaina", partitive "tammikuuta"); the time is
CLDR's 24-hour "Hm" pattern (English: its 12-hour "hm").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_skeleton, get_day_names, get_month_names

from cortesia.culture.local_formats import (
    RELATIVE_DAYS,
    babel_locale,
    language_of,
    local_moment,
    uses_12_hour_clock,
)
from cortesia.culture.promises import italian_alle


def _bulgarian_on(weekday: str) -> str:
    # "в" becomes "във" before в and ф: "във вторник", "в понеделник".
    return f"във {weekday}" if weekday[:1].lower() in ("в", "ф") else f"в {weekday}"


@dataclass(frozen=True)
class _BackStyle:
    """Templates for a day within a week (``{weekday}``) and a later date (with ``{day}``
    and ``{month}``); ``{when}`` is today's or tomorrow's word; ``{at}`` the words before
    the time; ``on`` turns the weekday's name into its phrase."""

    near: str  # today or tomorrow
    week: str
    later: str
    at: Callable[[int], str] | None = None
    on: Callable[[str], str] | None = None


BACK_STYLES: dict[str, _BackStyle] = {
    "en": _BackStyle(
        "{when} at {time}", "on {weekday} at {time}", "on {weekday}, {month} {day} at {time}"
    ),
    "it": _BackStyle(
        "{when} {at}{time}",
        "{weekday} {at}{time}",
        "{weekday} {day} {month} {at}{time}",
        at=italian_alle,
    ),
    "fi": _BackStyle(
        "{when} klo {time}", "{weekday} klo {time}", "{weekday} {day}. {month} klo {time}"
    ),
    "bg": _BackStyle(
        "{when} в {time}",
        "{weekday} в {time}",
        "{weekday}, {day} {month}, в {time}",
        on=_bulgarian_on,
    ),
    "ro": _BackStyle(
        "{when} la ora {time}", "{weekday} la ora {time}", "{weekday}, {day} {month}, la ora {time}"
    ),
    "ar": _BackStyle(
        "{when} الساعة {time}",
        "يوم {weekday} الساعة {time}",
        "يوم {weekday} {day} {month} الساعة {time}",
    ),
}


def back_phrase(moment: datetime, zone: str, locale: str, now: datetime) -> str:
    """Return when ``moment`` is, seen from ``now``, both read in ``zone``, as a phrase in
    ``locale``'s language. Raises ValueError for a naive datetime, an unknown zone or
    locale, or a language outside BACK_STYLES."""
    language = language_of(locale)
    style = BACK_STYLES.get(language)
    if style is None:
        raise ValueError(
            f"No return phrase for {locale!r}; supported: {', '.join(sorted(BACK_STYLES))}."
        )
    local = local_moment(moment, zone)
    today = local_moment(now, zone, "now").date()
    cldr = babel_locale(locale)
    time = format_skeleton("hm" if uses_12_hour_clock(locale) else "Hm", local, locale=cldr)
    at = style.at(local.hour) if style.at else ""
    distance = (local.date() - today).days
    if distance in (0, 1):
        return style.near.format(when=RELATIVE_DAYS[language][distance], at=at, time=time)
    weekday = str(get_day_names("wide", context="format", locale=cldr)[local.weekday()])
    weekday = style.on(weekday) if style.on else weekday
    template = style.week if 2 <= distance <= 6 else style.later
    month = str(get_month_names("wide", context="format", locale=cldr)[local.month])
    return template.format(weekday=weekday, day=local.day, month=month, at=at, time=time)
