"""Opening a ticket with its first message.

Every check is made before the first write, then the whole ticket is planned in memory —
its language, team, assignee, SLA clocks and what its first message does to it (status,
counters, first response, nearest deadline) — and written once: the number, the ticket
row as it ends up, its clocks in one insert, the message, its two events in one insert and
the customer's timeline entry. Nothing is updated after it is inserted.

Inside a caller's transaction no savepoint is taken: the request is checked before writing
begins, and a failure after it (uploads named that the new ticket cannot have, a database
error) rolls back the caller's transaction with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cortesia.accounts.models import User
from cortesia.core.actor import Actor
from cortesia.culture.language_detection import UNKNOWN, detect_language
from cortesia.customers.models import Customer, CustomerEvent
from cortesia.customers.validation import ProfileCheck, check_language, check_tags
from cortesia.sla import clocks as sla
from cortesia.sla.models import SlaClock
from cortesia.tickets.assignment import note_assignment, pick_assignee
from cortesia.tickets.attachments import attachments_claim
from cortesia.tickets.inputs import (
    Body,
    MessageData,
    TicketData,
    check_assignee,
    check_choice,
    check_message,
    check_subject,
    require_ticket_staff,
)
from cortesia.tickets.models import Ticket, TicketEvent, TicketMessage
from cortesia.tickets.numbering import next_number
from cortesia.tickets.recording import event_of, events_announce, timeline_record
from cortesia.tickets.routing import Routed, route
from cortesia.tickets.signals import message_added

Kind = TicketMessage.Kind
Author = TicketMessage.Author


@dataclass(frozen=True)
class Checked:
    """The request after its checks: values as they will be stored."""

    subject: str
    language: str  # given by the caller, or ""
    channel_language: str
    tags: list[str]
    body: Body


@dataclass(frozen=True)
class Language:
    code: str
    source: str  # given, detected, customer, channel or site


@dataclass(frozen=True)
class FirstMessage:
    """What a ticket's first message does to it (as a later message would, see
    :func:`cortesia.tickets.services.message_add`)."""

    event: TicketEvent.Kind
    status: str
    customer_reply_count: int = 0
    agent_reply_count: int = 0
    first_response_at: datetime | None = None

    @property
    def opens(self) -> bool:
        """The ticket leaves "new" (an answer): a change of status, so a new version."""
        return self.status != Ticket.Status.NEW

    @property
    def answers(self) -> bool:
        """An agent's public reply: it meets the first-response clock."""
        return self.first_response_at is not None


@dataclass(frozen=True)
class Opened:
    ticket: Ticket
    message: TicketMessage
    clocks: tuple[SlaClock, ...]  # with their calendars, as started
    language_source: str  # where the ticket's language came from (Language.source)


def _check(data: TicketData) -> Checked:
    """Return the checked request; raises FieldErrors naming every bad field."""
    check = ProfileCheck()
    subject = check_subject(check, data.subject)
    check_choice(check, "channel", data.channel, Ticket.Channel.values)
    check_choice(check, "priority", data.priority, Ticket.Priority.values)
    language = check_language(check, data.language) if data.language else ""
    channel_language = check_language(check, data.channel_language) if data.channel_language else ""
    tags = check_tags(check, data.tags)
    check_assignee(check, data.assignee, data.team)
    body = check_message(check, data.message)
    check.raise_if_any()
    return Checked(subject, language, channel_language, tags, body)


def ticket_language(
    given: str, customer: Customer, message: MessageData, text: str, channel: str
) -> Language:
    """Return the ticket's language and where it came from, the first known of: given by
    the caller, detected in the customer's first message, the customer's own language,
    the language of the page or channel it came in on, the site's language. A message too
    short to tell thus never leaves a ticket without a language to route and answer in."""
    if given:
        return Language(given, "given")
    mode = settings.CORTESIA_LANGUAGE_DETECTION
    if mode != "off" and message.author_kind == Author.CUSTOMER and message.kind == Kind.REPLY:
        detected = detect_language(text, accurate=mode == "accurate").language
        if detected != UNKNOWN:
            return Language(detected, "detected")
    if customer.language:
        return Language(customer.language, "customer")
    if channel:
        return Language(channel, "channel")
    return Language(settings.LANGUAGE_CODE, "site")


def first_message(message: MessageData, at: datetime) -> FirstMessage:
    """A note changes nothing; a customer's message counts as a customer reply; an agent's
    (or the system's) reply opens the ticket, and an agent's is its first response."""
    if message.kind == Kind.NOTE:
        return FirstMessage(TicketEvent.Kind.NOTED, Ticket.Status.NEW)
    if message.author_kind == Author.CUSTOMER:
        return FirstMessage(
            TicketEvent.Kind.CUSTOMER_REPLIED, Ticket.Status.NEW, customer_reply_count=1
        )
    return FirstMessage(
        TicketEvent.Kind.REPLIED,
        Ticket.Status.OPEN,
        agent_reply_count=1,
        first_response_at=at if message.author_kind == Author.AGENT else None,
    )


def _assign(data: TicketData, routed: Routed, language: str, now: datetime) -> User | None:
    if data.assignee is not None or not data.auto_assign:
        return data.assignee
    assignee = pick_assignee(routed.team, language, now, routed.skills)
    if assignee is not None:
        note_assignment(assignee, now)
    return assignee


def _insert_as_planned(ticket: Ticket) -> None:
    """Insert the ticket with the creation time it was given (an imported ticket keeps
    its date), which a plain save would replace with now."""
    ticket.save_base(raw=True, force_insert=True)


def _message(ticket: Ticket, data: MessageData, body: Body, actor: Actor) -> TicketMessage:
    return TicketMessage(
        ticket=ticket,
        kind=data.kind,
        author_kind=data.author_kind,
        author=actor.user if data.author_kind == Author.AGENT else None,
        body_html=body.markup,
        body_text=body.text,
        created_at=ticket.created_at,
        call_direction=data.call_direction,
        call_seconds=data.call_seconds,
    )


def _events(
    ticket: Ticket,
    message: TicketMessage,
    first: FirstMessage,
    actor: Actor,
    creation: dict[str, object],
) -> list[TicketEvent]:
    """The "created" event (version 1) and the first message's (version 2 when it
    opened the ticket)."""
    created = event_of(
        ticket, TicketEvent.Kind.CREATED, actor, data=creation, at=message.created_at
    )
    created.version = 1
    replied = event_of(
        ticket,
        first.event,
        actor,
        fields=["status"] if first.opens else [],
        data={"message": str(message.uid)},
    )
    return [created, replied]


def ticket_open(*, data: TicketData, actor: Actor) -> Opened:
    """Open a ticket with its first message; return it with the message and the SLA
    clocks started. Raises Forbidden or FieldErrors."""
    require_ticket_staff(actor)
    checked = _check(data)
    with transaction.atomic(savepoint=False):
        return _write(data, checked, actor)


def _write(data: TicketData, checked: Checked, actor: Actor) -> Opened:
    now = timezone.now()
    at = data.created_at or now
    language = ticket_language(
        checked.language, data.customer, data.message, checked.body.text, checked.channel_language
    )
    routed = (
        Routed(data.team, "given")
        if data.team is not None
        else route(
            customer=data.customer,
            language=language.code,
            channel=data.channel,
            tags=checked.tags,
            now=at,
        )
    )
    assignee = _assign(data, routed, language.code, at)
    first = first_message(data.message, at)
    ticket = Ticket(
        subject=checked.subject,
        channel=data.channel,
        priority=data.priority,
        customer=data.customer,
        team=routed.team,
        assignee=assignee,
        language=language.code,
        tags=checked.tags,
        skills=list(routed.skills),
        status=first.status,
        version=2 if first.opens else 1,
        customer_reply_count=first.customer_reply_count,
        agent_reply_count=first.agent_reply_count,
        first_response_at=first.first_response_at,
        created_at=at,
        updated_at=now,
    )
    clocks = sla.clocks_plan(ticket, at, answered=first.answers)
    ticket.sla_due_at = clocks.due_at
    if not Ticket.numbered_on_insert():
        ticket.number = next_number()
    _insert_as_planned(ticket)
    sla.clocks_insert(clocks, ticket)
    message = _message(ticket, data.message, checked.body, actor)
    message.save(force_insert=True)
    attachments_claim(message=message, uids=data.message.attachments, actor=actor)
    creation = {
        "number": ticket.number,
        "routing": routed.reason,
        "auto_assigned": assignee is not None and data.assignee is None,
        "sla_policy": clocks.policy.name if clocks.policy else None,
        "language": language.source,
    }
    events_announce(
        TicketEvent.objects.bulk_create(_events(ticket, message, first, actor, creation))
    )
    timeline_record(ticket, CustomerEvent.Kind.TICKET_CREATED, actor, at)
    message_added.send(sender=Ticket, ticket=ticket, message=message, new_ticket=True)
    return Opened(ticket, message, clocks.clocks, language.source)


def ticket_create(*, data: TicketData, actor: Actor) -> Ticket:
    """Open a ticket with its first message. Raises Forbidden or FieldErrors."""
    return ticket_open(data=data, actor=actor).ticket
