"""Staff pages for CSV imports: upload, then watch the progress bar."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from cortesia.accounts.views import staff_user
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, NotFound
from cortesia.core.refusals import refusal_on_form
from cortesia.customers.forms import ImportForm
from cortesia.customers.importing import import_get, import_list, import_start
from cortesia.customers.permissions import can_import

RECENT = 20


@require_http_methods(["GET", "POST"])
def import_list_view(request: HttpRequest) -> HttpResponse:
    viewer = staff_user(request)
    if not can_import(viewer):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            record = import_start(
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                source=form.cleaned_data["source"],
                is_dry_run=form.cleaned_data["dry_run"],
                actor=Actor.from_request(request),
            )
        except DomainError as error:
            status = refusal_on_form(form, error, upload_field="file")
        else:
            return redirect("customers:import-detail", uid=record.uid)
    imports = import_list(viewer=viewer).select_related("created_by").order_by("-created_at")
    return render(
        request,
        "customers/import_list.html",
        {"form": form, "imports": imports[:RECENT]},
        status=status,
    )


@require_GET
def import_detail_view(request: HttpRequest, uid: str) -> HttpResponse:
    try:
        record = import_get(viewer=staff_user(request), uid=uid)
    except NotFound:
        raise Http404 from None
    template = (
        "customers/import_progress.html"
        if request.headers.get("HX-Request")
        else "customers/import_detail.html"
    )
    return render(request, template, {"record": record})
