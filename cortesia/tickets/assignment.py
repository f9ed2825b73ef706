"""Who in a team gets a new ticket: only agents on shift now who speak its language and
have the skills it needs, by round robin or fewest open tickets. When an agent's shift
ends, their untouched tickets go back to the team queue. Nobody off shift is ever given a
ticket."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count

from cortesia.accounts.models import Role, Team, User
from cortesia.culture.local_formats import language_of
from cortesia.tickets.models import AgentLeave, AgentProfile, AgentShift, TeamRouting, Ticket

OPEN_STATUSES = (
    Ticket.Status.NEW,
    Ticket.Status.OPEN,
    Ticket.Status.PENDING,
    Ticket.Status.ON_HOLD,
)


def _base(language: str) -> str:
    return language_of(language)


def is_on_shift(
    user: User,
    shifts: list[AgentShift],
    now: datetime,
    leave: list[tuple[date, date]] | None = None,
) -> bool:
    """Return True when ``now`` falls in one of the shifts, read in the agent's zone, and
    the agent's local date is in none of the ``leave`` spans (first and last day included)."""
    local = now.astimezone(ZoneInfo(user.time_zone or "UTC"))
    moment = local.time().replace(tzinfo=None)
    if any(first <= local.date() <= last for first, last in leave or ()):
        return False
    return any(
        shift.weekday == local.weekday() and shift.starts <= moment < shift.ends for shift in shifts
    )


def leave_of(users: list[User], now: datetime) -> dict[int, list[tuple[date, date]]]:
    """Return each user's leave spans that may cover ``now`` in some time zone (the UTC
    date one day either side: a local date is never further away)."""
    leave: dict[int, list[tuple[date, date]]] = {user.pk: [] for user in users}
    if not users:
        return leave
    day = now.astimezone(ZoneInfo("UTC")).date()
    spans = AgentLeave.objects.filter(
        user__in=users,
        last_day__gte=day - timedelta(days=1),
        first_day__lte=day + timedelta(days=1),
    ).values_list("user_id", "first_day", "last_day")
    for user_id, first, last in spans:
        leave[user_id].append((first, last))
    return leave


def on_shift_now(users: list[User], now: datetime) -> list[User]:
    """Return the users on shift at ``now`` (weekly shifts less leave), in the given order.

    Leave is read only when someone's weekly shifts cover ``now``: nobody on shift by the
    week costs no read of the leave table."""
    shifts = shifts_of(users)
    by_week = [user for user in users if is_on_shift(user, shifts[user.pk], now)]
    leave = leave_of(by_week, now)
    return [user for user in by_week if is_on_shift(user, shifts[user.pk], now, leave[user.pk])]


def _speaks(user: User, team: Team, language: str) -> bool:
    profile = getattr(user, "agent_profile", None)
    languages = (profile.languages if profile and profile.languages else None) or team.languages
    return not language or _base(language) in {_base(code) for code in languages}


def _skilled(user: User, team: Team, needed: tuple[str, ...]) -> bool:
    profile = getattr(user, "agent_profile", None)
    skills = (profile.skills if profile and profile.skills else None) or team.skills
    return set(needed) <= set(skills)


def shifts_of(users: list[User]) -> dict[int, list[AgentShift]]:
    shifts: dict[int, list[AgentShift]] = {user.pk: [] for user in users}
    for shift in AgentShift.objects.filter(user__in=users):
        shifts[shift.user_id].append(shift)
    return shifts


def eligible_agents(
    team: Team, language: str, now: datetime, needed: tuple[str, ...] = ()
) -> list[User]:
    members = list(
        team.members.filter(is_active=True, role__in=(Role.AGENT, Role.MANAGER))
        .select_related("agent_profile")
        .order_by("pk")
    )
    return [
        user
        for user in on_shift_now(members, now)
        if _speaks(user, team, language) and _skilled(user, team, needed)
    ]


def pick_assignee(
    team: Team | None, language: str, now: datetime, needed: tuple[str, ...] = ()
) -> User | None:
    """Return the agent the team's assignment method picks among those on shift who speak
    the language and have the skills (their own, else their team's), or None (queue)."""
    if team is None:
        return None
    routing: TeamRouting | None = getattr(team, "routing", None)  # None: no settings saved
    if routing is None or routing.assignment == TeamRouting.Assignment.QUEUE:
        return None
    agents = eligible_agents(team, language, now, needed)
    if not agents:
        return None
    if routing.assignment == TeamRouting.Assignment.LEAST_OPEN:
        open_counts = dict(
            Ticket.objects.filter(assignee__in=agents, status__in=OPEN_STATUSES)
            .values_list("assignee")
            .annotate(n=Count("pk"))
            .values_list("assignee", "n")
        )
        return min(agents, key=lambda user: (open_counts.get(user.pk, 0), user.pk))
    never = datetime.min.replace(tzinfo=now.tzinfo)

    def last(user: User) -> datetime:
        profile = getattr(user, "agent_profile", None)
        return profile.last_assigned_at if profile and profile.last_assigned_at else never

    return min(agents, key=lambda user: (last(user), user.pk))


def note_assignment(user: User, now: datetime) -> None:
    AgentProfile.objects.update_or_create(user=user, defaults={"last_assigned_at": now})
