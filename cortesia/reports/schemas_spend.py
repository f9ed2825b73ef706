"""Shapes of ``/api/v1/acquisition-spend``. Codes are checked by the services (ISO 3166
country or "" for every country, ISO 4217 currency with rates); amounts are decimal text
or numbers with at most 2 decimals."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from ninja import Schema
from pydantic import Field

from cortesia.core.api_input import ApiDate, InputSchema


class SpendIn(InputSchema):
    starts_on: ApiDate = Field(description="The first day of the spend (included).")
    ends_on: ApiDate = Field(description="The last day of the spend (included).")
    channel: str = Field(min_length=1, max_length=100, examples=["search ads"])
    country: str = Field(
        default="", max_length=2, description='ISO 3166 code; "" for every country.'
    )
    currency: str = Field(min_length=3, max_length=3, examples=["EUR"])
    amount: Decimal = Field(ge=0, max_digits=18, decimal_places=2, examples=["1250.00"])
    note: str = Field(default="", max_length=300)


class SpendUpdateIn(InputSchema):
    """Only the fields given change."""

    starts_on: ApiDate | None = None
    ends_on: ApiDate | None = None
    channel: str | None = Field(default=None, min_length=1, max_length=100)
    country: str | None = Field(default=None, max_length=2)
    currency: str | None = Field(default=None, min_length=3, max_length=3)
    amount: Decimal | None = Field(default=None, ge=0, max_digits=18, decimal_places=2)
    note: str | None = Field(default=None, max_length=300)


class SpendOut(Schema):
    uid: UUID
    starts_on: date
    ends_on: date
    channel: str
    country: str
    currency: str
    amount: Decimal
    note: str
    created_at: datetime
    updated_at: datetime


class SpendPageOut(Schema):
    items: list[SpendOut]
    next_cursor: str | None
