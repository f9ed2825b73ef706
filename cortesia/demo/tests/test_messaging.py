"""The demo's messaging channels: a WhatsApp number and a Telegram bot, each with a chat
that came in as the provider delivers it, routed to the team of its language."""

from __future__ import annotations

from pathlib import Path

import pytest

from cortesia.chat.models import Conversation
from cortesia.demo.dataset import load_demo
from cortesia.demo.messaging import load_demo_messaging
from cortesia.messaging.models import InboundDelivery, MessagingChannel, Thread

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_the_demo_channels_and_their_chats_are_loaded_once(data_dir: Path) -> None:
    load_demo(password="demo-password-123")

    assert list(MessagingChannel.objects.order_by("pk").values_list("kind", "team__name")) == [
        ("whatsapp", "București"),
        ("telegram", "София"),
    ]
    rows = list(
        Conversation.objects.exclude(medium="widget")
        .order_by("pk")
        .values_list("medium", "language", "status", "team__name", "ticket__customer__given_name")
    )
    assert rows == [
        ("whatsapp", "ro", "waiting", "București", "Ioana Dumitrescu"),
        ("telegram", "bg", "waiting", "София", "Димитър Стоянов"),
    ]
    assert list(InboundDelivery.objects.values_list("state", flat=True)) == ["done", "done"]
    assert Thread.objects.count() == 2
    assert load_demo_messaging() == 0
    assert MessagingChannel.objects.count() == 2
