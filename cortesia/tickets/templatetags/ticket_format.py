"""How the help desk pages show a deadline: relative to now ("in 2 hours", "overdue by
3 hours") in the viewer's language, with the exact local time on hover.

``{% load ticket_format %}``; ``{% due_time moment now soon %}``. Overdue is said in words
and marked with the class ``is-overdue`` (not by colour alone); due before ``soon`` is
``is-due-soon``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from babel.dates import format_timedelta
from django.template import Library
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from cortesia.culture.local_formats import babel_locale
from cortesia.localization.templatetags.culture_formats import (
    active_language,
    iso,
    local_datetime,
)

register = Library()


# One width for both directions. CLDR's short widths disagree with each other: Italian
# reads "tra 2 gg" ahead but "2 giorni" as a bare duration, so a short inbox would mix
# both styles. The long width is the same word in both ("tra 2 giorni", "2 giorni").
WIDTH: Final = "long"


def due_phrase(due: datetime, now: datetime, locale: str) -> str:
    """Return "in 2 hours" for a future ``due`` and "overdue by 3 hours" for a past one, in
    ``locale`` (CLDR's long units; the overdue sentence is translated)."""
    babel = babel_locale(locale)
    if due >= now:
        return format_timedelta(
            due - now, granularity="minute", add_direction=True, format=WIDTH, locale=babel
        )
    duration = format_timedelta(now - due, granularity="minute", format=WIDTH, locale=babel)
    return _("overdue by %(duration)s") % {"duration": duration}


@register.simple_tag
def due_time(due: datetime | None, now: datetime, soon: datetime | None = None) -> SafeString:
    """A ``<time>`` element for a deadline, or "—" when there is none."""
    if due is None:
        return format_html("{}", "—")
    phrase = due_phrase(due, now, active_language())
    if due < now:
        return format_html(
            '<time class="due is-overdue" datetime="{}" title="{}">'
            '<span aria-hidden="true">⚠ </span>{}</time>',
            iso(due),
            local_datetime(due),
            phrase,
        )
    state = " is-due-soon" if soon is not None and due <= soon else ""
    return format_html(
        '<time class="due{}" datetime="{}" title="{}">{}</time>',
        state,
        iso(due),
        local_datetime(due),
        phrase,
    )
