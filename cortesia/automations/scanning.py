"""The hourly run of time-based automations.

A ticket's *spell* in a status begins with the last event that changed its status (or
its creation). An automation acts once per ticket per spell, when the spell has lasted
its hours of business time on the ticket's calendar (the team's, else the customer's
organization's, else every hour) and its conditions are met; a ticket that leaves the
status and comes back starts a new spell.

Each act follows the SLA scanner's loop: claim one (automation, ticket, spell) with an
insert under a unique constraint, act, commit, repeat. Of two workers claiming the same
run one insert fails and that worker moves on, so no ticket is acted on twice.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from cortesia.automations.actions import action_apply
from cortesia.automations.conditions import conditions_met
from cortesia.automations.facts import facts_of, ticket_calendar, ticket_for_rules
from cortesia.automations.models import AutomationRun, TimedAutomation
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, FieldErrors
from cortesia.culture.business_time import business_time_between
from cortesia.tickets.models import Ticket, TicketEvent
from cortesia.tickets.recording import rule_acting

logger = logging.getLogger(__name__)

# The events that begin a spell: the creation, and any change whose fields hold the
# status (a JSON list, matched as text so it works on SQLite and PostgreSQL alike).
SPELL_EVENTS = Q(kind=TicketEvent.Kind.CREATED) | Q(fields__icontains='"status"')


def _spells(automation: TimedAutomation, now: datetime) -> QuerySet[Ticket]:
    """Tickets in the automation's status with their spell (event id and start), not yet
    acted on in that spell, whose spell began at least ``hours`` ago by the wall clock
    (business time never runs faster)."""
    last = TicketEvent.objects.filter(SPELL_EVENTS, ticket=OuterRef("pk")).order_by(
        "-version", "-pk"
    )
    done = AutomationRun.objects.filter(
        automation=automation, ticket=OuterRef("pk"), spell=OuterRef("spell_id")
    )
    return (
        Ticket.objects.filter(status=automation.status)
        .annotate(
            spell_id=Subquery(last.values("pk")[:1]),
            spell_at=Subquery(last.values("occurred_at")[:1]),
        )
        .filter(spell_at__lte=now - timedelta(hours=automation.hours))
        .exclude(Exists(done))
        .order_by("spell_at", "pk")
    )


def _is_due(ticket: Ticket, automation: TimedAutomation, spell_at: datetime, now: datetime) -> bool:
    calendar = ticket_calendar(ticket)
    spent = business_time_between(calendar, spell_at, now) if calendar else now - spell_at
    if spent < timedelta(hours=automation.hours):
        return False
    facts = facts_of(ticket, [], now)
    return conditions_met(automation.conditions, automation.match, facts)


def _claim(
    automation: TimedAutomation, ticket_id: int, spell_id: int, now: datetime
) -> AutomationRun | None:
    try:
        with transaction.atomic():
            return AutomationRun.objects.create(
                automation=automation, ticket_id=ticket_id, spell_id=spell_id, ran_at=now
            )
    except IntegrityError:
        return None  # another worker has it


def refusal_text(error: DomainError) -> str:
    """The refusal in words: each field's message, else the error's."""
    if isinstance(error, FieldErrors):
        return " ".join(error.errors.values())
    return str(error.message)


def _act(automation: TimedAutomation, run: AutomationRun, ticket: Ticket) -> None:
    rule = {"kind": "automation", "uid": str(automation.uid), "name": automation.name}
    agent = ticket.assignee or automation.created_by
    try:
        with transaction.atomic(), rule_acting(rule):
            for action in automation.actions:
                ticket = action_apply(ticket, action, Actor.system(), agent, rule=rule)
    except DomainError as error:
        AutomationRun.objects.filter(pk=run.pk).update(outcome=refusal_text(error)[:300])


def automation_scan_one(automation: TimedAutomation, now: datetime) -> int:
    """Act on every ticket due for ``automation`` at ``now``; return how many were acted on
    (a ticket whose conditions are not met is looked at again at the next run)."""
    acted = 0
    due = _spells(automation, now).values_list("pk", "spell_id", "spell_at")  # type: ignore[misc]
    for ticket_id, spell_id, spell_at in due:
        with transaction.atomic():
            ticket = ticket_for_rules(ticket_id)
            if ticket.status != automation.status or not _is_due(ticket, automation, spell_at, now):
                continue
            run = _claim(automation, ticket_id, spell_id, now)
            if run is None:
                continue
            _act(automation, run, ticket)
            acted += 1
    return acted


def automations_scan(*, now: datetime | None = None) -> int:
    """Run every active time-based automation once (the worker calls this hourly);
    return how many tickets were acted on."""
    now = now or timezone.now()
    acted = 0
    for automation in TimedAutomation.objects.filter(is_active=True).order_by("position", "pk"):
        acted += automation_scan_one(automation, now)
    return acted
