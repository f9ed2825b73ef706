"""The answer bot on WhatsApp: the customer's question is answered from the articles and
the answer goes out through the outbox with its numbered choices; a "3" hands the chat to
the team, and the agents' replies go out as before."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, TestCase

from cortesia.accounts.models import Role
from cortesia.chat.models import Conversation
from cortesia.core.actor import Actor
from cortesia.knowledge.models import ArticleTranslation
from cortesia.knowledge.services import (
    ArticleData,
    TranslationData,
    article_create,
    category_create,
    section_create,
    translation_publish,
)
from cortesia.messaging.models import MessagingChannel, OutboundMessage
from cortesia.messaging.outbox import outbox_send
from cortesia.messaging.processing import deliveries_process
from cortesia.messaging.tests.deliveries import WA_ID, deliver_whatsapp, wa_text
from cortesia.testing.fake_providers import FakeProviders
from cortesia.testing.fixtures import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def returns_article(db: None) -> ArticleTranslation:
    editor = Actor(make_user("ed", role=Role.MANAGER))
    section = section_create(
        category=category_create(names={"en": "Help"}, actor=editor),
        names={"en": "Returns"},
        actor=editor,
    )
    article = article_create(
        data=ArticleData(section=section, source_language="en"),
        first=TranslationData(
            "en",
            "How to return an item",
            "You can return an item within 30 days.\n\n## Printing the return label\n\n"
            "Open the order in your account, choose Return and print the prepaid label.",
        ),
        actor=editor,
    )
    return translation_publish(
        translation=ArticleTranslation.objects.get(article=article), actor=editor
    )


def test_the_bot_answers_on_whatsapp_and_a_three_hands_over(
    client: Client,
    whatsapp: MessagingChannel,
    fake: FakeProviders,
    returns_article: ArticleTranslation,
) -> None:
    MessagingChannel.objects.filter(pk=whatsapp.pk).update(answer_bot=True)
    deliver_whatsapp(
        client, whatsapp, wa_text("Hello, how do I print the return label for my order please?")
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        deliveries_process()
    conversation = Conversation.objects.get()
    assert (conversation.status, conversation.language) == ("bot", "en")
    assert outbox_send() == 0  # the outbox's task sent it once the answer committed
    sent = fake.requests[-1].json
    assert sent is not None
    body = sent["text"]["body"]
    url = f"{settings.BASE_URL}/help/en/{returns_article.slug}"
    assert body == (
        "Here is what our help centre says:\n\n"
        "Printing the return label\n"
        "Open the order in your account, choose Return and print the prepaid label.\n\n"
        f"The whole article: {url}\n\n"
        "Did this answer the question?\n1 · Yes, that answers it\n2 · No\n3 · Talk to a person"
    )
    assert sent["to"] == WA_ID

    deliver_whatsapp(client, whatsapp, wa_text("3", message_id="wamid.IN2", at=1_796_000_100))
    with TestCase.captureOnCommitCallbacks(execute=True):
        deliveries_process()
    conversation.refresh_from_db()
    assert conversation.status == "waiting"
    assert outbox_send() == 0
    handed = fake.requests[-1].json
    assert handed is not None
    assert handed["text"]["body"] == "A person from our team will answer here shortly."
    assert OutboundMessage.objects.filter(state="sent").count() == 2
