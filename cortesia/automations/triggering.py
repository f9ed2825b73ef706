"""Running the triggers after every ticket change.

The ticket services announce each change's events (``tickets.signals.events_recorded``)
inside their transaction. The triggers run when that transaction has committed, in a
transaction of their own: a change is never refused or rolled back because a rule is
wrong, and a ticket opened from a customer's mail is kept whatever the rules do.

Loop safety, per original change:

1. Round 1 checks the active triggers, in order, against the change's events of each
   ticket. A trigger whose conditions are met acts (one ticket event per action, naming
   the trigger) unless it stops the rest.
2. The events its actions record are gathered, with the trigger that caused them, and
   the next round checks them. A trigger never reacts to events of its own actions, and
   acts at most once per ticket per original change: two triggers that would answer each
   other act once each.
3. After ``MAX_ROUNDS`` rounds whatever is still gathered is dropped (and logged).

A trigger whose actions fail (an assignee who left the team, a transition not allowed)
is rolled back alone, to its savepoint; the others still run.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import partial

from django.db import transaction
from django.utils import timezone

from cortesia.automations.actions import action_apply
from cortesia.automations.conditions import conditions_met
from cortesia.automations.facts import (
    asks_business_hours,
    facts_of,
    message_texts,
    ticket_for_rules,
)
from cortesia.automations.models import Trigger
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError
from cortesia.tickets.models import Ticket, TicketEvent
from cortesia.tickets.recording import rule_acting

logger = logging.getLogger(__name__)

Kind = TicketEvent.Kind
WHEN_OF: dict[str, str] = {
    Kind.CREATED: Trigger.When.CREATED,
    Kind.UPDATED: Trigger.When.UPDATED,
    Kind.REPLIED: Trigger.When.AGENT_REPLY,
    Kind.NOTED: Trigger.When.NOTE,
    Kind.CUSTOMER_REPLIED: Trigger.When.CUSTOMER_MESSAGE,
    Kind.REOPENED: Trigger.When.CUSTOMER_MESSAGE,
}
MAX_ROUNDS = 5


@dataclass(frozen=True)
class Caused:
    """An event and the trigger whose action recorded it (None: not a trigger)."""

    event: TicketEvent
    trigger_id: int | None


@dataclass
class _Run:
    """The triggers' run of one original change: what the current trigger's actions
    record is gathered here for the next round."""

    acting: int | None = None
    gathered: list[Caused] = field(default_factory=list)
    # Who made the original change: a rule never notifies them of their own action.
    causer_id: int | None = None


_running: ContextVar[_Run | None] = ContextVar("automations_running", default=None)


def on_events_recorded(sender: object, *, events: list[TicketEvent], **kwargs: object) -> None:
    """Gather the events of a trigger's own actions; run the triggers on any other change
    once its transaction has committed."""
    run = _running.get()
    if run is not None:
        run.gathered.extend(Caused(event, run.acting) for event in events)
        return
    if any(event.kind in WHEN_OF for event in events):
        transaction.on_commit(partial(triggers_run, list(events)), robust=True)


def triggers_run(events: Sequence[TicketEvent]) -> int:
    """Run the active triggers on one change's ``events``; return how many acted."""
    triggers = list(Trigger.objects.filter(is_active=True))
    if not triggers:
        return 0
    run = _Run(causer_id=next((e.actor_id for e in events if e.actor_id is not None), None))
    token = _running.set(run)
    try:
        with transaction.atomic():
            return _rounds(triggers, [Caused(event, None) for event in events], run)
    finally:
        _running.reset(token)


def _rounds(triggers: list[Trigger], caused: list[Caused], run: _Run) -> int:
    acted: dict[int, set[int]] = {}  # ticket id → the triggers that acted on it
    count = 0
    for _round in range(MAX_ROUNDS):
        by_ticket: dict[int, list[Caused]] = {}
        for item in caused:
            by_ticket.setdefault(item.event.ticket_id, []).append(item)
        for ticket_id, items in by_ticket.items():
            count += _round_on_ticket(
                triggers, ticket_id, items, acted.setdefault(ticket_id, set()), run
            )
        caused, run.gathered = run.gathered, []
        if not caused:
            return count
    logger.warning("Triggers stopped after %d rounds on one change.", MAX_ROUNDS)
    return count


def _round_on_ticket(
    triggers: list[Trigger], ticket_id: int, items: list[Caused], acted: set[int], run: _Run
) -> int:
    calendar = asks_business_hours(trigger.conditions for trigger in triggers)
    ticket = _in_memory(items) if not calendar else None
    ticket = ticket or ticket_for_rules(ticket_id, with_calendar=calendar)
    texts = message_texts([item.event for item in items])
    facts = facts_of(ticket, [], timezone.now(), with_calendar=calendar)
    count = 0
    for trigger in triggers:
        if trigger.pk in acted:
            continue
        relevant = [
            item.event.pk
            for item in items
            if item.trigger_id != trigger.pk and WHEN_OF.get(item.event.kind) in trigger.when
        ]
        if not relevant:
            continue
        said = [texts[pk] for pk in relevant if pk in texts]
        if not conditions_met(
            trigger.conditions, trigger.match, replace(facts, texts=[*facts.texts, *said])
        ):
            continue
        acted.add(trigger.pk)
        ticket = _act(trigger, ticket, run, calendar)
        facts = facts_of(ticket, [], timezone.now(), with_calendar=calendar)
        count += 1
        if trigger.stops_processing:
            break
    return count


def _in_memory(items: list[Caused]) -> Ticket | None:
    """The ticket the service that made the change holds (it has just committed it), when
    the event carries it with its customer: the first round then reads no ticket row."""
    event = items[-1].event
    if not TicketEvent.ticket.is_cached(event):
        return None
    ticket = event.ticket
    return ticket if Ticket.customer.is_cached(ticket) else None


def _act(trigger: Trigger, ticket: Ticket, run: _Run, calendar: bool) -> Ticket:
    """Apply the trigger's actions in a savepoint; on a refusal undo them alone."""
    kept = len(run.gathered)
    run.acting = trigger.pk
    rule = {"kind": "trigger", "uid": str(trigger.uid), "name": trigger.name}
    agent = ticket.assignee or trigger.created_by
    try:
        with transaction.atomic(), rule_acting(rule):
            for action in trigger.actions:
                ticket = action_apply(
                    ticket, action, Actor.system(), agent, rule=rule, causer_id=run.causer_id
                )
    except DomainError as error:
        del run.gathered[kept:]
        logger.warning(
            "The trigger %s could not act on ticket %s: %s", trigger.pk, ticket.pk, error
        )
    finally:
        run.acting = None
    return ticket_for_rules(ticket.pk, with_calendar=calendar)
