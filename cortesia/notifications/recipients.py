"""Who is told about a recorded ticket change, and what.

Nobody is told about their own action. The rules read the ticket and event already in
memory; only a note (whose text may mention people) and an SLA alarm (recorded by the
scanner, which hands over the event alone; an unassigned ticket's team is told) read the
database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from cortesia.accounts.models import User
from cortesia.notifications.mentions import mentioned_usernames
from cortesia.notifications.models import Kind
from cortesia.tickets.models import Ticket, TicketEvent, TicketMessage
from cortesia.tickets.permissions import TICKET_STAFF
from cortesia.tickets.selectors import ticket_messages, ticket_visible

CUSTOMER_MESSAGES = (TicketEvent.Kind.CUSTOMER_REPLIED, TicketEvent.Kind.REOPENED)
SLA_KINDS = {
    TicketEvent.Kind.SLA_WARNING: Kind.SLA_WARNING,
    TicketEvent.Kind.SLA_BREACHED: Kind.SLA_BREACHED,
}


@dataclass(frozen=True)
class Telling:
    """Tell the people ``user_ids`` about ``ticket_id`` as ``kind`` (reporting ``event``,
    none for a reminder that no change caused)."""

    ticket_id: int
    event: TicketEvent | None
    kind: Kind
    user_ids: tuple[int, ...]
    data: dict[str, str] = field(default_factory=dict)


def _actor_name(event: TicketEvent) -> dict[str, str]:
    actor = event.actor if event.actor_id is not None else None
    return {"actor": actor.display_name} if actor is not None else {}


def _assigned(event: TicketEvent, ticket: Ticket) -> Telling | None:
    """A ticket opened with, or changed to, an assignee other than whoever did it."""
    if event.kind == TicketEvent.Kind.UPDATED and "assignee" not in event.fields:
        return None
    assignee_id = ticket.assignee_id
    if assignee_id is None or assignee_id == event.actor_id:
        return None
    return Telling(event.ticket_id, event, Kind.ASSIGNED, (assignee_id,), _actor_name(event))


def _customer_replied(event: TicketEvent, ticket: Ticket, opening: bool) -> Telling | None:
    """A customer's message on a ticket with an assignee; not a new ticket's first message
    (its assignee hears of the ticket itself)."""
    if opening or ticket.assignee_id is None or ticket.assignee_id == event.actor_id:
        return None
    return Telling(event.ticket_id, event, Kind.CUSTOMER_REPLIED, (ticket.assignee_id,))


def _mentioned(event: TicketEvent, ticket: Ticket, text: str) -> Telling | None:
    """Staff named as @username in a note who may see the ticket (a mention of anyone
    else tells nobody, and says nothing of the ticket to them)."""
    names = mentioned_usernames(text)
    if not names:
        return None
    people = User.objects.filter(username__in=names, is_active=True, role__in=TICKET_STAFF)
    user_ids = tuple(
        person.pk
        for person in people.order_by("pk")
        if person.pk != event.actor_id and ticket_visible(viewer=person, ticket=ticket)
    )
    return (
        Telling(event.ticket_id, event, Kind.MENTIONED, user_ids, _actor_name(event))
        if user_ids
        else None
    )


def _note_text(event: TicketEvent, ticket: Ticket) -> str:
    """The text of the note an event records (read only for notes)."""
    uid = event.data.get("message")
    if not uid:
        return ""
    notes = ticket_messages(ticket=ticket).filter(uid=uid, kind=TicketMessage.Kind.NOTE)
    return notes.values_list("body_text", flat=True).first() or ""


def team_workers(team_id: int) -> tuple[int, ...]:
    """The active members of the team who work tickets."""
    return tuple(
        User.objects.filter(teams=team_id, is_active=True, role__in=TICKET_STAFF)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _sla(event: TicketEvent, ticket: Ticket) -> Telling | None:
    """The assignee, else the members of the ticket's team who work tickets."""
    if ticket.assignee_id is not None:
        user_ids: tuple[int, ...] = (ticket.assignee_id,)
    elif ticket.team_id is not None:
        user_ids = team_workers(ticket.team_id)
    else:
        return None
    data = {"target": str(event.data.get("target", ""))}
    return Telling(event.ticket_id, event, SLA_KINDS[TicketEvent.Kind(event.kind)], user_ids, data)


def tellings(events: list[TicketEvent]) -> list[Telling]:
    """Return who is told what about one change (``events`` of one ticket)."""
    opening = any(event.kind == TicketEvent.Kind.CREATED for event in events)
    told: list[Telling | None] = []
    for event in events:
        ticket = event.ticket
        if event.kind in (TicketEvent.Kind.CREATED, TicketEvent.Kind.UPDATED):
            told.append(_assigned(event, ticket))
        elif event.kind in CUSTOMER_MESSAGES:
            told.append(_customer_replied(event, ticket, opening))
        elif event.kind == TicketEvent.Kind.NOTED:
            told.append(_mentioned(event, ticket, _note_text(event, ticket)))
        elif event.kind in SLA_KINDS:
            told.append(_sla(event, ticket))
    return [telling for telling in told if telling is not None and telling.user_ids]


def rule_telling(
    *,
    ticket: Ticket,
    user_id: int | None,
    team_id: int | None,
    rule_name: str,
    message: str,
    causer_id: int | None,
) -> Telling | None:
    """Tell one person (``user_id``) or the members of a team (``team_id``) about
    ``ticket`` because a rule asked to: only active staff who work tickets and may see it,
    never ``causer_id`` (whose own action ran the rule). None when nobody is left."""
    people = User.objects.filter(is_active=True, role__in=TICKET_STAFF)
    if user_id is not None:
        people = people.filter(pk=user_id)
    elif team_id is not None:
        people = people.filter(teams=team_id)
    else:
        return None
    user_ids = tuple(
        person.pk
        for person in people.order_by("pk")
        if person.pk != causer_id and ticket_visible(viewer=person, ticket=ticket)
    )
    data = {"rule": rule_name, "message": message} if message else {"rule": rule_name}
    return Telling(ticket.pk, None, Kind.RULE, user_ids, data) if user_ids else None


def survey_low_telling(
    *, ticket: Ticket, managers: QuerySet[User], data: dict[str, str]
) -> Telling | None:
    """Tell ``managers`` (a team's) about a low survey score through ``ticket`` (the
    follow-up, or the ticket the survey asked about): only active managers who may see
    it. None when nobody is left."""
    user_ids = tuple(
        person.pk
        for person in managers.filter(is_active=True).order_by("pk")
        if ticket_visible(viewer=person, ticket=ticket)
    )
    return Telling(ticket.pk, None, Kind.SURVEY_LOW, user_ids, data) if user_ids else None
