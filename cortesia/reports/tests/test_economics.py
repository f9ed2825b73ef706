"""Customer economics on a hand-made history, March 2026 in Rome (DST starts on the 29th).

Orders (UTC), lost after 180 days:
    Ana  IT it  2025-06-10 EUR 100, 2026-03-05 EUR 50, 2026-03-20 EUR 30 (back after being lost)
    Ben  FI fi  2025-10-01 12:00 EUR 200, 2026-03-10 EUR 70 returned (lost 2026-03-30 12:00)
    Cara IT en  2026-03-10 SEK 1000, 2026-03-12 EUR 40 (new, repeat)
    Dan  FI fi  2025-11-15 EUR 60, 2026-03-15 09:00 EUR 80 (Sunday 10:00 in Rome)
    Eva  -- ar  2026-02-01 EUR 500 cancelled, 2026-03-31 21:30 EUR 20 (23:30 in Rome: new)
    Gio  IT it  2026-03-31 22:30 EUR 999 (00:30 on 1 April in Rome: after the period)
SEK: 11 per euro from 2026-03-09 (the 10th takes the 9th's rate).

Active at the start: Ben, Dan (2). Activations: Ana, Cara, Eva (3; new: Cara, Eva). Lost:
Ben (1). Active at the end: 2 + 3 − 1 = 4. Revenue: 220 EUR + 1000 ÷ 11 = 310.909… EUR.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from cortesia.accounts.models import User
from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden
from cortesia.customers.models import Customer, Order
from cortesia.customers.orders import OrderData, order_record
from cortesia.customers.segments import SegmentData, segment_create
from cortesia.customers.services import CustomerData, customer_create
from cortesia.reports.engine import MetricQuery, Result, Value, metric_run
from cortesia.reports.models import AcquisitionSpend, ExchangeRate, ReportSettings
from cortesia.reports.periods import Interval, ReportPeriod

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ROME = ZoneInfo("Europe/Rome")
MARCH = ReportPeriod(date(2026, 3, 1), date(2026, 3, 31), ROME)
MARCH_WEEKS = ReportPeriod(date(2026, 3, 1), date(2026, 3, 31), ROME, Interval.WEEK)
WEEKS = [date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)]
WEEKS += [date(2026, 3, 23), date(2026, 3, 30)]


def _at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


HISTORY: dict[str, tuple[str | None, str, list[tuple[datetime, str, str, str]]]] = {
    "Ana": (
        "IT",
        "it",
        [
            (_at(2025, 6, 10), "EUR", "100", "delivered"),
            (_at(2026, 3, 5), "EUR", "50", "paid"),
            (_at(2026, 3, 20), "EUR", "30", "placed"),
        ],
    ),
    "Ben": (
        "FI",
        "fi",
        [
            (_at(2025, 10, 1, 12), "EUR", "200", "delivered"),
            (_at(2026, 3, 10, 9), "EUR", "70", "returned"),
        ],
    ),
    "Cara": (
        "IT",
        "en",
        [
            (_at(2026, 3, 10, 8), "SEK", "1000", "shipped"),
            (_at(2026, 3, 12, 8), "EUR", "40", "paid"),
        ],
    ),
    "Dan": (
        "FI",
        "fi",
        [(_at(2025, 11, 15, 9), "EUR", "60", "paid"), (_at(2026, 3, 15, 9), "EUR", "80", "paid")],
    ),
    "Eva": (
        None,
        "ar",
        [
            (_at(2026, 2, 1), "EUR", "500", "cancelled"),
            (_at(2026, 3, 31, 21, 30), "EUR", "20", "placed"),
        ],
    ),
    "Gio": ("IT", "it", [(_at(2026, 3, 31, 22, 30), "EUR", "999", "placed")]),
}


@pytest.fixture
def history(db: None) -> dict[str, Customer]:
    customers = {}
    for name, (country, language, orders) in HISTORY.items():
        customer = customer_create(
            data=CustomerData(given_name=name, country=country, language=language),
            actor=Actor.system(),
        )
        for index, (placed_at, currency, total, status) in enumerate(orders):
            order_record(
                customer=customer,
                actor=Actor.system(),
                data=OrderData(
                    number=f"{name}-{index}",
                    placed_at=placed_at,
                    currency=currency,
                    total=total,
                    status=status,
                ),
            )
        customers[name] = customer
    ExchangeRate.objects.create(day=date(2026, 3, 9), currency="SEK", per_euro=Decimal(11))
    return customers


@pytest.fixture
def manager(db: None) -> User:
    from cortesia.accounts.models import Role
    from cortesia.testing.fixtures import make_user

    return make_user("maria", Role.MANAGER)


def _run(viewer: User, metric: str, period: ReportPeriod = MARCH, **extra: Any) -> Result:
    return metric_run(MetricQuery(metric, period, **extra), viewer)


def _values(result: Result) -> list[tuple[date | None, str | None, tuple[Value, ...]]]:
    return [
        (row.period, row.group, tuple(row.values[name] for name in result.columns))
        for row in result.rows
    ]


def _total(viewer: User, metric: str, **extra: Any) -> tuple[Value, ...]:
    result = _run(viewer, metric, **extra)
    assert [(row.period, row.group) for row in result.rows] == [(None, None)]
    assert result.notes == []
    return tuple(result.rows[0].values[name] for name in result.columns)


CASES = [
    ("active: Ben's returned order and Gio's April order do not count", "active_customers", (4,)),
    ("new: Eva's cancelled order is not her first", "new_customers", (2,)),
    ("lost: Ben, 180 days after 1 October", "lost_customers", (1,)),
    (
        "retention: (4 at the end - 2 new) / 2 at the start",
        "retention_rate",
        (Decimal("100.0"), 2, 2, 4, 2),
    ),
    ("churn: 1 lost / 2 at the start", "churn_rate", (Decimal("50.0"), 1, 2)),
    (
        "aov: SEK at the rate of the 9th",
        "average_order_value",
        (Decimal("51.82"), Decimal("310.91"), 6),
    ),
    ("frequency: 6 orders / 4 customers", "purchase_frequency", (Decimal("1.50"), 6, 4)),
    ("repeat: Ana and Cara", "repeat_purchase_rate", (Decimal("50.0"), 2, 4)),
    (
        "cltv: 51.82 x 1.5 x (2 / 1) x 100 %",
        "cltv",
        (Decimal("155.45"), Decimal("51.82"), Decimal("1.50"), Decimal("2.00"), Decimal(100)),
    ),
]


@pytest.mark.parametrize(("_case", "metric", "expected"), CASES)
def test_march_totals(
    history: dict[str, Customer], manager: User, _case: str, metric: str, expected: tuple[Value]
) -> None:
    assert _total(manager, metric) == expected


def test_weeks_carry_the_customers_from_one_interval_to_the_next(
    history: dict[str, Customer], manager: User
) -> None:
    # given ISO weeks, the first clipped to Sunday 1 March
    result = _run(manager, "retention_rate", MARCH_WEEKS)
    # then each week starts with the customers the previous one ended with
    assert _values(result) == [
        (WEEKS[0], None, (Decimal("100.0"), 2, 2, 2, 0)),
        (WEEKS[1], None, (Decimal("150.0"), 3, 2, 3, 0)),  # Ana is back
        (WEEKS[2], None, (Decimal("100.0"), 3, 3, 4, 1)),  # Cara is new
        (WEEKS[3], None, (Decimal("100.0"), 4, 4, 4, 0)),
        (WEEKS[4], None, (Decimal("100.0"), 4, 4, 4, 0)),
        (WEEKS[5], None, (Decimal("75.0"), 3, 4, 4, 1)),  # Eva new, Ben lost
    ]
    churn = _run(manager, "churn_rate", MARCH_WEEKS)
    assert [row.values["percent"] for row in churn.rows] == [Decimal("0.0")] * 5 + [Decimal("25.0")]


def test_active_customers_by_week_count_local_days(
    history: dict[str, Customer], manager: User
) -> None:
    result = _run(manager, "active_customers", MARCH_WEEKS)
    # Dan's Sunday order is in the week of the 9th; Eva's 23:30 order on the 31st counts.
    assert [row.values["count"] for row in result.rows] == [0, 1, 2, 1, 0, 1]


def test_lost_customers_by_day(history: dict[str, Customer], manager: User) -> None:
    period = ReportPeriod(date(2026, 3, 28), date(2026, 3, 31), ROME, Interval.DAY)
    result = _run(manager, "lost_customers", period)
    assert _values(result) == [
        (date(2026, 3, 28), None, (0,)),
        (date(2026, 3, 29), None, (0,)),
        (date(2026, 3, 30), None, (1,)),
        (date(2026, 3, 31), None, (0,)),
    ]


def test_grouped_by_country_unknown_first(history: dict[str, Customer], manager: User) -> None:
    result = _run(manager, "active_customers", group_by="country")
    assert _values(result) == [(None, "", (1,)), (None, "FI", (1,)), (None, "IT", (2,))]
    churn = _run(manager, "churn_rate", group_by="country")
    assert _values(churn) == [
        (None, "", (None, 0, 0)),  # nobody at the start: no rate, never 0
        (None, "FI", (Decimal("50.0"), 1, 2)),
        (None, "IT", (None, 0, 0)),
    ]


def test_filtered_by_language_and_grouped_by_segment(
    history: dict[str, Customer], manager: User
) -> None:
    rules = {"op": "and", "rules": [{"field": "country", "operator": "in", "value": ["IT"]}]}
    segment = segment_create(data=SegmentData(name="Italy", rules=rules), actor=Actor.system())
    result = _run(manager, "purchase_frequency", group_by="segment", filters={"language": "it"})
    # Ana is the only Italian speaker in Italy with orders in March (Gio's is in April).
    assert _values(result) == [(None, str(segment.uid), (Decimal("2.00"), 2, 1))]


def test_a_missing_rate_blanks_the_money_and_says_so(
    history: dict[str, Customer], manager: User
) -> None:
    ExchangeRate.objects.update(day=date(2026, 3, 11))
    result = _run(manager, "average_order_value", MARCH_WEEKS)
    assert _values(result)[1:3] == [
        (WEEKS[1], None, (Decimal("50.00"), Decimal("50.00"), 1)),
        (WEEKS[2], None, (None, None, 3)),  # Cara's SEK order of the 10th
    ]
    assert result.notes == [
        "No exchange rate for SEK before 2026-03-10 (the first is of 2026-03-11)."
    ]
    lifetime = _run(manager, "cltv")
    assert lifetime.rows[0].values["amount"] is None
    assert len(lifetime.notes) == 1


def test_reporting_currency_and_margin_come_from_the_settings(
    history: dict[str, Customer], manager: User
) -> None:
    ExchangeRate.objects.create(day=date(2026, 1, 2), currency="USD", per_euro=Decimal(2))
    ReportSettings.objects.create(reporting_currency="USD", margin_percent=Decimal(40))
    # 310.909… EUR × 2 = 621.82 USD; CLTV 621.818… / 4 × 2 × 40 % = 124.36
    assert _total(manager, "average_order_value") == (Decimal("103.64"), Decimal("621.82"), 6)
    assert _total(manager, "cltv")[0] == Decimal("124.36")


def test_a_shorter_inactivity_loses_customers_sooner(
    history: dict[str, Customer], manager: User
) -> None:
    ReportSettings.objects.create(lost_after_days=10)
    # Ana (5th → 15th, and again 20th → 30th), Cara (12th → 22nd), Dan (15th → 25th)
    result = _run(manager, "churn_rate", MARCH_WEEKS)
    assert [row.values["lost"] for row in result.rows] == [0, 0, 1, 1, 1, 1]
    assert _total(manager, "new_customers") == (2,)
    assert _total(manager, "lost_customers") == (4,)
    # nobody had ordered in the 10 days before the start: no rate; Eva is left at the end
    assert _total(manager, "retention_rate") == (None, -1, 0, 1, 2)


def test_lifespan_is_unknown_when_nobody_is_lost(
    history: dict[str, Customer], manager: User
) -> None:
    result = _run(manager, "cltv", group_by="language")
    assert _values(result)[0] == (
        None,
        "ar",
        (None, Decimal("20.00"), Decimal("1.00"), None, Decimal(100)),
    )


def test_cac_divides_the_spend_by_the_new_customers(
    history: dict[str, Customer], manager: User
) -> None:
    for country, amount in (("IT", "300"), ("", "100")):
        AcquisitionSpend.objects.create(
            starts_on=date(2026, 3, 1),
            ends_on=date(2026, 3, 31),
            channel="search",
            country=country,
            currency="EUR",
            amount=Decimal(amount),
        )
    assert _total(manager, "cac") == (Decimal("200.00"), Decimal("400.00"), 2)
    assert _total(manager, "cltv_cac_ratio") == (
        Decimal("0.78"),
        Decimal("155.45"),
        Decimal("200.00"),
    )
    by_country = _run(manager, "cac", group_by="country")
    assert _values(by_country) == [
        (None, "", (None, None, 1)),  # Eva: no country, spend cannot be told apart
        (None, "FI", (None, Decimal("0.00"), 0)),  # customers, but none new
        (None, "IT", (Decimal("300.00"), Decimal("300.00"), 1)),
    ]


def test_nothing_ordered_gives_no_rates(history: dict[str, Customer], manager: User) -> None:
    period = ReportPeriod(date(2024, 1, 1), date(2024, 1, 31), ROME)
    assert _total(manager, "retention_rate", period=period) == (None, 0, 0, 0, 0)
    assert _total(manager, "average_order_value", period=period) == (None, Decimal("0.00"), 0)
    assert _total(manager, "cltv", period=period)[0] is None


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("admin", True), ("manager", True), ("marketer", True), ("agent", False)],
)
def test_agents_do_not_see_customer_economics(
    history: dict[str, Customer], role: str, allowed: bool
) -> None:
    from cortesia.accounts.models import Role
    from cortesia.testing.fixtures import make_user

    viewer = make_user(f"viewer-{role}", Role(role))
    if allowed:
        assert _total(viewer, "active_customers") == (4,)
    else:
        with pytest.raises(Forbidden):
            _run(viewer, "active_customers")


def test_counted_statuses_exclude_returned_and_cancelled() -> None:
    from cortesia.reports.customer_activity import COUNTED

    assert set(COUNTED) == set(Order.Status.values) - {"returned", "cancelled"}


def test_orders_at_the_same_instant_start_and_end_one_activity(
    history: dict[str, Customer], manager: User
) -> None:
    # given Hal's first two orders, placed at the same instant
    hal = customer_create(data=CustomerData(given_name="Hal", country="IT"), actor=Actor.system())
    for number in ("Hal-1", "Hal-2"):
        order_record(
            customer=hal,
            actor=Actor.system(),
            data=OrderData(number=number, placed_at=_at(2026, 3, 3), currency="EUR", total="10"),
        )
    ReportSettings.objects.create(lost_after_days=10)
    # then he is one new customer, active, a repeat buyer, and lost once (on the 13th)
    period = ReportPeriod(date(2026, 3, 1), date(2026, 3, 14), ROME)
    assert _total(manager, "new_customers", period=period) == (2,)  # Hal and Cara
    # active: Ana, Cara, Hal; two orders or more: Cara, Hal
    assert _total(manager, "repeat_purchase_rate", period=period) == (Decimal("66.7"), 2, 3)
    # Ana's order of the 5th is lost on the 15th, after this period
    assert _total(manager, "lost_customers", period=period) == (1,)


def test_locale_weeks_and_months_bucket_by_local_day(
    history: dict[str, Customer], manager: User
) -> None:
    # Sunday weeks (e.g. the United States): Dan's Sunday order opens the week of the 15th
    sundays = ReportPeriod(date(2026, 3, 1), date(2026, 3, 31), ROME, Interval.LOCALE_WEEK, 6)
    result = _run(manager, "active_customers", sundays)
    assert _values(result) == [
        (date(2026, 3, 1), None, (1,)),
        (date(2026, 3, 8), None, (1,)),
        (date(2026, 3, 15), None, (2,)),
        (date(2026, 3, 22), None, (0,)),
        (date(2026, 3, 29), None, (1,)),
    ]
    months = ReportPeriod(date(2026, 2, 15), date(2026, 4, 10), ROME, Interval.MONTH)
    assert [row.values["count"] for row in _run(manager, "new_customers", months).rows] == [
        0,
        2,
        1,  # Gio, 00:30 on 1 April in Rome
    ]
