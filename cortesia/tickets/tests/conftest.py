from __future__ import annotations

import pytest

from cortesia.accounts.models import Team
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.tickets.models import Ticket
from cortesia.tickets.numbering import numbers_continue_after
from cortesia.tickets.services import MessageData, TicketData, ticket_create


@pytest.fixture(autouse=True)
def tickets_numbered_from_1001(request: pytest.FixtureRequest) -> None:
    """Start every database test at ticket #1001. On PostgreSQL the number sequence is
    not rolled back with a test's transaction, so it is set again before each test."""
    if request.node.get_closest_marker("django_db") is not None:
        request.getfixturevalue("db")
        numbers_continue_after(1000)


# The attachment tests' customer and ticket (other modules define their own).
@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", country="IT", emails=["giulia@example.it"]),
        actor=Actor.system(),
    )


@pytest.fixture
def ticket(team_rome: Team, giulia: Customer) -> Ticket:
    return ticket_create(
        data=TicketData(
            subject="Fattura",
            customer=giulia,
            team=team_rome,
            message=MessageData(body_text="Mi manca la fattura.", author_kind="customer"),
        ),
        actor=Actor.system(),
    )
