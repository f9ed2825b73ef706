"""Who may do what with the knowledge base. Default deny: a role not named may not."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cortesia.accounts.models import Role, User
from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden

EDITORS = (Role.ADMIN, Role.MANAGER)
READERS = (Role.ADMIN, Role.MANAGER, Role.AGENT)


def can_edit_articles(user: User) -> bool:
    """Write, translate, publish and restore articles; file them in categories."""
    return user.is_active and user.role in EDITORS


def can_read_internal_articles(user: User) -> bool:
    """Read every article, staff-only ones included (agents answer with them)."""
    return user.is_active and user.role in READERS


def is_knowledge_reader(user: object) -> bool:
    """For page guards and settings flags, which take any object."""
    return isinstance(user, User) and can_read_internal_articles(user)


def is_knowledge_editor(user: object) -> bool:
    return isinstance(user, User) and can_edit_articles(user)


def require_article_editor(actor: Actor) -> None:
    if actor.user is None or not can_edit_articles(actor.user):
        raise Forbidden(_("Only administrators and managers edit the knowledge base."))
