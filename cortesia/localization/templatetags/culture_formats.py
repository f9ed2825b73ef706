"""Dates, times, numbers, money and names as the viewer's language writes them (CLDR).

``{% load culture_formats %}``. Each filter reads the active language and the active time
zone (set per person by the localization middleware) and calls the pure functions of
``cortesia.culture.local_formats``; none uses Django's format files. Every filter turns
None and "" into "", and returns plain text that the template escapes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal

from django.conf import settings
from django.template import Library
from django.utils import timezone, translation

from cortesia.culture import local_formats

register = Library()


def active_language() -> str:
    """The language of the page being rendered (the site default when none is active)."""
    return translation.get_language() or settings.LANGUAGE_CODE


def active_zone() -> str:
    """The IANA name of the viewer's time zone (the site default when none is active)."""
    return timezone.get_current_timezone_name()


@register.filter
def local_datetime(moment: datetime | None) -> str:
    """{{ moment|local_datetime }}: "Dec 2, 2026, 3:50 PM" in en, "2.12.2026 15.50" in fi."""
    if moment is None or moment == "":
        return ""
    return local_formats.format_moment(moment, active_zone(), active_language())


@register.filter
def local_date(value: date | datetime | None) -> str:
    """{{ value|local_date }}: a date, or the viewer's local date of an aware datetime."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return local_formats.format_local_date(value, active_zone(), active_language())
    return local_formats.format_day(value, active_language())


@register.filter
def local_time(moment: datetime | None) -> str:
    """{{ moment|local_time }}: the time of day in the viewer's zone, CLDR short style."""
    if moment is None or moment == "":
        return ""
    return local_formats.format_clock(moment, active_zone(), active_language())


@register.filter
def number(value: int | Decimal | float | None) -> str:
    """{{ value|number }}: a number with the viewer's decimal and grouping signs."""
    if value is None or value == "":
        return ""
    return local_formats.format_number(value, active_language())


@register.filter
def money(amount: Decimal | int | None, currency: str) -> str:
    """{{ amount|money:currency }}: "1.234,50 €" in it; an int is a whole amount."""
    if amount is None or amount == "" or not currency:
        return ""
    whole = isinstance(amount, int) and not isinstance(amount, bool)
    value = Decimal(amount) if whole else amount
    return local_formats.format_money(value, currency, active_language())  # type: ignore[arg-type]


@register.filter
def language_name(code: str | Sequence[str] | None) -> str:
    """{{ code|language_name }}: "it" → "Italian" for an English reader, "الإيطالية" in ar.

    A list of codes gives one list in the viewer's language: ["ro", "en"] → "Romanian and
    English".
    """
    if not code:
        return ""
    if isinstance(code, str):
        return local_formats.language_name(code, active_language())
    return local_formats.language_names(list(code), active_language())


@register.filter
def country_name(code: str | None) -> str:
    """{{ code|country_name }}: "IT" → "Italy" for an English reader, "Italia" in it."""
    if not code:
        return ""
    return local_formats.country_name(code, active_language())


@register.filter
def iso(value: date | datetime | None) -> str:
    """{{ moment|iso }}: ISO 8601 for ``<time datetime>``; an instant is given in UTC."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        aware = local_formats.require_aware(value, "value")
        return aware.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return value.isoformat()
