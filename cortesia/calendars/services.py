"""Writes to business calendars; each one is validated by the culture engine and audited."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from cortesia.audit.models import AuditEvent
from cortesia.audit.services import JsonValue, audit_record
from cortesia.calendars.conversion import OverridesJson, WeeklyJson, build_calendar
from cortesia.calendars.models import Calendar
from cortesia.calendars.permissions import require_calendar_manager
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, DomainError
from cortesia.culture.countries import default_weekly


def _validate(
    *, time_zone: str, country: str, subdivision: str, weekly: WeeklyJson, overrides: OverridesJson
) -> None:
    try:
        build_calendar(
            time_zone=time_zone,
            country=country,
            subdivision=subdivision,
            weekly=weekly,
            overrides=overrides,
        )
    except ValueError as error:
        raise DomainError(str(error), code="invalid_calendar") from None


def _audit(action: AuditEvent.Action, calendar: Calendar, actor: Actor, fields: list[str]) -> None:
    audit_record(
        action=action,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type="calendar",
        object_uid=str(calendar.uid),
        object_label=calendar.name,
        data={"fields": list[JsonValue](fields)},
    )


@transaction.atomic
def calendar_create(
    *,
    name: str,
    time_zone: str,
    actor: Actor,
    country: str = "",
    subdivision: str = "",
    weekly: WeeklyJson | None = None,
    overrides: OverridesJson | None = None,
) -> Calendar:
    """Create a calendar; without ``weekly`` it opens 09:00–17:00 on the country's workdays.

    Raises Forbidden unless the actor is an administrator or a manager (or the system).
    """
    require_calendar_manager(actor)
    if Calendar.objects.filter(name__iexact=name).exists():
        raise Conflict(_("A calendar with this name already exists."))
    country = country.upper()
    if weekly is None:
        try:
            weekly = default_weekly(country or None)
        except ValueError as error:
            raise DomainError(str(error), code="invalid_calendar") from None
    overrides = overrides or []
    _validate(
        time_zone=time_zone,
        country=country,
        subdivision=subdivision,
        weekly=weekly,
        overrides=overrides,
    )
    calendar = Calendar.objects.create(
        name=name,
        time_zone=time_zone,
        country=country,
        subdivision=subdivision,
        weekly=weekly,
        overrides=overrides,
    )
    _audit(AuditEvent.Action.CALENDAR_CREATE, calendar, actor, ["*"])
    return calendar


@transaction.atomic
def calendar_update(
    *,
    calendar: Calendar,
    actor: Actor,
    name: str | None = None,
    time_zone: str | None = None,
    country: str | None = None,
    subdivision: str | None = None,
    weekly: WeeklyJson | None = None,
    overrides: OverridesJson | None = None,
) -> Calendar:
    """Change the given fields; the whole result is validated before it is saved.

    Raises Forbidden unless the actor is an administrator or a manager (or the system).
    """
    require_calendar_manager(actor)
    changes = {
        key: value
        for key, value in {
            "name": name,
            "time_zone": time_zone,
            "country": country.upper() if country is not None else None,
            "subdivision": subdivision,
            "weekly": weekly,
            "overrides": overrides,
        }.items()
        if value is not None and getattr(calendar, key) != value
    }
    if not changes:
        return calendar
    if (
        name is not None
        and Calendar.objects.filter(name__iexact=name).exclude(pk=calendar.pk).exists()
    ):
        raise Conflict(_("A calendar with this name already exists."))
    for key, value in changes.items():
        setattr(calendar, key, value)
    _validate(
        time_zone=calendar.time_zone,
        country=calendar.country,
        subdivision=calendar.subdivision,
        weekly=calendar.weekly,
        overrides=calendar.overrides,
    )
    calendar.save(update_fields=[*changes, "updated_at"])
    _audit(AuditEvent.Action.CALENDAR_UPDATE, calendar, actor, sorted(changes))
    return calendar
