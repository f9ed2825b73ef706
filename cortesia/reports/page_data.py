"""What the report pages show, assembled from the engine's answers: headline numbers
with their change against the previous period, and panels (one metric's table, chart and
CSV link).

Every number passes through :class:`Look` (Babel in the viewer's language), every
interval is named with CLDR's short skeletons ("Mar 5", "Mar 2026", "Q1 2026"), and the
engine's refusals become a note on the panel: a dashboard filtered by a dimension a
metric cannot be filtered by says so instead of showing unfiltered numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

from babel.dates import format_skeleton
from babel.numbers import format_percent
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cortesia.accounts.models import User
from cortesia.core.errors import Forbidden
from cortesia.culture.local_formats import (
    babel_locale,
    format_day,
    format_number,
    writing_direction,
)
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
    Value,
    ensure_loaded,
    metric_get,
    metric_run,
)
from cortesia.reports.inputs import Params
from cortesia.reports.periods import Interval, ReportPeriod
from cortesia.reports.permissions import can_view_economics, can_view_service_reports

COLUMN_LABELS: dict[str, str | Promise] = {
    "count": gettext_lazy("Count"),
    "median": gettext_lazy("Median"),
    "p90": gettext_lazy("90th percentile"),
    "mean": gettext_lazy("Mean"),
    "percent": gettext_lazy("Percent"),
    "score": gettext_lazy("Score"),
    "responses": gettext_lazy("Responses"),
    "one_touch": gettext_lazy("One-touch"),
    "solved": gettext_lazy("Solved"),
    "met": gettext_lazy("Met"),
    "missed": gettext_lazy("Missed"),
    "active_breaches": gettext_lazy("Active breaches"),
    "replies": gettext_lazy("Replies"),
    "tickets": gettext_lazy("Tickets"),
    "answered": gettext_lazy("Answered"),
    "sent": gettext_lazy("Sent"),
}
# The dashboard's headline numbers: (metric, column).
HEADLINES = (
    ("tickets_created", "count"),
    ("tickets_solved", "count"),
    ("tickets_reopened", "count"),
    ("first_response_time", "median"),
    ("first_resolution_time", "median"),
    ("one_touch_resolution", "percent"),
    ("sla_attainment", "percent"),
    ("csat", "percent"),
    ("nps", "score"),
)
SKELETONS = {
    Interval.DAY: "MMMd",
    Interval.WEEK: "MMMd",
    Interval.LOCALE_WEEK: "MMMd",
    Interval.MONTH: "yMMM",
    Interval.QUARTER: "yQQQ",
}
DASH = "–"


@dataclass(frozen=True)
class Look:
    """How the viewer reads numbers and dates: the language of the page."""

    language: str

    @property
    def rtl(self) -> bool:
        return writing_direction(self.language) == "rtl"

    def number(self, value: Decimal | int) -> str:
        return format_number(value, self.language)

    def value(self, value: Value, unit: Unit, column: str) -> str:
        """``value`` of a metric in ``unit`` ("87.5%", "12.5 min"); a dash for none."""
        if value is None:
            return DASH
        if column == "percent" and unit == Unit.PERCENT:
            return format_percent(
                Decimal(value) / 100, locale=babel_locale(self.language), decimal_quantization=False
            )
        if unit == Unit.MINUTES and column in ("median", "p90", "mean"):
            return _("%(minutes)s min") % {"minutes": self.number(value)}
        return self.number(value)

    def bucket(self, day: date | None, interval: Interval) -> str:
        if day is None:
            return ""
        skeleton = SKELETONS.get(interval)
        if skeleton is None:
            return format_day(day, self.language)
        return str(format_skeleton(skeleton, day, locale=babel_locale(self.language)))

    def period(self, period: ReportPeriod) -> str:
        return _("%(first)s to %(last)s") % {
            "first": format_day(period.first, self.language),
            "last": format_day(period.last, self.language),
        }


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

    @property
    def is_empty(self) -> bool:
        return not self.note and all(cell == DASH for line in self.lines for cell in line.cells[:1])


@dataclass(frozen=True)
class Headline:
    key: str
    label: str
    value: str
    previous: str
    change: str
    trend: str  # "is-ok", "is-danger" or "is-muted"
    note: str = ""


def _run(query: MetricQuery, viewer: User) -> Result | str:
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


def _export(metric: str, link: Mapping[str, str], group_by: str, interval: str) -> str:
    query = {**link, "metric": metric, "group_by": group_by, "interval": interval}
    return urlencode({k: v for k, v in query.items() if v or k in link})


def _columns(metric: Metric) -> list[Column]:
    return [Column(key, str(COLUMN_LABELS.get(key, key))) for key in metric.columns]


def _series(result: Result, column: str, buckets: Sequence[date | None]) -> list[charts.Series]:
    """One series per group (the groups of the first rows, at most charts.MAX_SERIES)."""
    groups: list[str | None] = []
    for row in result.rows:
        if row.group not in groups:
            groups.append(row.group)
    values = {(row.period, row.group): row.value(column) for row in result.rows}
    return [
        charts.Series(group or "", [values.get((bucket, group)) for bucket in buckets])
        for group in groups[: charts.MAX_SERIES]
    ]


def _chart(
    panel: Panel, result: Result, look: Look, group_names: Mapping[str, str]
) -> SafeString | None:
    """A line over the intervals (one per group), or bars per group without intervals."""
    metric, query = result.metric, result.query
    column = metric.columns[0]
    interval = query.period.interval if metric.timed else Interval.NONE
    unit = metric.unit

    def number(value: Decimal) -> str:
        return look.value(value, unit, column) if unit == Unit.PERCENT else look.number(value)

    base = {
        "chart_id": f"chart-{panel.key}",
        "title": panel.title,
        "desc": panel.description,
        "number": number,
        "rtl": look.rtl,
    }
    if interval != Interval.NONE:
        buckets = [b for b in query.period.buckets() if b is not None]
        lines = _series(result, column, buckets)
        lines = [replace(s, label=group_names.get(s.label, s.label)) for s in lines]
        if query.group_by:
            panel.legend = [line.label for line in lines]
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
) -> Panel:
    """The panel of one metric for ``params`` (``group_by``/``interval`` override them)."""
    metric = metric_get(metric_name)
    period = params.period if interval is None else replace(params.period, interval=interval)
    chosen = params.group_by if group_by is None else group_by
    query = MetricQuery(metric_name, period, chosen, params.time_basis, params.filters)
    panel = Panel(
        key=key or metric_name,
        title=str(metric.label),
        description=str(metric.description),
        columns=_columns(metric),
        exports=[(str(metric.label), _export(metric_name, link, chosen, period.interval))],
    )
    answer = _run(query, viewer)
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


def volume_panel(params: Params, viewer: User, look: Look, link: Mapping[str, str]) -> Panel:
    """Tickets created and solved per interval (per day unless the form says otherwise),
    as bars side by side."""
    interval = params.period.interval or Interval.DAY
    period = replace(params.period, interval=interval)
    panel = Panel(
        key="volume",
        title=_("Volume: created and solved"),
        description=_("Tickets created and tickets solved in each interval."),
        columns=[Column("created", _("Created")), Column("solved", _("Solved"))],
        has_period=True,
    )
    answers = [
        _run(MetricQuery(name, period, "", params.time_basis, params.filters), viewer)
        for name in ("tickets_created", "tickets_solved")
    ]
    created, solved = answers
    if isinstance(created, str) or isinstance(solved, str):
        panel.note = created if isinstance(created, str) else str(solved)
        return panel
    buckets = period.buckets()
    counts = [
        {row.period: row.value("count") for row in answer.rows}  # type: ignore[union-attr]
        for answer in answers
    ]
    panel.lines = [
        Line(b, look.bucket(b, interval), None, "", [look.number(c.get(b) or 0) for c in counts])
        for b in buckets
    ]
    panel.exports = [
        (str(metric_get(name).label), _export(name, link, "", interval))
        for name in ("tickets_created", "tickets_solved")
    ]
    chart = charts.Chart(
        chart_id="chart-volume",
        title=panel.title,
        desc=panel.description,
        categories=[look.bucket(b, interval) for b in buckets],
        keys=[charts.day_key(b) for b in buckets],
        number=look.number,
        rtl=look.rtl,
    )
    series = [
        charts.Series(label, [c.get(b) for b in buckets])
        for label, c in zip((_("Created"), _("Solved")), counts, strict=True)
    ]
    panel.chart = charts.bar_chart(chart, series)
    panel.legend = [line.label for line in series]
    return panel


def _trend(metric: Metric, current: Value, previous: Value) -> str:
    if (
        current is None
        or previous is None
        or current == previous
        or metric.higher_is_better is None
    ):
        return "is-muted"
    better = (current > previous) == metric.higher_is_better
    return "is-ok" if better else "is-danger"


def headline_build(
    metric_name: str, column: str, params: Params, viewer: User, look: Look
) -> Headline | None:
    """The metric's value over the whole period, the previous period's, and the change;
    None for a metric the viewer may not see."""
    metric = metric_get(metric_name)
    period = replace(params.period, interval=Interval.NONE)
    values: list[Value] = []
    for span in (period, period.previous()):
        answer = _run(MetricQuery(metric_name, span, "", params.time_basis, params.filters), viewer)
        if isinstance(answer, str):
            if not can_see(viewer, metric):
                return None
            return Headline(metric_name, str(metric.label), DASH, DASH, "", "is-muted", answer)
        total = answer.total()
        values.append(total.value(column) if total else None)
    current, previous = values
    change = ""
    if current is not None and previous is not None:
        delta = Decimal(current) - Decimal(previous)
        sign = "+" if delta > 0 else ""
        change = _("%(change)s against the previous period") % {"change": sign + look.number(delta)}
    return Headline(
        metric_name,
        str(metric.label),
        look.value(current, metric.unit, column),
        look.value(previous, metric.unit, column),
        change,
        _trend(metric, current, previous),
    )


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


@dataclass
class Dashboard:
    headlines: list[Headline]
    economics: list[Headline]
    panels: list[Panel]


def dashboard_build(params: Params, viewer: User, look: Look, link: Mapping[str, str]) -> Dashboard:
    """Headlines, then backlog by status and age, SLA attainment by target, CSAT and NPS
    over time and the volume, for a viewer who sees service numbers; the economics
    headlines (whatever economics metrics exist) for one who sees those."""
    ensure_loaded()
    headlines: list[Headline] = []
    panels: list[Panel] = []
    if can_view_service_reports(viewer):
        for name, column in HEADLINES:
            found = headline_build(name, column, params, viewer, look) if name in METRICS else None
            if found is not None:
                headlines.append(found)
        trend = params.period.interval or Interval.DAY
        panels = [
            volume_panel(params, viewer, look, link),
            panel_build(
                "backlog", params, viewer, look, link, group_by="status", key="backlog-status"
            ),
            panel_build("backlog", params, viewer, look, link, group_by="age", key="backlog-age"),
            panel_build(
                "sla_attainment",
                params,
                viewer,
                look,
                link,
                group_by="sla_target",
                interval=Interval.NONE,
            ),
            panel_build("csat", params, viewer, look, link, group_by="", interval=trend),
            panel_build("nps", params, viewer, look, link, group_by="", interval=trend),
        ]
    economics: list[Headline] = []
    if can_view_economics(viewer):
        for metric in area_metrics(Area.ECONOMICS):
            found = headline_build(metric.name, metric.columns[0], params, viewer, look)
            if found is not None:
                economics.append(found)
    return Dashboard(headlines, economics, panels)


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
