"""What every REST endpoint accepts: public ids in paths, JSON objects as bodies.

* A path segment written ``{uid:name}`` matches only a UUID (any letter case), so an id
  that is not one never reaches a lookup: it is "not there" (404) like a missing object.
* Input schemas derive from :class:`InputSchema`, which refuses a body that is not a
  JSON object (a number, a string, a list) with 422 instead of reading it as "no field
  given", which would make a PATCH a silent no-op.
* Whole numbers stored in the database are :data:`DbInt` (32 bits, PostgreSQL's
  ``integer``; SQLite stops at 64), moments and dates are :data:`ApiDateTime` and
  :data:`ApiDate` (ISO text, years 1900–8999), so time arithmetic near year 1 or 9999
  never overflows, and wall-clock times are :data:`LocalTime`. All answer 422.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated, Any

from django.urls import register_converter
from ninja import Schema
from ninja.schema import DjangoGetter
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Field,
    StrictInt,
    model_validator,
)

UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


class UidConverter:
    """A public id in a URL, passed on as the text it is (selectors parse it)."""

    regex = UUID_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: object) -> str:
        return str(value)


register_converter(UidConverter, "uid")


class InputSchema(Schema):
    """Base of every request body: the body, and each nested object, must be an object."""

    @model_validator(mode="before")
    @classmethod
    def _require_object(cls, value: Any) -> Any:
        given = value._obj if isinstance(value, DjangoGetter) else value  # Schema's wrapper
        if not isinstance(given, dict | BaseModel):
            raise ValueError("must be a JSON object")  # noqa: TRY004 - pydantic wants ValueError
        return value


DB_INT_MAX = 2**31 - 1
DbInt = Annotated[StrictInt, Field(ge=-DB_INT_MAX - 1, le=DB_INT_MAX)]
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 1, 1, tzinfo=UTC)


def _not_a_number(value: Any) -> Any:
    # Pydantic would read 0 as 1970-01-01: a date or a moment is written as text.
    if isinstance(value, int | float):
        raise ValueError("must be written as ISO 8601 text")  # noqa: TRY004 - for pydantic
    return value


def _in_range(value: datetime) -> datetime:
    compared = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if not EARLIEST <= compared < LATEST:
        raise ValueError("must be between the years 1900 and 8999")
    return value


def _date_in_range(value: date) -> date:
    if not EARLIEST.date() <= value < LATEST.date():
        raise ValueError("must be between the years 1900 and 8999")
    return value


def _local(value: time) -> time:
    if value.tzinfo is not None:
        raise ValueError("must be a local time, without an offset")
    return value


def _instant_text(value: Any) -> Any:
    # In a query string every value is text: "1234" would be read as seconds since 1970.
    if isinstance(value, str) and value.strip().lstrip("-").replace(".", "", 1).isdigit():
        raise ValueError("must be written as ISO 8601 text")
    return _not_a_number(value)


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("must include its offset from UTC, e.g. +03:00 or Z")
    return value


ApiDateTime = Annotated[datetime, BeforeValidator(_not_a_number), AfterValidator(_in_range)]
# An instant: ISO 8601 text with its offset (a query parameter such as ``after``).
ApiInstant = Annotated[
    datetime, BeforeValidator(_instant_text), AfterValidator(_in_range), AfterValidator(_aware)
]
ApiDate = Annotated[date, BeforeValidator(_not_a_number), AfterValidator(_date_in_range)]
# A wall-clock time in a zone named elsewhere (an agent's shift, a calendar's hours).
LocalTime = Annotated[time, BeforeValidator(_not_a_number), AfterValidator(_local)]
