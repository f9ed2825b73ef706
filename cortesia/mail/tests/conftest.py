from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cortesia.accounts.models import Team
from cortesia.core.actor import Actor
from cortesia.mail.mailboxes import mailbox_create
from cortesia.mail.models import Mailbox
from cortesia.testing.imap import ImapServer, dovecot_binary
from cortesia.testing.smtp import SmtpServer

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture(autouse=True)
def own_data_dir(data_dir: Path) -> Path:
    return data_dir


@pytest.fixture
def support(team_rome: Team) -> Mailbox:
    return mailbox_create(
        name="support", address="support@shop.example", team=team_rome, actor=Actor.system()
    )


@pytest.fixture
def smtp(settings: Any) -> Iterator[SmtpServer]:
    """A real SMTP server on 127.0.0.1 that Django's SMTP backend delivers to."""
    server = SmtpServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


@pytest.fixture
def imap_server() -> Iterator[ImapServer]:
    """A real Dovecot on 127.0.0.1 with a throwaway configuration."""
    if dovecot_binary() is None:
        if os.environ.get("CORTESIA_REQUIRE_SERVICES"):
            pytest.fail("dovecot is required (apt-get install dovecot-imapd).")
        pytest.skip("dovecot is not installed")
    server = ImapServer()
    server.start()
    yield server
    server.cleanup()
