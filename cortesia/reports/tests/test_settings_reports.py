"""The report settings pages: the report settings, the acquisition spend list with its
add, edit and delete forms, and the exchange rates with an upload of an ECB file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, User
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.core.settings_sections import settings_sections_for
from cortesia.reports.models import AcquisitionSpend, ExchangeRate, ReportSettings
from cortesia.reports.rates import RateRow, rates_import
from cortesia.reports.spend import SpendData, spend_create
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
SETTINGS_URL = "/settings/reports/"
SPEND_URL = "/settings/reports/spend/"
RATES_URL = "/settings/reports/rates/"
NOVEMBER = SpendData(
    date(2026, 11, 1), date(2026, 11, 30), "search ads", "IT", "EUR", Decimal("3000.50")
)
CSV = b"Date,USD,SEK,\n2026-12-04,1.0812,11.2055,\n2026-12-03,1.0790,N/A,\n"


@pytest.fixture
def manager(db: None) -> User:
    return make_user("mara", Role.MANAGER)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _audits(object_type: str) -> list[dict[str, Any]]:
    rows = AuditEvent.objects.filter(object_type=object_type).order_by("id")
    return [row.data for row in rows]


def _settings_form(**changes: str) -> dict[str, str]:
    data = {
        "reporting_currency": "EUR",
        "lost_after_days": "365",
        "one_touch_reopen_days": "3",
        "margin_percent": "42.5",
    }
    data.update(changes)
    return data


def _spend_form(**changes: str) -> dict[str, str]:
    data = {
        "starts_on": "2026-11-01",
        "ends_on": "2026-11-30",
        "channel": "search ads",
        "country": "it",
        "currency": "EUR",
        "amount": "3000.50",
        "note": "",
    }
    data.update(changes)
    return data


def test_the_url_names_and_the_section() -> None:
    uid = "0b0e6a4e-7d0c-4a4e-9c3c-1f0e6f6a1b2c"
    assert reverse("report-settings:report-settings") == SETTINGS_URL
    assert reverse("report-settings:spend-list") == SPEND_URL
    assert reverse("report-settings:spend-edit", kwargs={"uid": uid}) == f"{SPEND_URL}{uid}/"
    assert reverse("report-settings:spend-delete", kwargs={"uid": uid}) == (
        f"{SPEND_URL}{uid}/delete/"
    )
    assert reverse("report-settings:rates") == RATES_URL


def test_the_section_is_offered_to_managers_only(manager: User, alice: User) -> None:
    assert "reports" in [section.key for section in settings_sections_for(manager)]
    assert "reports" not in [section.key for section in settings_sections_for(alice)]
    assert "reports" not in [
        section.key for section in settings_sections_for(make_user("mo", Role.MARKETER))
    ]


@pytest.mark.parametrize("page", ["settings", "spend", "edit", "delete", "rates"])
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        pytest.param("anonymous", 302, id="anonymous"),
        pytest.param("agent", 403, id="agent"),
        pytest.param("marketer", 403, id="marketer"),
        pytest.param("manager", 200, id="manager"),
        pytest.param("admin", 200, id="admin"),
    ],
)
def test_who_may_open_each_page(
    page: str, who: str, expected: int, alice: User, manager: User, admin_user: User
) -> None:
    spend = spend_create(data=NOVEMBER, actor=Actor(manager))
    urls = {
        "settings": SETTINGS_URL,
        "spend": SPEND_URL,
        "edit": f"{SPEND_URL}{spend.uid}/",
        "delete": f"{SPEND_URL}{spend.uid}/delete/",
        "rates": RATES_URL,
    }
    users = {
        "agent": alice,
        "marketer": make_user("mo", Role.MARKETER),
        "manager": manager,
        "admin": admin_user,
    }
    client = _client(users[who]) if who in users else Client()

    response = client.get(urls[page])

    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith("/login/?next=")


@pytest.mark.parametrize(
    ("url", "body"),
    [
        pytest.param(SETTINGS_URL, _settings_form(), id="settings"),
        pytest.param(SPEND_URL, _spend_form(), id="spend"),
    ],
)
def test_an_agent_posting_changes_nothing(alice: User, url: str, body: dict[str, str]) -> None:
    assert _client(alice).post(url, body).status_code == 403

    assert not ReportSettings.objects.exclude(lost_after_days=180).exists()
    assert AcquisitionSpend.objects.count() == 0
    assert not AuditEvent.objects.filter(action="setting_change").exists()


# Report settings ---------------------------------------------------------------------------


def test_saving_the_report_settings_writes_one_audit_row(manager: User) -> None:
    response = _client(manager).post(SETTINGS_URL, _settings_form())

    assert response.status_code == 302
    assert response["Location"] == SETTINGS_URL
    row = ReportSettings.objects.get()
    assert (row.lost_after_days, row.one_touch_reopen_days, row.margin_percent) == (
        365,
        3,
        Decimal("42.50"),
    )
    assert _audits("report_settings") == [
        {
            "change": "changed",
            "before": {
                "lost_after_days": 180,
                "one_touch_reopen_days": 5,
                "margin_percent": "100.00",
            },
            "after": {
                "lost_after_days": 365,
                "one_touch_reopen_days": 3,
                "margin_percent": "42.50",
            },
        }
    ]
    # The same form again changes and records nothing.
    assert _client(manager).post(SETTINGS_URL, _settings_form()).status_code == 302
    assert len(_audits("report_settings")) == 1


def test_the_reporting_currency_needs_rates(manager: User) -> None:
    page = _client(manager).get(SETTINGS_URL).content.decode()
    assert '<option value="EUR" selected>EUR</option>' in page
    assert 'value="SEK"' not in page

    rates_import(
        rows=[RateRow(date(2026, 12, 4), "SEK", Decimal("11.2"))], source="t", actor=Actor.system()
    )
    response = _client(manager).post(SETTINGS_URL, _settings_form(reporting_currency="SEK"))

    assert response.status_code == 302
    assert ReportSettings.objects.get().reporting_currency == "SEK"


def test_bad_settings_are_named_and_nothing_is_saved(manager: User) -> None:
    response = _client(manager).post(
        SETTINGS_URL,
        _settings_form(lost_after_days="0", one_touch_reopen_days="91", reporting_currency="NOK"),
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Select a valid choice. NOK is not one of the available choices." in page
    assert not ReportSettings.objects.exclude(lost_after_days=180).exists()
    assert _audits("report_settings") == []

    response = _client(manager).post(
        SETTINGS_URL, _settings_form(lost_after_days="0", one_touch_reopen_days="91")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Give 1 to 3650 days." in page
    assert "Give 0 to 90 business days." in page
    assert _audits("report_settings") == []


# Acquisition spend ------------------------------------------------------------------------


def test_adding_spend_twice_records_one_row(manager: User) -> None:
    client = _client(manager)

    first = client.post(SPEND_URL, _spend_form())
    second = client.post(SPEND_URL, _spend_form())

    assert first.status_code == 302
    assert first["Location"] == SPEND_URL
    assert second.status_code == 409
    assert "This spend is already recorded" in second.content.decode()
    assert AcquisitionSpend.objects.count() == 1
    assert [a["change"] for a in _audits("acquisition_spend")] == ["created"]


def test_bad_spend_is_named_on_the_form(manager: User) -> None:
    response = _client(manager).post(
        SPEND_URL, _spend_form(ends_on="2026-10-01", currency="NOK", country="XX")
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "The last day is on or after the first day." in page
    assert "XX is not an ISO 3166 country code." in page
    assert "There are no exchange rates for NOK" in page
    assert AcquisitionSpend.objects.count() == 0
    assert _audits("acquisition_spend") == []


def test_the_spend_list_in_a_fixed_number_of_queries(
    manager: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for day in range(1, 6):
        spend_create(
            data=SpendData(
                date(2026, 11, day), date(2026, 11, 30), "fairs", "", "EUR", Decimal(day)
            ),
            actor=Actor(manager),
        )
    client = _client(manager)

    # session, user, security policy with teams, the rows
    with django_assert_num_queries(4):
        response = client.get(SPEND_URL)

    page = response.content.decode()
    assert page.count('data-testid="spend-row"') == 5
    assert "Nov 5, 2026 to Nov 30, 2026" in page
    assert "Every country" in page
    assert "€5.00" in page


def test_editing_and_deleting_spend(manager: User) -> None:
    spend = spend_create(data=NOVEMBER, actor=Actor(manager))
    client = _client(manager)
    edit = f"{SPEND_URL}{spend.uid}/"

    assert 'value="2026-11-01"' in client.get(edit).content.decode()
    response = client.post(edit, _spend_form(amount="2000", channel="radio"))

    assert response.status_code == 302
    spend.refresh_from_db()
    assert (spend.amount, spend.channel) == (Decimal("2000.00"), "radio")
    delete = f"{SPEND_URL}{spend.uid}/delete/"
    assert "Delete the spend of" in client.get(delete).content.decode()
    assert client.post(delete).status_code == 302
    assert client.post(delete).status_code == 404
    assert AcquisitionSpend.objects.count() == 0
    assert [a["change"] for a in _audits("acquisition_spend")] == [
        "created",
        "changed",
        "deleted",
    ]


def test_an_unknown_spend_is_404(manager: User) -> None:
    client = _client(manager)
    assert client.get(f"{SPEND_URL}0b0e6a4e-7d0c-4a4e-9c3c-1f0e6f6a1b2c/").status_code == 404
    assert client.get(f"{SPEND_URL}nothing/delete/").status_code == 404


# Exchange rates ---------------------------------------------------------------------------


def test_uploading_a_rates_file_imports_it_once(manager: User) -> None:
    client = _client(manager)

    response = client.post(
        RATES_URL, {"file": SimpleUploadedFile("eurofxref-hist.csv", CSV, "text/csv")}
    )

    assert response.status_code == 302
    assert ExchangeRate.objects.count() == 3
    page = client.get(RATES_URL).content.decode()
    assert "3 rates added, 0 changed, 0 unchanged, 0 removed." in page
    again = client.post(
        RATES_URL, {"file": SimpleUploadedFile("eurofxref-hist.csv", CSV, "text/csv")}
    )
    assert again.status_code == 302
    assert ExchangeRate.objects.count() == 3
    audits = _audits("exchange_rates")
    assert [(a["added"], a["unchanged"]) for a in audits] == [(3, 0), (0, 3)]


def test_a_file_that_is_not_ecb_is_refused_on_the_form(manager: User) -> None:
    response = _client(manager).post(
        RATES_URL, {"file": SimpleUploadedFile("people.csv", b"name,email\nAda,a@b.c\n")}
    )

    assert response.status_code == 400
    assert "This is not an ECB exchange rate file" in response.content.decode()
    assert ExchangeRate.objects.count() == 0
    assert _audits("exchange_rates") == []


def test_the_rates_list_in_a_fixed_number_of_queries(
    manager: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    rates_import(
        rows=[
            RateRow(date(2026, 12, 3), "USD", Decimal("1.079")),
            RateRow(date(2026, 12, 4), "USD", Decimal("1.0812")),
            RateRow(date(2026, 12, 4), "SEK", Decimal("11.2055")),
        ],
        source="t",
        actor=Actor.system(),
    )
    client = _client(manager)

    # session, user, security policy with teams, the rates per currency
    with django_assert_num_queries(4):
        response = client.get(RATES_URL)

    page = response.content.decode()
    assert page.count('data-testid="rates-row"') == 2
    assert "Dec 3, 2026" in page
    assert "1.0812" in page


def test_arabic_pages_are_right_to_left_with_local_dates(manager: User) -> None:
    User.objects.filter(pk=manager.pk).update(language="ar", time_zone="Asia/Riyadh")
    spend_create(data=NOVEMBER, actor=Actor(manager))
    client = _client(manager)

    page = client.get(SPEND_URL).content.decode()

    assert '<html lang="ar" dir="rtl">' in page
    assert "01\u200f/11\u200f/2026" in page
    assert "\u200f3,000.50\xa0€" in page
    assert 'dir="rtl"' in client.get(SETTINGS_URL).content.decode()


def test_a_file_past_the_limit_is_refused_with_413(
    manager: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cortesia.reports.rates.MAX_BYTES", 10)

    response = _client(manager).post(
        RATES_URL, {"file": SimpleUploadedFile("eurofxref-hist.csv", CSV, "text/csv")}
    )

    assert response.status_code == 413
    assert "The rates file is larger than 0 MB." in response.content.decode()
    assert ExchangeRate.objects.count() == 0
    assert _audits("exchange_rates") == []
