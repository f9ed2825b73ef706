"""Shapes of ``/api/v1/surveys``: a definition with its conditions, extra questions and
text variants. Choices are enums, so a value outside them is refused with 422 before any
service runs; the services check the rest (codes, bounds, the site-language texts)."""

from __future__ import annotations

import warnings
from datetime import datetime
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field

from cortesia.core.api_input import DbInt, InputSchema
from cortesia.feedback.models import QuestionKind, SurveyChannel, SurveyKind, SurveyTrigger

# "register" is the product's word for formal/informal (see the glossary); as a field name it
# hides ABCMeta.register on the class, which nothing here calls, so pydantic's warning is
# noise for these two schemas only.
warnings.filterwarnings(
    "ignore", message='Field name "register" in "Text(In|Out)" shadows', category=UserWarning
)
Register = Literal["", "formal", "informal"]
# The values of Ticket.Channel (a test keeps them equal).
TicketChannel = Literal["email", "web", "chat", "phone", "walk_in", "social", "api"]


class QuestionIn(InputSchema):
    position: Literal[1, 2, 3]
    kind: QuestionKind
    choices: list[str] = Field(
        default_factory=list,
        max_length=10,
        description="Choice keys (slugs such as speed); their words are the texts q<n>.<key>.",
    )
    scale_min: DbInt = 1
    scale_max: DbInt = 5
    is_required: bool = False


class QuestionOut(Schema):
    position: int
    kind: QuestionKind
    choices: list[str]
    scale_min: int
    scale_max: int
    is_required: bool


class TextIn(InputSchema):
    key: str = Field(
        min_length=1,
        max_length=40,
        examples=["question"],
        description="question, label.<score>, comment, thanks, follow_up, mail_subject, "
        "mail_body, q<n>, q<n>.<choice>",
    )
    language: str = Field(min_length=2, max_length=10, examples=["it"])
    register: Register = Field(default="", description='"" is the any-register variant.')
    text: str = Field(max_length=5000, description="An empty text removes this variant.")


class TextOut(Schema):
    key: str
    language: str
    # A field declared with Field(), so the class's inherited ABCMeta.register is never
    # taken for its default (the OpenAPI description would fail to encode it).
    register: Register = Field(description='"" is the any-register variant.')
    text: str


class ConditionsIn(InputSchema):
    """Who gets the survey; an empty list matches everything."""

    teams: list[UUID] = Field(default_factory=list, max_length=200)
    channels: list[TicketChannel] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list, max_length=200, examples=[["it", "fi"]])
    countries: list[str] = Field(default_factory=list, max_length=300, examples=[["IT", "SA"]])
    tags: list[str] = Field(default_factory=list, max_length=100)
    segment: UUID | None = Field(default=None, description="Required for relationship surveys.")


class ConditionsOut(Schema):
    teams: list[UUID]
    channels: list[str]
    languages: list[str]
    countries: list[str]
    tags: list[str]
    segment: UUID | None


class SurveyCreateIn(InputSchema):
    name: str = Field(min_length=1, max_length=200)
    kind: SurveyKind
    trigger: SurveyTrigger
    channel: SurveyChannel = SurveyChannel.EMAIL
    delay_minutes: DbInt = Field(default=120, description="0 to 10080 (one week).")
    is_active: bool = True
    ask_comment: bool = True
    follow_up_low: bool = True
    low_score_max: DbInt | None = Field(
        default=None, description="A score at or below it is low; null: the kind's default."
    )
    every_days: DbInt = Field(default=90, description="Relationship surveys: 1 to 3650.")
    position: DbInt = Field(default=0, ge=0)
    conditions: ConditionsIn = Field(default_factory=ConditionsIn)
    questions: list[QuestionIn] = Field(default_factory=list, max_length=3)
    texts: list[TextIn] = Field(
        default_factory=list,
        max_length=2000,
        description="Written over the shipped defaults (six languages, two registers).",
    )


class SurveyUpdateIn(InputSchema):
    """Only the fields given change; ``questions`` replaces all of them."""

    name: str | None = Field(default=None, min_length=1, max_length=200)
    kind: SurveyKind | None = None
    trigger: SurveyTrigger | None = None
    channel: SurveyChannel | None = None
    delay_minutes: DbInt | None = None
    is_active: bool | None = None
    ask_comment: bool | None = None
    follow_up_low: bool | None = None
    low_score_max: DbInt | None = None
    every_days: DbInt | None = None
    position: DbInt | None = Field(default=None, ge=0)
    conditions: ConditionsIn | None = None
    questions: list[QuestionIn] | None = Field(default=None, max_length=3)
    texts: list[TextIn] | None = Field(default=None, max_length=2000)


class TextsIn(InputSchema):
    texts: list[TextIn] = Field(max_length=2000)


class SurveyOut(Schema):
    uid: UUID
    name: str
    kind: SurveyKind
    trigger: SurveyTrigger
    channel: SurveyChannel
    delay_minutes: int
    is_active: bool
    ask_comment: bool
    follow_up_low: bool
    low_score_max: int | None
    low_max: int = Field(description="The low-score limit in force.")
    scale: tuple[int, int]
    every_days: int
    next_run_at: datetime | None
    position: int
    conditions: ConditionsOut
    questions: list[QuestionOut]
    texts: list[TextOut]
    created_at: datetime
    updated_at: datetime


class SurveyPageOut(Schema):
    items: list[SurveyOut]
    next_cursor: str | None
