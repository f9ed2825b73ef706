"""Converting amounts at the euro reference rates: direct, crossed through the euro, the
most recent earlier rate on a day without one, and a clear refusal before the first."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pytest_django import DjangoAssertNumQueries

from cortesia.core.actor import Actor
from cortesia.reports.currency import MissingRate, RateTable, money
from cortesia.reports.rates import RateRow, rates_import

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
TUESDAY, WEDNESDAY, FRIDAY, SATURDAY = (date(2024, 1, day) for day in (2, 3, 5, 6))


@pytest.fixture
def table(db: None) -> RateTable:
    rows = [
        RateRow(TUESDAY, "USD", Decimal("1.1000")),
        RateRow(WEDNESDAY, "USD", Decimal("1.0950")),
        RateRow(FRIDAY, "USD", Decimal("1.0900")),
        RateRow(WEDNESDAY, "SEK", Decimal("11.1000")),
        RateRow(FRIDAY, "SEK", Decimal("11.0000")),
    ]
    rates_import(rows=rows, source="test", actor=Actor.system())
    return RateTable.load(["SEK", "usd", "EUR"], date(2024, 12, 31))


def test_loading_reads_every_rate_in_one_query(
    table: RateTable, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(1):
        RateTable.load(["SEK", "USD"], FRIDAY)


def test_euro_to_krona_multiplies_by_the_days_rate(table: RateTable) -> None:
    assert table.convert(Decimal("100"), "EUR", "SEK", WEDNESDAY) == Decimal("1110.000000")


def test_krona_to_euro_divides_by_the_days_rate(table: RateTable) -> None:
    assert table.convert(Decimal("1100"), "SEK", "EUR", FRIDAY) == Decimal(100)


def test_krona_to_dollar_is_crossed_through_the_euro(table: RateTable) -> None:
    # 1,110 SEK ÷ 11.1 = 100 EUR; 100 EUR × 1.095 = 109.5 USD.
    assert table.convert(Decimal("1110"), "SEK", "USD", WEDNESDAY) == Decimal("109.5")


def test_a_saturday_takes_fridays_rate(table: RateTable) -> None:
    assert table.per_euro("SEK", SATURDAY) == Decimal("11.000000")
    assert money(table.convert(Decimal("10"), "EUR", "SEK", SATURDAY)) == Decimal("110.00")
    # Thursday had no rate published in this table: Wednesday's applies.
    assert table.per_euro("USD", date(2024, 1, 4)) == Decimal("1.095000")


def test_the_same_currency_is_returned_unchanged(table: RateTable) -> None:
    assert table.convert(Decimal("12.345"), "SEK", "sek", date(1990, 1, 1)) == Decimal("12.345")
    assert table.convert(Decimal("7"), "EUR", "EUR", date(1990, 1, 1)) == Decimal(7)


def test_a_day_before_the_first_rate_is_refused_with_both_days(table: RateTable) -> None:
    with pytest.raises(MissingRate) as refused:
        table.convert(Decimal("100"), "EUR", "SEK", TUESDAY)

    assert (refused.value.currency, refused.value.day, refused.value.first) == (
        "SEK",
        TUESDAY,
        WEDNESDAY,
    )
    assert str(refused.value) == (
        "No exchange rate for SEK before 2024-01-02 (the first is of 2024-01-03)."
    )


def test_a_currency_without_any_rate_says_so(table: RateTable) -> None:
    with pytest.raises(MissingRate) as refused:
        table.convert(Decimal("1"), "NOK", "EUR", FRIDAY)
    assert str(refused.value) == "No exchange rate for NOK is stored."


def test_rates_after_the_loaded_day_are_not_read(db: None, table: RateTable) -> None:
    early = RateTable.load(["SEK"], WEDNESDAY)
    assert early.per_euro("SEK", SATURDAY) == Decimal("11.100000")


@pytest.mark.parametrize(
    ("amount", "shown"),
    [("0.125", "0.13"), ("0.135", "0.14"), ("-0.125", "-0.13"), ("2.5", "2.50")],
)
def test_money_rounds_half_up_to_cents(amount: str, shown: str) -> None:
    assert str(money(Decimal(amount))) == shown
