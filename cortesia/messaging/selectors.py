"""Reads of the messaging channels."""

from __future__ import annotations

import uuid

from cortesia.messaging.models import MessagingChannel


def channel_for_webhook(uid: str) -> MessagingChannel | None:
    """The enabled channel a webhook address names, else None."""
    try:
        key = uuid.UUID(uid)
    except ValueError:
        return None
    return MessagingChannel.objects.filter(uid=key, is_enabled=True).first()
