"""The webhook addresses: what the providers sign is kept once and answered at once;
anything else gets 401 and nothing is stored."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from cortesia.messaging.models import InboundDelivery, MessagingChannel
from cortesia.messaging.processing import deliveries_claim
from cortesia.messaging.providers import payloads
from cortesia.messaging.secrets import SEALER

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def whatsapp() -> MessagingChannel:
    return MessagingChannel.objects.create(
        kind="whatsapp",
        name="Shop WhatsApp",
        account="106540352242922",
        signing_secret_sealed=SEALER.seal(APP_SECRET),
        verify_token_sealed=SEALER.seal("verify-me"),
    )


@pytest.fixture
def telegram() -> MessagingChannel:
    return MessagingChannel.objects.create(
        kind="telegram", name="Shop bot", signing_secret_sealed=SEALER.seal("tg_Secret-1")
    )


def url(channel: MessagingChannel) -> str:
    return f"/messaging/webhooks/{channel.uid}"


APP_SECRET = "app-secret-1234"  # noqa: S105 - a test channel's secret


def signature(body: bytes, secret: str = APP_SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_a_signed_whatsapp_delivery_is_kept_once_however_often_it_comes(
    client: Client, whatsapp: MessagingChannel
) -> None:
    body = (FIXTURES / "whatsapp_text.json").read_bytes()
    headers = {"X-Hub-Signature-256": signature(body)}
    for _ in range(3):
        response = client.post(
            url(whatsapp), body, content_type="application/json", headers=headers
        )
        assert (response.status_code, response.json()) == (200, {"ok": True})
    delivery = InboundDelivery.objects.get()
    assert (bytes(delivery.body), delivery.state) == (body, "new")
    assert delivery.body_sha256 == hashlib.sha256(body).hexdigest()


@pytest.mark.parametrize(
    "header",
    ["", "sha256=00", signature(b"something else"), signature(b"x", "wrong-secret")],
)
def test_an_unsigned_or_missigned_delivery_gets_401_and_nothing_is_kept(
    client: Client, whatsapp: MessagingChannel, header: str
) -> None:
    body = (FIXTURES / "whatsapp_text.json").read_bytes()
    headers = {"X-Hub-Signature-256": header} if header else {}
    response = client.post(url(whatsapp), body, content_type="application/json", headers=headers)
    assert response.status_code == 401
    assert InboundDelivery.objects.count() == 0


def test_telegram_deliveries_need_the_secret_token(
    client: Client, telegram: MessagingChannel
) -> None:
    body = (FIXTURES / "telegram_text.json").read_bytes()
    refused = client.post(
        url(telegram),
        body,
        content_type="application/json",
        headers={"X-Telegram-Bot-Api-Secret-Token": "tg_Secret-2"},
    )
    kept = client.post(
        url(telegram),
        body,
        content_type="application/json",
        headers={"X-Telegram-Bot-Api-Secret-Token": "tg_Secret-1"},
    )
    assert (refused.status_code, kept.status_code) == (401, 200)
    assert InboundDelivery.objects.count() == 1


def test_the_whatsapp_subscription_echoes_the_challenge_only_for_our_token(
    client: Client, whatsapp: MessagingChannel
) -> None:
    query = "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token="
    ours = client.get(f"{url(whatsapp)}?{query}verify-me")
    assert (ours.status_code, ours.content) == (200, b"1158201444")
    assert client.get(f"{url(whatsapp)}?{query}guess").status_code == 403


def test_unknown_or_disabled_channels_answer_404(
    client: Client, whatsapp: MessagingChannel
) -> None:
    missing = client.post("/messaging/webhooks/not-a-uuid", b"{}", content_type="application/json")
    assert missing.status_code == 404
    whatsapp.is_enabled = False
    whatsapp.save()
    assert client.post(url(whatsapp), b"{}", content_type="application/json").status_code == 404
    assert InboundDelivery.objects.count() == 0


def test_one_processing_task_is_queued_for_deliveries_that_wait_together(
    client: Client,
    telegram: MessagingChannel,
    django_capture_on_commit_callbacks: Any,
) -> None:
    def update(number: int) -> bytes:
        return payloads.telegram_text(
            update_id=number, chat_id=42, first_name="Ion", text="Salut", message_id=number, date=1
        )

    def post(number: int) -> None:
        response = client.post(
            url(telegram),
            update(number),
            content_type="application/json",
            headers={"X-Telegram-Bot-Api-Secret-Token": "tg_Secret-1"},
        )
        assert response.status_code == 200

    with django_capture_on_commit_callbacks() as queued:
        post(1)  # nothing waits: a task is queued
        post(2)  # the first one waits, and its task will take this one too
        post(2)  # a replay: nothing stored, nothing queued
    assert len(queued) == 1
    assert InboundDelivery.objects.count() == 2

    deliveries_claim(timezone.now())  # a worker took both
    with django_capture_on_commit_callbacks() as queued:
        post(3)
    assert len(queued) == 1
