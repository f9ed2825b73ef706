"""Telegram Bot API webhooks.

- Every update carries ``X-Telegram-Bot-Api-Secret-Token``, the secret we gave
  ``setWebhook``: compared in constant time.
- One update holds at most one message (``message`` or ``edited_message``). Its
  ``message_id`` is unique within its chat, so (chat id, message id) identifies it; the
  ``update_id`` is only for logs (after a week without updates it restarts at random).
- Bots get no delivery or read receipts: a sent message is only ever "sent".
"""

from __future__ import annotations

import hmac
import json
from datetime import UTC, datetime
from typing import Any

from cortesia.messaging.providers.base import (
    InboundMedia,
    InboundMessage,
    Parsed,
    ProviderPayloadError,
)


def secret_valid(header: str, secret: str) -> bool:
    """Whether ``header`` is our webhook's secret token."""
    return bool(secret) and hmac.compare_digest(header.encode(), secret.encode())


def _media(raw: dict[str, Any]) -> tuple[InboundMedia, ...]:
    if raw.get("photo"):
        largest = raw["photo"][-1]  # sizes come smallest first
        return (
            InboundMedia(kind="image", file_id=str(largest["file_id"]), mime_type="image/jpeg"),
        )
    if raw.get("document"):
        document = raw["document"]
        return (
            InboundMedia(
                kind="document",
                file_id=str(document["file_id"]),
                mime_type=document.get("mime_type", ""),
                filename=document.get("file_name", ""),
            ),
        )
    return ()


def parse(body: bytes) -> Parsed:
    """The message of one update (none for updates of other kinds). Raises
    ProviderPayloadError."""
    try:
        data = json.loads(body)
        raw = data.get("message") or data.get("edited_message")
        if raw is None:
            int(data["update_id"])  # an update of another kind: nothing to take
            return Parsed(account="")
        sender = raw.get("from", {})
        name = " ".join(
            part for part in (sender.get("first_name", ""), sender.get("last_name", "")) if part
        )
        message = InboundMessage(
            chat=str(raw["chat"]["id"]),
            message_id=str(raw["message_id"]),
            sent_at=datetime.fromtimestamp(int(raw["date"]), tz=UTC),
            sender_name=name,
            text=raw.get("text") or raw.get("caption") or "",
            media=_media(raw),
            language_hint=sender.get("language_code", ""),
            is_edit="edited_message" in data,
        )
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as error:
        raise ProviderPayloadError(str(type(error).__name__)) from None
    return Parsed(account="", messages=[message])
