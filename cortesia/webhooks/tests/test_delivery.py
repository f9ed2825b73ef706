from __future__ import annotations

import json
import random
import socket
import threading
import time
from datetime import datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection, transaction
from django.utils import timezone

from cortesia.accounts.models import Team
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.tickets.models import TicketEvent
from cortesia.webhooks.delivery import (
    BACKOFF,
    MAX_ATTEMPTS,
    backoff_after,
    deliveries_dispatch,
    deliveries_prune,
    delivery_claim_due,
)
from cortesia.webhooks.models import Delivery, DeliveryAttempt
from cortesia.webhooks.services import delivery_retry
from cortesia.webhooks.signing import signature_matches
from cortesia.webhooks.tests.conftest import SECRET, Receiver, open_ticket, subscribe

pytestmark = pytest.mark.usefixtures("loopback_allowed")


def _later(minutes: float) -> datetime:
    return timezone.now() + timedelta(minutes=minutes)


def test_backoff_grows_with_jitter_and_ends() -> None:
    rng = random.Random(7)
    for attempts, base in enumerate(BACKOFF, start=1):
        wait = backoff_after(attempts, rng=rng)
        assert wait is not None
        assert base * 0.9 <= wait <= base * 1.1
    assert backoff_after(MAX_ATTEMPTS) is None
    assert MAX_ATTEMPTS == 8
    assert BACKOFF[-1] == timedelta(hours=24)


def test_a_signed_post_verifies_with_the_secret_only(
    receiver: Receiver, giulia: Customer, team_rome: Team
) -> None:
    # given a subscription to new tickets
    subscribe(receiver.url, ["ticket.created"])
    ticket = open_ticket(giulia, team_rome)
    # when the dispatcher runs
    before = int(time.time())
    assert deliveries_dispatch() == 1
    # then one signed POST arrived, which verifies with the secret and not with another
    (request,) = receiver.requests
    event = TicketEvent.objects.get(ticket=ticket, kind="created")
    headers = request.headers
    assert headers["Content-Type"] == "application/json"
    assert headers["Cortesia-Webhook-Id"] == str(event.uid)
    timestamp = int(headers["Cortesia-Webhook-Timestamp"])
    assert before <= timestamp <= int(time.time())
    signed = headers["Cortesia-Webhook-Signature"]
    assert signed.startswith("v1=")
    assert signature_matches(secret=SECRET, timestamp=timestamp, body=request.body, header=signed)
    assert not signature_matches(
        secret="whsec_someone_else_0000", timestamp=timestamp, body=request.body, header=signed
    )
    assert not signature_matches(
        secret=SECRET, timestamp=timestamp + 1, body=request.body, header=signed
    )
    body = json.loads(request.body)
    assert body["id"] == str(event.uid)
    assert body["type"] == "ticket.created"
    assert body["data"]["ticket"]["uid"] == str(ticket.uid)
    assert body["data"]["ticket"]["customer"] == str(giulia.uid)
    assert SECRET not in request.body.decode()


def test_a_500_is_retried_with_backoff_until_a_200(
    receiver: Receiver, giulia: Customer, team_rome: Team
) -> None:
    subscribe(receiver.url, ["ticket.created"])
    open_ticket(giulia, team_rome)
    receiver.statuses = [500, 500, 200]
    start = timezone.now()
    # first attempt: 500, the next one about a minute later
    assert deliveries_dispatch(now=start) == 1
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempt_count, delivery.last_status_code) == (
        "pending",
        1,
        500,
    )
    assert delivery.next_attempt_at is not None
    wait = delivery.next_attempt_at - timezone.now()
    assert timedelta(seconds=50) <= wait <= timedelta(seconds=67)
    # nothing is due before then
    assert deliveries_dispatch(now=start + timedelta(seconds=30)) == 0
    # second attempt after the wait: 500 again, then about five minutes
    with time_machine.travel(start + timedelta(minutes=2), tick=False):
        assert deliveries_dispatch() == 1
        delivery.refresh_from_db()
        assert delivery.next_attempt_at is not None
        wait = delivery.next_attempt_at - timezone.now()
        assert timedelta(minutes=4.5) <= wait <= timedelta(minutes=5.5)
    with time_machine.travel(start + timedelta(minutes=10), tick=False):
        assert deliveries_dispatch() == 1
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempt_count, delivery.next_attempt_at) == (
        "delivered",
        3,
        None,
    )
    attempts = list(
        delivery.attempts.order_by("attempted_at").values_list(
            "status_code", "response_excerpt", "error"
        )
    )
    assert attempts == [(500, "answer 500", ""), (500, "answer 500", ""), (200, "answer 200", "")]
    ids = {request.headers["Cortesia-Webhook-Id"] for request in receiver.requests}
    assert ids == {str(delivery.event_id)}


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_closed_port_is_retried_later(giulia: Customer, team_rome: Team) -> None:
    subscribe(f"http://127.0.0.1:{_closed_port()}/hook", ["ticket.created"])
    open_ticket(giulia, team_rome)
    assert deliveries_dispatch() == 1
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempt_count, delivery.last_error) == (
        "pending",
        1,
        "connection_refused",
    )
    attempt = DeliveryAttempt.objects.get()
    assert (attempt.status_code, attempt.error) == (None, "connection_refused")


def test_a_delivered_event_is_never_sent_again(
    receiver: Receiver, giulia: Customer, team_rome: Team
) -> None:
    subscribe(receiver.url, ["ticket.created"])
    open_ticket(giulia, team_rome)
    assert deliveries_dispatch() == 1
    # a second run, even days later, finds nothing to send
    assert deliveries_dispatch(now=_later(60 * 48)) == 0
    assert deliveries_dispatch() == 0
    assert len(receiver.requests) == 1
    assert Delivery.objects.get().status == "delivered"


def test_the_last_failure_fails_the_delivery_and_retry_now_sends_it_once_more(
    receiver: Receiver, giulia: Customer, team_rome: Team
) -> None:
    subscribe(receiver.url, ["ticket.created"])
    open_ticket(giulia, team_rome)
    receiver.statuses = [503]
    Delivery.objects.update(attempt_count=MAX_ATTEMPTS - 1)
    assert deliveries_dispatch() == 1
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempt_count, delivery.next_attempt_at) == (
        "failed",
        MAX_ATTEMPTS,
        None,
    )
    assert deliveries_dispatch(now=_later(60 * 48)) == 0
    # retry now: pending again, once; a second click changes nothing
    assert delivery_retry(delivery=delivery, actor=Actor.system()) is True
    assert delivery_retry(delivery=delivery, actor=Actor.system()) is False
    receiver.statuses = [503, 200]
    assert deliveries_dispatch() == 1
    delivery.refresh_from_db()
    assert (delivery.status, len(receiver.requests)) == ("delivered", 2)


def test_an_address_no_longer_allowed_is_refused_at_connect_time(
    receiver: Receiver, giulia: Customer, team_rome: Team, settings: object
) -> None:
    # given a delivery recorded while loopback was allowed
    subscribe(receiver.url, ["ticket.created"])
    open_ticket(giulia, team_rome)
    # when the allowlist is emptied before it is sent
    settings.CORTESIA_OUTBOUND_ALLOWLIST = []  # type: ignore[attr-defined]
    assert deliveries_dispatch() == 1
    # then no connection was made and the attempt says why
    assert (receiver.connections, receiver.requests) == (0, [])
    attempt = DeliveryAttempt.objects.get()
    assert (attempt.status_code, attempt.error) == (None, "address_refused")


def test_a_claimed_row_is_not_claimed_again(
    receiver: Receiver, giulia: Customer, team_rome: Team
) -> None:
    subscribe(receiver.url, ["ticket.created"])
    open_ticket(giulia, team_rome)
    now = timezone.now()
    first = delivery_claim_due(now)
    assert first is not None
    assert delivery_claim_due(now) is None
    assert receiver.requests == []


@pytest.mark.django_db(transaction=True)
def test_two_dispatchers_send_each_event_exactly_once(
    receiver: Receiver, giulia: Customer, team_rome: Team, settings: Any
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent dispatchers need PostgreSQL's row versions")
    # the task queued after each commit is kept, not run: the two loops below do the work
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    # given 30 tickets whose creation is subscribed
    subscribe(receiver.url, ["ticket.created"])
    with transaction.atomic():
        for number in range(30):
            open_ticket(giulia, team_rome, subject=f"Ordine {number}")
    assert Delivery.objects.filter(status="pending").count() == 30
    sent: list[int] = []

    def loop() -> None:
        try:
            sent.append(deliveries_dispatch())
        finally:
            connection.close()

    # when two dispatchers run at once
    threads = [threading.Thread(target=loop) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then every event arrived once, and every row is delivered
    ids = [request.headers["Cortesia-Webhook-Id"] for request in receiver.requests]
    assert len(ids) == 30
    assert len(set(ids)) == 30
    assert set(Delivery.objects.values_list("status", flat=True)) == {"delivered"}
    assert DeliveryAttempt.objects.count() == 30
    assert sorted(sent) != [0, 0]
    assert sum(sent) == 30


def test_the_secret_is_sealed_and_one_sealed_under_a_dropped_key_sends_nothing(
    receiver: Receiver, giulia: Customer, team_rome: Team, settings: Any
) -> None:
    subscription = subscribe(receiver.url, ["ticket.created"])
    assert SECRET not in subscription.secret_sealed
    open_ticket(giulia, team_rome)
    # the secret key changes without listing the old one as a fallback
    settings.SECRET_KEY = "another-key-" + "x" * 50
    settings.SECRET_KEY_FALLBACKS = []
    assert deliveries_dispatch() == 1
    assert (receiver.connections, receiver.requests) == (0, [])
    attempt = DeliveryAttempt.objects.get()
    assert (attempt.status_code, attempt.error) == (
        None,
        "secret_unreadable",
    )


def test_finished_deliveries_are_forgotten_after_thirty_days(
    receiver: Receiver, giulia: Customer, team_rome: Team
) -> None:
    subscribe(receiver.url, ["ticket.created", "ticket.message_added"])
    open_ticket(giulia, team_rome)
    assert deliveries_dispatch() == 2
    delivered, waiting = Delivery.objects.order_by("id")
    Delivery.objects.filter(pk=waiting.pk).update(status="pending", next_attempt_at=_later(1))
    now = timezone.now()
    assert deliveries_prune(now + timedelta(days=29)) == 0
    assert deliveries_prune(now + timedelta(days=31)) == 1
    assert list(Delivery.objects.values_list("pk", flat=True)) == [waiting.pk]
    assert DeliveryAttempt.objects.filter(delivery=delivered.pk).count() == 0
