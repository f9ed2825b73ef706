"""Views every deployment has: the health check, the site icon, the localized error pages and
the settings index."""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cortesia.core.heartbeat import worker_is_alive_cached, worker_is_alive_refresh
from cortesia.core.settings_sections import settings_sections_for

logger = logging.getLogger(__name__)


@never_cache
@require_GET
@login_not_required
def healthz(request: HttpRequest) -> JsonResponse:
    """Report the database and the task workers; 503 with a generic body when the DB is down.

    One query per call: ``SELECT 1``, or, every few seconds, the heartbeat read, which
    answers for the database as well."""
    try:
        alive = worker_is_alive_cached()
        if alive is None:
            alive = worker_is_alive_refresh()
        else:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        worker = "ok" if alive else "late"
    except DatabaseError:
        logger.warning("Health check: the database is unreachable.")
        return JsonResponse({"status": "unavailable"}, status=503, headers={"Retry-After": "30"})
    return JsonResponse({"status": "ok", "database": "ok", "worker": worker})


@require_GET
@login_not_required
def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Send browsers and tools that ask for /favicon.ico to the icon our pages link to."""
    response = HttpResponseRedirect(static("cortesia/favicon.ico"))
    response.headers["Cache-Control"] = "max-age=86400"
    return response


def _api_error(code: str, message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message}}, status=status)


@login_not_required
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return _api_error("not_found", _("There is nothing at this address."), 404)
    if request.path.startswith("/portal/"):  # customers get the portal's own page
        return render(request, "portal/404.html", status=404)
    return render(request, "errors/404.html", status=404)


@login_not_required
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return _api_error("forbidden", _("You do not have permission to do this."), 403)
    return render(request, "errors/403.html", status=403)


@login_not_required
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return _api_error("bad_request", _("The request could not be understood."), 400)
    return render(request, "errors/400.html", status=400)


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the context processors' database queries: the database may be the
    # reason we are here.
    if request.path.startswith("/api/"):
        return _api_error("server_error", _("Something went wrong on our side."), 500)
    return render(request, "errors/500.html", status=500)


@login_not_required
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form that came without its security token (an old page, blocked cookies, or
    another site posting): say what to do, in the visitor's language."""
    template = "portal/csrf.html" if request.path.startswith("/portal/") else "errors/csrf.html"
    return render(request, template, status=403)


@require_GET
def settings_index_view(request: HttpRequest) -> HttpResponse:
    """List the settings sections the signed-in user may open; 403 when there is none."""
    sections = settings_sections_for(request.user)
    if not sections:
        raise PermissionDenied
    return render(request, "settings/index.html", {"sections": sections})
