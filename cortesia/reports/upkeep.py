"""Keep the ticket facts current: every recorded ticket change marks the ticket's facts
stale in its own transaction, and a periodic job of the workers (every 10 seconds)
recomputes the marked tickets in batches; ``facts_rebuild`` recomputes every ticket (or
those created since a day).

A recomputation replaces all rows of a ticket, so it is idempotent: a refresh run twice, a
late event (a reopen, a merge, a survey answered days later) or an imported historical
ticket leaves the same rows as a rebuild would; the hourly tallies move by the difference
between the ticket's old and new rows, in the same transaction. The customer's country is
copied onto the fact, so a customer whose country changes, or who absorbs another by a
merge, has the facts of their tickets recomputed too. Two recomputations of one ticket are
serialized by locking the ticket row. Marking costs a change one small upsert, where a
queued task per change cost a task row; many changes of one ticket between two runs are
computed once.
"""

from __future__ import annotations

import multiprocessing
import secrets
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from django.db import connection, connections, transaction
from django.db.models import Field, Model
from django.db.models.fields import AutoFieldMixin
from django_tasks import task

from cortesia.calendars.conversion import business_calendar
from cortesia.calendars.models import Calendar
from cortesia.culture.business_time import BusinessCalendar
from cortesia.customers.models import Customer
from cortesia.reports.fact_indexes import fact_indexes_drop, fact_indexes_restore
from cortesia.reports.models import (
    StaleTicket,
    TicketFact,
    TicketMoment,
    TicketTagFact,
    TicketTally,
)
from cortesia.reports.order_links import order_links_rebuild
from cortesia.reports.tallies import (
    Cell,
    contributions,
    stored_contributions,
    tallies_add,
    tallies_recount,
)
from cortesia.reports.ticket_facts import (
    ClockRow,
    Computed,
    MessageRow,
    StatusRow,
    TicketHistory,
    TicketRow,
    ticket_fact_compute,
)
from cortesia.sla.models import SlaClock
from cortesia.tickets.models import Ticket, TicketEvent, TicketMessage

BATCH = 2000
STALE_BATCH = 200  # tickets per transaction of the periodic refresh
M = TypeVar("M", bound=Model)


def on_events_recorded(sender: object, *, events: list[TicketEvent], **kwargs: object) -> None:
    """Mark the changed tickets' facts stale, in the change's own transaction."""
    facts_mark_stale({event.ticket_id for event in events})


def on_customer_changed(sender: object, *, customer: Customer, kind: str, **kwargs: object) -> None:
    """Mark stale the facts of the customer's tickets that copied another customer or
    country: a changed country, or tickets moved here by a merge. A rebuild then gives the
    same rows as the upkeep did. A new customer has no tickets, and a change that leaves
    the country alone changes no fact: neither costs a query."""
    if kind == "created":
        return
    event = kwargs.get("event")
    changed = getattr(event, "data", {}).get("fields", []) if kind == "updated" else None
    if changed is not None and "country" not in changed:
        return
    stale = (
        TicketFact.objects.filter(ticket__customer_id=customer.pk)
        .exclude(customer_id=customer.pk, country=customer.country or "")
        .values_list("ticket_id", flat=True)
    )
    facts_mark_stale(stale)


def facts_mark_stale(ticket_ids: Iterable[int]) -> None:
    """Mark the facts of ``ticket_ids`` stale: one upsert, in the caller's transaction, so
    the mark commits (or rolls back) with the change. A mark already there gets a new
    value, which tells a refresh that read the old one to leave it for the next run."""
    rows = [StaleTicket(ticket_id=pk, mark=secrets.randbits(62)) for pk in sorted(set(ticket_ids))]
    if rows:
        StaleTicket.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["ticket_id"], update_fields=["mark"]
        )


def stale_facts_refresh(*, batch: int = STALE_BATCH) -> int:
    """Recompute the facts of every ticket marked stale, ``batch`` tickets per
    transaction; return how many were recomputed. A periodic job of the workers.

    The marks are read without a lock, so a change never waits for a refresh: the facts
    are computed (each ticket row locked, as every refresh does), then each mark is
    removed only if it still holds the value read. A change that committed after the
    read, or is still running, has set a new value (or waits to), and its ticket is
    recomputed by the next run. Two workers running this at once may compute a ticket
    twice, never leave one stale."""
    done = 0
    after = -1
    while True:
        marks = list(
            StaleTicket.objects.filter(ticket_id__gt=after)
            .order_by("ticket_id")
            .values_list("ticket_id", "mark")[:batch]
        )
        if not marks:
            return done
        with transaction.atomic():
            facts_refresh([pk for pk, _mark in marks])
            _unmark(marks)
        done += len(marks)
        after = marks[-1][0]


def _unmark(marks: list[tuple[int, int]]) -> None:
    pairs = ", ".join(["(%s, %s)"] * len(marks))
    table = connection.ops.quote_name(StaleTicket._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE (ticket_id, mark) IN (VALUES {pairs})",  # noqa: S608
            [value for pair in marks for value in pair],
        )


@task()
def refresh_ticket_facts(*, ticket_ids: list[int]) -> int:
    """Recompute the facts of ``ticket_ids``; return how many tickets still exist. Nothing
    queues it any more (changes mark tickets stale); it stays for tasks an earlier version
    queued, which a worker still runs after an upgrade."""
    return facts_refresh(ticket_ids)


def facts_refresh(ticket_ids: Iterable[int]) -> int:
    """Replace the fact rows of ``ticket_ids`` with rows computed from their raw rows now
    (a deleted ticket loses its rows). Return how many tickets were computed."""
    ids = sorted(set(ticket_ids))
    with transaction.atomic():
        list(Ticket.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
        computed = histories_compute(ids)
        _replace(ids, computed)
    return len(computed)


def _replace(ids: list[int], computed: list[Computed], *, fresh: bool = False) -> None:
    """Remove the rows of ``ids`` (unless ``fresh``: the tables hold none of them) and
    write the computed ones."""
    if not fresh:
        change = contributions_of(computed)
        change.subtract(stored_contributions(ids))
        tallies_add(change)
        for model in (TicketMoment, TicketTagFact, TicketFact):
            rows = model.objects.filter(ticket_id__in=ids)
            # A plain DELETE: the collector would first read what cascades, and the
            # moments and tags are deleted here already.
            rows._raw_delete(rows.db)
    facts = [row.fact for row in computed]
    moments = [moment for row in computed for moment in row.moments]
    tags = [tag for row in computed for tag in row.tags]
    if connection.vendor == "postgresql":
        _copy(TicketFact, facts)
        _copy(TicketMoment, moments)
        _copy(TicketTagFact, tags)
        return
    TicketFact.objects.bulk_create(_as_models(TicketFact, facts), batch_size=BATCH)
    TicketMoment.objects.bulk_create(_as_models(TicketMoment, moments), batch_size=BATCH)
    TicketTagFact.objects.bulk_create(_as_models(TicketTagFact, tags), batch_size=BATCH)


def contributions_of(computed: list[Computed]) -> Counter[Cell]:
    change: Counter[Cell] = Counter()
    for row in computed:
        change.update(contributions(row.fact, row.moments))
    return change


def _written_fields(model: type[Model]) -> list[Field[Any, Any]]:
    """The fields a computed row gives (all but a generated id)."""
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key or not isinstance(field, AutoFieldMixin)
    ]


def _as_models(model: type[M], rows: Sequence[Any]) -> list[M]:
    names = [field.attname for field in _written_fields(model)]
    return [model(**{name: getattr(row, name) for name in names}) for row in rows]


def _copy(model: type[Model], rows: Sequence[Any]) -> None:
    """Write computed ``rows`` (attributes named as the model's fields) with PostgreSQL's
    COPY: plain values, no per-field preparation (the fact models hold only numbers,
    booleans, text and aware instants)."""
    if not rows:
        return
    fields = _written_fields(model)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    names = [field.attname for field in fields]
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row([getattr(row, name) for name in names])


class _Calendars:
    """Business calendars by row id, read once per batch."""

    def __init__(self) -> None:
        self._rows: dict[int, BusinessCalendar] = {}

    def load(self, ids: Iterable[int | None]) -> None:
        wanted = {pk for pk in ids if pk is not None and pk not in self._rows}
        for row in Calendar.objects.filter(pk__in=wanted):
            self._rows[row.pk] = business_calendar(row)

    def get(self, pk: int | None) -> BusinessCalendar | None:
        return self._rows.get(pk) if pk is not None else None


@dataclass(frozen=True)
class _Loaded:
    histories: dict[int, TicketHistory]
    calendar_ids: dict[int, int | None]


def _tickets(ids: list[int]) -> _Loaded:
    rows = Ticket.objects.filter(pk__in=ids).values_list(
        "pk",
        "created_at",
        "team_id",
        "assignee_id",
        "customer_id",
        "channel",
        "language",
        "customer__country",
        "priority",
        "status",
        "tags",
        "merged_into_id",
        "solved_at",
        "team__calendar_id",
    )
    histories: dict[int, TicketHistory] = {}
    calendar_ids: dict[int, int | None] = {}
    for row in rows:
        (pk, created, team, assignee, customer, channel, language, country) = row[:8]
        (priority, status, tags, merged_into, solved_at, team_calendar) = row[8:]
        histories[pk] = TicketHistory(
            TicketRow(
                id=pk,
                created_at=created,
                team_id=team,
                assignee_id=assignee,
                customer_id=customer,
                channel=channel,
                language=language,
                country=country or "",
                priority=priority,
                status=status,
                tags=tags if isinstance(tags, list) else [],
                merged=merged_into is not None,
                solved_at=solved_at,
            )
        )
        calendar_ids[pk] = team_calendar
    return _Loaded(histories, calendar_ids)


def _status_change(kind: str, at: datetime, data: object) -> StatusRow | None:
    if kind == TicketEvent.Kind.REOPENED:
        return StatusRow(at=at, before="solved", after="open")
    change = data.get("status") if isinstance(data, dict) else None
    if isinstance(change, list) and len(change) == 2:
        return StatusRow(at=at, before=str(change[0]), after=str(change[1]))
    return None


def histories_compute(ids: list[int]) -> list[Computed]:
    """Read the raw rows of ``ids`` in four queries and compute their facts."""
    loaded = _tickets(ids)
    histories = loaded.histories
    present = list(histories)
    messages = TicketMessage.objects.filter(ticket_id__in=present).order_by("created_at", "pk")
    for ticket_id, kind, author, at in messages.values_list(
        "ticket_id", "kind", "author_kind", "created_at"
    ):
        histories[ticket_id].messages.append(
            MessageRow(at=at, public=kind == TicketMessage.Kind.REPLY, author=author)
        )
    events = TicketEvent.objects.filter(
        ticket_id__in=present,
        kind__in=(TicketEvent.Kind.UPDATED, TicketEvent.Kind.REOPENED),
    ).order_by("occurred_at", "pk")
    for ticket_id, kind, at, data in events.values_list("ticket_id", "kind", "occurred_at", "data"):
        change = _status_change(kind, at, data)
        if change is not None:
            histories[ticket_id].statuses.append(change)
    clock_calendars: dict[int, int | None] = defaultdict(lambda: None)
    clocks = SlaClock.objects.filter(ticket_id__in=present).order_by("pk")
    for ticket_id, target, state, breached, stopped, calendar_id in clocks.values_list(
        "ticket_id", "target", "state", "breached_at", "stopped_at", "calendar_id"
    ):
        histories[ticket_id].clocks.append(
            ClockRow(target=target, state=state, breached_at=breached, stopped_at=stopped)
        )
        clock_calendars.setdefault(ticket_id, calendar_id)
    calendars = _Calendars()
    chosen = {pk: clock_calendars.get(pk) or loaded.calendar_ids.get(pk) for pk in histories}
    calendars.load(chosen.values())
    computed = []
    for pk, history in histories.items():
        history.calendar = calendars.get(chosen[pk])
        computed.append(ticket_fact_compute(history))
    return computed


def _id_batches(since: datetime | None) -> Iterator[list[int]]:
    tickets = Ticket.objects.order_by("pk")
    if since is not None:
        tickets = tickets.filter(created_at__gte=since)
    last = 0
    while True:
        ids = list(tickets.filter(pk__gt=last).values_list("pk", flat=True)[:BATCH])
        if not ids:
            return
        yield ids
        last = ids[-1]


def _rebuild_batch(ids: list[int], fresh: bool) -> int:
    with transaction.atomic():
        computed = histories_compute(ids)
        _replace(ids, computed, fresh=fresh)
    return len(computed)


def _empty_all() -> None:
    """Remove every fact row and tally (and, on PostgreSQL, the fact tables' secondary
    indexes until the rows are back: ``fact_indexes``)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            tables = ", ".join(
                connection.ops.quote_name(model._meta.db_table)
                for model in (TicketMoment, TicketTagFact, TicketFact, TicketTally)
            )
            with connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {tables}")
            fact_indexes_drop()
            return
        for model in (TicketMoment, TicketTagFact, TicketFact, TicketTally):
            rows = model.objects.all()
            rows._raw_delete(rows.db)


def facts_rebuild(
    *,
    since: datetime | None = None,
    progress: Callable[[int], None] | None = None,
    jobs: int = 1,
) -> int:
    """Recompute the facts of every ticket (created at or after ``since``), one
    transaction per batch of 2,000; return how many tickets were computed. Without
    ``since`` every fact row is removed first; with it, the rows of each batch's tickets
    are replaced. ``progress`` is told the running total after each batch. ``jobs`` > 1
    computes batches in that many processes at once (PostgreSQL only: SQLite writes one
    at a time). Without ``since`` the order links are recomputed too."""
    fresh = since is None
    if fresh:
        _empty_all()
    else:
        with transaction.atomic():
            fact_indexes_restore()  # an interrupted full rebuild may have left some dropped
    batches = _id_batches(since)
    done = 0
    if jobs <= 1 or connection.vendor != "postgresql":
        for ids in batches:
            done += _rebuild_batch(ids, fresh)
            if progress is not None:
                progress(done)
    else:
        for count in _in_processes(list(batches), fresh, jobs):
            done += count
            if progress is not None:
                progress(done)
    if fresh:
        # The batches wrote facts into empty tables and left the tallies alone: count
        # them once from the facts (a rebuild ``since`` a day moved them batch by batch).
        with transaction.atomic():
            fact_indexes_restore()
        with transaction.atomic():
            tallies_recount()
        order_links_rebuild()  # the customers' side: every counted order's neighbours
    return done


def _in_processes(batches: list[list[int]], fresh: bool, jobs: int) -> Iterator[int]:
    """Run the batches in ``jobs`` forked processes, each with its own connection."""
    connections.close_all()  # a forked process must not share the parent's connection
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from pool.map(_rebuild_batch_in_child, batches, [fresh] * len(batches))


def _rebuild_batch_in_child(ids: list[int], fresh: bool) -> int:
    try:
        return _rebuild_batch(ids, fresh)
    finally:
        connections.close_all()
