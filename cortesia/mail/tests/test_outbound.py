"""Acknowledgements and replies through a real SMTP server on loopback."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django_tasks import TaskResult
from django_tasks.signals import task_enqueued

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.mail.inbound import mail_ingest, mail_ingest_batch
from cortesia.mail.mailboxes import mailbox_create
from cortesia.mail.models import InboundMail, Mailbox, OutboundMail
from cortesia.mail.sending import MAX_ATTEMPTS, deliver, outbound_drain
from cortesia.mail.tests.conftest import fixture
from cortesia.sla.models import SlaPolicy
from cortesia.testing.fixtures import bearer
from cortesia.testing.smtp import SmtpServer
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import MessageData, TicketChanges, message_add, ticket_update
from cortesia.tickets.signatures import company_name_save

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("english")]
Capture = Callable[..., AbstractContextManager[list[Callable[[], object]]]]
TUESDAY_9_ROME = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


def _ingest(mailbox: Mailbox, raw: bytes) -> InboundMail:
    return mail_ingest(mailbox=mailbox, raw=raw, source=InboundMail.Source.PIPE).mail


def _mail(sender: str, message_id: str, extra: str = "") -> bytes:
    return (
        f"From: {sender}\r\nTo: support@shop.example\r\nSubject: Ordine\r\n"
        f"Message-ID: <{message_id}>\r\n{extra}Content-Type: text/plain; charset=utf-8\r\n\r\n"
        "Buongiorno, il mio ordine non è ancora arrivato, potete controllare?"
    ).encode()


@pytest.fixture
def hour_policy(db: None) -> SlaPolicy:
    return SlaPolicy.objects.create(name="Hour", first_response_minutes=60, business_hours=False)


def test_the_acknowledgement_speaks_the_customers_language_and_time(
    support: Mailbox, smtp: SmtpServer, hour_policy: SlaPolicy
) -> None:
    with time_machine.travel(TUESDAY_9_ROME, tick=False):
        mail = _ingest(support, fixture("it_latin1.eml"))
    ticket = mail.ticket
    assert ticket is not None
    [received] = smtp.received
    sent = OutboundMail.objects.get()
    message = received.message
    assert (received.rcpt_tos, sent.state, sent.kind) == (
        ["giulia.rossi@example.it"],
        "sent",
        "ack",
    )
    assert message["Subject"] == f"Re: [#{ticket.number}] Il mio ordine non è arrivato"
    assert message["Message-ID"] == f"<{sent.message_id}>"
    assert sent.message_id.endswith("@shop.example")
    assert message["In-Reply-To"] == "<it-0001@mail.example.it>"
    assert message["References"] == "<it-0001@mail.example.it>"
    assert message["Auto-Submitted"] == "auto-replied"
    assert message["From"] == "Roma <support@shop.example>"
    assert message.get_content().replace("\r\n", "\n") == (
        "Gentile Giulia Rossì,\n\n"
        f"grazie per il suo messaggio. La sua richiesta ha il numero #{ticket.number}; la "
        "preghiamo di mantenerlo nell'oggetto se ci scrive di nuovo.\n"
        "Le risponderemo entro martedì 24 novembre alle 10:00 (ora di Roma).\n\n"
        "Cordiali saluti,\nRoma\n"
    )


def test_machines_get_no_acknowledgement_and_loops_are_broken(
    support: Mailbox, smtp: SmtpServer
) -> None:
    _ingest(
        support, _mail("bot@example.it", "ooo-1@example.it", "Auto-Submitted: auto-replied\r\n")
    )
    assert smtp.received == []
    for n in range(7):
        _ingest(support, _mail("loop@example.it", f"loop-{n}@example.it"))
    assert len(smtp.received) == 5  # ACKS_PER_ADDRESS_PER_HOUR
    assert Ticket.objects.count() == 8  # every mail is still kept and answered by people


def test_an_agent_reply_threads_and_notes_never_leave(
    support: Mailbox, smtp: SmtpServer, alice: User
) -> None:
    ticket = _ingest(support, fixture("it_latin1.eml")).ticket
    assert ticket is not None
    ack = OutboundMail.objects.get()
    message_add(
        ticket=ticket,
        data=MessageData(body_text="Solo per noi: cliente VIP.", kind="note"),
        actor=Actor(user=alice),
    )
    message_add(
        ticket=ticket,
        data=MessageData(body_html="<p>Gentile Signora Rossì,</p><p>il pacco arriva domani.</p>"),
        actor=Actor(user=alice),
    )
    assert len(smtp.received) == 2
    reply = smtp.received[1].message
    assert reply["In-Reply-To"] == "<it-0001@mail.example.it>"
    assert reply["References"] == f"<it-0001@mail.example.it> <{ack.message_id}>"
    assert "Auto-Submitted" not in reply
    assert smtp.received[1].mail_from == "support@shop.example"  # people's replies bounce back
    text = reply.get_body(preferencelist=("plain",))
    html = reply.get_body(preferencelist=("html",))
    assert text is not None
    assert html is not None
    assert text.get_content().replace("\r\n", "\n").rstrip("\n") == (
        "Gentile Signora Rossì,\n\nil pacco arriva domani."
    )
    assert "<p>il pacco arriva domani.</p>" in html.get_content()
    assert html.get_content().startswith('<div lang="it" dir="ltr"><p>Gentile')
    assert reply["Content-Language"] == "it"
    assert "cliente VIP" not in smtp.received[1].raw.decode("utf-8", "replace")
    answer = _mail(
        "Giulia Rossì <giulia.rossi@example.it>",
        "answer-1@example.it",
        f"In-Reply-To: <{OutboundMail.objects.get(kind='reply').message_id}>\r\n",
    )
    assert _ingest(support, answer).ticket == ticket


def test_an_smtp_outage_delays_mail_but_loses_and_repeats_none(
    support: Mailbox, smtp: SmtpServer
) -> None:
    smtp.stop()
    with time_machine.travel(TUESDAY_9_ROME, tick=False):
        _ingest(support, fixture("fi_latin9.eml"))
    sent = OutboundMail.objects.get()
    assert (sent.state, sent.attempts) == ("queued", 1)
    assert sent.next_attempt_at == TUESDAY_9_ROME + timedelta(minutes=1)
    assert "ConnectionRefusedError" in sent.last_error
    smtp.start()
    assert outbound_drain(now=TUESDAY_9_ROME + timedelta(seconds=30)) == 0  # not due yet
    assert outbound_drain(now=TUESDAY_9_ROME + timedelta(minutes=2)) == 1
    assert outbound_drain(now=TUESDAY_9_ROME + timedelta(minutes=5)) == 0
    assert deliver(sent.pk) == "skipped"
    sent.refresh_from_db()
    assert (sent.state, sent.attempts, len(smtp.received)) == ("sent", 2, 1)


def test_headers_cannot_be_injected(
    support: Mailbox, smtp: SmtpServer, alice: User, team_rome: Team
) -> None:
    Team.objects.filter(pk=team_rome.pk).update(name="Roma\r\nBcc: evil@evil.example")
    ticket = _ingest(support, fixture("it_latin1.eml")).ticket
    assert ticket is not None
    ticket_update(
        ticket=ticket,
        changes=TicketChanges(subject="Ciao\r\nBcc: evil@evil.example"),
        expected_version=None,
        actor=Actor(user=alice),
    )
    message_add(ticket=ticket, data=MessageData(body_text="Ecco."), actor=Actor(user=alice))
    assert [r.rcpt_tos for r in smtp.received] == [["giulia.rossi@example.it"]] * 2
    for received in smtp.received:
        headers = received.raw.split(b"\r\n\r\n", 1)[0]
        assert b"\r\nBcc:" not in headers
    assert connection.vendor in ("sqlite", "postgresql")


@pytest.mark.parametrize(
    ("name", "known", "lines"),
    [
        (
            "fi_latin9.eml",
            ("Aino", "Virtanen", "FI", "aino.virtanen@example.fi"),
            [
                # Finnish customers are addressed informally (the register table's default).
                "Kiitos viestistäsi. Pyyntösi numero on #{number}; mainitsethan sen aiherivillä, "
                "jos kirjoitat meille uudelleen.",
                "Vastaamme sinulle viimeistään keskiviikkona 25. marraskuuta klo 11.00 "
                "(aikavyöhyke: Helsinki).",
                "Tiimimme ei ole juuri nyt paikalla. Palaamme: keskiviikko 25. marraskuuta 2026 "
                "10.00 (Helsinki).",
            ],
        ),
        (
            "bg_cp1251.eml",
            ("Мария", "Петрова", "BG", "maria.petrova@example.bg"),
            [
                "Благодарим Ви за съобщението. Заявката Ви е с номер #{number}; моля, "
                "запазете го в темата, ако ни пишете отново.",
                "Ще Ви отговорим до сряда, 25 ноември, 11:00 ч. (местно време в София).",
                "В момента екипът ни не е на работа. Връщаме се: сряда, 25 ноември 2026\u202fг., "
                "10:00 ч. (София).",
            ],
        ),
    ],
)
def test_out_of_hours_acknowledgements_say_when_the_team_is_back(
    support: Mailbox,
    smtp: SmtpServer,
    team_rome: Team,
    name: str,
    known: tuple[str, str, str, str],
    lines: list[str],
) -> None:
    """Known customers (country, so time zone) read every time in their own zone."""
    from cortesia.calendars.services import calendar_create
    from cortesia.customers.services import CustomerData, customer_create

    given, surname, country, address = known
    customer_create(
        data=CustomerData(given_name=given, surname=surname, country=country, emails=[address]),
        actor=Actor.system(),
    )
    team_rome.calendar = calendar_create(
        name="Roma", time_zone="Europe/Rome", country="IT", actor=Actor.system()
    )
    team_rome.save(update_fields=["calendar"])
    SlaPolicy.objects.create(name="Hour", first_response_minutes=60, business_hours=True)
    tuesday_night = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)  # 21:00 in Rome
    with time_machine.travel(tuesday_night, tick=False):
        ticket = _ingest(support, fixture(name)).ticket
    assert ticket is not None
    text = smtp.received[0].message.get_content().replace("\r\n", "\n")
    for line in lines:
        assert "\n" + line.replace("{number}", str(ticket.number)) + "\n" in text


def test_the_reply_shows_how_its_mail_is_doing(
    support: Mailbox, smtp: SmtpServer, alice: User, alice_client: Any, alice_read_token: str
) -> None:
    ticket = _ingest(support, fixture("it_latin1.eml")).ticket
    assert ticket is not None
    smtp.stop()
    with time_machine.travel(TUESDAY_9_ROME, tick=False):
        reply = message_add(
            ticket=ticket, data=MessageData(body_text="Ecco."), actor=Actor(user=alice)
        )
    reply.refresh_from_db()
    assert reply.delivery == "queued"
    assert reply.delivery_detail.startswith("ConnectionRefusedError: ")
    page = alice_client.get(f"/tickets/{ticket.uid}/").content.decode()
    assert (
        'data-testid="delivery">E-mail: waiting to be sent — <span dir="auto">'
        "ConnectionRefusedError: [Errno 111] Connection refused</span>"
    ) in page
    outbound = OutboundMail.objects.get(ticket_message=reply)
    OutboundMail.objects.filter(pk=outbound.pk).update(attempts=MAX_ATTEMPTS - 1)
    deliver(outbound.pk, now=TUESDAY_9_ROME + timedelta(hours=1))
    reply.refresh_from_db()
    assert (reply.delivery, reply.delivery_detail[:22]) == ("failed", "ConnectionRefusedError")

    smtp.start()
    second = message_add(
        ticket=ticket, data=MessageData(body_text="Di nuovo."), actor=Actor(user=alice)
    )
    second.refresh_from_db()
    assert (second.delivery, second.delivery_detail) == ("sent", "")
    listed = Client().get(
        f"/api/v1/tickets/{ticket.uid}/messages", headers=bearer(alice_read_token)
    )
    assert [(m["author"], m["delivery"]) for m in listed.json()["items"]] == [
        ("agent", "failed"),  # written at the travelled-to time, before the mail came in
        ("customer", ""),
        ("agent", "sent"),
    ]
    ack = OutboundMail.objects.get(kind="ack")
    assert ack.ticket_message is None  # acknowledgements belong to no message


def test_replies_and_acknowledgements_go_out_under_one_sender_name(
    smtp: SmtpServer, admin_user: User, settings: Any
) -> None:
    # Given: a mailbox of no team, and the site's own sender (the one on sign-in mails).
    settings.DEFAULT_FROM_EMAIL = "Cortesia <cortesia@localhost>"
    shared = mailbox_create(
        name="shared", address="support@shop.example", team=None, actor=Actor.system()
    )
    # When: a customer writes, then the company gets a name and an agent replies.
    ticket = _ingest(shared, fixture("it_latin1.eml")).ticket
    assert ticket is not None
    company_name_save(name="Negozio Rossi", actor=Actor(user=admin_user))
    message_add(
        ticket=ticket,
        data=MessageData(body_text="Gentile Signora Rossì,\n\nil pacco arriva domani."),
        actor=Actor(user=admin_user),
    )
    # Then: both carry a display name and the mailbox's address.
    assert [(mail.message["From"], mail.mail_from) for mail in smtp.received] == [
        ("Cortesia <support@shop.example>", "<>"),
        ("Negozio Rossi <support@shop.example>", "support@shop.example"),
    ]


def test_the_team_names_the_sender_when_the_company_has_no_name(
    support: Mailbox, smtp: SmtpServer, alice: User
) -> None:
    ticket = _ingest(support, fixture("it_latin1.eml")).ticket
    assert ticket is not None
    message_add(
        ticket=ticket, data=MessageData(body_text="Arriva domani."), actor=Actor(user=alice)
    )
    assert [mail.message["From"] for mail in smtp.received] == [
        "Roma <support@shop.example>",
        "Roma <support@shop.example>",
    ]


def test_an_arabic_reply_is_laid_out_right_to_left_in_the_customers_mail_program(
    support: Mailbox, smtp: SmtpServer, alice: User
) -> None:
    ticket = _ingest(support, fixture("ar_cp1256_attachment.eml")).ticket
    assert ticket is not None
    message_add(
        ticket=ticket,
        data=MessageData(body_html="<p>شكرًا لكم، وصل طلبكم.</p>"),
        actor=Actor(user=alice),
    )
    reply = smtp.received[-1].message
    html = reply.get_body(preferencelist=("html",))
    assert html is not None
    assert html.get_content().rstrip("\n") == (
        '<div lang="ar" dir="rtl"><p>شكرًا لكم، وصل طلبكم.</p></div>'
    )
    assert reply["Content-Language"] == "ar"


def test_a_batch_hands_its_acknowledgements_to_the_sender_as_one_task(
    support: Mailbox, smtp: SmtpServer
) -> None:
    # Given: three new requests and a mail from a machine (stored, never answered).
    raws = [_mail(f"c{n}@example.it", f"batch{n}@mail.example.it") for n in range(3)]
    raws.insert(2, _mail("robot@example.it", "robot@mail.example.it", "Auto-Submitted: auto\r\n"))
    enqueued: list[str] = []

    def record(sender: object, task_result: TaskResult[Any], **kwargs: object) -> None:
        enqueued.append(task_result.task.module_path)

    task_enqueued.connect(record)
    try:
        # When
        results = mail_ingest_batch(mailbox=support, raws=raws, source="imap")
    finally:
        task_enqueued.disconnect(record)
    # Then: one task sent the three acknowledgements, after the commit.
    assert [result.created for result in results] == [True] * 4
    mail_tasks = [path for path in enqueued if path.startswith("cortesia.mail.")]
    assert mail_tasks == ["cortesia.mail.sending.outbound_send_many"]
    assert sorted(received.message["To"] for received in smtp.received) == [
        "c0@example.it",
        "c1@example.it",
        "c2@example.it",
    ]
    assert set(OutboundMail.objects.values_list("state", flat=True)) == {"sent"}
