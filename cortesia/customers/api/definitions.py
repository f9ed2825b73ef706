"""REST endpoints for organizations and the admin-defined custom fields."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from cortesia.accounts.api_auth import api_user
from cortesia.calendars.selectors import calendar_get
from cortesia.core.actor import Actor
from cortesia.core.pagination import DEFAULT_LIMIT, paginate
from cortesia.customers.custom_fields import (
    CustomFieldData,
    custom_field_create,
    custom_field_get,
    custom_field_list,
    custom_field_update,
)
from cortesia.customers.models import CustomField, Organization
from cortesia.customers.organizations import (
    OrganizationData,
    organization_create,
    organization_get,
    organization_list,
    organization_update,
)
from cortesia.customers.schemas import (
    CustomFieldIn,
    CustomFieldOut,
    OrganizationIn,
    OrganizationOut,
    OrganizationPageOut,
)

router = Router(tags=["customers"])


def _field_out(field: CustomField) -> CustomFieldOut:
    return CustomFieldOut.model_validate(field, from_attributes=True)


@router.get("/custom-fields", response=list[CustomFieldOut], summary="Custom profile fields")
def custom_fields_list(
    request: HttpRequest, include_inactive: bool = False
) -> list[CustomFieldOut]:
    api_user(request)
    return [_field_out(f) for f in custom_field_list(include_inactive=include_inactive)]


@router.post(
    "/custom-fields", response={201: CustomFieldOut}, summary="Define a custom field (admins)"
)
def custom_fields_create(request: HttpRequest, payload: CustomFieldIn) -> Status[CustomFieldOut]:
    api_user(request)
    field = custom_field_create(
        data=CustomFieldData(**payload.model_dump(exclude_unset=True)),
        actor=Actor.from_request(request),
    )
    return Status(201, _field_out(field))


@router.patch(
    "/custom-fields/{uid:uid}",
    response=CustomFieldOut,
    summary="Change a custom field's label, choices, order or activity (admins)",
)
def custom_fields_update(request: HttpRequest, uid: str, payload: CustomFieldIn) -> CustomFieldOut:
    api_user(request)
    field = custom_field_update(
        field=custom_field_get(uid=uid),
        data=CustomFieldData(**payload.model_dump(exclude_unset=True)),
        actor=Actor.from_request(request),
    )
    return _field_out(field)


def _organization_out(organization: Organization) -> OrganizationOut:
    return OrganizationOut(
        uid=organization.uid,
        name=organization.name,
        country=organization.country,
        calendar=organization.calendar.uid if organization.calendar else None,
        created_at=organization.created_at,
    )


def _organization_data(request: HttpRequest, payload: OrganizationIn) -> OrganizationData:
    given = payload.model_dump(exclude_unset=True)
    calendar_uid = given.pop("calendar", None)
    return OrganizationData(
        **given,
        calendar=calendar_get(uid=str(calendar_uid)) if calendar_uid else None,
        clear_calendar="calendar" in payload.model_fields_set and calendar_uid is None,
    )


@router.get("/organizations", response=OrganizationPageOut, summary="List organizations")
def organizations_list(
    request: HttpRequest,
    q: str = "",
    cursor: Query[str | None] = None,
    limit: int = DEFAULT_LIMIT,
) -> OrganizationPageOut:
    page = paginate(
        organization_list(viewer=api_user(request), query=q),
        cursor=cursor,
        limit=limit,
        serialize=_organization_out,
    )
    return OrganizationPageOut(items=list(page.items), next_cursor=page.next_cursor)


@router.post("/organizations", response={201: OrganizationOut}, summary="Create an organization")
def organizations_create(request: HttpRequest, payload: OrganizationIn) -> Status[OrganizationOut]:
    api_user(request)
    organization = organization_create(
        data=_organization_data(request, payload), actor=Actor.from_request(request)
    )
    return Status(201, _organization_out(organization))


@router.get("/organizations/{uid:uid}", response=OrganizationOut, summary="One organization")
def organizations_get(request: HttpRequest, uid: str) -> OrganizationOut:
    return _organization_out(organization_get(viewer=api_user(request), uid=uid))


@router.patch(
    "/organizations/{uid:uid}", response=OrganizationOut, summary="Change an organization"
)
def organizations_update(
    request: HttpRequest, uid: str, payload: OrganizationIn
) -> OrganizationOut:
    viewer = api_user(request)
    organization = organization_update(
        organization=organization_get(viewer=viewer, uid=uid),
        data=_organization_data(request, payload),
        actor=Actor.from_request(request),
    )
    return _organization_out(organization)
