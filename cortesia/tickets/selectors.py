"""Reads of tickets, scoped by who asks: a ticket outside the viewer's reach is NotFound,
exactly like a ticket that does not exist."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection
from django.db.models import F, Prefetch, Q, QuerySet, Value
from django.db.models.sql import Query

from cortesia.accounts.models import Role, Team, User, staff_display_name
from cortesia.accounts.selectors import (
    team_get,
    team_list,
    user_get,
    user_list,
    viewer_team_ids,
)
from cortesia.core.errors import NotFound
from cortesia.culture.local_formats import language_of
from cortesia.customers.models import Customer
from cortesia.customers.models.profiles import customer_display_name
from cortesia.customers.selectors import customer_row_get
from cortesia.sla.models import SlaClock
from cortesia.tickets.models import (
    Ticket,
    TicketAttachment,
    TicketLink,
    TicketMessage,
    TicketSearchDocument,
)
from cortesia.tickets.permissions import TICKET_STAFF, can_work_tickets
from cortesia.tickets.search_index import (
    FtsMatchingIds,
    TsQuery,
    scope_word,
    search_query_parse,
)


def ticket_list(*, viewer: User) -> QuerySet[Ticket]:
    """Return the tickets ``viewer`` may see: admins all; managers their teams' and those
    with no team yet (triage); agents their teams'; anyone else none."""
    return _visible(
        viewer,
        Ticket.objects.select_related("customer", "team", "assignee").prefetch_related(
            Prefetch(
                "sla_clocks", queryset=SlaClock.objects.select_related("calendar").order_by("id")
            )
        ),
    )


def _visible(viewer: User, tickets: QuerySet[Ticket]) -> QuerySet[Ticket]:
    """Narrow ``tickets`` to those ``viewer`` may see (the rules of :func:`ticket_list`).
    The inbox starts from bare tickets: it reads neither their team nor their clocks."""
    if not can_work_tickets(viewer):
        return tickets.none()
    if viewer.role == Role.ADMIN:
        return tickets
    # A literal list, not a subquery: with one team PostgreSQL then reads the inbox page
    # straight from the (team, sla_due_at) index instead of sorting the team's tickets.
    in_my_teams = Q(team_id__in=viewer_team_ids(viewer))
    if viewer.role == Role.MANAGER:
        return tickets.filter(in_my_teams | Q(team__isnull=True))
    return tickets.filter(in_my_teams)


def search_scope_words(viewer: User) -> list[str] | None:
    """Return the scope words of the tickets ``viewer`` may see (the rules of
    :func:`ticket_list`), for the search index to narrow by: None for every ticket (an
    administrator), [] for none. A shortcut for the index only: :func:`_visible` is still
    applied to every search."""
    if not can_work_tickets(viewer):
        return []
    if viewer.role == Role.ADMIN:
        return None
    words = [scope_word(team_id) for team_id in viewer_team_ids(viewer)]
    return [*words, scope_word(None)] if viewer.role == Role.MANAGER else words


def search_condition(*, viewer: User, text: str) -> Q:
    """Return the condition "matches the full-text search ``text``" on tickets, for any
    query of tickets (the API's list); an empty search matches nothing. The inbox's ranked
    search is :func:`cortesia.tickets.search.ticket_search`."""
    query = search_query_parse(text)
    scope = search_scope_words(viewer)
    if not query or scope == []:
        return Q(pk__in=[])
    if connection.vendor == "postgresql":
        documents = TicketSearchDocument.objects.filter(
            document__matches=TsQuery(query, scope)
        ).values("ticket_id")
        return Q(pk__in=documents)
    return Q(pk__in=FtsMatchingIds(query))


def ticket_by_number(*, viewer: User, number: int) -> Ticket | None:
    """Return the ticket numbered ``number`` if ``viewer`` may see it (a search for "#1042"
    opens that ticket), else None."""
    if not 0 < number < 2**31:
        return None
    tickets = _visible(viewer, Ticket.objects.all()).select_related(None)
    return tickets.only("uid").filter(number=number).first()


def ticket_get(*, viewer: User, uid: str) -> Ticket:
    try:
        return ticket_list(viewer=viewer).get(uid=uuid.UUID(str(uid)))
    except (ValueError, Ticket.DoesNotExist):
        raise NotFound("ticket") from None


def ticket_assignees(*, viewer: User) -> QuerySet[User]:
    """Return the people ``viewer`` may pick as an assignee: the staff the viewer may see
    whose role works on tickets (the service refuses anyone else), by username."""
    return user_list(viewer=viewer).filter(role__in=TICKET_STAFF).order_by("username")


def ticket_visible(*, viewer: User, ticket: Ticket) -> bool:
    """Return True when ``viewer`` may see ``ticket`` (the rules of :func:`ticket_list`)."""
    if not can_work_tickets(viewer):
        return False
    if ticket.team_id is None:
        return viewer.role in (Role.ADMIN, Role.MANAGER)
    return viewer.role == Role.ADMIN or ticket.team_id in viewer_team_ids(viewer)


def ticket_clocks(*, ticket: Ticket) -> list[SlaClock]:
    return list(ticket.sla_clocks.select_related("calendar").order_by("id"))


def team_for_ticket(*, viewer: User, uid: str) -> Team:
    """Return a team to put a ticket in, with its calendar and assignment settings (and
    not its members)."""
    teams = team_list(viewer=viewer).prefetch_related(None).select_related("routing")
    try:
        return teams.get(uid=uuid.UUID(str(uid)))
    except (ValueError, Team.DoesNotExist):
        raise NotFound("team") from None


def customer_for_ticket(*, viewer: User, uid: str) -> Customer:
    """Return the customer a ticket is for, without the organization and contacts a
    ticket does not need."""
    return customer_row_get(viewer=viewer, uid=uid)


def ticket_messages(*, ticket: Ticket, include_notes: bool = True) -> QuerySet[TicketMessage]:
    """Return the conversation; callers that show it to a customer pass include_notes=False."""
    messages = ticket.messages.select_related("author").prefetch_related(
        Prefetch("attachments", queryset=TicketAttachment.objects.order_by("id"))
    )
    return messages if include_notes else messages.filter(kind=TicketMessage.Kind.REPLY)


BREACHING_SOON = timedelta(hours=2)
# the statuses the inbox indexes cover (partial indexes on Ticket)
OPEN_STATUSES = ("new", "open", "pending", "on_hold")
INBOX_VIEWS = ("mine", "team", "unassigned", "breaching", "all")
# The inbox's status filter: "" the open statuses (the default), ANY_STATUS every status.
ANY_STATUS = "any"


def ticket_languages() -> list[str]:
    """Return the languages tickets are filtered by: the site's and those the teams answer
    in, as base codes ("pt-BR" → "pt"), sorted, each once (one query). The language filter
    matches a base code with every regional variant, so regions are not offered apart."""
    spoken = Team.objects.values_list("languages", flat=True)
    codes = {code for code, _name in settings.LANGUAGES}
    codes.update(code for languages in spoken for code in languages or [])
    return sorted({language_of(code) for code in codes if code})


def ticket_teams(*, viewer: User) -> QuerySet[Team]:
    """Return the teams the inbox's team filter offers ``viewer``, by name, without their
    members: every team for an administrator, their own teams for anyone else (one query;
    none when the viewer is in no team)."""
    teams = Team.objects.order_by("name", "pk")
    if not can_work_tickets(viewer):
        return teams.none()
    return teams if viewer.role == Role.ADMIN else teams.filter(pk__in=viewer_team_ids(viewer))


def inbox_views(*, viewer: User) -> tuple[str, ...]:
    """Return the inbox views ``viewer`` has: agents see only their teams' tickets, so
    "all" would repeat "team" for them and is left out."""
    return INBOX_VIEWS if viewer.role in (Role.ADMIN, Role.MANAGER) else INBOX_VIEWS[:-1]


def _in_view(viewer: User, view: str, now: datetime) -> Q:
    if view == "mine":
        return Q(assignee=viewer)
    if view == "team":
        return Q(team_id__in=viewer_team_ids(viewer))
    if view == "unassigned":
        return Q(assignee__isnull=True)
    if view == "breaching":
        return Q(sla_due_at__lte=now + BREACHING_SOON)
    return Q()


def _with_status(tickets: QuerySet[Ticket], status: str) -> QuerySet[Ticket]:
    if not status:
        return tickets.filter(status__in=OPEN_STATUSES)
    if status == ANY_STATUS:
        return tickets
    return tickets.filter(status=status)


def inbox(*, viewer: User, view: str, now: datetime, status: str = "") -> QuerySet[Ticket]:
    """Return a view of the tickets ``viewer`` may see, most urgent SLA first.

    mine: assigned to the viewer; team: the viewer's teams; unassigned: no assignee;
    breaching: a running clock due within two hours or already missed; all (or any other
    value): everything visible. ``status`` "" keeps the open statuses, ANY_STATUS keeps
    every status and a status keeps that one."""
    tickets = _with_status(_visible(viewer, Ticket.objects.all()), status)
    tickets = tickets.filter(_in_view(viewer, view, now))
    return tickets.order_by(F("sla_due_at").asc(nulls_last=True), "created_at")


def inbox_search(*, viewer: User, status: str = "") -> QuerySet[Ticket]:
    """Return every ticket ``viewer`` may see, in any status unless ``status`` narrows it
    (a search looks beyond the open tickets of one view), newest first."""
    tickets = _visible(viewer, Ticket.objects.all())
    return _with_status(tickets, status or ANY_STATUS).order_by("-created_at", "-id")


# What an inbox row shows: the ticket's columns, its customer's name and its assignee's.
# The rest of the ticket's, its customer's and its assignee's columns (custom fields,
# profiles, passwords) stay unread.
INBOX_ROW_FIELDS = (
    "uid",
    "number",
    "subject",
    "status",
    "priority",
    "sla_due_at",
    "customer__uid",
    "customer__given_name",
    "customer__given_name2",
    "customer__surname",
    "customer__surname2",
    "customer__language",
    "assignee__username",
    "assignee__first_name",
    "assignee__last_name",
)


@dataclass(frozen=True, slots=True)
class InboxTicket:
    """One ticket of an inbox page: its columns, its customer's name as ``str(customer)``
    gives it and its assignee's ``display_name`` ("" for none)."""

    uid: uuid.UUID
    number: int
    subject: str
    status: str
    priority: str
    sla_due_at: datetime | None
    customer: str
    assignee: str


def inbox_page(tickets: QuerySet[Ticket], *, limit: int, offset: int = 0) -> list[InboxTicket]:
    """Return the first ``limit`` of ``tickets`` (an inbox view or search) with only what an
    inbox row shows (one query). The columns are read as values, not as a ticket, a
    customer and a user each: building those cost half the page's reading."""
    rows = (
        tickets.select_related(None)
        .prefetch_related(None)
        .values_list(*INBOX_ROW_FIELDS)[offset : offset + limit]
    )
    return [
        InboxTicket(
            uid=uid,
            number=number,
            subject=subject,
            status=status,
            priority=priority,
            sla_due_at=sla_due_at,
            customer=customer_display_name(
                uid=customer_uid,
                given_name=given_name,
                given_name2=given_name2,
                surname=surname,
                surname2=surname2,
                language=language,
            ),
            assignee=""
            if username is None
            else staff_display_name(username=username, first_name=first, last_name=last),
        )
        for (
            uid,
            number,
            subject,
            status,
            priority,
            sla_due_at,
            customer_uid,
            given_name,
            given_name2,
            surname,
            surname2,
            language,
            username,
            first,
            last,
        ) in rows
    ]


# A view's count stops past this many tickets (its tab then says "1,000+"): counting every
# open ticket reads a whole index each time, about 150,000 entries for an administrator at
# a million tickets (40 ms), where a capped count reads at most this many per view.
INBOX_COUNT_CAP = 1000


def inbox_counts(*, viewer: User, now: datetime, cap: int = INBOX_COUNT_CAP) -> dict[str, int]:
    """Return the number of open tickets in each of the viewer's inbox views, counted up to
    ``cap`` + 1: a number above ``cap`` means "more than ``cap``" (one query).

    Each view is counted by its own subquery, so each reads only its own index range (and
    only the index, not the table). The open tickets the viewer may see are put into SQL
    once, and each view adds only its own condition: putting the whole query together
    for each view cost more than the page's fifty rows."""
    visible = (
        _visible(viewer, Ticket.objects.all())
        .filter(status__in=OPEN_STATUSES)
        .order_by()
        .values(found=Value(1))
    )
    views = inbox_views(viewer=viewer)
    try:
        visible_sql, visible_params = visible.query.sql_with_params()
    except EmptyResultSet:  # the viewer may see no ticket (an agent in no team)
        return dict.fromkeys(views, 0)
    counts: list[str] = []
    params: list[Any] = []
    for view in views:
        try:
            condition, condition_params = _view_condition(viewer, view, now)
        except EmptyResultSet:  # a view that can hold no ticket
            counts.append("0")
            continue
        # The ORM's own SQL with its parameters kept apart; the views are our constants.
        sql = f"{visible_sql}{condition} LIMIT {cap + 1:d}"
        counts.append(f"(SELECT COUNT(*) FROM ({sql}) AS capped_{view})")  # noqa: S608
        params.extend(visible_params)
        params.extend(condition_params)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(counts)}", params)
        row = cursor.fetchone()
    return {view: int(count) for view, count in zip(views, row, strict=True)}


def _view_condition(viewer: User, view: str, now: datetime) -> tuple[str, tuple[Any, ...]]:
    """Return " AND <the view's condition>" in SQL with its parameters ("" for every
    ticket), to follow the WHERE clause of a query on tickets alone. Raises EmptyResultSet
    when the view can hold no ticket; a condition that needs a join is refused.

    A view's SQL is the same for every viewer and moment but for its parameters: it is
    compiled once for each database, view and number of parameters, and kept only when
    the parameters worked out here are those the compiled condition took."""
    params = _view_params(viewer, view, now)
    if params is None:
        raise EmptyResultSet
    key = (connection.vendor, view, len(params))
    sql = _view_sql.get(key)
    if sql is None:
        sql, compiled_params = _view_condition_compiled(viewer, view, now)
        if compiled_params != params:
            return sql, compiled_params
        _view_sql[key] = sql
    return sql, params


# (database vendor, view, number of parameters) → the view's condition in SQL. Bounded by
# the views and the team counts of the viewers.
_view_sql: dict[tuple[str, str, int], str] = {}


def _view_params(viewer: User, view: str, now: datetime) -> tuple[Any, ...] | None:
    """The parameters of :func:`_in_view`'s condition in the order its SQL takes them, as
    the ORM prepares them (None when the view can hold no ticket)."""
    if view == "mine":
        return (viewer.pk,)
    if view == "team":
        team_ids = tuple(dict.fromkeys(viewer_team_ids(viewer)))  # IN drops repeats
        return team_ids or None
    if view == "breaching":
        return (connection.ops.adapt_datetimefield_value(now + BREACHING_SOON),)
    return ()


def _view_condition_compiled(viewer: User, view: str, now: datetime) -> tuple[str, tuple[Any, ...]]:
    """:func:`_view_condition` compiled by the ORM from :func:`_in_view`."""
    query = Query(Ticket)
    where = query.build_where(_in_view(viewer, view, now))  # no joins allowed
    try:
        sql, params = where.as_sql(query.get_compiler(connection=connection), connection)
    except FullResultSet:  # "all": no condition
        return "", ()
    return f" AND ({sql})", tuple(params)


def _has_tag(tag: str) -> Q:
    if connection.vendor == "postgresql":
        return Q(tags__contains=[tag])  # jsonb containment
    # SQLite has no JSON containment: match the element as stored (json.dumps escaping).
    return Q(tags__icontains=json.dumps(tag))


@dataclass(frozen=True)
class TicketFilters:
    """Narrowing of a ticket list; empty values filter nothing. ``status`` may list several
    statuses separated by commas; ``assignee`` is "me", "none" or a user's public id."""

    status: str = ""
    priority: str = ""
    channel: str = ""
    language: str = ""
    tag: str = ""
    team: str = ""
    assignee: str = ""
    q: str = ""


def ticket_filter(
    tickets: QuerySet[Ticket], *, viewer: User, filters: TicketFilters
) -> QuerySet[Ticket]:
    """Apply ``filters`` to ``tickets``; an unknown team or user id is NotFound."""
    if filters.status:
        tickets = tickets.filter(status__in=[s.strip() for s in filters.status.split(",")])
    for name in ("priority", "channel"):
        value = getattr(filters, name)
        if value:
            tickets = tickets.filter(**{name: value})
    if filters.language:
        base = language_of(filters.language)
        tickets = tickets.filter(Q(language=base) | Q(language__startswith=f"{base}-"))
    if filters.tag:
        tickets = tickets.filter(_has_tag(" ".join(filters.tag.split()).lower()))
    if filters.team:
        tickets = tickets.filter(team=team_get(viewer=viewer, uid=filters.team))
    if filters.assignee == "me":
        tickets = tickets.filter(assignee=viewer)
    elif filters.assignee == "none":
        tickets = tickets.filter(assignee__isnull=True)
    elif filters.assignee:
        tickets = tickets.filter(assignee=user_get(viewer=viewer, uid=filters.assignee))
    term = filters.q.strip()
    if term:
        # The words of subjects and messages, or a ticket's number ("1042", "#1042").
        condition = search_condition(viewer=viewer, text=term)
        number = term.removeprefix("#")
        if number.isdigit() and len(number) < 10:
            condition |= Q(number=int(number))
        tickets = tickets.filter(condition)
    return tickets


def inbox_next(*, viewer: User, view: str, ticket: Ticket, now: datetime) -> Ticket | None:
    """Return the ticket after ``ticket`` in the inbox ``view`` (the "next ticket" key)."""
    tickets = inbox(viewer=viewer, view=view, now=now)
    if ticket.sla_due_at is None:
        later = Q(sla_due_at__isnull=True, created_at__gt=ticket.created_at)
    else:
        later = (
            Q(sla_due_at__gt=ticket.sla_due_at)
            | Q(sla_due_at=ticket.sla_due_at, created_at__gt=ticket.created_at)
            | Q(sla_due_at__isnull=True)
        )
    return (
        tickets.filter(later)
        .exclude(pk=ticket.pk)
        .select_related(None)
        .only("uid", "number", "sla_due_at", "created_at")
        .first()
    )


def customer_tickets(*, viewer: User, ticket: Ticket) -> QuerySet[Ticket]:
    """Return the customer's other tickets ``viewer`` may see, newest first."""
    return (
        ticket_list(viewer=viewer)
        .filter(customer_id=ticket.customer_id)
        .exclude(pk=ticket.pk)
        .select_related(None)
        .prefetch_related(None)
        .only("uid", "number", "subject", "status", "created_at")
        .order_by("-created_at")
    )


def ticket_list_for_customer(*, viewer: User, customer: Customer) -> QuerySet[Ticket]:
    """Return every ticket of ``customer`` that ``viewer`` may see, in any status, newest
    first, with the team and assignee for showing them (one query). A viewer who may see
    no tickets gets an empty list, never an error: the customer page shows it as such."""
    return (
        ticket_list(viewer=viewer)
        .filter(customer_id=customer.pk)
        .select_related("team", "assignee")
        .prefetch_related(None)
        .order_by("-created_at", "-id")
    )


def ticket_links(*, viewer: User, ticket: Ticket) -> QuerySet[Ticket]:
    """Return the tickets linked to ``ticket`` that ``viewer`` may see."""
    linked = Q(pk__in=TicketLink.objects.filter(first=ticket).values("second")) | Q(
        pk__in=TicketLink.objects.filter(second=ticket).values("first")
    )
    return ticket_list(viewer=viewer).filter(linked).order_by("number")
