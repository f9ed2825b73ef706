"""The demo's live chat: a site the demo's own pages may embed, and three conversations
routed to the teams that speak their language."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import TestCase

from cortesia.chat.models import AgentPresence, ChatEvent, Conversation, WidgetSite
from cortesia.demo.chat import load_demo_chat
from cortesia.demo.dataset import load_demo
from cortesia.knowledge.models import BotSession

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_the_demo_chat_site_and_conversations_are_loaded_once(data_dir: Path) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):  # the bot answers after commits
        load_demo(password="demo-password-123")

    sites = list(
        WidgetSite.objects.order_by("pk").values_list("name", "answer_bot", "allowed_origins")
    )
    origins = ["http://127.0.0.1:8000", "http://localhost:8000"]
    assert sites == [
        ("Bottega Cortesia", False, origins),
        ("Bottega Cortesia · answer bot", True, origins),
    ]
    rows = list(
        Conversation.objects.filter(medium="widget", site__answer_bot=False)
        .order_by("pk")
        .values_list("language", "status", "team__name", "assignee__username", "ticket__channel")
    )
    assert rows == [
        ("it", "waiting", "Roma", None, "chat"),
        ("ar", "active", "الرياض", "omar", "chat"),
        ("fi", "ended", "Helsinki", "aino", "chat"),
    ]
    assert ChatEvent.objects.filter(kind="message", conversation__medium="widget").count() == 11
    assert AgentPresence.objects.filter(user__username="marco", chat_limit=3).exists()
    assert load_demo_chat() == 0
    assert Conversation.objects.filter(medium="widget").count() == 4


def test_the_demo_bot_chat_answers_in_romanian_then_waits_for_a_person(data_dir: Path) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):  # the bot answers after commits
        load_demo(password="demo-password-123")
    conversation = Conversation.objects.select_related("team").get(site__answer_bot=True)
    assert conversation.team is not None
    assert (conversation.language, conversation.status, conversation.team.name) == (
        "ro",
        "waiting",
        "București",
    )
    said = [
        (event.payload["author"], event.payload.get("bot", False))
        for event in ChatEvent.objects.filter(conversation=conversation, kind="message").order_by(
            "id"
        )
    ]
    assert said == [("visitor", False), ("system", True), ("visitor", False), ("system", True)]
    session = BotSession.objects.get()
    assert session.outcome == "handed_over"
    reply = session.replies.get()
    assert reply.translation is not None
    assert (reply.answered, reply.translation.title) == (True, "Cum returnez un produs?")
