"""Poison mail: ten poison mails among normal ones are quarantined with their bytes
intact and a reason; the normal ones go through in order; a fix lets them in once."""

from __future__ import annotations

import codecs
import hashlib
from collections.abc import Iterator
from typing import Any

import pytest

from cortesia.mail.inbound import mail_ingest, mail_reingest
from cortesia.mail.models import InboundMail, Mailbox
from cortesia.mail.storage import raw_read
from cortesia.tickets.models import Ticket

pytestmark = pytest.mark.usefixtures("english")
HEAD = "From: Giulia Rossi <giulia.rossi@example.it>\r\nTo: support@shop.example\r\n"


def _mail(number: int, content_type: str = "text/plain; charset=utf-8", body: str = "") -> bytes:
    return (
        f"{HEAD}Subject: Ordine {number}\r\nMessage-ID: <m{number}@mail.example.it>\r\n"
        f"Content-Type: {content_type}\r\n\r\n{body or f'Il mio ordine {number} non è arrivato.'}"
    ).encode()


def _parts(number: int, count: int, *, nested: bool) -> bytes:
    if nested:
        body = "".join(
            f"--b{level}\r\nContent-Type: multipart/mixed; boundary=b{level + 1}\r\n\r\n"
            for level in range(count)
        )
    else:
        body = "".join("--b0\r\nContent-Type: text/plain\r\n\r\nx\r\n" for _ in range(count))
        body += "--b0--\r\n"
    return _mail(number, "multipart/mixed; boundary=b0", body)


POISON: list[tuple[bytes, str]] = [
    (_mail(901, "text/plain; charset=x-klingon", "qapla"), "unknown charset: x-klingon"),
    (
        _mail(
            902,
            "multipart/alternative; boundary=a",
            "--a\r\nContent-Type: text/html; charset=x-klingon\r\n\r\n<p>qapla</p>\r\n--a--\r\n",
        ),
        "unknown charset: x-klingon",
    ),
    (_mail(903, "text/plain; charset=rot13"), "unknown charset: rot13"),
    (_mail(904, "text/plain; charset*=x''%FF"), "unknown charset: None"),
    (
        _mail(905, "text/plain; charset=idna"),
        "undecodable body: decoding with 'idna' codec failed "
        "(UnicodeError: Unsupported error handling replace)",
    ),
    (
        f"{HEAD}Message-ID: <m906@mail.example.it>\r\nX-Big: {'a' * 1_000_000}\r\n\r\nx".encode(),
        "header larger than 256 KB",
    ),
    (_parts(907, 10_000, nested=True), "parts nested too deeply"),
    (_parts(908, 10_000, nested=False), "too many parts"),
    (_mail(909, body="x" * 50_000_000), "larger than 40 MB"),
    (
        _mail(910).replace(b"giulia.rossi@example.it", b"g" * 300 + b"@example.it"),
        "FieldErrors: Some fields are not valid.",
    ),
]


@pytest.fixture
def klingon_codec() -> Iterator[None]:
    def search(name: str) -> codecs.CodecInfo | None:
        return codecs.lookup("utf-8") if name == "x_klingon" else None

    codecs.register(search)
    yield
    codecs.unregister(search)


def _ingest(mailbox: Mailbox, raw: bytes) -> InboundMail:
    return mail_ingest(mailbox=mailbox, raw=raw, source=InboundMail.Source.PIPE).mail


def test_poison_is_quarantined_byte_exact_and_normal_mail_goes_on_in_order(
    support: Mailbox, request: pytest.FixtureRequest, settings: Any
) -> None:
    assert settings.CORTESIA_MAIL_MAX_BYTES == 40_000_000
    normal = [_mail(number) for number in range(40)]
    for index, raw in enumerate(normal):
        _ingest(support, raw)
        if index % 4 == 3:
            _ingest(support, POISON[index // 4][0])
    quarantined = list(InboundMail.objects.filter(state="quarantined").order_by("id"))
    assert [(mail.reason, mail.attempts) for mail in quarantined] == [
        (reason, 1) for _raw, reason in POISON
    ]
    for mail, (raw, _reason) in zip(quarantined, POISON, strict=True):
        assert raw_read(mail.raw_sha256) == raw
        assert mail.raw_sha256 == hashlib.sha256(raw).hexdigest()
        assert (mail.ticket, mail.ticket_message) == (None, None)
    subjects = list(Ticket.objects.order_by("number").values_list("subject", flat=True))
    assert subjects == [f"Ordine {number}" for number in range(40)]

    for raw, _reason in POISON:  # delivered again (an IMAP re-poll): nothing more happens
        assert mail_ingest(mailbox=support, raw=raw, source="imap").created is False
    assert InboundMail.objects.count() == 50

    request.getfixturevalue("klingon_codec")  # "the fix" for two of them
    for _round in range(2):
        for mail in InboundMail.objects.filter(state="quarantined"):
            mail_reingest(mail=mail, raw=raw_read(mail.raw_sha256))
    fixed = InboundMail.objects.filter(
        message_key__in=["id:m901@mail.example.it", "id:m902@mail.example.it"]
    )
    assert sorted(fixed.values_list("state", "attempts")) == [("ingested", 2), ("ingested", 2)]
    assert InboundMail.objects.filter(state="quarantined").count() == 8
    assert Ticket.objects.count() == 42  # one each, not one per attempt
    assert max(InboundMail.objects.values_list("attempts", flat=True)) <= 3
