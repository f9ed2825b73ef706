"""Who may change SLA policies: active administrators and managers (default deny).

``policy_save`` asks :func:`require_sla_manager`; the settings pages and the settings
navigation ask :func:`can_manage_sla`, so nobody is offered a page the service refuses.
The system actor (``actor.user is None``) may write.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from cortesia.accounts.models import Role, User
from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden

SLA_MANAGERS = frozenset({Role.ADMIN, Role.MANAGER})


def can_manage_sla(user: object) -> bool:
    """Create and change SLA policies (anything but an active admin or manager may not)."""
    return isinstance(user, User) and user.is_active and user.role in SLA_MANAGERS


def require_sla_manager(actor: Actor) -> None:
    if actor.user is not None and not can_manage_sla(actor.user):
        raise Forbidden(_("Only administrators and managers change SLA policies."))
