"""The report settings pages in a real browser, under the site's Content Security Policy:
a manager records acquisition spend, uploads an ECB rates file and switches the reporting
currency to one of the imported currencies."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import Role
from cortesia.reports.models import AcquisitionSpend, ReportSettings
from cortesia.testing.fixtures import make_user
from tests.e2e.staff_session import csp_violations as _violations
from tests.e2e.staff_session import signed_in as _signed_in

pytestmark = pytest.mark.e2e
CSV = "Date, USD, SEK, \n04 December 2026, 1.0812, 11.2055, \n"


def test_a_manager_records_spend_imports_rates_and_changes_the_currency(
    transactional_db: None, page: Page, live_server: LiveServer, tmp_path: Path
) -> None:
    problems = _signed_in(page, live_server, make_user("mara", Role.MANAGER))

    page.goto("/settings/reports/spend/")
    page.fill("#id_starts_on", "2026-11-01")
    page.fill("#id_ends_on", "2026-11-30")
    page.fill("#id_channel", "search ads")
    page.fill("#id_country", "IT")
    page.fill("#id_currency", "EUR")
    page.fill("#id_amount", "3000.50")
    page.click("[data-testid=spend-add]")
    expect(page.locator("[data-testid=spend-row]")).to_have_count(1)
    expect(page.locator("[data-testid=spend-row]")).to_contain_text("€3,000.50")

    rates = tmp_path / "eurofxref.csv"
    rates.write_text(CSV)
    page.click("[data-testid=rates-tab]")
    page.set_input_files("#id_file", str(rates))
    page.click("[data-testid=rates-import]")
    expect(page.locator("[data-testid=rates-row]")).to_have_count(2)
    expect(page.locator("body")).to_contain_text("2 rates added, 0 changed")

    page.click("[data-testid=report-settings-tab]")
    page.select_option("#id_reporting_currency", "SEK")
    page.click("[data-testid=report-settings-save]")
    expect(page.locator("#id_reporting_currency")).to_have_value("SEK")

    assert AcquisitionSpend.objects.count() == 1
    assert ReportSettings.objects.get().reporting_currency == "SEK"
    assert _violations(page) == []
    assert problems == []
