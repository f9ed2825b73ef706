"""Request and answer shapes of ``/api/v1/conversations``."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Schema

ConversationStatus = Literal["waiting", "active", "ended"]


class PartyOut(Schema):
    uid: UUID
    name: str


class ConversationOut(Schema):
    uid: UUID
    status: ConversationStatus
    language: str
    ticket: UUID
    ticket_number: int
    customer: PartyOut
    team: PartyOut | None
    assignee: PartyOut | None
    queued_at: datetime | None
    ended_at: datetime | None
    created_at: datetime
    unread: int = Field(description="The customer's messages no agent has read yet.")


class ConversationPageOut(Schema):
    items: list[ConversationOut]
    next_cursor: str | None


class MessageOut(Schema):
    id: int = Field(description="The event id: ask for messages after it to continue.")
    kind: Literal["message", "note"]
    internal: bool
    author: Literal["visitor", "agent", "system"]
    name: str
    text: str
    at: datetime
    client_id: str


class MessageListOut(Schema):
    items: list[MessageOut]
    after: int = Field(description="Pass as ?after= to get the next messages.")


class MessageIn(Schema):
    text: str = Field(min_length=1, max_length=5000)
    client_id: str = Field(
        min_length=1,
        max_length=64,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="Your id of the message: sending it again stores it once.",
    )
    note: bool = Field(default=False, description="An internal note the customer never sees.")


class AssignIn(Schema):
    agent: UUID | None = Field(default=None, description="An agent of the chat's team.")
    team: UUID | None = Field(default=None, description="A team: the chat waits in its queue.")
