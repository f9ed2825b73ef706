"""Input and output shapes of the customers API."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field, StrictBool, StrictInt

from cortesia.core.api_input import DB_INT_MAX, ApiDateTime, DbInt, InputSchema


class AddressAsOut(Schema):
    greeting: str
    closing: str
    name: str


class PhoneOut(Schema):
    e164: str
    region: str
    time_zone: str


class CustomerOut(Schema):
    uid: UUID
    given_name: str
    given_name2: str
    surname: str
    surname2: str
    title: str
    credentials: str
    country: str
    subdivision: str
    language: str
    language_source: str
    register_preference: str
    time_zone: str
    currency: str
    preferred_channel: str
    contact_hours: str
    tags: list[str]
    external_ids: dict[str, str]
    custom_fields: dict[str, str | int | float]
    organization: UUID | None
    emails: list[str]
    phones: list[PhoneOut]
    version: int
    address_as: AddressAsOut | None
    created_at: datetime
    updated_at: datetime


class CustomerPageOut(Schema):
    items: list[CustomerOut]
    next_cursor: str | None


class CustomerIn(InputSchema):
    """Fields a client may set; anything else in the body is ignored."""

    given_name: str | None = Field(default=None, max_length=150)
    given_name2: str | None = Field(default=None, max_length=150)
    surname: str | None = Field(default=None, max_length=150)
    surname2: str | None = Field(default=None, max_length=150)
    title: str | None = Field(default=None, max_length=10)
    credentials: str | None = Field(default=None, max_length=100)
    country: str | None = Field(default=None, max_length=2)
    subdivision: str | None = Field(default=None, max_length=10)
    language: str | None = Field(default=None, max_length=10)
    register_preference: str | None = Field(default=None, max_length=10)
    time_zone: str | None = Field(default=None, max_length=64)
    currency: str | None = Field(default=None, max_length=3)
    preferred_channel: str | None = Field(default=None, max_length=10)
    contact_hours: str | None = Field(default=None, max_length=20)
    tags: list[str] | None = Field(default=None, max_length=50)
    external_ids: dict[str, str] | None = None
    emails: list[str] | None = Field(default=None, max_length=20)
    phones: list[str] | None = Field(default=None, max_length=20)
    custom_fields: dict[str, str | int | float | None] | None = None
    organization: str | None = Field(default=None, max_length=36)


class TimelineEventOut(Schema):
    kind: str
    occurred_at: datetime
    actor: str | None
    data: dict[str, object]


class TimelinePageOut(Schema):
    items: list[TimelineEventOut]
    next_cursor: str | None


class OrderLineSchema(InputSchema):
    sku: str = Field(default="", max_length=100)
    name: str = Field(min_length=1, max_length=200)
    category: str = Field(default="", max_length=100)
    quantity: DbInt
    unit_price: Decimal


class OrderIn(InputSchema):
    customer: UUID
    number: str = Field(min_length=1, max_length=100)
    source: str = Field(default="api", min_length=1, max_length=50)
    placed_at: ApiDateTime
    currency: str = Field(min_length=3, max_length=3)
    total: Decimal
    status: str = "placed"
    lines: list[OrderLineSchema] = Field(default_factory=list, max_length=500)


class OrderStatusIn(InputSchema):
    status: str


class OrderOut(Schema):
    uid: UUID
    customer: UUID
    number: str
    source: str
    placed_at: datetime
    currency: str
    total: Decimal
    status: str
    lines: list[OrderLineSchema]


class OrderPageOut(Schema):
    items: list[OrderOut]
    next_cursor: str | None


class ConsentIn(InputSchema):
    purpose: str
    channel: str
    status: str
    source: str = "api"
    text_shown: str = Field(default="", max_length=10_000)


class ConsentOut(Schema):
    purpose: str
    channel: str
    status: str
    source: str
    text_shown: str
    recorded_at: datetime
    actor: str | None


class ConsentsOut(Schema):
    current: list[ConsentOut]
    history: list[ConsentOut]


class MergeIn(InputSchema):
    duplicate: UUID


class SegmentIn(InputSchema):
    name: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=2000)
    rules: dict[str, Any] | None = None


class SegmentOut(Schema):
    uid: UUID
    name: str
    description: str
    rules: dict[str, Any]
    version: int
    created_at: datetime
    updated_at: datetime


class SegmentPageOut(Schema):
    items: list[SegmentOut]
    next_cursor: str | None


class RulesIn(InputSchema):
    rules: dict[str, Any]


class CountOut(Schema):
    count: int


class PreviewOut(Schema):
    count: int
    items: list[CustomerOut]


class CustomFieldIn(InputSchema):
    key: str | None = Field(default=None, max_length=50)
    label: str | None = Field(default=None, max_length=100)
    field_type: str | None = Field(default=None, max_length=10)
    choices: list[str] | None = Field(default=None, max_length=200)
    is_active: StrictBool | None = None
    position: StrictInt | None = Field(default=None, ge=0, le=DB_INT_MAX)


class CustomFieldOut(Schema):
    uid: UUID
    key: str
    label: str
    field_type: str
    choices: list[str]
    is_active: bool
    position: int


class OrganizationIn(InputSchema):
    name: str | None = Field(default=None, max_length=200)
    country: str | None = Field(default=None, max_length=2)
    calendar: UUID | None = None


class OrganizationOut(Schema):
    uid: UUID
    name: str
    country: str
    calendar: UUID | None
    created_at: datetime


class OrganizationPageOut(Schema):
    items: list[OrganizationOut]
    next_cursor: str | None


class ImportErrorOut(Schema):
    line: int
    field: str
    message: str


class ImportOut(Schema):
    uid: UUID
    kind: str
    source: str
    is_dry_run: bool
    status: str
    file_name: str
    total_rows: int | None
    processed_rows: int
    created_count: int
    updated_count: int
    unchanged_count: int
    error_count: int
    errors: list[ImportErrorOut]
    failure: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class ImportPageOut(Schema):
    items: list[ImportOut]
    next_cursor: str | None


class ContactWindowOut(Schema):
    at: datetime = Field(description="The first instant the customer may be written to (UTC).")
    time_zone: str
    zone_source: Literal["customer", "country", "phone", "default"] = Field(
        description="Where the zone came from: the profile, the country's only zone, the "
        "phone number's region, or the business default."
    )
    window_start: str = Field(description="The local hours used, from (HH:MM).")
    window_end: str = Field(description="The local hours used, until (HH:MM).")
