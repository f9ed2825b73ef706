from __future__ import annotations

import pytest

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.tickets.models import Ticket
from cortesia.tickets.numbering import numbers_continue_after
from cortesia.tickets.services import MessageData, TicketData, ticket_create


@pytest.fixture(autouse=True)
def tickets_numbered_from_1001(request: pytest.FixtureRequest) -> None:
    """Start every database test at ticket #1001 (PostgreSQL keeps its sequence)."""
    if request.node.get_closest_marker("django_db") is not None:
        request.getfixturevalue("db")
        numbers_continue_after(1000)


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", surname="Rossi", emails=["giulia@example.it"]),
        actor=Actor.system(),
    )


def open_ticket(
    customer: Customer,
    team: Team | None,
    *,
    assignee: User | None = None,
    actor: Actor | None = None,
    subject: str = "Pacco perso",
) -> Ticket:
    """A customer's e-mail ticket, opened by ``actor`` (the system without one)."""
    return ticket_create(
        data=TicketData(
            subject=subject,
            customer=customer,
            team=team,
            assignee=assignee,
            channel=Ticket.Channel.EMAIL,
            message=MessageData(body_text="Dov'è il mio pacco?", author_kind="customer"),
        ),
        actor=actor or Actor.system(),
    )
