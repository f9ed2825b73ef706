"""Reading events for streams from the database, on the stream process's one database
thread (plain synchronous ORM calls; the hub runs them in its executor)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import connection
from django.db.models import Max

from cortesia.chat.audience import audience_condition
from cortesia.chat.events import TYPING_CHANNEL
from cortesia.chat.models import ChatEvent, Conversation
from cortesia.chat.streaming.sse import frame
from cortesia.chat.tokens import StreamAudience

BATCH = 500
FIELDS = (
    "id",
    "kind",
    "payload",
    "team_id",
    "visitor_id",
    "is_internal",
    "client_id",
    "created_at",
    "conversation__uid",
)


@dataclass(frozen=True, slots=True)
class Frame:
    """An event as the hub keeps it: its audience and its bytes on the wire."""

    id: int
    team_id: int | None
    visitor_id: int | None
    is_internal: bool
    wire: bytes


def _frame(row: dict[str, object]) -> Frame:
    event_id = int(str(row["id"]))
    data = {
        "id": event_id,
        "conversation": str(row["conversation__uid"]),
        "kind": row["kind"],
        "internal": row["is_internal"],
        "client_id": row["client_id"],
        "payload": row["payload"],
    }
    team, visitor = row["team_id"], row["visitor_id"]
    return Frame(
        id=event_id,
        team_id=int(str(team)) if team is not None else None,
        visitor_id=int(str(visitor)) if visitor is not None else None,
        is_internal=bool(row["is_internal"]),
        wire=frame(event="chat", data=data, event_id=event_id),
    )


def last_event_id() -> int:
    return int(ChatEvent.objects.aggregate(last=Max("id"))["last"] or 0)


def frames_after(cursor: int, limit: int = BATCH) -> list[Frame]:
    """Return the next events after ``cursor`` for every audience, in id order."""
    rows = ChatEvent.objects.filter(id__gt=cursor).order_by("id").values(*FIELDS)[:limit]
    return [_frame(row) for row in rows]


def frames_for(audience: StreamAudience, after: int, up_to: int, limit: int) -> list[Frame]:
    """Return ``audience``'s events with ids in (after, up_to], in id order, at most
    ``limit`` of them (the caller asks again from the last one)."""
    rows = (
        ChatEvent.objects.filter(audience_condition(audience), id__gt=after, id__lte=up_to)
        .order_by("id")
        .values(*FIELDS)[:limit]
    )
    return [_frame(row) for row in rows]


def event_json(event: ChatEvent) -> dict[str, object]:
    """The event as a stream sends it, for the polling endpoints (read with its
    conversation)."""
    return {
        "id": event.pk,
        "conversation": str(event.conversation.uid),
        "kind": event.kind,
        "internal": event.is_internal,
        "client_id": event.client_id,
        "payload": event.payload,
    }


@dataclass(frozen=True, slots=True)
class Party:
    """Who may see a conversation's live signals (the audience fields of its events)."""

    team_id: int | None
    visitor_id: int | None
    is_internal: bool = False


def conversation_party(uid: str) -> Party | None:
    """The audience of open conversation ``uid``, or None (unknown, malformed or ended)."""
    try:
        key = uuid.UUID(uid)
    except ValueError:
        return None
    row = (
        Conversation.objects.filter(uid=key, status__in=("waiting", "active"))
        .values_list("team_id", "visitor_id")
        .first()
    )
    return Party(row[0], row[1]) if row else None


def typing_publish(payload: str) -> None:
    """Tell the other stream processes (PostgreSQL only; SQLite runs one)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [TYPING_CHANNEL, payload])
