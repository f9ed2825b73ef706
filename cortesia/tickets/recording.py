"""What every ticket write records beside its change: the ticket's event (in the same
transaction, announced to the apps above), the customer's timeline entry, and the
ticket's copy of its nearest SLA deadline (the inbox sorts by it)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.utils import timezone

from cortesia.core.actor import Actor
from cortesia.customers.models import CustomerEvent
from cortesia.customers.services import customer_event_record
from cortesia.sla import clocks as sla
from cortesia.tickets.models import Ticket, TicketEvent
from cortesia.tickets.signals import events_recorded

# The automation rule acting, if any ({"kind", "uid", "name"}): every event recorded while
# it acts carries it under data["rule"], so the history names the rule behind a change.
_acting_rule: ContextVar[dict[str, str] | None] = ContextVar("acting_rule", default=None)


@contextmanager
def rule_acting(rule: dict[str, str]) -> Iterator[None]:
    """Name ``rule`` in the data of every event recorded inside the block."""
    token = _acting_rule.set(rule)
    try:
        yield
    finally:
        _acting_rule.reset(token)


def event_of(
    ticket: Ticket,
    kind: TicketEvent.Kind,
    actor: Actor,
    *,
    fields: list[str] | None = None,
    data: dict[str, object] | None = None,
    at: datetime | None = None,
) -> TicketEvent:
    """Return the (unsaved) event of a change; ``at`` is when it happened (a ticket
    imported with its history), else now."""
    rule = _acting_rule.get()
    if rule is not None:
        data = {**(data or {}), "rule": rule}
    return TicketEvent(
        ticket=ticket,
        kind=kind,
        actor=actor.user,
        version=ticket.version,
        fields=fields or [],
        data=data or {},
        occurred_at=at or timezone.now(),
    )


def event_record(
    ticket: Ticket,
    kind: TicketEvent.Kind,
    actor: Actor,
    *,
    fields: list[str] | None = None,
    data: dict[str, object] | None = None,
    at: datetime | None = None,
) -> TicketEvent:
    """Write the event of a change (see :func:`event_of`) and announce it."""
    event = event_of(ticket, kind, actor, fields=fields, data=data, at=at)
    event.save(force_insert=True)
    events_announce([event])
    return event


def events_announce(events: list[TicketEvent]) -> None:
    """Tell the apps above (``tickets.signals.events_recorded``) about saved ``events``,
    inside the transaction that wrote them."""
    if events:
        events_recorded.send(sender=TicketEvent, events=events)


def timeline_record(
    ticket: Ticket, kind: CustomerEvent.Kind, actor: Actor, at: datetime | None = None
) -> None:
    customer_event_record(
        customer=ticket.customer,
        kind=kind,
        actor=actor,
        data={"ticket": str(ticket.uid), "number": ticket.number, "subject": ticket.subject},
        occurred_at=at,
    )


def sync_sla_due(ticket: Ticket) -> None:
    """Copy the nearest running SLA deadline onto the ticket (the inbox sorts by it)."""
    due = sla.next_due(ticket)
    if due != ticket.sla_due_at:
        Ticket.objects.filter(pk=ticket.pk).update(sla_due_at=due)
        ticket.sla_due_at = due
