"""Customer economics: active, new and lost customers, retention and churn, order value,
purchase frequency and repeat purchases, CLTV and CAC, by interval and by the customer's
country, language or segment.

Customers are counted as ``customer_activity`` says (active while a counted order is less
than N days old). Money is converted into the reporting currency at the rate of each
order's UTC day (``currency.RateTable``); a missing rate blanks the money of the rows it
touches and adds a note instead of giving a wrong number. docs/metrics.md states each
formula.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from cortesia.accounts.models import User
from cortesia.reports import dimensions as dims
from cortesia.reports.answer_cache import cached_part, kept_part
from cortesia.reports.currency import MissingRate, RateTable, money
from cortesia.reports.customer_activity import (
    FIELDS,
    HUNDRED,
    CustomerCounts,
    Flow,
    Key,
    counted_orders,
    customer_counts,
    customer_flows,
    economics_settings,
    placed_between,
    row_groups,
    tally,
)
from cortesia.reports.engine import (
    Area,
    Metric,
    MetricQuery,
    Row,
    Unit,
    metric_register,
    percent,
    ratio,
)
from cortesia.reports.engine import Value as Figure
from cortesia.reports.periods import ReportPeriod

CUSTOMER_DIMENSIONS = frozenset({*FIELDS, dims.SEGMENT.key})
# Acquisition spend is entered per country only.
SPEND_DIMENSIONS = frozenset({dims.COUNTRY.key})


class NotedRows(list[Row]):
    """Rows with the notes a reader must see beside them (a missing exchange rate); the
    engine copies ``notes`` into the Result."""

    def __init__(self, rows: Iterable[Row] = (), notes: Iterable[str] = ()) -> None:
        super().__init__(rows)
        self.notes = list(dict.fromkeys(notes))


def _rows(
    query: MetricQuery, keys: Iterable[Key], make: Callable[[Key], dict[str, Figure]]
) -> list[Row]:
    """One row per interval (also empty ones) and group seen."""
    groups = row_groups(query, keys)
    return [
        Row(bucket, group, make((bucket, group)))
        for bucket in query.period.buckets()
        for group in groups
    ]


# Money ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Revenue:
    amount: Decimal | None  # in the reporting currency, unrounded; None: a rate is missing
    orders: int


def _revenue(query: MetricQuery, currency: str, notes: list[str]) -> dict[Key, Revenue]:
    """Counted orders' totals per interval and group in ``currency``. The database sums
    per (currency, UTC day); each sum is converted at its day's rate."""
    period = query.period
    rows = counted_orders(query).filter(placed_between(period.start, period.end))
    rows = rows.annotate(utc_day=TruncDate("placed_at", tzinfo=UTC))
    tallied = list(
        tally(
            query,
            rows,
            {"amount": Sum("total"), "orders": Count("pk")},
            per=("currency", "utc_day"),
        )
    )
    if not tallied:
        return {}
    last = max(row["utc_day"] for _key, row in tallied)
    rates = RateTable.load({row["currency"] for _key, row in tallied} | {currency}, last)
    amounts: dict[Key, Decimal | None] = defaultdict(Decimal)
    orders: dict[Key, int] = defaultdict(int)
    for key, row in tallied:
        orders[key] += int(row["orders"])
        try:
            converted = rates.convert(row["amount"], row["currency"], currency, row["utc_day"])
        except MissingRate as error:
            notes.append(str(error))
            amounts[key] = None
            continue
        total = amounts[key]
        amounts[key] = None if total is None else total + converted
    return {key: Revenue(amounts[key], orders[key]) for key in orders}


def _money(amount: Decimal | None) -> Decimal | None:
    return None if amount is None else money(amount)


def _per(amount: Decimal | None, count: int) -> Decimal | None:
    return None if amount is None or not count else amount / count


# Parts the metrics of one page share -----------------------------------------------------

WITH_HISTORY = "customer_counts"


def _counts(query: MetricQuery, viewer: User, *, history: bool) -> CustomerCounts:
    """The customer counts of ``query``, computed once for the metrics of a page (kept
    like answers). The counts with history hold every count of those without, so a metric
    that needs no history takes them when another metric computed them already."""
    if history:
        return cached_part(
            WITH_HISTORY, query, viewer, lambda: customer_counts(query, history=True)
        )
    found = kept_part(WITH_HISTORY, query, viewer)
    if isinstance(found, CustomerCounts):
        return found
    return cached_part(
        "customer_counts_recent", query, viewer, lambda: customer_counts(query, history=False)
    )


def _shared_revenue(query: MetricQuery, viewer: User, notes: list[str]) -> dict[Key, Revenue]:
    """:func:`_revenue`, computed once for the metrics of a page, with its notes."""
    currency = economics_settings().currency

    def compute() -> tuple[dict[Key, Revenue], list[str]]:
        found: list[str] = []
        return _revenue(query, currency, found), found

    revenue, found = cached_part(f"revenue:{currency}", query, viewer, compute)
    notes.extend(found)
    return revenue


# Metrics -------------------------------------------------------------------------------


def _count_rows(query: MetricQuery, viewer: User, name: str, *, history: bool) -> list[Row]:
    counted = _counts(query, viewer, history=history)
    return _rows(query, counted.counts, lambda key: {"count": counted.get(key, name)})


def active_customers(query: MetricQuery, viewer: User) -> list[Row]:
    return _count_rows(query, viewer, "customers", history=False)


def new_customers(query: MetricQuery, viewer: User) -> list[Row]:
    return _count_rows(query, viewer, "new", history=True)


def lost_customers(query: MetricQuery, viewer: User) -> list[Row]:
    return _count_rows(query, viewer, "lost", history=True)


def retention_rate(query: MetricQuery, viewer: User) -> list[Row]:
    flows = customer_flows(query, _counts(query, viewer, history=True))

    def make(key: Key) -> dict[str, Figure]:
        flow = flows[key]
        return {
            "percent": flow.retention,
            "retained": flow.at_end - flow.new,
            "at_start": flow.at_start,
            "at_end": flow.at_end,
            "new": flow.new,
        }

    return _rows(query, flows, make)


def churn_rate(query: MetricQuery, viewer: User) -> list[Row]:
    flows = customer_flows(query, _counts(query, viewer, history=True))

    def make(key: Key) -> dict[str, Figure]:
        flow = flows[key]
        return {"percent": flow.churn, "lost": flow.lost, "at_start": flow.at_start}

    return _rows(query, flows, make)


def average_order_value(query: MetricQuery, viewer: User) -> list[Row]:
    notes: list[str] = []
    revenue = _shared_revenue(query, viewer, notes)

    def make(key: Key) -> dict[str, Figure]:
        found = revenue.get(key, Revenue(Decimal(0), 0))
        return {
            "amount": _money(_per(found.amount, found.orders)),
            "revenue": _money(found.amount),
            "orders": found.orders,
        }

    return NotedRows(_rows(query, revenue, make), notes)


def purchase_frequency(query: MetricQuery, viewer: User) -> list[Row]:
    counted = _counts(query, viewer, history=False)

    def make(key: Key) -> dict[str, Figure]:
        orders, customers = counted.get(key, "orders"), counted.get(key, "customers")
        return {"mean": ratio(orders, customers), "orders": orders, "customers": customers}

    return _rows(query, counted.counts, make)


def repeat_purchase_rate(query: MetricQuery, viewer: User) -> list[Row]:
    counted = _counts(query, viewer, history=False)

    def make(key: Key) -> dict[str, Figure]:
        repeat, customers = counted.get(key, "repeat"), counted.get(key, "customers")
        return {"percent": percent(repeat, customers), "repeat": repeat, "customers": customers}

    return _rows(query, counted.counts, make)


@dataclass(frozen=True)
class Lifetime:
    """CLTV's factors for one interval and group (money in the reporting currency)."""

    average_order_value: Decimal | None
    frequency: Decimal | None
    lifespan: Decimal | None  # in intervals of the row's length; None: nobody lost
    margin: Decimal

    @property
    def value(self) -> Decimal | None:
        factors = (self.average_order_value, self.frequency, self.lifespan)
        if any(factor is None for factor in factors):
            return None
        aov, frequency, lifespan = (Decimal(factor or 0) for factor in factors)
        return aov * frequency * lifespan * self.margin / HUNDRED


def _lifetimes(
    query: MetricQuery, viewer: User, counted: CustomerCounts, notes: list[str]
) -> dict[Key, Lifetime]:
    settings = economics_settings()
    revenue = _shared_revenue(query, viewer, notes)
    flows = customer_flows(query, counted)
    out: dict[Key, Lifetime] = {}
    for key in {*revenue, *flows}:
        found = revenue.get(key, Revenue(Decimal(0), 0))
        customers = counted.get(key, "customers")
        flow = flows.get(key, Flow(0, 0, 0, 0))
        out[key] = Lifetime(
            _per(found.amount, found.orders),
            Decimal(found.orders) / customers if customers else None,
            Decimal(flow.at_start) / flow.lost if flow.lost else None,
            settings.margin_percent,
        )
    return out


def _two(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def cltv(query: MetricQuery, viewer: User) -> list[Row]:
    notes: list[str] = []
    lifetimes = _lifetimes(query, viewer, _counts(query, viewer, history=True), notes)

    def make(key: Key) -> dict[str, Figure]:
        found = lifetimes.get(key, Lifetime(None, None, None, HUNDRED))
        return {
            "amount": _money(found.value),
            "average_order_value": _money(found.average_order_value),
            "frequency": _two(found.frequency),
            "lifespan": _two(found.lifespan),
            "margin_percent": found.margin,
        }

    return NotedRows(_rows(query, lifetimes, make), notes)


def _interval_days(period: ReportPeriod) -> dict[date | None, tuple[date, date]]:
    """The first and last day of every interval of ``period``."""
    firsts = period.buckets()
    days: dict[date | None, tuple[date, date]] = {}
    for index, bucket in enumerate(firsts):
        following = firsts[index + 1] if index + 1 < len(firsts) else None
        first = bucket or period.first
        days[bucket] = (first, following - timedelta(days=1) if following else period.last)
    return days


def _spend_country(query: MetricQuery, group: str | None) -> str | None:
    """The spend rows' country of a group: None for every country; "" for customers with no
    country, whose spend cannot be told apart."""
    if query.group_by == dims.COUNTRY.key:
        return group or ""
    if dims.COUNTRY.key in query.filters:
        return query.filters[dims.COUNTRY.key] or ""
    return None


@dataclass(frozen=True)
class Acquisition:
    spend: Decimal | None  # None: a rate is missing, or customers of no known country
    new: int

    @property
    def cost(self) -> Decimal | None:
        return _per(self.spend, self.new)


def _acquisitions(
    query: MetricQuery, counted: CustomerCounts, notes: list[str]
) -> dict[Key, Acquisition]:
    """Spend and new customers per interval and group."""
    from cortesia.reports.spend import spend_in

    currency = economics_settings().currency
    keys = _rows(query, counted.counts, lambda key: {})
    out: dict[Key, Acquisition] = {}
    for row in keys:
        first, last = _interval_days(query.period)[row.period]
        country = _spend_country(query, row.group)
        spend: Decimal | None = None
        if country != "":
            try:
                spend = spend_in(first, last, country=country, to_currency=currency)
            except MissingRate as error:
                notes.append(str(error))
        out[(row.period, row.group)] = Acquisition(
            spend, counted.get((row.period, row.group), "new")
        )
    return out


def cac(query: MetricQuery, viewer: User) -> list[Row]:
    notes: list[str] = []
    found = _acquisitions(query, _counts(query, viewer, history=True), notes)

    def make(key: Key) -> dict[str, Figure]:
        row = found[key]
        return {"amount": _money(row.cost), "spend": row.spend, "new": row.new}

    return NotedRows(_rows(query, found, make), notes)


def cltv_cac_ratio(query: MetricQuery, viewer: User) -> list[Row]:
    notes: list[str] = []
    counted = _counts(query, viewer, history=True)
    lifetimes = _lifetimes(query, viewer, counted, notes)
    acquisitions = _acquisitions(query, counted, notes)

    def make(key: Key) -> dict[str, Figure]:
        value = _money(lifetimes[key].value) if key in lifetimes else None
        cost = _money(acquisitions[key].cost)
        return {
            "ratio": None if value is None or not cost else ratio(value, cost),
            "cltv": value,
            "cac": cost,
        }

    return NotedRows(_rows(query, acquisitions, make), notes)


for metric in (
    Metric(
        "active_customers",
        Area.ECONOMICS,
        _("Active customers"),
        Unit.COUNT,
        ("count",),
        CUSTOMER_DIMENSIONS,
        active_customers,
        _("Customers with a counted order placed in the interval."),
    ),
    Metric(
        "new_customers",
        Area.ECONOMICS,
        _("New customers"),
        Unit.COUNT,
        ("count",),
        CUSTOMER_DIMENSIONS,
        new_customers,
        _("Customers whose first counted order ever was placed in the interval."),
    ),
    Metric(
        "lost_customers",
        Area.ECONOMICS,
        _("Lost customers"),
        Unit.COUNT,
        ("count",),
        CUSTOMER_DIMENSIONS,
        lost_customers,
        _(
            "Customers who became lost in the interval: their last counted order was placed "
            "the set number of days earlier, with none since."
        ),
        higher_is_better=False,
    ),
    Metric(
        "retention_rate",
        Area.ECONOMICS,
        _("Retention rate"),
        Unit.PERCENT,
        ("percent", "retained", "at_start", "at_end", "new"),
        CUSTOMER_DIMENSIONS,
        retention_rate,
        _("(Active customers at the end − new customers) ÷ active customers at the start."),
    ),
    Metric(
        "churn_rate",
        Area.ECONOMICS,
        _("Churn rate"),
        Unit.PERCENT,
        ("percent", "lost", "at_start"),
        CUSTOMER_DIMENSIONS,
        churn_rate,
        _("Customers lost in the interval ÷ active customers at its start."),
        higher_is_better=False,
    ),
    Metric(
        "average_order_value",
        Area.ECONOMICS,
        _("Average order value"),
        Unit.MONEY,
        ("amount", "revenue", "orders"),
        CUSTOMER_DIMENSIONS,
        average_order_value,
        _("Counted orders' totals in the reporting currency ÷ counted orders."),
    ),
    Metric(
        "purchase_frequency",
        Area.ECONOMICS,
        _("Purchase frequency"),
        Unit.NUMBER,
        ("mean", "orders", "customers"),
        CUSTOMER_DIMENSIONS,
        purchase_frequency,
        _("Counted orders ÷ active customers."),
    ),
    Metric(
        "repeat_purchase_rate",
        Area.ECONOMICS,
        _("Repeat purchase rate"),
        Unit.PERCENT,
        ("percent", "repeat", "customers"),
        CUSTOMER_DIMENSIONS,
        repeat_purchase_rate,
        _("Active customers with two or more counted orders ÷ active customers."),
    ),
    Metric(
        "cltv",
        Area.ECONOMICS,
        _("Customer lifetime value"),
        Unit.MONEY,
        ("amount", "average_order_value", "frequency", "lifespan", "margin_percent"),
        CUSTOMER_DIMENSIONS,
        cltv,
        _(
            "Average order value × purchase frequency × expected lifespan (1 ÷ churn rate, in "
            "intervals) × margin."
        ),
    ),
    Metric(
        "cac",
        Area.ECONOMICS,
        _("Customer acquisition cost"),
        Unit.MONEY,
        ("amount", "spend", "new"),
        SPEND_DIMENSIONS,
        cac,
        _("Acquisition spend in the interval ÷ new customers."),
        higher_is_better=False,
    ),
    Metric(
        "cltv_cac_ratio",
        Area.ECONOMICS,
        _("CLTV : CAC"),
        Unit.RATIO,
        ("ratio", "cltv", "cac"),
        SPEND_DIMENSIONS,
        cltv_cac_ratio,
        _("Customer lifetime value ÷ customer acquisition cost."),
    ),
):
    metric_register(metric)
