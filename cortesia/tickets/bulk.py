"""One change to many tickets at once: assign, set a status or add a tag.

Every ticket goes through :func:`ticket_update`, so each change is checked, evented and
stale-checked against the version the confirmation page showed. A ticket the viewer may
not see makes the whole request NotFound, exactly like a ticket that does not exist; a
ticket whose change is refused (a transition that is not allowed, a conflict) is reported
and the others still change.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cortesia.accounts.models import User
from cortesia.accounts.selectors import viewer_team_ids
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, FieldErrors, NotFound
from cortesia.tickets.models import Ticket
from cortesia.tickets.selectors import ticket_list
from cortesia.tickets.services import TicketChanges, ticket_update

BULK_LIMIT = 100
ACTIONS = ("assign", "unassign", "status", "tag")


@dataclass(frozen=True)
class BulkChange:
    action: str  # one of ACTIONS
    status: str = ""
    tag: str = ""
    assignee: User | None = None


@dataclass
class BulkResult:
    changed: list[int] = field(default_factory=list)  # ticket numbers
    unchanged: list[int] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)  # number, reason


def bulk_tickets(*, viewer: User, uids: list[str]) -> list[Ticket]:
    """Return the selected tickets in number order; NotFound if any is missing or hidden."""
    try:
        wanted = {uuid.UUID(uid) for uid in uids}
    except ValueError:
        raise NotFound("ticket") from None
    if not wanted or len(wanted) > BULK_LIMIT:
        raise FieldErrors(
            {"tickets": _("Choose between 1 and %(count)d tickets.") % {"count": BULK_LIMIT}}
        )
    tickets = list(ticket_list(viewer=viewer).filter(uid__in=wanted).order_by("number"))
    if len(tickets) != len(wanted):
        raise NotFound("ticket")
    return tickets


def bulk_cannot_assign(*, tickets: list[Ticket], change: BulkChange) -> list[tuple[int, str]]:
    """Return the tickets (number, reason) an assignment would be refused for because the
    assignee is not in the ticket's team: the review step says so before anyone confirms."""
    if change.action != "assign" or change.assignee is None:
        return []
    teams = set(viewer_team_ids(change.assignee))
    reason = _("%(name)s is not a member of this team.") % {"name": change.assignee.display_name}
    return [(t.number, reason) for t in tickets if t.team_id is not None and t.team_id not in teams]


def _changes(ticket: Ticket, change: BulkChange) -> TicketChanges:
    if change.action == "assign":
        return TicketChanges(assignee=change.assignee)
    if change.action == "unassign":
        return TicketChanges(clear_assignee=True)
    if change.action == "status":
        return TicketChanges(status=change.status)
    return TicketChanges(tags=[*ticket.tags, change.tag])


def _reason(error: DomainError) -> str:
    if isinstance(error, FieldErrors):
        return " ".join(error.errors.values())
    return error.message


def bulk_update(
    *,
    viewer: User,
    uids: list[str],
    versions: dict[str, int],
    change: BulkChange,
    actor: Actor,
) -> BulkResult:
    """Apply ``change`` to each selected ticket, checked against the version the viewer
    confirmed (``versions`` by uid). Raises NotFound or FieldErrors for the request."""
    if change.action not in ACTIONS:
        raise FieldErrors({"action": _("Choose what to change.")})
    if change.action == "assign" and change.assignee is None:
        raise FieldErrors({"assignee": _("Choose who gets the tickets.")})
    if change.action == "tag" and not change.tag.strip():
        raise FieldErrors({"tag": _("Write the tag to add.")})
    result = BulkResult()
    for ticket in bulk_tickets(viewer=viewer, uids=uids):
        version_before = ticket.version
        try:
            updated = ticket_update(
                ticket=ticket,
                changes=_changes(ticket, change),
                expected_version=versions.get(str(ticket.uid)),
                actor=actor,
            )
        except DomainError as error:
            result.refused.append((ticket.number, _reason(error)))
            continue
        target = result.changed if updated.version != version_before else result.unchanged
        target.append(ticket.number)
    return result
