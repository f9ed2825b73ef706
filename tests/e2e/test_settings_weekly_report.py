"""The weekly report page in a real browser, under the site's Content Security Policy: a
manager opts in, sees when the next mail comes, and opts out again."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import Role
from cortesia.reports.models import WeeklyReportSubscription
from cortesia.testing.fixtures import make_user
from tests.e2e.staff_session import csp_violations as _violations
from tests.e2e.staff_session import signed_in as _signed_in

pytestmark = pytest.mark.e2e


def test_a_manager_opts_in_and_out(
    transactional_db: None, page: Page, live_server: LiveServer
) -> None:
    mara = make_user("mara", Role.MANAGER, language="en", time_zone="Asia/Riyadh")
    problems = _signed_in(page, live_server, mara)
    page.goto("/reports/weekly/")
    expect(page.get_by_test_id("weekly-next")).to_have_count(0)

    page.get_by_role("button", name="Send it to me").click()

    expect(page).to_have_url(f"{live_server.url}/reports/weekly/")
    expect(page.get_by_test_id("weekly-next")).to_contain_text("8:00")
    assert WeeklyReportSubscription.objects.filter(user=mara).count() == 1

    page.get_by_role("button", name="Stop sending it").click()

    expect(page.get_by_test_id("weekly-next")).to_have_count(0)
    assert not WeeklyReportSubscription.objects.filter(user=mara).exists()
    assert _violations(page) == []
    assert problems == []
