"""Organizations customers belong to: their country and business calendar."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from cortesia.accounts.models import User
from cortesia.calendars.models import Calendar
from cortesia.core.actor import Actor
from cortesia.core.errors import NotFound
from cortesia.customers.models import Organization
from cortesia.customers.permissions import can_view_customers, require_customer_editor
from cortesia.customers.validation import ProfileCheck, check_country


@dataclass
class OrganizationData:
    name: str | None = None
    country: str | None = None
    calendar: Calendar | None = None
    clear_calendar: bool = False


def organization_list(*, viewer: User, query: str = "") -> QuerySet[Organization]:
    if not can_view_customers(viewer):
        return Organization.objects.none()
    organizations = Organization.objects.select_related("calendar")
    return organizations.filter(name__icontains=query.strip()) if query.strip() else organizations


def organization_get(*, viewer: User, uid: str) -> Organization:
    try:
        return organization_list(viewer=viewer).get(uid=uuid.UUID(uid))
    except (ValueError, Organization.DoesNotExist):
        raise NotFound("organization") from None


def _checked(data: OrganizationData, *, creating: bool) -> dict[str, object]:
    check = ProfileCheck()
    values: dict[str, object] = {}
    if data.name is not None or creating:
        name = " ".join((data.name or "").split())
        if not name:
            check.fail("name", _("Give the organization a name."))
        values["name"] = name
    if data.country is not None:
        values["country"] = check_country(check, "country", data.country)
    if data.calendar is not None or data.clear_calendar:
        values["calendar"] = data.calendar
    check.raise_if_any()
    return values


@transaction.atomic
def organization_create(*, data: OrganizationData, actor: Actor) -> Organization:
    """Create an organization. Raises Forbidden or FieldErrors."""
    require_customer_editor(actor)
    return Organization.objects.create(**_checked(data, creating=True))


@transaction.atomic
def organization_update(
    *, organization: Organization, data: OrganizationData, actor: Actor
) -> Organization:
    """Change the given fields. Raises Forbidden or FieldErrors."""
    require_customer_editor(actor)
    values = _checked(data, creating=False)
    for name, value in values.items():
        setattr(organization, name, value)
    organization.save(update_fields=[*values, "updated_at"])
    return organization
