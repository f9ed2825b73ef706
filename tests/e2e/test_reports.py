"""The report dashboard in a real browser, under the site's Content Security Policy: a
manager filters by Italian and sees the numbers and the chart change, downloads a table
as CSV, and an Arabic-speaking manager reads the dashboard right to left."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.services import team_create, team_member_add
from cortesia.core.actor import Actor
from cortesia.reports.tests.page_fixtures import WEEK, week_of_tickets
from cortesia.testing.fixtures import make_user
from tests.e2e.staff_session import csp_violations, signed_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def rome(transactional_db: None) -> Team:
    return team_create(
        name="Roma", languages=["it", "en"], time_zone="Europe/Rome", actor=Actor.system()
    )


def _manager(rome: Team, username: str, **extra: str) -> User:
    manager = make_user(username, Role.MANAGER, **extra)
    team_member_add(team=rome, user=manager, actor=Actor.system())
    return manager


def test_a_manager_filters_the_dashboard_by_italian_and_downloads_the_csv(
    rome: Team, page: Page, live_server: LiveServer, tmp_path: Path
) -> None:
    week_of_tickets(rome, _manager(rome, "alice_agent"))
    problems = signed_in(page, live_server, _manager(rome, "marta"))
    page.goto(f"{reverse('reports:dashboard')}?{WEEK}")
    created = page.locator("[data-testid=headline-tickets_created] [data-testid=headline-value]")
    expect(created).to_have_text("4")
    bars = page.locator("[data-testid=panel-volume] svg rect")
    expect(bars).to_have_count(14)  # 7 days, created and solved (zero is a flat bar)
    chart_before = page.locator("[data-testid=panel-volume] svg").inner_html()

    page.select_option("#id_language", "it")
    page.get_by_test_id("filter-apply").click()

    expect(page).to_have_url(re.compile(r"/reports/\?from=2026-11-02&to=2026-11-08&.*language=it"))
    expect(created).to_have_text("3")
    assert page.locator("[data-testid=panel-volume] svg").inner_html() != chart_before
    with page.expect_download() as waiting:
        page.locator("[data-testid=panel-volume] [data-testid=export]").first.click()
    download = waiting.value
    assert download.suggested_filename == "tickets_created_2026-11-02_2026-11-08.csv"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"\xef\xbb\xbfperiod,group,group_label,count\r\n")
    assert b"2026-11-03,,,1\r\n" in saved.read_bytes()
    assert csp_violations(page) == []
    assert problems == []


def test_the_arabic_dashboard_reads_right_to_left(
    rome: Team, page: Page, live_server: LiveServer
) -> None:
    week_of_tickets(rome, _manager(rome, "alice_agent"))
    problems = signed_in(page, live_server, _manager(rome, "layla", language="ar"))
    page.goto(f"{reverse('reports:dashboard')}?{WEEK}")

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    first = page.locator('[data-testid=panel-volume] svg text[data-key="2026-11-02"]')
    last = page.locator('[data-testid=panel-volume] svg text[data-key="2026-11-08"]')
    expect(first).to_have_text("2 نوفمبر")
    first_box, last_box = first.bounding_box(), last.bounding_box()
    assert first_box is not None
    assert last_box is not None
    assert first_box["x"] > last_box["x"]
    assert csp_violations(page) == []
    assert problems == []
