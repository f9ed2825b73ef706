"""Writes and reads of routing rules and settings (admins and managers write).

Every change writes one audit row ("setting_change") in the same transaction; a change
that changes nothing (the switch set to what it is, a move already made) writes none.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.services import clean_skills
from cortesia.audit.models import AuditEvent
from cortesia.audit.services import JsonValue, audit_record
from cortesia.core.actor import Actor
from cortesia.core.choices import choice_error
from cortesia.core.errors import Conflict, Forbidden, NotFound
from cortesia.customers.models import Segment
from cortesia.customers.validation import ProfileCheck, check_country, check_language
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


ROUTING_LEADS = frozenset({Role.ADMIN, Role.MANAGER})


def can_change_routing(user: object) -> bool:
    """Change routing rules, follow-the-sun, shifts, leave and how teams assign tickets:
    active administrators and managers."""
    return isinstance(user, User) and user.is_active and user.role in ROUTING_LEADS


def _require_lead(actor: Actor) -> None:
    if actor.user is not None and not can_change_routing(actor.user):
        raise Forbidden(_("Only administrators and managers change routing."))


def _audit(
    actor: Actor, object_type: str, uid: str, label: str, data: dict[str, JsonValue]
) -> None:
    audit_record(
        action=AuditEvent.Action.SETTING_CHANGE,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type=object_type,
        object_uid=uid,
        object_label=label,
        data=data,
    )


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
    if data.languages is not None:
        languages = [check_language(check, code).lower() for code in data.languages]
        if "language" in check.errors:
            check.errors["languages"] = check.errors.pop("language")
        values["languages"] = list(dict.fromkeys(code for code in languages if code))
    if data.channels is not None:
        if (message := choice_error(data.channels, Ticket.Channel.values)) is not None:
            check.fail("channels", message)
        values["channels"] = data.channels
    for name in ("position", "is_active", "tags"):
        if getattr(data, name) is not None:
            values[name] = getattr(data, name)
    if data.skills is not None:
        values["skills"] = clean_skills(data.skills)
    if data.segment is not None or data.clear_segment:
        values["segment"] = data.segment
    check.raise_if_any()
    return values


def _audited_value(value: object) -> JsonValue:
    if isinstance(value, Team | Segment):
        return str(value.uid)
    if isinstance(value, list):
        return [str(item) for item in value]
    return value if isinstance(value, str | int | bool) or value is None else str(value)


@transaction.atomic
def routing_rule_save(*, rule: RoutingRule | None, data: RuleData, actor: Actor) -> RoutingRule:
    """Create or change a rule; a new rule without a position goes after the others.
    Raises Forbidden, FieldErrors or Conflict (name taken)."""
    _require_lead(actor)
    values = _checked(data, creating=rule is None)
    creating = rule is None
    if creating and "position" not in values:
        last = RoutingRule.objects.aggregate(last=Max("position"))["last"]
        values["position"] = 0 if last is None else last + 1
    rule = rule or RoutingRule()
    changed = {
        name: _audited_value(value)
        for name, value in values.items()
        if creating or getattr(rule, name) != value
    }
    for name, value in values.items():
        setattr(rule, name, value)
    try:
        with transaction.atomic():
            rule.save()
    except IntegrityError:
        raise Conflict(_("A rule with this name already exists."), code="duplicate_name") from None
    if changed:
        _audit(actor, "routing_rule", str(rule.uid), rule.name, {"created": creating, **changed})
    return rule


@transaction.atomic
def routing_rule_move(
    *, rule: RoutingRule, after: RoutingRule | None, actor: Actor
) -> list[RoutingRule]:
    """Put ``rule`` right after ``after`` (first when None) and number the rules 0, 1, 2…
    in their new order; return them in that order.

    The page sends where it wants the rule to end up, not "one step up", so the same move
    sent twice (a double click) leaves the order as the first one made it, and writes no
    second audit row. Raises Forbidden.
    """
    _require_lead(actor)
    rules = list(RoutingRule.objects.select_for_update().order_by("position", "name"))
    order = [r for r in rules if r.pk != rule.pk]
    index = (
        0
        if after is None
        else next((i + 1 for i, r in enumerate(order) if r.pk == after.pk), len(order))
    )
    order.insert(index, next(r for r in rules if r.pk == rule.pk))
    renumbered = [r for position, r in enumerate(order) if r.position != position]
    for position, r in enumerate(order):
        r.position = position
    RoutingRule.objects.bulk_update(renumbered, ["position"])
    if [r.pk for r in order] != [r.pk for r in rules]:
        _audit(actor, "routing_rule", str(rule.uid), rule.name, {"position": order.index(rule)})
    return order


@transaction.atomic
def routing_rule_delete(*, rule: RoutingRule, actor: Actor) -> None:
    """Delete the rule; tickets it routed keep their team. Raises Forbidden, or NotFound
    when it is already gone (a second click)."""
    _require_lead(actor)
    deleted, _rows = RoutingRule.objects.filter(pk=rule.pk).delete()
    if not deleted:
        raise NotFound("routing_rule")
    _audit(actor, "routing_rule", str(rule.uid), rule.name, {"deleted": True})


def routing_settings_get() -> RoutingSettings:
    return RoutingSettings.objects.first() or RoutingSettings(follow_the_sun=False)


@transaction.atomic
def routing_settings_set(*, follow_the_sun: bool, actor: Actor) -> RoutingSettings:
    """Switch follow-the-sun on or off. Raises Forbidden."""
    _require_lead(actor)
    before = RoutingSettings.objects.select_for_update().filter(pk=1).first()
    settings, _created = RoutingSettings.objects.update_or_create(
        pk=1, defaults={"follow_the_sun": follow_the_sun}
    )
    if before is None or before.follow_the_sun != follow_the_sun:
        was = before.follow_the_sun if before else False
        _audit(actor, "routing_settings", "", "", {"follow_the_sun": [was, follow_the_sun]})
    return settings
