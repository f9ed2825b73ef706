from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from cortesia.accounts.models import Team
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer, CustomerEvent
from cortesia.customers.services import CustomerData, customer_create
from cortesia.mail.inbound import Ingested, mail_ingest, mail_ingest_batch
from cortesia.mail.mailboxes import mailbox_create
from cortesia.mail.models import InboundMail, Mailbox, OutboundMail
from cortesia.mail.storage import raw_read
from cortesia.mail.tests.conftest import fixture
from cortesia.tickets.models import Ticket, TicketAttachment, TicketEvent, TicketLink

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _ingest(mailbox: Mailbox, raw: bytes) -> InboundMail:
    return mail_ingest(mailbox=mailbox, raw=raw, source=InboundMail.Source.PIPE).mail


def _mail(
    *,
    sender: str = "Giulia Rossi <giulia.rossi@example.it>",
    subject: str = "Re: Il mio ordine",
    message_id: str = "reply-1@mail.example.it",
    extra: str = "",
    body: str = "Grazie, aspetto notizie sul mio ordine.",
) -> bytes:
    headers = f"From: {sender}\r\nTo: support@shop.example\r\nSubject: {subject}\r\n"
    if message_id:
        headers += f"Message-ID: <{message_id}>\r\n"
    return (headers + extra + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body).encode()


@pytest.mark.parametrize(
    ("name", "language", "given", "surname"),
    [
        ("it_latin1.eml", "it", "Giulia", "Rossì"),
        ("fi_latin9.eml", "fi", "Aino", "Virtanen"),
        ("bg_cp1251.eml", "bg", "Мария", "Петрова"),
        ("ro_latin10.eml", "ro", "Ioana", "Popescu"),
        ("ar_cp1256_attachment.eml", "ar", "ليلى", "حداد"),
    ],
)
def test_a_new_mail_opens_a_ticket_in_the_senders_language(
    support: Mailbox, team_rome: Team, name: str, language: str, given: str, surname: str
) -> None:
    mail = _ingest(support, fixture(name))
    ticket = Ticket.objects.get()
    customer = Customer.objects.get()
    assert (mail.state, mail.ticket, mail.is_automatic) == ("ingested", ticket, False)
    assert (ticket.channel, ticket.team, ticket.language, ticket.status) == (
        "email",
        team_rome,
        language,
        "new",
    )
    assert (customer.given_name, customer.surname, customer.language) == (given, surname, language)
    assert (customer.language_source, customer.version) == ("detected", 2)
    assert ticket.events.get(kind="created").data["language"] == "detected"
    learned = customer.events.get(kind=CustomerEvent.Kind.UPDATED)
    assert (learned.actor, learned.data) == (None, {"fields": ["language"]})
    assert mail.ticket_message is not None
    assert mail.ticket_message.author_kind == "customer"
    assert raw_read(mail.raw_sha256) == fixture(name)


def test_learning_the_senders_language_reads_no_ticket_event(support: Mailbox) -> None:
    # Where the ticket's language came from is known from opening it, not read back.
    mail = _mail(
        sender="Nuovo <nuovo@example.it>",
        body="Buongiorno, il mio ordine non è ancora arrivato. Potete verificare, per favore?",
    )
    with CaptureQueriesContext(connection) as captured:
        _ingest(support, mail)
    customer = Customer.objects.get()
    assert (customer.language, customer.language_source, customer.version) == (
        "it",
        "detected",
        2,
    )
    assert [
        query["sql"].split()[0]
        for query in captured.captured_queries
        if '"tickets_ticketevent"' in query["sql"]
    ] == ["INSERT"]


def test_a_mail_too_short_to_tell_teaches_the_customer_no_language(support: Mailbox) -> None:
    # The ticket falls back to the site's language; the customer's stays unknown.
    _ingest(support, _mail(sender="Nuovo <nuovo@example.it>", subject="ok", body="ok"))
    ticket = Ticket.objects.get()
    customer = Customer.objects.get()
    assert (ticket.language, ticket.events.get(kind="created").data["language"]) == ("en", "site")
    assert (customer.language, customer.language_source, customer.version) == ("", "", 1)
    assert not customer.events.filter(kind=CustomerEvent.Kind.UPDATED).exists()


def test_attachments_arrive_with_the_message(support: Mailbox) -> None:
    mail = _ingest(support, fixture("ar_cp1256_attachment.eml"))
    attachment = TicketAttachment.objects.get()
    assert (attachment.filename, attachment.content_type, attachment.message) == (
        "فاتورة.pdf",
        "application/pdf",
        mail.ticket_message,
    )


def test_hostile_html_is_cleaned_and_remote_images_are_not_loaded(support: Mailbox) -> None:
    mail = _ingest(support, fixture("en_html_hostile.eml"))
    assert mail.ticket_message is not None
    body = mail.ticket_message.body_html
    for banned in (
        "<script",
        "onload",
        "<iframe",
        "<form",
        "javascript:",
        'src="https://tracker.example',
        "<style",
    ):
        assert banned not in body
    # the tracking pixel is held back behind a marker no browser fetches
    assert '<img src="cid:remote:https://tracker.example/pixel.gif?id=42" alt="">' in body
    assert '<img src="cid:screenshot@example.com" alt="screenshot">' in body
    assert '<a href="https://shop.example/help" rel="noopener noreferrer">help</a>' in body
    customer = Customer.objects.get()
    assert (customer.given_name, customer.surname) == ("Marco", "Rossi")


def test_the_same_mail_twice_is_stored_once(support: Mailbox, team_rome: Team) -> None:
    first = mail_ingest(mailbox=support, raw=fixture("it_latin1.eml"), source="imap")
    again = mail_ingest(mailbox=support, raw=fixture("it_latin1.eml"), source="pipe")
    assert (first.created, again.created, again.mail.pk) == (True, False, first.mail.pk)
    nameless = _mail(message_id="")
    assert _ingest(support, nameless).pk == _ingest(support, nameless).pk
    assert InboundMail.objects.get(pk=_ingest(support, nameless).pk).message_key == (
        "sha256:" + hashlib.sha256(nameless).hexdigest()
    )
    other = mailbox_create(
        name="sales", address="sales@shop.example", team=team_rome, actor=Actor.system()
    )
    _ingest(other, fixture("it_latin1.eml"))  # one in each mailbox
    assert InboundMail.objects.count() == 3
    assert Ticket.objects.count() == 3


def test_replies_thread_by_message_id_and_by_subject_tag(support: Mailbox) -> None:
    ticket = _ingest(support, fixture("it_latin1.eml")).ticket
    assert ticket is not None
    by_reference = _mail(extra="In-Reply-To: <it-0001@mail.example.it>\r\n")
    by_tag = _mail(subject=f"Re: [#{ticket.number}] Il mio ordine", message_id="reply-2@x.it")
    assert _ingest(support, by_reference).ticket == ticket
    assert _ingest(support, by_tag).ticket == ticket
    assert ticket.messages.count() == 3
    assert Ticket.objects.count() == 1


def test_a_stranger_citing_a_ticket_gets_a_new_ticket_instead(support: Mailbox) -> None:
    victim = _ingest(support, fixture("it_latin1.eml")).ticket
    assert victim is not None
    attack = _mail(
        sender="Mallory <mallory@evil.example>",
        subject=f"Re: [#{victim.number}] Il mio ordine",
        extra="In-Reply-To: <it-0001@mail.example.it>\r\n",
        message_id="attack@evil.example",
    )
    mail = _ingest(support, attack)
    assert victim.messages.count() == 1
    assert mail.ticket != victim
    assert mail.ticket is not None
    assert mail.ticket.tags == ["thread-refused"]
    note = mail.ticket.messages.get(kind="note")
    assert note.body_text == (
        f"This mail refers to ticket #{victim.number}, but mallory@evil.example is not that "
        "ticket's customer, so it was not added there."
    )


def test_a_reply_to_a_closed_ticket_opens_a_linked_follow_up(support: Mailbox) -> None:
    closed = _ingest(support, fixture("it_latin1.eml")).ticket
    assert closed is not None
    Ticket.objects.filter(pk=closed.pk).update(status="closed")
    follow_up = _ingest(support, _mail(extra="In-Reply-To: <it-0001@mail.example.it>\r\n")).ticket
    assert follow_up is not None
    assert follow_up != closed
    assert TicketLink.objects.filter(first=closed, second=follow_up).exists()


@pytest.mark.parametrize(
    ("extra", "sender", "automatic"),
    [
        ("Auto-Submitted: auto-replied\r\n", "giulia.rossi@example.it", True),
        ("Auto-Submitted: auto-generated\r\n", "giulia.rossi@example.it", True),
        ("Auto-Submitted: no\r\n", "giulia.rossi@example.it", False),
        ("Precedence: bulk\r\n", "giulia.rossi@example.it", True),
        ("X-Auto-Response-Suppress: OOF\r\n", "giulia.rossi@example.it", True),
        ("List-Id: <news.example.it>\r\n", "giulia.rossi@example.it", True),
        ("Return-Path: <>\r\n", "giulia.rossi@example.it", True),
        ("", "no-reply@example.it", True),
        ("", "giulia.rossi@example.it", False),  # the control
    ],
)
def test_machine_mail_is_stored_and_marked(
    support: Mailbox, extra: str, sender: str, automatic: bool
) -> None:
    mail = _ingest(support, _mail(sender=sender, extra=extra))
    assert (mail.state, mail.is_automatic) == ("ingested", automatic)


def test_a_bounce_marks_our_mail_failed_on_its_ticket(support: Mailbox) -> None:
    ticket = _ingest(support, fixture("it_latin1.eml")).ticket
    assert ticket is not None
    sent = OutboundMail.objects.create(
        ticket=ticket,
        mailbox=support,
        kind="reply",
        message_id="out-1@shop.example",
        to="giulia.rossi@example.it",
        subject="Re: Il mio ordine",
        body_text="…",
        state="sent",
    )
    dsn = (
        b"From: Mail Delivery System <MAILER-DAEMON@mx.shop.example>\r\n"
        b"To: support@shop.example\r\nSubject: Undelivered Mail Returned to Sender\r\n"
        b"Message-ID: <dsn-1@mx.shop.example>\r\nAuto-Submitted: auto-replied\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="r"\r\n\r\n'
        b"--r\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
        b"--r\r\nContent-Type: message/delivery-status\r\n\r\n"
        b"Reporting-MTA: dns; mx.shop.example\r\n\r\n"
        b"Final-Recipient: rfc822; giulia.rossi@example.it\r\nAction: failed\r\n"
        b"Status: 5.1.1\r\n\r\n"
        b"--r\r\nContent-Type: message/rfc822\r\n\r\n"
        b"Message-ID: <out-1@shop.example>\r\nSubject: Re: Il mio ordine\r\n\r\n...\r\n--r--\r\n"
    )
    mail = _ingest(support, dsn)
    assert (mail.is_bounce, mail.is_automatic, mail.ticket) == (True, True, ticket)
    assert Ticket.objects.count() == 1
    sent.refresh_from_db()
    assert (sent.state, sent.last_error) == ("failed", "bounce 5.1.1")
    assert ticket.events.get(kind=TicketEvent.Kind.DELIVERY_FAILED).data == {
        "mail": str(sent.uid),
        "status": "5.1.1",
        "recipient": "giulia.rossi@example.it",
        "permanent": True,
    }


def test_the_ticket_page_folds_the_quoted_conversation(support: Mailbox, alice_client: Any) -> None:
    ticket = _ingest(support, fixture("it_latin1.eml")).ticket
    assert ticket is not None
    reply = _mail(
        body="Grazie, allora aspetto.\r\n\r\nIl giorno mar 24 nov 2026 Assistenza ha scritto:\r\n"
        "> Gentile Signora Rossì, il pacco arriva domani.",
        extra="In-Reply-To: <it-0001@mail.example.it>\r\n",
    )
    message = _ingest(support, reply).ticket_message
    assert message is not None
    page = alice_client.get(f"/tickets/{ticket.uid}/")
    folded = [
        (body.visible, body.quoted) for m, body in page.context["conversation"] if m == message
    ]
    assert folded == [
        (
            "<p>Grazie, allora aspetto.</p>",
            "<p>Il giorno mar 24 nov 2026 Assistenza ha scritto:<br>&gt; Gentile Signora Rossì, "
            "il pacco arriva domani.</p>",
        )
    ]
    assert message.body_text.endswith("il pacco arriva domani.")  # stored whole


def test_remote_images_load_only_when_the_agent_asks(
    support: Mailbox, alice_client: Any, english: None
) -> None:
    mail = _ingest(support, fixture("en_html_hostile.eml"))
    assert mail.ticket is not None
    assert mail.ticket_message is not None
    page = alice_client.get(f"/tickets/{mail.ticket.uid}/")
    html = page.content.decode()
    assert "tracker.example/pixel.gif" not in html.replace("cid:remote:https://tracker", "")
    assert 'data-testid="show-remote-images"' in html
    assert "img-src 'self' data:;" in page["Content-Security-Policy"]

    shown = alice_client.get(f"/tickets/{mail.ticket.uid}/?images={mail.ticket_message.uid}")
    assert '<img src="https://tracker.example/pixel.gif?id=42" alt="">' in shown.content.decode()
    assert 'data-testid="show-remote-images"' not in shown.content.decode()
    assert "img-src 'self' data: https: http:;" in shown["Content-Security-Policy"]
    assert "script-src 'self'" in shown["Content-Security-Policy"]


def test_inline_images_show_from_the_mails_own_files(support: Mailbox, alice_client: Any) -> None:
    mail = _ingest(support, fixture("en_html_hostile.eml"))
    assert mail.ticket is not None
    assert mail.ticket_message is not None
    [picture] = mail.ticket_message.attachments.all()
    url = f"/tickets/{mail.ticket.uid}/attachments/{picture.uid}/?inline=1"
    assert picture.content_id == "screenshot@example.com"
    page = alice_client.get(f"/tickets/{mail.ticket.uid}/").content.decode()
    assert f'<img src="{url}" alt="screenshot">' in page
    inline = alice_client.get(url)
    assert (inline["Content-Type"], inline["Content-Disposition"]) == (
        "image/png",
        'inline; filename="screenshot.png"',
    )
    assert inline["Content-Security-Policy"] == "sandbox; default-src 'none'"
    download = alice_client.get(url.removesuffix("?inline=1"))
    assert download["Content-Disposition"] == 'attachment; filename="screenshot.png"'


@pytest.mark.parametrize(
    ("where", "raw"),
    [
        ("subject", _mail(subject="Ordine\x00 42", message_id="nul-subject@mail.example.it")),
        ("sender", _mail(sender="Giu\x00lia <giulia.rossi@example.it>", message_id="nul-from@x")),
        ("message-id", _mail(message_id="nul\x00id@mail.example.it")),
        ("body", _mail(body="Il mio ordine\x00 non è arrivato.", message_id="nul-body@x")),
    ],
)
def test_a_nul_byte_from_a_mail_is_dropped_and_the_mail_goes_through(
    support: Mailbox, where: str, raw: bytes
) -> None:
    mail = _ingest(support, raw)
    ticket = Ticket.objects.get()
    message = ticket.messages.get()
    stored = [mail.subject, mail.sender, mail.message_id, ticket.subject, message.body_text]
    assert (mail.state, mail.reason) == (InboundMail.State.INGESTED, "")
    assert not any("\x00" in value for value in stored)
    assert ticket.customer.given_name == "Giulia"
    assert raw_read(mail.raw_sha256) == raw
    assert _ingest(support, raw).pk == mail.pk
    assert InboundMail.objects.count() == 1


def _batch(mailbox: Mailbox, raws: list[bytes], **extra: Any) -> list[tuple[str, bool]]:
    results = mail_ingest_batch(mailbox=mailbox, raws=raws, source="imap", **extra)
    return [(result.mail.message_key, result.created) for result in results]


def test_a_batch_quarantines_its_poisoned_mails_alone_and_keeps_the_others(
    support: Mailbox,
) -> None:
    # Given: a batch with a mail that fails in processing (an address too long to keep)
    # and one that cannot be read (an unknown charset) between good ones.
    good = [_mail(sender=f"c{n}@example.it", message_id=f"b{n}@x.it") for n in range(3)]
    failing = _mail(sender="g" * 300 + "@example.it", message_id="bad@x.it")
    unreadable = _mail(
        message_id="klingon@x.it", extra="Content-Type: text/plain; charset=x-klingon\r\n"
    ).replace(b"Content-Type: text/plain; charset=utf-8\r\n", b"")
    # When
    results = _batch(support, [good[0], failing, good[1], unreadable, good[2]])
    # Then: five rows, the two bad ones quarantined with nothing of their processing left.
    assert results == [
        ("id:b0@x.it", True),
        ("id:bad@x.it", True),
        ("id:b1@x.it", True),
        ("id:klingon@x.it", True),
        ("id:b2@x.it", True),
    ]
    rows = InboundMail.objects.order_by("id").values_list(
        "message_key", "state", "reason", "ticket__customer__emails__address"
    )
    assert list(rows) == [
        ("id:b0@x.it", "ingested", "", "c0@example.it"),
        ("id:bad@x.it", "quarantined", "FieldErrors: Some fields are not valid.", None),
        ("id:b1@x.it", "ingested", "", "c1@example.it"),
        ("id:klingon@x.it", "quarantined", "unknown charset: x-klingon", None),
        ("id:b2@x.it", "ingested", "", "c2@example.it"),
    ]
    assert Ticket.objects.count() == 3
    assert sorted(Customer.objects.values_list("emails__address", flat=True)) == [
        "c0@example.it",
        "c1@example.it",
        "c2@example.it",
    ]
    assert sorted(OutboundMail.objects.values_list("to", flat=True)) == [
        "c0@example.it",
        "c1@example.it",
        "c2@example.it",
    ]
    kept = {mail.message_key: raw_read(mail.raw_sha256) for mail in InboundMail.objects.all()}
    assert kept == {
        "id:b0@x.it": good[0],
        "id:bad@x.it": failing,
        "id:b1@x.it": good[1],
        "id:klingon@x.it": unreadable,
        "id:b2@x.it": good[2],
    }


def test_a_batch_stores_a_mail_it_holds_twice_once(support: Mailbox) -> None:
    first, second = _mail(message_id="twice@x.it"), _mail(message_id="once@x.it")
    assert _batch(support, [first, second, first]) == [
        ("id:twice@x.it", True),
        ("id:once@x.it", True),
        ("id:twice@x.it", False),
    ]
    assert (InboundMail.objects.count(), Ticket.objects.count()) == (2, 2)


def test_a_batch_delivered_again_costs_one_lookup_and_changes_nothing(
    support: Mailbox, django_assert_num_queries: Any
) -> None:
    raws = [_mail(sender=f"c{n}@example.it", message_id=f"again{n}@x.it") for n in range(20)]
    _batch(support, raws)
    counts = (InboundMail.objects.count(), Ticket.objects.count(), OutboundMail.objects.count())
    with django_assert_num_queries(3):  # the batch's savepoint and one SELECT
        results = _batch(support, raws, hold_seconds=60)
    assert results == [(f"id:again{n}@x.it", False) for n in range(20)]
    assert (
        InboundMail.objects.count(),
        Ticket.objects.count(),
        OutboundMail.objects.count(),
    ) == counts


def test_a_batch_counts_the_acknowledgements_of_its_senders_in_one_query(
    support: Mailbox,
) -> None:
    # Given: two earlier acknowledgements to one of five senders.
    _batch(support, [_mail(sender="c0@example.it", message_id=f"old{n}@x.it") for n in range(2)])
    raws = [_mail(sender=f"c{n}@example.it", message_id=f"count{n}@x.it") for n in range(5)]
    # When
    with CaptureQueriesContext(connection) as captured:
        _batch(support, raws, hold_seconds=60)
    # Then: one read of the loop breaker for the five, and each sender acknowledged.
    reads = [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].startswith("SELECT") and '"mail_outboundmail"' in query["sql"]
    ]
    assert len(reads) == 1
    assert "GROUP BY" in reads[0]
    acknowledged = OutboundMail.objects.filter(kind=OutboundMail.Kind.ACKNOWLEDGEMENT)
    assert sorted(acknowledged.values_list("to", flat=True)) == [
        "c0@example.it",
        "c0@example.it",
        "c0@example.it",
        "c1@example.it",
        "c2@example.it",
        "c3@example.it",
        "c4@example.it",
    ]


def test_the_loop_breaker_counts_the_acknowledgements_of_its_own_batch(support: Mailbox) -> None:
    # Given: three acknowledgements to an address in an earlier batch.
    earlier = [_mail(sender="loop@example.it", message_id=f"loop{n}@x.it") for n in range(3)]
    _batch(support, earlier)
    # When: four more of its mails and one of another sender come in one transaction.
    raws = [_mail(sender="loop@example.it", message_id=f"loop{n}@x.it") for n in range(3, 7)]
    raws.insert(2, _mail(sender="other@example.it", message_id="other@x.it"))
    _batch(support, raws, hold_seconds=60)
    # Then: the address got five in all; every mail still opened its ticket.
    acknowledged = OutboundMail.objects.filter(kind=OutboundMail.Kind.ACKNOWLEDGEMENT)
    assert sorted(acknowledged.values_list("to", "ticket__subject")) == [
        *[("loop@example.it", "Re: Il mio ordine")] * 5,
        ("other@example.it", "Re: Il mio ordine"),
    ]
    assert [mail.ticket_id is not None for mail in InboundMail.objects.order_by("id")] == [True] * 8
    assert Ticket.objects.count() == 8


def test_a_new_request_in_a_batch_costs_eighteen_statements_and_its_number(
    support: Mailbox,
) -> None:
    # Per mail: its savepoint; the sender's lookup, then in a savepoint the new customer,
    # address and timeline entry; the ticket, its message, its events, the timeline entry,
    # its search document (and its number, as test_creation counts it), its report facts
    # marked stale; the customer's language learnt and noted; the mail's row; the
    # acknowledgement. Per transaction, whatever its size: the SLA policies' token and the
    # loop breaker's count, each read once.
    _batch(support, [_mail(sender="warm@example.it", message_id="warm@x.it")])

    def statements(first: int, count: int) -> list[str]:
        raws = [
            _mail(sender=f"s{n}@example.it", message_id=f"s{n}@x.it")
            for n in range(first, first + count)
        ]
        with CaptureQueriesContext(connection) as captured:
            _batch(support, raws, hold_seconds=60)
        numbering = ("UPDATE tickets_ticketcounter", "SELECT nextval")
        return [
            query["sql"]
            for query in captured.captured_queries
            if not query["sql"].startswith(numbering)
        ]

    two, five = statements(0, 2), statements(2, 5)
    assert len(five) - len(two) == 3 * 18
    for made in (two, five):
        assert sum('"sla_policyversion"' in sql for sql in made) == 1
        assert sum(sql.startswith("SELECT") and '"mail_outboundmail"' in sql for sql in made) == 1
    assert (InboundMail.objects.count(), Ticket.objects.count()) == (8, 8)
    assert OutboundMail.objects.count() == CustomerEvent.objects.filter(kind="updated").count() == 8


def test_a_crash_in_the_middle_of_a_batch_leaves_nothing_of_it(support: Mailbox) -> None:
    # Given: the worker dies after the second mail of three was processed.
    raws = [_mail(sender=f"c{n}@example.it", message_id=f"crash{n}@x.it") for n in range(3)]
    processed: list[str] = []

    def crash(result: Ingested) -> None:
        processed.append(result.mail.message_key)
        if len(processed) == 2:
            raise KeyboardInterrupt

    # When
    with pytest.raises(KeyboardInterrupt):
        _batch(support, raws, after_each=crash, hold_seconds=60)  # one transaction
    # Then: no row, ticket, customer or queued mail of the batch is left ...
    assert processed == ["id:crash0@x.it", "id:crash1@x.it"]
    assert (
        InboundMail.objects.count(),
        Ticket.objects.count(),
        Customer.objects.count(),
        OutboundMail.objects.count(),
    ) == (0, 0, 0, 0)
    # ... and delivering it again stores each mail once.
    assert _batch(support, raws) == [(f"id:crash{n}@x.it", True) for n in range(3)]
    assert (InboundMail.objects.count(), Ticket.objects.count()) == (3, 3)


@pytest.mark.django_db(transaction=True)
def test_a_batch_commits_early_once_it_held_the_lock_long_enough(support: Mailbox) -> None:
    raws = [_mail(sender=f"c{n}@example.it", message_id=f"hold{n}@x.it") for n in range(3)]
    order: list[str] = []

    def note(result: Ingested) -> None:
        key = result.mail.message_key
        order.append(f"stored {key}")
        transaction.on_commit(lambda: order.append(f"committed {key}"))

    # A lock held for no time at all: every mail commits before the next is read.
    _batch(support, raws, hold_seconds=0, after_each=note)
    assert order == [
        "stored id:hold0@x.it",
        "committed id:hold0@x.it",
        "stored id:hold1@x.it",
        "committed id:hold1@x.it",
        "stored id:hold2@x.it",
        "committed id:hold2@x.it",
    ]
    # Long enough for the whole batch: one commit at the end.
    order.clear()
    more = [_mail(sender=f"d{n}@example.it", message_id=f"long{n}@x.it") for n in range(2)]
    _batch(support, more, hold_seconds=60, after_each=note)
    assert order == [
        "stored id:long0@x.it",
        "stored id:long1@x.it",
        "committed id:long0@x.it",
        "committed id:long1@x.it",
    ]
    assert (InboundMail.objects.count(), Ticket.objects.count()) == (5, 5)


@pytest.mark.django_db(transaction=True)
def test_a_database_timeout_rolls_the_batch_back_instead_of_quarantining(
    support: Mailbox,
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes its write lock for the whole transaction when it begins")
    known = customer_create(
        data=CustomerData(given_name="Carla", emails=["c0@example.it"]), actor=Actor.system()
    )
    raws = [_mail(sender=f"c{n}@example.it", message_id=f"locked{n}@x.it") for n in range(2)]
    # Given: another session holds the known customer's row, and this one waits 200 ms.
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        other.set_autocommit(False)
        with other.cursor() as cursor:
            cursor.execute("SELECT id FROM customers_customer WHERE id = %s FOR UPDATE", [known.pk])
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '200ms'")
        # When
        with pytest.raises(OperationalError):
            _batch(support, raws, hold_seconds=60)
    finally:
        other.rollback()
        other.close()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    # Then: nothing of the batch is left, and nothing was quarantined for it ...
    assert (
        InboundMail.objects.count(),
        Ticket.objects.count(),
        Customer.objects.count(),
        OutboundMail.objects.count(),
    ) == (0, 0, 1, 0)
    # ... so the next delivery stores both mails.
    assert _batch(support, raws) == [("id:locked0@x.it", True), ("id:locked1@x.it", True)]
    assert set(InboundMail.objects.values_list("state", flat=True)) == {"ingested"}
