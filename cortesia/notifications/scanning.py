"""The unassigned-ticket scan: a team hears of a ticket left without an assignee for
:func:`~cortesia.notifications.selectors.unassigned_minutes` minutes, once per spell without one.

A spell starts when the ticket is opened without an assignee or when its assignee is
taken away (the latest change of the assignee). Each reminder is claimed by inserting
its (ticket, spell start) row, unique, in the transaction that writes the notifications:
several workers scanning at once tell each spell once, and a spell reported stays
reported.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from cortesia.notifications.models import Kind, UnassignedSpell
from cortesia.notifications.recipients import Telling, team_workers
from cortesia.notifications.selectors import unassigned_minutes
from cortesia.notifications.services import notifications_record
from cortesia.tickets.assignment import OPEN_STATUSES
from cortesia.tickets.models import Ticket, TicketEvent


def _spells_due(now: datetime, minutes: int, limit: int) -> list[tuple[int, int, str, datetime]]:
    """(ticket id, team id, team name, spell start) of open team tickets without an
    assignee since ``minutes`` or more, whose spell was not reported yet."""
    cutoff = now - timedelta(minutes=minutes)
    assignee_changed = (
        TicketEvent.objects.filter(
            ticket=OuterRef("pk"), kind=TicketEvent.Kind.UPDATED, data__has_key="assignee"
        )
        .order_by("-occurred_at", "-id")
        .values("occurred_at")[:1]
    )
    reported = UnassignedSpell.objects.filter(
        ticket=OuterRef("pk"), started_at=OuterRef("spell_start")
    )
    return list(
        Ticket.objects.filter(
            status__in=OPEN_STATUSES,
            assignee__isnull=True,
            team__isnull=False,
            created_at__lte=cutoff,
        )
        .annotate(spell_start=Coalesce(Subquery(assignee_changed), F("created_at")))
        .filter(spell_start__lte=cutoff)
        .exclude(Exists(reported))
        .order_by("spell_start", "pk")
        .values_list("pk", "team_id", "team__name", "spell_start")[:limit]
    )


def unassigned_scan(*, now: datetime | None = None, limit: int = 500) -> int:
    """Tell each team about its tickets left without an assignee too long; return how
    many spells were reported."""
    now = now or timezone.now()
    minutes = unassigned_minutes()
    reported = 0
    for ticket_id, team_id, team_name, started_at in _spells_due(now, minutes, limit):
        try:
            with transaction.atomic():
                UnassignedSpell.objects.create(
                    ticket_id=ticket_id, started_at=started_at, reported_at=now
                )
                notifications_record(
                    tellings=[
                        Telling(
                            ticket_id,
                            None,
                            Kind.UNASSIGNED,
                            team_workers(team_id),
                            {"team": team_name, "minutes": str(minutes)},
                        )
                    ],
                    now=now,
                )
        except IntegrityError:  # another worker reported this spell first
            continue
        reported += 1
    return reported
