"""Merge a duplicate ticket into another, and link related tickets."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict
from cortesia.sla import clocks as sla
from cortesia.tickets.models import Ticket, TicketEvent, TicketLink, TicketMessage
from cortesia.tickets.recording import events_announce
from cortesia.tickets.services import require_ticket_staff, sync_sla_due


def _event(ticket: Ticket, kind: TicketEvent.Kind, actor: Actor, data: dict[str, object]) -> None:
    event = TicketEvent.objects.create(
        ticket=ticket, kind=kind, actor=actor.user, version=ticket.version, data=data
    )
    events_announce([event])


@transaction.atomic
def ticket_merge(*, source: Ticket, target: Ticket, actor: Actor) -> Ticket:
    """Move the conversation of ``source`` into ``target`` and close ``source`` as merged.

    Raises Forbidden, or Conflict when merging a ticket into itself, into a closed or merged
    ticket, or a ticket of another customer."""
    require_ticket_staff(actor)
    locked = {
        ticket.pk: ticket
        for ticket in Ticket.objects.select_for_update().filter(pk__in=[source.pk, target.pk])
    }
    source, target = locked[source.pk], locked[target.pk]
    if (
        source.pk == target.pk
        or source.merged_into_id
        or target.merged_into_id
        or target.status == Ticket.Status.CLOSED
    ):
        raise Conflict(_("These tickets cannot be merged."), code="invalid_merge")
    if source.customer_id != target.customer_id:
        raise Conflict(_("Only tickets of the same customer can be merged."), code="invalid_merge")
    moved = TicketMessage.objects.filter(ticket=source).update(ticket=target)
    now = timezone.now()
    sla.on_status(source, source.status, Ticket.Status.CLOSED, now)
    Ticket.objects.filter(pk=source.pk).update(
        merged_into=target, status=Ticket.Status.CLOSED, version=F("version") + 1
    )
    source.refresh_from_db()
    sync_sla_due(source)
    Ticket.objects.filter(pk=target.pk).update(
        customer_reply_count=F("customer_reply_count") + source.customer_reply_count,
        agent_reply_count=F("agent_reply_count") + source.agent_reply_count,
    )
    _event(source, TicketEvent.Kind.MERGED, actor, {"into": target.number, "messages": moved})
    _event(target, TicketEvent.Kind.MERGED, actor, {"from": source.number, "messages": moved})
    target.refresh_from_db()
    return target


@transaction.atomic
def ticket_link(*, ticket: Ticket, other: Ticket, actor: Actor) -> bool:
    """Link two tickets as related; return False when they were linked already."""
    require_ticket_staff(actor)
    if ticket.pk == other.pk:
        raise Conflict(_("A ticket cannot be linked to itself."), code="invalid_link")
    first, second = sorted((ticket, other), key=lambda t: t.pk)
    try:
        with transaction.atomic():
            TicketLink.objects.create(first=first, second=second)
    except IntegrityError:
        return False
    _event(ticket, TicketEvent.Kind.LINKED, actor, {"ticket": other.number})
    _event(other, TicketEvent.Kind.LINKED, actor, {"ticket": ticket.number})
    return True
