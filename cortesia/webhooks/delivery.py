"""The dispatcher: send due outbox rows, one claimed row at a time.

1. Claim: the pending row due first is moved a lease ahead with a conditional update on
   its ``next_attempt_at`` and a fresh claim token (as the SLA scanner claims alarms), so
   two dispatchers never send one row at the same moment.
2. Send: sign and POST the stored body outside any transaction, with a short timeout.
3. Record: the attempt, then the outcome, with an update conditional on the claim token.
   A 2xx answer marks the row delivered and it is never claimed again; anything else
   schedules the next attempt with backoff and jitter, until the schedule runs out and
   the row is failed (an administrator can retry it).

A dispatcher that dies between sending and recording leaves its claim to expire: the row
is sent again after the lease, so a receiver may (rarely) see an id twice and should
deduplicate by it.
"""

from __future__ import annotations

import http.client
import logging
import random
import socket
import ssl
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from cortesia.webhooks.activity import marker_sync
from cortesia.webhooks.models import AttemptError, Delivery, DeliveryAttempt, Subscription
from cortesia.webhooks.network import Answer, TargetRefused, post
from cortesia.webhooks.sealing import UnreadableSecret, unseal
from cortesia.webhooks.signing import signature

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10.0  # each step: the connection, each read
DEADLINE_SECONDS = 30.0  # the whole attempt
# Far longer than an attempt may take, so a live claim never expires under its dispatcher.
LEASE = timedelta(minutes=5)
# The wait after the 1st, 2nd … failed attempt; after the last one the row is failed.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
    timedelta(hours=12),
    timedelta(hours=24),
)
MAX_ATTEMPTS = len(BACKOFF) + 1
JITTER = 0.1  # each wait is stretched or shrunk by up to 10 %
# How long the log keeps a delivered or failed delivery.
KEEP_FINISHED = timedelta(days=30)


@dataclass(frozen=True)
class Claimed:
    delivery: Delivery
    claim: uuid.UUID


def backoff_after(attempts: int, *, rng: random.Random | None = None) -> timedelta | None:
    """Return the wait after ``attempts`` failed attempts, jittered; None when no attempt
    is left."""
    if attempts >= MAX_ATTEMPTS:
        return None
    base = BACKOFF[attempts - 1]
    factor = 1 + (rng or random).uniform(-JITTER, JITTER)  # noqa: S311 - not security
    return timedelta(seconds=base.total_seconds() * factor)


def delivery_claim_due(now: datetime) -> Claimed | None:
    """Claim the pending delivery due first; None when nothing is due. Safe with several
    dispatchers: the claim is a conditional update on ``next_attempt_at``."""
    while True:
        row = (
            Delivery.objects.filter(status=Delivery.Status.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at")
            .values_list("pk", "next_attempt_at")
            .first()
        )
        if row is None:
            return None
        pk, due = row
        claim = uuid.uuid4()
        claimed = Delivery.objects.filter(
            pk=pk, status=Delivery.Status.PENDING, next_attempt_at=due
        ).update(next_attempt_at=now + LEASE, claim=claim)
        if claimed:
            delivery = Delivery.objects.select_related("subscription").get(pk=pk)
            return Claimed(delivery, claim)


def _headers(delivery: Delivery, timestamp: int) -> dict[str, str]:
    """Raise UnreadableSecret when the secret was sealed under a key no longer listed."""
    body = delivery.body.encode()
    secret = unseal(delivery.subscription.secret_sealed)
    return {
        "Content-Type": "application/json",
        "Cortesia-Webhook-Id": str(delivery.event_id),
        "Cortesia-Webhook-Timestamp": str(timestamp),
        "Cortesia-Webhook-Signature": signature(secret=secret, timestamp=timestamp, body=body),
    }


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    excerpt: str
    duration_ms: int
    error: str

    @property
    def is_delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def _error_code(error: Exception) -> str:
    # A code only: the remote side's text never reaches the page or the API from here.
    if isinstance(error, TargetRefused):
        return AttemptError.ADDRESS_REFUSED
    if isinstance(error, UnreadableSecret):
        return AttemptError.SECRET_UNREADABLE
    if isinstance(error, TimeoutError | socket.timeout):
        return AttemptError.TIMEOUT
    if isinstance(error, ConnectionRefusedError):
        return AttemptError.CONNECTION_REFUSED
    if isinstance(error, ssl.SSLError | ssl.CertificateError):
        return AttemptError.TLS
    if isinstance(error, http.client.HTTPException):
        return AttemptError.INVALID_HTTP
    return AttemptError.CONNECTION_FAILED


def _send(delivery: Delivery) -> Outcome:
    timestamp = int(time.time())
    started = time.monotonic()
    try:
        answer: Answer = post(
            delivery.subscription.url,
            body=delivery.body.encode(),
            headers=_headers(delivery, timestamp),
            timeout=TIMEOUT_SECONDS,
            deadline=DEADLINE_SECONDS,
        )
    except (TargetRefused, UnreadableSecret, OSError, http.client.HTTPException) as error:
        elapsed = int((time.monotonic() - started) * 1000)
        return Outcome(None, "", elapsed, _error_code(error))
    return Outcome(answer.status, answer.excerpt[:500], answer.duration_ms, "")


@transaction.atomic
def _record(claimed: Claimed, outcome: Outcome, at: datetime) -> str:
    delivery = claimed.delivery
    DeliveryAttempt.objects.create(
        delivery=delivery,
        attempted_at=at,
        status_code=outcome.status_code,
        response_excerpt=outcome.excerpt,
        duration_ms=outcome.duration_ms,
        error=outcome.error,
    )
    attempts = delivery.attempt_count + 1
    changes: dict[str, object] = {
        "attempt_count": attempts,
        "last_status_code": outcome.status_code,
        "last_error": outcome.error,
        "claim": None,
    }
    if outcome.is_delivered:
        status = Delivery.Status.DELIVERED
        changes.update(delivered_at=at, next_attempt_at=None)
    else:
        wait = backoff_after(attempts)
        status = Delivery.Status.PENDING if wait is not None else Delivery.Status.FAILED
        changes["next_attempt_at"] = at + wait if wait is not None else None
    Delivery.objects.filter(pk=delivery.pk, claim=claimed.claim).update(status=status, **changes)
    return status


def delivery_attempt(claimed: Claimed) -> str:
    """Send one claimed delivery and record the attempt; return the row's new status."""
    started_at = timezone.now()
    outcome = _send(claimed.delivery)
    return _record(claimed, outcome, started_at)


def deliveries_prune(now: datetime) -> int:
    """Delete deliveries finished (delivered or failed) more than KEEP_FINISHED ago, with
    their attempts: their bodies hold customers' data, kept no longer than the log needs.
    Return how many deliveries were deleted."""
    finished = Delivery.objects.filter(
        next_attempt_at__isnull=True, updated_at__lt=now - KEEP_FINISHED
    ).exclude(status=Delivery.Status.PENDING)
    deleted = finished.delete()[1].get(Delivery._meta.label, 0)
    return int(deleted)


def deliveries_periodic() -> int:
    """The workers' timer: bring the marker of active webhooks up to date, forget old
    finished deliveries, then send what is due (see :func:`deliveries_dispatch`)."""
    marker_sync(any_active=Subscription.objects.filter(is_active=True).exists())
    deliveries_prune(timezone.now())
    return deliveries_dispatch()


def deliveries_dispatch(*, now: datetime | None = None, limit: int = 500) -> int:
    """Send the deliveries due by ``now`` (at most ``limit``); return how many were
    attempted. A task runs this after new rows commit, and every worker on a timer."""
    attempted = 0
    while attempted < limit:
        claimed = delivery_claim_due(now or timezone.now())
        if claimed is None:
            break
        delivery_attempt(claimed)
        attempted += 1
    return attempted
