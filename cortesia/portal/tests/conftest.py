from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.portal.links import link_issue
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import MessageData, TicketData, ticket_create


@pytest.fixture(autouse=True)
def own_data_dir(data_dir: Path) -> Path:
    return data_dir


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(
            given_name="Giulia",
            surname="Rossi",
            title="ms",
            country="IT",
            emails=["giulia@example.it"],
        ),
        actor=Actor.system(),
    )


@pytest.fixture
def omar(db: None) -> Customer:
    return customer_create(
        data=CustomerData(
            given_name="عمر",
            surname="الحربي",
            country="SA",
            emails=["omar@example.sa"],
        ),
        actor=Actor.system(),
    )


def open_ticket(customer: Customer, subject: str, text: str = "Help, please.") -> Ticket:
    return ticket_create(
        data=TicketData(
            subject=subject,
            customer=customer,
            channel=Ticket.Channel.WEB,
            language=customer.language,
            message=MessageData(body_text=text, author_kind="customer"),
        ),
        actor=Actor.system(),
    )


def signed_in(customer: Customer) -> Client:
    """A browser session signed in to the portal as ``customer`` through a real link."""
    client = Client()
    address = customer.emails.order_by("-is_primary").values_list("address", flat=True)[0]
    token = link_issue(customer=customer, address=address).token
    response = client.post(f"/portal/sign-in/{token}/")
    assert (response.status_code, response["Location"]) == (302, "/portal/")
    return client


CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def page_bytes(content: bytes) -> bytes:
    """A page without its per-render CSRF token, to compare two answers."""
    return CSRF.sub(b"", content)
