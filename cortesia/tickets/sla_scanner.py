"""The SLA scanner: records warnings and breaches of running clocks as ticket events.

Each alarm is claimed with a conditional update and recorded in its own transaction, so
several scanners (one per worker) never record the same alarm twice. A breach then
escalates as its policy says: priority one step up, back to the team queue, and a mail
to the people who should act (sent by a task after the commit).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from cortesia.core.actor import Actor
from cortesia.sla.clocks import clock_claim_due
from cortesia.sla.models import SlaPolicy
from cortesia.tickets.models import Ticket, TicketEvent
from cortesia.tickets.recording import events_announce
from cortesia.tickets.services import TicketChanges, ticket_update
from cortesia.tickets.tasks import notify_sla_breach

NEXT_PRIORITY = {"low": "normal", "normal": "high", "high": "urgent"}


def _escalate(ticket_id: int, policy: SlaPolicy) -> None:
    """Apply the policy's breach escalations, recorded as a change by the system."""
    ticket = Ticket.objects.get(pk=ticket_id)
    changes = TicketChanges()
    if policy.breach_raises_priority and ticket.priority in NEXT_PRIORITY:
        changes.priority = NEXT_PRIORITY[ticket.priority]
    # A chat stays with the agent answering it live: the chat app requeues chats itself,
    # with their live state (an agent who went offline or off shift).
    is_chat = ticket.channel == Ticket.Channel.CHAT
    if policy.breach_unassigns and ticket.assignee_id is not None and not is_chat:
        changes.clear_assignee = True
    if changes.priority or changes.clear_assignee:
        ticket_update(ticket=ticket, changes=changes, expected_version=None, actor=Actor.system())


def _notify_after_commit(event_id: int) -> None:
    transaction.on_commit(lambda: notify_sla_breach.enqueue(event_id=event_id))


def sla_scan(*, now: datetime | None = None, limit: int = 10_000) -> int:
    """Record every SLA warning and breach due by ``now`` (at most ``limit``); return how
    many were recorded."""
    now = now or timezone.now()
    recorded = 0
    while recorded < limit:
        with transaction.atomic():
            alarm = clock_claim_due(now)
            if alarm is None:
                return recorded
            clock = alarm.clock
            event = TicketEvent.objects.create(
                ticket_id=clock.ticket_id,
                kind=TicketEvent.Kind.SLA_BREACHED
                if alarm.kind == "breach"
                else TicketEvent.Kind.SLA_WARNING,
                version=Ticket.objects.values_list("version", flat=True).get(pk=clock.ticket_id),
                data={
                    "target": clock.target,
                    "due_at": clock.due_at.isoformat() if clock.due_at else None,
                },
            )
            events_announce([event])
            if alarm.kind == "breach" and clock.policy is not None:
                _escalate(clock.ticket_id, clock.policy)
                if clock.policy.breach_notifies:
                    _notify_after_commit(event.pk)
        recorded += 1
    return recorded
