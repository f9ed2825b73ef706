"""One person's staff settings page: role, language, time zone, teams, deactivation."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from cortesia.accounts.models import ApiToken, Role, Team, TokenScope, User
from cortesia.accounts.services import token_create, user_update
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict
from cortesia.testing.fixtures import bearer, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
LAST_ADMIN = "This is the last active administrator. Make someone else an administrator first."


def _url(user: User, action: str = "") -> str:
    return f"/settings/staff/{user.uid}/" + (f"{action}/" if action else "")


def _people_audit() -> list[tuple[str, str, object]]:
    return [
        (row.action, row.object_label, row.data)
        for row in AuditEvent.objects.exclude(actor=None).order_by("id")
    ]


def _errors(html: str) -> list[str]:
    return re.findall(r'<p class="error" role="alert"[^>]*>([^<]+)</p>', html)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        pytest.param(None, 302, id="anonymous"),
        pytest.param(Role.AGENT, 403, id="agent"),
        pytest.param(Role.MANAGER, 403, id="manager"),
        pytest.param(Role.ADMIN, 200, id="admin"),
    ],
)
def test_only_administrators_open_a_persons_page(
    alice: User, role: Role | None, status: int
) -> None:
    client = Client()
    if role is not None:
        client.force_login(make_user("someone", role))
    response = client.get(_url(alice))
    assert response.status_code == status
    if status == 302:
        assert response["Location"] == f"/login/?next={_url(alice)}"


@pytest.mark.parametrize("action", ["", "deactivate", "reactivate"])
def test_a_manager_changes_nobody(alice: User, action: str) -> None:
    client = Client()
    client.force_login(make_user("manny", Role.MANAGER))
    response = client.post(_url(alice, action), {"role": "admin"})
    assert response.status_code == 403
    alice.refresh_from_db()
    assert (alice.role, alice.is_active, _people_audit()) == ("agent", True, [])


@pytest.mark.parametrize("uid", ["nope", "00000000-0000-0000-0000-000000000000"])
def test_an_unknown_person_is_not_found(admin_client: Client, uid: str) -> None:
    assert admin_client.get(f"/settings/staff/{uid}/").status_code == 404


def test_saving_role_language_time_zone_and_teams_audits_each_change(
    admin_client: Client, alice: User, team_rome: Team, team_riyadh: Team
) -> None:
    # When alice moves from Rome to Riyadh as a manager, in Arabic
    form = {
        "role": "manager",
        "language": "ar",
        "time_zone": "Asia/Riyadh",
        "teams": [team_riyadh.pk],
    }
    response = admin_client.post(_url(alice), form)
    assert response["Location"] == _url(alice)
    # Then every part is saved and audited
    alice.refresh_from_db()
    assert (alice.role, alice.language, alice.time_zone, list(alice.teams.all())) == (
        "manager",
        "ar",
        "Asia/Riyadh",
        [team_riyadh],
    )
    assert _people_audit() == [
        ("role_change", "alice", {"from": "agent", "to": "manager"}),
        ("user_update", "alice", {"fields": ["language", "time_zone"]}),
        ("team_member_remove", "Roma", {"user": str(alice.uid)}),
        ("team_member_add", "Riyadh", {"user": str(alice.uid)}),
    ]
    # And saving the same again changes and audits nothing
    admin_client.post(_url(alice), form)
    assert len(_people_audit()) == 4


def test_an_unknown_time_zone_is_refused_on_its_field(admin_client: Client, alice: User) -> None:
    response = admin_client.post(
        _url(alice), {"role": "agent", "language": "", "time_zone": "Mars/Olympus"}
    )
    assert response.status_code == 400
    assert _errors(response.content.decode()) == [
        "Select a valid choice. Mars/Olympus is not one of the available choices."
    ]
    assert _people_audit() == []


def test_deactivation_refuses_the_persons_session_and_token_on_their_next_request(
    admin_client: Client, alice: User, alice_client: Client
) -> None:
    # Given alice signed in in a browser and using an API token
    token = token_create(user=alice, scope=TokenScope.WRITE, actor=Actor.system()).raw
    assert alice_client.get("/").status_code == 200
    assert Client().get("/api/v1/me", headers=bearer(token)).status_code == 200
    # When an administrator deactivates her from her page
    response = admin_client.post(_url(alice, "deactivate"))
    assert response["Location"] == _url(alice)
    # Then her very next page and API call are refused
    assert alice_client.get("/")["Location"] == "/login/?next=/"
    assert Client().get("/api/v1/me", headers=bearer(token)).status_code == 401
    assert not [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(alice.pk)
    ]
    assert ApiToken.objects.get(user=alice).revoked_at is not None
    actions = [row[0] for row in _people_audit()]
    assert actions == ["user_deactivate"]
    page = admin_client.get(_url(alice)).content.decode()
    assert "Alice Rossi is deactivated." in page
    assert 'data-testid="user-reactivate"' in page
    # A second click changes nothing more
    admin_client.post(_url(alice, "deactivate"))
    assert [row[0] for row in _people_audit()] == ["user_deactivate"]


def test_reactivation_lets_the_person_sign_in_again(admin_client: Client, alice: User) -> None:
    user_update(user=alice, is_active=False, actor=Actor.system())
    response = admin_client.post(_url(alice, "reactivate"))
    assert response["Location"] == _url(alice)
    alice.refresh_from_db()
    assert alice.is_active is True
    assert [row[0] for row in _people_audit()] == ["user_reactivate"]
    signed_in = Client().post(
        "/login/", {"username": "alice", "password": "correct horse battery staple"}
    )
    assert signed_in["Location"] == "/"


def test_an_administrator_cannot_deactivate_themselves(
    admin_client: Client, admin_user: User
) -> None:
    make_user("other_admin", Role.ADMIN)
    response = admin_client.post(_url(admin_user, "deactivate"))
    assert response["Location"] == _url(admin_user)
    admin_user.refresh_from_db()
    assert admin_user.is_active is True
    page = admin_client.get(_url(admin_user)).content.decode()
    assert "You cannot deactivate your own account. Ask another administrator." in page
    assert 'data-testid="user-deactivate"' not in page
    assert _people_audit() == []


def test_the_last_active_administrator_keeps_the_role(
    admin_client: Client, admin_user: User
) -> None:
    # Given the only other administrator is deactivated
    gone = make_user("gone_admin", Role.ADMIN)
    user_update(user=gone, is_active=False, actor=Actor.system())
    # When the last active one makes herself an agent
    response = admin_client.post(
        _url(admin_user), {"role": "agent", "language": "", "time_zone": ""}
    )
    # Then she is refused with the reason, and nothing changes
    assert response.status_code == 409
    assert _errors(response.content.decode()) == [LAST_ADMIN]
    admin_user.refresh_from_db()
    assert admin_user.role == "admin"
    assert _people_audit() == []


def test_an_administrator_may_step_down_only_while_another_one_is_active(
    admin_user: User,
) -> None:
    actor = Actor(user=admin_user)
    with pytest.raises(Conflict) as refused:
        user_update(user=admin_user, role=Role.MANAGER, actor=actor)
    assert refused.value.message == LAST_ADMIN
    make_user("other_admin", Role.ADMIN)
    assert user_update(user=admin_user, role=Role.MANAGER, actor=actor).role == "manager"


def test_the_command_line_may_deactivate_the_last_administrator(admin_user: User) -> None:
    # The system actor repairs instances; a person is never let to lock everyone out
    user_update(user=admin_user, is_active=False, actor=Actor.system())
    admin_user.refresh_from_db()
    assert admin_user.is_active is False


def test_the_page_in_arabic_is_right_to_left_with_a_local_date(
    admin_client: Client, admin_user: User, alice: User
) -> None:
    User.objects.filter(pk=admin_user.pk).update(language="ar", time_zone="Asia/Riyadh")
    User.objects.filter(pk=alice.pk).update(last_login=datetime(2026, 3, 4, 15, 30, tzinfo=UTC))
    html = admin_client.get(_url(alice)).content.decode()
    assert 'dir="rtl"' in html
    assert "04\u200f/03\u200f/2026، 6:30 م</time>" in html


def test_with_sessions_cached_a_reactivation_does_not_revive_the_old_session(
    settings: Any, admin_user: User, alice: User
) -> None:
    # Given sessions kept in the cache and the database, as with Redis
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    browser = Client()
    browser.force_login(alice)
    assert browser.get("/").status_code == 200
    # When she is deactivated and reactivated from her page
    admin = Client()
    admin.force_login(admin_user)
    admin.post(_url(alice, "deactivate"))
    admin.post(_url(alice, "reactivate"))
    # Then her old browser session is gone from the cache too
    assert browser.get("/")["Location"] == "/login/?next=/"
    deactivated = AuditEvent.objects.get(action="user_deactivate")
    assert deactivated.data == {"tokens_revoked": [], "sessions_ended": 1}
