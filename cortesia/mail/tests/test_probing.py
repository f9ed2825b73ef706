"""Testing a mailbox's servers against a real Dovecot and a real SMTP server on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from cortesia.accounts.models import Role
from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden, RateLimited
from cortesia.mail.mailboxes import ImapSettings, SmtpSettings, mailbox_create
from cortesia.mail.probing import PROBE_LIMIT, imap_probe, mailbox_probe, smtp_probe
from cortesia.testing.fixtures import make_user
from cortesia.testing.imap import PASSWORD, USER, ImapServer
from cortesia.testing.processes import free_port
from cortesia.testing.smtp import Recorder

pytestmark = pytest.mark.usefixtures("english")
SMTP_USER, SMTP_PASSWORD = "relay", "smtp-canary-Xq7"  # noqa: S105 - a loopback test account


def _authenticate(
    server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
) -> AuthResult:
    accepted = isinstance(auth_data, LoginPassword) and (
        auth_data.login.decode(),
        auth_data.password.decode(),
    ) == (SMTP_USER, SMTP_PASSWORD)
    return AuthResult(success=accepted, handled=False)  # False: the server answers 535


@pytest.fixture
def smtp_port() -> Iterator[int]:
    """A real SMTP server on 127.0.0.1 that asks for AUTH (over plain text: loopback)."""
    port = free_port()
    controller = Controller(
        Recorder(),
        hostname="127.0.0.1",
        port=port,
        server_hostname="mx.shop.test",
        ident="Cortesia test ESMTP",
        authenticator=_authenticate,
        auth_require_tls=False,
        auth_exclude_mechanism=["LOGIN"],
    )
    controller.start()
    yield port
    controller.stop()


def _imap(server: ImapServer, **extra: Any) -> ImapSettings:
    return ImapSettings(host="127.0.0.1", port=server.port, security="none", username=USER, **extra)


def test_imap_login_and_folder_answer(imap_server: ImapServer) -> None:
    result = imap_probe(_imap(imap_server), PASSWORD)
    assert result.error == ""
    assert [step.what for step in result.steps] == ["greeting", "capabilities", "login", "select"]
    assert result.steps[0].answer.startswith("* OK [CAPABILITY IMAP4rev1 ")
    assert result.steps[0].answer.endswith("ready.")
    assert "IMAP4REV1" in result.steps[1].answer.split()
    assert result.steps[2].answer == "Logged in"
    assert result.steps[3].answer == "0"  # messages in the empty INBOX


def test_imap_wrong_password_reports_the_servers_refusal(imap_server: ImapServer) -> None:
    result = imap_probe(_imap(imap_server), "wrong-canary-pw")
    assert [step.what for step in result.steps] == ["greeting", "capabilities"]
    assert result.error == "[AUTHENTICATIONFAILED] Authentication failed."
    assert "wrong-canary-pw" not in repr(result)


def test_imap_unknown_folder_is_reported(imap_server: ImapServer) -> None:
    result = imap_probe(_imap(imap_server, folder="Nowhere"), PASSWORD)
    assert [step.what for step in result.steps] == ["greeting", "capabilities", "login"]
    assert result.error.startswith("Mailbox doesn't exist: Nowhere")


def test_imap_closed_port_is_refused_quickly() -> None:
    settings = ImapSettings(host="127.0.0.1", port=free_port(), security="none", username="x")
    result = imap_probe(settings, "pw")
    assert (result.steps, result.error) == ([], "[Errno 111] Connection refused")


def test_plain_imap_to_another_machine_is_never_tried() -> None:
    settings = ImapSettings(host="imap.example.com", security="none", username="x")
    result = imap_probe(settings, "pw")
    assert result.error == "A mailbox on another machine needs TLS or STARTTLS."


def test_smtp_greeting_ehlo_and_auth(smtp_port: int) -> None:
    settings = SmtpSettings(host="127.0.0.1", port=smtp_port, security="none", username=SMTP_USER)
    result = smtp_probe(settings, SMTP_PASSWORD)
    assert result.error == ""
    assert [step.what for step in result.steps] == ["greeting", "ehlo", "auth"]
    assert result.steps[0].answer == "220 mx.shop.test Cortesia test ESMTP"
    assert result.steps[1].answer.startswith("250 mx.shop.test")
    assert "AUTH PLAIN" in result.steps[1].answer
    assert result.steps[2].answer == "235 2.7.0 Authentication successful"


def test_smtp_wrong_password(smtp_port: int) -> None:
    settings = SmtpSettings(host="127.0.0.1", port=smtp_port, security="none", username=SMTP_USER)
    result = smtp_probe(settings, "wrong-canary-pw")
    assert [step.what for step in result.steps] == ["greeting", "ehlo"]
    assert result.error == "535 5.7.8 Authentication credentials invalid"
    assert "wrong-canary-pw" not in repr(result)


def test_smtp_closed_port() -> None:
    settings = SmtpSettings(host="127.0.0.1", port=free_port(), security="none")
    result = smtp_probe(settings, "")
    assert (result.steps, result.error) == ([], "[Errno 111] Connection refused")


def test_smtp_starttls_refused_by_a_server_without_it(smtp_port: int) -> None:
    settings = SmtpSettings(host="127.0.0.1", port=smtp_port, security="starttls")
    result = smtp_probe(settings, "")
    assert result.error == "STARTTLS extension not supported by server."


@pytest.mark.django_db
def test_mailbox_probe_uses_the_stored_password_when_left_empty(
    imap_server: ImapServer, smtp_port: int
) -> None:
    imap = _imap(imap_server, password=PASSWORD)
    smtp = SmtpSettings(
        host="127.0.0.1",
        port=smtp_port,
        security="none",
        username=SMTP_USER,
        password=SMTP_PASSWORD,
    )
    mailbox = mailbox_create(
        name="support", address="s@shop.test", team=None, actor=Actor.system(), imap=imap, smtp=smtp
    )
    results = mailbox_probe(
        mailbox=mailbox,
        imap=_imap(imap_server),  # password None: the stored one
        smtp=SmtpSettings(host="127.0.0.1", port=smtp_port, security="none", username=SMTP_USER),
        actor=Actor.system(),
    )
    assert [(result.protocol, result.error) for result in results] == [("imap", ""), ("smtp", "")]


@pytest.mark.django_db
def test_only_administrators_may_probe() -> None:
    manager = make_user("mara", Role.MANAGER)
    with pytest.raises(Forbidden):
        mailbox_probe(
            mailbox=None,
            imap=None,
            smtp=SmtpSettings(host="127.0.0.1", port=free_port(), security="none"),
            actor=Actor(user=manager, client_ip=None),
        )


@pytest.mark.django_db
def test_connection_tests_are_limited_per_person() -> None:
    admin = Actor(user=make_user("root", Role.ADMIN), client_ip=None)
    for _attempt in range(PROBE_LIMIT.limit):
        assert mailbox_probe(mailbox=None, imap=None, smtp=None, actor=admin) == []
    with pytest.raises(RateLimited) as refused:
        mailbox_probe(mailbox=None, imap=None, smtp=None, actor=admin)
    assert 0 < refused.value.retry_after <= 600
    other = Actor(user=make_user("ada", Role.ADMIN), client_ip=None)
    assert mailbox_probe(mailbox=None, imap=None, smtp=None, actor=other) == []
