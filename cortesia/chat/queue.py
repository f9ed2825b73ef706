"""The chat queue, kept by every task worker on a timer (``chat_queue_run``):

1. An active chat whose agent went offline (their console stopped beating) or whose shift
   ended goes back to its team's queue, with a note saying why. (An agent with no shifts
   at all keeps the chats they took while they are online.)
2. Waiting chats, oldest first, are offered to agents who can take them now (someone came
   online, finished a chat or started a shift).
3. Each waiting visitor is told their place in the queue when it changes.

Each chat is handled in its own transaction with its row locked (``skip_locked``: a chat
another worker holds is left to it), and every step re-checks the state it acts on, so
several workers may run this at once.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cortesia.accounts.models import User
from cortesia.chat.assignment import chat_offer, open_chats, staff_language, system_note
from cortesia.chat.events import event_of, event_record, events_record
from cortesia.chat.models import AgentPresence, ChatEvent, Conversation
from cortesia.chat.presence import online_agents, online_since
from cortesia.core.actor import Actor
from cortesia.tickets.assignment import is_on_shift, on_shift_now, shifts_of
from cortesia.tickets.inputs import TicketChanges
from cortesia.tickets.models import AgentShift
from cortesia.tickets.services import ticket_update

Status = Conversation.Status
BATCH = 200


def _requeue(conversation: Conversation, agent: User, reason: str, at: datetime) -> None:
    with translation.override(staff_language(conversation)):
        if reason == "offline":
            text = _("%(agent)s went offline: the chat is back in the queue.")
        else:
            text = _("%(agent)s's shift ended: the chat is back in the queue.")
        text %= {"agent": agent.display_name}
    ticket_update(
        ticket=conversation.ticket,
        changes=TicketChanges(clear_assignee=True),
        expected_version=None,
        actor=Actor.system(),
    )
    conversation.status = Status.WAITING
    conversation.assignee = None
    conversation.queued_at = at
    conversation.save(update_fields=["status", "assignee", "queued_at", "updated_at"])
    system_note(conversation, text, at)
    event_record(
        conversation=conversation, kind=ChatEvent.Kind.QUEUED, payload={"reason": reason}, at=at
    )


def _locked(pk: int, status: str) -> Conversation | None:
    return (
        Conversation.objects.select_for_update(of=("self",), skip_locked=True)
        .select_related("ticket", "team", "assignee")
        .filter(pk=pk, status=status)
        .first()
    )


def chats_requeue(*, now: datetime) -> int:
    """Return to the queue the active chats of agents now offline or off shift."""
    # every active chat: there are at most as many as the agents' limits allow
    active = list(
        Conversation.objects.filter(status=Status.ACTIVE).select_related("assignee").order_by("pk")
    )
    agents = list({c.assignee.pk: c.assignee for c in active if c.assignee}.values())
    online = online_agents([a.pk for a in agents], now)
    # An agent with no shifts at all works when they are online; one with shifts, on them.
    shifts = shifts_of(agents)
    with_shifts = {user_id for user_id, rows in shifts.items() if rows}
    on_shift = {agent.pk for agent in on_shift_now(agents, now)}
    moved = 0
    for conversation in active:
        agent_id = conversation.assignee_id
        working = agent_id in on_shift or agent_id not in with_shifts
        if agent_id is not None and not working and not _shift_ended_since(conversation, shifts):
            working = True  # taken off shift by choice: kept while the agent is online
        if agent_id is None or (agent_id in online and working):
            continue
        reason = "offline" if agent_id not in online else "shift_ended"
        with transaction.atomic():
            locked = _locked(conversation.pk, Status.ACTIVE)
            if locked is None or locked.assignee is None or locked.assignee_id != agent_id:
                continue
            _requeue(locked, locked.assignee, reason, now)
            moved += 1
    return moved


def _shift_ended_since(conversation: Conversation, shifts: dict[int, list[AgentShift]]) -> bool:
    """Whether the agent was on shift when the chat became theirs (so their shift has
    ended since); True when that moment is unknown."""
    agent, taken = conversation.assignee, conversation.assigned_at
    if agent is None or taken is None:
        return True
    return is_on_shift(agent, shifts[agent.pk], taken)


def free_slots(team_ids: set[int], now: datetime) -> dict[int, int]:
    """Return, per team, how many more chats its members who are online and accepting
    chats could take now (shifts and languages are checked per chat, later)."""
    members = list(
        AgentPresence.objects.filter(
            user__teams__in=team_ids,
            user__is_active=True,
            is_accepting=True,
            last_seen_at__gt=online_since(now),
        ).values_list("user__teams", "user_id", "chat_limit")
    )
    busy = open_chats(list({user_id for _team, user_id, _limit in members}))
    slots: dict[int, int] = {}
    for team_id, user_id, limit in members:
        if team_id in team_ids:
            slots[team_id] = slots.get(team_id, 0) + max(0, limit - busy.get(user_id, 0))
    return slots


def chats_offer(*, now: datetime) -> int:
    """Offer waiting chats, oldest first, to agents who can take them; return how many
    were taken. Teams where nobody online has room are skipped without reading their
    chats one by one, so a long queue costs one query while everyone is busy."""
    waiting = list(
        Conversation.objects.filter(status=Status.WAITING, team__isnull=False)
        .order_by("queued_at", "pk")
        .values_list("pk", "team_id", "language", "ticket__skills")[:BATCH]
    )
    slots = free_slots({team_id for _pk, team_id, _language, _skills in waiting}, now)
    # Chats of one team, language and skills get the same answer at one instant: once
    # nobody can take one of them, the others are not tried.
    nobody: set[tuple[int, str, tuple[str, ...]]] = set()
    taken = 0
    for pk, team_id, language, skills in waiting:
        group = (team_id, language, tuple(skills))
        if slots.get(team_id, 0) <= 0 or group in nobody:
            continue
        with transaction.atomic():
            locked = _locked(pk, Status.WAITING)
            if locked is None:
                continue
            if chat_offer(conversation=locked, at=now) is None:
                nobody.add(group)
            else:
                taken += 1
                slots[team_id] -= 1
    return taken


def queue_positions_announce(*, now: datetime) -> int:
    """Tell each waiting visitor their place in their team's queue when it changed, in one
    transaction for all of them; return how many were told."""
    waiting = list(
        Conversation.objects.filter(status=Status.WAITING)
        .order_by("team_id", "queued_at", "pk")
        .values_list("pk", "team_id", "queue_position")
    )
    places: dict[int, int] = {}
    place, team = 0, object()
    for pk, team_id, known in waiting:
        place = place + 1 if team_id == team else 1
        team = team_id
        if place != known:
            places[pk] = place
    if not places:
        return 0
    with transaction.atomic():
        locked = list(
            Conversation.objects.select_for_update(skip_locked=True)
            .filter(pk__in=list(places), status=Status.WAITING)
            .order_by("pk")
        )
        for conversation in locked:
            conversation.queue_position = places[conversation.pk]
        Conversation.objects.bulk_update(locked, ["queue_position"])
        events_record(
            [
                event_of(
                    conversation=conversation,
                    kind=ChatEvent.Kind.QUEUED,
                    payload={"position": conversation.queue_position},
                    at=now,
                )
                for conversation in locked
            ]
        )
    return len(locked)


def chat_queue_run(now: datetime | None = None) -> int:
    """The periodic job: requeue, offer, then announce places; return the chats moved."""
    now = now or timezone.now()
    moved = chats_requeue(now=now) + chats_offer(now=now)
    queue_positions_announce(now=now)
    return moved
