"""Keep the ticket facts current: after every recorded ticket change a task recomputes the
ticket's rows; ``facts_rebuild`` recomputes every ticket (or those created since a day)
in batches.

A recomputation replaces all rows of a ticket, so it is idempotent: a task run twice, a
late event (a reopen, a merge, a survey answered days later) or an imported historical
ticket leaves the same rows as a rebuild would. The customer's country is copied onto
the fact, so a customer whose country changes, or who absorbs another by a merge, has
the facts of their tickets recomputed too. Two recomputations of one ticket are
serialized by locking the ticket row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django_tasks import task

from cortesia.calendars.conversion import business_calendar
from cortesia.calendars.models import Calendar
from cortesia.core.enqueue import enqueue_after_commit
from cortesia.culture.business_time import BusinessCalendar
from cortesia.customers.models import Customer
from cortesia.reports.models import TicketFact, TicketMoment, TicketTagFact
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


def on_events_recorded(sender: object, *, events: list[TicketEvent], **kwargs: object) -> None:
    """Recompute the changed ticket's facts once the change commits."""
    ids = sorted({event.ticket_id for event in events})
    if ids:
        enqueue_after_commit(refresh_ticket_facts, ticket_ids=ids)


def on_customer_changed(sender: object, *, customer: Customer, kind: str, **kwargs: object) -> None:
    """Recompute, once the change commits, the facts of the customer's tickets that copied
    another customer or country: a changed country, or tickets moved here by a merge. A
    rebuild then gives the same rows as the upkeep did."""
    stale = (
        TicketFact.objects.filter(ticket__customer_id=customer.pk)
        .exclude(customer_id=customer.pk, country=customer.country or "")
        .values_list("ticket_id", flat=True)
    )
    ids = sorted(stale)
    if ids:
        enqueue_after_commit(refresh_ticket_facts, ticket_ids=ids)


@task()
def refresh_ticket_facts(*, ticket_ids: list[int]) -> int:
    """Recompute the facts of ``ticket_ids``; return how many tickets still exist."""
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


def _replace(ids: list[int], computed: list[Computed]) -> None:
    TicketMoment.objects.filter(ticket_id__in=ids).delete()
    TicketTagFact.objects.filter(ticket_id__in=ids).delete()
    TicketFact.objects.filter(ticket_id__in=ids).delete()
    TicketFact.objects.bulk_create([row.fact for row in computed], batch_size=BATCH)
    TicketMoment.objects.bulk_create(
        [moment for row in computed for moment in row.moments], batch_size=BATCH
    )
    TicketTagFact.objects.bulk_create(
        [tag for row in computed for tag in row.tags], batch_size=BATCH
    )


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


def facts_rebuild(
    *, since: datetime | None = None, progress: Callable[[int], None] | None = None
) -> int:
    """Recompute the facts of every ticket (created at or after ``since``), one
    transaction per batch; return how many tickets were computed. Rows of tickets that no
    longer exist are removed in the same range. ``progress`` is told the running total
    after each batch."""
    if since is None:
        with transaction.atomic():
            TicketMoment.objects.all().delete()
            TicketTagFact.objects.all().delete()
            TicketFact.objects.all().delete()
    done = 0
    for ids in _id_batches(since):
        with transaction.atomic():
            computed = histories_compute(ids)
            _replace(ids, computed)
        done += len(computed)
        if progress is not None:
            progress(done)
    return done
