"""Shapes of the survey invitations and responses API."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field, StrictInt

from cortesia.core.api_input import ApiDateTime, DbInt, InputSchema
from cortesia.feedback.answer_checks import COMMENT_MAX, TEXT_ANSWER_MAX
from cortesia.feedback.models import (
    InvitationState,
    SuppressedReason,
    SurveyChannel,
    SurveyKind,
    SurveyResponse,
)

ZoneSource = Literal["customer", "country", "phone", "default"]
ExtraAnswer = StrictInt | str


class InvitationOut(Schema):
    uid: UUID
    survey: UUID
    kind: SurveyKind
    customer: UUID
    ticket: UUID | None
    channel: SurveyChannel
    state: InvitationState
    suppressed_reason: SuppressedReason | None = Field(
        description="Why it was not sent; null unless the state is suppressed."
    )
    scheduled_for: datetime
    sent_at: datetime | None
    expires_at: datetime | None = Field(description="When the answer link stops working.")
    answered_at: datetime | None
    time_zone: str = Field(description="The zone the contact window was read in.")
    zone_source: ZoneSource = Field(description="Where that zone came from.")
    language: str = Field(description="The language it was written in, once sent.")
    created_at: datetime


class InvitationPageOut(Schema):
    items: list[InvitationOut]
    next_cursor: str | None


class InvitationFilters(Schema):
    customer: UUID | None = None
    ticket: UUID | None = None
    state: InvitationState | None = None


class ResponseOut(Schema):
    uid: UUID
    invitation: UUID
    survey: UUID
    kind: SurveyKind
    score: int
    comment: str
    answers: dict[str, ExtraAnswer] = Field(
        description='The extra questions\' answers by key: {"q1": "speed", "q2": 4}.'
    )
    customer: UUID
    ticket: UUID | None
    team: UUID | None
    agent: UUID | None
    channel: str = Field(description="The channel of the ticket the survey was about.")
    language: str
    country: str
    via: SurveyResponse.Via = Field(description="Where the customer answered.")
    is_low: bool
    sent_at: datetime | None
    answered_at: datetime
    changed_at: datetime | None
    follow_up_ticket: UUID | None


class ResponsePageOut(Schema):
    items: list[ResponseOut]
    next_cursor: str | None


class ResponseFilters(Schema):
    kind: SurveyKind | None = None
    customer: UUID | None = None
    ticket: UUID | None = None
    answered_from: ApiDateTime | None = Field(None, alias="from")
    answered_to: ApiDateTime | None = Field(
        None, alias="to", description="Answered before this instant."
    )


class ResponseIn(InputSchema):
    invitation: UUID = Field(description="An invitation sent through the API channel.")
    score: DbInt = Field(description="A point of the survey's scale (422 otherwise).")
    comment: str = Field(default="", max_length=COMMENT_MAX)
    answers: dict[str, ExtraAnswer] = Field(
        default_factory=dict,
        max_length=3,
        description="Answers to the extra questions by key (q1–q3): a choice's key, a "
        f"scale point, or text of at most {TEXT_ANSWER_MAX} characters.",
    )
