"""Trying a trigger on recent tickets without saving it or changing anything: which
tickets its conditions match now, and what each action would do to each of them.

The conditions read each ticket as it is now, with its subject and its latest message
(the change that would run the trigger is not known); nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from cortesia.accounts.models import User
from cortesia.automations.actions import Action, Described, action_describe
from cortesia.automations.conditions import conditions_met
from cortesia.automations.facts import facts_of
from cortesia.automations.permissions import require_automation_manager
from cortesia.core.actor import Actor
from cortesia.tickets.models import Ticket, TicketMessage
from cortesia.tickets.selectors import ticket_list

SAMPLE = 100


@dataclass(frozen=True)
class Tried:
    ticket: Ticket
    actions: list[Described]


@dataclass(frozen=True)
class TryResult:
    tried: int  # how many tickets were looked at
    matches: list[Tried]


def _latest_texts(tickets: list[Ticket]) -> dict[int, str]:
    """The latest message text of each ticket (one query)."""
    texts: dict[int, str] = {}
    rows = TicketMessage.objects.filter(ticket__in=tickets).order_by(
        "ticket_id", "-created_at", "-pk"
    )
    for ticket_id, text in rows.values_list("ticket_id", "body_text"):
        texts.setdefault(ticket_id, text)
    return texts


def trigger_try(
    *, viewer: User, match: str, conditions: list[dict[str, str]], actions: list[Action]
) -> TryResult:
    """Return which of the last 100 tickets ``viewer`` may see the (checked) conditions
    match, and what each action would do. Raises Forbidden unless viewer manages rules."""
    require_automation_manager(Actor(user=viewer))
    tickets = list(
        ticket_list(viewer=viewer)
        .select_related("customer__organization__calendar", "team__calendar", "assignee")
        .order_by("-created_at", "-pk")[:SAMPLE]
    )
    texts = _latest_texts(tickets)
    now = timezone.now()
    matches = []
    for ticket in tickets:
        latest = [texts[ticket.pk]] if ticket.pk in texts else []
        if conditions_met(conditions, match, facts_of(ticket, latest, now)):
            agent = ticket.assignee or viewer
            matches.append(Tried(ticket, [action_describe(ticket, a, agent) for a in actions]))
    return TryResult(tried=len(tickets), matches=matches)
