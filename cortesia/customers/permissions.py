"""Which staff roles may change what in the customers app (default deny)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cortesia.accounts.models import Role, User
from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden

CUSTOMER_READERS = frozenset({Role.ADMIN, Role.MANAGER, Role.AGENT, Role.MARKETER})
CUSTOMER_EDITORS = frozenset({Role.ADMIN, Role.MANAGER, Role.AGENT})
SEGMENT_MANAGERS = frozenset({Role.ADMIN, Role.MARKETER})
IMPORTERS = frozenset({Role.ADMIN, Role.MANAGER})


def _allowed(actor: Actor, roles: frozenset[Role]) -> bool:
    # The system actor (demo loader, background tasks acting for a checked user) may write.
    return actor.user is None or (actor.user.is_active and actor.user.role in roles)


def can_view_customers(user: User) -> bool:
    """Read customers, organizations and segments (the customer list and pages)."""
    return user.is_active and user.role in CUSTOMER_READERS


def can_edit_customers(user: User) -> bool:
    return user.is_active and user.role in CUSTOMER_EDITORS


def can_manage_segments(user: User) -> bool:
    return user.is_active and user.role in SEGMENT_MANAGERS


def can_import(user: User) -> bool:
    return user.is_active and user.role in IMPORTERS


def require_customer_editor(actor: Actor) -> None:
    if not _allowed(actor, CUSTOMER_EDITORS):
        raise Forbidden(_("Your role may read customers but not change them."))


def require_segment_manager(actor: Actor) -> None:
    if not _allowed(actor, SEGMENT_MANAGERS):
        raise Forbidden(_("Only administrators and marketers manage segments."))


def require_importer(actor: Actor) -> None:
    if not _allowed(actor, IMPORTERS):
        raise Forbidden(_("Only administrators and managers import data."))
