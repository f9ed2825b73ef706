"""The ticket page as people see it: the canned response picker's row and the notices."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.services import team_create, team_member_add
from cortesia.core.actor import Actor
from cortesia.customers.services import CustomerData, customer_create
from cortesia.testing.fixtures import make_user
from cortesia.tickets.canned import VariantData, canned_save
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import (
    MessageData,
    TicketChanges,
    TicketData,
    message_add,
    ticket_create,
    ticket_update,
)
from tests.e2e.accessibility import accessibility_problems

pytestmark = pytest.mark.e2e


def _ticket(team: Team) -> Ticket:
    giulia = customer_create(
        data=CustomerData(given_name="Giulia", surname="Bianchi", title="ms", country="IT"),
        actor=Actor.system(),
    )
    return ticket_create(
        data=TicketData(
            subject="Il pacco non è arrivato",
            customer=giulia,
            team=team,
            message=MessageData(body_text="Il mio ordine non è arrivato.", author_kind="customer"),
        ),
        actor=Actor.system(),
    )


def _signed_in(page: Page, live_server: LiveServer, language: str) -> tuple[User, Team]:
    team = team_create(name="Roma", languages=["it"], time_zone="Europe/Rome", actor=Actor.system())
    admin = make_user("ada", Role.ADMIN, language=language)
    team_member_add(team=team, user=admin, actor=Actor.system())
    client = Client()
    client.force_login(admin)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return admin, team


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_the_canned_response_picker_is_one_row_at_the_inline_start(
    transactional_db: None, page: Page, live_server: LiveServer, language: str, direction: str
) -> None:
    admin, team = _signed_in(page, live_server, language)
    canned_save(
        response=None,
        name="Spedizione",
        variants=[VariantData(language="it", body="Il pacco arriva domani.")],
        actor=Actor(user=admin),
    )
    page.goto(f"/tickets/{_ticket(team).uid}/")
    assert page.locator("html").get_attribute("dir") == direction
    boxes = [
        page.locator(selector).bounding_box()
        for selector in (
            "label[for=canned-select]",
            "[data-testid=canned-select]",
            "[data-testid=canned-insert]",
        )
    ]
    form = page.locator("[data-testid=reply-form] h2").bounding_box()
    assert None not in boxes
    assert form is not None
    label, select, button = [box for box in boxes if box is not None]
    # One row: every part's middle lies within the list's height.
    for part in (label, button):
        middle = part["y"] + part["height"] / 2
        assert select["y"] <= middle <= select["y"] + select["height"], (part, select)
    # In reading order from the inline start, where the heading starts.
    if direction == "ltr":
        assert label["x"] + label["width"] <= select["x"] < button["x"]
        assert abs(label["x"] - form["x"]) <= 1, (label, form)
    else:
        assert label["x"] >= select["x"] + select["width"] > button["x"] + button["width"]
        assert abs(label["x"] + label["width"] - form["x"] - form["width"]) <= 1, (label, form)


def test_a_reply_sent_without_its_status_is_a_warning_not_a_success(
    transactional_db: None, page: Page, live_server: LiveServer
) -> None:
    admin, team = _signed_in(page, live_server, "en")
    ticket = _ticket(team)
    # The page's own requests after loading (bell, presence, macros) end before the test
    # writes: the test database takes one writer at a time.
    page.goto(f"/tickets/{ticket.uid}/", wait_until="networkidle")
    ticket_update(  # someone else puts it on hold while the page is open
        ticket=ticket,
        changes=TicketChanges(status="on_hold"),
        expected_version=None,
        actor=Actor.system(),
    )
    page.locator("[data-testid=composer]").fill("Gentile Signora Bianchi, arriva domani.")
    page.select_option("#id_status", "solved")
    page.click("[data-testid=send]")
    notice = page.locator(".messages li")
    expect(notice).to_have_count(1)
    expect(notice).to_have_class("message warning")
    expect(notice).to_have_text(
        "Sent, but the status was left as it was: "
        "Someone else changed status of this ticket. Reload and try again."
    )
    mark = notice.evaluate("li => getComputedStyle(li, '::before').content")
    background = notice.evaluate("li => getComputedStyle(li).backgroundColor")
    border = notice.evaluate("li => getComputedStyle(li).borderInlineStartWidth")
    assert (mark, background, border) == ('"⚠︎" / ""', "rgb(255, 250, 235)", "4px")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_subject_of_one_long_word_wraps_instead_of_widening_the_page(
    page: Page, live_server: LiveServer, language: str
) -> None:
    _admin, team = _signed_in(page, live_server, language)
    ticket = _ticket(team)
    Ticket.objects.filter(pk=ticket.pk).update(subject="x" * 300)
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(f"{live_server.url}/tickets/{ticket.uid}/")
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]
    page.goto(f"{live_server.url}/tickets/?view=all")
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]


def _long_conversation(ticket: Ticket, agent: User) -> None:
    """Twelve more messages, so the conversation is taller than any screen."""
    for number in range(12):
        message_add(
            ticket=ticket,
            data=MessageData(
                body_text=f"Messaggio {number}\n\n" + "Riga di testo.\n" * 4,
                kind="note" if number % 3 else "reply",
            ),
            actor=Actor(user=agent),
        )


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_the_composer_is_on_screen_at_1366_by_768_and_the_panel_at_the_inline_end(
    transactional_db: None, page: Page, live_server: LiveServer, language: str, direction: str
) -> None:
    # Given a ticket with a conversation taller than the screen
    admin, team = _signed_in(page, live_server, language)
    ticket = _ticket(team)
    _long_conversation(ticket, admin)
    # When it is opened on a 1366×768 screen
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"/tickets/{ticket.uid}/")
    # Then the whole text area of the composer is on screen without scrolling
    assert page.locator("html").get_attribute("dir") == direction
    assert page.evaluate("window.scrollY") == 0
    composer = page.locator("[data-testid=composer]").bounding_box()
    assert composer is not None
    assert composer["y"] >= 0, composer
    assert composer["y"] + composer["height"] <= 768, composer
    # And the conversation opens at its newest message
    expect(page.locator("[data-testid=message]").last).to_be_in_viewport()
    # And the side panel stands at the inline end of the conversation
    main = page.locator(".ticket-main").bounding_box()
    panel = page.locator("[data-testid=ticket-panel]").bounding_box()
    assert main is not None
    assert panel is not None
    if direction == "ltr":
        assert panel["x"] >= main["x"] + main["width"]
    else:
        assert panel["x"] + panel["width"] <= main["x"]
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]


def test_at_a_narrow_width_the_panel_goes_below_the_conversation(
    transactional_db: None, page: Page, live_server: LiveServer
) -> None:
    _admin, team = _signed_in(page, live_server, "en")
    ticket = _ticket(team)
    page.set_viewport_size({"width": 600, "height": 900})
    page.goto(f"/tickets/{ticket.uid}/")
    form = page.locator("[data-testid=reply-form]").bounding_box()
    panel = page.locator("[data-testid=ticket-panel]").bounding_box()
    assert form is not None
    assert panel is not None
    assert panel["y"] >= form["y"] + form["height"]
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]


def test_a_priority_changed_in_the_side_panel_stays_after_a_reload(
    transactional_db: None, page: Page, live_server: LiveServer
) -> None:
    _admin, team = _signed_in(page, live_server, "en")
    ticket = _ticket(team)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"/tickets/{ticket.uid}/")
    page.select_option("#id_ticket-priority", "urgent")
    page.click("[data-testid=save-properties]")
    expect(page.locator(".messages li")).to_have_text("Saved.")
    page.reload()
    expect(page.locator("#id_ticket-priority")).to_have_value("urgent")
    ticket.refresh_from_db()
    assert (ticket.priority, ticket.version) == ("urgent", 2)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_workspace_passes_the_accessibility_rules_with_its_history_open(
    transactional_db: None, page: Page, live_server: LiveServer, language: str
) -> None:
    admin, team = _signed_in(page, live_server, language)
    ticket = _ticket(team)
    _long_conversation(ticket, admin)
    ticket_update(
        ticket=ticket,
        changes=TicketChanges(priority="high", tags=["fattura"]),
        expected_version=None,
        actor=Actor(user=admin),
    )
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"/tickets/{ticket.uid}/")
    page.click("[data-testid=history] summary")
    expect(page.locator("[data-testid=history-events] li").first).to_be_visible()
    assert accessibility_problems(page) == []
