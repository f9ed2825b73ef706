"""A subject keeps no Unicode direction controls, whichever way the ticket arrives."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.mail.inbound import mail_ingest
from cortesia.mail.mailboxes import mailbox_create
from cortesia.mail.models import InboundMail
from cortesia.portal.tests.conftest import signed_in
from cortesia.testing.fixtures import bearer
from cortesia.tickets.models import Ticket

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

DISGUISED = (
    "Invoice \u202efdp.exe \u2066x\u2069\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u2067\u2068"
)
SHOWN = "Invoice fdp.exe x"


@pytest.fixture(autouse=True)
def own_data_dir(data_dir: Path) -> Path:
    return data_dir


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", surname="Rossi", emails=["giulia@example.it"]),
        actor=Actor.system(),
    )


def _by_api(customer: Customer, token: str, team: Team) -> None:
    body = {
        "subject": DISGUISED,
        "customer": str(customer.uid),
        "team": str(team.uid),
        "message": {"body_text": "Please look at the attachment."},
    }
    response = Client().post(
        "/api/v1/tickets", body, content_type="application/json", headers=bearer(token)
    )
    assert response.status_code == 201


def _by_portal(customer: Customer, token: str, team: Team) -> None:
    response = signed_in(customer).post(
        "/portal/requests/new/", {"subject": DISGUISED, "body": "Please look at it."}
    )
    assert response.status_code == 302


def _by_web_form(customer: Customer, token: str, team: Team) -> None:
    data = {
        "given_name": "Ana",
        "surname": "Popescu",
        "email": "ana@example.ro",
        "subject": DISGUISED,
        "body": "Please look at the attachment.",
        "time_zone": "Europe/Bucharest",
        "website": "",
    }
    assert Client().post("/portal/requests/new/", data).status_code == 302


def _by_mail(customer: Customer, token: str, team: Team) -> None:
    mailbox = mailbox_create(
        name="support", address="support@shop.example", team=team, actor=Actor.system()
    )
    raw = (
        f"From: giulia@example.it\r\nTo: support@shop.example\r\nSubject: {DISGUISED}\r\n"
        "Message-ID: <bidi@example.it>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHi"
    ).encode()
    mail = mail_ingest(mailbox=mailbox, raw=raw, source=InboundMail.Source.PIPE).mail
    assert mail.state == InboundMail.State.INGESTED


@pytest.mark.parametrize("send", [_by_api, _by_portal, _by_web_form, _by_mail])
def test_a_new_tickets_subject_loses_its_direction_controls(
    send: Callable[[Customer, str, Team], None],
    giulia: Customer,
    alice: User,
    alice_write_token: str,
    team_rome: Team,
) -> None:
    send(giulia, alice_write_token, team_rome)
    assert list(Ticket.objects.values_list("subject", flat=True)) == [SHOWN]


def test_a_changed_subject_loses_its_direction_controls(
    giulia: Customer, alice: User, alice_write_token: str, team_rome: Team
) -> None:
    _by_api(giulia, alice_write_token, team_rome)
    ticket = Ticket.objects.get()
    response = Client().patch(
        f"/api/v1/tickets/{ticket.uid}",
        {"subject": f"Re: {DISGUISED}"},
        content_type="application/json",
        headers=bearer(alice_write_token),
    )
    assert (response.status_code, response.json()["subject"]) == (200, f"Re: {SHOWN}")
