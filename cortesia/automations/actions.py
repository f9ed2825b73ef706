"""What a rule's actions are, how they are checked when a rule is saved, described in a
dry run, and applied to a ticket.

An action is ``{"kind", "value"}``. Every action goes through the ticket services (one
call, hence one ticket event, per action) while :func:`rule_acting` names the rule in the
event's data. Values are stored in the form the services take: a team by its uid, an
assignee by username, a canned response by its uid, tags as a list.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cortesia.accounts.models import Team, User
from cortesia.automations.outreach import (
    notify_apply,
    notify_checked,
    notify_described,
    webhook_apply,
    webhook_checked,
    webhook_described,
)
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, NotFound
from cortesia.customers.validation import ProfileCheck, check_language, check_tags
from cortesia.localization.selectors import business_register_defaults
from cortesia.tickets.canned import canned_render
from cortesia.tickets.models import CannedResponse, Ticket, TicketMessage
from cortesia.tickets.permissions import can_work_tickets
from cortesia.tickets.replies import reply_automatic
from cortesia.tickets.services import MessageData, TicketChanges, message_add, ticket_update

KINDS = {
    "set_status": gettext_lazy("Set the status"),
    "set_priority": gettext_lazy("Set the priority"),
    "set_team": gettext_lazy("Put in the team"),
    "set_assignee": gettext_lazy("Assign to"),
    "set_language": gettext_lazy("Set the language"),
    "add_tags": gettext_lazy("Add tags"),
    "remove_tags": gettext_lazy("Remove tags"),
    "add_note": gettext_lazy("Write an internal note"),
    "send_canned": gettext_lazy("Send a canned response"),
    "notify": gettext_lazy("Notify a person or team"),
    "call_webhook": gettext_lazy("Call a webhook"),
}
# The ticket fields each action changes (the stale-write check of a macro reads them).
FIELDS_OF = {
    "set_status": "status",
    "set_priority": "priority",
    "set_team": "team",
    "set_assignee": "assignee",
    "set_language": "language",
    "add_tags": "tags",
    "remove_tags": "tags",
}

Action = dict[str, object]


def tags_of(value: object) -> list[str]:
    return [str(tag) for tag in value] if isinstance(value, list) else []


def _team(value: str) -> Team | None:
    try:
        return Team.objects.filter(uid=uuid.UUID(value)).first()
    except ValueError:
        return Team.objects.filter(name__iexact=value).first()


def _canned(value: str) -> CannedResponse | None:
    responses = CannedResponse.objects.filter(is_active=True)
    try:
        return responses.filter(uid=uuid.UUID(value)).first()
    except ValueError:
        return responses.filter(name__iexact=value).first()


def action_checked(action: dict[str, str], check: ProfileCheck, name: str) -> Action:
    """Return the action in its stored form, or record on ``check`` (under ``name``) why it
    cannot be kept. A team, person or canned response may be given by name."""
    kind, value = action.get("kind", ""), action.get("value", "").strip()
    if kind not in KINDS:
        check.fail(name, _("Choose what the action does."))
        return {}
    if kind in ("set_status", "set_priority"):
        choices = Ticket.Status if kind == "set_status" else Ticket.Priority
        if value not in choices.values:
            allowed = ", ".join(choices.values)
            check.fail(name, _("Choose one of these values: %(values)s.") % {"values": allowed})
        return {"kind": kind, "value": value}
    if kind == "set_team":
        team = _team(value) if value else None
        if value and team is None:
            check.fail(name, _("No team is called %(name)s.") % {"name": value})
        return {"kind": kind, "value": str(team.uid) if team else ""}
    if kind == "set_assignee":
        user = User.objects.filter(username=value).first() if value else None
        if value and (user is None or not can_work_tickets(user)):
            check.fail(name, _("No active agent has the username %(name)s.") % {"name": value})
        return {"kind": kind, "value": value}
    if kind == "set_language":
        return {"kind": kind, "value": check_language(check, value).lower()}
    if kind in ("add_tags", "remove_tags"):
        tags = check_tags(check, value.split(","))
        if not tags:
            check.fail(name, _("Give at least one tag."))
        return {"kind": kind, "value": tags}
    if kind == "add_note":
        if not value:
            check.fail(name, _("Write the note."))
        return {"kind": kind, "value": value}
    if kind == "notify":
        return {"kind": kind, "value": notify_checked(value, check, name)}
    if kind == "call_webhook":
        return {"kind": kind, "value": webhook_checked(value, check, name)}
    canned = _canned(value)
    if canned is None:
        check.fail(name, _("No active canned response is called %(name)s.") % {"name": value})
    return {"kind": kind, "value": str(canned.uid) if canned else ""}


def changes_of(ticket: Ticket, action: Action) -> TicketChanges | None:
    """Return the field change an action makes on ``ticket``, or None for a message."""
    kind, value = str(action["kind"]), action["value"]
    if kind == "set_status":
        return TicketChanges(status=str(value))
    if kind == "set_priority":
        return TicketChanges(priority=str(value))
    if kind == "set_language":
        return TicketChanges(language=str(value))
    if kind == "set_team":
        team = _team(str(value)) if value else None
        return TicketChanges(team=team, clear_team=team is None)
    if kind == "set_assignee":
        user = User.objects.filter(username=str(value)).first() if value else None
        return TicketChanges(assignee=user, clear_assignee=user is None)
    if kind == "add_tags":
        return TicketChanges(tags=[*ticket.tags, *tags_of(value)])
    if kind == "remove_tags":
        removed = set(tags_of(value))
        return TicketChanges(tags=[tag for tag in ticket.tags if tag not in removed])
    return None


def rendered_canned(ticket: Ticket, value: str, agent: User | None) -> str:
    """Return the canned response ``value`` rendered for the ticket's customer, signed by
    ``agent``. Raises NotFound when it is gone or has no variant to send, DomainError
    when nobody signs it."""
    response = _canned(value)
    if response is None:
        raise NotFound("canned_response")
    if agent is None:
        raise DomainError(
            _("Nobody signs the canned response: the ticket has no assignee, the rule no author.")
        )
    business = business_register_defaults()
    return canned_render(response=response, ticket=ticket, agent=agent, business=business).text


def action_apply(
    ticket: Ticket,
    action: Action,
    actor: Actor,
    agent: User | None,
    *,
    rule: dict[str, str],
    causer_id: int | None = None,
) -> Ticket:
    """Apply one action of ``rule`` ({"kind", "uid", "name"}) and return the ticket as it
    is now: a change or message through the ticket services (one event), a notification
    (never to ``causer_id``, whose own action ran the rule) or a webhook delivery.
    ``agent`` signs a canned response, sent as an automatic reply when no person acts
    (``actor`` is the system). Raises what the services raise."""
    kind, value = str(action["kind"]), action["value"]
    changes = changes_of(ticket, action)
    if changes is not None:
        return ticket_update(ticket=ticket, changes=changes, expected_version=None, actor=actor)
    if kind == "notify":
        notify_apply(ticket, value, rule, causer_id)
        return ticket
    if kind == "call_webhook":
        webhook_apply(ticket, value, rule)
        return ticket
    if kind == "add_note":
        data = MessageData(body_text=str(value), kind=TicketMessage.Kind.NOTE)
        message_add(ticket=ticket, data=data, actor=actor)
    else:
        text = rendered_canned(ticket, str(value), agent)
        data = MessageData(body_text=text, kind=TicketMessage.Kind.REPLY)
        with reply_automatic(actor.user is None):
            message_add(ticket=ticket, data=data, actor=actor)
    return Ticket.objects.select_related("customer", "team").get(pk=ticket.pk)


@dataclass(frozen=True)
class Described:
    """What an action would do to a ticket: a sentence, and whether it changes anything."""

    text: str
    changes: bool


def action_describe(ticket: Ticket, action: Action, agent: User | None) -> Described:
    """Say what applying ``action`` to ``ticket`` would do, writing nothing."""
    kind, value = str(action["kind"]), action["value"]
    label = str(KINDS.get(kind, kind))
    if kind == "add_note":
        return Described(_("%(action)s: “%(text)s”") % {"action": label, "text": value}, True)
    if kind in ("notify", "call_webhook"):
        said = notify_described(value) if kind == "notify" else webhook_described(value)
        return Described(said, True)
    if kind == "send_canned":
        try:
            text = rendered_canned(ticket, str(value), agent)
        except DomainError:
            return Described(_("%(action)s: no text to send.") % {"action": label}, False)
        return Described(_("%(action)s: “%(text)s”") % {"action": label, "text": text}, True)
    changes = changes_of(ticket, action)
    field = FIELDS_OF[kind]
    before = getattr(ticket, field)
    after = getattr(changes, field) if changes is not None else before
    if _shown(before) == _shown(after):
        return Described(_("%(action)s: no change.") % {"action": label}, False)
    values = {"action": label, "before": _shown(before), "after": _shown(after)}
    return Described(_("%(action)s: %(before)s → %(after)s") % values, True)


def _shown(value: object) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, Team):
        return value.name
    if isinstance(value, User):
        return value.display_name
    labels = {**dict(Ticket.Status.choices), **dict(Ticket.Priority.choices)}
    return str(labels.get(str(value), value))
