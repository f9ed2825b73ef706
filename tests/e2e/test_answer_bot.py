"""The answer bot in real browsers: a Romanian visitor asks in the widget, gets the passage
of the returns article with its link and three choices, asks for a person with a double
click (sent once), and the agent finds the chat in the console with the whole exchange
and the bot's note of what was tried."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import LazySettings
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import Role
from cortesia.accounts.services import team_create, team_member_add
from cortesia.chat.models import ChatEvent, Conversation, WidgetSite
from cortesia.core.actor import Actor
from cortesia.demo.knowledge_articles import ARTICLES
from cortesia.knowledge.models import ArticleTranslation, BotSession
from cortesia.knowledge.services import (
    ArticleData,
    TranslationData,
    article_create,
    category_create,
    section_create,
    translation_publish,
)
from cortesia.testing.fixtures import make_user
from cortesia.testing.streams import stream_server
from tests.e2e.accessibility import accessibility_problems
from tests.e2e.staff_session import signed_in
from tests.e2e.test_chat import visitor_page

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

QUESTION = "unde gasesc eticheta de retur pentru colet?"


@pytest.fixture
def bot_shop(live_server: LiveServer, settings: LazySettings) -> Iterator[WidgetSite]:
    """A Romanian team without a calendar (never closed), the returns article in Romanian,
    and a site with the answer bot that allows the live server's pages."""
    editor = Actor(make_user("editor", role=Role.MANAGER))
    category = category_create(names={"ro": "Retururi"}, actor=editor)
    section = section_create(category=category, names={"ro": "Returnare"}, actor=editor)
    for key in ("returns-how", "refund-timing", "exchange-size"):
        spec = next(spec for spec in ARTICLES if spec.key == key)
        title, body = spec.texts["ro"]
        article = article_create(
            data=ArticleData(section=section, source_language="ro"),
            first=TranslationData("ro", title, body),
            actor=editor,
        )
        translation_publish(
            translation=ArticleTranslation.objects.get(article=article), actor=editor
        )
    team = team_create(
        name="București", languages=["ro"], time_zone="Europe/Bucharest", actor=Actor.system()
    )
    settings.BASE_URL = live_server.url  # the bot's links are absolute
    with stream_server() as streams:
        settings.STREAM_URL = f"http://127.0.0.1:{streams.port}"
        yield WidgetSite.objects.create(
            name="Bottega",
            allowed_origins=[live_server.url],
            default_language="en",
            team=team,
            answer_bot=True,
        )


def test_a_romanian_visitor_gets_a_bot_answer_then_a_person(
    page: Page, live_server: LiveServer, bot_shop: WidgetSite
) -> None:
    # Given a visitor whose browser speaks Romanian, on a shop with the answer bot
    context, visitor = visitor_page(page, live_server, "ro-RO")
    visitor.goto("/chat/demo/")
    visitor.get_by_role("button", name="Chat cu noi").click()
    panel = visitor.get_by_role("dialog")
    expect(panel).to_have_attribute("lang", "ro")
    # When they ask where the return label is
    panel.get_by_label("Nume", exact=True).fill("Ioana Popescu")
    panel.get_by_label("Mesaj", exact=True).fill(QUESTION)
    # (articles that may answer are suggested as they type)
    expect(panel.locator(".suggest-list a").first).to_have_text("Cum returnez un produs?")
    panel.get_by_role("button", name="Începeți chatul").click()
    # Then the bot shows the returns article's passage, its link and three choices
    answer = panel.locator(".message.bot").first
    expect(answer.locator(".who")).to_have_text("Asistent")
    expect(answer.locator(".text")).to_contain_text("Iată ce spune centrul nostru de ajutor:")
    expect(answer.get_by_role("link", name="Cum returnez un produs?")).to_have_attribute(
        "href", f"{live_server.url}/help/ro/cum-returnez-un-produs"
    )
    choices = panel.locator(".choices .choice")
    expect(choices).to_have_text(["Da, m-am lămurit", "Nu", "Vreau să vorbesc cu o persoană"])
    # When they ask for a person with a double click
    panel.get_by_role("button", name="Vreau să vorbesc cu o persoană").dblclick()
    # Then it is sent once, and the bot says a person will answer
    expect(panel.locator(".message.mine .text")).to_have_text(
        [QUESTION, "Vreau să vorbesc cu o persoană"]
    )
    expect(panel.locator(".message.bot .text").last).to_have_text(
        "O persoană din echipa noastră vă va răspunde aici în curând."
    )
    conversation = Conversation.objects.get()
    assert conversation.status == "waiting"
    assert BotSession.objects.get().outcome == "handed_over"
    # And an agent of the team finds the chat in the console with the whole exchange
    mihai = make_user("mihai", first_name="Mihai", last_name="Ionescu")
    assert bot_shop.team is not None
    team_member_add(team=bot_shop.team, user=mihai, actor=Actor.system())
    problems = signed_in(page, live_server, mihai)
    page.goto("/chat/")
    page.get_by_role("button", name="Ioana Popescu").click()
    expect(page.locator(".chat-message.is-visitor p")).to_have_text(
        [QUESTION, "Vreau să vorbesc cu o persoană"]
    )
    expect(page.locator(".chat-message.is-system .chat-who").first).to_have_text("Answer bot")
    note = page.locator(".chat-message.is-note p")
    expect(note).to_contain_text(f"„{QUESTION}”")
    assert ChatEvent.objects.filter(kind="message", payload__author="visitor").count() == 2
    assert problems == []
    assert page.evaluate("window.__cspViolations") == []
    assert visitor.evaluate("window.__cspViolations") == []
    assert accessibility_problems(visitor) == []
    context.close()
