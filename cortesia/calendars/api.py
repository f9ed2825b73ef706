"""REST endpoints for business calendars, their deadlines and open intervals."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from cortesia.calendars.conversion import business_calendar
from cortesia.calendars.models import Calendar
from cortesia.calendars.schemas import (
    CalendarCreateIn,
    CalendarOut,
    CalendarPageOut,
    CalendarUpdateIn,
    DeadlineOut,
    IntervalOut,
)
from cortesia.calendars.selectors import calendar_get, calendar_list
from cortesia.calendars.services import calendar_create, calendar_update
from cortesia.core.actor import Actor
from cortesia.core.api_input import ApiDateTime
from cortesia.core.errors import DomainError
from cortesia.core.pagination import DEFAULT_LIMIT, paginate
from cortesia.culture.business_time import add_business_time, open_intervals

router = Router(tags=["calendars"])
MAX_MINUTES = 60 * 24 * 366
MAX_RANGE = timedelta(days=366)


def _out(calendar: Calendar) -> CalendarOut:
    return CalendarOut.model_validate(calendar, from_attributes=True)


def _payload_json(payload: CalendarCreateIn | CalendarUpdateIn) -> dict[str, Any]:
    data = payload.model_dump(exclude_unset=True, mode="json")
    if data.get("weekly") is not None:
        data["weekly"] = {
            day: [list(pair) for pair in pairs] for day, pairs in data["weekly"].items()
        }
    return data


def _aware(value: datetime, name: str) -> datetime:
    if value.tzinfo is None:
        raise DomainError(
            _("%(name)s must include a time zone offset, e.g. 2026-03-02T09:00Z.") % {"name": name},
            code="naive_datetime",
        )
    return value


@router.get("/calendars", response=CalendarPageOut, summary="List business calendars")
def calendars_list(
    request: HttpRequest, cursor: Query[str | None] = None, limit: int = DEFAULT_LIMIT
) -> CalendarPageOut:
    page = paginate(calendar_list(), cursor=cursor, limit=limit, serialize=_out)
    return CalendarPageOut(items=list(page.items), next_cursor=page.next_cursor)


@router.post(
    "/calendars",
    response={201: CalendarOut},
    summary="Create a business calendar (admins, managers)",
)
def calendars_create(request: HttpRequest, payload: CalendarCreateIn) -> Status[CalendarOut]:
    data = _payload_json(payload)
    calendar = calendar_create(actor=Actor.from_request(request), **data)
    return Status(201, _out(calendar))


@router.get("/calendars/{uid}", response=CalendarOut, summary="One business calendar")
def calendars_get(request: HttpRequest, uid: str) -> CalendarOut:
    return _out(calendar_get(uid=uid))


@router.patch(
    "/calendars/{uid}",
    response=CalendarOut,
    summary="Change a business calendar (admins, managers)",
)
def calendars_update(request: HttpRequest, uid: str, payload: CalendarUpdateIn) -> CalendarOut:
    calendar = calendar_update(
        calendar=calendar_get(uid=uid), actor=Actor.from_request(request), **_payload_json(payload)
    )
    return _out(calendar)


@router.get(
    "/calendars/{uid}/deadline",
    response=DeadlineOut,
    summary="When N minutes of business time after start have elapsed",
)
def calendars_deadline(
    request: HttpRequest, uid: str, start: ApiDateTime, minutes: int
) -> DeadlineOut:
    if not 0 <= minutes <= MAX_MINUTES:
        raise DomainError(
            _("minutes must be between 0 and %(max)d.") % {"max": MAX_MINUTES},
            code="invalid_minutes",
        )
    calendar = business_calendar(calendar_get(uid=uid))
    try:
        due = add_business_time(calendar, _aware(start, "start"), timedelta(minutes=minutes))
    except ValueError as error:
        raise DomainError(str(error), code="no_open_time") from None
    return DeadlineOut(due=due)


@router.get(
    "/calendars/{uid}/open-intervals",
    response=list[IntervalOut],
    summary="Open intervals between start and end, in UTC",
)
def calendars_open_intervals(
    request: HttpRequest, uid: str, start: ApiDateTime, end: ApiDateTime
) -> list[IntervalOut]:
    first, last = _aware(start, "start"), _aware(end, "end")
    if not timedelta(0) <= last - first <= MAX_RANGE:
        raise DomainError(
            _("end must be after start and at most 366 days later."), code="invalid_range"
        )
    calendar = business_calendar(calendar_get(uid=uid))
    return [IntervalOut(start=a, end=b) for a, b in open_intervals(calendar, first, last)]
