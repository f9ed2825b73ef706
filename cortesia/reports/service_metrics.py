"""Service metrics read from the ticket facts (``models.facts``): volumes, backlog, response
and resolution times, one-touch resolution, SLA attainment and replies per ticket.

Counts are grouped by local day in the database and summed into intervals here; times are
read as (day, group, seconds) triples and their median, p90 and mean computed here, so
every interval and group gets exact figures (no sketch, no error bound). docs/metrics.md
states each formula.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Aggregate, Count, FloatField, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cortesia.accounts.models import User
from cortesia.customers.models import Customer
from cortesia.customers.segment_rules import compile_rules
from cortesia.reports import dimensions as dims
from cortesia.reports.bucketing import interval_of
from cortesia.reports.engine import (
    Area,
    Metric,
    MetricQuery,
    Row,
    TimeBasis,
    Unit,
    metric_register,
    percent,
    ratio,
)
from cortesia.reports.models import ReportSettings, TicketFact, TicketMoment
from cortesia.reports.periods import Interval
from cortesia.reports.permissions import ticket_scope
from cortesia.reports.stats import duration_stats, minutes
from cortesia.reports.tallies import Measure, tally_grouped

# The field of each dimension on a ticket fact.
FACT_FIELDS = {
    dims.TEAM.key: "team_id",
    dims.AGENT.key: "assignee_id",
    dims.CHANNEL.key: "channel",
    dims.LANGUAGE.key: "language",
    dims.COUNTRY.key: "country",
    dims.PRIORITY.key: "priority",
    dims.TAG.key: "tag_rows__tag",
    dims.CREATED_BY.key: "by_agent",
    dims.STATUS.key: "status",
}
TICKET_DIMENSIONS = frozenset(
    {
        dims.TEAM.key,
        dims.AGENT.key,
        dims.CHANNEL.key,
        dims.LANGUAGE.key,
        dims.COUNTRY.key,
        dims.SEGMENT.key,
        dims.PRIORITY.key,
        dims.TAG.key,
        dims.CREATED_BY.key,
    }
)
UNSOLVED = ("new", "open", "pending", "on_hold")


def _field(dimension: str, prefix: str) -> str:
    return prefix + FACT_FIELDS[dimension]


def _filter_condition(name: str, value: str, prefix: str) -> Q:
    """The condition of one filter; an unknown team, agent or segment matches nothing."""
    if name == dims.TEAM.key:
        if not value:
            return Q(**{f"{prefix}team_id__isnull": True})
        team = dims.team_id_of(value)
        return Q(**{f"{prefix}team_id": team}) if team else dims.nothing()
    if name == dims.AGENT.key:
        if not value:
            return Q(**{f"{prefix}assignee_id__isnull": True})
        agent = dims.agent_id_of(value)
        return Q(**{f"{prefix}assignee_id": agent}) if agent else dims.nothing()
    if name == dims.SEGMENT.key:
        rules = dims.segment_rules_of(value)
        if rules is None:
            return dims.nothing()
        members = Customer.objects.filter(compile_rules(rules)).values("pk")
        return Q(**{f"{prefix}customer_id__in": members})
    if name == dims.CREATED_BY.key:
        return Q(**{f"{prefix}by_agent": value == "agent"})
    if name == dims.TAG.key:
        return Q(**{f"{prefix}tag_rows__tag": value})
    if name == dims.AGE.key:
        return _age_condition(value, prefix)
    if name == dims.SLA_TARGET.key:
        return Q()  # a moment's, not the ticket's: sla_attainment applies it
    return Q(**{_field(name, prefix): value})


def _age_condition(key: str, prefix: str) -> Q:
    """Tickets whose age now (since creation) is in the age bucket ``key``."""
    lower: int | None = None
    now = timezone.now()
    for bucket, hours, _label in dims.AGE_BUCKETS:
        if bucket == key:
            condition = Q()
            if hours is not None:
                condition &= Q(**{f"{prefix}created_at__gt": now - timedelta(hours=hours)})
            if lower is not None:
                condition &= Q(**{f"{prefix}created_at__lte": now - timedelta(hours=lower)})
            return condition
        lower = hours
    return dims.nothing()


def conditions(query: MetricQuery, viewer: User, prefix: str = "") -> Q:
    """The viewer's scope, the filters, and no merged tickets (on facts; a merged ticket
    has no moments, so a moment needs no join to its fact unless a scope or filter asks)."""
    condition = ticket_scope(viewer, prefix)
    if not prefix:
        condition &= Q(merged=False)
    for name, value in query.filters.items():
        condition &= _filter_condition(name, value, prefix)
    return condition


def _groups(query: MetricQuery, prefix: str = "") -> Iterator[tuple[str | None, Q, str | None]]:
    """(group key, extra condition, grouping field) for each pass over the rows. A
    segment grouping runs once per segment; the others group in the database."""
    if query.group_by == dims.SEGMENT.key:
        from cortesia.customers.models import Segment

        for uid, rules in Segment.objects.order_by("name").values_list("uid", "rules"):
            members = Customer.objects.filter(compile_rules(rules)).values("pk")
            yield str(uid), Q(**{f"{prefix}customer_id__in": members}), None
        return
    yield None, Q(), FACT_FIELDS.get(query.group_by) if query.group_by else None


def _key(dimension: str, raw: object, teams: dict[Any, str], agents: dict[Any, str]) -> str:
    if dimension == dims.TEAM.key:
        return teams.get(raw, "")
    if dimension == dims.AGENT.key:
        return agents.get(raw, "")
    if dimension == dims.CREATED_BY.key:
        return "agent" if raw else "customer"
    return "" if raw is None else str(raw)


class Keys:
    """Turns raw grouped values (team ids, agent ids, booleans) into public keys."""

    def __init__(self, dimension: str, raws: Iterable[object]) -> None:
        self.dimension = dimension
        raws = list(raws)
        ids = [raw for raw in raws if isinstance(raw, int) and not isinstance(raw, bool)]
        self.teams = dims.team_keys(ids) if dimension == dims.TEAM.key else {}
        self.agents = dims.agent_keys(ids) if dimension == dims.AGENT.key else {}

    def __call__(self, raw: object) -> str:
        return _key(self.dimension, raw, self.teams, self.agents)


def grouped_values(
    query: MetricQuery,
    viewer: User,
    rows: QuerySet[Any],
    *,
    at: str,
    prefix: str = "",
    value: str | None = None,
) -> dict[tuple[date | None, str | None], list[Any]]:
    """Group ``rows`` (facts, or moments when ``prefix`` reaches their fact) whose ``at``
    falls in the period by interval and group. Without ``value``: count per local day in
    the database (one list element per day count); with it: the values themselves."""
    period = query.period
    base = rows.filter(
        conditions(query, viewer, prefix), **{f"{at}__gte": period.start, f"{at}__lt": period.end}
    )
    out: dict[tuple[date | None, str | None], list[Any]] = defaultdict(list)
    for group_key, extra, field in _groups(query, prefix):
        selected = base.filter(extra) if extra else base
        names = ["day"] + ([prefix + field] if field else [])
        selected = selected.annotate(day=TruncDate(at, tzinfo=period.zone))
        if value is None:
            data = list(selected.values_list(*names).annotate(n=Count("*")).order_by())
        else:
            data = list(selected.values_list(*names, value).order_by())
        keys = Keys(query.group_by, [row[1] for row in data] if field else [])
        for row in data:
            bucket = period.bucket(row[0])
            group = keys(row[1]) if field else group_key
            out[(bucket, group)].append(row[-1])
    return out


def _rows(
    query: MetricQuery, grouped: dict[tuple[date | None, str | None], list[Any]], make: Any
) -> list[Row]:
    """One row per interval (every interval, also empty ones) and group seen."""
    groups = sorted(
        {group for (_bucket, group) in grouped}, key=lambda key: (key is None, key or "")
    )
    if not query.group_by:
        groups = [None]
    rows = []
    for bucket in query.period.buckets():
        for group in groups:
            rows.append(Row(bucket, group, make(grouped.get((bucket, group), []))))
    return rows


def _count(values: list[Any]) -> dict[str, Any]:
    return {"count": sum(values)}


def _basis_field(query: MetricQuery, name: str) -> str:
    return f"{name}_{'business' if query.time_basis == TimeBasis.BUSINESS else 'calendar'}"


def tickets_created(query: MetricQuery, viewer: User) -> list[Row]:
    grouped = tally_grouped(query, viewer, Measure.CREATED)
    if grouped is None:
        grouped = grouped_values(query, viewer, TicketFact.objects.all(), at="created_at")
    return _rows(query, grouped, _count)


def tickets_solved(query: MetricQuery, viewer: User) -> list[Row]:
    tallied = _solved_tallied(query, viewer)
    if tallied is not None:
        return _rows(query, tallied, _count)
    moments = TicketMoment.objects.filter(kind=TicketMoment.Kind.SOLVE)
    if query.period.interval in (Interval.NONE, Interval.DAY):
        grouped = _distinct_tickets(query, viewer, moments)
        return _rows(query, grouped, _count)
    grouped = grouped_values(query, viewer, moments, at="at", prefix="ticket__", value="ticket_id")
    return _rows(query, grouped, lambda values: {"count": len(set(values))})


def _solved_tallied(
    query: MetricQuery, viewer: User
) -> dict[tuple[date | None, str | None], list[Any]] | None:
    """The tickets solved in each interval from the tallies: the first solves there, plus
    the tickets solved again there after a reopen (few rows, read one by one) whose first
    solve lies in another interval or outside the period. None when tallies cannot answer."""
    grouped = tally_grouped(query, viewer, Measure.FIRST_SOLVE)
    if grouped is None:
        return None
    period = query.period
    again = TicketMoment.objects.filter(
        conditions(query, viewer, "ticket__"),
        kind=TicketMoment.Kind.SOLVE,
        first=False,
        at__gte=period.start,
        at__lt=period.end,
    ).annotate(
        day=TruncDate("at", tzinfo=period.zone),
        first_day=TruncDate("ticket__first_solved_at", tzinfo=period.zone),
    )
    rows = list(again.values_list("ticket_id", "day", "first_day", "ticket__team_id"))
    by_team = query.group_by == dims.TEAM.key
    teams = dims.team_keys([row[3] for row in rows]) if by_team else {}
    extra: dict[tuple[date | None, str | None], set[int]] = defaultdict(set)
    for ticket, day, first_day, team in rows:
        bucket = period.bucket(day)
        inside = first_day is not None and period.first <= first_day <= period.last
        if not (inside and period.bucket(first_day) == bucket):
            extra[(bucket, teams.get(team, "") if by_team else None)].add(ticket)
    for key, tickets in extra.items():
        grouped[key].append(len(tickets))
    return grouped


def _distinct_tickets(
    query: MetricQuery, viewer: User, moments: QuerySet[TicketMoment]
) -> dict[tuple[date | None, str | None], list[Any]]:
    """The tickets with a moment in each day (or in the whole period), counted once each
    by the database: a day's or the period's count is exact, and nothing is read row by
    row. (Longer intervals are summed from rows: a ticket solved on two days of one week
    counts once.)"""
    period = query.period
    base = moments.filter(
        conditions(query, viewer, "ticket__"), at__gte=period.start, at__lt=period.end
    )
    by_day = period.interval == Interval.DAY
    out: dict[tuple[date | None, str | None], list[Any]] = defaultdict(list)
    for group_key, extra, field in _groups(query, "ticket__"):
        selected = base.filter(extra) if extra else base
        names = (["day"] if by_day else []) + (["ticket__" + field] if field else [])
        if by_day:
            selected = selected.annotate(day=TruncDate("at", tzinfo=period.zone))
        counted = Count("ticket_id", distinct=True)
        if names:
            data = list(selected.values_list(*names).annotate(n=counted).order_by())
        else:
            # COUNT(*) over SELECT DISTINCT: PostgreSQL hashes instead of sorting
            data = [(selected.values("ticket_id").distinct().order_by().count(),)]
        raws = [row[-2] for row in data] if field else []
        keys = Keys(query.group_by, raws)
        for row in data:
            bucket = period.bucket(row[0]) if by_day else None
            group = keys(row[-2]) if field else group_key
            out[(bucket, group)].append(row[-1])
    return out


def tickets_reopened(query: MetricQuery, viewer: User) -> list[Row]:
    moments = TicketMoment.objects.filter(kind=TicketMoment.Kind.REOPEN)
    grouped = grouped_values(query, viewer, moments, at="at", prefix="ticket__")
    return _rows(query, grouped, _count)


def _times(
    query: MetricQuery, viewer: User, rows: QuerySet[Any], at: str, value: str, prefix: str = ""
) -> list[Row]:
    rows = rows.filter(**{f"{value}__isnull": False})
    if connection.vendor == "postgresql":
        return _times_aggregated(query, viewer, rows, at, value, prefix)
    grouped = grouped_values(query, viewer, rows, at=at, prefix=prefix, value=value)
    return _rows(query, grouped, duration_stats)


class Percentile(Aggregate):
    """PostgreSQL's ``percentile_cont``: the same linear interpolation as
    :func:`cortesia.reports.stats.percentile`."""

    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression: str, fraction: Decimal) -> None:
        super().__init__(expression, fraction=str(Decimal(fraction)))


def _exact(seconds: float | None) -> Decimal | None:
    # percentile_cont of whole seconds at 0.5 or 0.9 has at most one decimal: rounding to
    # six drops the float's noise and leaves the exact value.
    return None if seconds is None else Decimal(str(round(seconds, 6)))


def _times_aggregated(
    query: MetricQuery, viewer: User, rows: QuerySet[Any], at: str, value: str, prefix: str
) -> list[Row]:
    """Median, p90 and mean per interval and group computed in PostgreSQL (one aggregate
    per group pass) instead of reading every duration: the same figures as
    duration_stats."""
    period = query.period
    base = rows.filter(
        conditions(query, viewer, prefix), **{f"{at}__gte": period.start, f"{at}__lt": period.end}
    )
    figures = {
        "median": Percentile(value, Decimal("0.5")),
        "p90": Percentile(value, Decimal("0.9")),
        "total": Sum(value),
        "n": Count(value),
    }
    names = []
    if period.interval != Interval.NONE:
        base = base.annotate(bucket=interval_of(period, timedelta(0), at))
        names.append("bucket")
    found: dict[tuple[date | None, str | None], dict[str, Any]] = {}
    for group_key, extra, field in _groups(query, prefix):
        selected = base.filter(extra) if extra else base
        grouping = names + ([prefix + field] if field else [])
        if not grouping:
            found[(None, group_key)] = selected.aggregate(**figures)
            continue
        data = list(selected.values_list(*grouping).annotate(**figures).order_by())
        keys = Keys(query.group_by, [row[len(names)] for row in data] if field else [])
        for row in data:
            bucket = row[0] if names else None
            group = keys(row[len(names)]) if field else group_key
            found[(bucket, group)] = dict(zip(figures, row[len(grouping) :], strict=True))
    groups = sorted(
        {group for (_bucket, group), row in found.items() if row and row["n"]},
        key=lambda key: key or "",
    )
    if not query.group_by:
        groups = [None]
    return [
        Row(bucket, group, _stats(found.get((bucket, group))))
        for bucket in period.buckets()
        for group in groups
    ]


def _stats(row: dict[str, Any] | None) -> dict[str, Decimal | int | None]:
    if not row or not row["n"]:
        return duration_stats([])
    median, p90 = _exact(row["median"]), _exact(row["p90"])
    return {
        "median": minutes(median) if median is not None else None,
        "p90": minutes(p90) if p90 is not None else None,
        "mean": minutes(Decimal(row["total"]) / Decimal(row["n"])),
        "count": int(row["n"]),
    }


def first_response_time(query: MetricQuery, viewer: User) -> list[Row]:
    value = _basis_field(query, "first_response")
    return _times(query, viewer, TicketFact.objects.all(), "first_response_at", value)


def next_response_time(query: MetricQuery, viewer: User) -> list[Row]:
    moments = TicketMoment.objects.filter(kind=TicketMoment.Kind.REPLY, first=False)
    value = "business" if query.time_basis == TimeBasis.BUSINESS else "calendar"
    return _times(query, viewer, moments, "at", value, prefix="ticket__")


def first_resolution_time(query: MetricQuery, viewer: User) -> list[Row]:
    value = _basis_field(query, "first_resolution")
    return _times(query, viewer, TicketFact.objects.all(), "first_solved_at", value)


def full_resolution_time(query: MetricQuery, viewer: User) -> list[Row]:
    value = _basis_field(query, "full_resolution")
    return _times(query, viewer, TicketFact.objects.all(), "solved_at", value)


def one_touch_window() -> int:
    row = ReportSettings.objects.first()
    return row.one_touch_reopen_days if row else 5


def one_touch_resolution(query: MetricQuery, viewer: User) -> list[Row]:
    """One-touch ÷ first solves in the period: solved with at most one public agent reply,
    and not reopened within the window (business days after the first solve)."""
    window = one_touch_window()
    tallied = _one_touch_tallied(query, viewer, window)
    if tallied is not None:
        return _rows(query, tallied, _one_touch_values)
    one_touch = Q(replies_at_first_solve__lte=1) & (
        Q(reopen_business_days__isnull=True) | Q(reopen_business_days__gt=window)
    )
    grouped = grouped_values(
        query,
        viewer,
        TicketFact.objects.filter(one_touch),
        at="first_solved_at",
    )
    solved = grouped_values(query, viewer, TicketFact.objects.all(), at="first_solved_at")
    merged: dict[tuple[date | None, str | None], list[Any]] = {
        key: [sum(grouped.get(key, [])), sum(values)] for key, values in solved.items()
    }
    return _rows(query, merged, _one_touch_values)


def _one_touch_values(pair: list[int]) -> dict[str, Any]:
    return {
        "percent": percent(pair[0], pair[1]) if pair else None,
        "one_touch": pair[0] if pair else 0,
        "solved": pair[1] if pair else 0,
    }


def _one_touch_tallied(
    query: MetricQuery, viewer: User, window: int
) -> dict[tuple[date | None, str | None], list[Any]] | None:
    """[one-touch, first solves] per interval and group from the tallies (a candidate
    counts unless reopened within ``window`` business days), or None."""
    candidates = tally_grouped(query, viewer, Measure.ONE_TOUCH, by_key=True)
    solved = tally_grouped(query, viewer, Measure.FIRST_SOLVE)
    if candidates is None or solved is None:
        return None
    return {
        key: [
            sum(n for days, n in candidates.get(key, []) if days == "" or int(days) > window),
            sum(counts),
        ]
        for key, counts in solved.items()
    }


def sla_attainment(query: MetricQuery, viewer: User) -> list[Row]:
    """Met ÷ (met + missed) of the SLA targets finished in the period; the active
    breaches (targets still running or paused, already missed) are counted now, apart,
    on the rows of the last interval (a group with only active breaches gets rows too)."""
    moments = TicketMoment.objects.filter(kind=TicketMoment.Kind.SLA)
    by_target = query.group_by == dims.SLA_TARGET.key
    inner = MetricQuery(
        query.metric,
        query.period,
        "" if by_target else query.group_by,
        query.time_basis,
        query.filters,
    )
    target = query.filters.get(dims.SLA_TARGET.key)
    if target is not None:
        moments = moments.filter(target=target)
    finished = moments.filter(met__isnull=False)
    out: dict[tuple[date | None, str | None], list[Any]] = defaultdict(list)
    tallied = _sla_tallied(inner, viewer, by_target)
    if tallied is not None:
        out = tallied
    elif by_target:
        period = query.period
        base = finished.filter(
            conditions(inner, viewer, "ticket__"), at__gte=period.start, at__lt=period.end
        )
        for day, target, met, n in (
            base.annotate(day=TruncDate("at", tzinfo=period.zone))
            .values_list("day", "target", "met")
            .annotate(n=Count("*"))
            .order_by()
        ):
            out[(period.bucket(day), target)].append((met, n))
    else:
        for met in (True, False):
            counted = grouped_values(
                inner, viewer, finished.filter(met=met), at="at", prefix="ticket__"
            )
            for (bucket, group), counts in counted.items():
                out[(bucket, group)].append((met, sum(counts)))
    active = _active_breaches(query, inner, viewer, moments.filter(met__isnull=True))
    last = query.period.buckets()[-1]
    for group in active:
        out.setdefault((last, group), [])
    rows = _rows(query, out, _attainment)
    for row in rows:
        row.values["active_breaches"] = active.get(row.group, 0) if row.period == last else None
    return rows


def _sla_tallied(
    inner: MetricQuery, viewer: User, by_target: bool
) -> dict[tuple[date | None, str | None], list[Any]] | None:
    """(met, count) pairs per interval and group (or target) from the tallies, or None."""
    out: dict[tuple[date | None, str | None], list[Any]] = defaultdict(list)
    for met, measure in ((True, Measure.SLA_MET), (False, Measure.SLA_MISSED)):
        counted = tally_grouped(inner, viewer, measure, by_key=True)
        if counted is None:
            return None
        for (bucket, group), pairs in counted.items():
            for target, n in pairs:
                out[(bucket, target if by_target else group)].append((met, n))
    return out


def _attainment(pairs: list[tuple[bool, int]]) -> dict[str, Any]:
    met = sum(n for ok, n in pairs if ok)
    missed = sum(n for ok, n in pairs if not ok)
    return {"percent": percent(met, met + missed), "met": met, "missed": missed}


def _active_breaches(
    query: MetricQuery, inner: MetricQuery, viewer: User, moments: QuerySet[TicketMoment]
) -> dict[str | None, int]:
    """Targets running or paused that are already missed (``moments``), now (whatever
    the period), by the query's group."""
    active = moments.filter(conditions(inner, viewer, "ticket__"))
    if query.group_by == dims.SLA_TARGET.key:
        return dict(active.values_list("target").annotate(n=Count("*")).order_by())
    if dims.SLA_TARGET.key not in query.filters:
        return _active_breaches_of_facts(query, inner, viewer)
    out: dict[str | None, int] = defaultdict(int)
    for group_key, extra, field in _groups(query, "ticket__"):
        selected = active.filter(extra) if extra else active
        if field is None:
            if group_key is not None or not query.group_by:
                out[group_key] += selected.count()
            continue
        data = list(selected.values_list("ticket__" + field).annotate(n=Count("*")).order_by())
        keys = Keys(query.group_by, [raw for raw, _n in data])
        for raw, n in data:
            out[keys(raw)] += n
    return {key: n for key, n in out.items() if n or key is None}


def _active_breaches_of_facts(
    query: MetricQuery, inner: MetricQuery, viewer: User
) -> dict[str | None, int]:
    """The active breaches of every target, summed from the facts (each counts its own):
    no moment, no join, and a small index of the tickets that have any."""
    facts = TicketFact.objects.filter(conditions(inner, viewer), active_breaches__gt=0)
    out: dict[str | None, int] = defaultdict(int)
    for group_key, extra, field in _groups(query):
        selected = facts.filter(extra) if extra else facts
        if field is None:
            if group_key is not None or not query.group_by:
                out[group_key] += selected.aggregate(n=Sum("active_breaches"))["n"] or 0
            continue
        data = list(selected.values_list(field).annotate(n=Sum("active_breaches")).order_by())
        keys = Keys(query.group_by, [raw for raw, _n in data])
        for raw, n in data:
            out[keys(raw)] += n
    return {key: n for key, n in out.items() if n or key is None}


def replies_per_ticket(query: MetricQuery, viewer: User) -> list[Row]:
    """Public agent replies ÷ tickets, over the tickets whose last solve is in the period."""
    grouped = grouped_values(
        query, viewer, TicketFact.objects.all(), at="solved_at", value="replies"
    )
    return _rows(
        query,
        grouped,
        lambda values: {
            "mean": ratio(sum(values), len(values)),
            "replies": sum(values),
            "tickets": len(values),
        },
    )


def backlog(query: MetricQuery, viewer: User) -> list[Row]:
    """The unsolved tickets now, by status or by age (time since creation)."""
    facts = TicketFact.objects.filter(conditions(query, viewer), status__in=UNSOLVED)
    if query.group_by == dims.AGE.key:
        return [
            Row(None, key, {"count": facts.filter(_age_condition(key, "")).count()})
            for key, _hours, _label in dims.AGE_BUCKETS
        ]
    if not query.group_by:
        return [Row(None, None, {"count": facts.count()})]
    if query.group_by == dims.SEGMENT.key:
        return [
            Row(None, key, {"count": facts.filter(extra).count()})
            for key, extra, _field in _groups(query)
        ]
    field = FACT_FIELDS[query.group_by]
    data = list(facts.values_list(field).annotate(n=Count("*")).order_by())
    keys = Keys(query.group_by, [row[0] for row in data])
    counted: dict[str, int] = defaultdict(int)
    for raw, n in data:
        counted[keys(raw)] += n
    return [Row(None, key, {"count": counted[key]}) for key in sorted(counted)]


TIME_COLUMNS = ("median", "p90", "mean", "count")

for metric in (
    Metric(
        "tickets_created",
        Area.SERVICE,
        _("Tickets created"),
        Unit.COUNT,
        ("count",),
        TICKET_DIMENSIONS,
        tickets_created,
        _("Tickets opened in the period, by creation time."),
    ),
    Metric(
        "tickets_solved",
        Area.SERVICE,
        _("Tickets solved"),
        Unit.COUNT,
        ("count",),
        TICKET_DIMENSIONS,
        tickets_solved,
        _("Tickets solved at least once in the period."),
    ),
    Metric(
        "tickets_reopened",
        Area.SERVICE,
        _("Reopens"),
        Unit.COUNT,
        ("count",),
        TICKET_DIMENSIONS,
        tickets_reopened,
        _("Solved tickets reopened in the period (each reopen counts)."),
        higher_is_better=False,
    ),
    Metric(
        "backlog",
        Area.SERVICE,
        _("Backlog"),
        Unit.COUNT,
        ("count",),
        TICKET_DIMENSIONS | {dims.STATUS.key, dims.AGE.key},
        backlog,
        _("Unsolved tickets now, by status or age."),
        timed=False,
        higher_is_better=False,
    ),
    Metric(
        "first_response_time",
        Area.SERVICE,
        _("First response time"),
        Unit.MINUTES,
        TIME_COLUMNS,
        TICKET_DIMENSIONS,
        first_response_time,
        _("From the customer's request to the first public agent reply."),
        business_time=True,
        higher_is_better=False,
    ),
    Metric(
        "next_response_time",
        Area.SERVICE,
        _("Next response time"),
        Unit.MINUTES,
        TIME_COLUMNS,
        TICKET_DIMENSIONS,
        next_response_time,
        _("From a customer's message to the public agent reply after it (first replies excluded)."),
        business_time=True,
        higher_is_better=False,
    ),
    Metric(
        "first_resolution_time",
        Area.SERVICE,
        _("First resolution time"),
        Unit.MINUTES,
        TIME_COLUMNS,
        TICKET_DIMENSIONS,
        first_resolution_time,
        _("From creation to the first solve."),
        business_time=True,
        higher_is_better=False,
    ),
    Metric(
        "full_resolution_time",
        Area.SERVICE,
        _("Full resolution time"),
        Unit.MINUTES,
        TIME_COLUMNS,
        TICKET_DIMENSIONS,
        full_resolution_time,
        _("From creation to the last solve, for tickets solved now."),
        business_time=True,
        higher_is_better=False,
    ),
    Metric(
        "one_touch_resolution",
        Area.SERVICE,
        _("One-touch resolution"),
        Unit.PERCENT,
        ("percent", "one_touch", "solved"),
        TICKET_DIMENSIONS,
        one_touch_resolution,
        _("First solves with at most one public agent reply and no early reopen."),
    ),
    Metric(
        "sla_attainment",
        Area.SERVICE,
        _("SLA attainment"),
        Unit.PERCENT,
        ("percent", "met", "missed", "active_breaches"),
        TICKET_DIMENSIONS | {dims.SLA_TARGET.key},
        sla_attainment,
        _("SLA targets met ÷ targets met or missed in the period."),
    ),
    Metric(
        "replies_per_ticket",
        Area.SERVICE,
        _("Replies per ticket"),
        Unit.NUMBER,
        ("mean", "replies", "tickets"),
        TICKET_DIMENSIONS,
        replies_per_ticket,
        _("Public agent replies per solved ticket."),
        higher_is_better=False,
    ),
):
    metric_register(metric)
