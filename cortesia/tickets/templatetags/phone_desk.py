"""The phone desk on the ticket page: a call's length, the "Log a call" form and the
heartbeat's settings. ``{% load phone_desk %}``."""

from __future__ import annotations

from babel.numbers import format_decimal
from django.template import Context, Library

from cortesia.culture.local_formats import babel_locale
from cortesia.localization.templatetags.culture_formats import active_language
from cortesia.tickets.calls import call_length_text
from cortesia.tickets.desk_forms import CallForm
from cortesia.tickets.models import Ticket
from cortesia.tickets.presence import heartbeat_seconds

register = Library()


@register.filter
def call_length(seconds: int | None) -> str:
    """{{ message.call_seconds|call_length }}: "4:30", or "1:04:30" past an hour, with the
    viewer's digits; "" for no length."""
    if seconds is None:
        return ""
    hours, minutes, rest = call_length_text(int(seconds))
    locale = babel_locale(active_language())

    def digits(value: int, pattern: str) -> str:
        return format_decimal(value, format=pattern, locale=locale)

    if hours:
        return f"{digits(hours, '0')}:{digits(minutes, '00')}:{digits(rest, '00')}"
    return f"{digits(minutes, '0')}:{digits(rest, '00')}"


@register.inclusion_tag("tickets/ticket/_call_form.html", takes_context=True)
def call_form(context: Context, ticket: Ticket) -> dict[str, object]:
    """The ticket page's "Log a call" form, folded, with a fresh one-time token."""
    return {
        "ticket": ticket,
        "form": CallForm(initial=CallForm.initial_for(ticket)),
        "csrf_token": context.get("csrf_token"),
        "open": False,
    }


@register.simple_tag
def presence_interval() -> int:
    """The heartbeat's interval in seconds, for the page's script."""
    return heartbeat_seconds()
