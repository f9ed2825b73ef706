"""The facts a rule's conditions read of a ticket: its fields, its customer's country,
the texts of the change, and its business calendar (the team's, else the customer's
organization's, else none: every hour counts)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from cortesia.automations.conditions import Facts
from cortesia.calendars.conversion import business_calendar
from cortesia.culture.business_time import BusinessCalendar
from cortesia.tickets.models import Ticket, TicketEvent, TicketMessage


def ticket_calendar(ticket: Ticket) -> BusinessCalendar | None:
    """Return the calendar whose open hours count for ``ticket``, or None."""
    row = ticket.team.calendar if ticket.team is not None else None
    if row is None and ticket.customer.organization is not None:
        row = ticket.customer.organization.calendar
    return business_calendar(row) if row is not None else None


def message_texts(events: Sequence[TicketEvent]) -> list[str]:
    """Return the texts of the messages the events added (one query, none without)."""
    uids = [str(event.data["message"]) for event in events if event.data.get("message")]
    if not uids:
        return []
    return list(TicketMessage.objects.filter(uid__in=uids).values_list("body_text", flat=True))


def facts_of(ticket: Ticket, texts: Sequence[str], at: datetime) -> Facts:
    """Return the facts of ``ticket`` at ``at``; ``texts`` are the change's message texts
    (the subject is always read)."""
    return Facts(
        channel=ticket.channel,
        language=ticket.language,
        country=ticket.customer.country,
        team=str(ticket.team.uid) if ticket.team is not None else "",
        priority=ticket.priority,
        status=ticket.status,
        tags=list(ticket.tags),
        texts=[ticket.subject, *texts],
        at=at,
        calendar=ticket_calendar(ticket),
    )


def ticket_for_rules(ticket_id: int) -> Ticket:
    """Return the ticket with what the facts read selected along."""
    return Ticket.objects.select_related(
        "customer__organization__calendar", "team__calendar", "assignee"
    ).get(pk=ticket_id)
