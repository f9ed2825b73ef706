"""Reading the audit log (administrators only).

The audit app sits below accounts in the layer order (pyproject.toml), so it names the
role by the value stored on the user rather than importing ``accounts.models.Role``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from cortesia.audit.models import AuditEvent
from cortesia.core.errors import Forbidden

AUDIT_READERS = frozenset({"admin"})


Viewer = AbstractBaseUser | AnonymousUser


def can_read_audit_log(viewer: Viewer) -> bool:
    return bool(viewer.is_active) and getattr(viewer, "role", None) in AUDIT_READERS


def audit_events_recent(*, viewer: Viewer, limit: int = 200) -> QuerySet[AuditEvent]:
    """Return the newest audit events first; raise Forbidden unless the viewer is an admin."""
    if not can_read_audit_log(viewer):
        raise Forbidden(_("Only administrators read the audit log."))
    return AuditEvent.objects.select_related("actor").order_by("-occurred_at", "-id")[:limit]


@dataclass(frozen=True)
class AuditRow:
    """One line of the audit page: the event, with who acted and on whom as people read it.

    The usernames are empty when they would only repeat the name (an account without one).
    """

    event: AuditEvent
    actor_name: str
    actor_username: str
    object_name: str
    object_username: str


def audit_rows_recent(*, viewer: Viewer, limit: int = 200) -> list[AuditRow]:
    """Return the newest audit events first as rows naming people; raise Forbidden unless
    the viewer is an admin.

    The actor is named as the row recorded them. A user the action was about is named as
    they are called now (rows keep only their username), in one query for the whole page.
    """
    events = list(audit_events_recent(viewer=viewer, limit=limit))
    names = _user_names({event.object_uid for event in events if event.object_type == "user"})
    return [_row(event, names) for event in events]


def _user_names(uids: set[str]) -> dict[str, str]:
    valid: set[uuid.UUID] = set()
    for text in uids:
        try:
            valid.add(uuid.UUID(text))
        except ValueError:
            continue
    if not valid:
        return {}
    users = get_user_model().objects.filter(uid__in=valid)
    return {str(user.uid): user.display_name for user in users}


def _row(event: AuditEvent, names: dict[str, str]) -> AuditRow:
    # Rows written before names were kept have only the username.
    actor_name = event.actor_name or event.actor_label
    object_name = names.get(event.object_uid, "") if event.object_type == "user" else ""
    object_name = object_name or event.object_label
    return AuditRow(
        event=event,
        actor_name=actor_name,
        actor_username=event.actor_label if event.actor_label != actor_name else "",
        object_name=object_name,
        object_username=event.object_label if event.object_label != object_name else "",
    )
