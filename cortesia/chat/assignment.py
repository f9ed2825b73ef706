"""Who answers a chat: an agent of its team who is on shift now, speaks its language, has
the skills its ticket needs (``tickets.assignment``, the same rules as tickets), has their
console open (``chat.presence``) and has fewer chats than their limit. Among those, the one
with the fewest chats, then the one who waited longest for one. Nobody fits: the chat
waits in the team's queue."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count

from cortesia.accounts.models import User
from cortesia.chat.events import event_record
from cortesia.chat.models import ChatEvent, Conversation
from cortesia.chat.presence import accepting_agents
from cortesia.core.actor import Actor
from cortesia.tickets.assignment import eligible_agents, note_assignment
from cortesia.tickets.services import TicketChanges, ticket_update

Status = Conversation.Status


def conversation_assign(
    *, conversation: Conversation, agent: User, actor: Actor, at: datetime
) -> None:
    """Give the (locked) conversation and its ticket to ``agent`` and announce it.
    Raises FieldErrors when the agent is not in the ticket's team."""
    ticket_update(
        ticket=conversation.ticket,
        changes=TicketChanges(assignee=agent),
        expected_version=None,
        actor=actor,
    )
    conversation.status = Status.ACTIVE
    conversation.assignee = agent
    conversation.save(update_fields=["status", "assignee", "updated_at"])
    event_record(
        conversation=conversation,
        kind=ChatEvent.Kind.ASSIGNED,
        payload={"agent": agent.first_name},
        at=at,
    )


def open_chats(user_ids: list[int]) -> dict[int, int]:
    return dict(
        Conversation.objects.filter(assignee_id__in=user_ids, status=Status.ACTIVE)
        .values_list("assignee_id")
        .annotate(n=Count("pk"))
        .values_list("assignee_id", "n")
    )


def chat_candidate(conversation: Conversation, at: datetime) -> User | None:
    """Return the agent who should take the chat now, or None (it waits)."""
    team = conversation.team
    if team is None:
        return None
    ticket = conversation.ticket
    agents = eligible_agents(team, conversation.language, at, tuple(ticket.skills))
    limits = accepting_agents([agent.pk for agent in agents], at)
    counts = open_chats(list(limits))
    free = [a for a in agents if a.pk in limits and counts.get(a.pk, 0) < limits[a.pk]]
    if not free:
        return None

    def last_given(user: User) -> float:
        profile = getattr(user, "agent_profile", None)
        given = profile.last_assigned_at if profile else None
        return given.timestamp() if given else float("-inf")

    return min(free, key=lambda a: (counts.get(a.pk, 0), last_given(a), a.pk))


def chat_offer(*, conversation: Conversation, at: datetime) -> User | None:
    """Assign the (locked, waiting) conversation to the agent who should take it now, if
    anyone; return that agent."""
    agent = chat_candidate(conversation, at)
    if agent is not None:
        note_assignment(agent, at)
        conversation_assign(conversation=conversation, agent=agent, actor=Actor.system(), at=at)
    return agent
