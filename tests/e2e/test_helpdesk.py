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
        re.compile(r"^Gentile Signora Bianchi,\n\n\n\nCordiali saluti,\nMarco Esposito\nRoma$")
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
    page.wait_for_load_state()  # the page's scripts bind the keys once it has loaded
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
    page.select_option("#id_bulk-action", "assign_me")
    page.click("[data-testid=bulk-actions] button")
    expect(page.locator("[data-testid=bulk-tickets] li")).to_have_count(2)
    assert Ticket.objects.filter(assignee__isnull=False).count() == 0
    page.click("[data-testid=bulk-confirm]")
    expect(page.locator(".messages")).to_contain_text("Changed 2 tickets")
    assert set(Ticket.objects.values_list("assignee__username", flat=True)) == {"marco"}


def test_a_double_click_on_send_sends_one_reply(marco: User, page: Page) -> None:
    # given: the composer with words of the agent's own, on a slow network
    _sign_in(page)
    page.goto(f"/tickets/{Ticket.objects.get().uid}/")
    composer = page.locator("[data-testid=composer]")
    composer.fill(composer.input_value().replace("\n\n\n\n", "\n\nArriva domani.\n\n"))
    page.locator("[data-testid=send]").scroll_into_view_if_needed()
    box = page.locator("[data-testid=send]").bounding_box()
    assert box is not None
    posts: list[str] = []  # the form's posts; the presence heartbeat posts on its own
    page.on(
        "request",
        lambda request: (
            posts.append(request.url)
            if request.method == "POST" and not request.url.endswith("/presence/")
            else None
        ),
    )
    network = page.context.new_cdp_session(page)
    network.send("Network.enable")
    network.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 1500, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    # when: Send, and Send again while the first request is under way
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.click(x, y)
    page.wait_for_timeout(300)
    page.mouse.click(x, y)
    # then: the browser sent the form once; one reply is stored and shown
    expect(page.locator(".messages")).to_contain_text("Sent.", timeout=15_000)
    expect(page.locator("[data-testid=conversation] li")).to_have_count(2)
    assert len(posts) == 1
    ticket = Ticket.objects.get()
    assert (ticket.agent_reply_count, ticket.messages.count()) == (1, 2)
    expect(page.locator("[data-testid=send]")).to_be_enabled()  # a fresh composer


def test_an_untouched_composer_is_refused_with_a_message(marco: User, page: Page) -> None:
    _sign_in(page)
    page.goto(f"/tickets/{Ticket.objects.get().uid}/")
    page.click("[data-testid=send]")
    expect(page.locator("[role=alert]")).to_contain_text(
        "Write your reply: the greeting, the closing and the signature alone are not sent."
    )
    expect(page.locator("[data-testid=send]")).to_be_enabled()
    ticket = Ticket.objects.get()
    assert (ticket.agent_reply_count, ticket.first_response_at, ticket.messages.count()) == (
        0,
        None,
        1,
    )
