"""Checking a rule's conditions and actions as given on a form or by the API, into the
form they are stored in. Nothing here writes."""

from __future__ import annotations

import uuid

from django.utils.translation import gettext as _

from cortesia.accounts.models import Team
from cortesia.automations.actions import Action, action_checked
from cortesia.automations.conditions import CHOICE_FIELDS, condition_error
from cortesia.customers.validation import ProfileCheck
from cortesia.tickets.models import Ticket

CHOICES = {
    "channel": Ticket.Channel.values,
    "priority": Ticket.Priority.values,
    "status": Ticket.Status.values,
}


def _team_uid(value: str) -> str | None:
    try:
        team = Team.objects.filter(uid=uuid.UUID(value)).first()
    except ValueError:
        team = Team.objects.filter(name__iexact=value).first()
    return str(team.uid) if team is not None else None


def _choice_value(name: str, value: str, check: ProfileCheck) -> str:
    if name in CHOICES and value not in CHOICES[name]:
        check.fail(
            "conditions",
            _("Choose one of these values: %(values)s.") % {"values": ", ".join(CHOICES[name])},
        )
    if name == "team":
        uid = _team_uid(value)
        if uid is None:
            check.fail("conditions", _("No team is called %(name)s.") % {"name": value})
        return uid or value
    if name == "country":
        return value.upper()
    return value.lower() if name == "language" else value


def conditions_checked(
    conditions: list[dict[str, str]], check: ProfileCheck
) -> list[dict[str, str]]:
    """Return the conditions in stored form (empty rows left out); errors go on ``check``
    under "conditions"."""
    kept = []
    for condition in conditions:
        if not condition.get("field"):
            continue
        error = condition_error(condition)
        if error is not None:
            check.fail("conditions", error)
            continue
        name, value = condition["field"], condition["value"].strip()
        if name in CHOICE_FIELDS:
            value = _choice_value(name, value, check)
        operator = "is" if name == "business_hours" else condition["operator"]
        kept.append({"field": name, "operator": operator, "value": value})
    return kept


def actions_checked(
    actions: list[dict[str, str]], check: ProfileCheck, *, required: bool = True
) -> list[Action]:
    """Return the actions in stored form (empty rows left out); errors go on ``check``
    under "actions". ``required``: at least one action."""
    kept = [action_checked(action, check, "actions") for action in actions if action.get("kind")]
    if required and not kept:
        check.fail("actions", _("Add at least one action."))
    return kept
