"""The acquisition spend API: ``/api/v1/acquisition-spend``. Whoever sees customer
economics reads it (administrators, managers, marketers); administrators and managers
write it (the services refuse others with 403). An exact duplicate of a recorded row is
refused with 409, so a request sent twice records one row."""

from __future__ import annotations

from dataclasses import replace

from django.http import HttpRequest
from ninja import Query, Router, Status

from cortesia.core.actor import Actor
from cortesia.core.pagination import DEFAULT_LIMIT, paginate
from cortesia.reports.models import AcquisitionSpend
from cortesia.reports.schemas_spend import SpendIn, SpendOut, SpendPageOut, SpendUpdateIn
from cortesia.reports.spend import (
    SpendData,
    spend_create,
    spend_delete,
    spend_get,
    spend_list,
    spend_update,
)

router = Router(tags=["reports"])


def _out(row: AcquisitionSpend) -> SpendOut:
    return SpendOut.model_validate(row, from_attributes=True)


def _data(row: AcquisitionSpend) -> SpendData:
    return SpendData(
        row.starts_on, row.ends_on, row.channel, row.country, row.currency, row.amount, row.note
    )


@router.get(
    "/acquisition-spend",
    response=SpendPageOut,
    summary="List acquisition spend (administrators, managers, marketers)",
)
def spend_list_endpoint(
    request: HttpRequest, cursor: Query[str | None] = None, limit: int = DEFAULT_LIMIT
) -> SpendPageOut:
    rows = spend_list(actor=Actor.from_request(request))
    page = paginate(rows, cursor=cursor, limit=limit, serialize=_out)
    return SpendPageOut(items=list(page.items), next_cursor=page.next_cursor)


@router.post(
    "/acquisition-spend",
    response={201: SpendOut},
    summary="Record acquisition spend (administrators and managers); 409 for an exact duplicate",
)
def spend_create_endpoint(request: HttpRequest, payload: SpendIn) -> Status[SpendOut]:
    data = SpendData(**payload.model_dump())
    row = spend_create(data=data, actor=Actor.from_request(request))
    return Status(201, _out(row))


@router.get("/acquisition-spend/{uid:uid}", response=SpendOut, summary="One acquisition spend")
def spend_get_endpoint(request: HttpRequest, uid: str) -> SpendOut:
    return _out(spend_get(actor=Actor.from_request(request), uid=uid))


@router.patch(
    "/acquisition-spend/{uid:uid}",
    response=SpendOut,
    summary="Change acquisition spend (administrators and managers); only the fields given change",
)
def spend_update_endpoint(request: HttpRequest, uid: str, payload: SpendUpdateIn) -> SpendOut:
    actor = Actor.from_request(request)
    row = spend_get(actor=actor, uid=uid)
    given = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    return _out(spend_update(spend=row, data=replace(_data(row), **given), actor=actor))


@router.delete(
    "/acquisition-spend/{uid:uid}",
    response={204: None},
    summary="Delete acquisition spend (administrators and managers)",
)
def spend_delete_endpoint(request: HttpRequest, uid: str) -> Status[None]:
    actor = Actor.from_request(request)
    spend_delete(spend=spend_get(actor=actor, uid=uid), actor=actor)
    return Status(204, None)
