"""Who may change business calendars: administrators and managers (default deny).

The calendars app sits below accounts in the layer order (pyproject.toml), so it names the
roles by the values stored on the user rather than importing ``accounts.models.Role``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden

CALENDAR_MANAGERS = frozenset({"admin", "manager"})


def can_manage_calendars(user: object) -> bool:
    """Whether ``user`` (anyone, signed in or not) is an active administrator or manager."""
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and getattr(user, "role", None) in CALENDAR_MANAGERS
    )


def require_calendar_manager(actor: Actor) -> None:
    """Raise Forbidden unless the actor is an active admin or manager (or the system)."""
    user = actor.user
    if user is not None and not can_manage_calendars(user):
        raise Forbidden(_("Only administrators and managers change business calendars."))
