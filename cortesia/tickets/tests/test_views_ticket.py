"""The ticket page as a workspace: its conversation, its history and its query count."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.test import Client

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.mail.inbound import mail_ingest
from cortesia.mail.mailboxes import mailbox_create
from cortesia.tickets.models import Ticket, TicketMessage
from cortesia.tickets.services import (
    MessageData,
    TicketChanges,
    TicketData,
    message_add,
    ticket_create,
    ticket_update,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

MAIL = (
    b"From: Giulia Verdi <giulia@example.it>\r\n"
    b"To: support@shop.example\r\n"
    b"Subject: Fattura mancante\r\n"
    b"Message-ID: <fattura-1@example.it>\r\n"
    b"Date: Tue, 24 Nov 2026 09:00:00 +0100\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n"
    b"\r\n"
    b"Mi manca la fattura dell'ordine 4411.\r\n"
)


@pytest.fixture
def mailed(team_rome: Team, data_dir: Path) -> Ticket:
    """A ticket opened by Giulia's mail to the support mailbox."""
    support = mailbox_create(
        name="support", address="support@shop.example", team=team_rome, actor=Actor.system()
    )
    mail = mail_ingest(mailbox=support, raw=MAIL, source="pipe").mail
    assert mail.ticket is not None
    return mail.ticket


def _conversation(page: str) -> str:
    return page[page.index('data-testid="conversation"') : page.index('data-testid="reply-form"')]


def test_messages_name_their_authors_channel_and_recipients(
    alice_client: Client, mailed: Ticket, alice: User
) -> None:
    # Given Giulia's mail, Alice's reply by e-mail and Alice's internal note
    response = alice_client.post(
        f"/tickets/{mailed.uid}/",
        {"version": mailed.version, "submission": "s1", "body": "Eccola.", "kind": "reply"},
    )
    assert response.status_code == 302
    message_add(
        ticket=mailed,
        data=MessageData(body_text="Controllare l'ordine.", kind="note"),
        actor=Actor(user=alice),
    )
    # When Alice opens the ticket
    page = _conversation(alice_client.get(f"/tickets/{mailed.uid}/").content.decode())
    # Then each message names its author, never "Customer"
    authors = [
        part.split("</bdi>")[0] for part in page.split('data-testid="message-author"><bdi>')[1:]
    ]
    assert authors == ["Giulia Verdi", "Alice Rossi", "Alice Rossi"]
    assert ">Customer<" not in page
    # And the mails say where they came from and went, with the delivery of the reply
    assert page.count('data-testid="message-channel">E-mail</span>') == 2
    assert "From: <bdi>giulia@example.it</bdi>" in page
    assert "To: <bdi>giulia@example.it</bdi>" in page
    assert 'data-testid="delivery">E-mail: waiting to be sent</p>' in page  # sent on commit
    # And only the note carries the note badge and its own look
    assert page.count('data-testid="note-badge"') == 1
    assert page.count('class="message-item is-note"') == 1
    assert page.count('class="message-item"') == 2


def test_a_phone_call_and_a_web_request_name_their_channel(
    alice_client: Client, ticket: Ticket, alice: User, giulia: Customer
) -> None:
    Ticket.objects.filter(pk=ticket.pk).update(channel=Ticket.Channel.WEB)
    message_add(
        ticket=ticket,
        data=MessageData(
            body_text="Ha chiamato per la fattura.", call_direction="inbound", call_seconds=120
        ),
        actor=Actor(user=alice),
    )
    page = _conversation(alice_client.get(f"/tickets/{ticket.uid}/").content.decode())
    channels = [
        part.split("</span>")[0] for part in page.split('data-testid="message-channel">')[1:]
    ]
    assert channels == ["Web form", "Inbound call"]
    assert 'data-testid="message-recipients"' not in page
    assert TicketMessage.objects.filter(ticket=ticket).count() == 2


def _history(page: str) -> list[str]:
    """The history's lines as text: actor and sentences, without the time."""
    start = page.index('data-testid="history-events"')
    part = page[start : page.index("</details>", start)]
    lines = []
    for item in part.split("<li ")[1:]:
        actor = (
            item.split('data-testid="history-actor">')[1].split("<")[0]
            if "history-actor" in item
            else "—"
        )
        sentences = [s.split("</p>")[0] for s in item.split('dir="auto">')[1:]]
        lines.append(" ".join([actor, *sentences]))
    return lines


def test_the_history_tells_each_event_in_a_sentence_with_its_actor(
    alice_client: Client, ticket: Ticket, alice: User, bob: User, team_riyadh: Team
) -> None:
    # Given Alice's note and Bob's changes of status, priority, assignee and tags
    message_add(
        ticket=ticket,
        data=MessageData(body_text="Controllare.", kind="note"),
        actor=Actor(user=alice),
    )
    ticket_update(
        ticket=ticket,
        changes=TicketChanges(status="open", priority="high", assignee=alice, tags=["fattura"]),
        expected_version=None,
        actor=Actor(user=bob),
    )
    # When Alice opens the ticket
    page = alice_client.get(f"/tickets/{ticket.uid}/").content.decode()
    # Then the history, newest first, says who did what
    assert "<summary>History (4 events)</summary>" in page
    assert _history(page) == [
        "Bob Bianchi Changed the assignee from nobody to Alice Rossi."
        " Changed the priority from Normal to High."
        " Changed the status from New to Open."
        " Changed the tags from — to fattura.",
        "Alice Rossi Wrote an internal note.",
        "— The customer wrote.",
        "— Opened the ticket.",
    ]


def test_the_arabic_page_is_right_to_left_with_local_dates(
    charlie: User, giulia: Customer, team_riyadh: Team
) -> None:
    # Given a ticket of Charlie's team opened at noon in Riyadh
    with time_machine.travel(datetime(2026, 11, 24, 9, 0, tzinfo=UTC), tick=False):
        ticket = ticket_create(
            data=TicketData(
                subject="الفاتورة",
                customer=giulia,
                team=team_riyadh,
                message=MessageData(body_text="أين الفاتورة؟", author_kind="customer"),
            ),
            actor=Actor.system(),
        )
    client = Client()
    client.force_login(charlie)
    # When Charlie, who reads Arabic, opens it
    page = client.get(f"/tickets/{ticket.uid}/").content.decode()
    # Then the page runs right to left and the times are written the Arabic way, his time
    assert '<html lang="ar" dir="rtl">' in page
    shown = "24\u200f/11\u200f/2026\u060c 12:00 \u0645"  # 24/11/2026، 12:00 م
    assert page.count(f'<time datetime="2026-11-24T09:00:00Z">{shown}</time>') == 3


# session, user, the security policy with her teams, the ticket, its SLA clocks, the
# register defaults, her signature, the reply settings, the teams and the team's agents of
# the properties form, the messages, their attachments, the mails that brought them in and
# took them out, the events with their actors, the canned responses, the latest orders
# (with their count), the customer's other tickets, the linked tickets, the addresses its
# mail keeps copied, the survey responses of the feedback panel. (The page made 13 before
# it had the side panel's form, the mails, the history and the links.)
TICKET_PAGE_QUERIES = 21


def test_the_ticket_page_makes_a_fixed_number_of_queries(
    alice_client: Client,
    ticket: Ticket,
    alice: User,
    giulia: Customer,
    team_rome: Team,
    django_assert_num_queries: Any,
) -> None:
    # Given a ticket with notes, changes and other tickets of the same customer
    path = f"/tickets/{ticket.uid}/"
    alice_client.get(path)  # warm the caches (calendars, sessions)
    with django_assert_num_queries(TICKET_PAGE_QUERIES):
        assert alice_client.get(path).status_code == 200
    for number in range(5):
        message_add(
            ticket=ticket,
            data=MessageData(body_text=f"Nota {number}", kind="note"),
            actor=Actor(user=alice),
        )
        ticket_update(
            ticket=ticket,
            changes=TicketChanges(tags=[f"tag{number}"]),
            expected_version=None,
            actor=Actor(user=alice),
        )
        ticket_create(
            data=TicketData(
                subject=f"Altro {number}",
                customer=giulia,
                team=team_rome,
                message=MessageData(body_text="Altro", author_kind="customer"),
            ),
            actor=Actor.system(),
        )
    # When Alice opens it again, Then the page asks the same number of queries
    with django_assert_num_queries(TICKET_PAGE_QUERIES):
        assert alice_client.get(path).status_code == 200
