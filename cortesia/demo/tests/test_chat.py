"""The demo's live chat: a site the demo's own pages may embed, and three conversations
routed to the teams that speak their language."""

from __future__ import annotations

from pathlib import Path

import pytest

from cortesia.chat.models import AgentPresence, ChatEvent, Conversation, WidgetSite
from cortesia.demo.chat import load_demo_chat
from cortesia.demo.dataset import load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_the_demo_chat_site_and_conversations_are_loaded_once(data_dir: Path) -> None:
    load_demo(password="demo-password-123")

    site = WidgetSite.objects.get()
    assert site.allowed_origins == ["http://127.0.0.1:8000", "http://localhost:8000"]
    rows = list(
        Conversation.objects.filter(medium="widget")
        .order_by("pk")
        .values_list("language", "status", "team__name", "assignee__username", "ticket__channel")
    )
    assert rows == [
        ("it", "waiting", "Roma", None, "chat"),
        ("ar", "active", "الرياض", "omar", "chat"),
        ("fi", "ended", "Helsinki", "aino", "chat"),
    ]
    assert ChatEvent.objects.filter(kind="message", conversation__medium="widget").count() == 7
    assert AgentPresence.objects.filter(user__username="marco", chat_limit=3).exists()
    assert load_demo_chat() == 0
    assert Conversation.objects.filter(medium="widget").count() == 3
