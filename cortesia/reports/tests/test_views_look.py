"""How the report pages write values: percentages, minutes, money in the reporting
currency, intervals in the viewer's language, and a dash for no value."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from cortesia.reports.engine import Unit, Value
from cortesia.reports.page_look import Look
from cortesia.reports.periods import Interval

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    ("_case", "look", "value", "unit", "column", "expected"),
    [
        ("percent en", Look("en"), Decimal("87.5"), Unit.PERCENT, "percent", "87.5%"),
        ("percent fi", Look("fi"), Decimal("87.5"), Unit.PERCENT, "percent", "87,5\xa0%"),
        ("count of a percent metric", Look("en"), 1234, Unit.PERCENT, "met", "1,234"),
        ("minutes", Look("en"), Decimal("12.5"), Unit.MINUTES, "median", "12.5 min"),
        ("ticket count of a time", Look("en"), 3, Unit.MINUTES, "count", "3"),
        ("money it", Look("it", "EUR"), Decimal("1234.5"), Unit.MONEY, "amount", "1.234,50\xa0€"),
        ("money of a ratio", Look("en", "EUR"), Decimal("40"), Unit.RATIO, "cac", "€40.00"),
        ("ratio itself", Look("en", "EUR"), Decimal("2.5"), Unit.RATIO, "ratio", "2.5"),
        ("no currency", Look("en"), Decimal("40"), Unit.MONEY, "amount", "40"),
        ("none", Look("en"), None, Unit.COUNT, "count", "–"),
    ],
)
def test_values_are_written_in_the_viewers_language(
    _case: str, look: Look, value: Value, unit: Unit, column: str, expected: str
) -> None:
    assert look.value(value, unit, column) == expected


@pytest.mark.parametrize(
    ("language", "interval", "expected"),
    [
        ("en", Interval.DAY, "Mar 5"),
        ("en", Interval.MONTH, "Mar 2026"),
        ("en", Interval.QUARTER, "Q1 2026"),
        ("it", Interval.WEEK, "5 mar"),
        ("ar", Interval.DAY, "5 مارس"),
    ],
)
def test_intervals_are_named_with_short_dates(
    language: str, interval: Interval, expected: str
) -> None:
    assert Look(language).bucket(date(2026, 3, 5), interval) == expected
