"""Requests opened on the portal or web form are answered by mail, with their portal link."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from cortesia.accounts.models import User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.mail.models import Mailbox, OutboundMail
from cortesia.portal.services import Request, portal_ticket_open
from cortesia.sla.models import SlaPolicy
from cortesia.testing.smtp import SmtpServer
from cortesia.tickets.services import MessageData, message_add

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("english")]
TUESDAY_9_ROME = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(
            given_name="Giulia", surname="Rossi", country="IT", emails=["giulia@example.it"]
        ),
        actor=Actor.system(),
    )


def test_a_portal_request_is_acknowledged_with_its_link(
    support: Mailbox, smtp: SmtpServer, giulia: Customer
) -> None:
    SlaPolicy.objects.create(name="Hour", first_response_minutes=60, business_hours=False)
    with time_machine.travel(TUESDAY_9_ROME, tick=False):
        ticket = portal_ticket_open(
            customer=giulia,
            request=Request(subject="Reso", body="Vorrei restituire le scarpe."),
        )
    [received] = smtp.received
    assert (received.rcpt_tos, received.mail_from) == (["giulia@example.it"], "<>")
    assert received.message["Auto-Submitted"] == "auto-replied"
    assert received.message.get_content().replace("\r\n", "\n") == (
        "Gentile Giulia Rossi,\n\n"
        f"grazie per il suo messaggio. La sua richiesta ha il numero #{ticket.number}; la "
        "preghiamo di mantenerlo nell'oggetto se ci scrive di nuovo.\n"
        "Le risponderemo entro martedì 24 novembre alle 10:00 (ora di Roma).\n\n"
        # No team (the web request was not routed to one) and no company name: the site's
        # sender name signs, as it does the mail's From.
        "Cordiali saluti,\nCortesia\n\n"
        f"Questa richiesta online: http://127.0.0.1:8000/portal/requests/{ticket.uid}/\n"
    )


def test_without_a_mailbox_a_portal_request_mails_nothing(
    smtp: SmtpServer, giulia: Customer
) -> None:
    portal_ticket_open(customer=giulia, request=Request(subject="Reso", body="Le scarpe."))
    assert (smtp.received, OutboundMail.objects.count()) == ([], 0)


def test_agent_replies_on_a_web_request_are_mailed_with_the_link_and_notes_are_not(
    support: Mailbox, smtp: SmtpServer, giulia: Customer, alice: User
) -> None:
    ticket = portal_ticket_open(
        customer=giulia, request=Request(subject="Reso", body="Vorrei restituire le scarpe.")
    )
    message_add(
        ticket=ticket,
        data=MessageData(body_text="Cliente abituale.", kind="note"),
        actor=Actor(user=alice),
    )
    message_add(
        ticket=ticket,
        data=MessageData(body_text="Gentile Signora Rossi,\n\nil reso è autorizzato."),
        actor=Actor(user=alice),
    )
    assert len(smtp.received) == 2  # the acknowledgement and the reply
    reply = smtp.received[1].message
    link = f"Questa richiesta online: http://127.0.0.1:8000/portal/requests/{ticket.uid}/"
    assert reply["Subject"] == f"Re: [#{ticket.number}] Reso"
    assert "Auto-Submitted" not in reply
    text = reply.get_body(("plain",))
    markup = reply.get_body(("html",))
    assert text is not None
    assert markup is not None
    assert text.get_content().replace("\r\n", "\n") == (
        f"Gentile Signora Rossi,\n\nil reso è autorizzato.\n\n{link}"
    )
    assert f"<p>{link}</p>" in markup.get_content()
    assert all("Cliente abituale" not in r.message.as_string() for r in smtp.received)
