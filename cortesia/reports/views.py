"""Report pages: the dashboard, a page per area, one metric, and the CSV of any table.

Each view reads the filter form (the URL's parameters), asks ``page_data`` for what to
show and renders it; refusals come from the engine and ``page_data`` (Forbidden → 403,
an unknown metric → 404, bad parameters → 400 with the form and its messages).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_GET

from cortesia.accounts.models import User
from cortesia.accounts.views import staff_user
from cortesia.core.errors import Forbidden
from cortesia.reports import page_data
from cortesia.reports.currency import reporting_currency
from cortesia.reports.engine import Area, QueryError, metric_get, metric_run
from cortesia.reports.export import csv_filename, result_csv
from cortesia.reports.forms import FILTERS, ReportFilterForm
from cortesia.reports.inputs import QueryErrors, query_parse
from cortesia.reports.page_dashboard import dashboard_build
from cortesia.reports.page_look import Look
from cortesia.reports.permissions import can_view_economics, can_view_reports

# The dashboard filters by what tickets carry: every filter but the survey kind.
DASHBOARD_FILTERS = tuple(name for name in FILTERS if name != "survey_kind")


def _language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def _look(viewer: User) -> Look:
    """The viewer's language, and the reporting currency when they may see money."""
    return Look(_language(), reporting_currency() if can_view_economics(viewer) else "")


def _form(
    request: HttpRequest,
    viewer: User,
    dimensions: set[str],
    groupings: set[str],
    metric: str = "",
) -> ReportFilterForm:
    return ReportFilterForm(
        request.GET.dict(),
        viewer=viewer,
        language=_language(),
        dimensions=dimensions,
        groupings=groupings,
        metric=metric,
    )


@require_GET
def dashboard_view(request: HttpRequest) -> HttpResponse:
    viewer = staff_user(request)
    if not can_view_reports(viewer):
        raise PermissionDenied
    form = _form(request, viewer, set(DASHBOARD_FILTERS), set())
    context: dict[str, object] = {
        "form": form,
        "tab": "dashboard",
        "report_permissions": page_data.permissions_of(viewer),
        "dashboard": None,
    }
    if not form.is_valid() or form.params is None:
        return render(request, "reports/dashboard.html", context, status=400)
    look = _look(viewer)
    context["dashboard"] = dashboard_build(form.params, viewer, look, form.link)
    context["period"] = look.period(form.params.period)
    return render(request, "reports/dashboard.html", context)


@require_GET
def area_view(request: HttpRequest, area: str) -> HttpResponse:
    viewer = staff_user(request)
    chosen = Area(area)
    try:
        page_data.area_require(chosen, viewer)
    except Forbidden:
        raise PermissionDenied from None
    metrics = page_data.area_metrics(chosen)
    dimensions = {d for m in metrics for d in m.dimensions}
    form = _form(request, viewer, dimensions, dimensions)
    context: dict[str, object] = {
        "form": form,
        "tab": area,
        "report_permissions": page_data.permissions_of(viewer),
        "panels": [],
    }
    if not form.is_valid() or form.params is None:
        return render(request, "reports/area.html", context, status=400)
    look = _look(viewer)
    context["panels"] = page_data.area_build(chosen, form.params, viewer, look, form.link)
    context["period"] = look.period(form.params.period)
    return render(request, "reports/area.html", context)


@require_GET
def metric_view(request: HttpRequest) -> HttpResponseBase:
    """One metric (``?metric=<key>`` and the page's parameters); none chosen: the
    dashboard."""
    viewer = staff_user(request)
    name = request.GET.get("metric", "")
    if not name:
        return redirect("reports:dashboard")
    try:
        metric = metric_get(name)
        page_data.area_require(metric.area, viewer)
    except QueryError:
        raise Http404 from None
    except Forbidden:
        raise PermissionDenied from None
    form = _form(request, viewer, set(metric.dimensions), set(metric.dimensions), name)
    context: dict[str, object] = {
        "form": form,
        "tab": metric.area.value,
        "report_permissions": page_data.permissions_of(viewer),
        "metric": metric,
    }
    if not form.is_valid() or form.params is None:
        return render(request, "reports/metric.html", context, status=400)
    look = _look(viewer)
    context["panel"] = page_data.metric_build(name, form.params, viewer, look, form.link)
    context["period"] = look.period(form.params.period)
    return render(request, "reports/metric.html", context)


@require_GET
def export_view(request: HttpRequest) -> HttpResponseBase:
    """One metric's rows as CSV: ``metric`` and the parameters of the page it came from;
    none chosen: the dashboard, where every table links its CSV."""
    viewer = staff_user(request)
    if not request.GET.get("metric"):
        return redirect("reports:dashboard")
    language = _language()
    try:
        query = query_parse(request.GET.dict(), viewer, language=language)
        result = metric_run(query, viewer)
    except QueryErrors as refused:
        return render(
            request, "reports/export_refused.html", {"errors": refused.errors}, status=400
        )
    except Forbidden:
        raise PermissionDenied from None
    response = HttpResponse(result_csv(result, language), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{csv_filename(query)}"'
    return response
