"""Who answers a chat: an agent of its team who is on shift now, speaks its language, has
the skills its ticket needs (``tickets.assignment``, the same rules as tickets), has their
console open (``chat.presence``) and has fewer chats than their limit. Among those, the one
with the fewest chats, then the one who waited longest for one. Nobody fits: the chat
waits in the team's queue."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from cortesia.accounts.models import Team, User
from cortesia.chat.events import event_record
from cortesia.chat.models import ChatEvent, Conversation
from cortesia.chat.presence import accepting_agents
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, FieldErrors
from cortesia.localization.selectors import spoken_base
from cortesia.tickets.assignment import eligible_agents, note_assignment
from cortesia.tickets.inputs import MessageData
from cortesia.tickets.models import TicketMessage
from cortesia.tickets.services import TicketChanges, message_add, ticket_update

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
    conversation.assigned_at = at
    conversation.save(update_fields=["status", "assignee", "assigned_at", "updated_at"])
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


def staff_language(conversation: Conversation) -> str:
    """The language the chat's team reads, for what the system writes to its agents."""
    team = conversation.team
    return spoken_base(*(team.languages if team else []), conversation.language) or "en"


def system_note(conversation: Conversation, text: str, at: datetime) -> None:
    """Write an internal note from the system on the chat's ticket and show it in the
    console (the visitor never sees it)."""
    note = message_add(
        ticket=conversation.ticket,
        data=MessageData(
            body_text=text, kind=TicketMessage.Kind.NOTE, author_kind=TicketMessage.Author.SYSTEM
        ),
        actor=Actor.system(),
    )
    event_record(
        conversation=conversation,
        kind=ChatEvent.Kind.NOTE,
        payload={
            "message": str(note.uid),
            "author": "system",
            "name": "",
            "text": text,
            "at": note.created_at.isoformat(),
        },
        at=at,
        is_internal=True,
    )


@transaction.atomic
def chat_transfer(
    *, conversation: Conversation, actor: Actor, agent: User | None = None, team: Team | None = None
) -> Conversation:
    """Hand a waiting or active chat to ``agent`` (of its team), or to ``team``'s queue.
    Raises FieldErrors (an agent outside the team, nothing given) or Conflict (ended)."""
    locked = (
        Conversation.objects.select_for_update(of=("self",))
        .select_related("ticket", "assignee")
        .get(pk=conversation.pk)
    )
    if locked.status == Status.ENDED:
        raise Conflict(_("This chat has ended."), code="chat_ended")
    now = timezone.now()
    who = actor.user.display_name if actor.user else ""
    if agent is not None:
        conversation_assign(conversation=locked, agent=agent, actor=actor, at=now)
        text = _("%(who)s handed the chat to %(agent)s.") % {
            "who": who,
            "agent": agent.display_name,
        }
    elif team is not None:
        ticket_update(
            ticket=locked.ticket,
            changes=TicketChanges(team=team, clear_assignee=True),
            expected_version=None,
            actor=actor,
        )
        locked.status, locked.assignee, locked.team, locked.queued_at = (
            Status.WAITING,
            None,
            team,
            now,
        )
        locked.save(update_fields=["status", "assignee", "team", "queued_at", "updated_at"])
        event_record(
            conversation=locked, kind=ChatEvent.Kind.QUEUED, payload={"reason": "transfer"}, at=now
        )
        text = _("%(who)s handed the chat to the team %(team)s.") % {"who": who, "team": team.name}
    else:
        raise FieldErrors({"agent": _("Name an agent or a team to hand the chat to.")})
    system_note(locked, text, now)
    return locked
