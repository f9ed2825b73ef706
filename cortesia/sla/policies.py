"""Writes and reads of SLA policies (admins and managers write, staff read)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from cortesia.accounts.models import Role, Team, User
from cortesia.core.actor import Actor
from cortesia.core.choices import choice_error
from cortesia.core.errors import Conflict, FieldErrors, Forbidden, NotFound
from cortesia.sla.models import SlaPolicy

PRIORITIES = ("low", "normal", "high", "urgent")
CHANNELS = ("email", "web", "chat", "phone", "social", "api")
MAX_MINUTES = 60 * 24 * 365


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
    warn_at_percent: int | None = None
    breach_raises_priority: bool | None = None
    breach_unassigns: bool | None = None
    breach_notifies: bool | None = None


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


@transaction.atomic
def policy_save(*, policy: SlaPolicy | None, data: PolicyData, actor: Actor) -> SlaPolicy:
    """Create (``policy`` None) or change a policy. Raises Forbidden, FieldErrors or
    Conflict (name taken). Changes apply to clocks started afterwards."""
    if actor.user is not None and actor.user.role not in (Role.ADMIN, Role.MANAGER):
        raise Forbidden(_("Only administrators and managers change SLA policies."))
    errors = _errors(data)
    if policy is None and data.name is None:
        errors["name"] = _("Give the policy a name.")
    if errors:
        raise FieldErrors(errors)
    policy = policy or SlaPolicy()
    for field in fields(data):
        value = getattr(data, field.name)
        if value is not None and field.name != "teams":
            setattr(policy, field.name, value.strip() if isinstance(value, str) else value)
    try:
        with transaction.atomic():
            policy.save()
    except IntegrityError:
        raise Conflict(
            _("A policy with this name already exists."), code="duplicate_name"
        ) from None
    if data.teams is not None:
        policy.teams.set(data.teams)
    return policy
