"""Request and response bodies of the mentions endpoints (the generic JSON format is
described in docs/mentions-format.md)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field

from cortesia.core.api_input import ApiDateTime, ApiInstant, DbInt, InputSchema


class AuthorIn(InputSchema):
    handle: str = ""
    name: str = ""
    email: str = ""


class MentionIn(InputSchema):
    """One mention in the generic format. ``source``, when given, must name the source
    that signs the delivery (its name or public id)."""

    source: str | None = None
    external_id: str
    url: str = ""
    author: AuthorIn | None = None
    text: str
    rating: Decimal | None = None
    rating_max: DbInt | None = None
    published_at: ApiDateTime = Field(description="ISO 8601 with its offset.")


class SourceOut(Schema):
    uid: UUID
    name: str
    kind: str


class AuthorOut(Schema):
    handle: str
    name: str
    email: str


class FrustrationOut(Schema):
    score: int = Field(description="0–100, rule-based (see docs/feedback.md).")
    level: Literal["none", "some", "high"]
    signals: list[str]


class MentionOut(Schema):
    uid: UUID
    source: SourceOut
    external_id: str
    url: str
    author: AuthorOut
    text: str
    rating: Decimal | None
    rating_max: int | None
    published_at: datetime
    received_at: datetime
    via: str
    language: str = Field(description='ISO 639-1, or "" when it could not be told.')
    frustration: FrustrationOut
    customer: UUID | None
    ticket: UUID | None


class MentionPageOut(Schema):
    items: list[MentionOut]
    next_cursor: str | None


class MentionFilters(Schema):
    source: UUID | None = None
    level: Literal["none", "some", "high"] | None = None
    language: str | None = Field(None, max_length=10)
    customer: UUID | None = None
    published_from: ApiInstant | None = Field(None, alias="from")
    published_to: ApiInstant | None = Field(None, alias="to")


class MentionTicketOut(Schema):
    ticket: UUID
    number: int
    created: bool
