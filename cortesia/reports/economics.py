"""Customer economics: active, new and lost customers, retention and churn, order value,
purchase frequency and repeat purchases, CLTV and CAC, by interval and by the customer's
country, language or segment.

Only counted orders count (placed, paid, shipped, delivered; returned and cancelled do
not). A customer is *active at an instant* t when they have a counted order in
[t − N days, t), N being ``ReportSettings.lost_after_days`` (days of 24 hours). They
become active at an order placed while inactive (an *activation*: the first order ever
makes them *new*) and become *lost* at the instant N days after their last order, when no
order came in between. So the customers active at the end of an interval are those active
at its start, plus its activations, minus its losses; every figure below is counted in the
database and only summed or divided here. Money is converted into the reporting currency
at the rate of each order's UTC day (``currency.RateTable``); a missing rate blanks the
money of the rows it touches and adds a note instead of giving a wrong number.
docs/metrics.md states each formula.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import (
    Aggregate,
    Case,
    Count,
    DateField,
    DateTimeField,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from cortesia.accounts.models import User
from cortesia.customers.models import Customer, Order
from cortesia.customers.order_stats import COUNTED_STATUSES
from cortesia.customers.segment_rules import compile_rules
from cortesia.reports import dimensions as dims
from cortesia.reports.currency import EURO, MissingRate, RateTable, money
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
from cortesia.reports.models import ReportSettings
from cortesia.reports.periods import Interval, ReportPeriod, local_midnight

COUNTED = tuple(str(status) for status in COUNTED_STATUSES)
# The field of each dimension on an order: the customer's current profile.
FIELDS = {dims.COUNTRY.key: "customer__country", dims.LANGUAGE.key: "customer__language"}
CUSTOMER_DIMENSIONS = frozenset({*FIELDS, dims.SEGMENT.key})
# Acquisition spend is entered per country only.
SPEND_DIMENSIONS = frozenset({dims.COUNTRY.key})
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


class NotedRows(list[Row]):
    """Rows with the notes a reader must see beside them (a missing exchange rate); the
    engine copies ``notes`` into the Result."""

    def __init__(self, rows: Iterable[Row] = (), notes: Iterable[str] = ()) -> None:
        super().__init__(rows)
        self.notes = list(dict.fromkeys(notes))


# Reading orders -------------------------------------------------------------------------


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


def _placed(start: Any, end: Any) -> Q:
    return Q(placed_at__gte=start, placed_at__lt=end)


def _passes(query: MetricQuery) -> Iterator[tuple[str | None, Q, str | None]]:
    """(group key, extra condition, grouping field) per pass: one per segment (current
    members), else one pass grouped in the database."""
    if query.group_by == dims.SEGMENT.key:
        from cortesia.customers.models import Segment

        for uid, rules in Segment.objects.order_by("name").values_list("uid", "rules"):
            members = Customer.objects.filter(compile_rules(rules)).values("pk")
            yield str(uid), Q(customer_id__in=members), None
        return
    yield None, Q(), FIELDS.get(query.group_by) if query.group_by else None


def _bucket(period: ReportPeriod, shift: timedelta) -> Expression | None:
    """The interval (its first day) the instant ``placed_at + shift`` falls in, computed
    in the database: the local day for daily intervals, else a CASE over the intervals'
    first instants (a locale's week or a clipped first interval need no special case).
    None without an interval."""
    if period.interval == Interval.NONE:
        return None
    if period.interval == Interval.DAY:
        moment: Any = F("placed_at")
        if shift:
            moment = ExpressionWrapper(moment + shift, output_field=DateTimeField())
        return TruncDate(moment, tzinfo=period.zone)
    firsts = period.buckets()
    nexts = [*firsts[1:], period.last + timedelta(days=1)]
    whens = [
        When(placed_at__lt=local_midnight(following, period.zone) - shift, then=Value(first))
        for first, following in zip(firsts, nexts, strict=True)
        if first is not None and following is not None
    ]
    return Case(*whens, output_field=DateField())


def _tally(
    query: MetricQuery,
    rows: QuerySet[Order],
    aggregates: dict[str, Aggregate],
    *,
    shift: timedelta = timedelta(0),
    bucketed: bool = True,
    per: tuple[str, ...] = (),
    having: Q | None = None,
) -> Iterator[tuple[Key, dict[str, Any]]]:
    """Aggregate ``rows`` per interval (of ``placed_at + shift``), group and ``per``."""
    bucket = _bucket(query.period, shift) if bucketed else None
    for group_key, extra, field in _passes(query):
        selected = rows.filter(extra)
        names = list(per)
        if bucket is not None:
            selected = selected.annotate(bucket=bucket)
            names.append("bucket")
        if field:
            names.append(field)
        if not names:
            yield (None, group_key), selected.aggregate(**aggregates)
            continue
        grouped = selected.values(*names).annotate(**aggregates)
        if having is not None:
            grouped = grouped.filter(having)
        for row in grouped.order_by():
            group = ("" if row[field] is None else str(row[field])) if field else group_key
            yield (row.get("bucket"), group), row


def _summed(
    tallied: Iterable[tuple[Key, dict[str, Any]]], names: Iterable[str]
) -> dict[Key, Counts]:
    out: dict[Key, Counts] = defaultdict(lambda: defaultdict(int))
    names = tuple(names)
    for key, row in tallied:
        for name in names:
            out[key][name] += int(row[name] or 0)
    return out


def _earlier(window: timedelta | None) -> Exists:
    """Another counted order of the same customer in [placed_at − window, placed_at) (at
    any earlier time without a window). An order at the same instant with a smaller id is
    earlier, so of two orders placed at once exactly one starts an activity."""
    same = Order.objects.filter(
        customer_id=OuterRef("customer_id"),
        status__in=COUNTED,
        placed_at__lte=OuterRef("placed_at"),
    ).filter(Q(placed_at__lt=OuterRef("placed_at")) | Q(pk__lt=OuterRef("pk")))
    if window is not None:
        since = ExpressionWrapper(OuterRef("placed_at") - window, output_field=DateTimeField())
        same = same.filter(placed_at__gte=since)
    return Exists(same)


def _later(window: timedelta) -> Exists:
    """Another counted order of the same customer in (placed_at, placed_at + window] (at
    the same instant: with a larger id)."""
    until = ExpressionWrapper(OuterRef("placed_at") + window, output_field=DateTimeField())
    same = Order.objects.filter(
        customer_id=OuterRef("customer_id"),
        status__in=COUNTED,
        placed_at__gte=OuterRef("placed_at"),
        placed_at__lte=until,
    ).filter(Q(placed_at__gt=OuterRef("placed_at")) | Q(pk__gt=OuterRef("pk")))
    return Exists(same)


# Counting customers --------------------------------------------------------------------


def _activity(query: MetricQuery) -> dict[Key, Counts]:
    """Active customers and counted orders per interval and group."""
    period = query.period
    rows = counted_orders(query).filter(_placed(period.start, period.end))
    aggregates: dict[str, Aggregate] = {
        "customers": Count("customer_id", distinct=True),
        "orders": Count("pk"),
    }
    return _summed(_tally(query, rows, aggregates), aggregates)


def _repeaters(query: MetricQuery) -> dict[Key, Counts]:
    """Customers with two or more counted orders in the interval."""
    period = query.period
    rows = counted_orders(query).filter(_placed(period.start, period.end))
    tallied = _tally(query, rows, {"n": Count("pk")}, per=("customer_id",), having=Q(n__gte=2))
    out: dict[Key, Counts] = defaultdict(lambda: defaultdict(int))
    for key, _row in tallied:
        out[key]["repeat"] += 1
    return out


def _starts(query: MetricQuery, lost_after: timedelta) -> dict[Key, Counts]:
    """Activations (orders placed while inactive) and new customers (first orders ever)."""
    period = query.period
    rows = counted_orders(query).filter(_placed(period.start, period.end))
    rows = rows.filter(~_earlier(lost_after))
    aggregates: dict[str, Aggregate] = {
        "activations": Count("pk"),
        "new": Count("pk", filter=~_earlier(None)),
    }
    return _summed(_tally(query, rows, aggregates), aggregates)


def _new(query: MetricQuery) -> dict[Key, Counts]:
    period = query.period
    rows = counted_orders(query).filter(_placed(period.start, period.end), ~_earlier(None))
    return _summed(_tally(query, rows, {"new": Count("pk")}), ("new",))


def _losses(query: MetricQuery, lost_after: timedelta) -> dict[Key, Counts]:
    """Customers lost per interval: last orders with nothing in the next N days, counted
    in the interval of the instant N days later."""
    period = query.period
    rows = counted_orders(query).filter(
        _placed(period.start - lost_after, period.end - lost_after), ~_later(lost_after)
    )
    return _summed(_tally(query, rows, {"lost": Count("pk")}, shift=lost_after), ("lost",))


def _active_at_start(query: MetricQuery, lost_after: timedelta) -> dict[str | None, int]:
    period = query.period
    rows = counted_orders(query).filter(_placed(period.start - lost_after, period.start))
    tallied = _tally(query, rows, {"n": Count("customer_id", distinct=True)}, bucketed=False)
    out: dict[str | None, int] = defaultdict(int)
    for (_bucket_key, group), row in tallied:
        out[group] += int(row["n"] or 0)
    return out


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


def _flows(query: MetricQuery, lost_after: timedelta) -> dict[Key, Flow]:
    """Each interval's flow; an interval starts with the customers the previous one ended
    with (the first with those active at the period's start)."""
    at_start = _active_at_start(query, lost_after)
    starts = _starts(query, lost_after)
    losses = _losses(query, lost_after)
    groups = _groups(query, [*starts, *losses], at_start)
    flows: dict[Key, Flow] = {}
    for group in groups:
        current = at_start.get(group, 0)
        for bucket in query.period.buckets():
            began = starts.get((bucket, group), {})
            flow = Flow(
                current,
                began.get("activations", 0),
                began.get("new", 0),
                losses.get((bucket, group), {}).get("lost", 0),
            )
            flows[(bucket, group)] = flow
            current = flow.at_end
    return flows


def _groups(
    query: MetricQuery, keys: Iterable[Key], more: Iterable[str | None] = ()
) -> list[str | None]:
    if not query.group_by:
        return [None]
    seen = {group for (_bucket_key, group) in keys} | set(more)
    return [*sorted(group or "" for group in seen)]


def _rows(
    query: MetricQuery, keys: Iterable[Key], make: Callable[[Key], dict[str, Figure]]
) -> list[Row]:
    """One row per interval (also empty ones) and group seen."""
    groups = _groups(query, keys)
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
    rows = counted_orders(query).filter(_placed(period.start, period.end))
    rows = rows.annotate(utc_day=TruncDate("placed_at", tzinfo=UTC))
    tallied = list(
        _tally(
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


# Metrics -------------------------------------------------------------------------------


def active_customers(query: MetricQuery, viewer: User) -> list[Row]:
    counts = _activity(query)
    return _rows(query, counts, lambda key: {"count": counts.get(key, {}).get("customers", 0)})


def new_customers(query: MetricQuery, viewer: User) -> list[Row]:
    counts = _new(query)
    return _rows(query, counts, lambda key: {"count": counts.get(key, {}).get("new", 0)})


def lost_customers(query: MetricQuery, viewer: User) -> list[Row]:
    counts = _losses(query, economics_settings().lost_after)
    return _rows(query, counts, lambda key: {"count": counts.get(key, {}).get("lost", 0)})


def retention_rate(query: MetricQuery, viewer: User) -> list[Row]:
    flows = _flows(query, economics_settings().lost_after)

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
    flows = _flows(query, economics_settings().lost_after)

    def make(key: Key) -> dict[str, Figure]:
        flow = flows[key]
        return {"percent": flow.churn, "lost": flow.lost, "at_start": flow.at_start}

    return _rows(query, flows, make)


def average_order_value(query: MetricQuery, viewer: User) -> list[Row]:
    notes: list[str] = []
    revenue = _revenue(query, economics_settings().currency, notes)

    def make(key: Key) -> dict[str, Figure]:
        found = revenue.get(key, Revenue(Decimal(0), 0))
        return {
            "amount": _money(_per(found.amount, found.orders)),
            "revenue": _money(found.amount),
            "orders": found.orders,
        }

    return NotedRows(_rows(query, revenue, make), notes)


def purchase_frequency(query: MetricQuery, viewer: User) -> list[Row]:
    counts = _activity(query)

    def make(key: Key) -> dict[str, Figure]:
        found = counts.get(key, {})
        orders, customers = found.get("orders", 0), found.get("customers", 0)
        return {"mean": ratio(orders, customers), "orders": orders, "customers": customers}

    return _rows(query, counts, make)


def repeat_purchase_rate(query: MetricQuery, viewer: User) -> list[Row]:
    counts = _activity(query)
    repeat = _repeaters(query)

    def make(key: Key) -> dict[str, Figure]:
        customers = counts.get(key, {}).get("customers", 0)
        repeaters = repeat.get(key, {}).get("repeat", 0)
        return {
            "percent": percent(repeaters, customers),
            "repeat": repeaters,
            "customers": customers,
        }

    return _rows(query, counts, make)


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


def _lifetimes(query: MetricQuery, notes: list[str]) -> dict[Key, Lifetime]:
    settings = economics_settings()
    revenue = _revenue(query, settings.currency, notes)
    activity = _activity(query)
    flows = _flows(query, settings.lost_after)
    out: dict[Key, Lifetime] = {}
    for key in {*revenue, *activity, *flows}:
        found = revenue.get(key, Revenue(Decimal(0), 0))
        customers = activity.get(key, {}).get("customers", 0)
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
    lifetimes = _lifetimes(query, notes)

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


def _acquisitions(query: MetricQuery, notes: list[str]) -> dict[Key, Acquisition]:
    """Spend and new customers per interval and group."""
    from cortesia.reports.spend import spend_in

    currency = economics_settings().currency
    new = _new(query)
    keys = _rows(query, new, lambda key: {})
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
            spend, new.get((row.period, row.group), {}).get("new", 0)
        )
    return out


def cac(query: MetricQuery, viewer: User) -> list[Row]:
    notes: list[str] = []
    found = _acquisitions(query, notes)

    def make(key: Key) -> dict[str, Figure]:
        row = found[key]
        return {"amount": _money(row.cost), "spend": row.spend, "new": row.new}

    return NotedRows(_rows(query, found, make), notes)


def cltv_cac_ratio(query: MetricQuery, viewer: User) -> list[Row]:
    notes: list[str] = []
    lifetimes = _lifetimes(query, notes)
    acquisitions = _acquisitions(query, notes)

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
