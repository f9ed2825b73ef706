"""Acquisition spend services: who may write, what is checked, the audit rows, the
refused duplicate, and the spend of a period prorated by days and converted."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from cortesia.accounts.models import Role, User
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, FieldErrors, Forbidden, NotFound
from cortesia.reports.currency import MissingRate
from cortesia.reports.models import AcquisitionSpend
from cortesia.reports.rates import RateRow, rates_import
from cortesia.reports.spend import (
    SpendData,
    spend_create,
    spend_delete,
    spend_get,
    spend_in,
    spend_list,
    spend_update,
)
from cortesia.testing.concurrency import concurrently as _concurrently
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
NOVEMBER = SpendData(
    date(2026, 11, 1), date(2026, 11, 30), "search ads", "IT", "EUR", Decimal("3000.00")
)


@pytest.fixture
def manager(db: None) -> User:
    return make_user("mara", Role.MANAGER)


@pytest.fixture
def sek_rates(db: None) -> None:
    rows = [
        RateRow(date(2026, 11, 2), "SEK", Decimal("11.0")),
        RateRow(date(2026, 11, 27), "SEK", Decimal("11.5")),
        RateRow(date(2026, 11, 2), "USD", Decimal("1.10")),
    ]
    rates_import(rows=rows, source="test", actor=Actor.system())


def _audits() -> list[dict[str, Any]]:
    rows = AuditEvent.objects.filter(object_type="acquisition_spend").order_by("id")
    return [row.data for row in rows]


def test_a_manager_records_changes_and_deletes_spend_with_audit_rows(manager: User) -> None:
    actor = Actor(manager)
    row = spend_create(data=replace(NOVEMBER, channel="  search ads ", country="it"), actor=actor)

    assert (row.channel, row.country, row.amount, row.created_by_id) == (
        "search ads",
        "IT",
        Decimal("3000.00"),
        manager.pk,
    )
    spend_update(spend=row, data=replace(NOVEMBER, amount=Decimal("3100")), actor=actor)
    spend_update(spend=row, data=replace(NOVEMBER, amount=Decimal("3100")), actor=actor)
    spend_delete(spend=spend_get(actor=actor, uid=str(row.uid)), actor=actor)

    assert AcquisitionSpend.objects.count() == 0
    audits = _audits()
    assert [a["change"] for a in audits] == ["created", "changed", "deleted"]
    assert audits[1] == {
        "change": "changed",
        "before": {"amount": "3000.00"},
        "after": {"amount": "3100.00"},
    }
    assert audits[0]["after"] == {
        "starts_on": "2026-11-01",
        "ends_on": "2026-11-30",
        "channel": "search ads",
        "country": "IT",
        "currency": "EUR",
        "amount": "3000.00",
        "note": "",
    }


@pytest.mark.parametrize(
    ("role", "may_read", "may_write"),
    [
        pytest.param(Role.AGENT, False, False, id="agent"),
        pytest.param(Role.MARKETER, True, False, id="marketer"),
        pytest.param(Role.MANAGER, True, True, id="manager"),
        pytest.param(Role.ADMIN, True, True, id="admin"),
    ],
)
def test_who_reads_and_who_writes(role: str, may_read: bool, may_write: bool) -> None:
    actor = Actor(make_user("someone", Role(role)))
    if may_read:
        assert list(spend_list(actor=actor)) == []
    else:
        with pytest.raises(Forbidden):
            spend_list(actor=actor)
    if may_write:
        spend_create(data=NOVEMBER, actor=actor)
        assert AcquisitionSpend.objects.count() == 1
    else:
        with pytest.raises(Forbidden):
            spend_create(data=NOVEMBER, actor=actor)
        assert AcquisitionSpend.objects.count() == 0
        assert _audits() == []


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        pytest.param(
            {"ends_on": date(2026, 10, 31)},
            {"ends_on": "The last day is on or after the first day."},
            id="period-reversed",
        ),
        pytest.param(
            {"amount": Decimal("-1")}, {"amount": "Give an amount of 0 or more."}, id="negative"
        ),
        pytest.param(
            {"amount": Decimal("10.005")},
            {"amount": "Give the amount with at most 2 decimals."},
            id="three-decimals",
        ),
        pytest.param(
            {"currency": "XYZ"}, {"currency": "XYZ is not an ISO 4217 currency code."}, id="code"
        ),
        pytest.param(
            {"currency": "NOK"},
            {
                "currency": "There are no exchange rates for NOK: import them first, or give "
                "the amount in the reporting currency."
            },
            id="no-rates",
        ),
        pytest.param(
            {"country": "XX"}, {"country": "XX is not an ISO 3166 country code."}, id="country"
        ),
        pytest.param(
            {"channel": "x" * 101},
            {"channel": "A channel has at most 100 characters."},
            id="long-channel",
        ),
        pytest.param(
            {"channel": "  "},
            {"channel": "Name the channel (for example: search ads)."},
            id="no-channel",
        ),
    ],
)
def test_bad_values_are_named_and_nothing_is_stored(
    manager: User, change: dict[str, Any], errors: dict[str, str]
) -> None:
    with pytest.raises(FieldErrors) as refused:
        spend_create(data=replace(NOVEMBER, **change), actor=Actor(manager))

    assert refused.value.errors == errors
    assert AcquisitionSpend.objects.count() == 0
    assert _audits() == []


def test_a_currency_with_rates_and_an_empty_country_are_accepted(
    manager: User, sek_rates: None
) -> None:
    row = spend_create(data=replace(NOVEMBER, currency="sek", country=""), actor=Actor(manager))
    assert (row.currency, row.country) == ("SEK", "")


def test_an_exact_duplicate_is_refused(manager: User) -> None:
    spend_create(data=NOVEMBER, actor=Actor(manager))

    with pytest.raises(Conflict) as refused:
        spend_create(data=replace(NOVEMBER, note="again"), actor=Actor(manager))

    assert "This spend is already recorded" in refused.value.message
    assert AcquisitionSpend.objects.count() == 1
    assert len(_audits()) == 1
    # A different amount is another row.
    spend_create(data=replace(NOVEMBER, amount=Decimal("1")), actor=Actor(manager))
    assert AcquisitionSpend.objects.count() == 2


def test_an_update_into_a_duplicate_is_refused(manager: User) -> None:
    spend_create(data=NOVEMBER, actor=Actor(manager))
    other = spend_create(data=replace(NOVEMBER, channel="fairs"), actor=Actor(manager))

    with pytest.raises(Conflict):
        spend_update(spend=other, data=NOVEMBER, actor=Actor(manager))
    other.refresh_from_db()
    assert other.channel == "fairs"


def test_a_missing_or_malformed_id_is_not_found(manager: User) -> None:
    for uid in ("00000000-0000-0000-0000-000000000000", "not-a-uid"):
        with pytest.raises(NotFound):
            spend_get(actor=Actor(manager), uid=uid)


# The spend of a period --------------------------------------------------------------------


def test_rows_are_prorated_by_the_days_they_share_with_the_period(manager: User) -> None:
    actor = Actor(manager)
    spend_create(data=NOVEMBER, actor=actor)  # 3,000 over 30 days: 100 a day
    spend_create(
        data=SpendData(
            date(2026, 11, 25), date(2026, 12, 4), "fairs", "SA", "EUR", Decimal("1000")
        ),
        actor=actor,
    )  # 1,000 over 10 days: 100 a day

    # 21–30 November: 10 days of the first row, 6 of the second.
    assert spend_in(date(2026, 11, 21), date(2026, 11, 30), country=None, to_currency="EUR") == (
        Decimal("1600.00")
    )
    assert spend_in(date(2026, 11, 21), date(2026, 11, 30), country="IT", to_currency="EUR") == (
        Decimal("1000.00")
    )
    assert spend_in(date(2026, 12, 5), date(2026, 12, 31), country=None, to_currency="EUR") == (
        Decimal("0.00")
    )


def test_each_row_is_converted_at_the_rate_of_its_last_day(manager: User, sek_rates: None) -> None:
    spend_create(
        data=SpendData(
            date(2026, 11, 1), date(2026, 11, 29), "radio", "SE", "SEK", Decimal("2900")
        ),
        actor=Actor(manager),
    )

    # 10 of 29 days: 1,000 SEK, at Friday 27 November's 11.5 (the 29th is a Sunday).
    assert spend_in(date(2026, 11, 1), date(2026, 11, 10), country="se", to_currency="EUR") == (
        Decimal("86.96")
    )
    # Crossed through the euro: 1,000 ÷ 11.5 × 1.10.
    assert spend_in(date(2026, 11, 1), date(2026, 11, 10), country=None, to_currency="USD") == (
        Decimal("95.65")
    )


def test_a_row_without_a_rate_raises_missing_rate(manager: User, sek_rates: None) -> None:
    AcquisitionSpend.objects.create(
        starts_on=date(2026, 10, 1),
        ends_on=date(2026, 10, 31),
        channel="radio",
        currency="SEK",
        amount=Decimal("310"),
    )
    with pytest.raises(MissingRate) as refused:
        spend_in(date(2026, 10, 1), date(2026, 10, 31), country=None, to_currency="EUR")
    assert (refused.value.currency, refused.value.day) == ("SEK", date(2026, 10, 31))


@pytest.mark.django_db(transaction=True)
def test_two_identical_submissions_at_once_record_one_row() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run through cortesia.testing.postgres")
    # Given a form sent three times at the same moment
    manager = make_user("mara", Role.MANAGER)

    def send() -> str:
        try:
            spend_create(data=NOVEMBER, actor=Actor(manager))
        except Conflict:
            return "refused"
        return "recorded"

    # When they race
    outcomes = _concurrently(send, send, send)

    # Then one row is recorded, the others are refused as duplicates
    assert sorted(outcomes) == ["recorded", "refused", "refused"]
    assert AcquisitionSpend.objects.count() == 1
    assert len(_audits()) == 1
