"""Live chat in real browsers: a visitor on a shop page writes in Italian, an agent answers
from the console, and the visitor sees the answer arrive without reloading; an Arabic
visitor gets the widget right to left. The stream server is the real one, on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import LazySettings
from playwright.sync_api import BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import Team, User
from cortesia.chat.models import ChatEvent, Conversation, WidgetSite
from cortesia.testing.streams import stream_server
from tests.e2e.accessibility import accessibility_problems
from tests.e2e.conftest import TIMEOUT_MS
from tests.e2e.staff_session import LISTEN, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shop(live_server: LiveServer, settings: LazySettings, team_rome: Team) -> Iterator[WidgetSite]:
    """A site that allows the live server's pages, with the stream server running."""
    with stream_server() as streams:
        settings.STREAM_URL = f"http://127.0.0.1:{streams.port}"
        yield WidgetSite.objects.create(
            name="Bottega", allowed_origins=[live_server.url], default_language="en", team=team_rome
        )


def visitor_page(page: Page, live_server: LiveServer, locale: str) -> tuple[BrowserContext, Page]:
    browser = page.context.browser
    assert browser is not None
    context = browser.new_context(base_url=live_server.url, locale=locale)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(LISTEN)
    return context, context.new_page()


def test_an_italian_visitor_and_an_agent_chat_live(
    page: Page, live_server: LiveServer, shop: WidgetSite, alice: User
) -> None:
    # Given a visitor whose browser speaks Italian, on the shop's page
    context, visitor = visitor_page(page, live_server, "it-IT")
    visitor.goto("/chat/demo/")
    visitor.get_by_role("button", name="Chat con l'assistenza").click()
    panel = visitor.get_by_role("dialog")
    expect(panel).to_have_attribute("lang", "it")
    # When they write their first message (a double press sends it once)
    panel.get_by_label("Nome", exact=True).fill("Giovanna De Luca")
    panel.get_by_label("Messaggio", exact=True).fill("Buongiorno, il mio ordine è in ritardo")
    panel.get_by_role("button", name="Inizia la chat").dblclick()
    expect(panel.locator(".message.mine .text")).to_have_text(
        ["Buongiorno, il mio ordine è in ritardo"]
    )
    # Then the agent finds the chat in the console and answers it
    problems = signed_in(page, live_server, alice)
    page.goto("/chat/")
    page.get_by_role("button", name="Giovanna De Luca").click()
    expect(page.locator(".chat-message.is-visitor p")).to_have_text(
        "Buongiorno, il mio ordine è in ritardo"
    )
    page.get_by_label("Reply").fill("Buongiorno Giovanna, controllo subito.")
    page.get_by_label("Reply").press("Enter")
    # And the visitor sees the answer arrive, with the agent's first name only
    expect(panel.locator(".message.theirs .text")).to_have_text(
        "Buongiorno Giovanna, controllo subito."
    )
    expect(panel.locator(".message.theirs .who")).to_have_text("Alice")
    # And the visitor's next message reaches the open console live
    panel.get_by_label("Messaggio", exact=True).fill("Grazie mille!")
    panel.get_by_role("button", name="Invia").click()
    expect(page.locator(".chat-message.is-visitor p")).to_have_text(
        ["Buongiorno, il mio ordine è in ritardo", "Grazie mille!"]
    )
    conversation = Conversation.objects.get()
    assert (conversation.status, conversation.assignee_id) == ("active", alice.pk)
    assert ChatEvent.objects.filter(kind="message").count() == 3
    assert problems == []
    assert page.evaluate("window.__cspViolations") == []
    assert visitor.evaluate("window.__cspViolations") == []
    assert accessibility_problems(visitor) == []
    context.close()


def test_an_arabic_visitor_gets_the_widget_right_to_left(
    page: Page, live_server: LiveServer, shop: WidgetSite
) -> None:
    context, visitor = visitor_page(page, live_server, "ar-SA")
    visitor.set_viewport_size({"width": 1200, "height": 800})
    visitor.goto("/chat/demo/")
    launcher = visitor.get_by_role("button", name="الدردشة معنا")
    launcher.click()
    panel = visitor.get_by_role("dialog")
    expect(panel).to_have_attribute("dir", "rtl")
    expect(panel.get_by_role("button", name="بدء المحادثة")).to_be_visible()
    box = panel.bounding_box()
    assert box is not None
    assert box["x"] < 600  # the inline end of a right-to-left page is its left side
    assert visitor.evaluate("window.__cspViolations") == []
    assert accessibility_problems(visitor) == []
    context.close()
