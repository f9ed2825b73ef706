"""Bearer tokens: the per-token rate limit (600 requests a minute, shared by processes)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.db.models import Model
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.api_auth import token_check
from cortesia.accounts.models import ApiToken, TokenScope, User
from cortesia.accounts.services import token_create, token_revoke, token_touch, user_update
from cortesia.accounts.throttles import API_REQUESTS_PER_TOKEN
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.core.models import RateCounter
from cortesia.core.ratelimit import RateDecision, rate_hit
from cortesia.testing.fixtures import bearer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _spend(user: User, requests: int) -> None:
    """Count ``requests`` of the user's token as the authentication does, without HTTP."""
    token = ApiToken.objects.get(user=user)
    for _ in range(requests):
        assert rate_hit(rule=API_REQUESTS_PER_TOKEN, subject=str(token.pk)).allowed


def test_the_601st_request_in_a_minute_is_429_and_another_token_is_unaffected(
    alice: User, alice_read_token: str, admin_write_token: str
) -> None:
    client = Client()
    with time_machine.travel("2026-03-02 09:00:00+00:00", tick=False) as clock:
        # Given 600 requests with alice's token within one minute (the last two over HTTP)
        _spend(alice, 598)
        statuses = [
            client.get("/api/v1/me", headers=bearer(alice_read_token)).status_code for _ in range(2)
        ]
        clock.shift(timedelta(seconds=45))
        # When she sends one more, and another token sends one
        refused = client.get("/api/v1/me", headers=bearer(alice_read_token))
        other = client.get("/api/v1/me", headers=bearer(admin_write_token))
        # And the minute ends
        clock.shift(timedelta(seconds=15))
        later = client.get("/api/v1/me", headers=bearer(alice_read_token))
    assert statuses == [200, 200]
    assert (refused.status_code, refused["Retry-After"]) == (429, "15")
    assert refused.json() == {
        "error": {
            "code": "rate_limited",
            "message": "This API token made too many requests. Wait as many seconds as the "
            "Retry-After header says, then try again.",
        }
    }
    assert (other.status_code, other.json()["username"]) == (200, "root")
    assert later.status_code == 200


def test_a_refused_write_changes_nothing(admin_user: User, admin_write_token: str) -> None:
    client = Client()
    with time_machine.travel("2026-03-02 09:00:00+00:00", tick=False):
        _spend(admin_user, 600)
        response = client.post(
            "/api/v1/users",
            {"username": "eve", "email": "eve@example.com"},
            content_type="application/json",
            headers=bearer(admin_write_token),
        )
    assert response.status_code == 429
    assert not User.objects.filter(username="eve").exists()
    assert not AuditEvent.objects.filter(action="user_create", object_label="eve").exists()
    assert mail.outbox == []


def _last_used(user: User) -> object:
    return ApiToken.objects.get(user=user).last_used_at


def test_a_tokens_use_is_stamped_at_most_once_a_minute_and_not_when_refused(
    alice: User, alice_read_token: str
) -> None:
    client = Client()
    with time_machine.travel("2026-03-02 09:00:00+00:00", tick=False) as clock:
        # A read token refused a write is not stamped as used
        refused = client.post("/api/v1/tickets", {}, headers=bearer(alice_read_token))
        assert (refused.status_code, _last_used(alice)) == (403, None)
        # Its first read is stamped; reads within the minute write nothing
        client.get("/api/v1/me", headers=bearer(alice_read_token))
        first = _last_used(alice)
        clock.shift(timedelta(seconds=59))
        client.get("/api/v1/me", headers=bearer(alice_read_token))
        assert _last_used(alice) == first
        clock.shift(timedelta(seconds=1))
        client.get("/api/v1/me", headers=bearer(alice_read_token))
    assert (str(first), str(_last_used(alice))) == (
        "2026-03-02 09:00:00+00:00",
        "2026-03-02 09:01:00+00:00",
    )


def _fields(instance: Model) -> dict[str, object]:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.fields}


def test_a_token_is_found_with_its_user_and_counted_in_one_statement_on_postgresql(
    alice: User, alice_read_token: str, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    # Given alice's token, already stamped as used
    stored = ApiToken.objects.get(user=alice)
    with time_machine.travel("2026-03-02 09:00:00+00:00", tick=False):
        token_touch(token=stored)
        stored.refresh_from_db()
        # When a request's token is checked (the read and the count: one statement on
        # PostgreSQL, two elsewhere)
        with django_assert_num_queries(1 if connection.vendor == "postgresql" else 2):
            check = token_check(alice_read_token)
    # Then the token and its user come whole, as stored, and one hit is counted on the
    # counter row of the token's id
    assert check.token is not None
    assert _fields(check.token) == _fields(stored)
    assert _fields(check.token.user) == _fields(User.objects.get(pk=alice.pk))
    assert check.decision == RateDecision(allowed=True, retry_after=0)
    key = hashlib.sha256(f"api-token\x00{stored.pk}".encode()).hexdigest()
    assert list(RateCounter.objects.values_list("key", "count", "window_started_at")) == [
        (key, 1, datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    ]


def test_an_unknown_revoked_or_deactivated_token_is_refused_and_counts_nothing(
    alice: User, bob: User, admin_user: User, alice_read_token: str
) -> None:
    # Given a revoked token, a token of a deactivated user and an unknown one
    bobs = token_create(user=bob, scope=TokenScope.READ, actor=Actor.system()).raw
    user_update(user=bob, actor=Actor.system(), is_active=False)
    token_revoke(token=ApiToken.objects.get(user=alice), actor=Actor.system())
    unknown = f"{alice_read_token[:-4]}xxxx"
    # When each is checked
    checks = [token_check(raw) for raw in (alice_read_token, bobs, unknown, "not-a-token")]
    # Then none is found, and no request was counted
    assert [(check.token, check.decision) for check in checks] == [(None, None)] * 4
    assert RateCounter.objects.count() == 0
