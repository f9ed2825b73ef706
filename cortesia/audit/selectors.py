"""Reading the audit log (admins only)."""

from __future__ import annotations

from django.db.models import QuerySet

from cortesia.audit.models import AuditEvent


def audit_events_recent(*, limit: int = 200) -> QuerySet[AuditEvent]:
    """Return the newest audit events first."""
    return AuditEvent.objects.select_related("actor").order_by("-occurred_at", "-id")[:limit]
