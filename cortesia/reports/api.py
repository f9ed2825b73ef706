"""The metrics API: ``GET /api/v1/metrics`` and the catalogue of metrics and dimensions.

Both read only, so a read token suffices; the per-token rate limit of the whole API
applies. The parameters are those of the report pages (:mod:`cortesia.reports.inputs`):
a bad one is refused with 400 and a message per parameter, a metric the token's user may
not read with 403. Every row counts only what the user may see, as the pages do.

Labels, descriptions, notes and messages speak the request's language: the one of
``Accept-Language`` when the request sends it, else the user's saved language.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router

from cortesia.accounts.api_auth import api_user
from cortesia.accounts.models import User
from cortesia.core.errors import FieldErrors, Forbidden
from cortesia.reports.currency import reporting_currency
from cortesia.reports.dimensions import ALL as DIMENSIONS
from cortesia.reports.dimensions import labels
from cortesia.reports.engine import METRICS, Metric, Result, Unit, ensure_loaded, metric_run
from cortesia.reports.inputs import QueryErrors, query_parse
from cortesia.reports.permissions import require_metric_access
from cortesia.reports.schemas import (
    CatalogueOut,
    DimensionOut,
    MetricOut,
    MetricResultOut,
    MetricRowOut,
    MetricsQueryIn,
)

router = Router(tags=["reports"])


@contextmanager
def _request_language(request: HttpRequest, user: User) -> Iterator[str]:
    """Speak the request's Accept-Language, else the user's language, inside the block."""
    chosen = translation.get_language() or "en"
    if "Accept-Language" not in request.headers and user.language:
        chosen = user.language
    with translation.override(chosen):
        yield chosen


def _may_read(user: User, metric: Metric) -> bool:
    try:
        require_metric_access(user, metric)
    except Forbidden:
        return False
    return True


def result_out(result: Result, language: str) -> MetricResultOut:
    """The API's answer for ``result``, with the groups' names in ``language``."""
    query, metric = result.query, result.metric
    names: dict[str, str] = {}
    if query.group_by:
        keys = {row.group for row in result.rows if row.group is not None}
        names = labels(query.group_by, sorted(keys), language)
    return MetricResultOut(
        metric=metric.name,
        unit=metric.unit.value,
        columns=list(metric.columns),
        time_basis=query.time_basis.value,
        date_from=query.period.first,
        date_to=query.period.last,
        time_zone=query.period.zone.key,
        interval=query.period.interval.value or None,
        group_by=query.group_by or None,
        currency=reporting_currency() if metric.unit == Unit.MONEY else None,
        rows=[
            MetricRowOut(
                period=row.period,
                group=row.group,
                label=names.get(row.group) if row.group is not None else None,
                values={column: row.values.get(column) for column in metric.columns},
            )
            for row in result.rows
        ],
        notes=[str(note) for note in result.notes],
    )


@router.get(
    "/metrics",
    response=MetricResultOut,
    by_alias=True,
    summary="One metric over a period, per interval and group",
)
def metrics_get(request: HttpRequest, params: Query[MetricsQueryIn]) -> MetricResultOut:
    user = api_user(request)
    with _request_language(request, user) as language:
        try:
            query = query_parse(params.parameters(), user, language=language)
        except QueryErrors as refused:
            raise FieldErrors(refused.errors) from None
        return result_out(metric_run(query, user), language)


@router.get(
    "/metrics/catalogue",
    response=CatalogueOut,
    summary="The metrics the user may read, and the dimensions",
)
def metrics_catalogue(request: HttpRequest) -> CatalogueOut:
    user = api_user(request)
    ensure_loaded()
    with _request_language(request, user):
        return CatalogueOut(
            metrics=[
                MetricOut(
                    name=metric.name,
                    label=str(metric.label),
                    description=str(metric.description),
                    area=metric.area.value,
                    unit=metric.unit.value,
                    columns=list(metric.columns),
                    dimensions=sorted(metric.dimensions),
                    business_time=metric.business_time,
                    timed=metric.timed,
                    higher_is_better=metric.higher_is_better,
                )
                for metric in sorted(METRICS.values(), key=lambda metric: metric.name)
                if _may_read(user, metric)
            ],
            dimensions=[
                DimensionOut(key=dimension.key, label=str(dimension.label))
                for dimension in DIMENSIONS.values()
            ],
        )
