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
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import (
    Aggregate,
    Case,
    DateField,
    DateTimeField,
    ExpressionWrapper,
    F,
    Max,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast

from cortesia.customers.models import Customer, Order
from cortesia.customers.order_stats import COUNTED_STATUSES
from cortesia.customers.segment_rules import compile_rules
from cortesia.reports import dimensions as dims
from cortesia.reports.bucketing import interval_of
from cortesia.reports.currency import EURO
from cortesia.reports.engine import MetricQuery, percent
from cortesia.reports.models import ReportSettings
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


# One pass over each customer's orders in time order, in the database: an order's
# predecessor and successor tell whether it starts an activity (nothing in the N days
# before), ends one (nothing in the N days after), is the customer's last of its interval
# (one per active customer, no DISTINCT) or their second (a repeat purchase). Orders of one
# customer at the same instant need no tie-break: each one's neighbour at that instant keeps
# it from starting or ending an activity, whichever of them comes first. (Without the id,
# the period index covers every column read: an index-only scan.)
COUNTS_SQL = """
SELECT bucket, lost_bucket, grp,
  SUM(CASE WHEN in_period = 1 THEN 1 ELSE 0 END),
  SUM(CASE WHEN in_period = 1 AND (next_bucket IS NULL OR next_bucket <> bucket)
      THEN 1 ELSE 0 END),
  SUM(CASE WHEN in_period = 1 AND prev_bucket = bucket
      AND (prev2_bucket IS NULL OR prev2_bucket <> bucket) THEN 1 ELSE 0 END),
  SUM(CASE WHEN in_period = 1 AND (prev_ceiling IS NULL OR prev_ceiling < moment)
      THEN 1 ELSE 0 END),
  SUM(CASE WHEN in_period = 1 AND prev_ceiling IS NULL AND {no_older} THEN 1 ELSE 0 END),
  SUM(CASE WHEN loses = 1 AND (next_at IS NULL OR next_at > ceiling) THEN 1 ELSE 0 END),
  SUM(CASE WHEN in_period = 0 AND (next_in_period IS NULL OR next_in_period = 1)
      THEN 1 ELSE 0 END)
FROM (
  SELECT y.*,
    LAG(ceiling) OVER w AS prev_ceiling,
    LAG(bucket) OVER w AS prev_bucket,
    LAG(bucket, 2) OVER w AS prev2_bucket,
    LEAD(bucket) OVER w AS next_bucket,
    LEAD(moment) OVER w AS next_at,
    LEAD(in_period) OVER w AS next_in_period
  FROM ({inner}) y
  WINDOW w AS (PARTITION BY customer_id ORDER BY moment)
) x
GROUP BY bucket, lost_bucket, grp
"""
# Only for the first order of a customer within the rows read: none older than those rows.
NO_OLDER_SQL = """NOT EXISTS (
      SELECT 1 FROM {orders} older WHERE older.customer_id = x.customer_id
      AND older.placed_at < x.scan_from AND older.status IN ({statuses}))"""
COUNT_NAMES = ("orders", "customers", "repeat", "activations", "new", "lost", "at_start")


def _flag(condition: Q) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0))


HISTORY_COLUMNS = (
    "customer_id, moment, bucket, lost_bucket, grp, ceiling, scan_from, in_period, loses"
)


def _history(
    query: MetricQuery, extra: Q, field: str | None, since: datetime, lost_after: timedelta
) -> tuple[str, list[Any]]:
    """SQL of the rows COUNTS_SQL reads: the period's counted orders and, from ``since``
    on, each customer's last counted order before the period. (Only that one matters: any
    earlier one is followed by it within N days, so it neither ends an activity in the
    period nor comes just before one of its orders.) Each row carries its interval, the
    interval of its loss (moment + N), its group, ...; all computed in the database, in its
    own representation, so the raw SQL compares like with like."""
    period = query.period
    rows = counted_orders(query).filter(extra)
    group = F(field) if field else Value("")
    common = {
        "lost_bucket": interval_of(period, lost_after, "moment"),
        "ceiling": ExpressionWrapper(F("moment") + lost_after, output_field=DateTimeField()),
        "scan_from": Value(since, output_field=DateTimeField()),
        "loses": _flag(Q(moment__lt=period.end - lost_after)),
    }
    parts = [
        rows.filter(placed_between(period.start, period.end))
        .annotate(moment=F("placed_at"), grp=group)
        .annotate(bucket=interval_of(period, timedelta(0), "moment"), in_period=Value(1), **common)
        .values(*HISTORY_COLUMNS.split(", "))
    ]
    if since < period.start:
        parts.append(
            rows.filter(placed_between(since, period.start))
            .annotate(grp=group)
            .values("customer_id", "grp")
            .annotate(moment=Max("placed_at"))
            .annotate(bucket=Cast(Value(None), DateField()), in_period=Value(0), **common)
        )
    sqls, params = [], []
    for part in parts:
        sql, more = part.query.sql_with_params()
        # The ORM's own SQL, its values passed as parameters.
        sqls.append(f"SELECT {HISTORY_COLUMNS} FROM ({sql}) part")  # noqa: S608
        params += list(more)
    return " UNION ALL ".join(sqls), params


def _fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The planner prices the per-row subquery as if every row ran it and turns JIT
            # on; compiling takes longer (about a second) than the whole query without it.
            cursor.execute("SET LOCAL jit = off")
            # The window's sort and the grouping stay in memory (a few hundred thousand
            # narrow rows for a 90-day period at a million orders).
            cursor.execute("SET LOCAL work_mem = '64MB'")
        cursor.execute(sql, params)  # the statuses come first in the text
        return list(cursor.fetchall())


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
    since = period.start - lost_after if history else period.start
    counts: dict[Key, Counts] = defaultdict(lambda: defaultdict(int))
    at_start: dict[str | None, int] = defaultdict(int)
    for group_key, extra, field in group_passes(query):
        inner, params = _history(query, extra, field, since, lost_after)
        statuses = ", ".join(["%s"] * len(COUNTED))
        orders = connection.ops.quote_name(Order._meta.db_table)
        no_older = NO_OLDER_SQL.format(orders=orders, statuses=statuses) if history else "1 = 0"
        sql = COUNTS_SQL.format(inner=inner, no_older=no_older)
        found = _fetch(sql, [*COUNTED, *params] if history else params)
        for bucket, lost_bucket, raw_group, *values in found:
            group = ("" if raw_group is None else str(raw_group)) if field else group_key
            tally = dict(zip(COUNT_NAMES, (int(value or 0) for value in values), strict=True))
            at_start[group] += tally.pop("at_start")
            lost = tally.pop("lost")
            if lost:
                counts[(_day(lost_bucket, period), group)]["lost"] += lost
            if any(tally.values()):
                target = counts[(_day(bucket, period), group)]
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
