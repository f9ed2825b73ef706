"""The providers' webhooks read from recorded payloads: signatures and secrets, messages,
media and statuses, in one shape."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cortesia.messaging.providers import telegram, whatsapp
from cortesia.messaging.providers.base import (
    InboundMedia,
    InboundMessage,
    ProviderPayloadError,
    StatusUpdate,
    status_is_newer,
)

FIXTURES = Path(__file__).parent / "fixtures"
SECRET = "app-secret-1234"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def signed(body: bytes, secret: str = SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_a_whatsapp_signature_holds_only_for_the_exact_body_and_secret() -> None:
    body = fixture("whatsapp_text.json")
    assert whatsapp.signature_valid(body, signed(body), SECRET) is True
    assert whatsapp.signature_valid(body + b" ", signed(body), SECRET) is False
    assert whatsapp.signature_valid(body, signed(body, "other"), SECRET) is False
    assert whatsapp.signature_valid(body, signed(body).replace("sha256", "sha1"), SECRET) is False
    assert whatsapp.signature_valid(body, "", SECRET) is False
    assert whatsapp.signature_valid(body, signed(body, ""), "") is False


def test_the_whatsapp_subscription_is_answered_only_with_our_token() -> None:
    query = {"hub.mode": "subscribe", "hub.verify_token": "tok-1", "hub.challenge": "1158201444"}
    assert whatsapp.challenge_answer(query, "tok-1") == "1158201444"
    assert whatsapp.challenge_answer(query, "tok-2") is None
    assert whatsapp.challenge_answer({**query, "hub.mode": "unsubscribe"}, "tok-1") is None


def test_a_whatsapp_text_message() -> None:
    parsed = whatsapp.parse(fixture("whatsapp_text.json"))
    assert parsed.account == "106540352242922"
    assert parsed.messages == [
        InboundMessage(
            chat="393471112233",
            message_id="wamid.HBgLMzkzNDcxMTEyMjMzFQIAEhggNDQ1",
            sent_at=datetime(2025, 12, 5, 9, 19, 43, tzinfo=UTC),
            sender_name="Giulia Bianchi",
            text="Buongiorno, l'ordine IT-1044 non è arrivato",
        )
    ]
    assert parsed.statuses == []


def test_a_whatsapp_image_and_statuses_with_an_error() -> None:
    parsed = whatsapp.parse(fixture("whatsapp_image_and_status.json"))
    (message,) = parsed.messages
    assert (message.sender_name, message.text) == ("نورة", "الفاتورة")
    assert message.media == (
        InboundMedia(
            kind="image",
            file_id="1480452339463891",
            mime_type="image/jpeg",
            sha256="3dc1fb59a6e1a4c2d8b1",
        ),
    )
    assert parsed.statuses == [
        StatusUpdate(
            message_id="wamid.HBgLMzkzNDcxMTEyMjMzFQIAERgS",
            status="read",
            at=datetime(2025, 12, 5, 9, 20, 1, tzinfo=UTC),
        ),
        StatusUpdate(
            message_id="wamid.HBgLMzkzNDcxMTEyMjMzFQIAERgT",
            status="failed",
            at=datetime(2025, 12, 5, 9, 20, 2, tzinfo=UTC),
            error_code="131047",
            error_text="Re-engagement message",
        ),
    ]


def test_a_telegram_secret_must_match_exactly() -> None:
    assert telegram.secret_valid("s3cret_Token-1", "s3cret_Token-1") is True
    assert telegram.secret_valid("s3cret_Token-2", "s3cret_Token-1") is False
    assert telegram.secret_valid("", "") is False


def test_a_telegram_text_message_with_the_apps_language() -> None:
    (message,) = telegram.parse(fixture("telegram_text.json")).messages
    assert message == InboundMessage(
        chat="712345678",
        message_id="51",
        sent_at=datetime(2025, 12, 5, 9, 21, 40, tzinfo=UTC),
        sender_name="Aino Virtanen",
        text="Moi! Missä tilaukseni on?",
        language_hint="fi",
    )


def test_an_edited_telegram_photo_keeps_its_id_and_takes_the_largest_size() -> None:
    (message,) = telegram.parse(fixture("telegram_photo_edit.json")).messages
    assert (message.message_id, message.is_edit, message.text) == ("52", True, "Kuitti")
    assert message.media == (
        InboundMedia(kind="image", file_id="AgACAgQAAxkBAAM0large", mime_type="image/jpeg"),
    )


def test_an_update_of_another_kind_carries_no_message() -> None:
    assert telegram.parse(b'{"update_id": 7, "my_chat_member": {}}').messages == []


@pytest.mark.parametrize("body", [b"", b"{", b"[]", b'{"entry": [{}]}', b'{"message": {}}'])
def test_malformed_bodies_are_refused(body: bytes) -> None:
    with pytest.raises(ProviderPayloadError):
        whatsapp.parse(body)
    with pytest.raises(ProviderPayloadError):
        telegram.parse(body)


def test_a_status_only_moves_forward() -> None:
    assert status_is_newer("sent", "read") is True
    assert status_is_newer("read", "delivered") is False
    assert status_is_newer("", "sent") is True
    assert status_is_newer("delivered", "failed") is True
