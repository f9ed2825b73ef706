"""Mail tools in a real browser: a reply copied to the ticket's Cc, forwarding a ticket,
and the customer page's profile and timeline."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from playwright.sync_api import ConsoleMessage, Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import Team, User
from cortesia.accounts.services import team_create, team_member_add
from cortesia.core.actor import Actor
from cortesia.customers.custom_fields import CustomFieldData, custom_field_create
from cortesia.customers.services import CustomerData, customer_update
from cortesia.mail.inbound import mail_ingest
from cortesia.mail.mailboxes import mailbox_create
from cortesia.mail.models import InboundMail
from cortesia.testing.fixtures import make_user
from cortesia.tickets.models import Ticket

pytestmark = pytest.mark.e2e

RAW = (
    b"From: Giulia Rossi <giulia@example.it>\r\nTo: support@shop.example\r\n"
    b"Cc: marco@example.it\r\nSubject: Occhiali rotti\r\nMessage-ID: <e2e-1@example.it>\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
    b"Buongiorno, gli occhiali sono arrivati rotti. Potete sostituirli?"
)


@pytest.fixture
def rome(transactional_db: None) -> Team:
    return team_create(
        name="Roma", languages=["it", "en"], time_zone="Europe/Rome", actor=Actor.system()
    )


@pytest.fixture
def alice(rome: Team) -> User:
    user = make_user("alice", first_name="Alice", last_name="Rossi")
    team_member_add(team=rome, user=user, actor=Actor.system())
    return user


@pytest.fixture
def ticket(rome: Team, alice: User) -> Ticket:
    support = mailbox_create(
        name="support", address="support@shop.example", team=rome, actor=Actor.system()
    )
    found = mail_ingest(mailbox=support, raw=RAW, source=InboundMail.Source.PIPE).mail.ticket
    assert found is not None
    mail.outbox.clear()  # the acknowledgement
    return found


def _signed_in(page: Page, live_server: LiveServer, user: User) -> list[str]:
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    problems: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def test_a_reply_goes_to_the_copied_address(
    ticket: Ticket, alice: User, page: Page, live_server: LiveServer
) -> None:
    problems = _signed_in(page, live_server, alice)
    page.goto(f"/tickets/{ticket.uid}/")
    expect(page.get_by_test_id("composer-cc")).to_have_value("marco@example.it")
    page.get_by_test_id("composer").fill("Li sostituiamo subito.")
    page.get_by_test_id("send").click()
    expect(page.get_by_test_id("message-cc").last).to_contain_text("marco@example.it")
    [sent] = mail.outbox
    assert (sent.to, sent.cc) == (["giulia@example.it"], ["marco@example.it"])
    assert problems == []


def test_an_agent_forwards_the_ticket(
    ticket: Ticket, alice: User, page: Page, live_server: LiveServer
) -> None:
    problems = _signed_in(page, live_server, alice)
    page.goto(f"/tickets/{ticket.uid}/")
    page.get_by_test_id("forward-link").click()
    page.get_by_test_id("forward-to").fill("fornitore@example.com")
    page.get_by_test_id("forward-note").fill("Potete sostituirli?")
    page.get_by_test_id("forward-send").click()
    expect(page).to_have_url(f"{live_server.url}/tickets/{ticket.uid}/")
    expect(page.get_by_test_id("conversation")).to_contain_text(
        "Forwarded to fornitore@example.com."
    )
    [sent] = mail.outbox
    assert sent.to == ["fornitore@example.com"]
    assert sent.subject == f"Fwd: [#{ticket.number}] Occhiali rotti"
    assert "gli occhiali sono arrivati rotti" in str(sent.body)
    assert problems == []


def test_the_customer_page_shows_custom_fields_and_links_the_ticket(
    ticket: Ticket, alice: User, page: Page, live_server: LiveServer
) -> None:
    custom_field_create(
        data=CustomFieldData(key="points", label="Loyalty points", field_type="number"),
        actor=Actor.system(),
    )
    customer_update(
        customer=ticket.customer,
        data=CustomerData(custom_fields={"points": 12500}),
        expected_version=None,
        actor=Actor.system(),
    )
    problems = _signed_in(page, live_server, alice)
    page.goto(f"/customers/{ticket.customer.uid}/")
    profile = page.get_by_test_id("customer-profile")
    expect(profile).to_contain_text("Loyalty points")
    expect(profile.get_by_test_id("custom-field")).to_have_text("12,500")
    entry = page.locator('[data-testid="timeline-entry"][data-kind="message"]').first
    expect(entry).to_contain_text("gli occhiali sono arrivati rotti")
    entry.get_by_test_id("timeline-ticket").click()
    expect(page.get_by_test_id("ticket-summary")).to_be_visible()
    assert page.url.startswith(f"{live_server.url}/tickets/{ticket.uid}/")
    assert problems == []
