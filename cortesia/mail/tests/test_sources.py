"""The pipe command and the inbound webhook feed the same pipeline."""

from __future__ import annotations

import io
import sys
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from cortesia.core.actor import Actor
from cortesia.mail.mailboxes import mailbox_webhook_token
from cortesia.mail.models import InboundMail, Mailbox
from cortesia.mail.tests.conftest import fixture
from cortesia.tickets.models import Ticket

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _pipe(monkeypatch: pytest.MonkeyPatch, raw: bytes, *args: str) -> str:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    out = io.StringIO()
    call_command("mail", "ingest", *args, stdout=out)
    return out.getvalue().strip()


def test_the_pipe_stores_a_mail_once(support: Mailbox, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _pipe(monkeypatch, fixture("bg_cp1251.eml"), "--mailbox", "support")
    again = _pipe(monkeypatch, fixture("bg_cp1251.eml"), "--mailbox", "support")
    mail = InboundMail.objects.get()
    assert (first, again) == (f"{mail.uid} ingested", f"{mail.uid} already stored")
    assert (mail.source, Ticket.objects.count()) == ("pipe", 1)


@pytest.mark.parametrize(
    ("args", "raw", "code"),
    [
        (("--mailbox", "nowhere"), b"From: a@b.example\r\n\r\nhi", 67),
        (("--mailbox", "support"), b"  \r\n", 65),
    ],
)
def test_the_pipe_tells_the_mta_what_went_wrong(
    support: Mailbox, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], raw: bytes, code: int
) -> None:
    with pytest.raises(CommandError) as failed:
        _pipe(monkeypatch, raw, *args)
    assert failed.value.returncode == code
    assert InboundMail.objects.count() == 0


def _post(token: str, raw: bytes, mailbox: str = "support") -> Any:
    return Client().post(
        f"/api/v1/mail/{mailbox}/inbound",
        raw,
        content_type="message/rfc822",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_the_webhook_needs_the_mailboxs_own_secret(support: Mailbox) -> None:
    token = mailbox_webhook_token(mailbox=support, actor=Actor.system())
    stored = _post(token, fixture("ro_latin10.eml"))
    assert stored.status_code == 200
    mail = InboundMail.objects.get()
    ticket = Ticket.objects.get()
    assert stored.json() == {
        "uid": str(mail.uid),
        "state": "ingested",
        "already_stored": False,
        "ticket": str(ticket.uid),
    }
    assert _post(token, fixture("ro_latin10.eml")).json()["already_stored"] is True
    assert _post("cmw_wrong", fixture("fi_latin9.eml")).status_code == 401
    assert _post(token, fixture("fi_latin9.eml"), mailbox="other").status_code == 401
    renewed = mailbox_webhook_token(mailbox=support, actor=Actor.system())
    assert _post(token, fixture("fi_latin9.eml")).status_code == 401  # the old one is gone
    assert _post(renewed, fixture("fi_latin9.eml")).status_code == 200
    assert InboundMail.objects.count() == 2


def test_the_webhook_refuses_an_oversized_mail_without_reading_it_all(
    support: Mailbox, settings: Any
) -> None:
    settings.CORTESIA_MAIL_MAX_BYTES = 1_000_000
    token = mailbox_webhook_token(mailbox=support, actor=Actor.system())
    refused = _post(token, b"From: a@b.example\r\n\r\n" + b"x" * 1_000_001)
    assert refused.status_code == 413
    assert refused.json()["error"]["code"] == "too_large"
    assert InboundMail.objects.count() == 0
