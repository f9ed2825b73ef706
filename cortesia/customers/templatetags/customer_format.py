"""Template filters for customer pages: money and a customer's local time."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.template import Library
from django.utils import translation

from cortesia.culture.local_formats import format_local_time, format_money

register = Library()


@register.filter
def money(amount: Decimal, currency: str) -> str:
    """Format ``amount`` of ``currency`` in the page's language: {{ total|money:"EUR" }}."""
    return format_money(amount, currency, translation.get_language() or "en")


@register.filter
def local_time_in(moment: datetime, zone: str) -> str:
    """Show the time of ``moment`` in ``zone`` as the page's language writes a short time."""
    if not zone:
        return ""
    return format_local_time(moment, zone, translation.get_language() or "en", "short")


@register.filter
def isolate(text: object) -> str:
    """Wrap ``text`` in Unicode first-strong isolate marks (FSI … PDI), for a name inside a
    translated sentence or a page title where no ``<bdi>`` can go: a Latin name ending in
    a full stop stays whole on an Arabic page."""
    return f"\u2068{text}\u2069"
