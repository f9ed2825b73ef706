"""Writes to business calendars; each one is validated by the culture engine and audited."""

from __future__ import annotations

import copy

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cortesia.audit.models import AuditEvent
from cortesia.audit.services import JsonValue, audit_record
from cortesia.calendars.conversion import OverridesJson, WeeklyJson, build_calendar
from cortesia.calendars.models import Calendar
from cortesia.calendars.permissions import require_calendar_manager
from cortesia.calendars.validation import CalendarErrors, calendar_check
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, DomainError
from cortesia.culture.countries import default_weekly


def _validate(
    *, time_zone: str, country: str, subdivision: str, weekly: WeeklyJson, overrides: OverridesJson
) -> None:
    """Raise CalendarErrors keyed to each wrong place, else DomainError if the engine still
    refuses the calendar (the engine has the last word on what the clocks can read)."""
    calendar_check(
        time_zone=time_zone,
        country=country,
        subdivision=subdivision,
        weekly=weekly,
        overrides=overrides,
    )
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


def _checked_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise CalendarErrors({"name": _("Give the calendar a name.")})
    return cleaned


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

    Raises Forbidden unless the actor is an administrator or a manager (or the system),
    Conflict when the name is taken (a second submit of the same form included) and
    CalendarErrors for a calendar the engine would refuse.
    """
    require_calendar_manager(actor)
    name = _checked_name(name)
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
    try:
        with transaction.atomic():  # two submits at once: the unique name keeps one
            calendar = Calendar.objects.create(
                name=name,
                time_zone=time_zone,
                country=country,
                subdivision=subdivision,
                weekly=weekly,
                overrides=overrides,
            )
    except IntegrityError:
        raise Conflict(_("A calendar with this name already exists.")) from None
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

    Raises Forbidden unless the actor is an administrator or a manager (or the system),
    Conflict when the new name is taken and CalendarErrors for a calendar the engine would
    refuse. Nothing is written (nor audited) when nothing changes.
    """
    require_calendar_manager(actor)
    if name is not None:
        name = _checked_name(name)
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
    candidate = copy.copy(calendar)  # checked before the row given to us changes
    for key, value in changes.items():
        setattr(candidate, key, value)
    _validate(
        time_zone=candidate.time_zone,
        country=candidate.country,
        subdivision=candidate.subdivision,
        weekly=candidate.weekly,
        overrides=candidate.overrides,
    )
    for key, value in changes.items():
        setattr(calendar, key, value)
    try:
        with transaction.atomic():
            calendar.save(update_fields=[*changes, "updated_at"])
    except IntegrityError:
        raise Conflict(_("A calendar with this name already exists.")) from None
    _audit(AuditEvent.Action.CALENDAR_UPDATE, calendar, actor, sorted(changes))
    return calendar
