"""Scheduling invitations: when a ticket is solved, an order delivered, or a relationship
survey's day comes, each matching customer gets one invitation scheduled for the first
instant of their contact window at or after the trigger plus the survey's delay
(``customers.contact_window``), or a suppressed one saying why not (``eligibility``).

A survey's conditions (teams, ticket channels, languages, countries, tags, segment) are
all required; an empty list matches everything. Tags are the ticket's for a solved ticket
and the customer's otherwise. When several ticket or order surveys match, the first in
the surveys' order is the one sent: a customer is asked one thing at a time.

``dedupe_key`` names the occasion, so a ticket solved twice is surveyed once (a survey
suppressed because the ticket was reopened is scheduled again when it is solved again).
"""

from __future__ import annotations

import functools
import logging
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from django.db import IntegrityError, connections, router, transaction
from django.db.models import Field, QuerySet
from django.utils import timezone

from cortesia.culture.local_formats import language_of
from cortesia.customers.contact_window import (
    Placement,
    contact_policy,
    next_contact_instant,
    placement,
)
from cortesia.customers.models import ContactPolicy, Customer, CustomerPhone, Order
from cortesia.customers.segment_rules import compile_rules
from cortesia.feedback.eligibility import (
    consent_refusals,
    customer_refusal,
    recently_invited,
    throttle_since,
    ticket_refusal,
)
from cortesia.feedback.models import (
    FeedbackSettings,
    InvitationState,
    SuppressedReason,
    Survey,
    SurveyInvitation,
    SurveyTrigger,
)
from cortesia.feedback.settings_access import feedback_settings
from cortesia.tickets.models import Ticket, TicketEvent

logger = logging.getLogger(__name__)
RUN_CHUNK = 2000


@dataclass(frozen=True)
class Occasion:
    survey: Survey
    customer: Customer
    dedupe_key: str
    trigger_at: datetime
    ticket: Ticket | None = None
    order: Order | None = None


def _active(trigger: SurveyTrigger) -> list[Survey]:
    return list(
        Survey.objects.filter(trigger=trigger, is_active=True)
        .select_related("segment")
        .prefetch_related("teams")
    )


def _lower(values: Iterable[object]) -> set[str]:
    return {str(value).lower() for value in values}


def conditions_match(survey: Survey, *, customer: Customer, ticket: Ticket | None = None) -> bool:
    """Whether ``customer`` (about ``ticket``, if any) meets every condition of ``survey``."""
    if ticket is not None:
        teams = {team.pk for team in survey.teams.all()}
        if teams and ticket.team_id not in teams:
            return False
        if survey.channels and ticket.channel not in survey.channels:
            return False
    language = language_of((ticket.language if ticket else "") or customer.language or "")
    if survey.languages and language not in {language_of(code) for code in survey.languages}:
        return False
    if survey.countries and customer.country.upper() not in {
        code.upper() for code in survey.countries
    }:
        return False
    tags = ticket.tags if ticket is not None else customer.tags
    if survey.tags and not _lower(survey.tags) & _lower(tags):
        return False
    if survey.segment is not None:
        members = Customer.objects.filter(pk=customer.pk).filter(
            compile_rules(survey.segment.rules)
        )
        if not members.exists():
            return False
    return True


def _refusal(
    occasion: Occasion, settings_row: FeedbackSettings, now: datetime
) -> SuppressedReason | None:
    customer = occasion.customer
    reason = customer_refusal(customer)
    if reason is None and occasion.ticket is not None:
        reason = ticket_refusal(occasion.ticket, settings_row)
    if reason is None:
        reason = consent_refusals([customer.pk], settings_row.consent_required).get(customer.pk)
    if reason is None and customer.pk in recently_invited(
        [customer.pk], throttle_since(settings_row, now)
    ):
        reason = SuppressedReason.THROTTLED
    return reason


def _when(survey: Survey, where: Placement, trigger_at: datetime) -> datetime:
    return next_contact_instant(where, trigger_at + timedelta(minutes=survey.delay_minutes))


def _row(
    occasion: Occasion,
    where: Placement,
    scheduled_for: datetime,
    reason: SuppressedReason | None,
) -> SurveyInvitation:
    survey, ticket = occasion.survey, occasion.ticket
    return SurveyInvitation(
        survey=survey,
        kind=survey.kind,
        customer=occasion.customer,
        ticket=ticket,
        order=occasion.order,
        channel=survey.channel,
        dedupe_key=occasion.dedupe_key,
        state=InvitationState.SUPPRESSED if reason else InvitationState.SCHEDULED,
        suppressed_reason=reason or "",
        trigger_at=occasion.trigger_at,
        scheduled_for=scheduled_for,
        time_zone=where.time_zone,
        zone_source=where.zone_source.value,
        team_id=ticket.team_id if ticket else None,
        agent_id=ticket.assignee_id if ticket else None,
        ticket_channel=ticket.channel if ticket else "",
        country=occasion.customer.country.upper(),
    )


def invitation_schedule(
    occasion: Occasion,
    *,
    policy: ContactPolicy | None = None,
    settings_row: FeedbackSettings | None = None,
    now: datetime | None = None,
) -> SurveyInvitation:
    """Schedule (or suppress, with the reason) the invitation of one occasion; return the
    existing one when the occasion was already handled."""
    now = now or timezone.now()
    settings_row = settings_row or feedback_settings()
    existing = SurveyInvitation.objects.filter(dedupe_key=occasion.dedupe_key).first()
    if existing is not None and not (
        existing.state == InvitationState.SUPPRESSED
        and existing.suppressed_reason == SuppressedReason.REOPENED
    ):
        return existing
    where = placement(occasion.customer, policy or contact_policy())
    reason = _refusal(occasion, settings_row, now)
    row = _row(occasion, where, _when(occasion.survey, where, occasion.trigger_at), reason)
    if existing is not None:  # solved again after a reopening: schedule it anew
        row.pk, row.uid, row.created_at = existing.pk, existing.uid, existing.created_at
        row.save()
        return row
    try:
        with transaction.atomic():
            row.save(force_insert=True)
    except IntegrityError:  # another process handled the same occasion first
        return SurveyInvitation.objects.get(dedupe_key=occasion.dedupe_key)
    return row


def _solved(events: Sequence[TicketEvent]) -> TicketEvent | None:
    for event in events:
        change = event.data.get("status") if event.kind == TicketEvent.Kind.UPDATED else None
        if isinstance(change, list) and len(change) == 2 and change[1] == Ticket.Status.SOLVED:
            return event
    return None


def ticket_solved_heard(events: Sequence[TicketEvent]) -> SurveyInvitation | None:
    """Schedule the first matching ticket-solved survey of a ticket just solved. Costs no
    query for any other change."""
    event = _solved(events)
    if event is None:
        return None
    ticket = event.ticket
    customer = ticket.customer
    for survey in _active(SurveyTrigger.TICKET_SOLVED):
        if conditions_match(survey, customer=customer, ticket=ticket):
            return invitation_schedule(
                Occasion(
                    survey=survey,
                    customer=customer,
                    dedupe_key=f"ticket:{ticket.uid}:{survey.uid}",
                    trigger_at=event.occurred_at,
                    ticket=ticket,
                )
            )
    return None


def order_delivered_heard(order: Order) -> SurveyInvitation | None:
    """Schedule the first matching order-delivered survey of an order just delivered."""
    customer = order.customer
    for survey in _active(SurveyTrigger.ORDER_DELIVERED):
        if conditions_match(survey, customer=customer):
            return invitation_schedule(
                Occasion(
                    survey=survey,
                    customer=customer,
                    dedupe_key=f"order:{order.uid}:{survey.uid}",
                    trigger_at=timezone.now(),
                    order=order,
                )
            )
    return None


@dataclass(frozen=True)
class RunSummary:
    scheduled: int
    suppressed: int


# One customer of a run: id, uid, country, subdivision, time zone, contact hours, language.
RunCustomer = tuple[int, uuid.UUID, str, str, str, str, str]
# What places a customer: zone, country, subdivision, contact hours, and (for a customer
# without a zone of their own) their phones' first region and first zone.
PlaceKey = tuple[str, str, str, str, str, str]


class NewInvitation(NamedTuple):
    """One row of a run, in the columns that differ from customer to customer (in the
    order of ``_PER_ROW`` after the uid: the INSERT takes them column by column)."""

    customer_id: int
    dedupe_key: str
    state: str
    suppressed_reason: str
    scheduled_for: datetime
    time_zone: str
    zone_source: str
    country: str


def _segment_customers(survey: Survey) -> QuerySet[Customer, RunCustomer]:
    customers = Customer.objects.filter(merged_into__isnull=True)
    if survey.segment is not None:
        customers = customers.filter(compile_rules(survey.segment.rules))
    if survey.countries:
        customers = customers.filter(country__in=[code.upper() for code in survey.countries])
    if survey.tags:
        customers = customers.filter(tag_rows__tag__in=survey.tags).distinct()
    return customers.order_by("id").values_list(
        "id", "uid", "country", "subdivision", "time_zone", "contact_hours", "language"
    )


def _phone_places(customer_ids: list[int]) -> dict[int, tuple[str, str]]:
    """The first region and the first zone among the phones of each customer (primary
    phone first), for the customers whose zone may come from them (no zone of their own)."""
    found: dict[int, tuple[str, str]] = {}
    if customer_ids:
        rows = (
            CustomerPhone.objects.filter(customer_id__in=customer_ids)
            .order_by("-is_primary", "id")
            .values_list("customer_id", "region", "time_zone")
        )
        for customer_id, region, zone in rows:
            first_region, first_zone = found.get(customer_id, ("", ""))
            found[customer_id] = (first_region or region, first_zone or zone)
    return found


def _place(key: PlaceKey, policy: ContactPolicy) -> Placement:
    """The placement of every customer with ``key`` (the same as ``placement`` of any one
    of them with their phones)."""
    time_zone, country, subdivision, hours, region, zone = key
    customer = Customer(
        country=country, subdivision=subdivision, time_zone=time_zone, contact_hours=hours
    )
    phones = [CustomerPhone(region=region, time_zone=zone)] if region or zone else []
    return placement(customer, policy, phones)


def _run_rows(
    survey: Survey,
    chunk: list[RunCustomer],
    *,
    run_at: datetime,
    since: datetime,
    settings_row: FeedbackSettings,
    placed: Callable[[PlaceKey], tuple[Placement, datetime]],
) -> list[NewInvitation]:
    """The invitations of a chunk of customers: consent and throttling checked for all
    at once, each placed through ``placed`` (one computation per distinct key)."""
    ids = [row[0] for row in chunk]
    phones = _phone_places([row[0] for row in chunk if not row[4]])
    refusals = consent_refusals(ids, settings_row.consent_required)
    throttled = recently_invited(ids, since)
    prefix = f"run:{survey.uid}:{run_at:%Y%m%d%H%M}:"
    rows = []
    for customer_id, uid, country, subdivision, time_zone, hours, _language in chunk:
        region, zone = phones.get(customer_id, ("", ""))
        where, scheduled_for = placed((time_zone, country, subdivision, hours, region, zone))
        reason = refusals.get(customer_id) or (
            SuppressedReason.THROTTLED if customer_id in throttled else None
        )
        rows.append(
            NewInvitation(
                customer_id=customer_id,
                dedupe_key=f"{prefix}{uid}",
                state=InvitationState.SUPPRESSED if reason else InvitationState.SCHEDULED,
                suppressed_reason=reason or "",
                scheduled_for=scheduled_for,
                time_zone=where.time_zone,
                zone_source=where.zone_source.value,
                country=country.upper(),
            )
        )
    return rows


# The columns a run fills: per invitation, then the same for the whole run. Every other
# column is nullable and stays NULL, as ``_row`` leaves it for a run.
_PER_ROW = (
    ("uid", "uuid"),
    ("customer", "bigint"),
    ("dedupe_key", "text"),
    ("state", "text"),
    ("suppressed_reason", "text"),
    ("scheduled_for", "timestamptz"),
    ("time_zone", "text"),
    ("zone_source", "text"),
    ("country", "text"),
)
_PER_RUN = (
    ("survey", "bigint"),
    ("kind", "text"),
    ("channel", "text"),
    ("trigger_at", "timestamptz"),
    ("language", "text"),
    ("register", "text"),
    ("ticket_channel", "text"),
    ("created_at", "timestamptz"),
)


def invitation_column(name: str) -> str:
    """The quoted column of ``SurveyInvitation``'s field ``name``, for SQL written by hand."""
    field = SurveyInvitation._meta.get_field(name)  # noqa: SLF001 - the model's own names
    assert isinstance(field, Field)  # noqa: S101 - a concrete column, not a relation's reverse
    return str(connections[router.db_for_write(SurveyInvitation)].ops.quote_name(field.column))


@functools.cache
def _insert_sql(vendor: str) -> str:
    """The run's INSERT, built from the model's names only (no data): on PostgreSQL one
    statement per chunk over arrays (``unnest``), elsewhere one row per parameter set."""
    ops = connections[router.db_for_write(SurveyInvitation)].ops
    meta = SurveyInvitation._meta  # noqa: SLF001 - the model's own column names
    columns = [invitation_column(name) for name, _type in _PER_ROW + _PER_RUN]
    table, dedupe = ops.quote_name(meta.db_table), invitation_column("dedupe_key")
    if vendor == "postgresql":
        aliases = [f"c{index}" for index in range(len(_PER_ROW))]
        arrays = ", ".join(f"%s::{kind}[]" for _name, kind in _PER_ROW)
        constants = ", ".join(f"%s::{kind}" for _name, kind in _PER_RUN)
        return (
            f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608 - names, no data
            f"SELECT {', '.join(aliases)}, {constants} "
            f"FROM unnest({arrays}) AS r({', '.join(aliases)}) "
            f"ON CONFLICT ({dedupe}) DO NOTHING"
        )
    placeholders = ", ".join(["%s"] * len(columns))
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders}) "  # noqa: S608
        f"ON CONFLICT ({dedupe}) DO NOTHING"
    )


def _invitations_insert(survey: Survey, run_at: datetime, rows: list[NewInvitation]) -> None:
    """Insert a chunk of a run's invitations; an occasion already handled is skipped."""
    connection = connections[router.db_for_write(SurveyInvitation)]
    created_at = timezone.now()
    uids = [uuid.uuid4() for _row in rows]
    sql = _insert_sql(connection.vendor)
    # one transaction per chunk: in autocommit SQLite would commit each row of executemany
    with transaction.atomic(using=connection.alias, savepoint=False), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            per_run: list[Any] = [
                survey.pk,
                survey.kind,
                survey.channel,
                run_at,
                "",
                "",
                "",
                created_at,
            ]
            columns: list[Any] = [list(column) for column in zip(*rows, strict=True)]
            cursor.execute(sql, [*per_run, uids, *columns])
            return
        uid_field = SurveyInvitation._meta.get_field("uid")  # noqa: SLF001
        moment = connection.ops.adapt_datetimefield_value
        tail: list[Any] = [
            survey.pk,
            survey.kind,
            survey.channel,
            moment(run_at),
            "",
            "",
            "",
            moment(created_at),
        ]
        cursor.executemany(
            sql,
            [
                (
                    uid_field.get_db_prep_value(uid, connection),
                    row.customer_id,
                    row.dedupe_key,
                    row.state,
                    row.suppressed_reason,
                    moment(row.scheduled_for),
                    row.time_zone,
                    row.zone_source,
                    row.country,
                    *tail,
                )
                for uid, row in zip(uids, rows, strict=True)
            ],
        )


def relationship_run(
    survey: Survey, *, run_at: datetime, now: datetime | None = None
) -> RunSummary:
    """Schedule ``survey`` for every customer of its segment (and conditions), in bulk:
    a few queries per 2,000 customers (read as tuples, written by one INSERT), one
    placement per distinct zone, country, hours and phone, one contact-window computation
    per distinct zone, country and hours."""
    now = now or timezone.now()
    settings_row, policy = feedback_settings(), contact_policy()
    since = throttle_since(settings_row, now)
    languages = {language_of(code) for code in survey.languages}
    spoken: dict[str, bool] = {}
    windows: dict[tuple[str, str, str, object], datetime] = {}
    places: dict[PlaceKey, tuple[Placement, datetime]] = {}

    def placed(key: PlaceKey) -> tuple[Placement, datetime]:
        if key not in places:
            where = _place(key, policy)
            window = (where.time_zone, where.country, where.subdivision, where.hours)
            if window not in windows:
                windows[window] = _when(survey, where, run_at)
            places[key] = (where, windows[window])
        return places[key]

    scheduled = suppressed = 0
    customers = _segment_customers(survey)
    last_id = 0
    while True:
        chunk = list(customers.filter(id__gt=last_id)[:RUN_CHUNK])
        if not chunk:
            break
        last_id = chunk[-1][0]
        if languages:
            for language in {row[6] for row in chunk} - spoken.keys():
                spoken[language] = language_of(language or "") in languages
            chunk = [row for row in chunk if spoken[row[6]]]
        rows = _run_rows(
            survey, chunk, run_at=run_at, since=since, settings_row=settings_row, placed=placed
        )
        if rows:
            _invitations_insert(survey, run_at, rows)
        suppressed += sum(1 for row in rows if row.suppressed_reason)
        scheduled += sum(1 for row in rows if not row.suppressed_reason)
    logger.info("survey %s run: %d scheduled, %d suppressed", survey.uid, scheduled, suppressed)
    return RunSummary(scheduled=scheduled, suppressed=suppressed)


def relationship_runs_due(now: datetime | None = None) -> int:
    """Run every relationship survey whose day has come; return how many ran. Each run is
    claimed by moving ``next_run_at`` on with a conditional update, so two workers never
    run the same one."""
    now = now or timezone.now()
    ran = 0
    due = Survey.objects.filter(
        trigger=SurveyTrigger.RELATIONSHIP, is_active=True, next_run_at__lte=now
    ).select_related("segment")
    for survey in due:
        run_at = survey.next_run_at
        assert run_at is not None  # noqa: S101 - filtered on
        following = run_at + timedelta(days=survey.every_days)
        while following <= now:  # a worker that was down does not run the missed days twice
            following += timedelta(days=survey.every_days)
        with transaction.atomic():
            claimed = Survey.objects.filter(pk=survey.pk, next_run_at=run_at).update(
                next_run_at=following
            )
            if claimed:
                relationship_run(survey, run_at=run_at, now=now)
                ran += 1
    return ran
