"""The actions that reach outside the ticket: telling staff ("notify") and calling a
webhook ("call_webhook"). Neither changes the ticket, so neither records a ticket event.

Stored values: ``notify`` is ``{"user": uid}`` or ``{"team": uid}`` with an optional
``"message"``; ``call_webhook`` is the subscription's uid. On a form a person is given by
username, a team by name, then optionally "|" and a short message; a subscription by its
address or uid.
"""

from __future__ import annotations

import uuid

from django.utils.translation import gettext as _

from cortesia.accounts.models import Team, User
from cortesia.customers.validation import ProfileCheck
from cortesia.notifications.recipients import rule_telling
from cortesia.notifications.services import notifications_record
from cortesia.tickets.models import Ticket
from cortesia.tickets.permissions import TICKET_STAFF, can_work_tickets
from cortesia.webhooks.models import Subscription
from cortesia.webhooks.services import automation_delivery_record

MAX_MESSAGE = 300


def _by_uid_or(model: type[Team] | type[User] | type[Subscription], value: str) -> object:
    try:
        return model.objects.filter(uid=uuid.UUID(value)).first()
    except ValueError:
        return None


def _person(value: str) -> User | None:
    found = _by_uid_or(User, value) or User.objects.filter(username=value).first()
    return found if isinstance(found, User) and can_work_tickets(found) else None


def _team(value: str) -> Team | None:
    found = _by_uid_or(Team, value) or Team.objects.filter(name__iexact=value).first()
    return found if isinstance(found, Team) else None


def subscription_of(value: str) -> Subscription | None:
    """The active subscription named by uid or address, else None."""
    found = _by_uid_or(Subscription, value) or Subscription.objects.filter(url=value).first()
    return found if isinstance(found, Subscription) and found.is_active else None


def notify_checked(value: str, check: ProfileCheck, name: str) -> dict[str, str]:
    """Return a notify action's stored value from "who | message" (who: a username or a
    team name); record why not on ``check``."""
    who, _bar, message = (part.strip() for part in value.partition("|"))
    if len(message) > MAX_MESSAGE:
        check.fail(name, _("Keep the message to at most 300 characters."))
    person = _person(who) if who else None
    if person is not None:
        return {"user": str(person.uid), "message": message}
    team = _team(who) if who else None
    if team is not None:
        return {"team": str(team.uid), "message": message}
    check.fail(name, _("No active agent or team is called %(name)s.") % {"name": who})
    return {"message": message}


def webhook_checked(value: str, check: ProfileCheck, name: str) -> str:
    """Return a call_webhook action's stored value (the subscription's uid)."""
    subscription = subscription_of(value.strip()) if value.strip() else None
    if subscription is None:
        check.fail(
            name, _("No active webhook subscription has the address %(url)s.") % {"url": value}
        )
        return ""
    return str(subscription.uid)


def notify_shown(value: object) -> str:
    """A stored notify value as the form shows it: "who | message"."""
    if not isinstance(value, dict):
        return ""
    who = ""
    if value.get("user"):
        who = (
            User.objects.filter(uid=value["user"]).values_list("username", flat=True).first() or ""
        )
    elif value.get("team"):
        who = Team.objects.filter(uid=value["team"]).values_list("name", flat=True).first() or ""
    message = str(value.get("message", ""))
    return f"{who} | {message}" if message else who


def webhook_shown(value: object) -> str:
    found = Subscription.objects.filter(uid=str(value)).values_list("url", flat=True).first()
    return found or str(value)


def _targets(value: object) -> tuple[User | None, Team | None]:
    if not isinstance(value, dict):
        return None, None
    user = User.objects.filter(uid=value["user"]).first() if value.get("user") else None
    team = Team.objects.filter(uid=value["team"]).first() if value.get("team") else None
    return user, team


def notify_apply(ticket: Ticket, value: object, rule: dict[str, str], causer_id: int | None) -> int:
    """Tell the person or team of a notify action about ``ticket`` (in app and by e-mail,
    as each wishes), except ``causer_id``; return how many notifications were written.
    A person or team gone since the rule was saved tells nobody."""
    user, team = _targets(value)
    message = str(value.get("message", "")) if isinstance(value, dict) else ""
    telling = rule_telling(
        ticket=ticket,
        user_id=user.pk if user is not None else None,
        team_id=team.pk if team is not None and user is None else None,
        rule_name=rule["name"],
        message=message,
        causer_id=causer_id,
    )
    return notifications_record(tellings=[telling]) if telling is not None else 0


def webhook_apply(ticket: Ticket, value: object, rule: dict[str, str]) -> bool:
    """Queue one ``automation.triggered`` delivery of the ticket to the action's
    subscription; False (nothing written) when it is gone or inactive."""
    subscription = subscription_of(str(value))
    if subscription is None:
        return False
    automation_delivery_record(subscription=subscription, ticket_id=ticket.pk, rule=rule)
    return True


def notify_described(value: object) -> str:
    """Who a notify action would tell, as a sentence."""
    user, team = _targets(value)
    if user is not None:
        return _("Notify %(name)s.") % {"name": user.display_name}
    if team is not None:
        return _("Notify the members of the team %(name)s.") % {"name": team.name}
    return _("Notify nobody: the person or team is gone.")


def webhook_described(value: object) -> str:
    """Where a call_webhook action would send the ticket, as a sentence."""
    subscription = subscription_of(str(value))
    if subscription is None:
        return _("Call no webhook: the subscription is gone or inactive.")
    return _("Send the ticket to the webhook %(url)s.") % {"url": subscription.url}


def action_value_suggestions() -> list[tuple[str, str]]:
    """(value, label) of each person who works tickets (by username), team (by name) and
    active webhook subscription (by address): what notify and call_webhook may name."""
    people = User.objects.filter(is_active=True, role__in=TICKET_STAFF).order_by("username")
    teams = Team.objects.order_by("name").values_list("name", flat=True)
    hooks = Subscription.objects.filter(is_active=True).order_by("url")
    return [
        *((person.username, person.display_name) for person in people),
        *((name, name) for name in teams),
        *((hook.url, hook.description or hook.url) for hook in hooks),
    ]
