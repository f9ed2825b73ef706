"""Writing conversation events so that every stream sees each one once, in order.

The rule this module keeps: a reader that has delivered event N never later finds an event
with a smaller id. On SQLite writes are serialised (one writer at a time, ids taken in
commit order), so it holds by itself. On PostgreSQL ids come from a sequence before commit:
a transaction holding id 11 could commit before the one holding id 10, and a reader at 11
would miss 10 for ever. So every writer first takes one transaction-level advisory lock and
only then takes its id; the lock is released at commit, after the row is visible, and the
next writer's id is larger. The same transaction sends a NOTIFY on ``CHANNEL`` with the new
id (delivered only if it commits) to wake the stream processes, which then read the table:
the notification is a wake-up, never the data.
"""

from __future__ import annotations

from datetime import datetime

from django.db import connection

from cortesia.chat.models import ChatEvent, Conversation

CHANNEL = "cortesia_chat"
# Typing notices between stream processes: not stored, lost when nobody listens.
TYPING_CHANNEL = "cortesia_chat_typing"
# Any constant both sides agree on: the key of the lock that orders the events' ids.
EVENTS_LOCK_KEY = 0x63686174  # "chat"


def _ordered_insert(events: list[ChatEvent]) -> None:
    """Insert ``events`` under the ordering lock (taken once) and announce the last id."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [EVENTS_LOCK_KEY])
    if len(events) == 1:
        events[0].save(force_insert=True)
    else:
        ChatEvent.objects.bulk_create(events)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, str(events[-1].pk)])


def event_of(
    *,
    conversation: Conversation,
    kind: str,
    payload: dict[str, object],
    at: datetime,
    is_internal: bool = False,
    client_id: str = "",
) -> ChatEvent:
    """An unsaved event of ``conversation`` (its audience copied as it is now)."""
    return ChatEvent(
        conversation=conversation,
        kind=kind,
        is_internal=is_internal,
        payload=payload,
        team_id=conversation.team_id,
        assignee_id=conversation.assignee_id,
        visitor_id=conversation.visitor_id,
        client_id=client_id,
        created_at=at,
    )


def events_record(events: list[ChatEvent]) -> None:
    """Record several events (from :func:`event_of`) in one insert, in their order; call
    last in the transaction of their changes."""
    if events:
        _ordered_insert(events)


def event_record(
    *,
    conversation: Conversation,
    kind: str,
    payload: dict[str, object],
    at: datetime,
    is_internal: bool = False,
    client_id: str = "",
) -> ChatEvent:
    """Record an event of ``conversation`` for its streams; call inside the transaction of
    the change it announces (the event is then seen exactly when the change is)."""
    event = event_of(
        conversation=conversation,
        kind=kind,
        payload=payload,
        at=at,
        is_internal=is_internal,
        client_id=client_id,
    )
    _ordered_insert([event])
    return event
