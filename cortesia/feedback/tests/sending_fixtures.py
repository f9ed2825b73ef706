"""The cast of the scheduling and sending tests: a mailbox, customers in six countries,
surveys made through the survey service, tickets solved through the ticket service, and
a real SMTP server on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cortesia.accounts.models import Team
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.feedback.models import Survey, SurveyTrigger
from cortesia.feedback.surveys import SurveyData, survey_create
from cortesia.mail.mailboxes import mailbox_create
from cortesia.mail.models import Mailbox
from cortesia.testing.smtp import SmtpServer
from cortesia.tickets.creation import ticket_create
from cortesia.tickets.inputs import MessageData, TicketData
from cortesia.tickets.models import Ticket
from cortesia.tickets.numbering import numbers_continue_after
from cortesia.tickets.services import TicketChanges, ticket_update


@pytest.fixture(autouse=True)
def own_data_dir(data_dir: Path) -> Path:
    return data_dir


@pytest.fixture(autouse=True)
def tickets_numbered_from_1001(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("django_db") is not None:
        request.getfixturevalue("db")
        numbers_continue_after(1000)


@pytest.fixture
def support(team_rome: Team) -> Mailbox:
    return mailbox_create(
        name="support", address="support@example.com", team=team_rome, actor=Actor.system()
    )


@pytest.fixture
def smtp(settings: Any) -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


def person(
    given: str,
    surname: str,
    *,
    country: str,
    language: str,
    email: str = "",
    title: str = "",
    register: str = "auto",
    time_zone: str = "",
) -> Customer:
    return customer_create(
        data=CustomerData(
            given_name=given,
            surname=surname,
            country=country,
            language=language,
            title=title,
            register_preference=register,
            time_zone=time_zone,
            emails=[email] if email else [],
        ),
        actor=Actor.system(),
    )


@pytest.fixture
def giulia(db: None) -> Customer:
    return person(
        "Giulia", "Rossi", country="IT", language="it", email="giulia@example.it", title="ms"
    )


@pytest.fixture
def layla(db: None) -> Customer:
    return person("Layla", "Haddad", country="SA", language="ar", email="layla@example.sa")


def csat_survey(**changes: Any) -> Survey:
    data = {
        "name": "After a ticket",
        "kind": "csat",
        "trigger": SurveyTrigger.TICKET_SOLVED,
        **changes,
    }
    return survey_create(data=SurveyData(**data), actor=Actor.system())


def open_ticket(customer: Customer, team: Team | None, *, tags: list[str] | None = None) -> Ticket:
    return ticket_create(
        data=TicketData(
            subject="Ordine in ritardo",
            customer=customer,
            channel=Ticket.Channel.EMAIL,
            team=team,
            language=customer.language,
            tags=tags or [],
            message=MessageData(body_text="Il mio ordine non è arrivato.", author_kind="customer"),
        ),
        actor=Actor.system(),
    )


def set_status(ticket: Ticket, status: str) -> Ticket:
    return ticket_update(
        ticket=ticket,
        changes=TicketChanges(status=status),
        expected_version=None,
        actor=Actor.system(),
    )
