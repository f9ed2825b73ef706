"""What the ticket services are given, and the checks every write makes of it.

Checks collect field errors in a :class:`ProfileCheck` so a caller hears of every bad
field at once; nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.core.choices import choice_error
from cortesia.core.errors import Forbidden
from cortesia.customers.models import Customer
from cortesia.customers.validation import ProfileCheck
from cortesia.lib.html import html_to_text, sanitize_html, text_to_html
from cortesia.lib.text import without_direction_controls
from cortesia.tickets.models import Ticket, TicketMessage
from cortesia.tickets.permissions import can_work_tickets

MAX_BODY = 200_000
MAX_SUBJECT = 300


@dataclass
class MessageData:
    body_html: str = ""
    body_text: str = ""
    kind: str = TicketMessage.Kind.REPLY
    author_kind: str = TicketMessage.Author.AGENT
    call_direction: str = ""  # set for a logged phone call
    call_seconds: int | None = None
    attachments: list[str] = field(default_factory=list)  # uids of the sender's uploads


@dataclass
class TicketData:
    subject: str
    customer: Customer
    message: MessageData
    channel: str = Ticket.Channel.API
    priority: str = Ticket.Priority.NORMAL
    team: Team | None = None
    assignee: User | None = None
    language: str = ""
    # The language of the page or channel the request came in on, when known: the ticket
    # speaks it when neither the message nor the customer's profile tells.
    channel_language: str = ""
    tags: list[str] = field(default_factory=list)
    created_at: datetime | None = None
    # False leaves an unassigned ticket in its team's queue whatever the team's assignment
    # method: a chat is assigned by the chat app, to agents who are online.
    auto_assign: bool = True


@dataclass
class TicketChanges:
    """Fields to change; ``None`` leaves a field alone. ``clear_team``/``clear_assignee``
    remove them."""

    subject: str | None = None
    status: str | None = None
    priority: str | None = None
    team: Team | None = None
    clear_team: bool = False
    assignee: User | None = None
    clear_assignee: bool = False
    language: str | None = None
    tags: list[str] | None = None


@dataclass(frozen=True)
class Body:
    """A message body as stored: sanitized markup and its plain text."""

    markup: str
    text: str


def require_ticket_staff(actor: Actor) -> None:
    if actor.user is not None and not can_work_tickets(actor.user):
        raise Forbidden(_("Your role does not work on tickets."))


def check_choice(check: ProfileCheck, name: str, value: str, allowed: list[str]) -> None:
    if (message := choice_error(value, allowed)) is not None:
        check.fail(name, message)


def check_subject(check: ProfileCheck, subject: str) -> str:
    """Return the subject on one line, without direction controls."""
    cleaned = " ".join(without_direction_controls(subject).split())
    if not cleaned or len(cleaned) > MAX_SUBJECT:
        check.fail("subject", _("Give a subject of at most 300 characters."))
    return cleaned


def check_message(check: ProfileCheck, data: MessageData) -> Body:
    """Return the sanitized body of a message and check its kind, author and call."""
    if data.body_html.strip():
        markup = sanitize_html(data.body_html)
        text = html_to_text(markup)
    else:
        text = data.body_text.strip()
        markup = text_to_html(text)
    if not text:
        check.fail("body", _("Write a message."))
    elif len(markup) > MAX_BODY:
        check.fail("body", _("A message has at most %(count)d characters.") % {"count": MAX_BODY})
    check_choice(check, "kind", data.kind, TicketMessage.Kind.values)
    if data.call_direction or data.call_seconds is not None:
        check_choice(
            check, "call_direction", data.call_direction, TicketMessage.CallDirection.values
        )
        if data.call_seconds is None or not 0 <= data.call_seconds <= 86_400:
            check.fail("call_seconds", _("Give the call's length in seconds (up to a day)."))
    check_choice(check, "author", data.author_kind, TicketMessage.Author.values)
    return Body(markup, text)


def check_assignee(check: ProfileCheck, assignee: User | None, team: Team | None) -> None:
    if assignee is None:
        return
    if not can_work_tickets(assignee):
        check.fail("assignee", _("Tickets can only be assigned to active agents."))
    elif team is not None and not team.members.filter(pk=assignee.pk).exists():
        check.fail("assignee", _("%(name)s is not a member of this team.") % {"name": assignee})
