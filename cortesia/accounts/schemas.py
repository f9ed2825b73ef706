"""Input and output shapes of the accounts API."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from ninja import Schema
from pydantic import Field, StrictBool

from cortesia.accounts.models import Role
from cortesia.core.api_input import InputSchema


class UserOut(Schema):
    uid: UUID
    username: str
    email: str
    first_name: str
    last_name: str
    role: Role
    language: str
    time_zone: str
    is_active: bool
    has_two_factor: bool
    created_at: datetime


class UserPageOut(Schema):
    items: list[UserOut]
    next_cursor: str | None


class UserCreateIn(InputSchema):
    username: str = Field(min_length=1, max_length=150, pattern=r"^[\w.@+-]+$")
    email: str = Field(max_length=254)
    role: Role = Role.AGENT
    first_name: str = Field(default="", max_length=150)
    last_name: str = Field(default="", max_length=150)
    language: str = Field(default="", max_length=10)
    time_zone: str = Field(default="", max_length=64)


class UserUpdateIn(InputSchema):
    role: Role | None = None
    email: str | None = Field(default=None, max_length=254)
    first_name: str | None = Field(default=None, max_length=150)
    last_name: str | None = Field(default=None, max_length=150)
    language: str | None = Field(default=None, max_length=10)
    time_zone: str | None = Field(default=None, max_length=64)
    is_active: StrictBool | None = None


class TeamMemberOut(Schema):
    uid: UUID
    username: str


class TeamOut(Schema):
    uid: UUID
    name: str
    languages: list[str]
    skills: list[str]
    time_zone: str
    calendar: UUID | None
    members: list[TeamMemberOut]
    created_at: datetime


class TeamPageOut(Schema):
    items: list[TeamOut]
    next_cursor: str | None


class TeamCreateIn(InputSchema):
    name: str = Field(min_length=1, max_length=100)
    languages: list[str] = Field(default_factory=list, max_length=20)
    time_zone: str = Field(default="UTC", max_length=64)
    skills: list[str] = Field(default_factory=list, max_length=50)


class TeamUpdateIn(InputSchema):
    calendar: UUID | None = Field(default=None, description="A calendar's uid; null removes it.")
    name: str | None = Field(default=None, min_length=1, max_length=100)
    languages: list[str] | None = Field(default=None, max_length=20)
    time_zone: str | None = Field(default=None, max_length=64)
    skills: list[str] | None = Field(default=None, max_length=50)
