"""Changing a ticket's fields (subject, status, priority, team, assignee, language, tags).

Stale writes (two agents changing one ticket at once): a change carries the version it
was based on. It is refused only when a field it changes was changed by someone else since
that version; changes to other fields land.

A change is planned first (:class:`Planned`: the checked values that differ from the
ticket's), checked as a whole (the transition, the assignee's team), then saved in one
update with its event.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import datetime
from enum import Enum

from babel.lists import format_list
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict
from cortesia.culture.local_formats import babel_locale
from cortesia.customers.models import CustomerEvent
from cortesia.customers.validation import ProfileCheck, check_language, check_tags
from cortesia.sla import clocks as sla
from cortesia.tickets.inputs import (
    TicketChanges,
    check_assignee,
    check_choice,
    check_subject,
    require_ticket_staff,
)
from cortesia.tickets.models import Ticket, TicketEvent
from cortesia.tickets.recording import event_record, sync_sla_due, timeline_record
from cortesia.tickets.transitions import can_move

Status = Ticket.Status


class Keep(Enum):
    """A field the change leaves alone (``None`` is a value: no team, no assignee)."""

    KEEP = "keep"


KEEP = Keep.KEEP


@dataclass(frozen=True)
class Planned:
    """The new values of the fields a change really changes; the others are KEEP."""

    subject: str | Keep = KEEP
    status: str | Keep = KEEP
    priority: str | Keep = KEEP
    team: Team | None | Keep = KEEP
    assignee: User | None | Keep = KEEP
    language: str | Keep = KEEP
    tags: list[str] | Keep = KEEP

    def values(self) -> dict[str, object]:
        """The changed fields and their new values, in field order (to save and record)."""
        return {
            item.name: getattr(self, item.name)
            for item in fields(self)
            if getattr(self, item.name) is not KEEP
        }


@dataclass(frozen=True)
class Solving:
    """What a change of status does beside it: solving stamps the time, reopening a
    solved ticket clears it and counts the reopening."""

    solved_at: datetime | None | Keep = KEEP
    reopen_count: int | Keep = KEEP

    def values(self) -> dict[str, object]:
        return {
            item.name: getattr(self, item.name)
            for item in fields(self)
            if getattr(self, item.name) is not KEEP
        }


def _plan(ticket: Ticket, changes: TicketChanges, check: ProfileCheck) -> Planned:
    """Return the checked new values that differ from the ticket's."""
    subject = check_subject(check, changes.subject) if changes.subject is not None else KEEP
    if changes.status is not None:
        check_choice(check, "status", changes.status, Status.values)
    if changes.priority is not None:
        check_choice(check, "priority", changes.priority, Ticket.Priority.values)
    wanted = Planned(
        subject=subject,
        status=KEEP if changes.status is None else changes.status,
        priority=KEEP if changes.priority is None else changes.priority,
        team=changes.team if changes.team is not None or changes.clear_team else KEEP,
        assignee=(
            changes.assignee if changes.assignee is not None or changes.clear_assignee else KEEP
        ),
        language=KEEP if changes.language is None else check_language(check, changes.language),
        tags=KEEP if changes.tags is None else check_tags(check, changes.tags),
    )
    same = {name: KEEP for name, value in wanted.values().items() if getattr(ticket, name) == value}
    return replace(wanted, **same)


def _check_transition(ticket: Ticket, planned: Planned, check: ProfileCheck) -> None:
    status = planned.status
    if status is not KEEP and status in Status.values and not can_move(ticket.status, status):
        check.fail(
            "status",
            _("A ticket cannot go from %(from)s to %(to)s.")
            % {"from": Status(ticket.status).label, "to": Status(status).label},
        )


def _with_team_queue(ticket: Ticket, planned: Planned) -> Planned:
    """A ticket moved to a team its assignee is not in goes to that team's queue."""
    if planned.team is KEEP or planned.assignee is not KEEP or ticket.assignee is None:
        return planned
    team = planned.team
    if team is not None and team.members.filter(pk=ticket.assignee.pk).exists():
        return planned
    return replace(planned, assignee=None)


def _check_staffing(ticket: Ticket, planned: Planned, check: ProfileCheck) -> None:
    if planned.team is KEEP and planned.assignee is KEEP:
        return
    team = ticket.team if planned.team is KEEP else planned.team
    assignee = ticket.assignee if planned.assignee is KEEP else planned.assignee
    check_assignee(check, assignee, team)


def refuse_stale(ticket: Ticket, touched: set[str], expected_version: int | None) -> None:
    """Raise Conflict when a field in ``touched`` changed since ``expected_version``."""
    if expected_version is None or expected_version == ticket.version:
        return
    if expected_version > ticket.version:
        raise Conflict(_("This version of the ticket does not exist."), code="stale_version")
    changed = set()
    for names in ticket.events.filter(version__gt=expected_version).values_list(
        "fields", flat=True
    ):
        changed.update(names)
    overlap = sorted(changed & touched)
    if overlap:
        raise Conflict(
            _("Someone else changed %(fields)s of this ticket. Reload and try again.")
            % {"fields": _field_labels(overlap)},
            code="stale_version",
        )


def _field_labels(names: list[str]) -> str:
    """Return the ticket fields ``names`` as one list in the active language, by their
    verbose names ("stato e priorità" in Italian), never their code names."""
    by_name = {item.name: item for item in Ticket._meta.concrete_fields}
    labels = [str(by_name[name].verbose_name) for name in names]
    locale = babel_locale(to_locale(get_language() or settings.LANGUAGE_CODE))
    return format_list(labels, style="standard", locale=locale)


def _display(value: object) -> object:
    if isinstance(value, Team):
        return str(value.uid)
    if isinstance(value, User):
        return value.username
    return value


def _solving(ticket: Ticket, planned: Planned, now: datetime) -> Solving:
    if planned.status == Status.SOLVED:
        return Solving(solved_at=now)
    if planned.status is not KEEP and ticket.status == Status.SOLVED:
        return Solving(solved_at=None, reopen_count=ticket.reopen_count + 1)
    return Solving()


def _save(ticket: Ticket, planned: Planned, actor: Actor) -> None:
    """Apply the planned values with what they imply, one version up, and record it."""
    now = timezone.now()
    changed = planned.values()
    before = {name: _display(getattr(ticket, name)) for name in changed}
    implied = _solving(ticket, planned, now).values()
    if planned.status is not KEEP:
        sla.on_status(ticket, ticket.status, planned.status, now)
    for name, value in {**changed, **implied}.items():
        setattr(ticket, name, value)
    ticket.version += 1
    ticket.save(update_fields=[*changed, *implied, "version", "updated_at"])
    event_record(
        ticket,
        TicketEvent.Kind.UPDATED,
        actor,
        fields=sorted(changed),
        data={name: [before[name], _display(getattr(ticket, name))] for name in changed},
    )


@transaction.atomic
def ticket_update(
    *, ticket: Ticket, changes: TicketChanges, expected_version: int | None, actor: Actor
) -> Ticket:
    """Apply the changes unless a changed field was changed by someone else since
    ``expected_version``. Raises Forbidden, FieldErrors (bad values, a transition that is
    not allowed, an assignee outside the team) or Conflict."""
    require_ticket_staff(actor)
    ticket = (
        Ticket.objects.select_related("customer", "team")
        .select_for_update(of=("self",))
        .get(pk=ticket.pk)
    )
    check = ProfileCheck()
    planned = _plan(ticket, changes, check)
    _check_transition(ticket, planned, check)
    planned = _with_team_queue(ticket, planned)
    _check_staffing(ticket, planned, check)
    check.raise_if_any()
    refuse_stale(ticket, set(planned.values()), expected_version)
    if not planned.values():
        return ticket
    _save(ticket, planned, actor)
    if planned.status == Status.SOLVED:
        timeline_record(ticket, CustomerEvent.Kind.TICKET_SOLVED, actor)
    if planned.status is not KEEP:
        sync_sla_due(ticket)
    return ticket
