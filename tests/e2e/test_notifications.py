"""The notification bell in a real browser, under the site's Content Security Policy: an
assignment by a colleague rings the bell of an open page within the polling interval,
and the notification leads to the ticket."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import ConsoleMessage, Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.services import (
    security_policy_set_two_factor,
    team_create,
    team_member_add,
)
from cortesia.core.actor import Actor
from cortesia.customers.services import CustomerData, customer_create
from cortesia.notifications.models import Notification
from cortesia.testing.fixtures import make_user
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import MessageData, TicketChanges, TicketData, ticket_create
from cortesia.tickets.updates import ticket_update
from tests.e2e.accessibility import accessibility_problems

pytestmark = pytest.mark.e2e

POLL_SECONDS = 1
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI || "inline"}`);
});
"""


def _signed_in(page: Page, live_server: LiveServer, user: User) -> list[str]:
    """Sign ``user`` in and return the list the page's problems are collected into."""
    client = Client()
    client.force_login(user)
    session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": session,
                "url": live_server.url,
            }
        ]
    )
    page.context.add_init_script(LISTEN)
    problems: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def _ticket(team: Team) -> Ticket:
    customer = customer_create(
        data=CustomerData(given_name="Giulia", surname="Rossi"), actor=Actor.system()
    )
    return ticket_create(
        data=TicketData(
            subject="Pacco perso",
            customer=customer,
            team=team,
            channel=Ticket.Channel.EMAIL,
            message=MessageData(body_text="Dov'è il mio pacco?", author_kind="customer"),
        ),
        actor=Actor.system(),
    )


def test_an_assignment_rings_the_bell_and_leads_to_the_ticket(
    transactional_db: None, page: Page, live_server: LiveServer, settings: Any
) -> None:
    settings.CORTESIA_NOTIFICATION_POLL_SECONDS = POLL_SECONDS
    team = team_create(
        name="Roma", languages=["it", "en"], time_zone="Europe/Rome", actor=Actor.system()
    )
    alice = make_user("alice", first_name="Alice", last_name="Rossi")
    bob = make_user("bob", first_name="Bob", last_name="Bianchi")
    for member in (alice, bob):
        team_member_add(team=team, user=member, actor=Actor.system())
    ticket = _ticket(team)
    problems = _signed_in(page, live_server, alice)
    page.goto("/")
    bell = page.get_by_test_id("notification-bell")
    expect(bell).to_contain_text("Notifications: none unread")

    # bob, on his own page, gives the ticket to alice
    ticket_update(
        ticket=ticket,
        changes=TicketChanges(assignee=alice),
        expected_version=None,
        actor=Actor(user=bob),
    )

    count = page.get_by_test_id("notification-count")
    expect(count).to_have_text("1", timeout=(POLL_SECONDS + 3) * 1000)
    expect(bell).to_contain_text("Notifications: 1 unread")
    bell.click()
    expect(page).to_have_url(re.compile(r"/notifications/$"))
    link = page.get_by_test_id("notification-link")
    expect(link).to_have_text("Bob Bianchi assigned ticket #1001 “Pacco perso” to you.")
    assert page.evaluate("window.__cspViolations") == []
    assert problems == []

    # The ticket page is the tickets app's: only where the notification leads is checked.
    link.click()
    expect(page).to_have_url(re.compile(rf"/tickets/{ticket.uid}/$"))
    assert Notification.objects.get().read_at is not None
    page.goto("/notifications/")
    expect(page.get_by_test_id("notification-bell")).to_contain_text("Notifications: none unread")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_list_and_the_preferences_are_accessible(
    transactional_db: None, page: Page, live_server: LiveServer, language: str
) -> None:
    team = team_create(
        name="Roma", languages=["it", "en"], time_zone="Europe/Rome", actor=Actor.system()
    )
    alice = make_user("alice", first_name="Alice", last_name="Rossi", language=language)
    bob = make_user("bob", first_name="Bob", last_name="Bianchi")
    for member in (alice, bob):
        team_member_add(team=team, user=member, actor=Actor.system())
    for _ in range(2):
        ticket_update(
            ticket=_ticket(team),
            changes=TicketChanges(assignee=alice),
            expected_version=None,
            actor=Actor(user=bob),
        )
    problems = _signed_in(page, live_server, alice)

    page.goto("/notifications/")
    expect(page.get_by_test_id("notification")).to_have_count(2)
    expect(page.get_by_test_id("notification-count")).to_have_text("2")
    found = accessibility_problems(page)
    page.goto("/notifications/preferences/")
    found += accessibility_problems(page)

    assert found == []
    assert page.evaluate("window.__cspViolations") == []
    assert problems == []


def test_a_page_the_server_turns_away_loses_its_bell_not_its_layout(
    transactional_db: None, page: Page, live_server: LiveServer, settings: Any
) -> None:
    settings.CORTESIA_NOTIFICATION_POLL_SECONDS = POLL_SECONDS
    alice = make_user("alice", first_name="Alice", last_name="Rossi")
    problems = _signed_in(page, live_server, alice)
    page.goto("/notifications/")
    expect(page.get_by_test_id("notification-bell")).to_contain_text("none unread")

    # From now on every staff page sends alice to set up two-factor authentication, the
    # bell's polling included: what comes back is a whole page, never drawn in the bell.
    security_policy_set_two_factor(required=True, actor=Actor.system())

    expect(page.get_by_test_id("notification-bell")).to_have_count(0)
    page.wait_for_timeout(2 * POLL_SECONDS * 1000)
    expect(page.locator("h1")).to_have_count(1)
    assert problems == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_settings_page_is_accessible(
    transactional_db: None, page: Page, live_server: LiveServer, language: str
) -> None:
    admin = make_user("root", Role.ADMIN, language=language)
    problems = _signed_in(page, live_server, admin)

    page.goto("/settings/notifications/")
    page.fill("#id_unassigned_minutes", "45")
    page.get_by_test_id("notification-settings-form").locator("button[type=submit]").click()

    expect(page.locator("#id_unassigned_minutes")).to_have_value("45")
    assert accessibility_problems(page) == []
    assert page.evaluate("window.__cspViolations") == []
    assert problems == []
