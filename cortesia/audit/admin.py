from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from cortesia.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    """Read-only: the audit log is append-only for everyone, administrators included."""

    list_display = [
        "occurred_at",
        "actor_label",
        "actor_name",
        "client_ip",
        "action",
        "object_label",
        "result",
    ]
    list_filter = ["action", "result"]
    search_fields = ["actor_label", "actor_name", "object_label"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False
