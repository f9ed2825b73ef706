from __future__ import annotations

import json

import pytest
from django.db import transaction
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Team
from cortesia.core.actor import Actor
from cortesia.customers.merge import customer_merge
from cortesia.customers.models import Customer, CustomerEvent
from cortesia.customers.services import CustomerData, customer_create, customer_update
from cortesia.tickets.models import TicketEvent
from cortesia.webhooks.activity import may_have_active_webhooks
from cortesia.webhooks.delivery import deliveries_periodic
from cortesia.webhooks.models import Delivery
from cortesia.webhooks.receivers import on_customer_changed, on_events_recorded
from cortesia.webhooks.services import SubscriptionChange, subscription_update
from cortesia.webhooks.tests.conftest import open_ticket, subscribe

pytestmark = pytest.mark.usefixtures("loopback_allowed")
URL = "http://127.0.0.1:9/hooks"


def _deliveries() -> list[tuple[str, str, str]]:
    rows = Delivery.objects.order_by("id").values_list(
        "subscription__url", "event_type", "event_id"
    )
    return [(url, kind, str(event_id)) for url, kind, event_id in rows]


def test_a_new_ticket_writes_one_row_per_matching_event_and_subscription(
    giulia: Customer, team_rome: Team
) -> None:
    # given one subscription to ticket events and one to customers only
    subscribe(URL, ["ticket.created", "ticket.message_added"])
    subscribe(URL + "/customers", ["customer.created"])
    # when a customer's mail opens a ticket
    ticket = open_ticket(giulia, team_rome)
    # then the ticket's two events go to the first subscription only, named by their uids
    created = TicketEvent.objects.get(ticket=ticket, kind="created")
    replied = TicketEvent.objects.get(ticket=ticket, kind="customer_replied")
    assert [(url, kind, str(uid)) for url, kind, uid in _deliveries()] == [
        (URL, "ticket.created", str(created.uid)),
        (URL, "ticket.message_added", str(replied.uid)),
    ]
    body = json.loads(Delivery.objects.get(event_type="ticket.message_added").body)
    assert body["data"]["message"] == replied.data["message"]
    assert body["data"]["change"] == "customer_replied"
    assert body["data"]["ticket"]["number"] == ticket.number
    assert body["data"]["ticket"]["team"] == str(team_rome.uid)


def test_a_customer_change_is_sent_with_the_event_uid_and_public_ids_only(db: None) -> None:
    subscribe(URL, ["customer.created", "customer.updated", "customer.merged"])
    mario = customer_create(
        data=CustomerData(given_name="Mario", surname="Bianchi", emails=["mario@example.it"]),
        actor=Actor.system(),
    )
    mario = customer_update(
        customer=mario,
        data=CustomerData(language="it"),
        expected_version=None,
        actor=Actor.system(),
    )
    twin = customer_create(
        data=CustomerData(given_name="M.", surname="Bianchi", emails=["m.bianchi@example.it"]),
        actor=Actor.system(),
    )
    customer_merge(target=mario, duplicate=twin, actor=Actor.system())
    # the twin's timeline moved to Mario with the merge; ids follow the events' order
    events = [
        (f"customer.{kind}", str(uid))
        for kind, uid in CustomerEvent.objects.order_by("id").values_list("kind", "uid")
    ]
    assert [kind for kind, _uid in events] == [
        "customer.created",
        "customer.updated",
        "customer.created",
        "customer.merged",
    ]
    assert [(kind, str(uid)) for _url, kind, uid in _deliveries()] == events
    created = json.loads(Delivery.objects.order_by("id").first().body)  # type: ignore[union-attr]
    assert set(created) == {"id", "type", "created_at", "data"}
    assert created["data"] == {
        "customer": {
            "uid": str(mario.uid),
            "given_name": "Mario",
            "surname": "Bianchi",
            "emails": ["mario@example.it"],
            "language": "",
            "country": "",
            "tags": [],
            "version": 1,
            "created_at": created["data"]["customer"]["created_at"],
            "updated_at": created["data"]["customer"]["updated_at"],
        },
        "change": "created",
        "fields": ["given_name", "surname"],
    }
    merged = json.loads(Delivery.objects.get(event_type="customer.merged").body)
    assert merged["data"]["duplicate"] == str(twin.uid)
    assert _keys(merged["data"]) & {"id", "pk", "customer_id", "organization_id"} == set()


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in _keys(item)}
    if isinstance(value, list):
        return {key for item in value for key in _keys(item)}
    return set()


def test_inactive_subscriptions_and_unsubscribed_types_get_nothing(
    giulia: Customer, team_rome: Team
) -> None:
    paused = subscribe(URL, ["ticket.created"])
    subscription_update(
        subscription=paused, change=SubscriptionChange(is_active=False), actor=Actor.system()
    )
    subscribe(URL + "/sla", ["ticket.sla_breached"])
    open_ticket(giulia, team_rome)
    assert _deliveries() == []


def test_a_rolled_back_change_leaves_no_delivery(giulia: Customer, team_rome: Team) -> None:
    subscribe(URL, ["ticket.created"])
    counted: list[int] = []

    def open_then_fail() -> None:
        with transaction.atomic():
            open_ticket(giulia, team_rome)
            counted.append(Delivery.objects.count())
            raise RuntimeError

    with pytest.raises(RuntimeError):
        open_then_fail()
    assert (counted, Delivery.objects.count()) == ([1], 0)


def test_no_query_while_no_webhook_is_active(
    giulia: Customer, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    event = CustomerEvent.objects.get(customer=giulia)
    assert may_have_active_webhooks() is False
    with django_assert_num_queries(0):
        on_customer_changed(sender=Customer, customer=giulia, kind="updated", event=event)
        on_events_recorded(sender=TicketEvent, events=[])
    # a subscription sets the marker; once it is paused, the dispatcher's run clears it
    subscription = subscribe(URL, ["customer.updated"])
    assert may_have_active_webhooks() is True
    subscription_update(
        subscription=subscription,
        change=SubscriptionChange(is_active=False),
        actor=Actor.system(),
    )
    deliveries_periodic()
    assert may_have_active_webhooks() is False
