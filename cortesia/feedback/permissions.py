"""Who may do what with feedback. Services call the ``require_*`` helpers; pages and the
settings navigation ask the ``can_*`` flags.

- Surveys and the feedback settings (contact window, throttling, consent): administrators
  and managers.
- Mention sources (their webhook secrets): administrators.
- Responses: every active staff member sees the responses their ticket scope allows
  (``selectors``); nobody edits one.
- Mentions are public posts: every active staff member sees them; agents, managers and
  administrators open tickets from them.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from cortesia.accounts.models import Role, User
from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden

SURVEY_MANAGERS = frozenset({Role.ADMIN, Role.MANAGER})
SOURCE_MANAGERS = frozenset({Role.ADMIN})
TICKET_OPENERS = frozenset({Role.ADMIN, Role.MANAGER, Role.AGENT})


def _has_role(user: object, roles: frozenset[str]) -> bool:
    return isinstance(user, User) and user.is_active and user.role in roles


def can_manage_surveys(user: object) -> bool:
    """Create, change and switch off surveys; change the feedback settings."""
    return _has_role(user, SURVEY_MANAGERS)


def can_manage_mention_sources(user: object) -> bool:
    """Add mention sources and see or renew their secrets."""
    return _has_role(user, SOURCE_MANAGERS)


def can_view_feedback(user: object) -> bool:
    """See the feedback page (responses within one's scope, mentions)."""
    return isinstance(user, User) and user.is_active


def can_open_mention_tickets(user: object) -> bool:
    return _has_role(user, TICKET_OPENERS)


def _require(actor: Actor, flag: bool, message: str) -> None:
    if actor.user is not None and not flag:
        raise Forbidden(message)


def require_survey_manager(actor: Actor) -> None:
    """Raise Forbidden unless the actor is the system, an administrator or a manager."""
    _require(
        actor,
        can_manage_surveys(actor.user),
        _("Only administrators and managers change surveys."),
    )


def require_source_manager(actor: Actor) -> None:
    """Raise Forbidden unless the actor is the system or an administrator."""
    _require(
        actor,
        can_manage_mention_sources(actor.user),
        _("Only administrators manage mention sources."),
    )


def require_mention_ticket_opener(actor: Actor) -> None:
    _require(
        actor,
        can_open_mention_tickets(actor.user),
        _("Only agents, managers and administrators open tickets."),
    )
