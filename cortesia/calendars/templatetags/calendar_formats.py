"""{% load calendar_formats %}: a calendar's months, weekdays and opening hours written as the
viewer's language writes them (CLDR), like the ``culture_formats`` filters."""

from __future__ import annotations

from datetime import date, time

from babel.dates import format_skeleton, format_time
from babel.lists import format_list
from django.conf import settings
from django.template import Library
from django.utils import translation

from cortesia.calendars.choices import weekday_list
from cortesia.culture.business_time import DayHours, OpenInterval
from cortesia.culture.local_formats import babel_locale

register = Library()


def _language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


@register.filter
def month_heading(first: date) -> str:
    """{{ first|month_heading }}: "January 2027" in en, "tammikuu 2027" in fi."""
    return str(format_skeleton("yMMMM", first, locale=babel_locale(_language())))


@register.filter
def weekday_names(days: frozenset[int]) -> str:
    """{{ days|weekday_names }}: "Saturday and Sunday" for {5, 6} in en."""
    return weekday_list(days, _language())


def _clock(minutes: int) -> str:
    moment = time((minutes // 60) % 24, minutes % 60)
    return str(format_time(moment, format="short", locale=babel_locale(_language())))


@register.filter
def interval_text(interval: OpenInterval) -> str:
    """{{ interval|interval_text }}: "9:00 AM – 1:00 PM" in en, "9.00–13.00" in fi."""
    return translation.gettext("%(start)s – %(end)s") % {
        "start": _clock(interval.start),
        "end": _clock(interval.end),
    }


@register.filter
def hours_text(hours: DayHours) -> str:
    """{{ hours|hours_text }}: every interval of a day, as the language lists them."""
    return format_list([interval_text(item) for item in hours], locale=babel_locale(_language()))
