"""Every write of the automations app: saving triggers, time-based automations and
macros (each audited in its transaction), and applying a macro to a ticket.

A name is unique among its kind (a personal macro's among its owner's), so a form sent
twice saves one rule: the second is refused for the name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cortesia.accounts.models import Team
from cortesia.audit.models import AuditEvent
from cortesia.audit.services import JsonValue, audit_record
from cortesia.automations.actions import FIELDS_OF, action_apply
from cortesia.automations.checking import actions_checked, conditions_checked
from cortesia.automations.models import Macro, Match, TimedAutomation, Trigger
from cortesia.automations.permissions import (
    can_manage_automations,
    require_automation_manager,
    require_macro_keeper,
)
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors, Forbidden
from cortesia.customers.validation import ProfileCheck
from cortesia.tickets.models import CannedResponse, Ticket
from cortesia.tickets.recording import rule_acting
from cortesia.tickets.replies import submission_claim
from cortesia.tickets.services import require_ticket_staff
from cortesia.tickets.updates import refuse_stale

MAX_NAME = 200


@dataclass(frozen=True)
class RuleData:
    """A trigger or time-based automation as given (conditions and actions unchecked)."""

    name: str
    is_active: bool = True
    match: str = Match.ALL
    conditions: list[dict[str, str]] = field(default_factory=list)
    actions: list[dict[str, str]] = field(default_factory=list)
    position: int = 0
    # triggers
    when: list[str] = field(default_factory=list)
    stops_processing: bool = False
    # time-based automations
    status: str = ""
    hours: int = 0


@dataclass(frozen=True)
class MacroData:
    name: str
    is_active: bool = True
    personal: bool = True
    team: Team | None = None
    actions: list[dict[str, str]] = field(default_factory=list)
    canned: CannedResponse | None = None


@dataclass(frozen=True)
class CheckedRule:
    """A rule's values as stored."""

    values: dict[str, object]


def _name(check: ProfileCheck, name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > MAX_NAME:
        check.fail("name", _("Give a name of at most 200 characters."))
    return cleaned


def rule_checked(data: RuleData, *, timed: bool) -> CheckedRule:
    """Return the stored values of a rule; raise FieldErrors for every bad field."""
    check = ProfileCheck()
    values: dict[str, object] = {
        "name": _name(check, data.name),
        "is_active": data.is_active,
        "position": max(data.position, 0),
        "match": data.match if data.match in Match.values else Match.ALL,
        "conditions": conditions_checked(data.conditions, check),
        "actions": actions_checked(data.actions, check),
    }
    if timed:
        if data.status not in Ticket.Status.values:
            check.fail("status", _("Choose the status the ticket stays in."))
        if not 1 <= data.hours <= 10_000:
            check.fail("hours", _("Give between 1 and 10,000 business hours."))
        values.update(status=data.status, hours=data.hours)
    else:
        when = [item for item in data.when if item in Trigger.When.values]
        if not when:
            check.fail("when", _("Choose when the trigger runs."))
        values.update(when=when, stops_processing=data.stops_processing)
    check.raise_if_any()
    return CheckedRule(values)


def _changed(row: object, values: dict[str, object]) -> list[str]:
    return sorted(name for name, value in values.items() if getattr(row, name) != value)


def _audit(
    kind: str,
    row: Trigger | TimedAutomation | Macro,
    actor: Actor,
    changed: list[str],
    *,
    created: bool,
) -> None:
    data: dict[str, JsonValue] = {"created": created, "changed": list(changed)}
    audit_record(
        action=AuditEvent.Action.SETTING_CHANGE,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type=kind,
        object_uid=str(row.uid),
        object_label=row.name,
        data=data,
    )


def _name_taken() -> FieldErrors:
    return FieldErrors({"name": _("Another rule of this kind has this name.")})


@transaction.atomic
def trigger_save(*, trigger: Trigger | None, data: RuleData, actor: Actor) -> Trigger:
    """Create a trigger (``trigger`` None) or change one. Raises Forbidden or FieldErrors."""
    require_automation_manager(actor)
    values = rule_checked(data, timed=False).values
    return _save_rule(Trigger, "automation_trigger", trigger, values, actor)


@transaction.atomic
def automation_save(
    *, automation: TimedAutomation | None, data: RuleData, actor: Actor
) -> TimedAutomation:
    """Create a time-based automation or change one. Raises Forbidden or FieldErrors."""
    require_automation_manager(actor)
    values = rule_checked(data, timed=True).values
    return _save_rule(TimedAutomation, "automation_timed", automation, values, actor)


Rule = TypeVar("Rule", Trigger, TimedAutomation)


def _save_rule(
    model: type[Rule], kind: str, row: Rule | None, values: dict[str, object], actor: Actor
) -> Rule:
    others = model.objects.filter(name__iexact=str(values["name"]))
    if row is not None:
        others = others.exclude(pk=row.pk)
    if others.exists():
        raise _name_taken()
    created = row is None
    if row is None:
        row = model(**values, created_by=actor.user)
        changed = sorted(values)
    else:
        changed = _changed(row, values)
        for name, value in values.items():
            setattr(row, name, value)
    if changed:
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:
            raise _name_taken() from None
        _audit(kind, row, actor, changed, created=created)
    return row


def _macro_values(data: MacroData, actor: Actor) -> dict[str, object]:
    check = ProfileCheck()
    values: dict[str, object] = {
        "name": _name(check, data.name),
        "is_active": data.is_active,
        "owner": actor.user if data.personal else None,
        "team": None if data.personal else data.team,
        "actions": actions_checked(data.actions, check, required=data.canned is None),
        "canned": data.canned,
    }
    if data.personal and actor.user is None:
        check.fail("personal", _("The system keeps no personal macros."))
    check.raise_if_any()
    return values


def _require_macro_editor(macro: Macro | None, personal: bool, actor: Actor) -> None:
    """Personal macros are their owner's; shared and team macros are the managers'."""
    require_macro_keeper(actor)
    user = actor.user
    if user is None:
        return
    if macro is not None and macro.owner_id is not None and macro.owner_id != user.pk:
        raise Forbidden(_("Only its owner changes a personal macro."))
    shared = not personal or (macro is not None and macro.owner_id is None)
    if shared and not can_manage_automations(user):
        raise Forbidden(_("Only administrators and managers change shared macros."))


@transaction.atomic
def macro_save(*, macro: Macro | None, data: MacroData, actor: Actor) -> Macro:
    """Create a macro or change one: a personal one for its owner, a team's or everyone's
    for administrators and managers. Raises Forbidden or FieldErrors."""
    _require_macro_editor(macro, data.personal, actor)
    values = _macro_values(data, actor)
    owner = actor.user if data.personal else None
    team = None if data.personal else data.team
    same_scope = Macro.objects.filter(name__iexact=str(values["name"]), owner=owner, team=team)
    if macro is not None:
        same_scope = same_scope.exclude(pk=macro.pk)
    if same_scope.exists():
        raise _name_taken()
    created = macro is None
    if macro is None:
        macro = Macro(**values)
        changed = sorted(values)
    else:
        changed = _changed(macro, values)
        for name, value in values.items():
            setattr(macro, name, value)
    if changed:
        try:
            with transaction.atomic():
                macro.save()
        except IntegrityError:
            raise _name_taken() from None
        _audit("automation_macro", macro, actor, changed, created=created)
    return macro


@transaction.atomic
def macro_apply(
    *, macro: Macro, ticket: Ticket, expected_version: int, actor: Actor, submission: str = ""
) -> Ticket:
    """Apply the macro's actions, then its canned reply, to ``ticket``: one event per
    action, each naming the macro. Refused whole (Conflict) when a field the macro changes
    was changed by someone else since ``expected_version``; a refused action (a transition
    not allowed) rolls back the whole macro. ``submission`` (the form's one-time token) is
    kept in the events: a form sent twice applies the macro once. The caller has checked
    that ``actor`` may use the macro and see the ticket. Raises Forbidden, FieldErrors or
    Conflict."""
    require_ticket_staff(actor)
    locked = Ticket.objects.select_for_update(of=("self",)).get(pk=ticket.pk)
    if submission and locked.events.filter(data__rule__submission=submission).exists():
        return locked  # the same form again: already applied
    if (
        submission
        and actor.user is not None
        and not submission_claim(ticket=locked, key=submission[:64], user=actor.user)
    ):
        return locked  # again, for a macro whose actions record no event (it only tells)
    touched = {
        FIELDS_OF[str(action["kind"])] for action in macro.actions if action["kind"] in FIELDS_OF
    }
    refuse_stale(locked, touched, expected_version)
    ticket = Ticket.objects.select_related("customer", "team").get(pk=ticket.pk)
    actions = list(macro.actions)
    if macro.canned is not None:
        actions.append({"kind": "send_canned", "value": str(macro.canned.uid)})
    rule = {"kind": "macro", "uid": str(macro.uid), "name": macro.name}
    if submission:
        rule["submission"] = submission[:64]
    with rule_acting(rule):
        for action in actions:
            ticket = action_apply(
                ticket,
                action,
                actor,
                actor.user,
                rule=rule,
                causer_id=actor.user.pk if actor.user else None,
            )
    return ticket
