"""The webhook settings pages: list, create (secret shown once), edit, delivery log with
"retry now", "send a test event" and delete."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, User
from cortesia.audit.models import AuditEvent
from cortesia.testing.fixtures import make_user
from cortesia.webhooks.models import AttemptError, Delivery, DeliveryAttempt, Subscription
from cortesia.webhooks.sealing import unseal
from cortesia.webhooks.tests.conftest import SECRET, subscribe

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loopback_allowed")]
URL = "http://127.0.0.1:9/hooks"


@pytest.fixture
def hook(db: None) -> Subscription:
    return subscribe(URL, ["ticket.created"])


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "url": "http://127.0.0.1:8/new",
        "events": ["ticket.created", "customer.created"],
        "description": "ERP",
        "is_active": "on",
        "secret": "",
    }
    data.update(changes)
    return data


def _audits() -> list[dict[str, Any]]:
    rows = AuditEvent.objects.filter(object_type="webhook").order_by("id")
    return [row.data for row in rows]


def _failed(hook: Subscription) -> Delivery:
    from cortesia.core.actor import Actor
    from cortesia.webhooks.services import subscription_send_test

    delivery = subscription_send_test(subscription=hook, actor=Actor.system())
    Delivery.objects.filter(pk=delivery.pk).update(status="failed", next_attempt_at=None)
    delivery.refresh_from_db()
    return delivery


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        pytest.param("anonymous", 302, id="anonymous"),
        pytest.param("agent", 403, id="agent"),
        pytest.param("manager", 403, id="manager"),
        pytest.param("admin", 200, id="admin"),
    ],
)
@pytest.mark.parametrize("page", ["list", "create", "edit", "deliveries"])
def test_who_may_open_the_pages(
    who: str, expected: int, page: str, alice: User, admin_user: User, hook: Subscription
) -> None:
    users = {"agent": alice, "manager": make_user("mara", Role.MANAGER), "admin": admin_user}
    client = _client(users[who]) if who in users else Client()
    url = {
        "list": reverse("webhook-settings:webhook-list"),
        "create": reverse("webhook-settings:webhook-create"),
        "edit": reverse("webhook-settings:webhook-edit", kwargs={"uid": hook.uid}),
        "deliveries": reverse("webhook-settings:webhook-deliveries", kwargs={"uid": hook.uid}),
    }[page]
    response = client.get(url)
    assert response.status_code == expected
    if who == "anonymous":
        assert response["Location"].startswith("/login/?next=")


@pytest.mark.parametrize("action", ["test", "delete", "retry"])
def test_an_agent_may_not_post_actions(action: str, alice: User, hook: Subscription) -> None:
    delivery = _failed(hook)
    url = {
        "test": reverse("webhook-settings:webhook-test", kwargs={"uid": hook.uid}),
        "delete": reverse("webhook-settings:webhook-delete", kwargs={"uid": hook.uid}),
        "retry": reverse("webhook-settings:delivery-retry", kwargs={"uid": delivery.uid}),
    }[action]
    assert _client(alice).post(url).status_code == 403
    assert list(Delivery.objects.values_list("status", flat=True)) == ["failed"]
    assert Subscription.objects.count() == 1
    assert [data["change"] for data in _audits()] == ["created", "test_sent"]


def test_list_in_fixed_queries(
    admin_user: User, hook: Subscription, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    subscribe(URL + "/2", ["customer.created", "customer.updated"])
    client = _client(admin_user)
    client.get(reverse("webhook-settings:webhook-list"))  # warm the session
    # session, user, 2FA policy, the subscriptions
    with django_assert_num_queries(4):
        page = client.get(reverse("webhook-settings:webhook-list")).content.decode()
    assert f"<bdi>{URL}</bdi>" in page
    assert f"<bdi>{URL}/2</bdi>" in page
    assert SECRET not in page


def test_creating_shows_the_secret_once_and_audits_without_it(admin_user: User) -> None:
    client = _client(admin_user)
    response = client.post(reverse("webhook-settings:webhook-create"), _form(secret=SECRET))
    hook = Subscription.objects.get()
    edit = reverse("webhook-settings:webhook-edit", kwargs={"uid": hook.uid})
    assert (response.status_code, response["Location"]) == (302, edit)
    assert (hook.url, hook.events, hook.description, unseal(hook.secret_sealed)) == (
        "http://127.0.0.1:8/new",
        ["ticket.created", "customer.created"],
        "ERP",
        SECRET,
    )
    first = client.get(edit).content.decode()
    assert 'data-testid="webhook-secret"' in first
    assert SECRET in first
    second = client.get(edit).content.decode()
    assert SECRET not in second
    assert 'data-testid="webhook-secret"' not in second
    [audit] = _audits()
    assert audit["change"] == "created"
    assert SECRET not in str(audit)


def test_a_double_submit_creates_one_webhook(admin_user: User) -> None:
    client = _client(admin_user)
    first = client.post(reverse("webhook-settings:webhook-create"), _form())
    second = client.post(reverse("webhook-settings:webhook-create"), _form())
    assert (first.status_code, second.status_code) == (302, 409)
    assert Subscription.objects.count() == 1
    assert len(_audits()) == 1
    assert len(second.context["form"].non_field_errors()) == 1


@pytest.mark.parametrize(
    ("_case", "changes", "field"),
    [
        ("private_address", {"url": "http://10.1.1.1/x"}, "url"),
        ("metadata", {"url": "http://169.254.169.254/"}, "url"),
        ("no_events", {"events": []}, "events"),
        ("short_secret", {"secret": "short"}, "secret"),
    ],
)
def test_invalid_input_is_refused_on_the_form(
    _case: str, changes: dict[str, Any], field: str, admin_user: User
) -> None:
    response = _client(admin_user).post(
        reverse("webhook-settings:webhook-create"), _form(**changes)
    )
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert Subscription.objects.count() == 0
    assert _audits() == []


def test_editing_keeps_the_secret_when_left_empty(admin_user: User, hook: Subscription) -> None:
    edit = reverse("webhook-settings:webhook-edit", kwargs={"uid": hook.uid})
    response = _client(admin_user).post(
        edit, _form(url=URL, events=["ticket.sla_breached"], description="SLA")
    )
    assert response.status_code == 302
    hook.refresh_from_db()
    assert (hook.events, hook.description, unseal(hook.secret_sealed)) == (
        ["ticket.sla_breached"],
        "SLA",
        SECRET,
    )
    assert _audits()[-1] == {
        "change": "updated",
        "events": ["ticket.sla_breached"],
        "description": "SLA",
    }


def test_retry_now_requeues_a_failed_delivery_once(admin_user: User, hook: Subscription) -> None:
    delivery = _failed(hook)
    client = _client(admin_user)
    url = reverse("webhook-settings:delivery-retry", kwargs={"uid": delivery.uid})
    log = reverse("webhook-settings:webhook-deliveries", kwargs={"uid": hook.uid})
    page = client.get(log).content.decode()
    assert 'data-testid="delivery-retry"' in page
    first, second = client.post(url), client.post(url)
    assert (first["Location"], second["Location"]) == (log, log)
    delivery.refresh_from_db()
    assert delivery.status == "pending"
    assert [data["change"] for data in _audits()] == ["created", "test_sent", "delivery_retried"]


def test_retry_needs_the_csrf_token(admin_user: User, hook: Subscription) -> None:
    delivery = _failed(hook)
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    url = reverse("webhook-settings:delivery-retry", kwargs={"uid": delivery.uid})
    assert client.post(url).status_code == 403
    delivery.refresh_from_db()
    assert delivery.status == "failed"


def test_send_a_test_event_and_delete(admin_user: User, hook: Subscription) -> None:
    client = _client(admin_user)
    client.post(reverse("webhook-settings:webhook-test", kwargs={"uid": hook.uid}))
    assert list(Delivery.objects.values_list("event_type", "status")) == [
        ("webhook.test", "pending")
    ]
    response = client.post(reverse("webhook-settings:webhook-delete", kwargs={"uid": hook.uid}))
    assert response["Location"] == reverse("webhook-settings:webhook-list")
    assert (Subscription.objects.count(), Delivery.objects.count()) == (0, 0)
    assert [data["change"] for data in _audits()] == ["created", "test_sent", "deleted"]


def test_delivery_log_in_fixed_queries(
    admin_user: User, hook: Subscription, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    deliveries = [_failed(hook) for _ in range(3)]
    for delivery in deliveries:
        DeliveryAttempt.objects.create(
            delivery=delivery,
            attempted_at=datetime(2026, 12, 5, 8, 30, tzinfo=UTC),
            error=AttemptError.CONNECTION_REFUSED,
            duration_ms=3,
        )
    client = _client(admin_user)
    log = reverse("webhook-settings:webhook-deliveries", kwargs={"uid": hook.uid})
    client.get(log)
    # session, user, 2FA policy, the subscription, the deliveries, their attempts
    with django_assert_num_queries(6):
        page = client.get(log).content.decode()
    assert page.count('data-testid="delivery-row"') == 3
    assert page.count('data-testid="attempt-row"') == 3
    label = str(AttemptError.CONNECTION_REFUSED.label)
    assert page.count(f'data-testid="attempt-error">{label}</span>') == 3
    assert page.count('data-testid="delivery-retry"') == 3


def test_arabic_page_is_right_to_left(admin_user: User, hook: Subscription) -> None:
    Subscription.objects.filter(pk=hook.pk).update(
        created_at=datetime(2026, 12, 5, 8, 30, tzinfo=UTC)
    )
    User.objects.filter(pk=admin_user.pk).update(language="ar", time_zone="Asia/Riyadh")
    page = _client(admin_user).get(reverse("webhook-settings:webhook-list")).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "<td>05\u200f/12\u200f/2026\u060c 11:30 \u0635</td>" in page
