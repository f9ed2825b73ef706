"""A team's settings page saved at once: name, languages, time zone, skills, calendar.

The page is a second interface over the team services (``team_create``, ``team_update``,
``team_set_calendar``): they check the actor and audit each change, all in one
transaction here, so a refusal of any part leaves the team as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from cortesia.accounts.models import Team
from cortesia.accounts.services import team_create, team_set_calendar, team_update
from cortesia.calendars.models import Calendar
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, FieldErrors


@dataclass(frozen=True)
class TeamSettings:
    name: str
    languages: list[str]
    time_zone: str
    skills: list[str] = field(default_factory=list)
    calendar: Calendar | None = None


@transaction.atomic
def team_settings_save(*, team: Team | None, data: TeamSettings, actor: Actor) -> Team:
    """Create a team from ``data`` (``team`` None) or change ``team`` to match it.

    Administrators and managers only (Forbidden otherwise). A name another team has
    raises FieldErrors on ``name``; a second submission of the same new team is refused
    that way, so it creates one team.
    """
    try:
        if team is None:
            team = team_create(
                name=data.name,
                languages=data.languages,
                time_zone=data.time_zone,
                skills=data.skills,
                actor=actor,
            )
        else:
            team = team_update(
                team=team,
                name=data.name,
                languages=data.languages,
                time_zone=data.time_zone,
                skills=data.skills,
                actor=actor,
            )
    except Conflict as error:
        raise FieldErrors({"name": error.message}) from None
    return team_set_calendar(team=team, calendar=data.calendar, actor=actor)
