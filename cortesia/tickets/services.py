"""Every write to tickets. Each change records a TicketEvent in the same transaction.

Opening a ticket is :mod:`cortesia.tickets.creation`, changing its fields
:mod:`cortesia.tickets.updates`; both are offered here with the messages, which are never
refused for being late (no lost replies).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict
from cortesia.customers.validation import ProfileCheck
from cortesia.localization.selectors import business_register_defaults
from cortesia.sla import clocks as sla
from cortesia.tickets.attachments import attachments_claim
from cortesia.tickets.composer import has_own_words, reply_frame
from cortesia.tickets.creation import ticket_create
from cortesia.tickets.inputs import (
    MAX_BODY,
    Body,
    MessageData,
    TicketChanges,
    TicketData,
    check_message,
    require_ticket_staff,
)
from cortesia.tickets.models import Ticket, TicketEvent, TicketMessage
from cortesia.tickets.recording import event_record, sync_sla_due
from cortesia.tickets.signals import message_added
from cortesia.tickets.updates import ticket_update

__all__ = [
    "MAX_BODY",
    "MessageData",
    "TicketChanges",
    "TicketData",
    "is_agent_reply",
    "message_add",
    "message_delivery_record",
    "require_ticket_staff",
    "sync_sla_due",
    "ticket_create",
    "ticket_delivery_failure_record",
    "ticket_update",
]

NOTHING_OF_YOUR_OWN = gettext_lazy(
    "Write your reply: the greeting, the closing and the signature alone are not sent."
)


def _add_message(
    ticket: Ticket, data: MessageData, body: Body, actor: Actor, at: datetime
) -> TicketMessage:
    message = TicketMessage.objects.create(
        ticket=ticket,
        kind=data.kind,
        author_kind=data.author_kind,
        author=actor.user if data.author_kind == TicketMessage.Author.AGENT else None,
        body_html=body.markup,
        body_text=body.text,
        created_at=at,
        call_direction=data.call_direction,
        call_seconds=data.call_seconds,
    )
    attachments_claim(message=message, uids=data.attachments, actor=actor)
    _apply_message_effects(ticket, message, actor)
    message_added.send(sender=Ticket, ticket=ticket, message=message, new_ticket=False)
    return message


def _message_clocks(ticket: Ticket, message: TicketMessage, changes: dict[str, object]) -> bool:
    """Move the SLA clocks for a message; return True when any clock may have changed."""
    if message.kind == TicketMessage.Kind.NOTE:
        return False
    moved = "status" in changes
    if moved:
        sla.on_status(ticket, ticket.status, str(changes["status"]), message.created_at)
    if message.author_kind == TicketMessage.Author.AGENT:
        sla.on_agent_reply(ticket, message.created_at)
        return True
    if message.author_kind == TicketMessage.Author.CUSTOMER:
        return sla.on_customer_reply(ticket, message.created_at) or moved
    return moved


def _apply_message_effects(ticket: Ticket, message: TicketMessage, actor: Actor) -> None:
    """Update status, counters and the SLA deadline a message implies, and record it."""
    changes: dict[str, object] = {}
    kind = TicketEvent.Kind.NOTED
    if message.kind == TicketMessage.Kind.NOTE:
        pass
    elif message.author_kind == TicketMessage.Author.CUSTOMER:
        kind = TicketEvent.Kind.CUSTOMER_REPLIED
        changes["customer_reply_count"] = ticket.customer_reply_count + 1
        if ticket.status == Ticket.Status.CLOSED:
            raise Conflict(
                _("This ticket is closed. Open a follow-up ticket instead."), code="ticket_closed"
            )
        if ticket.status == Ticket.Status.SOLVED:
            kind = TicketEvent.Kind.REOPENED
            changes.update(status=Ticket.Status.OPEN, reopen_count=ticket.reopen_count + 1)
        elif ticket.status == Ticket.Status.PENDING:
            changes["status"] = Ticket.Status.OPEN
    else:
        kind = TicketEvent.Kind.REPLIED
        changes["agent_reply_count"] = ticket.agent_reply_count + 1
        if ticket.first_response_at is None and message.author_kind == TicketMessage.Author.AGENT:
            changes["first_response_at"] = message.created_at
        if ticket.status == Ticket.Status.NEW:
            changes["status"] = Ticket.Status.OPEN
    if _message_clocks(ticket, message, changes):
        changes["sla_due_at"] = sla.next_due(ticket)
    if changes.get("sla_due_at", ticket.sla_due_at) == ticket.sla_due_at:
        changes.pop("sla_due_at", None)
    fields = ["status"] if "status" in changes else []
    if fields:
        changes["version"] = ticket.version + 1
        if ticket.status == Ticket.Status.SOLVED:
            changes["solved_at"] = None
    for name, value in changes.items():
        setattr(ticket, name, value)
    if changes:
        ticket.save(update_fields=[*changes, "updated_at"])
    event_record(ticket, kind, actor, fields=fields, data={"message": str(message.uid)})


@transaction.atomic
def message_add(*, ticket: Ticket, data: MessageData, actor: Actor) -> TicketMessage:
    """Add a reply or note. Never refused for being late (no lost replies); refused for a
    closed ticket when the customer writes, and for an agent's public reply with no words
    of the agent's own (only the greeting, closing and signature). Raises Forbidden,
    FieldErrors or Conflict."""
    require_ticket_staff(actor)
    check = ProfileCheck()
    body = check_message(check, data)
    # A chat message is sent as written (no greeting, closing or signature around it).
    if body.text and is_agent_reply(data) and ticket.channel != Ticket.Channel.CHAT:
        frame = reply_frame(ticket, actor.user, business_register_defaults())
        if not has_own_words(body.text, frame):
            check.fail("body", str(NOTHING_OF_YOUR_OWN))
    check.raise_if_any()
    locked = (
        Ticket.objects.select_related("customer").select_for_update(of=("self",)).get(pk=ticket.pk)
    )
    return _add_message(locked, data, body, actor, timezone.now())


def is_agent_reply(data: MessageData) -> bool:
    return (
        data.kind == TicketMessage.Kind.REPLY
        and data.author_kind == TicketMessage.Author.AGENT
        and not data.call_direction
    )


def message_delivery_record(*, message_id: int, state: str, detail: str = "") -> None:
    """Note how the e-mail carrying a message is doing (the mail channel calls this when
    it queues, sends, retries or loses it)."""
    TicketMessage.objects.filter(pk=message_id).update(delivery=state, delivery_detail=detail[:300])


def ticket_delivery_failure_record(
    *, ticket_id: int, detail: dict[str, object], actor: Actor
) -> Ticket:
    """Note on a ticket's history that a mail sent for it came back undelivered (the mail
    channel calls this for a bounce); return the ticket."""
    ticket = Ticket.objects.get(pk=ticket_id)
    event_record(ticket, TicketEvent.Kind.DELIVERY_FAILED, actor, data=detail)
    return ticket
