"""REST endpoints for routing rules and the follow-the-sun switch."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field, StrictBool, StrictInt

from cortesia.accounts.api_auth import api_user
from cortesia.accounts.selectors import team_get
from cortesia.core.actor import Actor
from cortesia.core.api_input import DB_INT_MAX, InputSchema
from cortesia.customers.segments import segment_get
from cortesia.tickets.models import RoutingRule
from cortesia.tickets.routing_admin import (
    RuleData,
    routing_rule_get,
    routing_rule_list,
    routing_rule_save,
    routing_settings_get,
    routing_settings_set,
)

router = Router(tags=["tickets"])


class RuleIn(InputSchema):
    name: str | None = Field(default=None, max_length=200)
    position: StrictInt | None = Field(default=None, ge=0, le=DB_INT_MAX)
    is_active: StrictBool | None = None
    languages: list[str] | None = None
    countries: list[str] | None = None
    channels: list[str] | None = None
    tags: list[str] | None = None
    skills: list[str] | None = None
    segment: UUID | None = None
    team: UUID | None = None


class RuleOut(Schema):
    uid: UUID
    name: str
    position: int
    is_active: bool
    languages: list[str]
    countries: list[str]
    channels: list[str]
    tags: list[str]
    skills: list[str]
    segment: UUID | None
    team: UUID


class SettingsSchema(InputSchema):
    follow_the_sun: StrictBool


def _out(rule: RoutingRule) -> RuleOut:
    return RuleOut(
        **{n: getattr(rule, n) for n in RuleOut.model_fields if n not in {"segment", "team"}},
        segment=rule.segment.uid if rule.segment else None,
        team=rule.team.uid,
    )


def _data(request: HttpRequest, payload: RuleIn) -> RuleData:
    viewer = api_user(request)
    given = payload.model_dump(exclude_unset=True)
    segment, team = given.pop("segment", None), given.pop("team", None)
    return RuleData(
        **given,
        segment=segment_get(viewer=viewer, uid=str(segment)) if segment else None,
        clear_segment="segment" in payload.model_fields_set and segment is None,
        team=team_get(viewer=viewer, uid=str(team)) if team else None,
    )


@router.get("/routing-rules", response=list[RuleOut], summary="Routing rules in the order tried")
def routing_rules_list(request: HttpRequest) -> list[RuleOut]:
    return [_out(rule) for rule in routing_rule_list(viewer=api_user(request))]


@router.post("/routing-rules", response={201: RuleOut}, summary="Add a rule (admins, managers)")
def routing_rules_create(request: HttpRequest, payload: RuleIn) -> Status[RuleOut]:
    rule = routing_rule_save(
        rule=None, data=_data(request, payload), actor=Actor.from_request(request)
    )
    return Status(201, _out(rule))


@router.patch("/routing-rules/{uid:uid}", response=RuleOut, summary="Change a rule")
def routing_rules_update(request: HttpRequest, uid: str, payload: RuleIn) -> RuleOut:
    rule = routing_rule_save(
        rule=routing_rule_get(viewer=api_user(request), uid=uid),
        data=_data(request, payload),
        actor=Actor.from_request(request),
    )
    return _out(rule)


@router.get("/routing-settings", response=SettingsSchema, summary="Follow-the-sun on or off")
def routing_settings_read(request: HttpRequest) -> SettingsSchema:
    api_user(request)
    return SettingsSchema(follow_the_sun=routing_settings_get().follow_the_sun)


@router.put("/routing-settings", response=SettingsSchema, summary="Switch follow-the-sun")
def routing_settings_write(request: HttpRequest, payload: SettingsSchema) -> SettingsSchema:
    api_user(request)
    settings = routing_settings_set(
        follow_the_sun=payload.follow_the_sun, actor=Actor.from_request(request)
    )
    return SettingsSchema(follow_the_sun=settings.follow_the_sun)
