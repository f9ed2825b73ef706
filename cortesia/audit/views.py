"""The audit log page (administrators only, read-only)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cortesia.audit.selectors import audit_rows_recent
from cortesia.core.errors import Forbidden


@require_GET
def audit_log_view(request: HttpRequest) -> HttpResponse:
    try:
        rows = audit_rows_recent(viewer=request.user)
    except Forbidden:
        raise PermissionDenied from None
    return render(request, "audit/audit_log.html", {"rows": rows})
