"""Input and output shapes of the tickets API."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from ninja import Schema
from pydantic import Field

from cortesia.core.api_input import ApiDateTime, DbInt, InputSchema


class MessageIn(InputSchema):
    body_html: str = Field(default="", max_length=400_000)
    body_text: str = Field(default="", max_length=200_000)
    kind: str = "reply"
    author: str = "agent"
    call_direction: str = ""
    call_seconds: DbInt | None = None
    attachments: list[UUID] = Field(
        default_factory=list,
        max_length=20,
        description="Uploads of this ticket (POST /tickets/{uid}/attachments) to send with it.",
    )


class TicketCreateIn(InputSchema):
    """Fields a client may set; anything else in the body is ignored."""

    subject: str = Field(max_length=300)
    customer: UUID
    message: MessageIn
    channel: str = "api"
    priority: str = "normal"
    team: UUID | None = None
    assignee: UUID | None = None
    language: str = Field(default="", max_length=10)
    tags: list[str] = Field(default_factory=list, max_length=50)
    created_at: ApiDateTime | None = None


class TicketUpdateIn(InputSchema):
    subject: str | None = Field(default=None, max_length=300)
    status: str | None = None
    priority: str | None = None
    team: UUID | None = None
    assignee: UUID | None = None
    language: str | None = Field(default=None, max_length=10)
    tags: list[str] | None = Field(default=None, max_length=50)


class SlaOut(Schema):
    target: str
    state: str
    due_at: datetime | None
    warn_due_at: datetime | None
    breached_at: datetime | None
    spent_seconds: int


class TicketOut(Schema):
    uid: UUID
    number: int
    subject: str
    status: str
    priority: str
    channel: str
    customer: UUID
    team: UUID | None
    assignee: str | None
    language: str
    tags: list[str]
    skills: list[str]
    version: int
    first_response_at: datetime | None
    solved_at: datetime | None
    agent_reply_count: int
    customer_reply_count: int
    reopen_count: int
    sla: list[SlaOut]
    created_at: datetime
    updated_at: datetime


class TicketPageOut(Schema):
    items: list[TicketOut]
    next_cursor: str | None


class AttachmentOut(Schema):
    uid: UUID
    filename: str
    content_type: str
    size: int
    sha256: str
    type_mismatch: bool = Field(description="The first bytes contradict the declared type")
    scan: str = Field(
        description="Malware scan: clean, infected (kept, but downloaded only by an "
        "administrator with override=true) or not_scanned (no scanner could judge it)"
    )
    message: UUID | None = Field(description="None while the upload waits for a message")
    download: str = Field(description="API path of the file (a download)")


class MessageOut(Schema):
    uid: UUID
    kind: str
    author: str
    call_direction: str
    call_seconds: int | None
    author_name: str | None
    body_html: str
    body_text: str
    attachments: list[AttachmentOut]
    created_at: datetime
    delivery: str = Field(
        description='The e-mail carrying this reply: "queued", "sent", "failed", or "" when '
        "it is not mailed."
    )
    delivery_detail: str = Field(description="Why a mail is retried or failed.")


class MessagePageOut(Schema):
    items: list[MessageOut]
    next_cursor: str | None


class SavedViewIn(InputSchema):
    """A view to save: ``query`` is the inbox's query string ("status=any&q=rimborso"), kept
    to the inbox's own parameters; ``team`` shares it with a team you manage."""

    name: str = Field(max_length=80)
    query: str = Field(default="", max_length=2000)
    team: UUID | None = None


class SavedViewRenameIn(InputSchema):
    name: str = Field(max_length=80)


class SavedViewOut(Schema):
    """A saved view; ``count`` is how many tickets you see through it, up to 1,001 (more
    than 1,000)."""

    uid: UUID
    name: str
    team: UUID | None
    query: str
    count: int
    can_change: bool
