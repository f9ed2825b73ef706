"""Hostile attachments, the malware scan. EICAR is blocked for agents and the API unless an
administrator overrides (audited), never reaches a customer, and a scanner that fails
leaves a file "not scanned", never "clean"."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import QuerySet
from django.test import Client

from cortesia.accounts.models import Team, User
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.mail.inbound import mail_ingest
from cortesia.mail.mailboxes import mailbox_create
from cortesia.mail.models import InboundMail
from cortesia.portal.tests.conftest import page_bytes, signed_in
from cortesia.testing import hostile_files as files
from cortesia.testing.fake_clamd import FakeClamd, clean_unless
from cortesia.testing.fixtures import bearer
from cortesia.tickets.attachments import attachment_path, attachment_upload
from cortesia.tickets.models import Ticket, TicketAttachment
from cortesia.tickets.scanning import EICAR_SIGNATURE, is_eicar

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

EICAR = EICAR_SIGNATURE + b"\r\n"
BLOCKED = "This file was found infected and is blocked. Only an administrator can download it."


@pytest.fixture(autouse=True)
def own_data_dir(data_dir: Path) -> Path:
    return data_dir


@pytest.fixture
def socket_path() -> Iterator[Path]:
    # Unix socket paths are limited to about 100 bytes: pytest's own folders are too deep.
    with tempfile.TemporaryDirectory(prefix="clamd-") as folder:
        yield Path(folder) / "clamd.sock"


def _overrides() -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(action=AuditEvent.Action.ATTACHMENT_OVERRIDE)


def _upload(ticket: Ticket, user: User, content: bytes, name: str = "file.bin") -> TicketAttachment:
    return attachment_upload(
        ticket=ticket, upload=SimpleUploadedFile(name, content), actor=Actor(user=user)
    )


@pytest.mark.parametrize(
    ("content", "infected"),
    [
        (EICAR_SIGNATURE, True),
        (EICAR_SIGNATURE + b" \t\r\n\x1a", True),
        (EICAR_SIGNATURE + b" " * 60, True),  # 128 bytes
        (EICAR_SIGNATURE + b" " * 61, False),  # 129 bytes: not the test file any more
        (EICAR_SIGNATURE + b"\nmore", False),
        (b" " + EICAR_SIGNATURE, False),
        (EICAR_SIGNATURE[:-1], False),
    ],
)
def test_the_eicar_test_file_is_recognised_as_published(content: bytes, infected: bool) -> None:
    assert len(EICAR_SIGNATURE) == 68
    assert is_eicar(content) is infected


def test_eicar_through_the_api_is_kept_but_only_an_admin_overriding_gets_it(
    ticket: Ticket, alice_write_token: str, admin_write_token: str
) -> None:
    # given EICAR uploaded through the API
    uploaded = Client().post(
        f"/api/v1/tickets/{ticket.uid}/attachments",
        {"file": SimpleUploadedFile("eicar.com", EICAR)},
        headers=bearer(alice_write_token),
    )
    assert (uploaded.status_code, uploaded.json()["scan"]) == (201, "infected")
    link = uploaded.json()["download"]
    stored = attachment_path(TicketAttachment.objects.get())
    assert (stored.read_bytes(), stored.stat().st_mode & 0o777 & ~0o640) == (EICAR, 0)
    # when the agent, the agent overriding, and the admin without override ask for it
    refusals = [
        Client().get(link, headers=bearer(alice_write_token)),
        Client().get(f"{link}?override=true", headers=bearer(alice_write_token)),
        Client().get(link, headers=bearer(admin_write_token)),
    ]
    # then each is refused, and only the override attempt is recorded
    assert [(r.status_code, r.json()["error"]["code"]) for r in refusals] == [
        (403, "attachment_infected")
    ] * 3
    assert refusals[0].json()["error"]["message"] == BLOCKED
    assert list(_overrides().values_list("actor__username", "result")) == [("alice", "denied")]
    # and the admin who overrides gets the bytes, recorded
    granted = Client().get(f"{link}?override=true", headers=bearer(admin_write_token))
    assert granted.status_code == 200
    assert b"".join(granted.streaming_content) == EICAR  # type: ignore[attr-defined]
    assert granted["Content-Disposition"] == 'attachment; filename="eicar.com"'
    override = _overrides().get(result="ok")
    assert (override.action, override.actor_label, override.object_uid) == (
        "attachment_override",
        "root",
        link.rsplit("/", 1)[1],
    )


def test_eicar_from_the_composer_is_shown_blocked_and_only_an_admin_may_override(
    ticket: Ticket, alice_client: Client, admin_client: Client
) -> None:
    # given a reply sent with EICAR and a PDF
    alice_client.post(
        f"/tickets/{ticket.uid}/",
        {
            "version": ticket.version,
            "submission": uuid.uuid4().hex,
            "body": "In allegato.",
            "kind": "reply",
            "attachments": [
                SimpleUploadedFile("eicar.txt", EICAR, content_type="text/plain"),
                SimpleUploadedFile("fattura.pdf", b"%PDF-1.7 ok", content_type="application/pdf"),
            ],
        },
    )
    infected = TicketAttachment.objects.get(filename="eicar.txt")
    clean = TicketAttachment.objects.get(filename="fattura.pdf")
    assert (infected.scan, clean.scan, infected.message_id) == (
        "infected",
        "not_scanned",
        clean.message_id,
    )
    # then the page marks both, and the infected file is no download link
    page = alice_client.get(f"/tickets/{ticket.uid}/").content.decode()
    link = f"/tickets/{ticket.uid}/attachments/{infected.uid}/"
    assert page.count('data-testid="scan-infected">infected — blocked<') == 1
    assert page.count('data-testid="scan-not-scanned">not scanned<') == 1
    assert f'href="{link}" dir="auto">eicar.txt<' in page
    # when the agent opens it, or posts an override, the blocked page answers
    blocked = alice_client.get(link)
    tried = alice_client.post(link, {"override": "1"})
    assert (blocked.status_code, tried.status_code) == (403, 403)
    assert BLOCKED in blocked.content.decode()
    assert 'data-testid="attachment-override"' not in blocked.content.decode()
    # and the admin sees the override button, which hands out the file once posted
    admin_page = admin_client.get(link)
    assert (
        admin_page.status_code,
        'data-testid="attachment-override"' in admin_page.content.decode(),
    ) == (403, True)
    granted = admin_client.post(link, {"override": "1"})
    assert granted.status_code == 200
    assert b"".join(granted.streaming_content) == EICAR  # type: ignore[attr-defined]
    assert list(_overrides().order_by("id").values_list("actor_label", "result")) == [
        ("alice", "denied"),
        ("root", "ok"),
    ]


def test_a_get_never_overrides(ticket: Ticket, admin_client: Client, alice: User) -> None:
    infected = _upload(ticket, alice, EICAR)
    response = admin_client.get(f"/tickets/{ticket.uid}/attachments/{infected.uid}/?override=1")
    assert response.status_code == 403
    assert _overrides().count() == 0


def test_a_customer_never_gets_an_infected_file(giulia: Customer, ticket: Ticket) -> None:
    # given the customer answering with EICAR and a receipt
    client = signed_in(giulia)
    client.post(
        f"/portal/requests/{ticket.uid}/",
        {
            "body": "Ecco i file.",
            "attachments": [
                SimpleUploadedFile("eicar.com", EICAR),
                SimpleUploadedFile("ricevuta.pdf", b"%PDF-1.7 receipt"),
            ],
        },
    )
    infected = TicketAttachment.objects.get(filename="eicar.com")
    receipt = TicketAttachment.objects.get(filename="ricevuta.pdf")
    assert (infected.scan, infected.message is not None) == ("infected", True)
    # then the portal lists only the receipt, and the infected file is a missing one
    page = client.get(f"/portal/requests/{ticket.uid}/").content.decode()
    assert ("ricevuta.pdf" in page, "eicar.com" in page) == (True, False)
    folder = f"/portal/requests/{ticket.uid}/files"
    hidden = client.get(f"{folder}/{infected.uid}/")
    nobody = "00000000-0000-0000-0000-000000000000"
    missing = client.get(f"{folder}/{nobody}/")
    assert (hidden.status_code, missing.status_code) == (404, 404)
    assert page_bytes(hidden.content).replace(str(infected.uid).encode(), nobody.encode()) == (
        page_bytes(missing.content)
    )
    assert client.get(f"{folder}/{receipt.uid}/").status_code == 200


@pytest.mark.parametrize("transport", ["socket", "address"])
def test_clamd_judges_every_file_when_configured(
    ticket: Ticket, alice: User, settings: Any, socket_path: Path, transport: str
) -> None:
    unix = socket_path if transport == "socket" else None
    with FakeClamd(clean_unless(b"MARKER"), unix) as clamd:
        if transport == "socket":
            settings.CORTESIA_CLAMD_SOCKET = str(socket_path)
        else:
            settings.CORTESIA_CLAMD_ADDRESS = clamd.address
        clean = _upload(ticket, alice, b"%PDF-1.7 fine")
        found = _upload(ticket, alice, b"a MARKER deep inside" * 10_000)
        eicar = _upload(ticket, alice, EICAR)
    assert (clean.scan, found.scan, eicar.scan) == ("clean", "infected", "infected")
    # EICAR is known without asking clamd
    assert [len(content) for content in clamd.received] == [13, 200_000]


@pytest.mark.parametrize(
    "answer",
    [
        lambda _content: b"\x00\xffgarbage",
        lambda _content: b"stream: Can't allocate memory ERROR\0",
        lambda _content: None,
    ],
)
def test_a_clamd_that_gives_no_verdict_leaves_files_not_scanned(
    ticket: Ticket, alice: User, settings: Any, socket_path: Path, answer: Any
) -> None:
    settings.CORTESIA_CLAMD_SOCKET = str(socket_path)
    with FakeClamd(answer, socket_path):
        attachment = _upload(ticket, alice, b"%PDF-1.7 fine")
    assert attachment.scan == "not_scanned"


def test_an_unreachable_clamd_leaves_files_not_scanned_and_still_catches_eicar(
    ticket: Ticket, alice: User, settings: Any, socket_path: Path
) -> None:
    settings.CORTESIA_CLAMD_SOCKET = str(socket_path)  # nothing listens there
    plain = _upload(ticket, alice, b"%PDF-1.7 fine", "fine.pdf")
    eicar = _upload(ticket, alice, EICAR)
    assert (plain.scan, eicar.scan) == ("not_scanned", "infected")


def test_eicar_arriving_by_mail_is_kept_as_infected(team_rome: Team) -> None:
    support = mailbox_create(
        name="support", address="support@shop.example", team=team_rome, actor=Actor.system()
    )
    raw = files.mail_with({"eicar.com": EICAR, "fattura.pdf": b"%PDF-1.7 ok"})
    mail = mail_ingest(mailbox=support, raw=raw, source=InboundMail.Source.PIPE).mail
    assert mail.state == "ingested"
    assert sorted(TicketAttachment.objects.values_list("filename", "scan")) == [
        ("eicar.com", "infected"),
        ("fattura.pdf", "not_scanned"),
    ]
