"""Staff pages for segments: the list, the editor with a live count and preview."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cortesia.accounts.views import staff_user
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, FieldErrors, NotFound
from cortesia.core.refusals import refusal_on_form
from cortesia.customers.forms import SegmentForm
from cortesia.customers.models import Segment
from cortesia.customers.permissions import can_manage_segments
from cortesia.customers.segments import (
    SegmentData,
    segment_create,
    segment_delete,
    segment_get,
    segment_list,
    segment_preview,
    segment_update,
)

PREVIEW_SIZE = 10
EXAMPLE_RULES = {"op": "and", "rules": [{"field": "country", "operator": "in", "value": ["IT"]}]}


@require_GET
def segment_list_view(request: HttpRequest) -> HttpResponse:
    viewer = staff_user(request)
    return render(
        request,
        "customers/segment_list.html",
        {"segments": segment_list(viewer=viewer), "can_manage": can_manage_segments(viewer)},
    )


def _save(form: SegmentForm, segment: Segment | None, request: HttpRequest) -> Segment:
    data = SegmentData(
        name=form.cleaned_data["name"],
        description=form.cleaned_data["description"],
        rules=form.cleaned_data["rules"],
    )
    actor = Actor.from_request(request)
    if segment is None:
        return segment_create(data=data, actor=actor)
    return segment_update(
        segment=segment, data=data, expected_version=form.cleaned_data["version"], actor=actor
    )


@require_http_methods(["GET", "POST"])
def segment_edit_view(request: HttpRequest, uid: str | None = None) -> HttpResponse:
    viewer = staff_user(request)
    if not can_manage_segments(viewer):
        raise PermissionDenied
    try:
        segment = segment_get(viewer=viewer, uid=uid) if uid else None
    except NotFound:
        raise Http404 from None
    initial = (
        {
            "name": segment.name,
            "description": segment.description,
            "rules": segment.rules,
            "version": segment.version,
        }
        if segment
        else {"rules": EXAMPLE_RULES}
    )
    form = SegmentForm(request.POST or None, initial=initial)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save(form, segment, request)
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("customers:segment-edit", uid=saved.uid)
    context = {"form": form, "segment": segment}
    return render(request, "customers/segment_edit.html", context, status=status)


@require_POST
def segment_preview_view(request: HttpRequest) -> HttpResponse:
    """Answer the editor's live count and preview for the rules typed so far."""
    viewer = staff_user(request)
    form = SegmentForm({"name": "-", "rules": request.POST.get("rules", "")})
    context: dict[str, object] = {"error": ""}
    if not form.is_valid():
        context["error"] = "; ".join(str(e) for e in form.errors.get("rules", []))
    else:
        try:
            context["count"], context["customers"] = segment_preview(
                viewer=viewer, rules=form.cleaned_data["rules"], size=PREVIEW_SIZE
            )
        except FieldErrors as error:
            context["error"] = "; ".join(f"{k}: {v}" for k, v in error.errors.items())
    return render(request, "customers/segment_preview.html", context)


@require_POST
def segment_delete_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer = staff_user(request)
    try:
        segment = segment_get(viewer=viewer, uid=uid)
    except NotFound:
        raise Http404 from None
    if not can_manage_segments(viewer):
        raise PermissionDenied
    segment_delete(segment=segment, actor=Actor.from_request(request))
    messages.success(request, _("Segment deleted."))
    return redirect("customers:segment-list")
