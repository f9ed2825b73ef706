"""Which agents are online for chat: their console's stream beats every ``BEAT_SECONDS``;
an agent is online while their last beat is under ``ONLINE_SECONDS`` old (three missed
beats), and takes new chats only while they accept them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from cortesia.chat.models import AgentPresence

BEAT_SECONDS = 15
ONLINE_SECONDS = 45


def presence_beat(*, user_ids: Iterable[int], at: datetime) -> int:
    """Record that these agents' consoles are open at ``at``: one statement for all of
    them (the stream process calls it for its connected agents); return the rows made or
    changed."""
    ids = sorted(set(user_ids))
    if not ids:
        return 0
    rows = [AgentPresence(user_id=user_id, last_seen_at=at) for user_id in ids]
    AgentPresence.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["user"], update_fields=["last_seen_at"]
    )
    return len(ids)


def online_since(at: datetime) -> datetime:
    return at - timedelta(seconds=ONLINE_SECONDS)


def accepting_agents(user_ids: Iterable[int], at: datetime) -> dict[int, int]:
    """Return {user id: chat limit} of those agents who are online and accept chats."""
    return dict(
        AgentPresence.objects.filter(
            user_id__in=list(user_ids), is_accepting=True, last_seen_at__gt=online_since(at)
        ).values_list("user_id", "chat_limit")
    )


def online_agents(user_ids: Iterable[int], at: datetime) -> set[int]:
    """Return those of the agents whose console is open, accepting new chats or not."""
    return set(
        AgentPresence.objects.filter(
            user_id__in=list(user_ids), last_seen_at__gt=online_since(at)
        ).values_list("user_id", flat=True)
    )


def presence_accepting_set(*, user_id: int, accepting: bool) -> bool:
    """Let the agent pause (or resume) new chats; the chats they have stay theirs."""
    AgentPresence.objects.update_or_create(user_id=user_id, defaults={"is_accepting": accepting})
    return accepting


def is_accepting(user_id: int) -> bool:
    row = AgentPresence.objects.filter(user_id=user_id).values_list("is_accepting", flat=True)
    return next(iter(row), True)
