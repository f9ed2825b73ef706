"""A chat's ticket changed outside the chat (the ticket page, a bulk change, an automation):
the live conversation follows it once the change commits.

- Solved or closed: the chat ends (the visitor is told).
- Another team: the chat waits in that team's queue, unless the change also named an
  agent.
- Another agent: the chat is theirs; no agent: it waits in the queue.

The chat's own services change the ticket and the conversation together, so when this
runs after them it finds nothing to do.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from cortesia.chat.events import event_record
from cortesia.chat.models import ChatEvent, Conversation
from cortesia.tickets.models import Ticket, TicketEvent

Status = Conversation.Status
FOLLOWED = {"assignee", "team", "status"}
CLOSING = (Ticket.Status.SOLVED, Ticket.Status.CLOSED)


def on_events_recorded(sender: object, *, events: list[TicketEvent], **kwargs: object) -> None:
    """Follow changes of a ticket's assignee, team or status once they commit."""
    changed = [
        event.ticket_id
        for event in events
        # the event carries its ticket (made with it): no read for other channels
        if FOLLOWED & set(event.fields or ()) and event.ticket.channel == Ticket.Channel.CHAT
    ]
    if changed:
        ticket_id = changed[0]  # one change is of one ticket
        transaction.on_commit(lambda: conversation_follow_ticket(ticket_id=ticket_id))


@transaction.atomic
def conversation_follow_ticket(*, ticket_id: int) -> bool:
    """Bring the open conversation of ticket ``ticket_id`` in line with it; return True
    when anything changed."""
    conversation = (
        Conversation.objects.select_for_update(of=("self",))
        .select_related("ticket")
        .filter(ticket_id=ticket_id, status__in=(Status.BOT, Status.WAITING, Status.ACTIVE))
        .first()
    )
    if conversation is None:
        return False
    ticket, now = conversation.ticket, timezone.now()
    if ticket.status in CLOSING:
        conversation.status, conversation.ended_at = Status.ENDED, now
        conversation.save(update_fields=["status", "ended_at", "updated_at"])
        event_record(
            conversation=conversation, kind=ChatEvent.Kind.ENDED, payload={"by": "agent"}, at=now
        )
        return True
    same = (ticket.team_id, ticket.assignee_id) == (conversation.team_id, conversation.assignee_id)
    if same:
        return False
    conversation.team_id, conversation.assignee_id = ticket.team_id, ticket.assignee_id
    if ticket.assignee_id is None:
        conversation.status, conversation.queued_at = Status.WAITING, now
        conversation.save(update_fields=["team", "assignee", "status", "queued_at", "updated_at"])
        event_record(
            conversation=conversation,
            kind=ChatEvent.Kind.QUEUED,
            payload={"reason": "ticket"},
            at=now,
        )
        return True
    conversation.status = Status.ACTIVE
    conversation.save(update_fields=["team", "assignee", "status", "updated_at"])
    name = ticket.assignee.first_name if ticket.assignee else ""
    event_record(
        conversation=conversation, kind=ChatEvent.Kind.ASSIGNED, payload={"agent": name}, at=now
    )
    return True
