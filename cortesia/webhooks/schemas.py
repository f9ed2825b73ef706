"""Shapes of the webhooks API. The secret is accepted on the way in and returned only in
the answer to a create; no other shape has a field for it."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from ninja import Schema
from pydantic import Field

from cortesia.webhooks.events import EventType


class WebhookOut(Schema):
    uid: UUID
    url: str
    events: list[str]
    is_active: bool
    description: str
    created_at: datetime
    updated_at: datetime


class WebhookCreatedOut(WebhookOut):
    secret: str = Field(description="The signing secret. Shown only in this answer: store it now.")


class WebhookPageOut(Schema):
    items: list[WebhookOut]
    next_cursor: str | None


class WebhookCreateIn(Schema):
    url: str = Field(min_length=1, max_length=500, examples=["https://hooks.example.com/cortesia"])
    events: list[EventType] = Field(min_length=1, max_length=len(EventType.values))
    secret: str | None = Field(
        default=None,
        min_length=16,
        max_length=200,
        description="Your own signing secret; without it one is made and returned once.",
    )
    is_active: bool = True
    description: str = Field(default="", max_length=200)


class WebhookUpdateIn(Schema):
    url: str | None = Field(default=None, min_length=1, max_length=500)
    events: list[EventType] | None = Field(default=None, min_length=1)
    secret: str | None = Field(default=None, min_length=16, max_length=200)
    is_active: bool | None = None
    description: str | None = Field(default=None, max_length=200)


class AttemptOut(Schema):
    attempted_at: datetime
    status_code: int | None
    response_excerpt: str
    duration_ms: int
    error: str


class DeliveryOut(Schema):
    uid: UUID
    event_id: UUID
    event_type: str
    status: str
    attempt_count: int
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    created_at: datetime
    attempts: list[AttemptOut]


class DeliveryPageOut(Schema):
    items: list[DeliveryOut]
    next_cursor: str | None
