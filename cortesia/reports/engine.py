"""The metric engine: a query (metric, period, grouping, time basis, filters) in, rows out.

Every page, the API, the CSV export and the weekly mail ask :func:`metric_run`; the
metrics register themselves in :data:`METRICS` (``service_metrics``, ``feedback_metrics``,
``economics``, ``self_service_metrics``). A row is one interval × one group with the
metric's columns; the first column is the headline value.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils.functional import Promise

from cortesia.reports.periods import ReportPeriod

if TYPE_CHECKING:
    from cortesia.accounts.models import User

Value = Decimal | int | None


class Area(StrEnum):
    SERVICE = "service"
    FEEDBACK = "feedback"
    ECONOMICS = "economics"


class Unit(StrEnum):
    COUNT = "count"
    MINUTES = "minutes"
    PERCENT = "percent"
    SCORE = "score"  # NPS, −100…100
    NUMBER = "number"  # a mean (replies per ticket, CES mean, orders per customer)
    MONEY = "money"  # in the reporting currency
    RATIO = "ratio"


class TimeBasis(StrEnum):
    CALENDAR = "calendar"
    BUSINESS = "business"


@dataclass(frozen=True)
class MetricQuery:
    metric: str
    period: ReportPeriod
    group_by: str = ""
    time_basis: TimeBasis = TimeBasis.CALENDAR
    filters: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Row:
    period: date | None  # the interval's first day; None without an interval
    group: str | None  # the group's key ("" for unknown); None without a grouping
    values: dict[str, Value]

    def value(self, column: str) -> Value:
        return self.values.get(column)


@dataclass
class Result:
    query: MetricQuery
    metric: Metric
    rows: list[Row]
    notes: list[str] = field(default_factory=list)

    @property
    def columns(self) -> tuple[str, ...]:
        return self.metric.columns

    def total(self) -> Row | None:
        """The row without interval and group, when the query asked for neither."""
        return self.rows[0] if self.rows else None


Compute = Callable[[MetricQuery, "User"], list[Row]]


@dataclass(frozen=True)
class Metric:
    name: str
    area: Area
    label: str | Promise
    unit: Unit
    columns: tuple[str, ...]
    dimensions: frozenset[str]
    compute: Compute
    description: str | Promise = ""
    timed: bool = True  # False: a snapshot of now (the backlog), the period is ignored
    business_time: bool = False  # True: the time basis changes the answer
    higher_is_better: bool | None = True


METRICS: dict[str, Metric] = {}


def metric_register(metric: Metric) -> Metric:
    METRICS[metric.name] = metric
    return metric


def ensure_loaded() -> None:
    """Import the modules that register metrics."""
    import cortesia.reports.economics  # noqa: F401
    import cortesia.reports.feedback_metrics  # noqa: F401
    import cortesia.reports.self_service_metrics  # noqa: F401
    import cortesia.reports.service_metrics  # noqa: F401


class QueryError(ValueError):
    """A query the engine cannot answer (unknown metric or dimension); the message is
    meant for people."""


def metric_get(name: str) -> Metric:
    ensure_loaded()
    try:
        return METRICS[name]
    except KeyError:
        raise QueryError(name) from None


def metric_run(query: MetricQuery, viewer: User) -> Result:
    """Answer ``query`` for ``viewer`` (whose scope narrows every row). Raises QueryError
    for a grouping the metric does not support, Forbidden for a metric the viewer may not
    see."""
    from cortesia.reports.permissions import require_metric_access

    metric = metric_get(query.metric)
    require_metric_access(viewer, metric)
    if query.group_by and query.group_by not in metric.dimensions:
        raise QueryError(query.group_by)
    for name in query.filters:
        if name not in metric.dimensions:
            raise QueryError(name)
    from cortesia.reports.answer_cache import cached_answer

    def compute() -> tuple[list[Row], list[str]]:
        rows = metric.compute(query, viewer)
        # A compute may return a list with ``notes`` (e.g. a missing exchange rate).
        return list(rows), list(getattr(rows, "notes", []))

    rows, notes = cached_answer(query, viewer, compute)
    return Result(query=query, metric=metric, rows=rows, notes=notes)


ONE = Decimal("0.1")
HUNDRED = Decimal(100)


def percent(part: int, whole: int) -> Decimal | None:
    """``part`` ÷ ``whole`` × 100, one decimal (half up); None when ``whole`` is 0."""
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(ONE, ROUND_HALF_UP)


def ratio(part: Decimal | int, whole: Decimal | int, places: str = "0.01") -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal(places), ROUND_HALF_UP)
