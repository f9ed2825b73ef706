"""The accounts services check the actor's role themselves, whatever interface calls them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.sessions.models import Session
from django.db.models import ProtectedError
from django.test import Client

from cortesia.accounts.models import ApiToken, Role, Team, TeamMembership, TokenScope, User
from cortesia.accounts.services import (
    security_policy_get,
    security_policy_set_two_factor,
    team_create,
    team_member_add,
    team_member_remove,
    team_set_calendar,
    team_update,
    token_create,
    token_revoke,
    user_create,
    user_update,
)
from cortesia.accounts.two_factor import totp_disable
from cortesia.audit.models import AuditEvent
from cortesia.calendars.models import Calendar
from cortesia.calendars.services import calendar_create
from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden
from cortesia.testing.fixtures import bearer, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@dataclass(frozen=True)
class Scene:
    """What an agent tries to change: bob (her teammate), their team, a calendar, bob's token."""

    bob: User
    team: Team
    calendar: Calendar
    token: ApiToken


STAFF = "Only administrators manage staff accounts."
TEAMS = "Only administrators and managers manage teams."
AGENT_REFUSED: list[tuple[str, Callable[[Actor, Scene], object], str]] = [
    (
        "user_create",
        lambda actor, _: user_create(
            username="eve", email="eve@example.com", role=Role.ADMIN, actor=actor
        ),
        STAFF,
    ),
    (
        "user_update-role",
        lambda actor, s: user_update(user=s.bob, role=Role.ADMIN, actor=actor),
        STAFF,
    ),
    (
        "user_update-deactivate",
        lambda actor, s: user_update(user=s.bob, is_active=False, actor=actor),
        STAFF,
    ),
    (
        "team_create",
        lambda actor, _: team_create(name="Mine", languages=["en"], time_zone="UTC", actor=actor),
        TEAMS,
    ),
    ("team_update", lambda actor, s: team_update(team=s.team, name="Mine", actor=actor), TEAMS),
    (
        "team_set_calendar",
        lambda actor, s: team_set_calendar(team=s.team, calendar=s.calendar, actor=actor),
        TEAMS,
    ),
    (
        "team_member_add",
        lambda actor, s: team_member_add(
            team=s.team,
            user=User.objects.get(username="dave"),
            actor=actor,
        ),
        TEAMS,
    ),
    (
        "team_member_remove",
        lambda actor, s: team_member_remove(team=s.team, user=s.bob, actor=actor),
        TEAMS,
    ),
    (
        "token_create-for-another",
        lambda actor, s: token_create(user=s.bob, scope=TokenScope.WRITE, actor=actor),
        STAFF,
    ),
    ("token_revoke-of-another", lambda actor, s: token_revoke(token=s.token, actor=actor), STAFF),
    ("totp_disable-of-another", lambda actor, s: totp_disable(user=s.bob, actor=actor), STAFF),
    (
        "security_policy_set_two_factor",
        lambda actor, _: security_policy_set_two_factor(required=True, actor=actor),
        STAFF,
    ),
]


def _state() -> tuple[object, ...]:
    return (
        list(AuditEvent.objects.order_by("id").values_list("action", "object_label")),
        list(User.objects.order_by("pk").values_list("username", "role", "is_active")),
        list(Team.objects.order_by("pk").values_list("name", "calendar_id")),
        list(TeamMembership.objects.order_by("pk").values_list("team_id", "user_id")),
        list(ApiToken.objects.order_by("pk").values_list("prefix", "revoked_at")),
        security_policy_get().require_two_factor,
    )


@pytest.mark.parametrize(
    ("write", "message"),
    [pytest.param(write, message, id=name) for name, write, message in AGENT_REFUSED],
)
def test_an_agent_is_refused_by_every_write_service_and_nothing_is_written(
    alice: User,
    bob: User,
    team_rome: Team,
    write: Callable[[Actor, Scene], object],
    message: str,
) -> None:
    # Given what alice, an agent, could touch
    scene = Scene(
        bob=bob,
        team=team_rome,
        calendar=calendar_create(name="Rome", time_zone="Europe/Rome", actor=Actor.system()),
        token=token_create(user=bob, scope=TokenScope.READ, actor=Actor.system()).token,
    )
    make_user("dave")
    before = _state()
    # When she calls a write service directly, with no interface in between
    with pytest.raises(Forbidden) as refused:
        write(Actor(user=alice), scene)
    # Then she is refused with a clear message and no row or audit event was written
    assert refused.value.message == message
    assert _state() == before


def test_deactivation_ends_sessions_and_tokens_at_once_and_reactivation_revives_neither(
    alice: User, alice_client: Client, alice_read_token: str, admin_user: User
) -> None:
    # Given alice signed in twice and using a token, and bob signed in too
    other_browser = Client()
    other_browser.force_login(alice)
    bob_browser = Client()
    bob_browser.force_login(make_user("bob2"))
    assert alice_client.get("/").status_code == 200
    # When an administrator deactivates her
    user_update(user=alice, is_active=False, actor=Actor(user=admin_user))
    # Then her next requests are refused, her sessions are gone, bob's is untouched
    assert alice_client.get("/")["Location"] == "/login/?next=/"
    assert other_browser.get("/").status_code == 302
    assert Client().get("/api/v1/me", headers=bearer(alice_read_token)).status_code == 401
    assert Session.objects.count() == 1
    assert bob_browser.get("/").status_code == 200
    event = AuditEvent.objects.get(action="user_deactivate")
    token = ApiToken.objects.get(user=alice)
    assert (event.actor_label, event.object_label, event.data) == (
        "root",
        "alice",
        {"tokens_revoked": [str(token.uid)], "sessions_ended": 2},
    )
    assert token.revoked_at is not None
    # And reactivating her brings back neither the old sessions nor the token
    user_update(user=alice, is_active=True, actor=Actor(user=admin_user))
    assert alice_client.get("/").status_code == 302
    assert Client().get("/api/v1/me", headers=bearer(alice_read_token)).status_code == 401
    assert AuditEvent.objects.filter(action="user_reactivate", object_label="alice").count() == 1


def test_a_staff_member_who_acted_cannot_be_deleted_and_the_audit_rows_stay(
    admin_user: User,
) -> None:
    # Given an administrator who created a user (an audit row names her as the actor)
    user_create(
        username="eve", email="eve@example.com", role=Role.AGENT, actor=Actor(user=admin_user)
    )
    rows = list(AuditEvent.objects.values_list("id", "actor_id", "actor_uid", "actor_name"))
    # When someone tries to delete her account
    with pytest.raises(ProtectedError) as refused:
        admin_user.delete()
    assert refused.value.args[0] == (
        "Staff accounts are deactivated, not deleted: the audit log keeps who did what."
    )
    # Then the account and every audit row are unchanged
    assert User.objects.filter(pk=admin_user.pk, is_active=True).exists()
    assert list(AuditEvent.objects.values_list("id", "actor_id", "actor_uid", "actor_name")) == rows
    assert (admin_user.pk, admin_user.uid, "Ada Admin") in [row[1:] for row in rows]
