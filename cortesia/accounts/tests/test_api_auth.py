"""Bearer tokens: the per-token rate limit (600 requests a minute, shared by processes)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client

from cortesia.accounts.models import ApiToken, User
from cortesia.accounts.throttles import API_REQUESTS_PER_TOKEN
from cortesia.audit.models import AuditEvent
from cortesia.core.ratelimit import rate_hit
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
