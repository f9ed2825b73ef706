"""WhatsApp Cloud API webhooks (Meta's Graph API).

- Verification: a GET with ``hub.mode=subscribe``, ``hub.verify_token`` and
  ``hub.challenge`` is answered with the challenge only when the token is ours.
- Every POST carries ``X-Hub-Signature-256: sha256=<hex>``, the HMAC-SHA256 of the raw
  body keyed with the app secret: checked on the bytes received, never on re-serialised
  JSON, in constant time.
- One POST may hold several messages and statuses, for the business number named by
  ``metadata.phone_number_id``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from cortesia.messaging.providers.base import (
    InboundMedia,
    InboundMessage,
    Parsed,
    ProviderPayloadError,
    StatusUpdate,
)

MEDIA_KINDS = ("image", "document")


def signature_valid(body: bytes, header: str, app_secret: str) -> bool:
    """Whether ``header`` is the app secret's signature of ``body``."""
    scheme, _, given = header.partition("=")
    if scheme != "sha256" or not given or not app_secret:
        return False
    expected = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, given.lower())


def challenge_answer(query: Mapping[str, str], verify_token: str) -> str | None:
    """The challenge to echo when the subscription request carries our token, else None."""
    if query.get("hub.mode") != "subscribe" or not verify_token:
        return None
    if not hmac.compare_digest(query.get("hub.verify_token", ""), verify_token):
        return None
    return query.get("hub.challenge", "") or None


def _moment(value: object) -> datetime:
    return datetime.fromtimestamp(int(str(value)), tz=UTC)


def _message(raw: dict[str, Any], names: dict[str, str]) -> InboundMessage:
    kind = raw.get("type", "")
    media: tuple[InboundMedia, ...] = ()
    text = raw.get("text", {}).get("body", "") if kind == "text" else ""
    if kind in MEDIA_KINDS:
        part = raw[kind]
        text = part.get("caption", "")
        media = (
            InboundMedia(
                kind=kind,
                file_id=str(part["id"]),
                mime_type=part.get("mime_type", ""),
                filename=part.get("filename", ""),
                sha256=part.get("sha256", ""),
            ),
        )
    sender = str(raw["from"])
    return InboundMessage(
        chat=sender,
        message_id=str(raw["id"]),
        sent_at=_moment(raw["timestamp"]),
        sender_name=names.get(sender, ""),
        text=text,
        media=media,
    )


def _status(raw: dict[str, Any]) -> StatusUpdate:
    errors = raw.get("errors") or [{}]
    return StatusUpdate(
        message_id=str(raw["id"]),
        status=str(raw["status"]),
        at=_moment(raw["timestamp"]),
        error_code=str(errors[0].get("code", "")),
        error_text=str(errors[0].get("title", "")),
    )


def parse(body: bytes) -> Parsed:
    """The messages and statuses of one webhook POST. Raises ProviderPayloadError."""
    try:
        data = json.loads(body)
        account, messages, statuses = "", [], []
        for entry in data["entry"]:
            for change in entry["changes"]:
                value = change["value"]
                account = str(value["metadata"]["phone_number_id"])
                names = {
                    str(contact["wa_id"]): contact.get("profile", {}).get("name", "")
                    for contact in value.get("contacts", [])
                }
                messages += [_message(raw, names) for raw in value.get("messages", [])]
                statuses += [_status(raw) for raw in value.get("statuses", [])]
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as error:
        raise ProviderPayloadError(str(type(error).__name__)) from None
    return Parsed(account=account, messages=messages, statuses=statuses)
