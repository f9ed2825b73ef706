"""Writes and reads of routing rules and settings (admins and managers write)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.services import clean_skills
from cortesia.core.actor import Actor
from cortesia.core.choices import choice_error
from cortesia.core.errors import Conflict, Forbidden, NotFound
from cortesia.customers.models import Segment
from cortesia.customers.validation import ProfileCheck, check_country
from cortesia.tickets.models import RoutingRule, RoutingSettings, Ticket


@dataclass
class RuleData:
    name: str | None = None
    position: int | None = None
    is_active: bool | None = None
    languages: list[str] | None = None
    countries: list[str] | None = None
    channels: list[str] | None = None
    tags: list[str] | None = None
    skills: list[str] | None = None
    segment: Segment | None = None
    clear_segment: bool = False
    team: Team | None = None


def _require_lead(actor: Actor) -> None:
    if actor.user is not None and actor.user.role not in (Role.ADMIN, Role.MANAGER):
        raise Forbidden(_("Only administrators and managers change routing."))


def routing_rule_list(*, viewer: User) -> list[RoutingRule]:
    if not viewer.is_active or viewer.role == Role.MARKETER:
        return []
    return list(RoutingRule.objects.select_related("segment", "team"))


def routing_rule_get(*, viewer: User, uid: str) -> RoutingRule:
    if not viewer.is_active or viewer.role == Role.MARKETER:
        raise NotFound("routing_rule")
    try:
        return RoutingRule.objects.select_related("segment", "team").get(uid=uuid.UUID(str(uid)))
    except (ValueError, RoutingRule.DoesNotExist):
        raise NotFound("routing_rule") from None


def _checked(data: RuleData, *, creating: bool) -> dict[str, object]:
    check = ProfileCheck()
    values: dict[str, object] = {}
    if data.name is not None or creating:
        name = " ".join((data.name or "").split())
        if not name:
            check.fail("name", _("Give the rule a name."))
        values["name"] = name
    if data.team is not None:
        values["team"] = data.team
    elif creating:
        check.fail("team", _("Choose the team the rule sends tickets to."))
    if data.countries is not None:
        values["countries"] = [check_country(check, "countries", c) for c in data.countries]
    if data.channels is not None:
        if (message := choice_error(data.channels, Ticket.Channel.values)) is not None:
            check.fail("channels", message)
        values["channels"] = data.channels
    for name in ("position", "is_active", "languages", "tags"):
        if getattr(data, name) is not None:
            values[name] = getattr(data, name)
    if data.skills is not None:
        values["skills"] = clean_skills(data.skills)
    if data.segment is not None or data.clear_segment:
        values["segment"] = data.segment
    check.raise_if_any()
    return values


@transaction.atomic
def routing_rule_save(*, rule: RoutingRule | None, data: RuleData, actor: Actor) -> RoutingRule:
    """Create or change a rule. Raises Forbidden, FieldErrors or Conflict (name taken)."""
    _require_lead(actor)
    values = _checked(data, creating=rule is None)
    rule = rule or RoutingRule()
    for name, value in values.items():
        setattr(rule, name, value)
    try:
        with transaction.atomic():
            rule.save()
    except IntegrityError:
        raise Conflict(_("A rule with this name already exists."), code="duplicate_name") from None
    return rule


def routing_settings_get() -> RoutingSettings:
    return RoutingSettings.objects.first() or RoutingSettings(follow_the_sun=False)


@transaction.atomic
def routing_settings_set(*, follow_the_sun: bool, actor: Actor) -> RoutingSettings:
    _require_lead(actor)
    settings, _created = RoutingSettings.objects.update_or_create(
        pk=1, defaults={"follow_the_sun": follow_the_sun}
    )
    return settings
