"""The phone desk in a real browser, under the site's Content Security Policy: opening a
ticket for a caller found by typing part of the name, logging a call on it, and two
agents on one ticket seeing each other within a heartbeat."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import Team, User
from cortesia.accounts.services import team_create, team_member_add
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.testing.fixtures import make_user
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import MessageData, TicketData, ticket_create

pytestmark = pytest.mark.e2e

# Collected inside each page: every inline handler or script the policy blocked.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI || "inline"}`);
});
"""


@pytest.fixture
def desk(transactional_db: None) -> Team:
    return team_create(
        name="Roma", languages=["it", "en"], time_zone="Europe/Rome", actor=Actor.system()
    )


def _agent(team: Team, username: str, first: str, last: str) -> User:
    user = make_user(username, first_name=first, last_name=last)
    team_member_add(team=team, user=user, actor=Actor.system())
    return user


@pytest.fixture
def giulia(transactional_db: None) -> Customer:
    return customer_create(
        data=CustomerData(
            given_name="Giulia", surname="Bianchi", country="IT", emails=["giulia@example.it"]
        ),
        actor=Actor.system(),
    )


def _signed_in(
    context: BrowserContext, page: Page, live_server: LiveServer, user: User
) -> list[str]:
    """Sign ``user`` in on ``context`` and return the list its page's problems go into."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    context.add_init_script(LISTEN)
    problems: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def _violations(page: Page) -> list[str]:
    return list(page.evaluate("window.__cspViolations || []"))


def test_an_agent_opens_a_phone_ticket_and_logs_a_call_on_it(
    desk: Team, giulia: Customer, page: Page, live_server: LiveServer
) -> None:
    alice = _agent(desk, "alice", "Alice", "Rossi")
    problems = _signed_in(page.context, page, live_server, alice)
    # Given the new ticket page, the caller found by typing part of her name
    page.goto("/tickets/new/")
    page.get_by_test_id("customer-query").press_sequentially("Bianc")
    choice = page.get_by_test_id("customer-choice")
    expect(choice).to_have_count(1)
    expect(choice).to_contain_text("Giulia Bianchi")
    choice.locator("input").check()
    # When the agent takes down the call and opens the ticket
    page.select_option("#id_team", label="Roma")
    page.locator("#id_subject").fill("Consegna in ritardo")
    page.locator("#id_body").fill("Il pacco non è ancora arrivato.")
    page.get_by_test_id("open-ticket").click()
    # Then the phone ticket's page shows what the caller said
    expect(page.get_by_test_id("conversation")).to_contain_text("Il pacco non è ancora arrivato.")
    ticket = Ticket.objects.get()
    assert (ticket.channel, ticket.customer_id) == ("phone", giulia.pk)
    expect(page).to_have_url(re.compile(rf"/tickets/{ticket.uid}/"))
    # When she logs the outbound call of 4:30 she made afterwards (two clicks and typing)
    page.get_by_test_id("log-call-open").click()
    page.get_by_test_id("call-direction-outbound").locator("input").check()
    page.locator("#call_duration").fill("4:30")
    page.get_by_test_id("call-form").locator("#call_body").fill("Richiamata: arriva domani.")
    page.get_by_test_id("call-save").click()
    # Then the conversation shows the call with its direction and length
    last = page.get_by_test_id("message").last
    expect(last.get_by_test_id("message-channel")).to_have_text("Outbound call")
    expect(last.get_by_test_id("call-length")).to_have_text("4:30")
    expect(last).to_contain_text("Richiamata: arriva domani.")
    assert _violations(page) == []
    assert problems == []


def test_two_agents_on_one_ticket_see_each_other_within_a_heartbeat(
    desk: Team, giulia: Customer, page: Page, live_server: LiveServer, settings: Any
) -> None:
    settings.CORTESIA_PRESENCE_HEARTBEAT_SECONDS = 1
    giulia_agent = _agent(desk, "giulia.b", "Giulia", "Bianchi")
    marco = _agent(desk, "marco", "Marco", "Esposito")
    ticket = ticket_create(
        data=TicketData(
            subject="Fattura",
            customer=giulia,
            team=desk,
            message=MessageData(body_text="Mi manca la fattura.", author_kind="customer"),
        ),
        actor=Actor.system(),
    )
    browser = page.context.browser
    assert browser is not None
    other_context = browser.new_context(base_url=live_server.url, locale="en-US")
    try:
        other = other_context.new_page()
        first_problems = _signed_in(page.context, page, live_server, giulia_agent)
        other_problems = _signed_in(other_context, other, live_server, marco)
        # Given Giulia and Marco on the same ticket
        page.goto(f"/tickets/{ticket.uid}/")
        other.goto(f"/tickets/{ticket.uid}/")
        # Then each sees the other viewing it, never themselves
        expect(page.get_by_test_id("presence")).to_have_text("Marco Esposito is viewing")
        expect(other.get_by_test_id("presence")).to_have_text("Giulia Bianchi is viewing")
        # When Marco types an answer, Giulia sees him typing
        other.get_by_test_id("composer").press_sequentially("Gentile cliente")
        expect(page.get_by_test_id("presence")).to_have_text("Marco Esposito is typing")
        other.close()
        assert _violations(page) == []
        assert first_problems == []
        assert other_problems == []
    finally:
        other_context.close()
