"""The dashboard: headline numbers with their change against the previous period, the
volume of tickets created and solved, the backlog, SLA attainment, CSAT and NPS, and the
headlines of whatever customer-economics metrics exist for a viewer who may see them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import gettext as _

from cortesia.accounts.models import User
from cortesia.reports import charts
from cortesia.reports.engine import (
    METRICS,
    Area,
    Metric,
    MetricQuery,
    Unit,
    Value,
    ensure_loaded,
    metric_get,
)
from cortesia.reports.inputs import Params
from cortesia.reports.page_data import (
    Column,
    Line,
    Panel,
    area_metrics,
    can_see,
    export_query,
    panel_build,
    run,
)
from cortesia.reports.page_look import DASH, Look
from cortesia.reports.periods import Interval
from cortesia.reports.permissions import can_view_economics, can_view_service_reports

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


@dataclass(frozen=True)
class Headline:
    key: str
    label: str
    value: str
    previous: str
    change: str
    trend: str  # "is-ok", "is-danger" or "is-muted"
    note: str = ""


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
        run(MetricQuery(name, period, "", params.time_basis, params.filters), viewer)
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
        (str(metric_get(name).label), export_query(name, link, "", interval))
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


def _change(delta: Decimal, metric: Metric, column: str, look: Look) -> str:
    """The difference to the previous period with its sign: percentage points for a
    percentage, minutes for a time."""
    number = ("+" if delta > 0 else "") + look.number(delta)
    if metric.unit == Unit.PERCENT and column == "percent":
        return _("%(change)s points against the previous period") % {"change": number}
    if metric.unit == Unit.MINUTES:
        return _("%(change)s min against the previous period") % {"change": number}
    return _("%(change)s against the previous period") % {"change": number}


def headline_build(
    metric_name: str, column: str, params: Params, viewer: User, look: Look
) -> Headline | None:
    """The metric's value over the whole period, the previous period's, and the change;
    None for a metric the viewer may not see."""
    metric = metric_get(metric_name)
    period = replace(params.period, interval=Interval.NONE)
    values: list[Value] = []
    for span in (period, period.previous()):
        answer = run(MetricQuery(metric_name, span, "", params.time_basis, params.filters), viewer)
        if isinstance(answer, str):
            if not can_see(viewer, metric):
                return None
            return Headline(metric_name, str(metric.label), DASH, DASH, "", "is-muted", answer)
        total = answer.total()
        values.append(total.value(column) if total else None)
    current, previous = values
    change = ""
    if current is not None and previous is not None:
        change = _change(Decimal(current) - Decimal(previous), metric, column, look)
    return Headline(
        metric_name,
        str(metric.label),
        look.value(current, metric.unit, column),
        look.value(previous, metric.unit, column),
        change,
        _trend(metric, current, previous),
    )


@dataclass
class Dashboard:
    headlines: list[Headline]
    economics: list[Headline]
    panels: list[Panel]


def dashboard_build(params: Params, viewer: User, look: Look, link: Mapping[str, str]) -> Dashboard:
    """Headlines, then backlog by status and age, SLA attainment by target, CSAT and NPS
    over time and the volume, for a viewer who sees service numbers; the economics
    headlines (whatever economics metrics exist) for one who sees only those."""
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
                "backlog",
                params,
                viewer,
                look,
                link,
                group_by="status",
                key="backlog-status",
                title=_("Backlog by status"),
            ),
            panel_build(
                "backlog",
                params,
                viewer,
                look,
                link,
                group_by="age",
                key="backlog-age",
                title=_("Backlog by age"),
            ),
            panel_build(
                "sla_attainment",
                params,
                viewer,
                look,
                link,
                group_by="sla_target",
                interval=Interval.NONE,
                title=_("SLA attainment by target"),
            ),
            panel_build("csat", params, viewer, look, link, group_by="", interval=trend),
            panel_build("nps", params, viewer, look, link, group_by="", interval=trend),
        ]
    economics: list[Headline] = []
    # The customer figures read the orders themselves (not facts) and cost a second or
    # more at a million orders: people who see the service figures find them on the
    # Customers report instead, so their dashboard stays quick.
    if can_view_economics(viewer) and not can_view_service_reports(viewer):
        for metric in area_metrics(Area.ECONOMICS):
            found = headline_build(metric.name, metric.columns[0], params, viewer, look)
            if found is not None:
                economics.append(found)
    return Dashboard(headlines, economics, panels)
