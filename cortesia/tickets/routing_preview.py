"""What would happen to a ticket that does not exist: the "test this rule" answer.

It runs the code that opens real tickets, without writing anything: the language as
:func:`cortesia.tickets.creation.ticket_language` finds it, the team from
:func:`cortesia.tickets.routing.route` (with the follow-the-sun switch as stored and the
other way round), the agent :func:`cortesia.tickets.assignment.pick_assignee` would pick
and the SLA clocks :func:`cortesia.sla.clocks.clocks_plan` would start. A sample ticket
has no customer, so rules that ask for a customer segment never match it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from cortesia.accounts.models import Team, User
from cortesia.core.errors import Forbidden
from cortesia.customers.models import Customer
from cortesia.sla.clocks import clocks_plan
from cortesia.sla.models import SlaClock, SlaPolicy
from cortesia.tickets.assignment import pick_assignee
from cortesia.tickets.creation import ticket_language
from cortesia.tickets.inputs import MessageData
from cortesia.tickets.models import RoutingRule, TeamRouting, Ticket, TicketMessage
from cortesia.tickets.routing import Routed, closes_at, opens_at, route, speaks
from cortesia.tickets.routing_admin import can_change_routing, routing_settings_get


@dataclass(frozen=True)
class SampleTicket:
    """The ticket to try: ``language`` "" is found from the subject as for a real one."""

    language: str
    country: str
    channel: str
    subject: str
    priority: str
    at: datetime


@dataclass(frozen=True)
class TeamHours:
    """A team at the sample's instant: open until ``closes_at``, or closed until ``opens_at``."""

    team: Team
    speaks_language: bool
    closes_at: datetime | None
    opens_at: datetime | None


@dataclass(frozen=True)
class Due:
    target: str  # SlaClock.Target
    label: str
    due_at: datetime


@dataclass(frozen=True)
class Preview:
    sample: SampleTicket
    language: str
    language_source: str  # given, detected, channel or site (creation.Language.source)
    follow_the_sun: bool  # the stored switch
    routed: Routed  # with the stored switch
    other: Routed  # with the switch the other way round
    teams: list[TeamHours]
    assignment: str  # the chosen team's TeamRouting.Assignment ("" without a team)
    assignee: User | None
    policy: SlaPolicy | None
    due: list[Due]
    segment_rules: list[str]  # active rules a sample ticket cannot match (segment asked)

    @property
    def rule(self) -> RoutingRule | None:
        return self.routed.rule


def _team_hours(language: str, at: datetime) -> list[TeamHours]:
    teams = Team.objects.select_related("calendar").order_by("name")
    hours = []
    for team in teams:
        until = closes_at(team, at)
        hours.append(
            TeamHours(
                team=team,
                speaks_language=speaks(team, language) if language else False,
                closes_at=until,
                opens_at=None if until or team.calendar is None else opens_at(team, at),
            )
        )
    return hours


def _due(sample: SampleTicket, routed: Routed, language: str) -> tuple[SlaPolicy | None, list[Due]]:
    ticket = Ticket(
        subject=sample.subject,
        channel=sample.channel,
        priority=sample.priority,
        team=routed.team,
        language=language,
        tags=[],
        skills=list(routed.skills),
    )
    planned = clocks_plan(ticket, sample.at)
    labels = dict(SlaClock.Target.choices)
    due = [
        Due(clock.target, str(labels[clock.target]), clock.due_at)
        for clock in planned.clocks
        if clock.due_at is not None
    ]
    return planned.policy, due


def routing_preview(*, sample: SampleTicket, viewer: User) -> Preview:
    """Return where ``sample`` would go, to whom and with which SLA due times, without
    writing anything. Raises Forbidden for anyone who may not change routing."""
    if not can_change_routing(viewer):
        raise Forbidden(_("Only administrators and managers change routing."))
    customer = Customer(country=sample.country, language="")
    message = MessageData(body_text=sample.subject, author_kind=TicketMessage.Author.CUSTOMER)
    found = ticket_language(sample.language, customer, message, sample.subject, "")
    stored = routing_settings_get().follow_the_sun
    routed, other = (
        route(
            customer=customer,
            language=found.code,
            channel=sample.channel,
            tags=[],
            now=sample.at,
            follow_the_sun=switch,
        )
        for switch in (stored, not stored)
    )
    team = routed.team
    routing: TeamRouting | None = getattr(team, "routing", None) if team else None
    policy, due = _due(sample, routed, found.code)
    return Preview(
        sample=sample,
        language=found.code,
        language_source=found.source,
        follow_the_sun=stored,
        routed=routed,
        other=other,
        teams=_team_hours(found.code, sample.at),
        assignment=(routing.assignment if routing else TeamRouting.Assignment.QUEUE)
        if team
        else "",
        assignee=pick_assignee(team, found.code, sample.at, routed.skills),
        policy=policy,
        due=due,
        segment_rules=list(
            RoutingRule.objects.filter(is_active=True, segment__isnull=False).values_list(
                "name", flat=True
            )
        ),
    )
