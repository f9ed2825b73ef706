"""Forwarding a ticket's conversation by mail, through a real SMTP server on loopback."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cortesia.accounts.models import User
from cortesia.core.actor import Actor
from cortesia.mail.inbound import mail_ingest
from cortesia.mail.models import InboundMail, Mailbox, OutboundMail, TicketRecipient
from cortesia.testing.smtp import SmtpServer
from cortesia.tickets.attachments import attachment_add
from cortesia.tickets.models import Ticket, TicketEvent, TicketMessage
from cortesia.tickets.services import MessageData, message_add

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("english")]


def _ticket(support: Mailbox, alice: User) -> Ticket:
    raw = (
        "From: Giulia <giulia@example.it>\r\nTo: support@shop.example\r\n"
        "Subject: Pacco danneggiato\r\nMessage-ID: <f-1@example.it>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nIl pacco è arrivato rotto."
    ).encode()
    ticket = mail_ingest(mailbox=support, raw=raw, source=InboundMail.Source.PIPE).mail.ticket
    assert ticket is not None
    first = TicketMessage.objects.get(ticket=ticket, author_kind="customer")
    attachment_add(
        message=first,
        filename="foto.txt",
        content_type="text/plain",
        chunks=[b"una foto"],
        actor=Actor.system(),
    )
    message_add(
        ticket=ticket,
        data=MessageData(body_text="Solo per noi: corriere lento.", kind="note"),
        actor=Actor(user=alice),
    )
    return ticket


def _forward(client: Client, ticket: Ticket, **fields: str) -> Any:
    return client.post(f"/tickets/{ticket.uid}/forward/", fields)


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("charlie", 404), ("alice", 200), ("admin", 200)],
)
def test_who_may_open_the_forward_page(
    support: Mailbox,
    alice: User,
    charlie: User,
    admin_user: User,
    who: str,
    expected: int,
) -> None:
    ticket = _ticket(support, alice)
    client = Client()
    users = {"alice": alice, "charlie": charlie, "admin": admin_user}
    if who in users:
        client.force_login(users[who])
    response = client.get(f"/tickets/{ticket.uid}/forward/")
    assert response.status_code == expected
    if who == "anonymous":
        assert response["Location"].startswith("/login/")


def test_the_conversation_goes_as_one_mail_without_internal_notes(
    support: Mailbox, smtp: SmtpServer, alice: User, alice_client: Client
) -> None:
    ticket = _ticket(support, alice)
    sent_before = len(smtp.received)
    response = _forward(
        alice_client, ticket, to="fornitore@example.com, Magazzino@Example.com", note="Vedete?"
    )
    assert response.status_code == 302
    assert response["Location"] == f"/tickets/{ticket.uid}/"
    [received] = smtp.received[sent_before:]
    message = received.message
    assert sorted(received.rcpt_tos) == ["fornitore@example.com", "magazzino@example.com"]
    assert message["Subject"] == f"Fwd: [#{ticket.number}] Pacco danneggiato"
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content().replace("\r\n", "\n")
    assert text.startswith("Vedete?\n\n---------- Forwarded conversation: ticket #")
    assert "Il pacco è arrivato rotto." in text
    assert "[foto.txt]" in text
    assert "corriere lento" not in text
    [file] = list(message.iter_attachments())
    assert (file.get_filename(), file.get_content()) == ("foto.txt", "una foto")
    # Recorded on the ticket as Alice's internal note carrying the mail
    mail = OutboundMail.objects.get(kind="forward")
    assert mail.to == "fornitore@example.com, magazzino@example.com"
    note = mail.ticket_message
    assert note is not None
    assert (note.kind, note.author, note.body_text) == (
        "note",
        alice,
        "Forwarded to fornitore@example.com, magazzino@example.com.\n\nVedete?",
    )
    assert not TicketRecipient.objects.filter(ticket=ticket).exists()
    [event] = TicketEvent.objects.filter(ticket=ticket, kind="forwarded")
    assert (event.actor, event.data) == (
        alice,
        {
            "to": ["fornitore@example.com", "magazzino@example.com"],
            "notes": False,
            "mail": str(mail.uid),
        },
    )
    page = alice_client.get(f"/tickets/{ticket.uid}/").content.decode()
    assert "To: <bdi>fornitore@example.com, magazzino@example.com</bdi>" in page
    assert "Forwarded the ticket by mail to fornitore@example.com, magazzino@example.com." in page


def test_internal_notes_go_only_when_asked(
    support: Mailbox, smtp: SmtpServer, alice: User, alice_client: Client
) -> None:
    ticket = _ticket(support, alice)
    page = alice_client.get(f"/tickets/{ticket.uid}/forward/").content.decode()
    assert "Careful: internal notes were written for colleagues only." in page
    assert (
        '<input type="checkbox" name="include_notes" data-testid="forward-include-notes"'
        ' aria-describedby="id_include_notes_helptext" id="id_include_notes">'
    ) in page  # unticked
    _forward(alice_client, ticket, to="capo@example.com", include_notes="on")
    body = smtp.received[-1].message.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert "Solo per noi: corriere lento." in text
    assert "internal note" in text


def test_files_past_the_limit_are_named_not_attached(
    support: Mailbox, smtp: SmtpServer, alice: User, alice_client: Client, settings: Any
) -> None:
    ticket = _ticket(support, alice)
    settings.CORTESIA_ATTACHMENT_MAX_BYTES = 4
    _forward(alice_client, ticket, to="capo@example.com")
    message = smtp.received[-1].message
    assert list(message.iter_attachments()) == []
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert "Too large to attach, ask the sender for them: foto.txt" in text


def test_a_double_submit_forwards_once(
    support: Mailbox, smtp: SmtpServer, alice: User, alice_client: Client
) -> None:
    ticket = _ticket(support, alice)
    for _attempt in range(2):
        assert _forward(alice_client, ticket, to="capo@example.com").status_code == 302
    assert OutboundMail.objects.filter(kind="forward").count() == 1
    assert TicketEvent.objects.filter(ticket=ticket, kind="forwarded").count() == 1
    assert (
        TicketMessage.objects.filter(ticket=ticket, body_text__startswith="Forwarded").count() == 1
    )


@pytest.mark.parametrize(
    ("to", "error"),
    [
        ("capo@example.com, nope", "nope is not an e-mail address."),
        (
            ",".join(f"p{n}@example.com" for n in range(11)),
            "A ticket goes to at most 10 addresses.",
        ),
        ("", "This field is required."),
    ],
    ids=["not-an-address", "too-many", "none"],
)
def test_bad_recipients_are_refused_and_nothing_is_sent(
    support: Mailbox, alice: User, alice_client: Client, to: str, error: str
) -> None:
    ticket = _ticket(support, alice)
    notes = TicketMessage.objects.filter(kind="note").count()
    response = _forward(alice_client, ticket, to=to)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not OutboundMail.objects.filter(kind="forward").exists()
    assert not TicketEvent.objects.filter(kind="forwarded").exists()
    assert TicketMessage.objects.filter(kind="note").count() == notes


def test_the_forward_page_in_arabic_is_right_to_left(
    support: Mailbox, alice: User, charlie: User
) -> None:
    ticket = _ticket(support, alice)
    User.objects.filter(pk=alice.pk).update(language="ar")
    client = Client()
    client.force_login(alice)
    page = client.get(f"/tickets/{ticket.uid}/forward/").content.decode()
    assert 'dir="rtl"' in page
    assert f"#{ticket.number}" in page
