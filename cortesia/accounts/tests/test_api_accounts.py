from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import ApiToken, Team, User
from cortesia.accounts.services import token_revoke, user_update
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.testing.fixtures import bearer, make_user

# Statements that find a request's token and count it against its rate limit.
TOKEN_CHECK = 1 if connection.vendor == "postgresql" else 2

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_me_returns_the_token_owner(alice: User, alice_read_token: str) -> None:
    response = Client().get("/api/v1/me", headers=bearer(alice_read_token))
    assert response.status_code == 200
    body = response.json()
    assert (body["uid"], body["username"], body["role"]) == (str(alice.uid), "alice", "agent")
    assert set(body) == {
        "uid",
        "username",
        "email",
        "first_name",
        "last_name",
        "role",
        "language",
        "time_zone",
        "is_active",
        "has_two_factor",
        "created_at",
    }


@pytest.mark.parametrize("header", [None, "Bearer ctk_deadbeef_nope", "Basic abc", "Bearer "])
def test_missing_or_bad_token_is_401_in_the_error_shape(db: None, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    response = Client().get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert response.json() == {
        "error": {
            "code": "unauthorized",
            "message": "A valid API token is required: send Authorization: Bearer …",
        }
    }


def test_revoked_token_is_refused_at_once(alice: User, alice_read_token: str) -> None:
    token = ApiToken.objects.get(user=alice)
    assert Client().get("/api/v1/me", headers=bearer(alice_read_token)).status_code == 200
    assert token_revoke(token=token, actor=Actor.system()) is True
    assert Client().get("/api/v1/me", headers=bearer(alice_read_token)).status_code == 401
    assert token_revoke(token=token, actor=Actor.system()) is False


def test_token_in_query_string_is_ignored(alice_read_token: str) -> None:
    response = Client().get(f"/api/v1/me?access_token={alice_read_token}")
    assert response.status_code == 401


def test_tokens_are_stored_only_as_digests(alice_read_token: str) -> None:
    stored = list(ApiToken.objects.values_list("prefix", "digest"))
    assert len(stored) == 1
    assert alice_read_token not in repr(stored)
    assert alice_read_token.split("_", 2)[2] not in repr(stored)


def test_read_token_gets_403_on_writes(admin_user: User, alice_read_token: str) -> None:
    admin_read = bearer(alice_read_token)
    response = Client().post(
        "/api/v1/teams", {"name": "X"}, content_type="application/json", headers=admin_read
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "insufficient_scope"
    assert Team.objects.filter(name="X").count() == 0


def test_agent_write_token_cannot_create_users(alice_write_token: str) -> None:
    response = Client().post(
        "/api/v1/users",
        {"username": "eve", "email": "e@example.com"},
        content_type="application/json",
        headers=bearer(alice_write_token),
    )
    assert response.status_code == 403
    assert response.json() == {
        "error": {"code": "forbidden", "message": "Only administrators manage staff accounts."}
    }
    assert not User.objects.filter(username="eve").exists()


def test_admin_creates_user_and_changes_role_with_audit(admin_write_token: str) -> None:
    client = Client()
    created = client.post(
        "/api/v1/users",
        {
            "username": "eve",
            "email": "eve@example.com",
            "role": "agent",
            "is_superuser": True,
            "language": "ro",
            "time_zone": "Europe/Bucharest",
        },
        content_type="application/json",
        headers=bearer(admin_write_token),
    )
    assert created.status_code == 201
    eve = User.objects.get(username="eve")
    assert (eve.is_superuser, eve.has_usable_password(), eve.language) == (False, False, "ro")
    changed = client.patch(
        f"/api/v1/users/{eve.uid}",
        {"role": "manager"},
        content_type="application/json",
        headers=bearer(admin_write_token),
    )
    assert changed.status_code == 200
    assert changed.json()["role"] == "manager"
    event = AuditEvent.objects.get(action="role_change")
    assert (event.actor_label, event.object_label, event.data) == (
        "root",
        "eve",
        {"from": "agent", "to": "manager"},
    )


def test_duplicate_and_invalid_users_are_clear_errors(admin_write_token: str) -> None:
    client = Client()
    payload = {"username": "root", "email": "r@example.com"}
    duplicate = client.post(
        "/api/v1/users", payload, content_type="application/json", headers=bearer(admin_write_token)
    )
    assert duplicate.status_code == 409
    assert duplicate.json()["error"]["message"] == "A user with this username already exists."
    bad_zone = client.post(
        "/api/v1/users",
        {"username": "z", "email": "z@example.com", "time_zone": "Mars/Olympus"},
        content_type="application/json",
        headers=bearer(admin_write_token),
    )
    assert bad_zone.status_code == 400
    assert bad_zone.json()["error"] == {
        "code": "validation_error",
        "message": "Mars/Olympus is not a known time zone.",
    }


def test_malformed_json_is_400_in_the_error_shape(admin_write_token: str) -> None:
    response = Client().post(
        "/api/v1/teams",
        "{not json",
        content_type="application/json",
        headers=bearer(admin_write_token),
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": {"code": "bad_request", "message": "The request body is not valid JSON."}
    }


def test_validation_errors_are_422_with_details(admin_write_token: str) -> None:
    response = Client().post(
        "/api/v1/teams",
        {"name": ""},
        content_type="application/json",
        headers=bearer(admin_write_token),
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert (error["code"], error["message"]) == (
        "validation_error",
        "Some fields are missing or not valid.",
    )
    assert error["details"][0]["location"] == ["body", "payload", "name"]


def test_unknown_api_route_is_json_404(alice_read_token: str) -> None:
    response = Client().get("/api/v1/nothing-here", headers=bearer(alice_read_token))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_unknown_object_is_404(alice_read_token: str) -> None:
    for path in ("/api/v1/users/00000000-0000-0000-0000-000000000000", "/api/v1/teams/nope"):
        response = Client().get(path, headers=bearer(alice_read_token))
        assert response.status_code == 404
        assert response.json() == {
            "error": {
                "code": "not_found",
                "message": "There is no such object, or you may not see it.",
            }
        }


def test_users_are_paginated_with_a_cursor(
    alice_read_token: str, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for n in range(4):
        make_user(f"user{n}")
    client = Client()
    seen: list[str] = []
    cursor = ""
    for page in range(3):
        query = f"?limit=2&cursor={cursor}" if cursor else "?limit=2"
        # token lookup and the token's rate counter (one upsert; on PostgreSQL one
        # statement with the lookup) and the page; the first request also records the
        # token's use
        with django_assert_num_queries(TOKEN_CHECK + (2 if page == 0 else 1)):
            response = client.get(f"/api/v1/users{query}", headers=bearer(alice_read_token))
        body = response.json()
        seen += [item["username"] for item in body["items"]]
        cursor = body["next_cursor"] or ""
        if not cursor:
            break
    assert seen == ["alice", "user0", "user1", "user2", "user3"]


def test_tampered_cursor_and_bad_limit_are_400(alice_read_token: str) -> None:
    client = Client()
    bad = client.get("/api/v1/users?cursor=abc", headers=bearer(alice_read_token))
    assert (bad.status_code, bad.json()["error"]["code"]) == (400, "invalid_cursor")
    limit = client.get("/api/v1/users?limit=1000", headers=bearer(alice_read_token))
    assert (limit.status_code, limit.json()["error"]["code"]) == (400, "invalid_limit")


def test_teams_crud_and_membership(admin_write_token: str, alice: User) -> None:
    client = Client()
    auth = bearer(admin_write_token)
    created = client.post(
        "/api/v1/teams",
        {"name": "Helsinki", "languages": ["fi", "en"], "time_zone": "Europe/Helsinki"},
        content_type="application/json",
        headers=auth,
    )
    assert created.status_code == 201
    uid = created.json()["uid"]
    added = client.put(f"/api/v1/teams/{uid}/members/{alice.uid}", headers=auth)
    assert [m["username"] for m in added.json()["members"]] == ["alice"]
    renamed = client.patch(
        f"/api/v1/teams/{uid}", {"languages": ["fi"]}, content_type="application/json", headers=auth
    )
    assert renamed.json()["languages"] == ["fi"]
    bad = client.patch(
        f"/api/v1/teams/{uid}", {"languages": ["xx"]}, content_type="application/json", headers=auth
    )
    assert bad.json()["error"]["message"] == "Unknown language codes: xx."
    removed = client.delete(f"/api/v1/teams/{uid}/members/{alice.uid}", headers=auth)
    assert removed.json()["members"] == []
    actions = list(
        AuditEvent.objects.filter(object_uid=uid).order_by("id").values_list("action", flat=True)
    )
    assert actions == ["team_create", "team_member_add", "team_update", "team_member_remove"]


def test_team_list_query_count_is_constant(
    alice_read_token: str, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for n in range(5):
        Team.objects.create(name=f"T{n}", languages=["en"], time_zone="UTC")
    # token and its rate counter (one upsert; one statement on PostgreSQL), token touch,
    # teams, members
    with django_assert_num_queries(TOKEN_CHECK + 3):
        response = Client().get("/api/v1/teams", headers=bearer(alice_read_token))
    assert len(response.json()["items"]) == 6


def test_audit_log_has_no_api_route(admin_write_token: str) -> None:
    for method in ("get", "post", "delete"):
        response = getattr(Client(), method)("/api/v1/audit", headers=bearer(admin_write_token))
        assert response.status_code in (404, 405)
    paths = json.loads(Client().get("/api/v1/openapi.json").content)["paths"]
    assert "/api/v1/me" in paths
    assert [path for path in paths if "audit" in path] == []


def test_admins_list_and_reactivate_deactivated_users(
    alice: User, alice_read_token: str, admin_write_token: str
) -> None:
    # Given eve, deactivated by an administrator through the API
    client = Client()
    admin = bearer(admin_write_token)
    eve = make_user("eve")
    deactivated = client.patch(
        f"/api/v1/users/{eve.uid}",
        {"is_active": False},
        content_type="application/json",
        headers=admin,
    )
    assert (deactivated.status_code, deactivated.json()["is_active"]) == (200, False)

    def listed(token: str, query: str) -> list[str]:
        response = client.get(f"/api/v1/users{query}", headers=bearer(token))
        return [item["username"] for item in response.json()["items"]]

    # Then she is listed for administrators only when they ask for deactivated users
    assert listed(admin_write_token, "") == ["alice", "root"]
    assert listed(admin_write_token, "?include_inactive=true") == ["alice", "root", "eve"]
    assert listed(alice_read_token, "?include_inactive=true") == ["alice", "root"]
    # And an administrator reactivates her, which is audited
    reactivated = client.patch(
        f"/api/v1/users/{eve.uid}",
        {"is_active": True},
        content_type="application/json",
        headers=admin,
    )
    assert (reactivated.status_code, reactivated.json()["is_active"]) == (200, True)
    events = AuditEvent.objects.filter(object_uid=str(eve.uid)).order_by("id")
    assert [(e.action, e.actor_label) for e in events] == [
        ("user_create", ""),
        ("user_deactivate", "root"),
        ("user_reactivate", "root"),
    ]


def test_an_agent_cannot_find_or_reactivate_a_deactivated_user(
    alice_write_token: str, admin_user: User
) -> None:
    eve = make_user("eve")
    user_update(user=eve, is_active=False, actor=Actor(user=admin_user))
    response = Client().patch(
        f"/api/v1/users/{eve.uid}",
        {"is_active": True},
        content_type="application/json",
        headers=bearer(alice_write_token),
    )
    assert response.status_code == 404
    eve.refresh_from_db()
    assert eve.is_active is False
    assert not AuditEvent.objects.filter(action="user_reactivate").exists()
