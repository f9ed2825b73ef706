from __future__ import annotations

import hashlib
import os
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors, TooLarge
from cortesia.customers.services import CustomerData, customer_create
from cortesia.testing.fixtures import bearer
from cortesia.tickets.attachments import (
    attachment_path,
    attachment_upload,
    attachments_dir,
    attachments_sweep,
    clean_filename,
)
from cortesia.tickets.downloads import shown_inline
from cortesia.tickets.models import Ticket, TicketAttachment
from cortesia.tickets.services import MessageData, TicketData, message_add, ticket_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40


@pytest.fixture(autouse=True)
def own_data_dir(data_dir: Path) -> Path:
    return data_dir


@pytest.fixture
def ticket(team_rome: Team) -> Ticket:
    giulia = customer_create(data=CustomerData(given_name="Giulia"), actor=Actor.system())
    return ticket_create(
        data=TicketData(
            subject="Fattura",
            customer=giulia,
            team=team_rome,
            message=MessageData(body_text="Mi manca la fattura.", author_kind="customer"),
        ),
        actor=Actor.system(),
    )


def _upload(token: str, ticket: Ticket, name: str, content: bytes, kind: str) -> Any:
    return Client().post(
        f"/api/v1/tickets/{ticket.uid}/attachments",
        {"file": SimpleUploadedFile(name, content, content_type=kind)},
        headers=bearer(token),
    )


@pytest.mark.parametrize(
    ("given", "cleaned"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\giulia\\fattura.pdf", "fattura.pdf"),
        ("fattura\u202efdp.exe", "fatturafdp.exe"),  # no right-to-left override spoofing
        ("rapporto\x00\n.pdf", "rapporto.pdf"),
        ("  ..  ", "attachment"),
        ("e\u0301te\u0301.txt", "\u00e9t\u00e9.txt"),  # NFC
        ("a" * 300 + ".pdf", "a" * 196 + ".pdf"),  # 200 characters, the extension kept
        ("تقرير.pdf", "تقرير.pdf"),
    ],
)
def test_file_names_are_cleaned(given: str, cleaned: str) -> None:
    assert clean_filename(given) == cleaned


def test_upload_send_and_download_through_the_api(
    ticket: Ticket, alice_write_token: str, data_dir: Path
) -> None:
    uploaded = _upload(alice_write_token, ticket, "../fattura.pdf", PDF, "application/pdf")
    assert uploaded.status_code == 201
    body = uploaded.json()
    assert (body["filename"], body["size"], body["sha256"], body["message"]) == (
        "fattura.pdf",
        len(PDF),
        hashlib.sha256(PDF).hexdigest(),
        None,
    )
    stored = attachment_path(TicketAttachment.objects.get(uid=body["uid"]))
    assert stored.parent.parent == data_dir / "attachments"
    assert stored.read_bytes() == PDF
    assert stored.stat().st_mode & 0o137 == 0  # at most rw-r-----
    sent = Client().post(
        f"/api/v1/tickets/{ticket.uid}/messages",
        {"body_text": "Ecco la fattura.", "attachments": [body["uid"]]},
        content_type="application/json",
        headers=bearer(alice_write_token),
    )
    assert sent.status_code == 201
    assert [a["uid"] for a in sent.json()["attachments"]] == [body["uid"]]
    again = Client().post(
        f"/api/v1/tickets/{ticket.uid}/messages",
        {"body_text": "Di nuovo.", "attachments": [body["uid"]]},
        content_type="application/json",
        headers=bearer(alice_write_token),
    )
    assert again.status_code == 400  # already sent: nothing is stored
    assert ticket.messages.count() == 2
    download = Client().get(body["download"], headers=bearer(alice_write_token))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    assert (
        download["Content-Type"],
        download["Content-Disposition"],
        download["X-Content-Type-Options"],
        download["Content-Security-Policy"],
    ) == (
        "application/pdf",
        'attachment; filename="fattura.pdf"',
        "nosniff",
        "sandbox; default-src 'none'",
    )


def test_html_is_served_as_an_opaque_download(ticket: Ticket, alice_write_token: str) -> None:
    body = _upload(alice_write_token, ticket, "x.html", b"<script>alert(1)</script>", "text/html")
    download = Client().get(body.json()["download"], headers=bearer(alice_write_token))
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"] == 'attachment; filename="x.html"'


def test_another_teams_attachment_is_the_same_404_as_a_missing_one(
    ticket: Ticket, alice_write_token: str, charlie: User, admin_write_token: str
) -> None:
    from cortesia.accounts.models import TokenScope
    from cortesia.accounts.services import token_create

    body = _upload(alice_write_token, ticket, "f.pdf", PDF, "application/pdf").json()
    charlie_token = token_create(user=charlie, scope=TokenScope.WRITE, actor=Actor.system()).raw
    hidden = Client().get(body["download"], headers=bearer(charlie_token))
    missing = Client().get(
        f"/api/v1/tickets/{ticket.uid}/attachments/00000000-0000-0000-0000-000000000000",
        headers=bearer(admin_write_token),
    )
    assert (hidden.status_code, missing.status_code) == (404, 404)
    assert hidden.json() == missing.json()
    refused = _upload(charlie_token, ticket, "g.pdf", PDF, "application/pdf")
    assert refused.status_code == 404
    assert TicketAttachment.objects.count() == 1


def test_too_large_files_are_refused_and_leave_nothing(
    ticket: Ticket, alice_write_token: str, settings: Any, data_dir: Path
) -> None:
    settings.CORTESIA_ATTACHMENT_MAX_BYTES = 1_000_000
    big = b"x" * 1_000_001
    refused = _upload(alice_write_token, ticket, "big.pdf", big, "application/pdf")
    assert refused.status_code == 413
    assert refused.json()["error"] == {
        "code": "too_large",
        "message": "A file may have at most 1 MB.",
    }
    assert TicketAttachment.objects.count() == 0
    assert list((data_dir / "attachments").rglob("*.*")) == []


def test_someone_elses_upload_cannot_be_sent(ticket: Ticket, alice: User, bob: User) -> None:
    upload = attachment_upload(
        ticket=ticket,
        upload=SimpleUploadedFile("a.txt", b"hello", content_type="text/plain"),
        actor=Actor(user=alice),
    )
    with pytest.raises(FieldErrors):
        message_add(
            ticket=ticket,
            data=MessageData(body_text="Mio.", attachments=[str(upload.uid)]),
            actor=Actor(user=bob),
        )


def test_the_sweep_removes_unsent_uploads_and_orphan_files(
    ticket: Ticket, alice: User, data_dir: Path
) -> None:
    def upload(name: str) -> TicketAttachment:
        return attachment_upload(
            ticket=ticket,
            upload=SimpleUploadedFile(name, b"data", content_type="text/plain"),
            actor=Actor(user=alice),
        )

    sent, waiting, fresh = upload("sent.txt"), upload("waiting.txt"), upload("fresh.txt")
    message_add(
        ticket=ticket,
        data=MessageData(body_text="Allegato.", attachments=[str(sent.uid)]),
        actor=Actor(user=alice),
    )
    TicketAttachment.objects.filter(pk__in=[sent.pk, waiting.pk]).update(
        created_at=timezone.now() - timedelta(days=2)
    )
    orphan = attachments_dir() / "ab" / "ab12cd34ab12cd34ab12cd34ab12cd34"
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"rolled back")
    old = time.time() - 7200
    os.utime(orphan, (old, old))
    assert attachments_sweep() == 2
    assert sorted(TicketAttachment.objects.values_list("filename", flat=True)) == [
        "fresh.txt",
        "sent.txt",
    ]
    assert attachment_path(sent).is_file()
    assert attachment_path(fresh).is_file()
    assert not attachment_path(waiting).exists()
    assert not orphan.exists()


def test_the_composer_sends_files_and_the_page_links_them(
    ticket: Ticket, alice_client: Client, charlie: User
) -> None:
    response = alice_client.post(
        f"/tickets/{ticket.uid}/",
        {
            "version": ticket.version,
            "submission": uuid.uuid4().hex,
            "body": "In allegato.",
            "kind": "reply",
            "attachments": [
                SimpleUploadedFile("uno.pdf", PDF, content_type="application/pdf"),
                SimpleUploadedFile("due.txt", b"due", content_type="text/plain"),
            ],
        },
    )
    assert response.status_code == 302
    files = list(TicketAttachment.objects.order_by("filename"))
    assert [(f.filename, f.message.body_text if f.message else None) for f in files] == [
        ("due.txt", "In allegato."),
        ("uno.pdf", "In allegato."),
    ]
    page = alice_client.get(f"/tickets/{ticket.uid}/").content.decode()
    link = f"/tickets/{ticket.uid}/attachments/{files[1].uid}/"
    assert f'href="{link}" download' in page
    assert b"".join(alice_client.get(link).streaming_content) == PDF  # type: ignore[attr-defined]
    other = Client()
    other.force_login(charlie)
    assert other.get(link).status_code == 404


def test_a_size_understated_by_the_client_is_caught_while_streaming(
    ticket: Ticket, alice: User, settings: Any, data_dir: Path
) -> None:
    settings.CORTESIA_ATTACHMENT_MAX_BYTES = 1_000_000
    lying = SimpleUploadedFile("big.bin", b"x" * 1_000_001, content_type="text/plain")
    lying.size = 10
    with pytest.raises(TooLarge):
        attachment_upload(ticket=ticket, upload=lying, actor=Actor(user=alice))
    assert TicketAttachment.objects.count() == 0
    assert [p for p in (data_dir / "attachments").rglob("*") if p.is_file()] == []


@pytest.mark.parametrize(
    ("name", "declared", "content", "mismatch", "served"),
    [
        (
            "invoice.pdf",
            "application/pdf",
            b"MZ\x90\x00" + b"\x00" * 60,
            True,
            "application/octet-stream",
        ),
        ("invoice.pdf", "application/pdf", PDF, False, "application/pdf"),
        ("photo.png", "image/png", b"<script>alert(1)</script>", True, "application/octet-stream"),
        ("notes.txt", "text/plain", b"\x7fELF\x02\x01\x01", True, "application/octet-stream"),
        ("notes.txt", "text/plain", b"Ciao, ecco le note.", False, "text/plain"),
        # a GIF/JS polyglot is a valid GIF: served as one, still only as a download
        ("anim.gif", "image/gif", b"GIF89a/*\x00\x00*/=alert(1)//", False, "image/gif"),
    ],
)
def test_content_that_contradicts_its_type_is_flagged_and_never_served_as_it(
    ticket: Ticket,
    alice_write_token: str,
    name: str,
    declared: str,
    content: bytes,
    mismatch: bool,
    served: str,
) -> None:
    body = _upload(alice_write_token, ticket, name, content, declared).json()
    assert body["type_mismatch"] is mismatch
    download = Client().get(body["download"], headers=bearer(alice_write_token))
    assert (download["Content-Type"], download["Content-Disposition"]) == (
        served,
        f'attachment; filename="{name}"',
    )


@pytest.mark.parametrize(
    ("content_type", "mismatch", "scan", "inline"),
    [
        ("image/png", False, "not_scanned", True),
        ("image/jpeg", False, "clean", True),
        ("image/svg+xml", False, "clean", False),  # may hold scripts
        ("text/html", False, "clean", False),
        ("application/pdf", False, "clean", False),
        ("image/png", True, "clean", False),  # the bytes say something else
        ("image/gif", False, "infected", False),
    ],
)
def test_only_plain_raster_images_are_ever_shown_inline(
    content_type: str, mismatch: bool, scan: str, inline: bool
) -> None:
    attachment = TicketAttachment(content_type=content_type, type_mismatch=mismatch, scan=scan)
    assert shown_inline(attachment) is inline
