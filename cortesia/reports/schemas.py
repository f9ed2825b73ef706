"""Input and output schemas of the metrics API.

The metric names and dimension keys are listed as enums in the OpenAPI description,
read from the registry when this module is imported (so every registered metric appears).
The query parameters stay plain strings to the validator: :mod:`cortesia.reports.inputs`
reads them, as it does for the pages and CSV links, and refuses each bad one with a
message that names it (400), the same words a page shows.

Numbers: counts are JSON integers; every other value (percentages, minutes, scores,
money, ratios) is a decimal string such as ``"12.5"``, as amounts are everywhere else in
the API, so no value loses digits to a binary float.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from cortesia.reports.dimensions import ALL as DIMENSIONS
from cortesia.reports.engine import METRICS, Area, TimeBasis, Unit, ensure_loaded
from cortesia.reports.periods import Interval

ensure_loaded()

METRIC_NAMES: list[str] = sorted(METRICS)
DIMENSION_NAMES: list[str] = list(DIMENSIONS)
INTERVALS: list[str] = [choice.value for choice in Interval]
TIME_BASES: list[str] = [choice.value for choice in TimeBasis]
UNITS: list[str] = [choice.value for choice in Unit]
AREAS: list[str] = [choice.value for choice in Area]


def _enum(values: list[str], *, nullable: bool = False) -> dict[str, Any]:
    """The JSON schema of a string field that takes one of ``values`` (or null)."""
    return {"enum": [*values, None] if nullable else list(values)}


class MetricsQueryIn(Schema):
    """The parameters of ``GET /api/v1/metrics`` (see :mod:`cortesia.reports.inputs`)."""

    metric: str = Field(max_length=100, json_schema_extra=_enum(METRIC_NAMES))
    group_by: str = Field(
        "",
        max_length=100,
        description="A dimension the metric supports (the catalogue lists them).",
        json_schema_extra=_enum(["", *DIMENSION_NAMES]),
    )
    date_from: str = Field(
        "",
        alias="from",
        max_length=100,
        description="First local day, YYYY-MM-DD. Default: 29 days before `to`.",
        json_schema_extra={"format": "date"},
    )
    date_to: str = Field(
        "",
        alias="to",
        max_length=100,
        description="Last local day (included), YYYY-MM-DD. Default: today in the time zone.",
        json_schema_extra={"format": "date"},
    )
    interval: str = Field(
        "",
        max_length=20,
        description="Rows per interval; empty: one row for the whole period. `week` starts "
        "on Monday (ISO), `locale_week` on the first weekday of the request's language.",
        json_schema_extra=_enum(INTERVALS),
    )
    time_basis: str = Field(
        "",
        max_length=20,
        description="Durations in calendar or business time. Default: calendar.",
        json_schema_extra=_enum(["", *TIME_BASES]),
    )
    tz: str = Field(
        "",
        max_length=100,
        description="IANA time zone of the day boundaries. Default: the user's.",
    )
    team: str | None = Field(None, max_length=100, description="Filter: a team's uid.")
    agent: str | None = Field(None, max_length=150, description="Filter: an agent's username.")
    channel: str | None = Field(None, max_length=100, description="Filter: a channel.")
    language: str | None = Field(None, max_length=35, description="Filter: a language code.")
    country: str | None = Field(None, max_length=2, description="Filter: an ISO country code.")
    segment: str | None = Field(None, max_length=100, description="Filter: a segment's uid.")
    priority: str | None = Field(None, max_length=100, description="Filter: a priority.")
    tag: str | None = Field(None, max_length=100, description="Filter: a tag.")
    survey_kind: str | None = Field(None, max_length=100, description="Filter: a survey kind.")
    created_by: str | None = Field(
        None, max_length=20, description="Filter: opened by `agent` or `customer`."
    )
    status: str | None = Field(None, max_length=100, description="Filter: a ticket status.")
    age: str | None = Field(None, max_length=20, description="Filter: an age bucket.")
    sla_target: str | None = Field(None, max_length=100, description="Filter: an SLA target.")

    def parameters(self) -> dict[str, str]:
        """The parameters as :func:`cortesia.reports.inputs.query_parse` reads them (by
        their URL names, filters only when given)."""
        given = self.model_dump(by_alias=True, exclude_none=True)
        return {name: str(value) for name, value in given.items()}


class MetricRowOut(Schema):
    period: date | None = Field(description="The interval's first day; null without interval.")
    group: str | None = Field(description='The group\'s key ("" unknown); null without group.')
    label: str | None = Field(description="The group's name in the request's language.")
    values: dict[str, int | Decimal | None] = Field(
        description="One value per column: counts as integers, the rest as decimal strings."
    )


class MetricResultOut(Schema):
    metric: str = Field(json_schema_extra=_enum(METRIC_NAMES))
    unit: str = Field(json_schema_extra=_enum(UNITS))
    columns: list[str] = Field(description="The value columns; the first is the headline.")
    time_basis: str = Field(json_schema_extra=_enum(TIME_BASES))
    # Built by name in Python, written as "from" and "to" in JSON (the route sets by_alias).
    date_from: date = Field(serialization_alias="from")
    date_to: date = Field(serialization_alias="to")
    time_zone: str
    interval: str | None = Field(json_schema_extra=_enum(INTERVALS[1:], nullable=True))
    group_by: str | None = Field(json_schema_extra=_enum(DIMENSION_NAMES, nullable=True))
    currency: str | None = Field(description="The reporting currency of money metrics.")
    rows: list[MetricRowOut]
    notes: list[str] = Field(description="What people should know about these numbers.")


class DimensionOut(Schema):
    key: str = Field(json_schema_extra=_enum(DIMENSION_NAMES))
    label: str


class MetricOut(Schema):
    name: str = Field(json_schema_extra=_enum(METRIC_NAMES))
    label: str
    description: str
    area: str = Field(json_schema_extra=_enum(AREAS))
    unit: str = Field(json_schema_extra=_enum(UNITS))
    columns: list[str]
    dimensions: list[str] = Field(
        description="The dimensions it groups and filters by.",
        json_schema_extra={"items": {"type": "string", **_enum(DIMENSION_NAMES)}},
    )
    business_time: bool = Field(description="Whether the time basis changes the answer.")
    timed: bool = Field(description="False: a snapshot of now; the period is ignored.")
    higher_is_better: bool | None


class CatalogueOut(Schema):
    metrics: list[MetricOut] = Field(description="The metrics the token's user may read.")
    dimensions: list[DimensionOut]
