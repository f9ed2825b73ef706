"""What a messaging provider's webhook says, in one shape for every provider: messages
(with their media) and delivery statuses. The parsers are pure functions over the raw
body, tested on recorded payloads; nothing here reads the database or the network."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


class ProviderPayloadError(ValueError):
    """The body is not a payload this provider sends (malformed JSON or shape)."""


@dataclass(frozen=True)
class InboundMedia:
    kind: str  # "image" or "document"
    file_id: str  # the provider's id, to download the file with
    mime_type: str = ""
    filename: str = ""
    sha256: str = ""  # WhatsApp's checksum of the file, "" when the provider gives none


@dataclass(frozen=True)
class InboundMessage:
    """A message a customer sent. ``message_id`` is unique per ``chat`` (the customer's
    WhatsApp number, or the Telegram chat id): together they make a replay harmless."""

    chat: str
    message_id: str
    sent_at: datetime
    sender_name: str
    text: str
    media: tuple[InboundMedia, ...] = ()
    language_hint: str = ""  # the user's app language when the provider says it
    is_edit: bool = False


@dataclass(frozen=True)
class StatusUpdate:
    """What became of a message we sent: sent, delivered, read or failed."""

    message_id: str
    status: str
    at: datetime
    error_code: str = ""
    error_text: str = ""


@dataclass(frozen=True)
class Parsed:
    account: str  # which of our numbers or bots it came to ("" when the URL says it)
    messages: list[InboundMessage] = field(default_factory=list)
    statuses: list[StatusUpdate] = field(default_factory=list)


# The order statuses only ever move in: a late "delivered" never undoes "read".
STATUS_RANK = {"sent": 1, "delivered": 2, "read": 3, "failed": 4}


def status_is_newer(current: str, incoming: str) -> bool:
    """Whether ``incoming`` moves a message's status forward from ``current``."""
    return STATUS_RANK.get(incoming, 0) > STATUS_RANK.get(current, 0)
