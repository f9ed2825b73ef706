"""Collision detection: who else has a ticket open, reading it or typing an answer.

The ticket page sends a heartbeat every few seconds (``heartbeat_seconds``). Each beat
upserts the sender's row (one statement, on its unique key) and reads the others' rows
seen within ``EXPIRES_AFTER`` (one statement). A page closed without a word simply stops
beating: its row goes stale and drops out of the line after ``EXPIRES_AFTER``, so nothing
is ever deleted on the request path. Rows hold no message text, and nothing here logs.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q

from cortesia.accounts.models import Role, User
from cortesia.core.errors import NotFound
from cortesia.tickets.models import Ticket, TicketPresence
from cortesia.tickets.selectors import ticket_list

State = TicketPresence.State

HEARTBEAT_SECONDS = 10
# Three missed beats: a page that stopped beating (closed, asleep, offline) is gone.
EXPIRES_AFTER = timedelta(seconds=30)


def heartbeat_seconds() -> int:
    """Return the heartbeat's interval: ``CORTESIA_PRESENCE_HEARTBEAT_SECONDS`` when set
    (browser tests shorten it), else ten seconds."""
    return int(getattr(settings, "CORTESIA_PRESENCE_HEARTBEAT_SECONDS", HEARTBEAT_SECONDS))


@dataclass(frozen=True)
class Present:
    """Someone else on the ticket, as the line names them."""

    name: str
    is_typing: bool


def _visible_ticket(viewer: User, uid: str) -> tuple[int, int | None]:
    """Return the pk and team id of the ticket ``uid`` if ``viewer`` may see it; else raise
    NotFound (hidden and missing alike)."""
    try:
        found = (
            ticket_list(viewer=viewer)
            .select_related(None)
            .prefetch_related(None)
            .values_list("pk", "team_id")
            .get(uid=uuid.UUID(str(uid)))
        )
    except (ValueError, Ticket.DoesNotExist):
        raise NotFound("ticket") from None
    return int(found[0]), found[1]


def _seeing(team_id: int | None) -> Q:
    """The people who may see a ticket of ``team_id`` (the rules of ``ticket_list``):
    someone taken off the team since their last beat is not named on it."""
    if team_id is None:
        return Q(user__role__in=[Role.ADMIN, Role.MANAGER])
    in_team = Q(user__role__in=[Role.MANAGER, Role.AGENT], user__teams=team_id)
    return Q(user__role=Role.ADMIN) | in_team


def presence_beat(*, viewer: User, uid: str, state: str, now: datetime) -> list[Present]:
    """Note that ``viewer`` has ticket ``uid`` open (``state`` "typing" or else viewing)
    at ``now``, and return the others seen on it within EXPIRES_AFTER, typing first, then
    by name. Raises NotFound for a ticket the viewer may not see."""
    ticket_id, team_id = _visible_ticket(viewer, uid)
    shown_state = State.TYPING if state == State.TYPING else State.VIEWING
    TicketPresence.objects.bulk_create(
        [TicketPresence(ticket_id=ticket_id, user=viewer, state=shown_state, last_seen=now)],
        update_conflicts=True,
        unique_fields=["ticket", "user"],
        update_fields=["state", "last_seen"],
    )
    return presence_others(ticket_id=ticket_id, team_id=team_id, viewer=viewer, now=now)


def presence_others(
    *, ticket_id: int, team_id: int | None, viewer: User, now: datetime
) -> list[Present]:
    """Return the people other than ``viewer`` who may see the ticket (of ``team_id``)
    and were seen on it within EXPIRES_AFTER of ``now`` (a row seen exactly
    EXPIRES_AFTER ago still counts), in one query."""
    rows = (
        TicketPresence.objects.filter(ticket_id=ticket_id, last_seen__gte=now - EXPIRES_AFTER)
        .exclude(user=viewer)
        .filter(_seeing(team_id), user__is_active=True)
        .select_related("user")
        .only("state", "user__username", "user__first_name", "user__last_name")
    )
    present = [Present(row.user.display_name, row.state == State.TYPING) for row in rows]
    return sorted(present, key=lambda person: (not person.is_typing, person.name.casefold()))
