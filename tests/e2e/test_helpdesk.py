"""An agent answers an Italian customer from the inbox in a real browser."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.services import team_create, team_member_add
from cortesia.core.actor import Actor
from cortesia.customers.services import CustomerData, customer_create
from cortesia.sla.models import SlaPolicy
from cortesia.testing.fixtures import PASSWORD, make_user
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import MessageData, TicketData, ticket_create

pytestmark = pytest.mark.e2e


@pytest.fixture
def marco(transactional_db: None) -> User:
    team: Team = team_create(
        name="Roma", languages=["it"], time_zone="Europe/Rome", actor=Actor.system()
    )
    user = make_user("marco", Role.AGENT, first_name="Marco", last_name="Esposito")
    team_member_add(team=team, user=user, actor=Actor.system())
    SlaPolicy.objects.create(name="Fast", first_response_minutes=60, business_hours=False)
    giulia = customer_create(
        data=CustomerData(given_name="Giulia", surname="Bianchi", title="ms", country="IT"),
        actor=Actor.system(),
    )
    ticket_create(
        data=TicketData(
            subject="Il pacco non è arrivato",
            customer=giulia,
            team=team,
            created_at=timezone.now() - timedelta(minutes=30),
            message=MessageData(body_text="Il mio ordine non è arrivato.", author_kind="customer"),
        ),
        actor=Actor.system(),
    )
    return user


def test_agent_answers_with_the_prefilled_formal_greeting(marco: User, page: Page) -> None:
    page.goto("/login/")
    page.fill("#id_username", "marco")
    page.fill("#id_password", PASSWORD)
    page.click("[data-testid=login-submit]")
    page.goto("/tickets/?view=breaching")
    rows = page.locator("[data-testid=inbox-row]")
    expect(rows).to_have_count(1)
    rows.first.locator("a").click()

    composer = page.locator("[data-testid=composer]")
    expect(composer).to_have_value(
        re.compile(r"^Gentile Signora Bianchi,\n\n\n\nCordiali saluti,$")
    )
    text = composer.input_value().replace(
        "\n\n\n\n", "\n\nil pacco è in consegna e arriverà domani.\n\n"
    )
    composer.fill(text)
    page.click("[data-testid=send]")

    expect(page.locator("[data-testid=conversation] li")).to_have_count(2)
    expect(page.locator("[data-testid=conversation]")).to_contain_text(
        "il pacco è in consegna e arriverà domani."
    )
    page.goto("/tickets/?view=breaching")
    expect(page.locator("[data-testid=inbox-row]")).to_have_count(0)
    ticket = Ticket.objects.get()
    assert (ticket.status, ticket.agent_reply_count) == ("open", 1)


def _second_ticket(marco: User) -> Ticket:
    first = Ticket.objects.get()
    return ticket_create(
        data=TicketData(
            subject="Fattura sbagliata",
            customer=first.customer,
            team=first.team,
            created_at=timezone.now() - timedelta(minutes=10),
            message=MessageData(body_text="La fattura è sbagliata.", author_kind="customer"),
        ),
        actor=Actor.system(),
    )


def _sign_in(page: Page) -> None:
    page.goto("/login/")
    page.fill("#id_username", "marco")
    page.fill("#id_password", PASSWORD)
    page.click("[data-testid=login-submit]")


def test_keys_move_through_the_inbox_and_the_composer(marco: User, page: Page) -> None:
    second = _second_ticket(marco)
    _sign_in(page)
    page.goto("/tickets/?view=team")
    expect(page.locator("[data-testid=inbox-row]")).to_have_count(2)
    page.keyboard.press("j")  # the first (most urgent) ticket
    page.keyboard.press("o")
    expect(page.locator("h1")).to_contain_text("Il pacco non è arrivato")
    page.keyboard.press("n")
    expect(page.locator("#id_kind")).to_have_value("note")
    expect(page.locator("#id_body")).to_be_focused()
    page.keyboard.type("j")  # typing in the composer is text, not a shortcut
    expect(page.locator("h1")).to_contain_text("Il pacco non è arrivato")
    page.locator("h1").click()
    page.keyboard.press("j")  # next ticket of the view
    expect(page.locator("h1")).to_contain_text(f"#{second.number} Fattura sbagliata")
    page.keyboard.press("u")
    expect(page).to_have_url(re.compile(r"/tickets/\?view=team$"))


def test_bulk_assign_after_one_confirmation(marco: User, page: Page) -> None:
    _second_ticket(marco)
    _sign_in(page)
    page.goto("/tickets/?view=team")
    for box in page.locator("[data-testid=inbox-row] input[type=checkbox]").all():
        box.check()
    page.select_option("#id_action", "assign_me")
    page.click("[data-testid=bulk-actions] button")
    expect(page.locator("[data-testid=bulk-tickets] li")).to_have_count(2)
    assert Ticket.objects.filter(assignee__isnull=False).count() == 0
    page.click("[data-testid=bulk-confirm]")
    expect(page.locator(".messages")).to_contain_text("Changed 2 tickets")
    assert set(Ticket.objects.values_list("assignee__username", flat=True)) == {"marco"}
