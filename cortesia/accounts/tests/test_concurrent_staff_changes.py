"""Staff changes racing each other on PostgreSQL: two submissions of one invitation, two
acceptances of one link, two administrators stepping down at once."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.core import mail
from django.db import connection
from django.test import Client

from cortesia.accounts.invitations import InvitationData, invitation_create
from cortesia.accounts.models import Invitation, Role, User
from cortesia.accounts.services import user_update
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict
from cortesia.testing.concurrency import concurrently as _concurrently
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("english")]
PASSWORD = "a-fresh-staff-password-42"


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        # The in-memory SQLite test database locks whole tables without waiting.
        pytest.skip("needs PostgreSQL: run through cortesia.testing.postgres")


def test_two_submissions_of_one_invitation_at_once_make_one(admin_user: User) -> None:
    browser = Client()
    browser.force_login(admin_user)
    form = {"email": "nora@example.fi", "role": "agent", "language": "en"}

    def send() -> int:
        client = Client()
        client.cookies = browser.cookies
        return int(client.post("/settings/staff/invite/", form).status_code)

    statuses = _concurrently(send, send)
    assert sorted(statuses) == [302, 400]
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 1


def test_one_link_accepted_twice_at_once_makes_one_account(admin_user: User) -> None:
    invitation_create(
        data=InvitationData(email="nora@example.fi", role=Role.AGENT, language="en"),
        actor=Actor(user=admin_user),
    )
    found = re.search(r"(/invitation/[A-Za-z0-9_-]{43}/)", str(mail.outbox[0].body))
    assert found is not None
    form = {"new_password1": PASSWORD, "new_password2": PASSWORD}

    def accept() -> int:
        return int(Client().post(found.group(1), form).status_code)

    statuses = _concurrently(accept, accept)
    assert sorted(statuses) == [302, 404]
    assert User.objects.filter(username="nora@example.fi").count() == 1
    assert (
        AuditEvent.objects.filter(action="user_create", object_label="nora@example.fi").count() == 1
    )


def test_two_administrators_stepping_down_at_once_leave_one(admin_user: User) -> None:
    other = make_user("other_admin", Role.ADMIN)

    def step_down(user: User) -> Callable[[], str]:
        def run() -> str:
            try:
                user_update(user=user, role=Role.MANAGER, actor=Actor(user=user))
            except Conflict:
                return "refused"
            return "done"

        return run

    results = _concurrently(step_down(admin_user), step_down(other))
    assert sorted(results) == ["done", "refused"]
    assert User.objects.filter(role=Role.ADMIN, is_active=True).count() == 1
