from __future__ import annotations

import pyotp
import pytest
from django.test import Client

from cortesia.accounts.models import User
from cortesia.accounts.services import security_policy_set_two_factor
from cortesia.accounts.two_factor import totp_begin, totp_confirm, totp_restart, totp_verify
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden
from cortesia.testing.fixtures import PASSWORD

pytestmark = pytest.mark.django_db
NOW = 1_800_000_000.0


def _enable(user: User) -> pyotp.TOTP:
    secret = totp_begin(user=user)
    totp = pyotp.TOTP(secret)
    assert totp_confirm(user=user, code=totp.at(NOW - 60), actor=Actor.system()) is False
    assert totp_confirm(user=user, code=totp.now(), actor=Actor.system()) is True
    return totp


def test_codes_are_single_use_and_accept_one_step_of_drift(alice: User) -> None:
    alice.totp_secret = pyotp.random_base32()
    totp = pyotp.TOTP(alice.totp_secret)
    assert totp_verify(user=alice, code=totp.at(NOW - 30), now=NOW) is True
    assert totp_verify(user=alice, code=totp.at(NOW - 30), now=NOW) is False
    assert totp_verify(user=alice, code=totp.at(NOW), now=NOW) is True
    assert totp_verify(user=alice, code=totp.at(NOW + 60), now=NOW) is False
    assert totp_verify(user=alice, code="12345a", now=NOW) is False


def test_login_with_two_factor_needs_the_code(alice: User) -> None:
    totp = _enable(alice)
    client = Client()
    response = client.post("/login/", {"username": "alice", "password": PASSWORD})
    assert response["Location"] == "/login/verify/?next=/"
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302
    wrong = client.post("/login/verify/", {"code": "000000"})
    assert wrong.status_code == 200
    User.objects.filter(pk=alice.pk).update(totp_last_step=None)
    response = client.post("/login/verify/", {"code": totp.now()})
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(alice.pk)
    actions = AuditEvent.objects.filter(object_uid=str(alice.uid)).values_list("action", flat=True)
    assert list(actions.order_by("id")) == ["user_create", "2fa_enable", "login_2fa"]


def test_second_step_is_throttled_after_five_failures(alice: User) -> None:
    _enable(alice)
    client = Client()
    client.post("/login/", {"username": "alice", "password": PASSWORD})
    statuses = [client.post("/login/verify/", {"code": "000000"}).status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]


def test_required_two_factor_keeps_staff_on_the_setup_page(
    alice_client: Client, admin_user: User
) -> None:
    security_policy_set_two_factor(required=True, actor=Actor(user=admin_user))
    response = alice_client.get("/")
    assert response["Location"] == "/account/security/"
    assert alice_client.get("/account/security/").status_code == 200
    assert alice_client.get("/healthz").status_code == 200


def test_only_admins_change_the_policy(alice_client: Client, admin_client: Client) -> None:
    assert (
        alice_client.post("/account/security/policy/", {"require_two_factor": "on"}).status_code
        == 403
    )
    assert not AuditEvent.objects.filter(action="2fa_policy").exists()
    response = admin_client.post("/account/security/policy/", {"require_two_factor": "on"})
    assert response["Location"] == "/account/security/"
    assert AuditEvent.objects.get(action="2fa_policy").data == {"require_two_factor": True}


def test_security_page_enrols_and_disables(alice_client: Client, alice: User) -> None:
    page = alice_client.get("/account/security/")
    assert b"<svg" in page.content
    alice.refresh_from_db()
    code = pyotp.TOTP(alice.totp_secret).now()
    response = alice_client.post("/account/security/", {"code": code})
    assert response["Location"] == "/account/security/"
    alice.refresh_from_db()
    assert alice.has_two_factor
    alice_client.post("/account/security/", {"action": "disable", "code": "000000"})
    alice.refresh_from_db()
    assert alice.has_two_factor
    User.objects.filter(pk=alice.pk).update(totp_last_step=None)
    code = pyotp.TOTP(alice.totp_secret).now()
    alice_client.post("/account/security/", {"action": "disable", "code": code})
    alice.refresh_from_db()
    assert (alice.has_two_factor, alice.totp_secret) == (False, "")


def test_only_admins_see_the_policy_form(alice_client: Client, admin_client: Client) -> None:
    policy_action = b'action="/account/security/policy/"'
    assert policy_action not in alice_client.get("/account/security/").content
    assert policy_action in admin_client.get("/account/security/").content


def _page_secret(client: Client) -> str:
    content = client.get("/account/security/").content.decode()
    start = content.index('data-testid="totp-secret">') + len('data-testid="totp-secret">')
    return content[start : content.index("</code>", start)]


def test_pending_secret_survives_reloads_and_a_wrong_code(
    alice_client: Client, alice: User
) -> None:
    first = _page_secret(alice_client)
    assert _page_secret(alice_client) == first
    wrong = alice_client.post("/account/security/", {"code": "000000"})
    assert wrong.status_code == 200
    assert first.encode() in wrong.content
    alice.refresh_from_db()
    assert (alice.totp_secret, alice.has_two_factor) == (first, False)
    assert not AuditEvent.objects.filter(action="2fa_enable").exists()
    response = alice_client.post("/account/security/", {"code": pyotp.TOTP(first).now()})
    assert response["Location"] == "/account/security/"
    alice.refresh_from_db()
    assert (alice.totp_secret, alice.has_two_factor) == (first, True)
    event = AuditEvent.objects.get(action="2fa_enable")
    assert (event.object_uid, event.actor_id) == (str(alice.uid), alice.pk)


def test_start_again_makes_a_new_pending_secret(alice_client: Client, alice: User) -> None:
    first = _page_secret(alice_client)
    response = alice_client.post("/account/security/", {"action": "restart"})
    assert response["Location"] == "/account/security/"
    second = _page_secret(alice_client)
    assert second != first
    assert _page_secret(alice_client) == second
    alice.refresh_from_db()
    assert (alice.totp_secret, alice.has_two_factor) == (second, False)
    assert not AuditEvent.objects.filter(action="2fa_enable").exists()
    restarts = AuditEvent.objects.filter(action="2fa_restart")
    assert list(restarts.values_list("actor_name", "object_label")) == [("Alice Rossi", "alice")]


def test_restart_leaves_an_active_secret_and_others_alone(alice: User, admin_user: User) -> None:
    with pytest.raises(Forbidden):
        totp_restart(user=alice, actor=Actor(user=admin_user))
    totp = _enable(alice)
    assert totp_restart(user=alice, actor=Actor(user=alice)) == totp.secret
    alice.refresh_from_db()
    assert (alice.totp_secret, alice.has_two_factor) == (totp.secret, True)
    assert not AuditEvent.objects.filter(action="2fa_restart").exists()
