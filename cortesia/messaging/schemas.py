"""Shapes of the messaging channels API. Secrets are accepted on the way in and never
returned: the answers say only whether each one is stored."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field

ChannelKind = Literal["whatsapp", "telegram"]

SIGNING_HELP = (
    "WhatsApp: the Meta app's secret, which signs each delivery. Telegram: the webhook's "
    "secret token (1-256 of A-Z a-z 0-9 _ -); made at random when a bot is created without one."
)
ACCESS_HELP = (
    "WhatsApp: a permanent access token of a system user. Telegram: the bot token "
    "(123456:ABC-DEF…)."
)
VERIFY_HELP = (
    "WhatsApp only (ignored for Telegram): the token Meta sends to check the callback URL; "
    "made at random when a number is created without one."
)


class MessagingChannelOut(Schema):
    uid: UUID
    kind: str
    name: str
    account: str = Field(description="WhatsApp's phone number ID; empty for Telegram.")
    team: UUID | None
    default_language: str
    is_enabled: bool
    answer_bot: bool = Field(description="The answer bot answers first, from the articles.")
    webhook_url: str = Field(description="The address to give the provider.")
    has_signing_secret: bool
    has_access_token: bool
    has_verify_token: bool
    created_at: datetime
    updated_at: datetime


class MessagingChannelPageOut(Schema):
    items: list[MessagingChannelOut]
    next_cursor: str | None


class MessagingChannelCreateIn(Schema):
    kind: ChannelKind
    name: str = Field(min_length=1, max_length=100)
    account: str = Field(
        default="",
        max_length=100,
        description="WhatsApp: the phone number ID (digits only), required. Ignored for Telegram.",
    )
    team: UUID | None = None
    default_language: str | None = Field(
        default=None,
        min_length=2,
        max_length=16,
        examples=["it"],
        description="One of the site's languages; the site's default when not given.",
    )
    signing_secret: str | None = Field(
        default=None, min_length=1, max_length=1000, description=SIGNING_HELP
    )
    access_token: str | None = Field(
        default=None, min_length=1, max_length=1000, description=ACCESS_HELP
    )
    verify_token: str | None = Field(
        default=None, min_length=1, max_length=1000, description=VERIFY_HELP
    )
    is_enabled: bool = True
    answer_bot: bool = Field(
        default=False, description="The answer bot answers first, from the articles."
    )


class MessagingChannelUpdateIn(Schema):
    kind: ChannelKind | None = Field(
        default=None, description="Fixed at creation: only the channel's own provider is accepted."
    )
    name: str | None = Field(default=None, min_length=1, max_length=100)
    account: str | None = Field(default=None, max_length=100)
    team: UUID | None = Field(default=None, description="null removes the team.")
    default_language: str | None = Field(default=None, min_length=2, max_length=16)
    signing_secret: str | None = Field(
        default=None, min_length=1, max_length=1000, description=SIGNING_HELP
    )
    access_token: str | None = Field(
        default=None, min_length=1, max_length=1000, description=ACCESS_HELP
    )
    verify_token: str | None = Field(
        default=None, min_length=1, max_length=1000, description=VERIFY_HELP
    )
    is_enabled: bool | None = Field(default=None, description="false disables the channel.")
    answer_bot: bool | None = Field(
        default=None, description="true: the answer bot answers first, from the articles."
    )
