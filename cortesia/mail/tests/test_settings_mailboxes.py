"""The mailbox settings pages: list, create, edit, write-only passwords, test connection."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, Team, User
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.mail.credentials import unseal
from cortesia.mail.mailboxes import ImapSettings, SmtpSettings, mailbox_create
from cortesia.mail.models import Mailbox
from cortesia.testing.fixtures import make_user
from cortesia.testing.imap import PASSWORD, USER, ImapServer
from cortesia.testing.processes import free_port
from cortesia.testing.smtp import SmtpServer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
CANARY = "Canary-pw-7f3a9"  # noqa: S105 - must never come back in a page or the audit


@pytest.fixture
def loopback_smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def sales(team_rome: Team) -> Mailbox:
    return mailbox_create(
        name="sales",
        address="sales@shop.test",
        team=team_rome,
        actor=Actor.system(),
        imap=ImapSettings(host="imap.shop.test", username="sales", password=CANARY),
        smtp=SmtpSettings(host="smtp.shop.test", username="sales", password=CANARY),
    )


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(**changes: Any) -> dict[str, Any]:
    data = {
        "name": "support",
        "address": "support@shop.test",
        "team": "",
        "is_active": "on",
        "acknowledge": "on",
        "imap_host": "",
        "imap_port": "993",
        "imap_security": "tls",
        "imap_username": "",
        "imap_password": "",
        "imap_password_env": "",
        "imap_folder": "INBOX",
        "after_import": "seen",
        "move_to": "",
        "smtp_host": "",
        "smtp_port": "587",
        "smtp_security": "starttls",
        "smtp_username": "",
        "smtp_password": "",
        "action": "save",
    }
    data.update(changes)
    return data


def _audits(change: str = "") -> list[AuditEvent]:
    events = AuditEvent.objects.filter(object_type="mailbox").order_by("id")
    return list(events.filter(data__change=change) if change else events)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        pytest.param("anonymous", 302, id="anonymous"),
        pytest.param("agent", 403, id="agent"),
        pytest.param("manager", 403, id="manager"),
        pytest.param("admin", 200, id="admin"),
    ],
)
@pytest.mark.parametrize("page", ["list", "create", "edit"])
def test_who_may_open_the_pages(
    who: str, expected: int, page: str, alice: User, admin_user: User, sales: Mailbox
) -> None:
    users = {"agent": alice, "manager": make_user("mara", Role.MANAGER), "admin": admin_user}
    client = _client(users[who]) if who in users else Client()
    url = {
        "list": reverse("mailbox-settings:mailbox-list"),
        "create": reverse("mailbox-settings:mailbox-create"),
        "edit": reverse("mailbox-settings:mailbox-edit", kwargs={"uid": sales.uid}),
    }[page]
    response = client.get(url)
    assert response.status_code == expected
    if who == "anonymous":
        assert response["Location"].startswith("/login/?next=")


def test_list_shows_servers_and_last_poll_in_fixed_queries(
    admin_user: User, sales: Mailbox, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    polled = datetime(2026, 12, 5, 8, 30, tzinfo=UTC)
    Mailbox.objects.filter(pk=sales.pk).update(last_polled_at=polled)
    User.objects.filter(pk=admin_user.pk).update(time_zone="Europe/Rome")
    client = _client(admin_user)
    client.get(reverse("mailbox-settings:mailbox-list"))  # warm the session
    # session, user, 2FA policy, mailboxes with their teams
    with django_assert_num_queries(4):
        page = client.get(reverse("mailbox-settings:mailbox-list")).content.decode()
    assert "<td><bdi>sales@shop.test</bdi></td>" in page
    assert "<bdi>imap.shop.test:993</bdi>" in page
    assert "<bdi>smtp.shop.test:587</bdi>" in page
    assert "<bdi>Roma</bdi>" in page
    assert "Dec 5, 2026, 9:30" in page


def test_creating_seals_the_passwords_and_audits_without_them(
    admin_user: User, team_rome: Team
) -> None:
    data = _form(
        team=str(team_rome.pk),
        imap_host="imap.shop.test",
        imap_username="support",
        imap_password=CANARY,
        smtp_host="smtp.shop.test",
        smtp_username="support",
        smtp_password=CANARY,
    )
    response = _client(admin_user).post(reverse("mailbox-settings:mailbox-create"), data)
    mailbox = Mailbox.objects.get(name="support")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "mailbox-settings:mailbox-edit", kwargs={"uid": mailbox.uid}
    )
    assert CANARY not in mailbox.imap_password_sealed
    assert unseal(mailbox.imap_password_sealed) == unseal(mailbox.smtp_password_sealed) == CANARY
    [event] = _audits()
    assert event.actor_id == admin_user.pk
    assert event.data["imap_password"] == event.data["smtp_password"] == "changed"
    assert event.data["smtp_host"] == ["", "smtp.shop.test"]
    assert CANARY not in str(event.data)
    assert mailbox.imap_password_sealed not in str(event.data)


def test_the_password_never_appears_in_any_response_body(admin_user: User, sales: Mailbox) -> None:
    client = _client(admin_user)
    edit = reverse("mailbox-settings:mailbox-edit", kwargs={"uid": sales.uid})
    bodies = [
        client.get(reverse("mailbox-settings:mailbox-list")),
        client.get(edit),
        # a refused save re-renders the form with what was typed
        client.post(edit, _form(address="nope", imap_password=CANARY, smtp_password=CANARY)),
        # a connection test (nothing listens there) answers with the form and the result
        client.post(
            edit,
            _form(
                address="sales@shop.test",
                smtp_host="127.0.0.1",
                smtp_port=str(free_port()),
                smtp_security="none",
                smtp_username="sales",
                smtp_password=CANARY,
                action="test",
            ),
        ),
    ]
    assert [response.status_code for response in bodies] == [200, 200, 400, 200]
    for response in bodies:
        body = response.content.decode()
        assert CANARY not in body
        assert sales.imap_password_sealed not in body
    assert "Leave empty to keep the current password." in bodies[1].content.decode()


def test_editing_with_empty_passwords_keeps_them(admin_user: User, sales: Mailbox) -> None:
    before = (sales.imap_password_sealed, sales.smtp_password_sealed)
    team_id = sales.team_id
    edit = reverse("mailbox-settings:mailbox-edit", kwargs={"uid": sales.uid})
    data = _form(
        address="sales@shop.test",
        imap_host="imap.shop.test",
        imap_username="sales",
        smtp_host="smtp2.shop.test",
        smtp_username="sales",
        smtp_port="465",
        smtp_security="tls",
    )
    response = _client(admin_user).post(edit, data)
    assert response.status_code == 302
    sales.refresh_from_db()
    assert (sales.imap_password_sealed, sales.smtp_password_sealed) == before
    assert (sales.smtp_host, sales.smtp_port, sales.smtp_security) == (
        "smtp2.shop.test",
        465,
        "tls",
    )
    assert sales.team_id is None  # the form chose no team
    [event] = _audits("changed")
    assert event.data == {
        "change": "changed",
        "team_id": [team_id, None],
        "smtp_host": ["smtp.shop.test", "smtp2.shop.test"],
        "smtp_port": [587, 465],
        "smtp_security": ["starttls", "tls"],
    }


def test_saving_what_is_there_writes_no_audit_row(admin_user: User, sales: Mailbox) -> None:
    edit = reverse("mailbox-settings:mailbox-edit", kwargs={"uid": sales.uid})
    data = _form(
        address="sales@shop.test",
        team=str(sales.team_id),
        imap_host="imap.shop.test",
        imap_username="sales",
        smtp_host="smtp.shop.test",
        smtp_username="sales",
    )
    client = _client(admin_user)
    assert client.post(edit, data).status_code == 302
    assert client.post(edit, data).status_code == 302  # a double submit
    assert _audits("changed") == []


def test_plain_text_to_another_machine_is_refused_on_its_field(admin_user: User) -> None:
    data = _form(imap_host="imap.example.com", imap_security="none", imap_username="x")
    response = _client(admin_user).post(reverse("mailbox-settings:mailbox-create"), data)
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "imap_security": ["A server on another machine needs TLS or STARTTLS."]
    }
    assert not Mailbox.objects.exists()
    assert _audits() == []


def test_a_double_submit_creates_one_mailbox(admin_user: User) -> None:
    client = _client(admin_user)
    first = client.post(reverse("mailbox-settings:mailbox-create"), _form())
    second = client.post(reverse("mailbox-settings:mailbox-create"), _form())
    assert (first.status_code, second.status_code) == (302, 409)
    assert "A mailbox with this name already exists." in second.content.decode()
    assert Mailbox.objects.count() == 1
    assert len(_audits()) == 1


def test_the_name_never_changes(admin_user: User, sales: Mailbox) -> None:
    edit = reverse("mailbox-settings:mailbox-edit", kwargs={"uid": sales.uid})
    response = _client(admin_user).post(edit, _form(name="hijack", address="sales@shop.test"))
    assert response.status_code == 302
    sales.refresh_from_db()
    assert sales.name == "sales"


def test_test_connection_shows_the_smtp_greeting_before_saving(
    admin_user: User, loopback_smtp: SmtpServer
) -> None:
    data = _form(
        smtp_host="127.0.0.1",
        smtp_port=str(loopback_smtp.port),
        smtp_security="none",
        action="test",
    )
    response = _client(admin_user).post(reverse("mailbox-settings:mailbox-create"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="result" role="status" data-testid="probe-smtp"' in body
    assert '<bdi data-testid="probe-step-greeting">220 ' in body
    assert f"<bdi>127.0.0.1:{loopback_smtp.port}</bdi>" in body  # no thousands separator
    assert not Mailbox.objects.exists()  # nothing saved
    assert _audits() == []


def test_test_connection_with_the_stored_imap_password(
    admin_user: User, imap_server: ImapServer
) -> None:
    mailbox = mailbox_create(
        name="support",
        address="support@shop.test",
        team=None,
        actor=Actor.system(),
        imap=ImapSettings(
            host="127.0.0.1",
            port=imap_server.port,
            security="none",
            username=USER,
            password=PASSWORD,
        ),
    )
    data = _form(
        imap_host="127.0.0.1",
        imap_port=str(imap_server.port),
        imap_security="none",
        imap_username=USER,
        action="test",
    )
    edit = reverse("mailbox-settings:mailbox-edit", kwargs={"uid": mailbox.uid})
    body = _client(admin_user).post(edit, data).content.decode()
    assert '<bdi data-testid="probe-step-login">Logged in</bdi>' in body
    assert PASSWORD not in body


def test_test_connection_reports_a_closed_port_as_an_error(admin_user: User) -> None:
    data = _form(
        imap_host="127.0.0.1",
        imap_port=str(free_port()),
        imap_security="none",
        imap_username="x",
        action="test",
    )
    body = _client(admin_user).post(reverse("mailbox-settings:mailbox-create"), data).content
    page = body.decode()
    assert 'class="result is-error" role="status" data-testid="probe-imap"' in page
    assert '<bdi data-testid="probe-error">[Errno 111] Connection refused</bdi>' in page


def test_an_agent_cannot_create(alice: User) -> None:
    response = _client(alice).post(reverse("mailbox-settings:mailbox-create"), _form())
    assert response.status_code == 403
    assert not Mailbox.objects.exists()


def test_arabic_page_is_right_to_left(admin_user: User, sales: Mailbox) -> None:
    Mailbox.objects.filter(pk=sales.pk).update(
        last_polled_at=datetime(2026, 12, 5, 8, 30, tzinfo=UTC)
    )
    User.objects.filter(pk=admin_user.pk).update(language="ar", time_zone="Asia/Riyadh")
    page = _client(admin_user).get(reverse("mailbox-settings:mailbox-list")).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    # 11:30 in Riyadh, "ص" (morning), day/month/year with right-to-left marks
    assert "<td>05\u200f/12\u200f/2026\u060c 11:30 \u0635</td>" in page
