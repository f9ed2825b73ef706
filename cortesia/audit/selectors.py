"""Reading the audit log (administrators only).

The audit app sits below accounts in the layer order (pyproject.toml), so it names the
role by the value stored on the user rather than importing ``accounts.models.Role``.
"""

from __future__ import annotations

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
