"""The facts a rule's conditions read of a ticket: its fields, its customer's country,
the texts of the change, and its business calendar (the team's, else the customer's
organization's, else none: every hour counts)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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


def message_texts(events: Sequence[TicketEvent]) -> dict[int, str]:
    """Return the text of the message each event added, by event id (one query, none
    when no event added a message)."""
    by_message = {
        str(event.data["message"]): event.pk for event in events if event.data.get("message")
    }
    if not by_message:
        return {}
    rows = TicketMessage.objects.filter(uid__in=list(by_message)).values_list("uid", "body_text")
    return {by_message[str(uid)]: text for uid, text in rows}


def facts_of(
    ticket: Ticket, texts: Sequence[str], at: datetime, *, with_calendar: bool = True
) -> Facts:
    """Return the facts of ``ticket`` at ``at``; ``texts`` are the change's message texts
    (the subject is always read). ``with_calendar`` False leaves the calendar out, for
    rules that never ask about business hours."""
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
        calendar=ticket_calendar(ticket) if with_calendar else None,
    )


def asks_business_hours(conditions: Iterable[Sequence[dict[str, str]]]) -> bool:
    """Whether any of the rules' ``conditions`` reads the calendar."""
    return any(item["field"] == "business_hours" for rule in conditions for item in rule)


def ticket_for_rules(ticket_id: int, *, with_calendar: bool = True) -> Ticket:
    """Return the ticket with what the facts read selected along (its calendars only
    when asked: most rules never look at business hours)."""
    related = ["customer", "team"]
    if with_calendar:
        related += ["customer__organization__calendar", "team__calendar"]
    return Ticket.objects.select_related(*related).get(pk=ticket_id)
