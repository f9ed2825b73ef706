"""Organizations customers belong to: their country, mail domains and business calendar
(SLA policies that follow the organization's calendar read ``Organization.calendar``).
Every change is audited."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from cortesia.accounts.models import User
from cortesia.audit.models import AuditEvent
from cortesia.audit.services import JsonValue, audit_record
from cortesia.calendars.models import Calendar
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors, NotFound
from cortesia.customers.models import Customer, Organization
from cortesia.customers.permissions import can_view_customers, require_customer_editor
from cortesia.customers.validation import ProfileCheck, check_country

MAX_DOMAINS = 20
DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


@dataclass
class OrganizationData:
    name: str | None = None
    country: str | None = None
    calendar: Calendar | None = None
    clear_calendar: bool = False
    domains: list[str] | None = None


def organization_list(*, viewer: User, query: str = "") -> QuerySet[Organization]:
    if not can_view_customers(viewer):
        return Organization.objects.none()
    organizations = Organization.objects.select_related("calendar")
    return organizations.filter(name__icontains=query.strip()) if query.strip() else organizations


def organization_list_with_counts(*, viewer: User, query: str = "") -> QuerySet[Organization]:
    """Return the organizations as :func:`organization_list`, each with ``customer_count``
    (its customers not merged away), in one query."""
    return organization_list(viewer=viewer, query=query).annotate(
        customer_count=Count("customers", filter=Q(customers__merged_into__isnull=True))
    )


def organization_get(*, viewer: User, uid: str) -> Organization:
    try:
        return organization_list(viewer=viewer).get(uid=uuid.UUID(uid))
    except (ValueError, Organization.DoesNotExist):
        raise NotFound("organization") from None


def organization_customers(*, viewer: User, organization: Organization) -> QuerySet[Customer]:
    """Return the organization's customers ``viewer`` may see (not merged away), by name."""
    if not can_view_customers(viewer):
        return Customer.objects.none()
    return Customer.objects.filter(organization=organization, merged_into__isnull=True).order_by(
        "surname", "given_name", "id"
    )


def _checked_domains(check: ProfileCheck, domains: list[str]) -> list[str]:
    cleaned = list(dict.fromkeys(d.strip().lower().removeprefix("@") for d in domains if d.strip()))
    for domain in cleaned:
        if not DOMAIN.match(domain):
            check.fail("domains", _("%(domain)s is not a mail domain.") % {"domain": domain[:100]})
            return cleaned
    if len(cleaned) > MAX_DOMAINS:
        check.fail("domains", _("Give at most %(count)d domains.") % {"count": MAX_DOMAINS})
    return cleaned


def _checked(data: OrganizationData, *, creating: bool) -> dict[str, object]:
    check = ProfileCheck()
    values: dict[str, object] = {}
    if data.name is not None or creating:
        name = " ".join((data.name or "").split())
        if not name:
            check.fail("name", _("Give the organization a name."))
        elif len(name) > 200:
            check.fail("name", _("Give a name of at most 200 characters."))
        values["name"] = name
    if data.country is not None:
        values["country"] = check_country(check, "country", data.country)
    if data.domains is not None:
        values["domains"] = _checked_domains(check, data.domains)
    if data.calendar is not None or data.clear_calendar:
        values["calendar"] = data.calendar
    check.raise_if_any()
    return values


def _state(organization: Organization) -> dict[str, JsonValue]:
    return {
        "name": organization.name,
        "country": organization.country,
        "domains": list(organization.domains or []),
        "calendar": str(organization.calendar.uid) if organization.calendar else None,
    }


def _audit(organization: Organization, actor: Actor, data: dict[str, JsonValue]) -> None:
    audit_record(
        action=AuditEvent.Action.SETTING_CHANGE,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type="organization",
        object_uid=str(organization.uid),
        object_label=organization.name,
        data=data,
    )


@transaction.atomic
def organization_create(*, data: OrganizationData, actor: Actor) -> Organization:
    """Create an organization. Raises Forbidden or FieldErrors (also for a name another
    organization has, whatever its case)."""
    require_customer_editor(actor)
    values = _checked(data, creating=True)
    # A second click on "Save" (or two people at once) must not make a twin.
    if Organization.objects.filter(name__iexact=values["name"]).exists():
        raise FieldErrors({"name": _("An organization with this name exists already.")})
    organization = Organization.objects.create(**values)
    _audit(organization, actor, {"created": _state(organization)})
    return organization


@transaction.atomic
def organization_update(
    *, organization: Organization, data: OrganizationData, actor: Actor
) -> Organization:
    """Change the given fields; audit what changed (nothing is written when nothing did).
    Raises Forbidden or FieldErrors."""
    require_customer_editor(actor)
    values = _checked(data, creating=False)
    before = _state(organization)
    for name, value in values.items():
        setattr(organization, name, value)
    after = _state(organization)
    changed = {name: [before[name], after[name]] for name in after if before[name] != after[name]}
    if not changed:
        return organization
    organization.save(update_fields=[*values, "updated_at"])
    _audit(organization, actor, changed)  # type: ignore[arg-type]
    return organization
