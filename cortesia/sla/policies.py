"""Writes and reads of SLA policies (admins and managers write, staff read); every write
is audited."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from cortesia.accounts.models import Role, Team, User
from cortesia.audit.models import AuditEvent
from cortesia.audit.services import JsonValue, audit_record
from cortesia.core.actor import Actor
from cortesia.core.choices import choice_error
from cortesia.core.errors import Conflict, FieldErrors, NotFound
from cortesia.sla.models import SlaPolicy
from cortesia.sla.permissions import require_sla_manager

PRIORITIES = ("low", "normal", "high", "urgent")
CHANNELS = ("email", "web", "chat", "phone", "social", "api")
MAX_MINUTES = 60 * 24 * 365
TARGETS = ("first_response_minutes", "next_response_minutes", "resolution_minutes")
AUDIT_OBJECT_TYPE = "sla_policy"


@dataclass
class PolicyData:
    name: str | None = None
    position: int | None = None
    is_active: bool | None = None
    priorities: list[str] | None = None
    channels: list[str] | None = None
    teams: list[Team] | None = None
    tags: list[str] | None = None
    first_response_minutes: int | None = None
    next_response_minutes: int | None = None
    resolution_minutes: int | None = None
    business_hours: bool | None = None
    clock_calendar: str | None = None
    warn_at_percent: int | None = None
    breach_raises_priority: bool | None = None
    breach_unassigns: bool | None = None
    breach_notifies: bool | None = None
    # Targets to remove (the policy then sets no such target); None leaves them as they are.
    cleared: list[str] | None = None


def policy_list(*, viewer: User) -> QuerySet[SlaPolicy]:
    if not viewer.is_active or viewer.role == Role.MARKETER:
        return SlaPolicy.objects.none()
    return SlaPolicy.objects.prefetch_related("teams")


def policy_get(*, viewer: User, uid: str) -> SlaPolicy:
    try:
        return policy_list(viewer=viewer).get(uid=uuid.UUID(str(uid)))
    except (ValueError, SlaPolicy.DoesNotExist):
        raise NotFound("sla_policy") from None


def _errors(data: PolicyData) -> dict[str, str]:
    errors: dict[str, str] = {}
    for name, allowed in (("priorities", PRIORITIES), ("channels", CHANNELS)):
        message = choice_error(getattr(data, name) or [], allowed)
        if message is not None:
            errors[name] = message
    if data.cleared:
        message = choice_error(data.cleared, TARGETS)
        if message is not None:
            errors["cleared"] = message
    if data.clock_calendar is not None:
        message = choice_error(data.clock_calendar, SlaPolicy.ClockCalendar.values)
        if message is not None:
            errors["clock_calendar"] = message
    for name in ("first_response_minutes", "next_response_minutes", "resolution_minutes"):
        value = getattr(data, name)
        if value is not None and not 1 <= value <= MAX_MINUTES:
            errors[name] = _("Give a number of minutes between 1 and %(max)d.") % {
                "max": MAX_MINUTES
            }
    if data.warn_at_percent is not None and not 1 <= data.warn_at_percent <= 99:
        errors["warn_at_percent"] = _("Give a percentage between 1 and 99.")
    if data.name is not None and not data.name.strip():
        errors["name"] = _("Give the policy a name.")
    return errors


def policy_errors(*, policy: SlaPolicy | None, data: PolicyData) -> dict[str, str]:
    """Return what is wrong with ``data`` for ``policy`` (None: a new one), by field."""
    errors = _errors(data)
    if policy is None and data.name is None:
        errors["name"] = _("Give the policy a name.")
    return errors


def policy_apply(policy: SlaPolicy, data: PolicyData) -> list[str]:
    """Set the given fields (teams apart) on ``policy``, unsaved; return those that changed."""
    changed = []
    for name in data.cleared or ():
        if getattr(policy, name) is not None:
            changed.append(name)
        setattr(policy, name, None)
    for field in fields(data):
        value = getattr(data, field.name)
        if value is None or field.name in ("teams", "cleared"):
            continue
        value = value.strip() if isinstance(value, str) else value
        if getattr(policy, field.name) != value or policy.pk is None:
            changed.append(field.name)
        setattr(policy, field.name, value)
    return changed


@transaction.atomic
def policy_save(*, policy: SlaPolicy | None, data: PolicyData, actor: Actor) -> SlaPolicy:
    """Create (``policy`` None) or change a policy, audited with the fields that changed.
    Raises Forbidden, FieldErrors or Conflict (name taken, a second submit of the same new
    policy included). Changes apply to clocks started afterwards."""
    require_sla_manager(actor)
    errors = policy_errors(policy=policy, data=data)
    if errors:
        raise FieldErrors(errors)
    creating = policy is None
    policy = policy or SlaPolicy()
    changed = policy_apply(policy, data)
    try:
        with transaction.atomic():
            if creating:
                policy.save()
            elif changed:
                policy.save(update_fields=[*changed, "updated_at"])
    except IntegrityError:
        raise Conflict(
            _("A policy with this name already exists."), code="duplicate_name"
        ) from None
    if data.teams is not None:
        before = set() if creating else set(policy.teams.values_list("pk", flat=True))
        if before != {team.pk for team in data.teams}:
            changed.append("teams")
        policy.teams.set(data.teams)
    if changed:
        _audit(policy, actor, created=creating, changed=changed)
    return policy


def _audit(policy: SlaPolicy, actor: Actor, *, created: bool, changed: list[str]) -> None:
    audit_record(
        action=AuditEvent.Action.SETTING_CHANGE,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type=AUDIT_OBJECT_TYPE,
        object_uid=str(policy.uid),
        object_label=policy.name,
        data={"created": created, "fields": list[JsonValue](sorted(changed))},
    )
