"""For random order histories, the customer counts equal a direct reading of the definitions.

Each example places counted, returned and cancelled orders of a few customers (two of
them sometimes at the same instant) over ten weeks around the European DST change, sets a
random inactivity period, then asks for random periods, zones, intervals and groupings.
The expected figures are computed here from the orders alone, in plain Python, straight
from the definitions: active at t = a counted order in [t − N, t); lost at x + N when no
counted order follows x within N days; new = first counted order ever. Neither side's code
is shared with the other; in particular "active at the end" is counted directly here, not
from the flow the metric adds up.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cortesia.accounts.models import Role, User
from cortesia.core.actor import Actor
from cortesia.customers.orders import OrderData, order_record
from cortesia.customers.services import CustomerData, customer_create
from cortesia.reports.engine import MetricQuery, Value, metric_run
from cortesia.reports.models import ReportSettings
from cortesia.reports.periods import Interval, ReportPeriod
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

START = datetime(2026, 3, 1, tzinfo=UTC)
LANGUAGES = ("it", "fi", "it", "ar")
STATUSES = ("paid", "paid", "delivered", "returned", "cancelled")
ZONES = ("UTC", "Europe/Rome", "America/Los_Angeles")
INTERVALS = (Interval.NONE, Interval.DAY, Interval.WEEK, Interval.MONTH)


@dataclass(frozen=True)
class Placed:
    customer: int  # index into LANGUAGES
    minute: int  # after START
    status: str

    @property
    def at(self) -> datetime:
        return START + timedelta(minutes=self.minute)


@dataclass(frozen=True)
class Ask:
    zone: str
    first_day: int
    days: int
    interval: Interval
    group_by: str


placed = st.builds(
    Placed,
    customer=st.integers(0, len(LANGUAGES) - 1),
    minute=st.integers(0, 70 * 24 * 60).map(lambda m: m - m % 720),  # ties are likely
    status=st.sampled_from(STATUSES),
)
asks = st.builds(
    Ask,
    zone=st.sampled_from(ZONES),
    first_day=st.integers(0, 60),
    days=st.integers(1, 40),
    interval=st.sampled_from(INTERVALS),
    group_by=st.sampled_from(("", "language")),
)

Figures = dict[str, Value]


def _instant(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def _expected(
    orders: list[Placed], period: ReportPeriod, days: int, group_by: str
) -> dict[tuple[date | None, str | None], Figures]:
    lost_after = timedelta(days=days)
    times: dict[int, list[datetime]] = defaultdict(list)
    for order in orders:
        if order.status not in ("returned", "cancelled"):
            times[order.customer].append(order.at)
    buckets = period.buckets()
    ends = [*buckets[1:], period.last + timedelta(days=1)]
    out: dict[tuple[date | None, str | None], Figures] = {}
    for bucket, following in zip(buckets, ends, strict=True):
        start = _instant(bucket or period.first, period.zone)
        end = _instant(following or period.last + timedelta(days=1), period.zone)
        tallies: dict[str | None, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for customer, instants in times.items():
            tally = tallies[LANGUAGES[customer] if group_by else None]
            inside = [x for x in instants if start <= x < end]
            tally["customers"] += bool(inside)
            tally["repeat"] += len(inside) >= 2
            tally["new"] += start <= min(instants) < end
            tally["at_start"] += any(start - lost_after <= x < start for x in instants)
            tally["at_end"] += any(end - lost_after <= x < end for x in instants)
            tally["lost"] += sum(
                1
                for x in set(instants)
                if start <= x + lost_after < end
                and not any(x < y <= x + lost_after for y in instants)
            )
        for group, tally in tallies.items():
            out[(bucket, group)] = dict(tally)
    return out


def _check(admin: User, ask: Ask, orders: list[Placed], days: int) -> None:
    first = START.date() + timedelta(days=ask.first_day)
    period = ReportPeriod(
        first, first + timedelta(days=ask.days - 1), ZoneInfo(ask.zone), ask.interval
    )
    expected = _expected(orders, period, days, ask.group_by)
    columns = {
        "active_customers": {"count": "customers"},
        "new_customers": {"count": "new"},
        "lost_customers": {"count": "lost"},
        "repeat_purchase_rate": {"repeat": "repeat", "customers": "customers"},
        "retention_rate": {"at_start": "at_start", "at_end": "at_end", "new": "new"},
        "churn_rate": {"lost": "lost", "at_start": "at_start"},
    }
    for metric, names in columns.items():
        query = MetricQuery(metric, period, group_by=ask.group_by)
        answered = {
            (row.period, row.group): {column: row.values[column] for column in names}
            for row in metric_run(query, admin).rows
        }
        for key, tally in expected.items():
            wanted = {column: tally.get(name, 0) for column, name in names.items()}
            if key in answered or any(wanted.values()):
                assert answered.get(key) == wanted, (metric, key, ask, days)


class Rollback(Exception):
    """Raised at the end of an example to undo its rows."""


@pytest.fixture
def admin(db: None) -> User:
    return make_user("root", Role.ADMIN)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    orders=st.lists(placed, max_size=14),
    days=st.sampled_from((1, 3, 10, 30)),
    questions=st.lists(asks, min_size=1, max_size=3),
)
def test_customer_counts_follow_the_definitions(
    admin: User, orders: list[Placed], days: int, questions: list[Ask]
) -> None:
    try:
        with transaction.atomic():
            ReportSettings.objects.create(lost_after_days=days)
            customers = [
                customer_create(
                    data=CustomerData(given_name=f"C{index}", language=language),
                    actor=Actor.system(),
                )
                for index, language in enumerate(LANGUAGES)
            ]
            for number, order in enumerate(orders):
                order_record(
                    customer=customers[order.customer],
                    actor=Actor.system(),
                    data=OrderData(
                        number=f"N{number}",
                        placed_at=order.at,
                        currency="EUR",
                        total="10",
                        status=order.status,
                    ),
                )
            for ask in questions:
                _check(admin, ask, orders, days)
            raise Rollback
    except Rollback:
        pass
