"""Saved views: an inbox filter or search kept under a name, for oneself or for a team.

Anyone who works tickets saves personal views; a team's managers (and administrators)
save, rename and delete the team's views; a personal view is renamed and deleted by its
owner alone. Every change is written to the audit log in its transaction. A view keeps
the inbox's query string, cleaned to the parameters the inbox reads: opening it is
following a link, and counting it is reading the tickets the viewer may see through it,
so a team view never shows anyone more than their own scope.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, QuerySet, Value
from django.http import QueryDict
from django.utils.translation import gettext as _

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.selectors import viewer_team_ids
from cortesia.audit.models import AuditEvent
from cortesia.audit.services import JsonValue, audit_record
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors, Forbidden, NotFound
from cortesia.tickets.models import SavedView, Ticket
from cortesia.tickets.permissions import can_work_tickets
from cortesia.tickets.search import matching_tickets
from cortesia.tickets.selectors import (
    INBOX_COUNT_CAP,
    INBOX_VIEWS,
    TicketFilters,
    inbox,
    inbox_search,
    ticket_filter,
)

# The inbox's parameters a view keeps, in this order; anything else is dropped.
KEPT_PARAMETERS = (
    "view",
    "status",
    "priority",
    "channel",
    "language",
    "tag",
    "team",
    "assignee",
    "q",
)
MAX_NAME = 80
MAX_QUERY = 500  # SavedView.query's length


def saved_view_query(data: QueryDict) -> str:
    """Return the query string a view keeps of ``data``: the inbox's own parameters with
    a value, in a fixed order (so the same filters always save the same string)."""
    kept = QueryDict(mutable=True)
    for name in KEPT_PARAMETERS:
        value = data.get(name, "").strip()
        if value:
            kept[name] = value
    return kept.urlencode()


# --- Permissions -------------------------------------------------------------------------


def can_manage_team_views(user: User, team: Team) -> bool:
    """Save, rename and delete ``team``'s views: administrators, and managers in it."""
    if not can_work_tickets(user):
        return False
    return user.role == Role.ADMIN or (
        user.role == Role.MANAGER and team.pk in viewer_team_ids(user)
    )


def can_change_saved_view(user: User, view: SavedView) -> bool:
    """Rename or delete ``view``: its owner, or for a team view the team's managers."""
    if view.team is not None:
        return can_manage_team_views(user, view.team)
    return view.owner_id == user.pk and can_work_tickets(user)


def require_saved_view_change(actor: Actor, view: SavedView) -> None:
    if actor.user is None or not can_change_saved_view(actor.user, view):
        raise Forbidden(_("Only the owner of a view, or a manager of its team, may change it."))


# --- Services ----------------------------------------------------------------------------


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise FieldErrors({"name": _("Give the view a name.")})
    if len(cleaned) > MAX_NAME:
        raise FieldErrors(
            {"name": _("A name has at most %(count)d characters.") % {"count": MAX_NAME}}
        )
    return cleaned


def _audit(actor: Actor, view: SavedView, change: str, **data: JsonValue) -> None:
    audit_record(
        action=AuditEvent.Action.SETTING_CHANGE,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type="saved_view",
        object_uid=str(view.uid),
        object_label=view.name,
        data={
            "change": change,
            "team": str(view.team.uid) if view.team else None,
            "query": view.query,
            **data,
        },
    )


def _taken() -> FieldErrors:
    return FieldErrors({"name": _("A view with this name exists already. Choose another.")})


def saved_view_create(
    *, actor: Actor, name: str, query: str, team: Team | None = None
) -> SavedView:
    """Save a personal view (``team`` None) or a view of ``team``. Saving the same name
    and filters twice returns the first view (a double submit); the same name with other
    filters is refused. Raises Forbidden or FieldErrors."""
    user = actor.user
    if user is None or not can_work_tickets(user):
        raise Forbidden(_("Only people who work on tickets may save views."))
    if team is not None and not can_manage_team_views(user, team):
        raise Forbidden(_("Only a manager of the team may save views for it."))
    clean = _clean_name(name)
    if len(query) > MAX_QUERY:  # a long search in a script that URL-encodes to 6 bytes a letter
        raise FieldErrors({"name": _("These filters are too long to save. Shorten the search.")})
    owned = Q(team=team) if team is not None else Q(owner=user, team__isnull=True)
    existing = SavedView.objects.filter(owned, name=clean).select_related("team").first()
    if existing is not None:
        if existing.query == query:
            return existing
        raise _taken()
    view = SavedView(name=clean, query=query, team=team, owner=None if team else user)
    try:
        with transaction.atomic():
            view.save(force_insert=True)
            _audit(actor, view, "created")
    except IntegrityError:  # the same name saved at the same moment
        raise _taken() from None
    return view


@transaction.atomic
def saved_view_rename(*, view: SavedView, name: str, actor: Actor) -> SavedView:
    """Rename ``view``. Raises Forbidden or FieldErrors (an empty or taken name)."""
    require_saved_view_change(actor, view)
    clean = _clean_name(name)
    if clean == view.name:
        return view
    owned = Q(team=view.team) if view.team_id else Q(owner_id=view.owner_id)
    if SavedView.objects.filter(owned, name=clean).exclude(pk=view.pk).exists():
        raise _taken()
    previous = view.name
    view.name = clean
    view.save(update_fields=["name", "updated_at"])
    _audit(actor, view, "renamed", previous_name=previous)
    return view


@transaction.atomic
def saved_view_delete(*, view: SavedView, actor: Actor) -> None:
    """Delete ``view``. Raises Forbidden."""
    require_saved_view_change(actor, view)
    _audit(actor, view, "deleted")
    SavedView.objects.filter(pk=view.pk).delete()


# --- Selectors ---------------------------------------------------------------------------


def saved_view_list(*, viewer: User) -> QuerySet[SavedView]:
    """Return the views ``viewer`` has: their own, then their teams' (an administrator's:
    every team's, which they may change), by name (one query)."""
    if not can_work_tickets(viewer):
        return SavedView.objects.none()
    teams = (
        Q(team__isnull=False)
        if viewer.role == Role.ADMIN
        else Q(team_id__in=viewer_team_ids(viewer))
    )
    mine = Q(owner=viewer) | teams
    return SavedView.objects.filter(mine).select_related("team").order_by("team_id", "name")


def saved_view_get(*, viewer: User, uid: str) -> SavedView:
    """Return one of ``viewer``'s views (as :func:`saved_view_list`), or raise NotFound."""
    try:
        return saved_view_list(viewer=viewer).get(uid=uuid.UUID(str(uid)))
    except (ValueError, SavedView.DoesNotExist):
        raise NotFound("saved view") from None


def _view_tickets(viewer: User, query: str, now: datetime) -> QuerySet[Ticket]:
    """The tickets the inbox shows ``viewer`` for a saved query string (unranked)."""
    data = QueryDict(query)
    filters = TicketFilters(**{name: data.get(name, "") for name in KEPT_PARAMETERS[2:-1]})
    text = data.get("q", "").strip()
    status = data.get("status", "")
    if text:
        tickets = inbox_search(viewer=viewer, status=status)
        tickets = ticket_filter(tickets, viewer=viewer, filters=filters)
        return matching_tickets(tickets, viewer=viewer, text=text)
    view = data.get("view", "")
    tickets = inbox(
        viewer=viewer, view=view if view in INBOX_VIEWS else "all", now=now, status=status
    )
    return ticket_filter(tickets, viewer=viewer, filters=filters)


def saved_view_counts(
    *, viewer: User, views: list[SavedView], now: datetime, cap: int = INBOX_COUNT_CAP
) -> dict[int, int]:
    """Return how many tickets ``viewer`` sees through each view, by view id, counted up to
    ``cap`` + 1 as the inbox's tabs are (one query for all views, none for no view). A view
    naming a team or person the viewer may not see counts 0."""
    counts: dict[int, int] = {}
    selects: list[str] = []
    params: list[Any] = []
    for view in views:
        try:
            tickets = _view_tickets(viewer, view.query, now).order_by().values(found=Value(1))
            sql, sql_params = tickets[: cap + 1].query.sql_with_params()
        except (NotFound, EmptyResultSet):
            counts[view.pk] = 0
            continue
        counts[view.pk] = -1
        selects.append(f"(SELECT COUNT(*) FROM ({sql}) AS saved_{len(selects)})")  # noqa: S608
        params.extend(sql_params)
    if selects:
        with connection.cursor() as cursor:
            # The ORM's own SQL with its parameters kept apart.
            cursor.execute(f"SELECT {', '.join(selects)}", params)
            row = iter(cursor.fetchone())
        for view in views:
            if counts[view.pk] == -1:
                counts[view.pk] = int(next(row))
    return counts


def saved_view_teams(*, viewer: User) -> QuerySet[Team]:
    """Return the teams ``viewer`` may save views for, by name: every team for an
    administrator, their own for a manager, none for anyone else (one query)."""
    if not can_work_tickets(viewer) or viewer.role not in (Role.ADMIN, Role.MANAGER):
        return Team.objects.none()
    teams = Team.objects.order_by("name")
    return teams if viewer.role == Role.ADMIN else teams.filter(pk__in=viewer_team_ids(viewer))


def saved_view_team_get(*, viewer: User, uid: str) -> Team:
    """Return one of :func:`saved_view_teams`, or raise NotFound."""
    try:
        return saved_view_teams(viewer=viewer).get(uid=uuid.UUID(str(uid)))
    except (ValueError, Team.DoesNotExist):
        raise NotFound("team") from None
