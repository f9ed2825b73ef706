"""Hostile attachments: zip bombs and pixel floods are refused on every upload path, and
nothing of them is kept."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cortesia.accounts.models import Team
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.mail.inbound import mail_ingest
from cortesia.mail.mailboxes import mailbox_create
from cortesia.mail.models import InboundMail
from cortesia.portal.tests.conftest import open_ticket, signed_in
from cortesia.testing import hostile_files as files
from cortesia.testing.fixtures import bearer
from cortesia.tickets.models import Ticket, TicketAttachment, TicketMessage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40
UNPACKED = "An archive may unpack to at most 10 MB."
RATIO = "An archive may not hold files packed more than 100 to 1."
DEPTH = "Archives may be nested at most 4 levels deep."
PIXELS = "An image may have at most 100 million pixels."


@pytest.fixture(autouse=True)
def one_megabyte_limit(settings: Any) -> None:
    """Archives may then unpack to 10 MB, so the bombs stay quick to build."""
    settings.CORTESIA_ATTACHMENT_MAX_BYTES = 1_000_000


def _stored_files(data_dir: Path) -> list[Path]:
    return [path for path in (data_dir / "attachments").rglob("*") if path.is_file()]


HOSTILE = [
    ("bomb.zip", "application/zip", files.zip_of_zeros(11), UNPACKED),
    ("many.zip", "application/zip", files.zip_of_zeros(3, members=4), UNPACKED),
    ("small.zip", "application/zip", files.zip_of_zeros(5), RATIO),
    (
        "report.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        files.zip_of({"[Content_Types].xml": b"<Types/>", "word/media/x.bin": b"\0" * 5_000_000}),
        RATIO,
    ),
    ("42.zip", "application/zip", files.nested_zip(6), DEPTH),
    ("photos.zip", "application/zip", files.zip_of({"p.zip": files.zip_of_zeros(20)}), UNPACKED),
    ("flood.png", "image/png", files.png(50_000, 50_000), PIXELS),
    ("notes.txt", "text/plain", files.png(50_000, 50_000), PIXELS),  # judged by content
    ("anim.gif", "image/gif", files.gif(65_535, 65_535), PIXELS),
    ("photo.jpg", "image/jpeg", files.jpeg(20_000, 20_000, app_segments=30), PIXELS),
    ("photo.webp", "image/webp", files.webp_extended(20_000, 20_000), PIXELS),
]


@pytest.mark.parametrize(("name", "kind", "content", "message"), HOSTILE)
def test_the_api_refuses_bombs_and_floods_and_keeps_nothing(
    ticket: Ticket,
    alice_write_token: str,
    data_dir: Path,
    name: str,
    kind: str,
    content: bytes,
    message: str,
) -> None:
    assert len(content) < 1_000_000  # small on disk: only what it declares is too large
    response = Client().post(
        f"/api/v1/tickets/{ticket.uid}/attachments",
        {"file": SimpleUploadedFile(name, content, content_type=kind)},
        headers=bearer(alice_write_token),
    )
    assert (response.status_code, response.json()) == (
        413,
        {"error": {"code": "expands_too_large", "message": message}},
    )
    assert TicketAttachment.objects.count() == 0
    assert _stored_files(data_dir) == []


@pytest.mark.parametrize(
    ("name", "kind", "content"),
    [
        ("photo.png", "image/png", files.png(10_000, 10_000)),  # 100 MP: at the limit
        ("photo.jpg", "image/jpeg", files.jpeg(4_000, 3_000)),
        ("anim.gif", "image/gif", files.gif(640, 480)),
        ("photo.webp", "image/webp", files.webp_lossy(1_920, 1_080)),
        ("letter.docx", "application/octet-stream", files.docx_like()),
        ("bundle.zip", "application/zip", files.zip_of({"a.docx": files.docx_like()})),
        ("invoice.pdf", "application/pdf", PDF),
    ],
)
def test_ordinary_files_are_kept_and_marked_not_scanned(
    ticket: Ticket, alice_write_token: str, data_dir: Path, name: str, kind: str, content: bytes
) -> None:
    response = Client().post(
        f"/api/v1/tickets/{ticket.uid}/attachments",
        {"file": SimpleUploadedFile(name, content, content_type=kind)},
        headers=bearer(alice_write_token),
    )
    assert response.status_code == 201
    assert (response.json()["filename"], response.json()["scan"]) == (name, "not_scanned")
    assert [path.read_bytes() for path in _stored_files(data_dir)] == [content]


def test_the_composer_refuses_a_bomb_and_sends_nothing(
    ticket: Ticket, alice_client: Client, data_dir: Path
) -> None:
    response = alice_client.post(
        f"/tickets/{ticket.uid}/",
        {
            "version": ticket.version,
            "submission": uuid.uuid4().hex,
            "body": "In allegato.",
            "kind": "reply",
            "attachments": [SimpleUploadedFile("bomb.zip", files.zip_of_zeros(11))],
        },
    )
    assert response.status_code == 413  # as the API answers: the files expand too far
    assert UNPACKED in response.content.decode()
    assert ticket.messages.count() == 1
    assert TicketAttachment.objects.count() == 0
    assert _stored_files(data_dir) == []


def _portal_reply(customer: Customer, ticket: Ticket, upload: SimpleUploadedFile) -> Any:
    return signed_in(customer).post(
        f"/portal/requests/{ticket.uid}/", {"body": "Ecco il file.", "attachments": [upload]}
    )


def _portal_request(customer: Customer, _ticket: Ticket, upload: SimpleUploadedFile) -> Any:
    return signed_in(customer).post(
        "/portal/requests/new/",
        {"subject": "Reso", "body": "Allego il file.", "attachments": [upload]},
    )


def _web_form(_customer: Customer, _ticket: Ticket, upload: SimpleUploadedFile) -> Any:
    return Client().post(
        "/portal/requests/new/",
        {
            "given_name": "Ana",
            "surname": "Popescu",
            "email": "ana.popescu@example.ro",
            "subject": "Comandă",
            "body": "Bună ziua, vă trimit fișierul.",
            "time_zone": "Europe/Bucharest",
            "website": "",
            "attachments": [upload],
        },
    )


@pytest.mark.parametrize("send", [_portal_reply, _portal_request, _web_form])
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        # Giulia's pages are in Italian; the anonymous web form is in English
        (
            "bomb.zip",
            files.zip_of_zeros(11),
            (UNPACKED, "Un archivio può occupare al massimo 10 MB"),
        ),
        (
            "flood.png",
            files.png(50_000, 50_000),
            (PIXELS, "immagine può avere al massimo 100 milioni"),
        ),
    ],
)
def test_the_portal_refuses_bombs_and_floods_and_keeps_nothing(
    giulia: Customer,
    data_dir: Path,
    send: Any,
    name: str,
    content: bytes,
    message: tuple[str, str],
) -> None:
    ticket = open_ticket(giulia, "Pacco")
    response = send(giulia, ticket, SimpleUploadedFile(name, content))
    assert response.status_code == 413
    assert message[0 if send is _web_form else 1] in response.content.decode()
    assert (Ticket.objects.count(), TicketMessage.objects.count()) == (1, 1)
    assert TicketAttachment.objects.count() == 0
    assert _stored_files(data_dir) == []


def test_a_mail_keeps_its_good_files_and_notes_a_bomb(team_rome: Team, data_dir: Path) -> None:
    # given a mail with a zip bomb and an invoice
    support = mailbox_create(
        name="support", address="support@shop.example", team=team_rome, actor=Actor.system()
    )
    raw = files.mail_with({"bomb.zip": files.zip_of_zeros(11), "fattura.pdf": PDF})
    # when it arrives
    mail = mail_ingest(mailbox=support, raw=raw, source=InboundMail.Source.PIPE).mail
    # then the mail and the invoice are kept, and the bomb is only in the raw mail
    assert mail.state == "ingested"
    assert mail.ticket is not None
    assert list(TicketAttachment.objects.values_list("filename", "scan")) == [
        ("fattura.pdf", "not_scanned")
    ]
    assert [path.read_bytes() for path in _stored_files(data_dir)] == [PDF]
    note = mail.ticket.messages.get(kind="note")
    assert note.body_text == (
        "The attachment bomb.zip was refused and is kept only in the original mail: " + UNPACKED
    )
