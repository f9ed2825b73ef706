from __future__ import annotations

import logging
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import TokenScope, User
from cortesia.accounts.services import token_create
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.webhooks.models import Delivery, Subscription
from cortesia.webhooks.sealing import unseal
from cortesia.webhooks.services import subscription_send_test
from cortesia.webhooks.tests.conftest import SECRET, subscribe

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loopback_allowed")]
URL = "http://127.0.0.1:9/hooks"
BODY = {"url": URL, "events": ["ticket.created", "customer.updated"], "description": "CRM"}


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _post(token: str, body: dict[str, Any]) -> Any:
    return Client().post(
        "/api/v1/webhooks", body, content_type="application/json", headers=_auth(token)
    )


@pytest.fixture
def admin_read_token(admin_user: User) -> str:
    return token_create(user=admin_user, scope=TokenScope.READ, actor=Actor.system()).raw


def test_an_admin_creates_a_webhook_and_sees_the_secret_once(
    admin_write_token: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    # when created with a secret of the admin's own
    response = _post(admin_write_token, {**BODY, "secret": SECRET})
    # then the answer holds it, once
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["secret"] == SECRET
    assert created["events"] == ["ticket.created", "customer.updated"]
    assert (created["url"], created["is_active"], created["description"]) == (URL, True, "CRM")
    uid = created["uid"]
    # and never again: not in the list, one webhook, a change, nor in the audit log or logs
    client = Client()
    answers = [
        client.get("/api/v1/webhooks", headers=_auth(admin_write_token)),
        client.get(f"/api/v1/webhooks/{uid}", headers=_auth(admin_write_token)),
        client.patch(
            f"/api/v1/webhooks/{uid}",
            {"secret": "whsec_a_new_one_0123456789", "is_active": False},
            content_type="application/json",
            headers=_auth(admin_write_token),
        ),
        client.get(f"/api/v1/webhooks/{uid}/deliveries", headers=_auth(admin_write_token)),
    ]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 200]
    for answer in answers:
        assert "secret" not in answer.content.decode()
        assert SECRET not in answer.content.decode()
    audit = list(AuditEvent.objects.filter(object_type="webhook").order_by("id").values("data"))
    assert [row["data"]["change"] for row in audit] == ["created", "updated"]
    assert audit[0]["data"]["secret"] == "set"
    assert audit[1]["data"] == {"change": "updated", "is_active": False, "secret": "changed"}
    assert SECRET not in str(audit)
    assert "whsec_a_new_one" not in str(audit)
    assert SECRET not in caplog.text
    subscription = Subscription.objects.get()
    assert unseal(subscription.secret_sealed) == "whsec_a_new_one_0123456789"
    assert "whsec_" not in subscription.secret_sealed


def test_without_a_secret_one_is_made(admin_write_token: str) -> None:
    created = _post(admin_write_token, BODY).json()
    assert created["secret"].startswith("whsec_")
    assert len(created["secret"]) == len("whsec_") + 64
    assert unseal(Subscription.objects.get().secret_sealed) == created["secret"]


@pytest.mark.parametrize(
    ("_case", "url"),
    [
        ("loopback_not_allowed", "http://127.0.0.2:9/x"),
        ("metadata", "http://169.254.169.254/latest/meta-data/"),
        ("private", "https://10.0.0.8/x"),
        ("v6_loopback", "http://[::1]:9/x"),
        ("scheme", "ftp://example.com/x"),
    ],
)
def test_a_private_address_is_refused_at_creation(
    _case: str, url: str, admin_write_token: str
) -> None:
    response = _post(admin_write_token, {**BODY, "url": url})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert Subscription.objects.count() == 0
    assert AuditEvent.objects.filter(object_type="webhook").count() == 0


def test_unknown_events_and_a_short_secret_are_refused(admin_write_token: str) -> None:
    response = _post(admin_write_token, {**BODY, "events": ["ticket.exploded"], "secret": "x"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"
    assert Subscription.objects.count() == 0


def test_a_second_webhook_for_the_same_address_is_a_conflict(admin_write_token: str) -> None:
    assert _post(admin_write_token, BODY).status_code == 201
    response = _post(admin_write_token, BODY)
    assert (response.status_code, response.json()["error"]["code"]) == (409, "webhook_exists")
    assert Subscription.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "method", "expected"),
    [
        ("agent_write", "get", 403),
        ("agent_write", "post", 403),
        ("agent_read", "get", 403),
        ("admin_read", "get", 200),
        ("admin_read", "post", 403),
        ("admin_read", "patch", 403),
        ("admin_read", "delete", 403),
        ("admin_write", "delete", 204),
        ("nobody", "get", 401),
    ],
)
def test_only_admins_with_write_tokens_change_webhooks(
    who: str,
    method: str,
    expected: int,
    request: pytest.FixtureRequest,
) -> None:
    tokens = {
        "agent_write": "alice_write_token",
        "agent_read": "alice_read_token",
        "admin_read": "admin_read_token",
        "admin_write": "admin_write_token",
    }
    headers = _auth(request.getfixturevalue(tokens[who])) if who in tokens else {}
    subscription = subscribe(URL, ["ticket.created"])
    client = Client()
    path = "/api/v1/webhooks" if method in ("post",) else f"/api/v1/webhooks/{subscription.uid}"
    body = BODY if method == "post" else {"description": "changed"}
    response = getattr(client, method)(
        path, body if method != "get" else None, content_type="application/json", headers=headers
    )
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert set(response.json()["error"]) >= {"code", "message"}
        assert Subscription.objects.get().description == ""
        assert AuditEvent.objects.filter(object_type="webhook").count() == 1  # the creation


def test_the_delivery_log_is_paged_with_attempts(
    admin_write_token: str, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    subscription = subscribe(URL, ["ticket.created"])
    for _ in range(3):
        subscription_send_test(subscription=subscription, actor=Actor.system())
    client = Client()
    path = f"/api/v1/webhooks/{subscription.uid}/deliveries"
    # the token and its count (one statement on PostgreSQL), the subscription, the page,
    # its attempts, and the token's first use recorded
    token_queries = 1 if connection.vendor == "postgresql" else 2
    with django_assert_num_queries(token_queries + 3 + 1):
        first = client.get(path, {"limit": 2}, headers=_auth(admin_write_token))
    page = first.json()
    assert [item["event_type"] for item in page["items"]] == ["webhook.test", "webhook.test"]
    assert page["items"][0]["attempts"] == []
    assert page["items"][0]["status"] == "pending"
    rest = client.get(
        path, {"limit": 2, "cursor": page["next_cursor"]}, headers=_auth(admin_write_token)
    ).json()
    assert (len(rest["items"]), rest["next_cursor"]) == (1, None)
    seen = {item["uid"] for item in page["items"] + rest["items"]}
    assert seen == {str(uid) for uid in Delivery.objects.values_list("uid", flat=True)}


def test_an_unknown_webhook_is_not_found(admin_write_token: str) -> None:
    response = Client().get(
        "/api/v1/webhooks/7b0c1d7e-0000-4000-8000-000000000000", headers=_auth(admin_write_token)
    )
    assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")
