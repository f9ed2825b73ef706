"""The hourly tallies (``models.tallies``): what each ticket adds to them, how the upkeep
moves them when a ticket's facts change, how a rebuild recounts them, and how the service
metrics read them.

A ticket adds one to each measure it reaches, in the UTC hour of the instant and under
its team now: ``created`` (its creation), ``first_solve`` and ``one_touch`` (its first
solve; the key of a one-touch candidate tells when it was reopened, so the window stays a
setting), ``sla_met``/``sla_missed`` (each finished SLA target, keyed by target). Merged
tickets add nothing, as in the facts.

The metrics read tallies only when they answer exactly: no filter, grouped by nothing or
by team (SLA also by target), and a zone whose local days start on the hour throughout
the period. An administrator's or a manager's scope is a set of teams; an agent's is
their teams' tallies plus what their own tickets of other teams add, computed from those
few facts with the same contributions. Anything else reads the facts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol

from django.db import connection
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate, TruncHour

from cortesia.accounts.models import User
from cortesia.accounts.selectors import viewer_team_ids
from cortesia.reports import dimensions as dims
from cortesia.reports.engine import MetricQuery
from cortesia.reports.models import TicketFact, TicketMoment, TicketTally
from cortesia.reports.periods import ReportPeriod
from cortesia.reports.permissions import team_scope

Measure = TicketTally.Measure
Cell = tuple[str, datetime, int, str]  # measure, hour, team id (0: none), key
Grouped = dict[tuple[date | None, str | None], list[Any]]


class FactLike(Protocol):
    merged: bool
    team_id: int | None
    created_at: datetime
    first_solved_at: datetime | None
    replies_at_first_solve: int | None
    reopen_business_days: int | None


class MomentLike(Protocol):
    kind: str
    at: datetime
    target: str
    met: bool | None


def _hour(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def contributions(fact: FactLike, moments: Iterable[MomentLike]) -> Counter[Cell]:
    """What one ticket (its fact and its moments) adds to the tallies."""
    cells: Counter[Cell] = Counter()
    if fact.merged:
        return cells
    team = fact.team_id or 0
    cells[(Measure.CREATED, _hour(fact.created_at), team, "")] += 1
    if fact.first_solved_at is not None:
        hour = _hour(fact.first_solved_at)
        cells[(Measure.FIRST_SOLVE, hour, team, "")] += 1
        replies = fact.replies_at_first_solve
        if replies is not None and replies <= 1:
            days = fact.reopen_business_days
            cells[(Measure.ONE_TOUCH, hour, team, "" if days is None else str(days))] += 1
    for moment in moments:
        if moment.kind == TicketMoment.Kind.SLA and moment.met is not None:
            measure = Measure.SLA_MET if moment.met else Measure.SLA_MISSED
            cells[(measure, _hour(moment.at), team, moment.target)] += 1
    return cells


def stored_contributions(ticket_ids: list[int]) -> Counter[Cell]:
    """What the fact rows stored now for ``ticket_ids`` add to the tallies."""
    cells: Counter[Cell] = Counter()
    facts = TicketFact.objects.filter(ticket_id__in=ticket_ids).only(
        "merged",
        "team_id",
        "created_at",
        "first_solved_at",
        "replies_at_first_solve",
        "reopen_business_days",
    )
    stored = list(facts)
    if not stored:  # a new ticket: nothing counted yet, no moment to read
        return cells
    moments: dict[int, list[TicketMoment]] = defaultdict(list)
    finished = TicketMoment.objects.filter(
        ticket_id__in=[fact.ticket_id for fact in stored],
        kind=TicketMoment.Kind.SLA,
        met__isnull=False,
    ).only("ticket_id", "kind", "at", "target", "met")
    for moment in finished:
        moments[moment.ticket_id].append(moment)
    for fact in stored:
        cells.update(contributions(fact, moments[fact.ticket_id]))
    return cells


def tallies_add(change: Counter[Cell]) -> None:
    """Add ``change`` (negative counts subtract) to the tallies, one upsert for all cells.
    Cells go in a fixed order, so two transactions never wait on each other's rows in
    opposite orders."""
    cells = sorted((cell, n) for cell, n in change.items() if n)
    if not cells:
        return
    quote = connection.ops.quote_name
    table = quote(TicketTally._meta.db_table)
    columns = [quote(name) for name in ("measure", "hour", "team_id", "key", "n")]
    unique = ", ".join(columns[:4])
    for start in range(0, len(cells), 500):
        chunk = cells[start : start + 500]
        params: list[Any] = []
        for (measure, hour, team, key), n in chunk:
            stored_hour = connection.ops.adapt_datetimefield_value(hour)
            params.extend([str(measure), stored_hour, team, key, n])
        values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(chunk))
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES {values} "  # noqa: S608 - names
            f"ON CONFLICT ({unique}) DO UPDATE SET {columns[4]} = "
            f"{table}.{columns[4]} + excluded.{columns[4]}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def on_fact_deleted(sender: object, *, instance: TicketFact, **kwargs: object) -> None:
    """A fact deleted with its ticket takes its counts with it (the upkeep replaces facts
    with plain deletes, which send no signal and take theirs away themselves)."""
    change: Counter[Cell] = Counter()
    change.subtract(stored_contributions([instance.ticket_id]))
    tallies_add(change)


def tallies_recount() -> int:
    """Replace every tally with counts taken from the fact rows; return how many rows."""
    cells: Counter[Cell] = Counter()
    facts = TicketFact.objects.filter(merged=False)
    for hour, team, n in (
        facts.annotate(h=TruncHour("created_at", tzinfo=UTC))
        .values_list("h", "team_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        cells[(Measure.CREATED, hour, team or 0, "")] += n
    solved = facts.filter(first_solved_at__isnull=False).annotate(
        h=TruncHour("first_solved_at", tzinfo=UTC)
    )
    for hour, team, n in solved.values_list("h", "team_id").annotate(n=Count("pk")).order_by():
        cells[(Measure.FIRST_SOLVE, hour, team or 0, "")] += n
    for hour, team, days, n in (
        solved.filter(replies_at_first_solve__lte=1)
        .values_list("h", "team_id", "reopen_business_days")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        key = "" if days is None else str(days)
        cells[(Measure.ONE_TOUCH, hour, team or 0, key)] += n
    finished = TicketMoment.objects.filter(kind=TicketMoment.Kind.SLA, met__isnull=False)
    for hour, team, target, met, n in (
        finished.annotate(h=TruncHour("at", tzinfo=UTC))
        .values_list("h", "ticket__team_id", "target", "met")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        measure = Measure.SLA_MET if met else Measure.SLA_MISSED
        cells[(measure, hour, team or 0, target)] += n
    TicketTally.objects.all()._raw_delete(TicketTally.objects.db)
    cells = Counter({cell: n for cell, n in cells.items() if n})
    if connection.vendor == "postgresql":
        _copy_cells(cells)
        return len(cells)
    rows = [
        TicketTally(measure=measure, hour=hour, team_id=team, key=key, n=n)
        for (measure, hour, team, key), n in sorted(cells.items())
    ]
    TicketTally.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _copy_cells(cells: Counter[Cell]) -> None:
    """Write ``cells`` with PostgreSQL's COPY (a rebuild writes hundreds of thousands)."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in ("measure", "hour", "team_id", "key", "n"))
    sql = f"COPY {quote(TicketTally._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for (measure, hour, team, key), n in cells.items():
            copy.write_row([str(measure), hour, team, key, n])


def _on_the_hour(period: ReportPeriod) -> bool:
    """Whether every local day of ``period`` starts on a UTC hour (the zone's offset is
    whole hours throughout), so an hour's count belongs to one local day."""
    day = period.first - timedelta(days=1)
    while day <= period.last + timedelta(days=1):
        for at in (time(0), time(12)):
            offset = datetime.combine(day, at, tzinfo=UTC).astimezone(period.zone).utcoffset()
            if offset is None or offset.total_seconds() % 3600:
                return False
        day += timedelta(days=1)
    return True


def tally_grouped(
    query: MetricQuery, viewer: User, measure: str, *, by_key: bool = False
) -> Grouped | None:
    """The counts of ``measure`` in the query's period by interval and group (with
    ``by_key``: ``(key, count)`` pairs), or None when tallies cannot answer the query
    exactly (see the module's docstring)."""
    if query.filters or query.group_by not in ("", dims.TEAM.key):
        return None
    if not _on_the_hour(query.period):
        return None
    scope = team_scope(viewer)
    elsewhere = scope is None  # an agent: their teams, and their own tickets of others
    if scope is None:
        scope = Q(team_id__in=viewer_team_ids(viewer))
    period = query.period
    rows = TicketTally.objects.filter(
        scope, measure=measure, hour__gte=period.start, hour__lt=period.end
    ).annotate(day=TruncDate("hour", tzinfo=period.zone))
    by_team = query.group_by == dims.TEAM.key
    names = ["day", "team_id"] if by_team else ["day"]
    if by_key:
        names.append("key")
    data = [row for row in rows.values_list(*names).annotate(n=Sum("n")).order_by() if row[-1]]
    if elsewhere:
        data += _own_elsewhere(query, viewer, measure, by_team=by_team, by_key=by_key)
    teams = dims.team_keys([row[1] for row in data]) if by_team else {}
    out: Grouped = defaultdict(list)
    for row in data:
        group = teams.get(row[1] or None, "") if by_team else None
        out[(period.bucket(row[0]), group)].append((row[-2], row[-1]) if by_key else row[-1])
    return out


def _own_elsewhere(
    query: MetricQuery, viewer: User, measure: str, *, by_team: bool, by_key: bool
) -> list[tuple[Any, ...]]:
    """What an agent's own tickets outside their teams add, in the shape of the tally
    rows: the same contributions the upkeep tallies, computed from those few facts."""
    period = query.period
    # Their own tickets of other teams (or of none), whatever the period: usually none,
    # read from the (assignee, team) index alone; then only those tickets' rows.
    elsewhere = list(
        TicketFact.objects.filter(
            _other_teams(sorted(viewer_team_ids(viewer))), assignee_id=viewer.pk, merged=False
        ).values_list("ticket_id", flat=True)
    )
    if not elsewhere:
        return []
    own = TicketFact.objects.filter(ticket_id__in=elsewhere)
    within = {"__gte": period.start, "__lt": period.end}
    moments: dict[int, list[TicketMoment]] = defaultdict(list)
    if measure == Measure.CREATED:
        own = own.filter(**{f"created_at{k}": v for k, v in within.items()})
    elif measure in (Measure.FIRST_SOLVE, Measure.ONE_TOUCH):
        own = own.filter(**{f"first_solved_at{k}": v for k, v in within.items()})
    else:
        finished = TicketMoment.objects.filter(
            ticket_id__in=elsewhere,
            kind=TicketMoment.Kind.SLA,
            met__isnull=False,
            **{f"at{k}": v for k, v in within.items()},
        ).only("ticket_id", "kind", "at", "target", "met")
        for moment in finished:
            moments[moment.ticket_id].append(moment)
        own = own.filter(ticket_id__in=list(moments))
    cells: Counter[Cell] = Counter()
    for fact in own:
        cells.update(contributions(fact, moments[fact.ticket_id]))
    rows = []
    for (name, hour, team, key), count in sorted(cells.items()):
        if name != measure or not period.start <= hour < period.end:
            continue
        row: list[Any] = [hour.astimezone(period.zone).date()]
        if by_team:
            row.append(team)
        if by_key:
            row.append(key)
        rows.append((*row, count))
    return rows


def _other_teams(teams: list[int]) -> Q:
    """No team, or a team id between those of ``teams`` (sorted): ranges, so the
    (assignee, team) index is read only where such tickets are, not across every ticket
    of the assignee as a NOT IN would."""
    ranges = Q(team_id__isnull=True)
    low: int | None = None
    for team in teams:
        ranges |= Q(team_id__lt=team) if low is None else Q(team_id__gt=low, team_id__lt=team)
        low = team
    ranges |= Q(team_id__isnull=False) if low is None else Q(team_id__gt=low)
    return ranges
