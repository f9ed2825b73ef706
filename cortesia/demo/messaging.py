"""Demo messaging channels: a WhatsApp business number answered by the Bucharest team
and a Telegram bot answered by the Sofia team, each with a customer's chat waiting.

The demo has no provider account, so the channels' tokens are placeholders: the chats
arrive as the providers would deliver them (through the webhook's store and the same
processing), and an answer to them is tried and then shown as not sent.
"""

from __future__ import annotations

import secrets
from datetime import UTC

from django.utils import timezone

from cortesia.accounts.models import Team
from cortesia.messaging.inbound import delivery_store
from cortesia.messaging.models import MessagingChannel
from cortesia.messaging.processing import deliveries_process
from cortesia.messaging.providers import payloads
from cortesia.messaging.secrets import SEALER

WHATSAPP_NAME = "Bottega Cortesia WhatsApp"
NUMBER_ID = "100000000000001"


def _channel(
    kind: str, name: str, team_name: str, language: str, account: str = ""
) -> MessagingChannel:
    return MessagingChannel.objects.create(
        kind=kind,
        name=name,
        account=account,
        team=Team.objects.filter(name=team_name).first(),
        default_language=language,
        signing_secret_sealed=SEALER.seal(secrets.token_urlsafe(24)),
        access_token_sealed=SEALER.seal("demo-placeholder-token"),
        verify_token_sealed=SEALER.seal(secrets.token_urlsafe(24)) if kind == "whatsapp" else "",
    )


def load_demo_messaging() -> int:
    """Create the demo's channels and their waiting chats once; return how many channels
    were made (0 when they exist)."""
    if MessagingChannel.objects.filter(name=WHATSAPP_NAME).exists():
        return 0
    whatsapp = _channel("whatsapp", WHATSAPP_NAME, "București", "ro", NUMBER_ID)
    telegram = _channel("telegram", "Bottega Cortesia bot", "София", "bg")
    now = int(timezone.now().astimezone(UTC).timestamp())
    delivery_store(
        channel=whatsapp,
        body=payloads.whatsapp_text(
            phone_number_id=NUMBER_ID,
            wa_id="40721234567",
            name="Ioana Dumitrescu",
            text="Bună ziua! Comanda mea 5520 a ajuns fără factură. Mi-o puteți trimite aici?",
            message_id="wamid.DEMO1",
            timestamp=now - 240,
        ),
    )
    delivery_store(
        channel=telegram,
        body=payloads.telegram_text(
            update_id=1,
            chat_id=700100200,
            first_name="Димитър",
            last_name="Стоянов",
            language_code="bg",
            text="Здравейте! Имате ли зимни гуми 205/55 R16 в наличност?",
            message_id=11,
            date=now - 120,
        ),
    )
    deliveries_process()
    return 2
