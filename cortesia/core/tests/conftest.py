"""What the core tests share: a ticket on team Rome to send bad input about."""

from __future__ import annotations

import pytest

from cortesia.accounts.models import Team
from cortesia.core.actor import Actor
from cortesia.customers.services import CustomerData, customer_create
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import MessageData, TicketData, ticket_create


@pytest.fixture
def ticket(team_rome: Team) -> Ticket:
    customer = customer_create(
        data=CustomerData(given_name="Giulia", surname="Rossi"), actor=Actor.system()
    )
    return ticket_create(
        data=TicketData(
            subject="Pacco",
            customer=customer,
            team=team_rome,
            message=MessageData(body_text="Dov'è?", author_kind="customer"),
        ),
        actor=Actor.system(),
    )
