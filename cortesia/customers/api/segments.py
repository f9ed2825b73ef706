"""REST endpoints for segments: saved rule sets, their live count and a preview."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Header, Query, Router, Status

from cortesia.accounts.api_auth import api_user
from cortesia.core.actor import Actor
from cortesia.core.etags import expected_version
from cortesia.core.pagination import DEFAULT_LIMIT, paginate
from cortesia.customers.api.customers import customer_out
from cortesia.customers.models import Segment
from cortesia.customers.schemas import (
    CountOut,
    PreviewOut,
    RulesIn,
    SegmentIn,
    SegmentOut,
    SegmentPageOut,
)
from cortesia.customers.segments import (
    SegmentData,
    segment_create,
    segment_delete,
    segment_get,
    segment_list,
    segment_preview,
    segment_update,
)
from cortesia.localization.selectors import business_register_defaults

router = Router(tags=["segments"])
PREVIEW_SIZE = 20


def _out(segment: Segment) -> SegmentOut:
    return SegmentOut.model_validate(segment, from_attributes=True)


def _preview(request: HttpRequest, rules: dict[str, Any]) -> PreviewOut:
    count, first = segment_preview(viewer=api_user(request), rules=rules, size=PREVIEW_SIZE)
    registers = business_register_defaults()
    return PreviewOut(count=count, items=[customer_out(c, registers) for c in first])


@router.get("/segments", response=SegmentPageOut, summary="List segments")
def segments_list(
    request: HttpRequest, cursor: Query[str | None] = None, limit: int = DEFAULT_LIMIT
) -> SegmentPageOut:
    page = paginate(
        segment_list(viewer=api_user(request)), cursor=cursor, limit=limit, serialize=_out
    )
    return SegmentPageOut(items=list(page.items), next_cursor=page.next_cursor)


@router.post("/segments", response={201: SegmentOut}, summary="Save a segment (admins, marketers)")
def segments_create(
    request: HttpRequest, response: HttpResponse, payload: SegmentIn
) -> Status[SegmentOut]:
    api_user(request)
    segment = segment_create(
        data=SegmentData(**payload.model_dump(exclude_unset=True)),
        actor=Actor.from_request(request),
    )
    response["ETag"] = f'W/"{segment.version}"'
    return Status(201, _out(segment))


@router.post("/segments/count", response=CountOut, summary="Count the customers of unsaved rules")
def segments_count_rules(request: HttpRequest, payload: RulesIn) -> CountOut:
    return CountOut(count=segment_preview(viewer=api_user(request), rules=payload.rules, size=0)[0])


@router.post(
    "/segments/preview",
    response=PreviewOut,
    summary="Count and the newest 20 customers of unsaved rules",
)
def segments_preview_rules(request: HttpRequest, payload: RulesIn) -> PreviewOut:
    return _preview(request, payload.rules)


@router.get("/segments/{uid:uid}", response=SegmentOut, summary="One segment")
def segments_get(request: HttpRequest, response: HttpResponse, uid: str) -> SegmentOut:
    segment = segment_get(viewer=api_user(request), uid=uid)
    response["ETag"] = f'W/"{segment.version}"'
    return _out(segment)


@router.patch(
    "/segments/{uid:uid}",
    response=SegmentOut,
    summary="Change a segment; send If-Match to refuse stale writes (409)",
)
def segments_update(
    request: HttpRequest,
    response: HttpResponse,
    uid: str,
    payload: SegmentIn,
    if_match: Header[str | None] = None,
) -> SegmentOut:
    segment = segment_update(
        segment=segment_get(viewer=api_user(request), uid=uid),
        data=SegmentData(**payload.model_dump(exclude_unset=True)),
        expected_version=expected_version(if_match),
        actor=Actor.from_request(request),
    )
    response["ETag"] = f'W/"{segment.version}"'
    return _out(segment)


@router.delete("/segments/{uid:uid}", response={204: None}, summary="Delete a segment")
def segments_delete(request: HttpRequest, uid: str) -> Status[None]:
    segment_delete(
        segment=segment_get(viewer=api_user(request), uid=uid), actor=Actor.from_request(request)
    )
    return Status(204, None)


@router.get("/segments/{uid:uid}/count", response=CountOut, summary="Live count of a segment")
def segments_count(request: HttpRequest, uid: str) -> CountOut:
    viewer = api_user(request)
    rules = segment_get(viewer=viewer, uid=uid).rules
    return CountOut(count=segment_preview(viewer=viewer, rules=rules, size=0)[0])


@router.get(
    "/segments/{uid:uid}/preview",
    response=PreviewOut,
    summary="Count and the newest 20 customers of a segment",
)
def segments_preview(request: HttpRequest, uid: str) -> PreviewOut:
    return _preview(request, segment_get(viewer=api_user(request), uid=uid).rules)
