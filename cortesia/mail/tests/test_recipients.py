"""Copied recipients: kept from inbound Cc, copied on agents' replies, editable in the
composer, and their own replies joining the ticket as theirs."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from cortesia.accounts.models import User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer, CustomerEmail
from cortesia.mail.inbound import mail_ingest
from cortesia.mail.models import InboundMail, Mailbox, OutboundMail, TicketRecipient
from cortesia.mail.recipients import recipients_keep, recipients_of
from cortesia.testing.smtp import SmtpServer
from cortesia.tickets.composer import MAX_COPIED, copied_addresses_parse
from cortesia.tickets.models import Ticket, TicketMessage
from cortesia.tickets.replies import reply_send
from cortesia.tickets.services import MessageData

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("english")]


def _mail(sender: str, message_id: str, extra: str = "") -> bytes:
    return (
        f"From: {sender}\r\nTo: support@shop.example\r\nSubject: Ordine 77\r\n"
        f"Message-ID: <{message_id}>\r\n{extra}Content-Type: text/plain; charset=utf-8\r\n\r\n"
        "Buongiorno, il mio ordine non è ancora arrivato, potete controllare?"
    ).encode()


def _ingest(mailbox: Mailbox, raw: bytes) -> InboundMail:
    return mail_ingest(mailbox=mailbox, raw=raw, source=InboundMail.Source.PIPE).mail


def _opened_with_copies(support: Mailbox) -> Ticket:
    cc = (
        "Cc: Marco Bianchi <Marco@Example.it>, support@shop.example, "
        "giulia@example.it, anna@example.org\r\n"
    )
    ticket = _ingest(support, _mail("Giulia <giulia@example.it>", "g-1@example.it", cc)).ticket
    assert ticket is not None
    return ticket


def test_an_inbound_mails_copies_are_kept_without_our_mailbox_and_the_customer(
    support: Mailbox,
) -> None:
    ticket = _opened_with_copies(support)
    assert recipients_of(ticket) == ["marco@example.it", "anna@example.org"]
    mail = InboundMail.objects.get()
    assert mail.cc == (
        "marco@example.it, support@shop.example, giulia@example.it, anna@example.org"
    )
    assert mail.is_from_copied is False
    # The same addresses again add nothing
    assert recipients_keep(ticket=ticket, addresses=["anna@example.org"]) == []
    assert TicketRecipient.objects.count() == 2


def test_no_more_than_the_limit_is_kept(support: Mailbox) -> None:
    ticket = _opened_with_copies(support)
    many = [f"p{n}@example.net" for n in range(30)]
    added = recipients_keep(ticket=ticket, addresses=many)
    assert added == many[: MAX_COPIED - 2]
    assert TicketRecipient.objects.filter(ticket=ticket).count() == MAX_COPIED


def test_a_copied_persons_reply_joins_the_ticket_as_theirs(
    support: Mailbox, alice: User, alice_client: Any
) -> None:
    # Given a ticket whose opening mail copied Marco
    ticket = _opened_with_copies(support)
    customers = Customer.objects.count()
    ack = OutboundMail.objects.get(kind="ack")
    # When Marco answers the acknowledgement
    answer = _mail(
        "Marco Bianchi <marco@example.it>",
        "m-1@example.it",
        f"In-Reply-To: <{ack.message_id}>\r\nCc: giulia@example.it\r\n",
    )
    mail = _ingest(support, answer)
    # Then it is a message on the same ticket, by Marco, and the customer is unchanged
    assert mail.ticket == ticket
    assert mail.is_from_copied is True
    ticket.refresh_from_db()
    assert ticket.customer.emails.get().address == "giulia@example.it"
    assert Customer.objects.count() == customers
    assert Ticket.objects.count() == 1
    message = TicketMessage.objects.get(inbound_mail=mail)
    assert (message.author_kind, message.kind) == ("customer", "reply")
    page = alice_client.get(f"/tickets/{ticket.uid}/").content.decode()
    assert '<bdi data-testid="message-copied-author">marco@example.it</bdi>' in page
    assert 'data-testid="message-cc">Cc: <bdi>giulia@example.it</bdi>' in page


def test_a_stranger_citing_the_ticket_still_opens_a_new_one(support: Mailbox) -> None:
    ticket = _opened_with_copies(support)
    ack = OutboundMail.objects.get(kind="ack")
    stranger = _mail("eve@example.com", "e-1@example.com", f"In-Reply-To: <{ack.message_id}>\r\n")
    mail = _ingest(support, stranger)
    assert mail.ticket != ticket
    assert mail.is_from_copied is False


def test_the_agents_reply_is_copied_to_the_kept_addresses(
    support: Mailbox, smtp: SmtpServer, alice: User
) -> None:
    ticket = _opened_with_copies(support)
    message_sent = reply_send(
        ticket=ticket,
        data=MessageData(body_text="Il pacco arriva domani."),
        uploads=[],
        status="",
        expected_version=ticket.version,
        key="",
        actor=Actor(user=alice),
    ).message
    outbound = OutboundMail.objects.get(ticket_message=message_sent)
    assert (outbound.to, outbound.cc) == ("giulia@example.it", "marco@example.it, anna@example.org")
    received = smtp.received[-1]
    assert sorted(received.rcpt_tos) == [
        "anna@example.org",
        "giulia@example.it",
        "marco@example.it",
    ]
    assert received.message["Cc"] == "marco@example.it, anna@example.org"
    assert received.message["To"] == "giulia@example.it"


def test_copies_chosen_in_the_composer_are_sent_and_become_the_list(
    support: Mailbox, smtp: SmtpServer, alice: User, alice_client: Any
) -> None:
    # Given a ticket keeping Marco and Anna
    ticket = _opened_with_copies(support)
    page = alice_client.get(f"/tickets/{ticket.uid}/").content.decode()
    assert 'value="marco@example.it, anna@example.org"' in page
    # When Alice drops Anna and adds Luca in the composer
    response = alice_client.post(
        f"/tickets/{ticket.uid}/",
        {
            "version": ticket.version,
            "submission": "once-1",
            "body": "Il pacco arriva domani.",
            "kind": "reply",
            "status": "",
            "cc": "marco@example.it; Luca@Example.com",
        },
    )
    # Then the mail goes to Marco and Luca, and they are the list from now on
    assert response.status_code == 302
    outbound = OutboundMail.objects.get(kind="reply")
    assert outbound.cc == "marco@example.it, luca@example.com"
    assert smtp.received[-1].message["Cc"] == "marco@example.it, luca@example.com"
    assert recipients_of(ticket) == ["marco@example.it", "luca@example.com"]
    page = alice_client.get(f"/tickets/{ticket.uid}/").content.decode()
    assert 'data-testid="message-cc">Cc: <bdi>marco@example.it, luca@example.com</bdi>' in page


def test_a_bad_copied_address_is_refused_and_nothing_is_sent(
    support: Mailbox, alice: User, alice_client: Any
) -> None:
    ticket = _opened_with_copies(support)
    response = alice_client.post(
        f"/tickets/{ticket.uid}/",
        {
            "version": ticket.version,
            "submission": "once-2",
            "body": "Il pacco arriva domani.",
            "kind": "reply",
            "cc": "marco@example.it, not-an-address",
        },
    )
    assert response.status_code == 400
    assert "not-an-address is not an e-mail address." in response.content.decode()
    assert not OutboundMail.objects.filter(kind="reply").exists()
    assert recipients_of(ticket) == ["marco@example.it", "anna@example.org"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("a@example.it", ["a@example.it"]),
        (
            " A@Example.it ,b@example.it;a@example.it\nc@example.it ",
            ["a@example.it", "b@example.it", "c@example.it"],
        ),
        ("<d@example.it>", ["d@example.it"]),
    ],
    ids=["empty", "one", "separators-and-repeats", "angle-brackets"],
)
def test_copied_addresses_are_parsed(text: str, expected: list[str]) -> None:
    assert copied_addresses_parse(text) == expected


def test_more_than_twenty_copied_addresses_are_refused() -> None:
    with pytest.raises(ValidationError, match=re.escape("At most 20 addresses can be copied.")):
        copied_addresses_parse(",".join(f"p{n}@example.it" for n in range(21)))


def test_the_customers_own_address_is_never_kept(support: Mailbox) -> None:
    ticket = _opened_with_copies(support)
    CustomerEmail.objects.create(customer=ticket.customer, address="giulia@work.example")
    assert recipients_keep(ticket=ticket, addresses=["giulia@work.example"]) == []


def test_copies_left_as_shown_follow_the_list_as_it_is_when_sent(
    support: Mailbox, smtp: SmtpServer, alice: User, alice_client: Any
) -> None:
    # Given the page shows Marco and Anna
    ticket = _opened_with_copies(support)
    shown = "marco@example.it, anna@example.org"
    ack = OutboundMail.objects.get(kind="ack")
    # And Giulia copies Luca in before Alice sends
    more = _mail(
        "giulia@example.it",
        "g-2@example.it",
        f"In-Reply-To: <{ack.message_id}>\r\nCc: luca@example.com\r\n",
    )
    _ingest(support, more)
    # When Alice sends without touching the Cc field
    response = alice_client.post(
        f"/tickets/{ticket.uid}/",
        {
            "version": Ticket.objects.get(pk=ticket.pk).version,
            "submission": "once-3",
            "body": "Il pacco arriva domani.",
            "kind": "reply",
            "cc": shown,
            "initial-cc": shown,
        },
    )
    # Then Luca is copied too, and the list is kept as it is
    assert response.status_code == 302
    expected = "marco@example.it, anna@example.org, luca@example.com"
    assert OutboundMail.objects.get(kind="reply").cc == expected
    assert recipients_of(ticket) == expected.split(", ")
