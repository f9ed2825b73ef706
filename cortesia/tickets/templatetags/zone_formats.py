"""``{% load zone_formats %}``: an instant as it reads in a named time zone (a team's, an
agent's) rather than the viewer's, in the viewer's language. The settings pages show a
time in the viewer's zone with ``culture_formats`` and the team's beside it with these."""

from __future__ import annotations

from datetime import datetime

from django.template import Library

from cortesia.culture import local_formats
from cortesia.localization.templatetags.culture_formats import active_language

register = Library()


@register.filter
def datetime_in(moment: datetime | None, zone: str) -> str:
    """{{ moment|datetime_in:team.time_zone }}: "Nov 30, 2026, 9:00 AM" read in ``zone``."""
    if moment is None or moment == "" or not zone:
        return ""
    return local_formats.format_moment(moment, zone, active_language())


@register.filter
def time_in(moment: datetime | None, zone: str) -> str:
    """{{ moment|time_in:agent.time_zone }}: the time of day in ``zone`` ("9.00" in fi)."""
    if moment is None or moment == "" or not zone:
        return ""
    return local_formats.format_clock(moment, zone, active_language())
