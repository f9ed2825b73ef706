"""Triggers in a real browser, under the site's Content Security Policy: an administrator
writes "Finnish → tag fi, priority high", tries it on the last tickets (nothing changes),
saves it, and a new Finnish ticket gets the tag and the priority, its history naming the
trigger."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import Role
from cortesia.automations.models import Trigger
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.testing.fixtures import make_user
from cortesia.tickets.models import Ticket, TicketEvent
from cortesia.tickets.services import MessageData, TicketData, ticket_create
from tests.e2e.staff_session import signed_in as _signed_in

pytestmark = pytest.mark.e2e


def _finnish_ticket(customer: Customer, subject: str) -> Ticket:
    return ticket_create(
        data=TicketData(
            subject=subject,
            customer=customer,
            language="fi",
            channel=Ticket.Channel.EMAIL,
            message=MessageData(body_text="Missä pakettini on?", author_kind="customer"),
        ),
        actor=Actor.system(),
    )


@pytest.fixture
def aino(transactional_db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Aino", surname="Virtanen", language="fi", country="FI"),
        actor=Actor.system(),
    )


def test_an_admin_writes_tries_and_saves_a_trigger_that_then_acts(
    aino: Customer, page: Page, live_server: LiveServer
) -> None:
    admin = make_user("ada", Role.ADMIN)
    earlier = _finnish_ticket(aino, "Lasku")
    problems = _signed_in(page, live_server, admin)

    # The administrator writes the trigger
    page.goto("/settings/")
    page.click("[data-testid=settings-nav-automations]")
    page.click("[data-testid=trigger-create]")
    page.fill("#id_name", "Finnish")
    page.check("#id_when input[value=created]")
    page.select_option("#id_condition_0_field", "language")
    page.select_option("#id_condition_0_operator", "is")
    page.fill("#id_condition_0_value", "fi")
    page.select_option("#id_action_0_kind", "add_tags")
    page.fill("#id_action_0_value", "fi")
    page.select_option("#id_action_1_kind", "set_priority")
    page.fill("#id_action_1_value", "high")

    # The dry run finds the earlier Finnish ticket and says what would change; nothing does
    page.click("[data-testid=trigger-try]")
    rows = page.locator("[data-testid=tried-row]")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(f"#{earlier.number}")
    expect(rows.first).to_contain_text("Normal → High")
    assert Trigger.objects.count() == 0
    earlier.refresh_from_db()
    assert (earlier.tags, earlier.priority) == ([], "normal")

    # Saved, it is listed
    page.click("[data-testid=trigger-save]")
    trigger = Trigger.objects.get()
    expect(page).to_have_url(f"{live_server.url}/settings/automations/triggers/{trigger.uid}/")
    page.goto("/settings/automations/")
    expect(page.locator("[data-testid=trigger-row]")).to_contain_text("Finnish")

    # A new Finnish ticket gets the tag and the priority
    ticket = _finnish_ticket(aino, "Paketti on kadonnut")
    ticket.refresh_from_db()
    assert (ticket.tags, ticket.priority) == (["fi"], "high")
    named = TicketEvent.objects.filter(ticket=ticket, data__rule__name="Finnish").count()
    assert named == 2

    # And its history names the trigger
    page.goto(f"/tickets/{ticket.uid}/")
    page.click("[data-testid=history] summary")
    actors = page.locator("[data-testid=history-actor]")
    expect(actors.filter(has_text="Finnish")).to_have_count(2)
    assert page.evaluate("window.__cspViolations || []") == []
    assert problems == []
