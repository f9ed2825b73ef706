from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.tickets.models import Ticket
from cortesia.tickets.numbering import numbers_continue_after
from cortesia.tickets.services import MessageData, TicketData, ticket_create

Capture = Callable[..., AbstractContextManager[Any]]


@pytest.fixture(autouse=True)
def tickets_numbered_from_1001(request: pytest.FixtureRequest) -> None:
    """Start every database test at ticket #1001 (PostgreSQL keeps its sequence)."""
    if request.node.get_closest_marker("django_db") is not None:
        request.getfixturevalue("db")
        numbers_continue_after(1000)


@pytest.fixture
def aino(db: None) -> Customer:
    """A Finnish customer."""
    return customer_create(
        data=CustomerData(
            given_name="Aino",
            surname="Virtanen",
            emails=["aino@example.fi"],
            language="fi",
            country="FI",
        ),
        actor=Actor.system(),
    )


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(
            given_name="Giulia",
            surname="Rossi",
            emails=["giulia@example.it"],
            language="it",
            country="IT",
        ),
        actor=Actor.system(),
    )


@pytest.fixture
def committed(
    django_capture_on_commit_callbacks: Capture,
) -> Callable[[], AbstractContextManager[Any]]:
    """Run what commits inside the block (the triggers run after a change commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def open_ticket(
    customer: Customer,
    team: Team | None = None,
    *,
    subject: str = "Paketti on kadonnut",
    body: str = "Missä pakettini on?",
    assignee: User | None = None,
    language: str = "",
) -> Ticket:
    return ticket_create(
        data=TicketData(
            subject=subject,
            customer=customer,
            team=team,
            assignee=assignee,
            language=language,
            channel=Ticket.Channel.EMAIL,
            message=MessageData(body_text=body, author_kind="customer"),
        ),
        actor=Actor.system(),
    )
