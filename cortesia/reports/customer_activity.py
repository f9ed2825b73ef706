"""Customers' activity read from their counted orders: who is active, new, back or lost
in each interval of a report, per group, counted in the database.

Only counted orders count (placed, paid, shipped, delivered; returned and cancelled do
not). A customer is *active at an instant* t when they have a counted order in
[t − N days, t), N being ``ReportSettings.lost_after_days`` (days of 24 hours). They
become active at an order placed while inactive (an *activation*: the first order ever
makes them *new*) and become *lost* at the instant N days after their last order, when no
order came in between. So the customers active at the end of an interval are those active
at its start, plus its activations, minus its losses (:class:`Flow`). Groups are the
customer's current country, language or segment.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import (
    Aggregate,
    Case,
    Count,
    DateField,
    F,
    Q,
    QuerySet,
    Value,
    When,
)

from cortesia.customers.models import Customer, Order
from cortesia.customers.order_stats import COUNTED_STATUSES
from cortesia.customers.segment_rules import compile_rules
from cortesia.reports import dimensions as dims
from cortesia.reports.bucketing import interval_of
from cortesia.reports.currency import EURO
from cortesia.reports.engine import MetricQuery, percent
from cortesia.reports.models import OrderLink, ReportSettings
from cortesia.reports.periods import Interval, ReportPeriod

COUNTED = tuple(str(status) for status in COUNTED_STATUSES)
# The field of each dimension on an order: the customer's current profile.
FIELDS = {dims.COUNTRY.key: "customer__country", dims.LANGUAGE.key: "customer__language"}
HUNDRED = Decimal(100)


Key = tuple[date | None, str | None]  # (interval, group)
Counts = dict[str, int]


@dataclass(frozen=True)
class EconomicsSettings:
    lost_after: timedelta
    margin_percent: Decimal
    currency: str


def economics_settings() -> EconomicsSettings:
    """The stored report settings, or their defaults (180 days, 100 %, EUR)."""
    row = ReportSettings.objects.first()
    if row is None:
        return EconomicsSettings(timedelta(days=180), HUNDRED, EURO)
    return EconomicsSettings(
        timedelta(days=row.lost_after_days), row.margin_percent, row.reporting_currency.upper()
    )


def _condition(name: str, value: str) -> Q:
    """One filter on the order's customer; an unknown segment matches nothing."""
    if name == dims.SEGMENT.key:
        rules = dims.segment_rules_of(value)
        if rules is None:
            return dims.nothing()
        return Q(customer_id__in=Customer.objects.filter(compile_rules(rules)).values("pk"))
    return Q(**{FIELDS[name]: value})


def counted_orders(query: MetricQuery) -> QuerySet[Order]:
    """Counted orders of the customers the filters keep (any time)."""
    rows = Order.objects.filter(status__in=COUNTED).order_by()
    for name, value in query.filters.items():
        rows = rows.filter(_condition(name, value))
    return rows


def placed_between(start: Any, end: Any) -> Q:
    return Q(placed_at__gte=start, placed_at__lt=end)


def group_passes(query: MetricQuery) -> Iterator[tuple[str | None, Q, str | None]]:
    """(group key, extra condition, grouping field) per pass: one per segment (current
    members), else one pass grouped in the database."""
    if query.group_by == dims.SEGMENT.key:
        from cortesia.customers.models import Segment

        for uid, rules in Segment.objects.order_by("name").values_list("uid", "rules"):
            members = Customer.objects.filter(compile_rules(rules)).values("pk")
            yield str(uid), Q(customer_id__in=members), None
        return
    yield None, Q(), FIELDS.get(query.group_by) if query.group_by else None


def tally(
    query: MetricQuery,
    rows: QuerySet[Order],
    aggregates: dict[str, Aggregate],
    per: tuple[str, ...],
) -> Iterator[tuple[Key, dict[str, Any]]]:
    """Aggregate ``rows`` per interval, group and ``per``."""
    has_interval = query.period.interval != Interval.NONE
    for group_key, extra, field in group_passes(query):
        selected = rows.filter(extra)
        names = list(per)
        if has_interval:
            selected = selected.annotate(bucket=interval_of(query.period, timedelta(0)))
            names.append("bucket")
        if field:
            names.append(field)
        for row in selected.values(*names).annotate(**aggregates).order_by():
            group = ("" if row[field] is None else str(row[field])) if field else group_key
            yield (row.get("bucket"), group), row


# Each counted order knows its customer's previous, second previous and next counted
# orders (``OrderLink``), so one aggregate over the rows of a period (and of the N days
# before it) counts everything, with no sort: an order starts an activity when nothing
# came in the N days before it (the first ever makes a new customer), ends one when
# nothing comes in the N days after it, is the customer's last of its interval (one per
# active customer, no DISTINCT) or their second there (a repeat purchase), and the last
# order before the period of a customer active at its start counts them once. Orders of
# one customer at the same instant are ordered by id: each one's neighbour at that instant
# keeps it from starting or ending an activity.
COUNT_NAMES = ("orders", "customers", "repeat", "activations", "new", "lost", "at_start")


def activity_links(query: MetricQuery) -> QuerySet[OrderLink]:
    """Order links of the customers the filters keep (any time)."""
    rows = OrderLink.objects.order_by()
    for name, value in query.filters.items():
        rows = rows.filter(_condition(name, value))
    return rows


def _in_period_interval(period: ReportPeriod, at: str) -> Case:
    """The interval of ``at`` when it falls in the period, else NULL."""
    return Case(
        When(
            **{f"{at}__gte": period.start, f"{at}__lt": period.end},
            then=interval_of(period, timedelta(0), at),
        ),
        output_field=DateField(),
    )


def _count_aggregates(period: ReportPeriod, lost_after: timedelta) -> dict[str, Count]:
    # Counting placed_at (never NULL), which the period index holds: the index alone
    # answers on PostgreSQL.
    in_period = Q(placed_at__gte=period.start)
    last_of_interval = Q(next_bucket__isnull=True) | ~Q(next_bucket=F("bucket"))
    second_of_interval = Q(previous_bucket=F("bucket")) & (
        Q(previous2_bucket__isnull=True) | ~Q(previous2_bucket=F("bucket"))
    )
    starts = Q(previous_at__isnull=True) | Q(previous_at__lt=F("placed_at") - lost_after)
    return {
        "orders": Count("placed_at", filter=in_period),
        "customers": Count("placed_at", filter=in_period & last_of_interval),
        "repeat": Count("placed_at", filter=in_period & second_of_interval),
        "activations": Count("placed_at", filter=in_period & starts),
        "new": Count("placed_at", filter=in_period & Q(previous_at__isnull=True)),
        "lost": Count("placed_at", filter=Q(lost_bucket__isnull=False)),
        "at_start": Count(
            "placed_at",
            filter=Q(placed_at__lt=period.start)
            & (Q(next_at__isnull=True) | Q(next_at__gte=period.start)),
        ),
    }


def _links_counted(
    query: MetricQuery, extra: Q, field: str | None, lost_after: timedelta, *, history: bool
) -> list[dict[str, Any]]:
    """The counts per (interval, interval of loss, group) of one group pass."""
    period = query.period
    since = period.start - lost_after if history else period.start
    rows = activity_links(query).filter(extra, placed_at__gte=since, placed_at__lt=period.end)
    ends = Q(placed_at__lt=period.end - lost_after) & (
        Q(next_at__isnull=True) | Q(next_at__gt=F("placed_at") + lost_after)
    )
    rows = rows.annotate(
        bucket=_in_period_interval(period, "placed_at"),
        next_bucket=_in_period_interval(period, "next_at"),
        previous_bucket=_in_period_interval(period, "previous_at"),
        previous2_bucket=_in_period_interval(period, "previous2_at"),
        lost_bucket=Case(
            When(ends, then=interval_of(period, lost_after, "placed_at")),
            output_field=DateField(),
        )
        if history
        else Value(None, output_field=DateField()),
        grp=F(field) if field else Value(""),
    )
    aggregates = _count_aggregates(period, lost_after)
    return list(rows.values("bucket", "lost_bucket", "grp").annotate(**aggregates).order_by())


def _day(raw: object, period: ReportPeriod) -> date | None:
    """A bucket as read from the database (SQLite gives text) as the row's interval."""
    if raw is None or period.interval == Interval.NONE:
        return None
    return raw if isinstance(raw, date) else date.fromisoformat(str(raw))


@dataclass
class CustomerCounts:
    """Counts per (interval, group), and customers active at the period's start per group."""

    counts: dict[Key, Counts]
    at_start: dict[str | None, int]

    def get(self, key: Key, name: str) -> int:
        return self.counts.get(key, {}).get(name, 0)


def customer_counts(query: MetricQuery, *, history: bool) -> CustomerCounts:
    """Count orders, active, repeat, activated, new and lost customers per interval and
    group, and those active at the start. Without ``history`` only the period's orders are
    read (enough for orders, active and repeat customers)."""
    period = query.period
    lost_after = economics_settings().lost_after
    counts: dict[Key, Counts] = defaultdict(lambda: defaultdict(int))
    at_start: dict[str | None, int] = defaultdict(int)
    for group_key, extra, field in group_passes(query):
        for row in _links_counted(query, extra, field, lost_after, history=history):
            raw_group = row["grp"]
            group = ("" if raw_group is None else str(raw_group)) if field else group_key
            tally = {name: int(row[name] or 0) for name in COUNT_NAMES}
            at_start[group] += tally.pop("at_start")
            lost = tally.pop("lost")
            if lost:
                counts[(_day(row["lost_bucket"], period), group)]["lost"] += lost
            if any(tally.values()):
                target = counts[(_day(row["bucket"], period), group)]
                for name, value in tally.items():
                    target[name] += value
    # Plain dictionaries: the counts are kept in the cache, which pickles them.
    return CustomerCounts({key: dict(value) for key, value in counts.items()}, dict(at_start))


@dataclass(frozen=True)
class Flow:
    """One interval of one group: customers active at its start and end, and why."""

    at_start: int
    activations: int
    new: int
    lost: int

    @property
    def at_end(self) -> int:
        return self.at_start + self.activations - self.lost

    @property
    def retention(self) -> Decimal | None:
        return percent(self.at_end - self.new, self.at_start)

    @property
    def churn(self) -> Decimal | None:
        return percent(self.lost, self.at_start)


def customer_flows(query: MetricQuery, counted: CustomerCounts) -> dict[Key, Flow]:
    """Each interval's flow; an interval starts with the customers the previous one ended
    with (the first with those active at the period's start)."""
    flows: dict[Key, Flow] = {}
    for group in row_groups(query, counted.counts, counted.at_start):
        current = counted.at_start.get(group, 0)
        for bucket in query.period.buckets():
            key = (bucket, group)
            flow = Flow(
                current,
                counted.get(key, "activations"),
                counted.get(key, "new"),
                counted.get(key, "lost"),
            )
            flows[key] = flow
            current = flow.at_end
    return flows


def row_groups(
    query: MetricQuery, keys: Iterable[Key], more: Iterable[str | None] = ()
) -> list[str | None]:
    if not query.group_by:
        return [None]
    seen = {group for (_bucket_key, group) in keys} | set(more)
    return [*sorted(group or "" for group in seen)]
