"""Routing and shifts settings in a real browser, under the site's Content Security Policy:
a manager adds a routing rule and tries it with a sample ticket, then records a leave day
that takes an agent off the "on shift now" list."""

from __future__ import annotations

from datetime import time
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import Role, Team
from cortesia.accounts.services import team_create, team_member_add
from cortesia.core.actor import Actor
from cortesia.testing.fixtures import make_user
from cortesia.tickets.models import AgentLeave, AgentShift, RoutingRule
from tests.e2e.staff_session import csp_violations as _violations
from tests.e2e.staff_session import signed_in as _signed_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def helsinki(transactional_db: None) -> Team:
    return team_create(
        name="Team Helsinki",
        languages=["fi", "en"],
        time_zone="Europe/Helsinki",
        actor=Actor.system(),
    )


def _midday_zone() -> str:
    """A fixed-offset zone where it is now between 12:00 and 13:00, so a shift of
    08:00–16:00 there surely covers the whole test whenever it runs: the time is set by
    the data the server reads, not by waiting for it."""
    offset = 12 - timezone.now().hour  # from +12 down to -11 hours
    if offset == 0:
        return "Etc/GMT"
    return f"Etc/GMT-{offset}" if offset > 0 else f"Etc/GMT+{-offset}"


def test_a_manager_routes_finnish_to_helsinki_and_tries_it(
    helsinki: Team, page: Page, live_server: LiveServer
) -> None:
    problems = _signed_in(page, live_server, make_user("mona", Role.MANAGER))
    page.goto("/settings/routing/")
    page.get_by_test_id("rule-create").click()
    page.fill("#id_name", "Finnish")
    page.select_option("#id_team", label="Team Helsinki")
    page.fill("#id_languages", "fi")
    page.get_by_test_id("rule-save").click()

    expect(page.get_by_test_id("rule-row")).to_have_count(1)
    expect(page.get_by_test_id("rule-row")).to_contain_text("Team Helsinki")
    page.select_option("#id_language", "fi")
    page.fill("#id_subject", "Lasku puuttuu")
    page.get_by_test_id("routing-test").click()

    expect(page.get_by_test_id("result-rule")).to_have_text("Finnish")
    expect(page.get_by_test_id("result-team")).to_contain_text("Team Helsinki")
    assert list(RoutingRule.objects.values_list("name", "team__name")) == [
        ("Finnish", "Team Helsinki")
    ]
    assert _violations(page) == []
    assert problems == []


def test_a_leave_day_takes_an_agent_off_the_on_shift_list(
    helsinki: Team, page: Page, live_server: LiveServer
) -> None:
    zone = _midday_zone()
    aino = make_user("aino", first_name="Aino", last_name="Virtanen", time_zone=zone)
    team_member_add(team=helsinki, user=aino, actor=Actor.system())
    today = timezone.now().astimezone(ZoneInfo(zone)).date()
    AgentShift.objects.create(user=aino, weekday=today.weekday(), starts=time(8), ends=time(16))
    problems = _signed_in(page, live_server, make_user("mona", Role.MANAGER))

    page.goto("/settings/shifts/")
    on_shift = page.get_by_test_id("on-shift-team").filter(has_text="Team Helsinki")
    expect(on_shift.get_by_test_id("on-shift-agent")).to_have_count(1)
    expect(on_shift.get_by_test_id("on-shift-agent")).to_contain_text("Aino Virtanen")

    page.get_by_test_id("agent-week-link").first.click()
    page.fill("#id_first_day", today.isoformat())
    page.fill("#id_last_day", today.isoformat())
    page.fill("#id_reason", "Sick")
    page.get_by_test_id("leave-save").click()
    expect(page.get_by_test_id("leave-list")).to_contain_text("Sick")

    page.goto("/settings/shifts/")
    on_shift = page.get_by_test_id("on-shift-team").filter(has_text="Team Helsinki")
    expect(on_shift.get_by_test_id("on-shift-agent")).to_have_count(0)
    expect(on_shift).to_contain_text("Nobody is on shift.")
    assert list(AgentLeave.objects.values_list("user__username", "first_day", "last_day")) == [
        ("aino", today, today)
    ]
    assert _violations(page) == []
    assert problems == []
