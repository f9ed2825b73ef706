"""Reads of tickets, scoped by who asks: a ticket outside the viewer's reach is NotFound,
exactly like a ticket that does not exist."""

from __future__ import annotations

import uuid

from django.db.models import Prefetch, Q, QuerySet

from cortesia.accounts.models import Role, User
from cortesia.core.errors import NotFound
from cortesia.sla.models import SlaClock
from cortesia.tickets.models import Ticket, TicketEvent, TicketMessage

TICKET_ROLES = frozenset({Role.ADMIN, Role.MANAGER, Role.AGENT})


def ticket_list(*, viewer: User) -> QuerySet[Ticket]:
    """Return the tickets ``viewer`` may see: admins all; managers their teams' and those
    with no team yet (triage); agents their teams'; anyone else none."""
    if not viewer.is_active or viewer.role not in TICKET_ROLES:
        return Ticket.objects.none()
    tickets = Ticket.objects.select_related("customer", "team", "assignee").prefetch_related(
        Prefetch("sla_clocks", queryset=SlaClock.objects.select_related("calendar").order_by("id"))
    )
    if viewer.role == Role.ADMIN:
        return tickets
    in_my_teams = Q(team__in=viewer.teams.values("pk"))
    if viewer.role == Role.MANAGER:
        return tickets.filter(in_my_teams | Q(team__isnull=True))
    return tickets.filter(in_my_teams)


def ticket_get(*, viewer: User, uid: str) -> Ticket:
    try:
        return ticket_list(viewer=viewer).get(uid=uuid.UUID(str(uid)))
    except (ValueError, Ticket.DoesNotExist):
        raise NotFound("ticket") from None


def ticket_messages(*, ticket: Ticket, include_notes: bool = True) -> QuerySet[TicketMessage]:
    """Return the conversation; callers that show it to a customer pass include_notes=False."""
    messages = ticket.messages.select_related("author")
    return messages if include_notes else messages.filter(kind=TicketMessage.Kind.REPLY)


def ticket_events(*, ticket: Ticket) -> QuerySet[TicketEvent]:
    return ticket.events.select_related("actor")
