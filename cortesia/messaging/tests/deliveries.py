"""Webhook deliveries as the providers send them, for the messaging tests."""

from __future__ import annotations

from django.test import Client

from cortesia.messaging.models import MessagingChannel
from cortesia.messaging.providers import payloads

APP_SECRET = "app-secret-1234"  # noqa: S105 - a test channel's secret
TG_SECRET = "tg_Secret-1"  # noqa: S105 - a test channel's secret
NUMBER_ID = "106540352242922"
WA_ID = "393471234567"
WHEN = 1_796_000_000  # 2026-11-28 ~


def deliver_whatsapp(client: Client, channel: MessagingChannel, body: bytes) -> None:
    response = client.post(
        f"/messaging/webhooks/{channel.uid}",
        body,
        content_type="application/json",
        headers={"X-Hub-Signature-256": payloads.whatsapp_signature(body, APP_SECRET)},
    )
    assert response.status_code == 200


def deliver_telegram(client: Client, channel: MessagingChannel, body: bytes) -> None:
    response = client.post(
        f"/messaging/webhooks/{channel.uid}",
        body,
        content_type="application/json",
        headers={"X-Telegram-Bot-Api-Secret-Token": TG_SECRET},
    )
    assert response.status_code == 200


def wa_text(text: str, message_id: str = "wamid.IN1", at: int = WHEN) -> bytes:
    return payloads.whatsapp_text(
        phone_number_id=NUMBER_ID,
        wa_id=WA_ID,
        name="Giovanna Rossi",
        text=text,
        message_id=message_id,
        timestamp=at,
    )
