"""Ticket histories for the report tests, made through the ticket services at chosen
instants: an Italian request opened, an agent's reply, a change of status or assignee."""

from __future__ import annotations

from datetime import datetime

import time_machine

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import (
    MessageData,
    TicketChanges,
    TicketData,
    message_add,
    ticket_create,
    ticket_update,
)


def open_ticket(
    customer: Customer, team: Team, at: datetime, tags: list[str] | None = None
) -> Ticket:
    """An Italian request from ``customer`` to ``team`` at ``at``."""
    with time_machine.travel(at, tick=False):
        return ticket_create(
            data=TicketData(
                subject="Ordine",
                customer=customer,
                team=team,
                language="it",
                tags=tags or [],
                message=MessageData(body_text="Dov'è il mio ordine?", author_kind="customer"),
            ),
            actor=Actor.system(),
        )


def reply(ticket: Ticket, agent: User, at: datetime) -> None:
    """A public reply of ``agent`` at ``at``."""
    with time_machine.travel(at, tick=False):
        message_add(
            ticket=ticket,
            data=MessageData(body_text="Il pacco parte oggi con il corriere."),
            actor=Actor(agent),
        )


def change(ticket: Ticket, agent: User, at: datetime, **changes: object) -> None:
    """``agent`` changes the ticket (status, assignee, team, …) at ``at``."""
    ticket.refresh_from_db()
    with time_machine.travel(at, tick=False):
        ticket_update(
            ticket=ticket,
            changes=TicketChanges(**changes),  # type: ignore[arg-type]
            expected_version=None,
            actor=Actor(agent),
        )
