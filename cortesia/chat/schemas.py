"""Request and answer shapes of ``/api/v1/conversations``."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Schema

ConversationStatus = Literal["waiting", "active", "ended"]


class ChatPartyOut(Schema):
    uid: UUID
    name: str


class ConversationOut(Schema):
    uid: UUID
    status: ConversationStatus
    medium: Literal["widget", "whatsapp", "telegram"] = Field(
        description="Where the customer writes from: the site's widget or a messaging app."
    )
    language: str
    ticket: UUID
    ticket_number: int
    customer: ChatPartyOut
    team: ChatPartyOut | None
    assignee: ChatPartyOut | None
    queued_at: datetime | None
    ended_at: datetime | None
    created_at: datetime
    unread: int = Field(description="The customer's messages no agent has read yet.")


class ConversationPageOut(Schema):
    items: list[ConversationOut]
    next_cursor: str | None


class ChatFileOut(Schema):
    name: str
    size: int | None = None
    url: str | None = Field(default=None, description="The download, for staff.")
    received: bool = Field(description="False: the provider could not give the file.")


class ChatMessageOut(Schema):
    id: int = Field(description="The event id: ask for messages after it to continue.")
    kind: Literal["message", "note"]
    internal: bool
    author: Literal["visitor", "agent", "system"]
    name: str
    text: str
    at: datetime
    client_id: str
    files: list[ChatFileOut] = Field(default_factory=list)


class ChatMessageListOut(Schema):
    items: list[ChatMessageOut]
    after: int = Field(description="Pass as ?after= to get the next messages.")


class ChatMessageIn(Schema):
    text: str = Field(min_length=1, max_length=5000)
    client_id: str = Field(
        min_length=1,
        max_length=64,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="Your id of the message: sending it again stores it once.",
    )
    note: bool = Field(default=False, description="An internal note the customer never sees.")


class ChatAssignIn(Schema):
    agent: UUID | None = Field(default=None, description="An agent of the chat's team.")
    team: UUID | None = Field(default=None, description="A team: the chat waits in its queue.")
