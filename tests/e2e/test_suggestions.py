"""A customer writing in Italian sees articles suggested under the subject of a new
request, opens one in a new tab and leaves without sending: the open is recorded and
counted as a deflected request. An agent inserts the link of an article's Italian version
into a reply. All under our content security policy, without console errors."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import ConsoleMessage, Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.services import team_create, team_member_add
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.knowledge.deflection import DeflectionRate, deflection_rate
from cortesia.knowledge.models import SuggestionOpen
from cortesia.knowledge.tests.corpus import corpus_build
from cortesia.portal.links import link_issue
from cortesia.testing.fixtures import make_user
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import MessageData, TicketData, ticket_create
from tests.e2e.staff_session import LISTEN, csp_violations, signed_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def giulia(transactional_db: None, settings: object, tmp_path: Path) -> Customer:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    corpus_build()
    return customer_create(
        data=CustomerData(given_name="Giulia", language="it", emails=["giulia@example.it"]),
        actor=Actor.system(),
    )


def watched(page: Page, problems: list[str]) -> Page:
    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return page


def test_a_customer_opens_a_suggested_article_and_does_not_ask(
    giulia: Customer, page: Page, live_server: LiveServer
) -> None:
    problems: list[str] = []
    page.context.add_init_script(LISTEN)
    watched(page, problems)
    # Given Giulia signed in to the portal through her link
    page.goto(f"/portal/sign-in/{link_issue(customer=giulia, address='giulia@example.it').token}/")
    page.click("[data-testid=portal-confirm]")
    expect(page.locator("html")).to_have_attribute("lang", "it")

    # When she types the subject of a new request
    page.goto("/portal/requests/new/")
    panel = page.locator("[data-testid=suggestions]")
    expect(panel).to_be_hidden()
    subject = page.locator("[data-testid=portal-subject]")
    subject.press_sequentially("sp", delay=30)
    page.wait_for_timeout(400)
    expect(panel).to_be_hidden()  # under three characters nothing is asked
    subject.press_sequentially("edizi", delay=30)

    # Then articles in Italian are suggested, announced and reachable by keyboard
    suggestion = page.locator("[data-testid=suggestion]")
    expect(suggestion).to_have_count(1)
    expect(suggestion).to_contain_text("Spedizione e tempi di consegna")
    expect(page.locator("[data-testid=suggestions-status]")).not_to_be_empty()
    subject.press("ArrowDown")
    expect(suggestion).to_be_focused()

    # When she opens it: the help centre shows it in a new tab
    with page.context.expect_page() as opened:
        page.keyboard.press("Enter")
    article = watched(opened.value, problems)
    article.wait_for_load_state()
    assert article.url == f"{live_server.url}/help/it/spedizione-e-tempi-di-consegna"
    expect(article.locator("h1")).to_contain_text("Spedizione e tempi di consegna")
    assert csp_violations(article) == []
    article.close()

    # And she leaves without sending her request
    assert csp_violations(page) == []
    page.goto("/portal/")

    row = SuggestionOpen.objects.get()
    assert (row.place, row.language, row.typed, row.request_at) == (
        "portal",
        "it",
        "spedizi",
        None,
    )
    now = timezone.now()
    assert deflection_rate(since=now - timedelta(hours=1), until=now) == DeflectionRate(1, 1, 1.0)
    assert problems == []


def test_an_agent_inserts_the_link_of_the_customers_language_version(
    page: Page, live_server: LiveServer, transactional_db: None
) -> None:
    corpus_build()
    team = team_create(
        name="Roma", languages=["it", "en"], time_zone="Europe/Rome", actor=Actor.system()
    )
    alice = make_user("alice")
    team_member_add(team=team, user=alice, actor=Actor.system())
    giulia = customer_create(
        data=CustomerData(given_name="Giulia", language="it", emails=["giulia@example.it"]),
        actor=Actor.system(),
    )
    ticket = ticket_create(
        data=TicketData(
            subject="Return",
            customer=giulia,
            team=team,
            language="en",
            channel=Ticket.Channel.WEB,
            message=MessageData(body_text="How do I return an item?", author_kind="customer"),
        ),
        actor=Actor.system(),
    )
    problems = signed_in(page, live_server, alice)
    page.goto(f"/tickets/{ticket.uid}/")
    panel = page.locator("[data-testid=suggested-articles]")
    expect(panel.locator("[data-testid=suggested-article]")).to_have_count(1)
    expect(panel).to_contain_text("Come restituire un articolo")
    page.fill("[data-testid=reply-form] textarea[name=body]", "Ciao Giulia, ecco come fare:")
    panel.locator("[data-testid=insert-article-link]").click()
    expect(page.locator("[data-testid=reply-form] textarea[name=body]")).to_have_value(
        f"Ciao Giulia, ecco come fare: {settings.BASE_URL}/help/it/come-restituire-un-articolo"
    )
    assert csp_violations(page) == []
    assert problems == []
