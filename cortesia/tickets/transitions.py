"""Which status a ticket may move to from which (the allowed transitions are enforced)."""

from __future__ import annotations

from cortesia.tickets.models import Ticket

Status = Ticket.Status

ALLOWED: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.OPEN, Status.PENDING, Status.ON_HOLD, Status.SOLVED}),
    Status.OPEN: frozenset({Status.PENDING, Status.ON_HOLD, Status.SOLVED}),
    Status.PENDING: frozenset({Status.OPEN, Status.ON_HOLD, Status.SOLVED}),
    Status.ON_HOLD: frozenset({Status.OPEN, Status.PENDING, Status.SOLVED}),
    Status.SOLVED: frozenset({Status.OPEN, Status.CLOSED}),
    Status.CLOSED: frozenset(),
}


def can_move(current: str, target: str) -> bool:
    return target == current or target in ALLOWED.get(current, frozenset())
