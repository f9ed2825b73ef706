"""A new administrator sets up a Finnish team entirely in the browser — its calendar with
Finnish hours and holidays, the team, an SLA policy and a routing rule — and a Finnish
ticket opened afterwards lands in that team with the due time the calendar gives."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import Role, Team
from cortesia.core.actor import Actor
from cortesia.culture.local_formats import format_moment
from cortesia.culture.public_holidays import public_holiday_dates
from cortesia.customers.services import CustomerData, customer_create
from cortesia.testing.fixtures import make_user
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import MessageData, TicketData, ticket_create
from tests.e2e.staff_session import signed_in as _signed_in

pytestmark = pytest.mark.e2e

HELSINKI = ZoneInfo("Europe/Helsinki")


def _plain_friday(today: date) -> date:
    """A Friday at least a week ahead whose Friday and next Monday are Finnish workdays."""
    friday = today + timedelta(days=7 + (4 - today.weekday()) % 7)
    holidays = public_holiday_dates("FI", None, friday.year) | public_holiday_dates(
        "FI", None, friday.year + 1
    )
    while {friday, friday + timedelta(days=3)} & holidays:
        friday += timedelta(days=7)
    return friday


def _set_up_in_the_browser(page: Page) -> None:
    # The calendar: Monday to Friday 08:00–16:00 in Helsinki, closed on Finnish holidays
    page.goto("/settings/")
    page.get_by_test_id("settings-nav-calendars").click()
    page.get_by_test_id("calendar-create").click()
    page.fill("#id_name", "Helsinki support")
    page.select_option("#id_time_zone", "Europe/Helsinki")
    page.select_option("#id_country", label="Finland")
    for row in range(5):
        page.fill(f"#id_weekly-{row}-start", "08:00")
        page.fill(f"#id_weekly-{row}-end", "16:00")
    page.get_by_test_id("calendar-save").click()
    expect(page.get_by_test_id("closed-weekdays")).to_have_text(
        "Closed every week on Saturday and Sunday."
    )
    # The team, on that calendar
    page.get_by_test_id("settings-nav-teams").click()
    page.get_by_test_id("team-new").click()
    page.fill("#id_name", "Helsinki")
    page.check("#id_languages input[value=fi]")
    page.select_option("#id_time_zone", "Europe/Helsinki")
    page.select_option("#id_calendar", label="Helsinki support")
    page.get_by_test_id("team-save").click()
    expect(page.get_by_test_id("member-empty")).to_be_visible()
    team = Team.objects.get(name="Helsinki")
    # An SLA policy for the team: a first answer within an hour of open time
    page.get_by_test_id("settings-nav-sla").click()
    page.get_by_test_id("policy-create").click()
    page.fill("#id_name", "Helsinki standard")
    page.fill("#id_first_response_minutes", "60")
    page.check(f"#id_teams input[value='{team.pk}']")
    page.get_by_test_id("policy-save").click()
    page.get_by_test_id("settings-nav-sla").click()
    expect(page.get_by_test_id("policy-row")).to_contain_text("Helsinki standard")
    # A routing rule: Finnish goes to Helsinki
    page.get_by_test_id("settings-nav-routing").click()
    page.get_by_test_id("rule-create").click()
    page.fill("#id_name", "Finnish")
    page.select_option("#id_team", label="Helsinki")
    page.fill("#id_languages", "fi")
    page.get_by_test_id("rule-save").click()
    expect(page.get_by_test_id("rule-row")).to_contain_text("Helsinki")


def test_a_team_set_up_in_the_browser_takes_a_finnish_ticket_on_its_own_hours(
    transactional_db: None, page: Page, live_server: LiveServer
) -> None:
    admin = make_user("ada", Role.ADMIN, time_zone="Europe/Helsinki")
    problems = _signed_in(page, live_server, admin)
    _set_up_in_the_browser(page)
    page.wait_for_load_state("networkidle")  # the test database takes one writer at a time

    # A Finnish customer writes on a Friday at 15:30 Helsinki time
    friday = _plain_friday(datetime.now(UTC).astimezone(HELSINKI).date())
    opened = datetime.combine(friday, time(15, 30), tzinfo=HELSINKI)
    customer = customer_create(
        data=CustomerData(
            given_name="Aino", surname="Virtanen", language="fi", emails=["aino@example.fi"]
        ),
        actor=Actor.system(),
    )
    with time_machine.travel(opened, tick=False):
        ticket = ticket_create(
            data=TicketData(
                subject="Lasku puuttuu",
                customer=customer,
                channel=Ticket.Channel.WEB,
                message=MessageData(
                    body_text="Hei, en ole saanut laskua tilauksestani.", author_kind="customer"
                ),
            ),
            actor=Actor.system(),
        )

    # Routed to Helsinki; half an hour on Friday, half an hour from Monday's opening
    page.goto(f"/tickets/{ticket.uid}/")
    expect(page.get_by_test_id("ticket-summary")).to_contain_text("Helsinki")
    monday = datetime.combine(friday + timedelta(days=3), time(8, 30), tzinfo=HELSINKI)
    expect(page.get_by_test_id("sla")).to_contain_text(
        f"due {format_moment(monday, 'Europe/Helsinki', 'en')}"
    )
    assert Ticket.objects.values_list("team__name", flat=True).get(pk=ticket.pk) == "Helsinki"
    assert page.evaluate("window.__cspViolations || []") == []
    assert problems == []
