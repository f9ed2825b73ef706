"""The providers' webhooks: check who sent it, keep the raw body, answer at once.

A request that fails its check (a wrong or missing signature or secret) gets 401 and
nothing is stored. A good one is stored as an ``InboundDelivery`` (once, however often
the provider retries it) and answered 200; a worker makes messages of it later, so the
provider never waits on our processing."""

from __future__ import annotations

import hashlib

from django.db import connection, transaction
from django.utils import timezone

from cortesia.core.enqueue import enqueue_after_commit
from cortesia.messaging.models import InboundDelivery, MessagingChannel
from cortesia.messaging.processing import process_deliveries
from cortesia.messaging.providers import telegram, whatsapp
from cortesia.messaging.secrets import channel_secret


def delivery_is_genuine(channel: MessagingChannel, body: bytes, headers: dict[str, str]) -> bool:
    """Whether the provider signed ``body`` (WhatsApp) or sent our secret (Telegram)."""
    secret = channel_secret(channel.signing_secret_sealed)
    if channel.kind == MessagingChannel.Kind.WHATSAPP:
        return whatsapp.signature_valid(body, headers.get("X-Hub-Signature-256", ""), secret)
    return telegram.secret_valid(headers.get("X-Telegram-Bot-Api-Secret-Token", ""), secret)


def subscription_answer(channel: MessagingChannel, query: dict[str, str]) -> str | None:
    """WhatsApp's subscription check: the challenge to echo, or None."""
    if channel.kind != MessagingChannel.Kind.WHATSAPP:
        return None
    return whatsapp.challenge_answer(query, channel_secret(channel.verify_token_sealed))


def delivery_store(*, channel: MessagingChannel, body: bytes) -> bool:
    """Keep the body for processing and queue its processing in the same commit; return
    False when the same body was already kept.

    One ``INSERT … ON CONFLICT DO NOTHING RETURNING`` (PostgreSQL, and SQLite since 3.35)
    both stores and tells a replay, where an ORM insert would need a savepoint around it
    to survive the unique constraint's refusal: the webhook is the path providers load
    hardest, so it costs one statement instead of three."""
    table = connection.ops.quote_name(InboundDelivery._meta.db_table)
    received_at = connection.ops.adapt_datetimefield_value(timezone.now())
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} "  # noqa: S608 - the table name is ours, values are parameters
            "(channel_id, received_at, body, body_sha256, state, error, attempts) "
            "VALUES (%s, %s, %s, %s, %s, '', 0) "
            "ON CONFLICT (channel_id, body_sha256) DO NOTHING RETURNING id",
            [
                channel.pk,
                received_at,
                body,
                hashlib.sha256(body).hexdigest(),
                InboundDelivery.State.NEW,
            ],
        )
        stored = cursor.fetchone()
        if stored is None:
            return False
        if not _waiting_before(int(stored[0])):
            enqueue_after_commit(process_deliveries)
    return True


def _waiting_before(stored: int) -> bool:
    """Whether a fresh delivery no worker has claimed yet waits before ``stored``: the
    task queued with that one will take this one too, so none is queued for it (a task
    per delivery would double the webhook's writes and fill the queue with tasks that
    find nothing). Two deliveries stored at the same moment may both queue one: harmless.
    A delivery missed anyway is taken by the workers' timer within seconds. Written out,
    like the insert, to spare the hottest path the query's compilation."""
    table = connection.ops.quote_name(InboundDelivery._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {table} "  # noqa: S608 - the table name is ours, values are parameters
            "WHERE state = %s AND claim IS NULL AND next_attempt_at IS NULL AND id < %s "
            "LIMIT 1",
            [InboundDelivery.State.NEW, stored],
        )
        return cursor.fetchone() is not None
