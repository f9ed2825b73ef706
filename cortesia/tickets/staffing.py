"""Writes of agents' shifts and languages and of teams' assignment settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from django.db import transaction
from django.utils.translation import gettext as _

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.services import clean_skills
from cortesia.core.actor import Actor
from cortesia.core.choices import require_choice
from cortesia.core.errors import FieldErrors, Forbidden
from cortesia.customers.validation import ProfileCheck, check_language
from cortesia.tickets.models import AgentProfile, AgentShift, TeamRouting


@dataclass(frozen=True)
class ShiftData:
    weekday: int
    starts: time
    ends: time


def _require_lead_or_self(actor: Actor, user: User | None = None) -> None:
    if actor.user is None or actor.user.role in (Role.ADMIN, Role.MANAGER):
        return
    if user is None or actor.user.pk != user.pk:
        raise Forbidden(_("Only administrators, managers and the agent themself change this."))


def shifts_of_user(user: User) -> list[AgentShift]:
    return list(AgentShift.objects.filter(user=user).order_by("weekday", "starts"))


@transaction.atomic
def shifts_replace(*, user: User, shifts: list[ShiftData], actor: Actor) -> list[AgentShift]:
    """Make ``shifts`` the agent's weekly shifts (in the agent's time zone)."""
    _require_lead_or_self(actor, user)
    errors = {
        f"shifts.{index}": _(
            "A shift needs a weekday from 0 (Monday) to 6 and starts before it ends."
        )
        for index, shift in enumerate(shifts)
        if not 0 <= shift.weekday <= 6 or shift.starts >= shift.ends
    }
    if errors:
        raise FieldErrors(errors)
    AgentShift.objects.filter(user=user).delete()
    AgentShift.objects.bulk_create(
        [AgentShift(user=user, weekday=s.weekday, starts=s.starts, ends=s.ends) for s in shifts]
    )
    return shifts_of_user(user)


@transaction.atomic
def agent_languages_set(*, user: User, languages: list[str], actor: Actor) -> AgentProfile:
    _require_lead_or_self(actor, user)
    check = ProfileCheck()
    cleaned = [check_language(check, code).lower() for code in languages]
    check.raise_if_any()
    profile, _created = AgentProfile.objects.update_or_create(
        user=user, defaults={"languages": list(dict.fromkeys(cleaned))}
    )
    return profile


@transaction.atomic
def agent_skills_set(*, user: User, skills: list[str], actor: Actor) -> AgentProfile:
    """Set what the agent can handle (empty: their team's skills)."""
    _require_lead_or_self(actor, user)
    profile, _created = AgentProfile.objects.update_or_create(
        user=user, defaults={"skills": clean_skills(skills)}
    )
    return profile


@transaction.atomic
def team_assignment_set(
    *, team: Team, assignment: str, return_on_shift_end: bool, actor: Actor
) -> TeamRouting:
    _require_lead_or_self(actor)
    require_choice(assignment, TeamRouting.Assignment.values, "assignment")
    routing, _created = TeamRouting.objects.update_or_create(
        team=team,
        defaults={"assignment": assignment, "return_on_shift_end": return_on_shift_end},
    )
    return routing
