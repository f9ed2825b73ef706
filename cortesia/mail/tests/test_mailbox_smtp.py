"""A mailbox with its own SMTP server sends through it, not through the site's."""

from __future__ import annotations

import pytest
from django.core import mail

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.services import CustomerData, customer_create
from cortesia.mail.mailboxes import SmtpSettings, mailbox_create
from cortesia.mail.models import OutboundMail
from cortesia.testing.smtp import SmtpServer
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import MessageData, TicketData, message_add, ticket_create

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("english")]


def test_replies_and_acknowledgements_go_through_the_mailboxs_server(
    team_rome: Team, alice: User
) -> None:
    # Given: the site sends to memory; the mailbox has its own server on loopback.
    server = SmtpServer()
    server.start()
    try:
        mailbox_create(
            name="support",
            address="support@shop.example",
            team=team_rome,
            actor=Actor.system(),
            smtp=SmtpSettings(host="127.0.0.1", port=server.port, security="none"),
        )
        giulia = customer_create(
            data=CustomerData(given_name="Giulia", language="it", emails=["giulia@example.it"]),
            actor=Actor.system(),
        )
        # When: a request opens on the web and an agent answers it.
        ticket = ticket_create(
            data=TicketData(
                subject="Ordine",
                customer=giulia,
                channel=Ticket.Channel.WEB,
                team=team_rome,
                message=MessageData(body_text="Il mio ordine?", author_kind="customer"),
            ),
            actor=Actor.system(),
        )
        message_add(
            ticket=ticket, data=MessageData(body_text="Arriva domani."), actor=Actor(user=alice)
        )
    finally:
        server.stop()
    # Then: both mails reached the mailbox's server, none the site's backend.
    assert [(received.mail_from, received.rcpt_tos) for received in server.received] == [
        ("<>", ["giulia@example.it"]),
        ("support@shop.example", ["giulia@example.it"]),
    ]
    assert mail.outbox == []
    assert set(OutboundMail.objects.values_list("state", flat=True)) == {OutboundMail.State.SENT}
