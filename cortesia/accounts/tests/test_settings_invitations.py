"""Inviting people from the staff settings page, and resending or withdrawing the links."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from django.core import mail
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.invitations import InvitationData, invitation_create
from cortesia.accounts.models import Invitation, Role, Team, User
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
Capture = Callable[..., AbstractContextManager[list[Callable[[], object]]]]
NEW = "/settings/staff/invite/"
FORM = {
    "email": "nora@example.fi",
    "first_name": "Nora",
    "last_name": "Nieminen",
    "role": "agent",
    "language": "fi",
}


def _invited(admin_user: User, email: str = "nora@example.fi") -> Invitation:
    return invitation_create(
        data=InvitationData(email=email, role=Role.AGENT, language="en"),
        actor=Actor(user=admin_user),
    )


def _invitation_audit() -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="invitation")
        .order_by("id")
        .values_list("data__change", flat=True)
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [
        pytest.param(None, 302, id="anonymous"),
        pytest.param(Role.AGENT, 403, id="agent"),
        pytest.param(Role.MANAGER, 403, id="manager"),
        pytest.param(Role.ADMIN, 200, id="admin"),
    ],
)
def test_only_administrators_open_the_invitation_form(role: Role | None, status: int) -> None:
    client = Client()
    if role is not None:
        client.force_login(make_user("someone", role))
    response = client.get(NEW)
    assert response.status_code == status
    if status == 302:
        assert response["Location"] == f"/login/?next={NEW}"


@pytest.mark.parametrize("role", [Role.AGENT, Role.MANAGER])
def test_an_invitation_posted_by_someone_else_is_refused_and_nothing_is_sent(
    role: Role, django_capture_on_commit_callbacks: Capture
) -> None:
    client = Client()
    client.force_login(make_user("someone", role))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW, FORM)
    assert response.status_code == 403
    assert (Invitation.objects.count(), mail.outbox, _invitation_audit()) == (0, [], [])


def test_an_administrator_invites_once_even_when_the_form_is_sent_twice(
    admin_client: Client, team_rome: Team, django_capture_on_commit_callbacks: Capture
) -> None:
    # When the form is sent twice (a double click)
    with django_capture_on_commit_callbacks(execute=True):
        first = admin_client.post(NEW, {**FORM, "teams": [team_rome.pk]})
        second = admin_client.post(NEW, {**FORM, "teams": [team_rome.pk]})
    # Then one invitation and one mail exist, and the second answer says why
    assert (first.status_code, first["Location"]) == (302, "/settings/staff/")
    assert second.status_code == 400
    assert "This address has an open invitation already." in second.content.decode()
    invitation = Invitation.objects.get()
    assert (invitation.role, invitation.language, list(invitation.teams.all())) == (
        "agent",
        "fi",
        [team_rome],
    )
    assert (len(mail.outbox), _invitation_audit()) == (1, ["create"])
    assert "The invitation to nora@example.fi is on its way." in second.content.decode()
    page = admin_client.get("/settings/staff/").content.decode()
    assert page.count('data-testid="invitation-row"') == 1


def test_an_address_of_a_staff_member_is_refused_on_its_field(
    admin_client: Client, alice: User
) -> None:
    response = admin_client.post(NEW, {**FORM, "email": "ALICE@example.com"})
    assert response.status_code == 400
    errors = re.findall(r'<p class="error" role="alert">([^<]+)</p>', response.content.decode())
    assert errors == ["A staff account already uses this e-mail address."]
    assert (Invitation.objects.count(), _invitation_audit()) == (0, [])


@pytest.mark.parametrize(
    ("changes", "field_errors"),
    [
        pytest.param({"email": "not-an-address"}, ["Enter a valid email address."], id="email"),
        pytest.param(
            {"role": "owner"},
            ["Select a valid choice. owner is not one of the available choices."],
            id="role",
        ),
        pytest.param({"language": ""}, ["This field is required."], id="language-missing"),
    ],
)
def test_bad_input_gets_a_message_on_its_field(
    admin_client: Client, changes: dict[str, str], field_errors: list[str]
) -> None:
    response = admin_client.post(NEW, {**FORM, **changes})
    assert response.status_code == 400
    errors = re.findall(r'<p class="error" role="alert">([^<]+)</p>', response.content.decode())
    assert errors == field_errors
    assert Invitation.objects.count() == 0


def test_open_invitations_are_listed_in_a_fixed_number_of_queries(
    admin_client: Client,
    admin_user: User,
    team_rome: Team,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    for number in range(5):
        invitation = _invited(admin_user, f"person{number}@example.com")
        invitation.teams.set([team_rome])
    # session, user, policy and teams, people, their teams, invitations, their teams
    with django_assert_num_queries(7):
        page = admin_client.get("/settings/staff/").content.decode()
    assert page.count('data-testid="invitation-row"') == 5


def test_resending_and_withdrawing_from_the_staff_page(
    admin_client: Client, admin_user: User, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invited(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        resent = admin_client.post(f"/settings/staff/invitations/{invitation.uid}/resend/")
    assert (resent["Location"], len(mail.outbox)) == ("/settings/staff/", 2)
    revoked = admin_client.post(f"/settings/staff/invitations/{invitation.uid}/revoke/")
    assert revoked["Location"] == "/settings/staff/"
    page = admin_client.get("/settings/staff/").content.decode()
    assert "The invitation to nora@example.fi is withdrawn." in page
    assert 'data-testid="invitation-row"' not in page
    # A closed invitation is not there any more: not found, nothing written
    again = admin_client.post(f"/settings/staff/invitations/{invitation.uid}/resend/")
    assert again.status_code == 404
    assert (len(mail.outbox), _invitation_audit()) == (2, ["create", "resend", "revoke"])


@pytest.mark.parametrize("action", ["resend", "revoke"])
def test_managers_cannot_resend_or_withdraw(
    admin_user: User, action: str, django_capture_on_commit_callbacks: Capture
) -> None:
    invitation = _invited(admin_user)
    client = Client()
    client.force_login(make_user("manny", Role.MANAGER))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/settings/staff/invitations/{invitation.uid}/{action}/")
    assert response.status_code == 403
    invitation.refresh_from_db()
    assert (invitation.revoked_at, mail.outbox, _invitation_audit()) == (None, [], ["create"])


@pytest.mark.parametrize("uid", ["not-a-uid", "00000000-0000-0000-0000-000000000000"])
def test_an_unknown_invitation_is_not_found(admin_client: Client, uid: str) -> None:
    assert admin_client.post(f"/settings/staff/invitations/{uid}/revoke/").status_code == 404


def test_the_invitation_form_in_arabic_is_right_to_left(
    admin_client: Client, admin_user: User
) -> None:
    User.objects.filter(pk=admin_user.pk).update(language="ar", time_zone="Asia/Riyadh")
    invitation = _invited(admin_user)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at="2026-12-24T09:00:00Z")
    assert 'dir="rtl"' in admin_client.get(NEW).content.decode()
    page = admin_client.get("/settings/staff/").content.decode()
    assert '<time datetime="2026-12-24T09:00:00Z">24\u200f/12\u200f/2026، 12:00 م</time>' in page
