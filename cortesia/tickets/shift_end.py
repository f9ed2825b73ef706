"""When an agent's shift ends, their untouched tickets go back to the team queue (for
teams that ask for it): run by every worker on a timer."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cortesia.core.actor import Actor
from cortesia.tickets.assignment import is_on_shift, shifts_of
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import TicketChanges, ticket_update


def return_off_shift_tickets(*, now: datetime | None = None) -> int:
    """Put back in their team's queue the untouched open tickets (no agent reply yet) of
    agents now off shift, in teams that ask for it; return how many moved."""
    now = now or timezone.now()
    candidates = Ticket.objects.filter(
        Q(team__routing__return_on_shift_end=True),
        assignee__isnull=False,
        status__in=(Ticket.Status.NEW, Ticket.Status.OPEN),
        agent_reply_count=0,
    ).select_related("assignee")
    tickets = list(candidates)
    shifts = shifts_of([t.assignee for t in tickets if t.assignee is not None])
    moved = 0
    for ticket in tickets:
        agent = ticket.assignee
        if agent is None or is_on_shift(agent, shifts[agent.pk], now):
            continue
        with transaction.atomic():
            ticket_update(
                ticket=ticket,
                changes=TicketChanges(clear_assignee=True),
                expected_version=None,
                actor=Actor.system(),
            )
        moved += 1
    return moved
