"""Reads for the shifts pages: an agent's week as instants, and who is on shift now.

Shifts are stored as weekly wall-clock intervals in the agent's own zone. To show one
beside a team's zone, each interval is placed on the concrete date of the week shown and
turned into instants there, so a week that crosses a DST change (in either zone) shows
the hours as they really fall that week, not as they fall today.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cortesia.accounts.models import Team, User
from cortesia.core.errors import Forbidden
from cortesia.tickets.assignment import on_shift_now
from cortesia.tickets.models import AgentLeave, AgentShift, TeamRouting
from cortesia.tickets.routing_admin import can_change_routing

WEEKDAYS = (
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
)


@dataclass(frozen=True)
class Interval:
    """One shift on one date: ``starts`` and ``ends`` are instants (aware, agent's zone)."""

    starts: datetime
    ends: datetime


@dataclass(frozen=True)
class Day:
    day: date
    intervals: list[Interval]
    leave: AgentLeave | None  # the leave covering the day: no work whatever the shifts say

    @property
    def weekday_name(self) -> str:
        return str(WEEKDAYS[self.day.weekday()])


@dataclass(frozen=True)
class Week:
    agent: User
    zone: str  # the agent's zone, in which the shifts are kept
    teams: list[Team]
    monday: date
    days: list[Day]

    @property
    def previous(self) -> date:
        return self.monday - timedelta(days=7)

    @property
    def next(self) -> date:
        return self.monday + timedelta(days=7)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_days(
    zone: str, shifts: list[AgentShift], leave: list[AgentLeave], monday: date
) -> list[Day]:
    """Return the seven days from ``monday`` with each shift as instants of that date in
    ``zone`` (DST of that very week applied) and the leave covering each day."""
    tz = ZoneInfo(zone)
    days = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        intervals = [
            Interval(
                datetime.combine(day, shift.starts, tzinfo=tz),
                datetime.combine(day, shift.ends, tzinfo=tz),
            )
            for shift in sorted(shifts, key=lambda s: s.starts)
            if shift.weekday == offset
        ]
        away = next((span for span in leave if span.first_day <= day <= span.last_day), None)
        days.append(Day(day, intervals, away))
    return days


def _require_lead_or_self(viewer: User, agent: User) -> None:
    if not (can_change_routing(viewer) or (viewer.is_active and viewer.pk == agent.pk)):
        raise Forbidden(_("Only administrators, managers and the agent themself see this week."))


def agent_week(*, viewer: User, agent: User, monday: date) -> Week:
    """Return the agent's week from ``monday`` (their zone) for leads or the agent
    themself; raises Forbidden for anyone else."""
    _require_lead_or_self(viewer, agent)
    zone = agent.time_zone or "UTC"
    shifts = list(AgentShift.objects.filter(user=agent))
    leave = list(
        AgentLeave.objects.filter(
            user=agent, last_day__gte=monday, first_day__lte=monday + timedelta(days=6)
        )
    )
    teams = list(agent.teams.order_by("name"))
    return Week(agent, zone, teams, monday, week_days(zone, shifts, leave, monday))


def agent_local_today(agent: User, now: datetime) -> date:
    return now.astimezone(ZoneInfo(agent.time_zone or "UTC")).date()


@dataclass(frozen=True)
class TeamNow:
    """A team with its members and those of them on shift now."""

    team: Team
    members: list[User]
    on_shift: list[User]

    @property
    def assignment(self) -> str:
        try:
            routing: TeamRouting = self.team.routing
        except ObjectDoesNotExist:
            return TeamRouting.Assignment.QUEUE
        return routing.assignment


def teams_now(*, viewer: User, now: datetime) -> list[TeamNow]:
    """Return every team with its active members and those on shift at ``now`` (leave
    counted). Leads only: raises Forbidden for anyone else. Four reads whatever the
    number of teams: teams, members, shifts and (when someone is on shift) leave."""
    if not can_change_routing(viewer):
        raise Forbidden(_("Only administrators and managers see the shifts of every team."))
    teams = list(
        Team.objects.select_related("routing")
        .prefetch_related(
            Prefetch("members", queryset=User.objects.filter(is_active=True).order_by("username"))
        )
        .order_by("name")
    )
    everyone = list({user.pk: user for team in teams for user in team.members.all()}.values())
    working = {user.pk for user in on_shift_now(everyone, now)}
    return [
        TeamNow(
            team,
            list(team.members.all()),
            [user for user in team.members.all() if user.pk in working],
        )
        for team in teams
    ]
