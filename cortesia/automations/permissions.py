"""Who may change automation rules: administrators and managers change triggers,
time-based automations and shared macros; every agent keeps personal macros of their own
(default deny for everyone else)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cortesia.accounts.models import Role, User
from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden
from cortesia.tickets.permissions import can_work_tickets

AUTOMATION_MANAGERS = frozenset({Role.ADMIN, Role.MANAGER})


def can_manage_automations(user: object) -> bool:
    """Whether ``user`` (anyone, signed in or not) is an active administrator or manager."""
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and getattr(user, "role", None) in AUTOMATION_MANAGERS
    )


def can_keep_macros(user: object) -> bool:
    """Whether ``user`` may keep personal macros (and apply macros): active ticket staff."""
    return isinstance(user, User) and can_work_tickets(user)


def require_automation_manager(actor: Actor) -> None:
    if actor.user is not None and not can_manage_automations(actor.user):
        raise Forbidden(_("Only administrators and managers change automation rules."))


def require_macro_keeper(actor: Actor) -> None:
    if actor.user is not None and not can_keep_macros(actor.user):
        raise Forbidden(_("Your role does not work on tickets."))
