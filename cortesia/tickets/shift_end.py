"""When an agent's shift ends, their untouched tickets go back to the team queue (for
teams that ask for it): run by every worker on a timer."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cortesia.core.actor import Actor
from cortesia.tickets.assignment import on_shift_now
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import TicketChanges, ticket_update


def return_off_shift_tickets(*, now: datetime | None = None) -> int:
    """Put back in their team's queue the untouched open tickets (no agent reply yet) of
    agents now off shift (or on leave), in teams that ask for it; return how many moved."""
    now = now or timezone.now()
    candidates = (
        Ticket.objects.filter(
            Q(team__routing__return_on_shift_end=True),
            assignee__isnull=False,
            status__in=(Ticket.Status.NEW, Ticket.Status.OPEN),
            agent_reply_count=0,
        )
        .exclude(
            # a chat goes back to the queue with its live state, by the chat app (chat.queue)
            channel=Ticket.Channel.CHAT
        )
        .select_related("assignee")
    )
    tickets = list(candidates)
    agents = list({t.assignee.pk: t.assignee for t in tickets if t.assignee is not None}.values())
    on_shift = {agent.pk for agent in on_shift_now(agents, now)}
    moved = 0
    for ticket in tickets:
        agent = ticket.assignee
        if agent is None or agent.pk in on_shift:
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
