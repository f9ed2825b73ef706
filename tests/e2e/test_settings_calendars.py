"""Business calendars and SLA policies in a real browser, under the site's Content Security
Policy: an administrator makes a Helsinki calendar, sees its Finnish holidays in the
twelve-month preview, then tries an SLA policy on it and sees a due time skip a weekend."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import Role, Team
from cortesia.accounts.services import team_create
from cortesia.calendars.models import Calendar
from cortesia.core.actor import Actor
from cortesia.culture.local_formats import format_moment
from cortesia.culture.public_holidays import public_holiday_dates
from cortesia.sla.models import SlaPolicy
from cortesia.testing.fixtures import make_user
from tests.e2e.staff_session import signed_in as _signed_in

pytestmark = pytest.mark.e2e

HELSINKI = ZoneInfo("Europe/Helsinki")


def _next_holiday_on_a_weekday(today: date) -> tuple[date, str]:
    """Epiphany (6 January) or Independence Day (6 December), whichever comes first on a
    weekday within the year the preview shows."""
    candidates = sorted(
        (date(year, month, 6), name)
        for year in (today.year, today.year + 1)
        for month, name in ((1, "Epiphany"), (12, "Independence Day"))
    )
    return next(
        (day, name)
        for day, name in candidates
        if today <= day < today + timedelta(days=365) and day.weekday() < 5
    )


def _friday_before_a_plain_weekend(today: date) -> date:
    """A Friday at least a week ahead whose Friday and next Monday are Finnish workdays."""
    friday = today + timedelta(days=7 + (4 - today.weekday()) % 7)
    while {friday, friday + timedelta(days=3)} & (
        public_holiday_dates("FI", None, friday.year)
        | public_holiday_dates("FI", None, friday.year + 1)
    ):
        friday += timedelta(days=7)
    return friday


@pytest.fixture
def helsinki_team(transactional_db: None) -> Team:
    return team_create(
        name="Helsinki", languages=["fi", "en"], time_zone="Europe/Helsinki", actor=Actor.system()
    )


def test_a_helsinki_calendar_shows_finnish_holidays_and_a_policy_skips_the_weekend(
    helsinki_team: Team, page: Page, live_server: LiveServer
) -> None:
    admin = make_user("ada", Role.ADMIN, time_zone="Europe/Helsinki")
    problems = _signed_in(page, live_server, admin)
    today = datetime.now(UTC).astimezone(HELSINKI).date()

    # The administrator makes the calendar: Monday to Friday 08:00–16:00, Finnish holidays
    page.goto("/settings/")
    page.click("[data-testid=settings-nav-calendars]")
    page.click("[data-testid=calendar-create]")
    page.fill("#id_name", "Helsinki support")
    page.select_option("#id_time_zone", "Europe/Helsinki")
    page.select_option("#id_country", label="Finland")
    for row in range(5):  # the new calendar's five weekday rows
        page.fill(f"#id_weekly-{row}-start", "08:00")
        page.fill(f"#id_weekly-{row}-end", "16:00")
    page.click("[data-testid=calendar-save]")

    # The preview lists the next Finnish holiday on a weekday, from the engine the clocks use
    calendar = Calendar.objects.get(name="Helsinki support")
    expect(page).to_have_url(f"{live_server.url}/settings/calendars/{calendar.uid}/")
    holiday, name = _next_holiday_on_a_weekday(today)
    entry = page.locator(f"[data-testid=preview-day][data-date='{holiday.isoformat()}']")
    expect(entry).to_contain_text(name)
    expect(entry).to_have_class("day is-closed is-holiday")
    expect(page.locator("[data-testid=closed-weekdays]")).to_have_text(
        "Closed every week on Saturday and Sunday."
    )
    assert calendar.weekly == {
        day: [["08:00", "16:00"]] for day in ("mon", "tue", "wed", "thu", "fri")
    }

    # The team is put on it, on the team's page
    page.goto(f"/settings/teams/{helsinki_team.uid}/")
    page.select_option("#id_calendar", label="Helsinki support")
    page.click("[data-testid=team-save]")
    expect(page.locator("#id_calendar")).to_have_value(str(calendar.pk))

    # A policy for the team is tried on a ticket opened on a Friday at 15:30 Helsinki
    friday = _friday_before_a_plain_weekend(today)
    page.click("[data-testid=settings-nav-sla]")
    page.click("[data-testid=policy-create]")
    page.fill("#id_name", "Helsinki standard")
    page.fill("#id_first_response_minutes", "60")
    page.check(f"#id_teams input[value='{helsinki_team.pk}']")
    page.select_option("#id_sample-team", label="Helsinki")
    page.fill("#id_sample-created_date", friday.isoformat())
    page.fill("#id_sample-created_time", "15:30")
    page.click("[data-testid=policy-test-button]")

    # Half an hour on Friday, half an hour from Monday's opening: Monday 08:30 Helsinki
    result = page.locator("[data-testid=policy-test-result]")
    expect(result.locator("[data-testid=trial-applies]")).to_have_text(
        "This policy, as typed, applies to the sample ticket."
    )
    monday = datetime.combine(friday + timedelta(days=3), time(8, 30), tzinfo=HELSINKI)
    due = result.locator("[data-testid=trial-due-row][data-target=first_response] td")
    expect(due.first).to_have_text(format_moment(monday, "Europe/Helsinki", "en"))
    assert SlaPolicy.objects.count() == 0  # the test saved nothing

    # Saved, it is listed with its target
    page.click("[data-testid=policy-save]")
    page.click("[data-testid=settings-nav-sla]")
    expect(page.locator("[data-testid=policy-row]")).to_contain_text("Helsinki standard")
    assert page.evaluate("window.__cspViolations || []") == []
    assert problems == []
