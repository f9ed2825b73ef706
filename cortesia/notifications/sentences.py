"""Each notification as one sentence in the active language, for the page and the mail.

The sentence names what it is about by the ticket's number and subject as they are now,
and the people and targets as they were when it was written (kept in its data).
"""

from __future__ import annotations

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cortesia.notifications.models import Kind, Notification
from cortesia.sla.models import SlaClock


def _target(value: str) -> str:
    return str(SlaClock.Target(value).label) if value in SlaClock.Target.values else value


def _pattern(notification: Notification) -> str:
    """The translated sentence, with named placeholders for the values."""
    kind, data = notification.kind, notification.data
    has_actor = bool(data.get("actor"))
    if kind == Kind.ASSIGNED:
        if has_actor:
            return _("%(actor)s assigned ticket #%(number)s “%(subject)s” to you.")
        return _("Ticket #%(number)s “%(subject)s” was assigned to you.")
    if kind == Kind.CUSTOMER_REPLIED:
        return _("The customer answered ticket #%(number)s “%(subject)s”.")
    if kind == Kind.MENTIONED:
        if has_actor:
            return _(
                "%(actor)s mentioned you in an internal note on ticket #%(number)s “%(subject)s”."
            )
        return _("You were mentioned in an internal note on ticket #%(number)s “%(subject)s”.")
    if kind == Kind.SLA_WARNING:
        return _("Ticket #%(number)s “%(subject)s” is close to missing its SLA target: %(target)s.")
    if kind == Kind.SLA_BREACHED:
        return _("Ticket #%(number)s “%(subject)s” missed its SLA target: %(target)s.")
    if kind == Kind.RULE:
        if data.get("message"):
            return _(
                "The rule %(rule)s tells you about ticket #%(number)s “%(subject)s”: %(message)s"
            )
        return _("The rule %(rule)s tells you about ticket #%(number)s “%(subject)s”.")
    if kind == Kind.SURVEY_LOW:
        if data.get("original"):
            return _(
                "A customer scored ticket #%(original)s %(score)s of %(best)s in the survey "
                "%(survey)s; follow it up in ticket #%(number)s “%(subject)s”."
            )
        return _(
            "A customer gave a score of %(score)s of %(best)s in the survey %(survey)s; "
            "see ticket #%(number)s “%(subject)s”."
        )
    minutes = int(data.get("minutes", 0))
    return ngettext(
        "Ticket #%(number)s “%(subject)s” of team %(team)s has had no assignee for "
        "%(minutes)s minute.",
        "Ticket #%(number)s “%(subject)s” of team %(team)s has had no assignee for "
        "%(minutes)s minutes.",
        minutes,
    )


def _values(notification: Notification) -> dict[str, str]:
    data, ticket = notification.data, notification.ticket
    return {
        "actor": str(data.get("actor", "")),
        "number": str(ticket.number),
        "subject": ticket.subject,
        "target": _target(str(data.get("target", ""))),
        "team": str(data.get("team", "")),
        "minutes": str(data.get("minutes", "")),
        "rule": str(data.get("rule", "")),
        "message": str(data.get("message", "")),
        "score": str(data.get("score", "")),
        "best": str(data.get("best", "")),
        "survey": str(data.get("survey", "")),
        "original": str(data.get("original", "")),
    }


def sentence_text(notification: Notification) -> str:
    """The sentence as plain text (for e-mail)."""
    return _pattern(notification) % _values(notification)


def sentence_html(notification: Notification) -> SafeString:
    """The sentence as HTML: the sentence escaped, each value escaped and isolated in
    ``<bdi>`` (a subject in Arabic inside an English sentence keeps its own direction)."""
    values = {
        name: format_html("<bdi>{}</bdi>", value) if value else ""
        for name, value in _values(notification).items()
    }
    # Every piece is escaped above: the catalogue's sentence and each value.
    return mark_safe(conditional_escape(_pattern(notification)) % values)  # noqa: S308
