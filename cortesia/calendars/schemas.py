"""Shapes of the calendars API."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from ninja import Schema
from pydantic import Field

from cortesia.core.api_input import ApiDate

Pair = tuple[str, str]


class OverrideSchema(Schema):
    date: ApiDate
    intervals: list[Pair] = Field(default_factory=list, max_length=12)


class CalendarOut(Schema):
    uid: UUID
    name: str
    time_zone: str
    country: str
    subdivision: str
    weekly: dict[str, list[Pair]]
    overrides: list[OverrideSchema]
    created_at: datetime


class CalendarPageOut(Schema):
    items: list[CalendarOut]
    next_cursor: str | None


class CalendarCreateIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    time_zone: str = Field(max_length=64, examples=["Europe/Rome"])
    country: str = Field(default="", max_length=2, examples=["IT"])
    subdivision: str = Field(default="", max_length=10)
    weekly: dict[str, list[Pair]] | None = Field(
        default=None, description="Omitted: 09:00–17:00 on the country's working days."
    )
    overrides: list[OverrideSchema] = Field(default_factory=list, max_length=1000)


class CalendarUpdateIn(Schema):
    name: str | None = Field(default=None, min_length=1, max_length=100)
    time_zone: str | None = Field(default=None, max_length=64)
    country: str | None = Field(default=None, max_length=2)
    subdivision: str | None = Field(default=None, max_length=10)
    weekly: dict[str, list[Pair]] | None = None
    overrides: list[OverrideSchema] | None = Field(default=None, max_length=1000)


class DeadlineOut(Schema):
    due: datetime


class IntervalOut(Schema):
    start: datetime
    end: datetime
