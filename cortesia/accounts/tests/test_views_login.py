from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client

from cortesia.accounts.models import User
from cortesia.audit.models import AuditEvent
from cortesia.testing.fixtures import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_gives_a_new_session_id_and_audits(alice: User) -> None:
    client = Client()
    client.get("/login/")
    client.session.save()
    before = client.session.session_key
    response = client.post(
        "/login/", {"username": "alice", "password": PASSWORD, "next": "/account/security/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/account/security/"
    assert client.session.session_key != before
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN)
    assert (event.actor, event.result, event.client_ip) == (alice, "ok", "127.0.0.1")


def test_login_refuses_offsite_next(alice: User) -> None:
    response = Client().post(
        "/login/", {"username": "alice", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


@pytest.mark.usefixtures("english")
def test_wrong_password_and_unknown_user_look_the_same(alice: User) -> None:
    wrong = Client().post("/login/", {"username": "alice", "password": "nope"})
    unknown = Client(REMOTE_ADDR="127.0.0.2").post(
        "/login/", {"username": "nobody", "password": "nope"}
    )
    for response in (wrong, unknown):
        assert response.status_code == 200
        assert "The username or password is not correct." in response.content.decode()
    events = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN).order_by("id")
    assert [(e.result, e.object_label, e.actor_id) for e in events] == [
        ("failed", "alice", None),
        ("failed", "", None),
    ]


def test_login_error_is_in_the_users_language(alice: User) -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE="it").post(
        "/login/", {"username": "alice", "password": "nope"}
    )
    assert 'lang="it"' in response.content.decode()
    assert "Il nome utente o la password non sono corretti." in response.content.decode()


def test_sixth_attempt_from_one_address_is_throttled(alice: User) -> None:
    client = Client()
    statuses = [
        client.post("/login/", {"username": "alice", "password": "x"}).status_code for _ in range(6)
    ]
    assert statuses == [200, 200, 200, 200, 200, 429]
    throttled = client.post("/login/", {"username": "alice", "password": PASSWORD})
    assert throttled.status_code == 429
    assert 1 <= int(throttled["Retry-After"]) <= 20
    assert "_auth_user_id" not in client.session


def _fail_from(address: str, times: int, clock: time_machine.Traveller) -> list[int]:
    """Post ``times`` wrong passwords for alice from ``address``, under its own limit."""
    statuses = []
    for attempt in range(times):
        if attempt and attempt % 5 == 0:
            clock.shift(timedelta(seconds=21))
        response = Client(REMOTE_ADDR=address).post(
            "/login/", {"username": "alice", "password": "x"}
        )
        statuses.append(response.status_code)
    return statuses


def test_guessing_from_one_address_is_refused_and_the_real_user_still_gets_in(
    alice: User,
) -> None:
    with time_machine.travel("2026-03-02 09:00:00+00:00", tick=False) as clock:
        # Given 20 wrong passwords for alice from one address, spread under its limit
        assert _fail_from("10.0.0.1", 20, clock) == [200] * 20
        clock.shift(timedelta(seconds=21))
        # When that address tries again, even with the right password
        refused = Client(REMOTE_ADDR="10.0.0.1").post(
            "/login/", {"username": "alice", "password": PASSWORD}
        )
        # And alice signs in from her own address
        real = Client(REMOTE_ADDR="10.0.1.1").post(
            "/login/", {"username": "alice", "password": PASSWORD}
        )
    # Then the guessing address waits out the 5 minutes and alice is in
    assert refused.status_code == 429
    assert 20 < int(refused["Retry-After"]) <= 300
    assert (real.status_code, real["Location"]) == (302, "/")
    results = AuditEvent.objects.filter(action="login").values_list("result", flat=True)
    assert sorted(results) == ["failed"] * 20 + ["ok"]


def test_guessing_from_many_addresses_is_bounded_by_the_accounts_budget(alice: User) -> None:
    with time_machine.travel("2026-03-02 09:00:00+00:00", tick=False) as clock:
        # Given the account's budget of 100 failures spent from 20 addresses
        for n in range(20):
            assert _fail_from(f"10.0.0.{n}", 5, clock) == [200] * 5
        # Then each address gets one more failed guess in the hour, not 20
        clock.shift(timedelta(seconds=21))
        assert _fail_from("10.0.2.1", 3, clock) == [200, 429, 429]
        retry_after = Client(REMOTE_ADDR="10.0.2.1").post(
            "/login/", {"username": "alice", "password": PASSWORD}
        )["Retry-After"]
        # And alice, from an address that has not failed, still signs in
        real = Client(REMOTE_ADDR="10.0.1.1").post(
            "/login/", {"username": "alice", "password": PASSWORD}
        )
    assert 3000 < int(retry_after) <= 3600
    assert (real.status_code, real["Location"]) == (302, "/")
    assert AuditEvent.objects.filter(action="login", result="failed").count() == 101


def test_spoofed_forwarded_for_is_ignored(alice: User) -> None:
    client = Client()
    statuses = [
        client.post(
            "/login/", {"username": "a", "password": "x"}, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        ).status_code
        for n in range(6)
    ]
    assert statuses[-1] == 429


def test_logout_requires_post_and_ends_the_session(alice_client: Client) -> None:
    assert alice_client.get("/logout/").status_code == 405
    response = alice_client.post("/logout/")
    assert response["Location"] == "/login/"
    assert alice_client.get("/").status_code == 302
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGOUT).count() == 1


def test_pages_are_denied_to_anonymous_visitors(db: None) -> None:
    for path in ("/", "/account/security/", "/audit/"):
        response = Client().get(path)
        assert response.status_code == 302
        assert response["Location"] == f"/login/?next={path}"
