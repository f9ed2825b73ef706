"""Webhook bodies in the shapes WhatsApp (Graph) and Telegram send, for the demo, tests
and benchmarks: the same shapes as the recorded fixtures in
cortesia/messaging/tests/fixtures.

WhatsApp bodies escape non-ASCII characters (``\\u0646``) as Meta does; Meta signs those
exact bytes, so a signature is always computed on the body as built. Telegram sends UTF-8.
Ids and timestamps are whatever the caller passes: the builders add no randomness.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any, Literal

JsonObject = dict[str, Any]
ACCOUNT_ID = "102290129340398"  # the WhatsApp Business Account of the fixtures
DISPLAY_NUMBER = "393331234567"


def _whatsapp(phone_number_id: str, display_number: str, value: JsonObject) -> bytes:
    metadata = {"display_phone_number": display_number, "phone_number_id": phone_number_id}
    change = {
        "field": "messages",
        "value": {"messaging_product": "whatsapp", "metadata": metadata, **value},
    }
    body = {
        "object": "whatsapp_business_account",
        "entry": [{"id": ACCOUNT_ID, "changes": [change]}],
    }
    return json.dumps(body, separators=(",", ":")).encode()


def _whatsapp_message(
    *,
    phone_number_id: str,
    display_number: str,
    wa_id: str,
    name: str,
    message: JsonObject,
) -> bytes:
    value = {"contacts": [{"profile": {"name": name}, "wa_id": wa_id}], "messages": [message]}
    return _whatsapp(phone_number_id, display_number, value)


def whatsapp_text(
    *,
    phone_number_id: str,
    wa_id: str,
    name: str,
    text: str,
    message_id: str,
    timestamp: int,
    display_number: str = DISPLAY_NUMBER,
) -> bytes:
    """A text from the customer ``wa_id`` (named ``name``) to our ``phone_number_id``."""
    message = {
        "from": wa_id,
        "id": message_id,
        "timestamp": str(timestamp),
        "type": "text",
        "text": {"body": text},
    }
    return _whatsapp_message(
        phone_number_id=phone_number_id,
        display_number=display_number,
        wa_id=wa_id,
        name=name,
        message=message,
    )


def whatsapp_media(
    *,
    phone_number_id: str,
    wa_id: str,
    name: str,
    kind: Literal["image", "document"],
    media_id: str,
    mime_type: str,
    message_id: str,
    timestamp: int,
    caption: str = "",
    filename: str = "",
    sha256: str = "",
    display_number: str = DISPLAY_NUMBER,
) -> bytes:
    """An image or a document; caption, filename (documents only) and sha256 appear only
    when given, as in Meta's webhooks."""
    part: JsonObject = {"mime_type": mime_type, "id": media_id}
    if caption:
        part["caption"] = caption
    if filename and kind == "document":
        part["filename"] = filename
    if sha256:
        part["sha256"] = sha256
    message = {
        "from": wa_id,
        "id": message_id,
        "timestamp": str(timestamp),
        "type": kind,
        kind: part,
    }
    return _whatsapp_message(
        phone_number_id=phone_number_id,
        display_number=display_number,
        wa_id=wa_id,
        name=name,
        message=message,
    )


def whatsapp_status(
    *,
    phone_number_id: str,
    message_id: str,
    recipient: str,
    status: str,
    timestamp: int,
    error_code: int | None = None,
    error_title: str = "",
    display_number: str = DISPLAY_NUMBER,
) -> bytes:
    """What became of our message ``message_id`` to ``recipient``: sent, delivered, read,
    or failed with ``error_code``. Status webhooks carry no contacts."""
    raw: JsonObject = {
        "id": message_id,
        "status": status,
        "timestamp": str(timestamp),
        "recipient_id": recipient,
    }
    if error_code is not None:
        raw["errors"] = [{"code": error_code, "title": error_title}]
    return _whatsapp(phone_number_id, display_number, {"statuses": [raw]})


def whatsapp_signature(body: bytes, app_secret: str) -> str:
    """The ``X-Hub-Signature-256`` value Meta sends with ``body``."""
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def _telegram(
    *,
    update_id: int,
    chat_id: int,
    first_name: str,
    last_name: str,
    language_code: str,
    message_id: int,
    date: int,
    content: JsonObject,
    edited: bool,
) -> bytes:
    person = {"first_name": first_name} | ({"last_name": last_name} if last_name else {})
    sender = {"id": chat_id, "is_bot": False, **person}
    if language_code:
        sender["language_code"] = language_code
    message: JsonObject = {
        "message_id": message_id,
        "from": sender,
        "chat": {"id": chat_id, **person, "type": "private"},
        "date": date,
    }
    if edited:
        message["edit_date"] = date + 10
    message.update(content)
    key = "edited_message" if edited else "message"
    return json.dumps({"update_id": update_id, key: message}, ensure_ascii=False).encode()


def telegram_text(
    *,
    update_id: int,
    chat_id: int,
    first_name: str,
    text: str,
    message_id: int,
    date: int,
    last_name: str = "",
    language_code: str = "",
    edited: bool = False,
) -> bytes:
    """A text in the private chat ``chat_id`` (a private chat's id is the user's id)."""
    return _telegram(
        update_id=update_id,
        chat_id=chat_id,
        first_name=first_name,
        last_name=last_name,
        language_code=language_code,
        message_id=message_id,
        date=date,
        content={"text": text},
        edited=edited,
    )


def telegram_photo(
    *,
    update_id: int,
    chat_id: int,
    first_name: str,
    file_id: str,
    message_id: int,
    date: int,
    caption: str = "",
    last_name: str = "",
    language_code: str = "",
    edited: bool = False,
) -> bytes:
    """A photo: Telegram lists its sizes smallest first, and ``file_id`` is the largest
    (the thumbnail's id is ``file_id`` + "-thumb")."""
    sizes = [
        {"file_id": f"{file_id}-thumb", "file_unique_id": "AQADt", "width": 90, "height": 90},
        {"file_id": file_id, "file_unique_id": "AQADl", "width": 1280, "height": 960},
    ]
    content: JsonObject = {"photo": sizes}
    if caption:
        content["caption"] = caption
    return _telegram(
        update_id=update_id,
        chat_id=chat_id,
        first_name=first_name,
        last_name=last_name,
        language_code=language_code,
        message_id=message_id,
        date=date,
        content=content,
        edited=edited,
    )


def telegram_document(
    *,
    update_id: int,
    chat_id: int,
    first_name: str,
    file_id: str,
    file_name: str,
    mime_type: str,
    message_id: int,
    date: int,
    caption: str = "",
    last_name: str = "",
    language_code: str = "",
    edited: bool = False,
) -> bytes:
    """A document, with the name and type the sender's app gave it."""
    document = {
        "file_name": file_name,
        "mime_type": mime_type,
        "file_id": file_id,
        "file_unique_id": "AgADd",
    }
    content: JsonObject = {"document": document}
    if caption:
        content["caption"] = caption
    return _telegram(
        update_id=update_id,
        chat_id=chat_id,
        first_name=first_name,
        last_name=last_name,
        language_code=language_code,
        message_id=message_id,
        date=date,
        content=content,
        edited=edited,
    )
