"""REST endpoints for agents' shifts and languages and teams' assignment settings."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router
from pydantic import Field, StrictBool

from cortesia.accounts.api_auth import api_user
from cortesia.accounts.selectors import team_get, user_get
from cortesia.core.actor import Actor
from cortesia.core.api_input import DbInt, InputSchema, LocalTime
from cortesia.tickets.models import AgentProfile, TeamRouting
from cortesia.tickets.staffing import (
    ShiftData,
    agent_languages_set,
    agent_skills_set,
    shifts_of_user,
    shifts_replace,
    team_assignment_set,
)

router = Router(tags=["tickets"])


class ShiftSchema(InputSchema):
    weekday: DbInt = Field(description="0 is Monday, 6 is Sunday")
    starts: LocalTime
    ends: LocalTime


class LanguagesSchema(InputSchema):
    languages: list[str]


class SkillsSchema(InputSchema):
    skills: list[str] = Field(max_length=50)


class AssignmentSchema(InputSchema):
    assignment: str
    return_on_shift_end: StrictBool = True


@router.get(
    "/users/{uid:uid}/shifts",
    response=list[ShiftSchema],
    summary="An agent's weekly shifts, in the agent's time zone",
)
def shifts_list(request: HttpRequest, uid: str) -> list[ShiftSchema]:
    user = user_get(viewer=api_user(request), uid=uid)
    return [
        ShiftSchema(weekday=s.weekday, starts=s.starts, ends=s.ends) for s in shifts_of_user(user)
    ]


@router.put(
    "/users/{uid:uid}/shifts",
    response=list[ShiftSchema],
    summary="Replace an agent's weekly shifts (admins, managers, the agent)",
)
def shifts_put(request: HttpRequest, uid: str, payload: list[ShiftSchema]) -> list[ShiftSchema]:
    user = user_get(viewer=api_user(request), uid=uid)
    shifts = shifts_replace(
        user=user,
        shifts=[ShiftData(s.weekday, s.starts, s.ends) for s in payload],
        actor=Actor.from_request(request),
    )
    return [ShiftSchema(weekday=s.weekday, starts=s.starts, ends=s.ends) for s in shifts]


@router.put(
    "/users/{uid:uid}/languages",
    response=LanguagesSchema,
    summary="The languages an agent answers in (empty: their teams' languages)",
)
def languages_put(request: HttpRequest, uid: str, payload: LanguagesSchema) -> LanguagesSchema:
    profile: AgentProfile = agent_languages_set(
        user=user_get(viewer=api_user(request), uid=uid),
        languages=payload.languages,
        actor=Actor.from_request(request),
    )
    return LanguagesSchema(languages=profile.languages)


@router.put(
    "/users/{uid:uid}/skills",
    response=SkillsSchema,
    summary="What an agent can handle (empty: their teams' skills)",
)
def skills_put(request: HttpRequest, uid: str, payload: SkillsSchema) -> SkillsSchema:
    profile: AgentProfile = agent_skills_set(
        user=user_get(viewer=api_user(request), uid=uid),
        skills=payload.skills,
        actor=Actor.from_request(request),
    )
    return SkillsSchema(skills=profile.skills)


@router.put(
    "/teams/{uid:uid}/assignment",
    response=AssignmentSchema,
    summary="How a team hands new tickets to its agents (admins, managers)",
)
def assignment_put(request: HttpRequest, uid: str, payload: AssignmentSchema) -> AssignmentSchema:
    routing: TeamRouting = team_assignment_set(
        team=team_get(viewer=api_user(request), uid=uid),
        assignment=payload.assignment,
        return_on_shift_end=payload.return_on_shift_end,
        actor=Actor.from_request(request),
    )
    return AssignmentSchema(
        assignment=routing.assignment, return_on_shift_end=routing.return_on_shift_end
    )
