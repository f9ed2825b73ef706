"""Who may change business calendars: administrators and managers (default deny).

The calendars app sits below accounts in the layer order (pyproject.toml), so it names the
roles by the values stored on the user rather than importing ``accounts.models.Role``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden

CALENDAR_MANAGERS = frozenset({"admin", "manager"})


def require_calendar_manager(actor: Actor) -> None:
    """Raise Forbidden unless the actor is an active admin or manager (or the system)."""
    user = actor.user
    if user is not None and not (user.is_active and user.role in CALENDAR_MANAGERS):
        raise Forbidden(_("Only administrators and managers change business calendars."))
