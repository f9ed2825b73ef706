"""Which staff roles may change staff accounts, teams and the security policy (default deny).

Services call the ``require_*`` helpers themselves, so every interface (the REST API, the
pages, the command line) gets the same answer. Templates receive the ``can_*`` flags.
The system actor (``actor.user is None``: the demo loader, the command line, tasks acting
for a checked user) may write.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from cortesia.accounts.models import Role, User
from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden

STAFF_MANAGERS = frozenset({Role.ADMIN})
TEAM_MANAGERS = frozenset({Role.ADMIN, Role.MANAGER})


def _allowed(actor: Actor, roles: frozenset[Role]) -> bool:
    return actor.user is None or (actor.user.is_active and actor.user.role in roles)


def can_manage_staff(user: object) -> bool:
    """Create, change, deactivate and reactivate staff; set the security policy.

    Anything that is not an active staff user (an anonymous visitor, None) may not."""
    return isinstance(user, User) and user.is_active and user.role in STAFF_MANAGERS


def can_manage_teams(user: object) -> bool:
    """Create and change teams and their members (anything but active staff may not)."""
    return isinstance(user, User) and user.is_active and user.role in TEAM_MANAGERS


def require_staff_manager(actor: Actor) -> None:
    if not _allowed(actor, STAFF_MANAGERS):
        raise Forbidden(_("Only administrators manage staff accounts."))


def require_team_manager(actor: Actor) -> None:
    if not _allowed(actor, TEAM_MANAGERS):
        raise Forbidden(_("Only administrators and managers manage teams."))


def require_settings_manager(actor: Actor) -> None:
    """Change the business's settings, such as its default register per language."""
    if not _allowed(actor, STAFF_MANAGERS):
        raise Forbidden(_("Only administrators change the business's settings."))


def require_self_or_staff_manager(actor: Actor, user: User) -> None:
    """Let people act on their own account (e.g. their second factor); admins on anyone's."""
    if actor.user is not None and actor.user.pk == user.pk and user.is_active:
        return
    require_staff_manager(actor)
