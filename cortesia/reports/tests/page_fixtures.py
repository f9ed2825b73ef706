"""A small week of tickets for the report page tests, opened and solved through the ticket
services at chosen instants, with their facts refreshed at once (the workers' periodic
refresh does not run in a test).

Team Rome, 2–8 November 2026 (UTC): four tickets, three in Italian, one solved; the week
before (26 October–1 November): one English ticket.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import time_machine

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.reports.upkeep import facts_refresh
from cortesia.tickets.creation import ticket_create
from cortesia.tickets.inputs import MessageData, TicketChanges, TicketData
from cortesia.tickets.models import Ticket
from cortesia.tickets.updates import ticket_update

WEEK = "from=2026-11-02&to=2026-11-08&tz=UTC"
NOW = datetime(2026, 11, 9, 9, tzinfo=UTC)


@dataclass(frozen=True)
class Week:
    tickets: list[Ticket]


def customer(given: str, language: str, country: str) -> Customer:
    return customer_create(
        data=CustomerData(
            given_name=given,
            surname="Test",
            country=country,
            language=language,
            emails=[f"{given.lower()}@example.com"],
        ),
        actor=Actor.system(),
    )


def ticket(who: Customer, team: Team, at: datetime, language: str) -> Ticket:
    return ticket_create(
        data=TicketData(
            subject="Ordine",
            customer=who,
            channel=Ticket.Channel.EMAIL,
            team=team,
            language=language,
            created_at=at,
            message=MessageData(body_text="Il mio ordine non è arrivato.", author_kind="customer"),
        ),
        actor=Actor.system(),
    )


def solve(one: Ticket, by: User, at: datetime) -> None:
    with time_machine.travel(at, tick=False):
        ticket_update(
            ticket=one,
            changes=TicketChanges(status=Ticket.Status.SOLVED),
            expected_version=None,
            actor=Actor(user=by),
        )


def week_of_tickets(team: Team, agent: User) -> Week:
    giulia = customer("Giulia", "it", "IT")
    john = customer("John", "en", "GB")
    tickets = [
        ticket(giulia, team, datetime(2026, 10, 30, 10, tzinfo=UTC), "en"),
        ticket(giulia, team, datetime(2026, 11, 2, 10, tzinfo=UTC), "it"),
        ticket(giulia, team, datetime(2026, 11, 3, 10, tzinfo=UTC), "it"),
        ticket(john, team, datetime(2026, 11, 3, 12, tzinfo=UTC), "en"),
        ticket(giulia, team, datetime(2026, 11, 5, 9, tzinfo=UTC), "it"),
    ]
    solve(tickets[4], agent, datetime(2026, 11, 5, 11, tzinfo=UTC))
    facts_refresh(t.pk for t in tickets)
    return Week(tickets)
