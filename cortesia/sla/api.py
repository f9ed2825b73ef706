"""REST endpoints for SLA policies."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field, StrictBool, StrictInt

from cortesia.accounts.api_auth import api_user
from cortesia.accounts.models import User
from cortesia.accounts.selectors import team_get
from cortesia.core.actor import Actor
from cortesia.core.api_input import DB_INT_MAX, DbInt, InputSchema
from cortesia.sla.models import SlaPolicy
from cortesia.sla.policies import PolicyData, policy_get, policy_list, policy_save

router = Router(tags=["sla"])


class PolicyIn(InputSchema):
    name: str | None = Field(default=None, max_length=200)
    position: StrictInt | None = Field(default=None, ge=0, le=DB_INT_MAX)
    is_active: StrictBool | None = None
    priorities: list[str] | None = None
    channels: list[str] | None = None
    teams: list[UUID] | None = None
    tags: list[str] | None = None
    first_response_minutes: DbInt | None = None
    next_response_minutes: DbInt | None = None
    resolution_minutes: DbInt | None = None
    business_hours: StrictBool | None = None
    warn_at_percent: DbInt | None = None
    breach_raises_priority: StrictBool | None = None
    breach_unassigns: StrictBool | None = None
    breach_notifies: StrictBool | None = None


class PolicyOut(Schema):
    uid: UUID
    name: str
    position: int
    is_active: bool
    priorities: list[str]
    channels: list[str]
    teams: list[UUID]
    tags: list[str]
    first_response_minutes: int | None
    next_response_minutes: int | None
    resolution_minutes: int | None
    business_hours: bool
    warn_at_percent: int
    breach_raises_priority: bool
    breach_unassigns: bool
    breach_notifies: bool


def _out(policy: SlaPolicy) -> PolicyOut:
    return PolicyOut(
        **{name: getattr(policy, name) for name in PolicyOut.model_fields if name != "teams"},
        teams=[team.uid for team in policy.teams.all()],
    )


def _data(viewer: User, payload: PolicyIn) -> PolicyData:
    given = payload.model_dump(exclude_unset=True)
    teams = given.pop("teams", None)
    return PolicyData(
        **given,
        teams=[team_get(viewer=viewer, uid=str(uid)) for uid in teams]
        if teams is not None
        else None,
    )


@router.get("/sla-policies", response=list[PolicyOut], summary="SLA policies in the order tried")
def policies_list(request: HttpRequest) -> list[PolicyOut]:
    return [_out(policy) for policy in policy_list(viewer=api_user(request))]


@router.post(
    "/sla-policies", response={201: PolicyOut}, summary="Create a policy (admins, managers)"
)
def policies_create(request: HttpRequest, payload: PolicyIn) -> Status[PolicyOut]:
    viewer = api_user(request)
    policy = policy_save(
        policy=None, data=_data(viewer, payload), actor=Actor.from_request(request)
    )
    return Status(201, _out(policy_get(viewer=viewer, uid=str(policy.uid))))


@router.get("/sla-policies/{uid:uid}", response=PolicyOut, summary="One policy")
def policies_get(request: HttpRequest, uid: str) -> PolicyOut:
    return _out(policy_get(viewer=api_user(request), uid=uid))


@router.patch(
    "/sla-policies/{uid:uid}",
    response=PolicyOut,
    summary="Change a policy; clocks started later use the change",
)
def policies_update(request: HttpRequest, uid: str, payload: PolicyIn) -> PolicyOut:
    viewer = api_user(request)
    policy = policy_save(
        policy=policy_get(viewer=viewer, uid=uid),
        data=_data(viewer, payload),
        actor=Actor.from_request(request),
    )
    return _out(policy_get(viewer=viewer, uid=str(policy.uid)))
