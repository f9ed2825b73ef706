"""Invitations: created, mailed, resent, revoked and accepted through the services."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone

from cortesia.accounts.invitations import (
    InvitationData,
    invitation_accept,
    invitation_by_token,
    invitation_create,
    invitation_resend,
    invitation_revoke,
)
from cortesia.accounts.models import Invitation, Role, Team, TeamMembership, User
from cortesia.accounts.services import token_digest
from cortesia.accounts.tasks import send_invitation
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, FieldErrors, Forbidden, NotFound

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
Capture = Callable[..., AbstractContextManager[list[Callable[[], object]]]]
LINK = re.compile(r"http://127\.0\.0\.1:\d+/invitation/([A-Za-z0-9_-]{43})/")
PASSWORD = "a-fresh-staff-password-42"


def _data(**changes: object) -> InvitationData:
    fields: dict[str, object] = {
        "email": "Nora.Nieminen@example.fi",
        "first_name": "Nora",
        "last_name": "Nieminen",
        "role": Role.MANAGER,
        "language": "fi",
        "teams": [],
    }
    fields.update(changes)
    return InvitationData(**fields)  # type: ignore[arg-type]


def _token(message: mail.EmailMessage) -> str:
    found = LINK.search(str(message.body))
    assert found is not None, message.body
    return found.group(1)


def _audit() -> list[tuple[str, str, str, dict[str, object]]]:
    """The audit rows of people's actions (the cast is made by the system)."""
    return [
        (row.action, row.object_type, row.object_label, row.data)
        for row in AuditEvent.objects.exclude(actor=None).order_by("id")
    ]


def test_an_invitation_is_mailed_in_the_invitees_language_with_a_link_stored_as_digest(
    admin_user: User, team_rome: Team, django_capture_on_commit_callbacks: Capture
) -> None:
    # When an administrator invites Nora in Finnish, to the Rome team
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(data=_data(teams=[team_rome]), actor=Actor(user=admin_user))
    # Then one mail in Finnish carries a link whose token only the mail knows
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert (message.to, message.extra_headers["Auto-Submitted"]) == (
        ["Nora.Nieminen@example.fi"],
        "auto-generated",
    )
    token = _token(message)
    invitation.refresh_from_db()
    assert invitation.digest == token_digest(token)
    assert token not in str(list(Invitation.objects.values()))
    assert "nora.nieminen@example.fi" in str(message.body)  # the username to sign in with
    assert "Esihenkilö" in str(message.body)  # the role, in Finnish
    # And it expires seven days after its creation, and is audited
    assert invitation.expires_at - invitation.created_at == pytest.approx(
        timedelta(days=7), abs=timedelta(seconds=1)
    )
    assert _audit() == [
        (
            "setting_change",
            "invitation",
            "Nora.Nieminen@example.fi",
            {"change": "create", "role": "manager", "teams": [str(team_rome.uid)]},
        )
    ]


def test_the_mail_task_run_twice_sends_one_mail_and_one_token(
    admin_user: User, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(data=_data(), actor=Actor(user=admin_user))
    # When the worker runs the same task again
    result = send_invitation.call(invitation_id=invitation.pk)
    # Then nothing more is sent and the first link still works
    assert (result, len(mail.outbox)) == (False, 1)
    assert invitation_by_token(_token(mail.outbox[0])).pk == invitation.pk


@pytest.mark.parametrize(
    ("email", "message"),
    [
        pytest.param(
            "ALICE@example.com",
            "A staff account already uses this e-mail address.",
            id="a-users-email",
        ),
        pytest.param("alice", "A staff account already uses this e-mail address.", id="a-username"),
    ],
)
def test_an_address_of_a_staff_account_is_refused_on_the_email_field(
    admin_user: User, alice: User, email: str, message: str
) -> None:
    User.objects.filter(pk=alice.pk).update(username="alice")
    before = _audit()
    with pytest.raises(FieldErrors) as refused:
        invitation_create(data=_data(email=email), actor=Actor(user=admin_user))
    assert refused.value.errors == {"email": message}
    assert (Invitation.objects.count(), _audit(), mail.outbox) == (0, before, [])


def test_an_address_that_cannot_be_a_username_is_refused_at_once(admin_user: User) -> None:
    with pytest.raises(FieldErrors) as refused:
        invitation_create(data=_data(email="o'brien@example.ie"), actor=Actor(user=admin_user))
    assert refused.value.errors == {
        "email": "This address cannot be a username. Use one with only letters, digits"
        " and @ . + - _ characters."
    }
    assert Invitation.objects.count() == 0


def test_a_second_invitation_to_an_open_address_creates_nothing(
    admin_user: User, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(data=_data(), actor=Actor(user=admin_user))
        with pytest.raises(FieldErrors) as refused:
            invitation_create(
                data=_data(email="nora.nieminen@EXAMPLE.fi"), actor=Actor(user=admin_user)
            )
    assert refused.value.errors == {"email": "This address has an open invitation already."}
    assert (Invitation.objects.count(), len(mail.outbox)) == (1, 1)
    assert [row[0] for row in _audit()] == ["setting_change"]


def test_the_database_keeps_one_open_invitation_per_address(admin_user: User) -> None:
    invitation_create(data=_data(), actor=Actor(user=admin_user))
    with pytest.raises(IntegrityError):
        Invitation.objects.create(
            email="NORA.nieminen@example.fi",
            role=Role.AGENT,
            language="en",
            expires_at=timezone.now(),
        )


def test_an_expired_invitation_is_replaced_by_a_new_one(
    admin_user: User, django_capture_on_commit_callbacks: Capture
) -> None:
    with (
        time_machine.travel(timezone.now() - timedelta(days=8)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        old = invitation_create(data=_data(), actor=Actor(user=admin_user))
    with django_capture_on_commit_callbacks(execute=True):
        new = invitation_create(data=_data(role=Role.AGENT), actor=Actor(user=admin_user))
    old.refresh_from_db()
    assert (old.revoked_at is not None, old.digest, new.role) == (True, None, "agent")
    with pytest.raises(NotFound):
        invitation_by_token(_token(mail.outbox[0]))
    assert invitation_by_token(_token(mail.outbox[1])).pk == new.pk
    assert [row[3]["change"] for row in _audit()] == ["create", "revoke", "create"]


def test_resending_makes_a_new_link_and_the_old_one_stops_working(
    admin_user: User, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(data=_data(), actor=Actor(user=admin_user))
    with django_capture_on_commit_callbacks(execute=True):
        invitation_resend(invitation=invitation, actor=Actor(user=admin_user))
    first, second = (_token(message) for message in mail.outbox)
    assert first != second
    with pytest.raises(NotFound):
        invitation_by_token(first)
    assert invitation_by_token(second).pk == invitation.pk
    assert [row[3]["change"] for row in _audit()] == ["create", "resend"]


def test_revoking_closes_the_link_once(
    admin_user: User, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(data=_data(), actor=Actor(user=admin_user))
    actor = Actor(user=admin_user)
    assert [invitation_revoke(invitation=invitation, actor=actor) for _ in range(2)] == [
        True,
        False,
    ]
    with pytest.raises(NotFound):
        invitation_by_token(_token(mail.outbox[0]))
    with pytest.raises(Conflict):
        invitation_resend(invitation=invitation, actor=actor)
    assert [row[3]["change"] for row in _audit()] == ["create", "revoke"]


def test_accepting_makes_the_account_with_the_invitations_role_language_and_teams(
    admin_user: User, team_rome: Team, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(data=_data(teams=[team_rome]), actor=Actor(user=admin_user))
    token = _token(mail.outbox[0])
    # When Nora accepts with a good password
    user = invitation_accept(raw=token, password=PASSWORD, client_ip="10.0.0.7")
    # Then her account is active, as invited, and the link is closed
    assert (
        user.username,
        user.email,
        user.display_name,
        user.role,
        user.language,
        user.is_active,
        user.check_password(PASSWORD),
    ) == (
        "nora.nieminen@example.fi",
        "Nora.Nieminen@example.fi",
        "Nora Nieminen",
        "manager",
        "fi",
        True,
        True,
    )
    assert list(TeamMembership.objects.filter(user=user).values_list("team__name", flat=True)) == [
        "Roma"
    ]
    invitation.refresh_from_db()
    assert (invitation.accepted_at is not None, invitation.digest, invitation.user) == (
        True,
        None,
        user,
    )
    created, joined = AuditEvent.objects.exclude(actor=None).order_by("id")[1:]
    assert (created.action, created.actor, created.client_ip, created.data) == (
        "user_create",
        user,
        "10.0.0.7",
        {"role": "manager", "invitation": str(invitation.uid), "invited_by": str(admin_user.uid)},
    )
    assert (joined.action, joined.object_label, joined.data["user"]) == (
        "team_member_add",
        "Roma",
        str(user.uid),
    )
    # And the same link makes nothing a second time
    with pytest.raises(NotFound):
        invitation_accept(raw=token, password=PASSWORD)
    assert User.objects.filter(email__iexact="nora.nieminen@example.fi").count() == 1


def test_a_weak_password_is_refused_and_nothing_is_written(
    admin_user: User, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(data=_data(), actor=Actor(user=admin_user))
    before = (_audit(), User.objects.count())
    with pytest.raises(FieldErrors) as refused:
        invitation_accept(raw=_token(mail.outbox[0]), password="nieminen")
    assert list(refused.value.errors) == ["new_password1"]
    assert (_audit(), User.objects.count()) == before
    assert Invitation.objects.get().accepted_at is None


@pytest.mark.parametrize(
    "raw",
    ["", "short", "x" * 43, "!" * 43, "a" * 400],
    ids=["empty", "short", "unknown", "garbage", "long"],
)
def test_unknown_and_malformed_links_are_not_found(
    raw: str, django_assert_num_queries: Callable[..., AbstractContextManager[object]]
) -> None:
    queries = 1 if raw == "x" * 43 else 0  # malformed tokens never reach the database
    with django_assert_num_queries(queries), pytest.raises(NotFound):
        invitation_by_token(raw)


def test_an_expired_link_is_not_found(
    admin_user: User, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(data=_data(), actor=Actor(user=admin_user))
    token = _token(mail.outbox[0])
    with (
        time_machine.travel(timezone.now() + timedelta(days=7, seconds=1)),
        pytest.raises(NotFound),
    ):
        invitation_accept(raw=token, password=PASSWORD)
    assert User.objects.filter(email__iexact="nora.nieminen@example.fi").exists() is False


@pytest.mark.parametrize(
    "write",
    [
        lambda actor, inv: invitation_create(data=_data(email="x@example.com"), actor=actor),
        lambda actor, inv: invitation_resend(invitation=inv, actor=actor),
        lambda actor, inv: invitation_revoke(invitation=inv, actor=actor),
    ],
    ids=["create", "resend", "revoke"],
)
@pytest.mark.parametrize("role", [Role.MANAGER, Role.AGENT])
def test_only_administrators_invite(
    admin_user: User, role: Role, write: Callable[[Actor, Invitation], object]
) -> None:
    from cortesia.testing.fixtures import make_user

    invitation = invitation_create(data=_data(), actor=Actor(user=admin_user))
    someone = make_user("someone", role)
    before = (_audit(), list(Invitation.objects.values_list("email", "digest", "revoked_at")))
    with pytest.raises(Forbidden) as refused:
        write(Actor(user=someone), invitation)
    assert refused.value.message == "Only administrators manage staff accounts."
    assert (
        _audit(),
        list(Invitation.objects.values_list("email", "digest", "revoked_at")),
    ) == before
