"""The providers' webhooks: check who sent it, keep the raw body, answer at once.

A request that fails its check (a wrong or missing signature or secret) gets 401 and
nothing is stored. A good one is stored as an ``InboundDelivery`` (once, however often
the provider retries it) and answered 200; a worker makes messages of it later, so the
provider never waits on our processing."""

from __future__ import annotations

import hashlib

from django.db import IntegrityError, transaction
from django.utils import timezone

from cortesia.core.sealing import UnreadableSecret
from cortesia.messaging.models import InboundDelivery, MessagingChannel
from cortesia.messaging.providers import telegram, whatsapp
from cortesia.messaging.secrets import SEALER


def _secret(sealed: str) -> str:
    try:
        return SEALER.unseal(sealed) if sealed else ""
    except UnreadableSecret:
        return ""  # sealed under a key no longer configured: nothing can pass the check


def delivery_is_genuine(channel: MessagingChannel, body: bytes, headers: dict[str, str]) -> bool:
    """Whether the provider signed ``body`` (WhatsApp) or sent our secret (Telegram)."""
    secret = _secret(channel.signing_secret_sealed)
    if channel.kind == MessagingChannel.Kind.WHATSAPP:
        return whatsapp.signature_valid(body, headers.get("X-Hub-Signature-256", ""), secret)
    return telegram.secret_valid(headers.get("X-Telegram-Bot-Api-Secret-Token", ""), secret)


def subscription_answer(channel: MessagingChannel, query: dict[str, str]) -> str | None:
    """WhatsApp's subscription check: the challenge to echo, or None."""
    if channel.kind != MessagingChannel.Kind.WHATSAPP:
        return None
    return whatsapp.challenge_answer(query, _secret(channel.verify_token_sealed))


def delivery_store(*, channel: MessagingChannel, body: bytes) -> bool:
    """Keep the body for processing; return False when the same body was already kept."""
    digest = hashlib.sha256(body).hexdigest()
    try:
        with transaction.atomic():
            InboundDelivery.objects.create(
                channel=channel, received_at=timezone.now(), body=body, body_sha256=digest
            )
    except IntegrityError:
        return False
    return True
