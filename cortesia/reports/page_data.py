"""What the report pages show, assembled from the engine's answers: panels (one metric's
table, chart and CSV link) for the area pages, the metric page and the dashboard
(``page_dashboard``).

Every number passes through :class:`page_look.Look` (Babel in the viewer's language), and
the engine's refusals become a note on the panel: a page filtered by a dimension a metric
cannot be filtered by says so instead of showing unfiltered numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from cortesia.accounts.models import User
from cortesia.core.errors import Forbidden
from cortesia.reports import charts
from cortesia.reports import dimensions as dims
from cortesia.reports.engine import (
    METRICS,
    Area,
    Metric,
    MetricQuery,
    QueryError,
    Result,
    Unit,
    ensure_loaded,
    metric_get,
    metric_run,
)
from cortesia.reports.inputs import Params
from cortesia.reports.page_look import COLUMN_LABELS, DASH, Look
from cortesia.reports.periods import Interval
from cortesia.reports.permissions import can_view_economics, can_view_service_reports


@dataclass(frozen=True)
class Column:
    key: str
    label: str


@dataclass(frozen=True)
class Line:
    """One row of a panel's table."""

    period: date | None
    period_label: str
    group: str | None
    group_label: str
    cells: list[str]


@dataclass
class Panel:
    """One metric (or a pair, created vs solved) as a table, a chart and a CSV link."""

    key: str
    title: str
    description: str
    columns: list[Column] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    chart: SafeString | None = None
    has_period: bool = False
    has_group: bool = False
    group_label: str = ""
    exports: list[tuple[str, str]] = field(default_factory=list)  # (label, query string)
    note: str = ""  # why the panel has no numbers
    legend: list[str] = field(default_factory=list)  # the chart's series, when several
    legend_note: str = ""  # when the chart leaves out the smaller groups

    @property
    def is_empty(self) -> bool:
        return not self.note and all(cell == DASH for line in self.lines for cell in line.cells[:1])


def run(query: MetricQuery, viewer: User) -> Result | str:
    """The engine's answer, or the reason there is none (a note for people)."""
    try:
        return metric_run(query, viewer)
    except Forbidden as refused:
        return refused.message
    except QueryError:
        metric = metric_get(query.metric)
        unsupported = [
            n for n in (query.group_by, *query.filters) if n and n not in metric.dimensions
        ]
        names = ", ".join(str(dims.ALL[n].label) for n in unsupported if n in dims.ALL)
        return _("%(metric)s cannot be broken down by %(names)s.") % {
            "metric": metric.label,
            "names": names,
        }


def export_query(metric: str, link: Mapping[str, str], group_by: str, interval: str) -> str:
    query = {**link, "metric": metric, "group_by": group_by, "interval": interval}
    return urlencode({k: v for k, v in query.items() if v or k in link})


def _columns(metric: Metric) -> list[Column]:
    return [Column(key, str(COLUMN_LABELS.get(key, key))) for key in metric.columns]


def _series(
    result: Result, column: str, buckets: Sequence[date | None]
) -> tuple[list[charts.Series], int]:
    """One series per group, the largest groups first (by the sum of ``column`` over the
    period), at most charts.MAX_SERIES of them; and how many groups there are."""
    totals: dict[str | None, Decimal] = {}
    for row in result.rows:
        value = row.value(column)
        totals[row.group] = totals.get(row.group, Decimal(0)) + Decimal(value or 0)
    largest = sorted(totals, key=lambda group: -totals[group])[: charts.MAX_SERIES]
    shown = [group for group in totals if group in largest]  # in the table's order
    values = {(row.period, row.group): row.value(column) for row in result.rows}
    series = [
        charts.Series(group or "", [values.get((bucket, group)) for bucket in buckets])
        for group in shown
    ]
    return series, len(totals)


def _chart(
    panel: Panel, result: Result, look: Look, group_names: Mapping[str, str]
) -> SafeString | None:
    """A line over the intervals (one per group), or bars per group without intervals."""
    metric, query = result.metric, result.query
    column = metric.columns[0]
    interval = query.period.interval if metric.timed else Interval.NONE
    unit = metric.unit

    def number(value: Decimal) -> str:
        if unit in (Unit.PERCENT, Unit.MONEY):
            return look.value(value, unit, column)
        return look.number(value)

    base = {
        "chart_id": f"chart-{panel.key}",
        "title": panel.title,
        "desc": panel.description,
        "number": number,
        "rtl": look.rtl,
    }
    if interval != Interval.NONE:
        buckets = [b for b in query.period.buckets() if b is not None]
        lines, groups = _series(result, column, buckets)
        lines = [replace(s, label=group_names.get(s.label, s.label)) for s in lines]
        if query.group_by:
            panel.legend = [line.label for line in lines]
            if groups > len(lines):
                panel.legend_note = _(
                    "The chart shows the %(shown)d largest of %(total)d groups; the table "
                    "lists them all."
                ) % {"shown": len(lines), "total": groups}
        chart = charts.Chart(
            categories=[look.bucket(b, interval) for b in buckets],
            keys=[charts.day_key(b) for b in buckets],
            **base,  # type: ignore[arg-type]
        )
        return charts.line_chart(chart, lines)
    if not query.group_by:
        return None
    rows = result.rows
    chart = charts.Chart(
        categories=[group_names.get(row.group or "", "") for row in rows],
        keys=[row.group or "" for row in rows],
        **base,  # type: ignore[arg-type]
    )
    return charts.bar_chart(chart, [charts.Series("", [row.value(column) for row in rows])])


def panel_build(
    metric_name: str,
    params: Params,
    viewer: User,
    look: Look,
    link: Mapping[str, str],
    *,
    group_by: str | None = None,
    interval: Interval | None = None,
    key: str = "",
    title: str = "",
) -> Panel:
    """The panel of one metric for ``params`` (``group_by``/``interval`` override them)."""
    metric = metric_get(metric_name)
    period = params.period if interval is None else replace(params.period, interval=interval)
    chosen = params.group_by if group_by is None else group_by
    query = MetricQuery(metric_name, period, chosen, params.time_basis, params.filters)
    panel = Panel(
        key=key or metric_name,
        title=title or str(metric.label),
        description=str(metric.description),
        columns=_columns(metric),
        exports=[(str(metric.label), export_query(metric_name, link, chosen, period.interval))],
    )
    answer = run(query, viewer)
    if isinstance(answer, str):
        panel.note = answer
        panel.exports = []
        return panel
    panel.has_period = metric.timed and period.interval != Interval.NONE
    panel.has_group = bool(chosen)
    panel.group_label = str(dims.ALL[chosen].label) if chosen in dims.ALL else ""
    keys = sorted({row.group for row in answer.rows if row.group is not None})
    names = dims.labels(chosen, keys, look.language) if chosen else {}
    panel.lines = [
        Line(
            row.period,
            look.bucket(row.period, period.interval),
            row.group,
            names.get(row.group or "", ""),
            [look.value(row.value(c), metric.unit, c) for c in metric.columns],
        )
        for row in answer.rows
    ]
    panel.chart = _chart(panel, answer, look, names)
    return panel


def permissions_of(viewer: User) -> dict[str, bool]:
    """Which report tabs ``viewer`` gets (the template asks these, never roles)."""
    return {
        "service": can_view_service_reports(viewer),
        "economics": can_view_economics(viewer),
    }


def can_see(viewer: User, metric: Metric) -> bool:
    if metric.area == Area.ECONOMICS:
        return can_view_economics(viewer)
    return can_view_service_reports(viewer)


def area_metrics(area: Area) -> list[Metric]:
    ensure_loaded()
    return [metric for metric in METRICS.values() if metric.area == area]


def area_require(area: Area, viewer: User) -> None:
    """Raise Forbidden unless ``viewer`` may read the metrics of ``area``."""
    allowed = (
        can_view_economics(viewer) if area == Area.ECONOMICS else can_view_service_reports(viewer)
    )
    if not allowed:
        raise Forbidden(_("You may not see this report."))


def area_build(
    area: Area, params: Params, viewer: User, look: Look, link: Mapping[str, str]
) -> list[Panel]:
    """A panel per metric of ``area``; raises Forbidden for a viewer who may not see it."""
    area_require(area, viewer)
    return [panel_build(m.name, params, viewer, look, link) for m in area_metrics(area)]


def metric_build(
    name: str, params: Params, viewer: User, look: Look, link: Mapping[str, str]
) -> Panel:
    """The panel of one metric; raises QueryError for an unknown metric, Forbidden for one
    the viewer may not see."""
    metric = metric_get(name)
    area_require(metric.area, viewer)
    return panel_build(name, params, viewer, look, link)
