"""How the help desk pages show a deadline: relative to now ("in 2 hours", "overdue by
3 hours") in the viewer's language, with the exact local time on hover.

``{% load ticket_format %}``; ``{% due_time moment now soon %}``. Overdue is said in words
and marked with the class ``is-overdue`` (not by colour alone); due before ``soon`` is
``is-due-soon``. A page that shows many deadlines (the inbox) builds one :class:`DueFormat`
and calls it for each: the language, zone and sentences are then looked up once per page.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache
from html import escape
from typing import Final

from babel import Locale
from babel.dates import TIMEDELTA_UNITS, format_timedelta
from django.template import Library
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from cortesia.culture.local_formats import babel_locale, format_moment
from cortesia.localization.templatetags.culture_formats import (
    active_language,
    active_zone,
    iso,
)

register = Library()


# One width for both directions. CLDR's short widths disagree with each other: Italian
# reads "tra 2 gg" ahead but "2 giorni" as a bare duration, so a short inbox would mix
# both styles. The long width is the same word in both ("tra 2 giorni", "2 giorni").
WIDTH: Final = "long"
GRANULARITY: Final = "minute"
THRESHOLD: Final = 0.85  # format_timedelta's default


def due_phrase(due: datetime, now: datetime, locale: str) -> str:
    """Return "in 2 hours" for a future ``due`` and "overdue by 3 hours" for a past one, in
    ``locale`` (CLDR's long units; the overdue sentence is translated)."""
    return _phrase(due, now, babel_locale(locale), _("overdue by %(duration)s"))


def _phrase(due: datetime, now: datetime, babel: Locale, overdue: str) -> str:
    if due >= now:
        return _duration(due - now, babel, ahead=True)
    return overdue % {"duration": _duration(now - due, babel, ahead=False)}


def _amount(delta: timedelta) -> tuple[str, int]:
    """The unit and the whole number ``format_timedelta`` says ``delta`` (not negative) in,
    chosen as it chooses them: the largest unit of which there is at least ``THRESHOLD``,
    rounded, and at least one ``GRANULARITY`` (babel 2.17's rule)."""
    seconds = int(delta.days * 86400 + delta.seconds)
    for unit, seconds_per_unit in TIMEDELTA_UNITS:
        value = seconds / seconds_per_unit
        if value >= THRESHOLD or unit == GRANULARITY:
            if unit == GRANULARITY and value > 0:
                value = max(1, value)
            return unit, round(value)
    return GRANULARITY, 0  # not reached: the loop stops at GRANULARITY


# The words of each (locale, ahead, unit, number): "in 2 hours" is the same words for
# every deadline two hours ahead, and CLDR's lookups cost more than the rest of a row.
# Bounded by the units, the numbers each reaches before the next unit and the languages.
_durations: dict[tuple[str, bool, str, int], str] = {}


def _duration(delta: timedelta, babel: Locale, *, ahead: bool) -> str:
    """``format_timedelta`` of ``delta`` to the minute in CLDR's long units, "in …" when
    ``ahead`` (the words it returns for this unit and number, found once)."""
    key = (str(babel), ahead, *_amount(delta))
    words = _durations.get(key)
    if words is None:
        words = format_timedelta(
            delta, granularity=GRANULARITY, add_direction=ahead, format=WIDTH, locale=babel
        )
        _durations[key] = words
    return words


@lru_cache(maxsize=4096)
def _time_attributes(due: datetime, zone: str, language: str) -> str:
    """The escaped ``datetime`` and ``title`` (the exact local time) attributes of a
    deadline's ``<time>``. A deadline stays put while "now" moves, so an inbox shown again
    finds its rows' attributes here instead of formatting them again."""
    return f'datetime="{escape(iso(due))}" title="{escape(format_moment(due, zone, language))}"'


class DueFormat:
    """``due_time`` for the deadlines of one page, seen at ``now`` in the active language and
    time zone (read when it is built)."""

    def __init__(self, now: datetime, soon: datetime | None = None) -> None:
        self.now = now
        self.soon = soon
        self.language = active_language()
        self.zone = active_zone()
        self.locale = babel_locale(self.language)
        self.overdue = _("overdue by %(duration)s")

    def __call__(self, due: datetime | None) -> SafeString:
        """A ``<time>`` element for a deadline, or "—" when there is none. Every text in
        it is escaped (``html.escape``, as ``format_html`` would)."""
        if due is None:
            return SafeString("—")
        phrase = escape(_phrase(due, self.now, self.locale, self.overdue))
        attributes = _time_attributes(due, self.zone, self.language)
        if due < self.now:
            return SafeString(
                f'<time class="due is-overdue" {attributes}>'
                f'<span aria-hidden="true">⚠ </span>{phrase}</time>'
            )
        state = " is-due-soon" if self.soon is not None and due <= self.soon else ""
        return SafeString(f'<time class="due{state}" {attributes}>{phrase}</time>')


@register.simple_tag
def due_time(due: datetime | None, now: datetime, soon: datetime | None = None) -> SafeString:
    """A ``<time>`` element for a deadline, or "—" when there is none."""
    return DueFormat(now, soon)(due)
