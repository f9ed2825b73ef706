"""The settings pages of custom fields: the list, the editor, deactivation and
reactivation. Every change goes through the custom-field services (audited)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cortesia.accounts.views import staff_user
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, NotFound
from cortesia.core.refusals import refusal_on_form
from cortesia.customers.custom_fields import (
    CustomFieldData,
    can_manage_custom_fields,
    custom_field_create,
    custom_field_get,
    custom_field_list,
    custom_field_update,
)
from cortesia.customers.field_forms import CustomFieldForm
from cortesia.customers.models import CustomField


def _admin(request: HttpRequest) -> None:
    if not can_manage_custom_fields(staff_user(request)):
        raise PermissionDenied


def _field(uid: str) -> CustomField:
    try:
        return custom_field_get(uid=uid)
    except NotFound:
        raise Http404 from None


@require_GET
def field_list_view(request: HttpRequest) -> HttpResponse:
    _admin(request)
    fields = custom_field_list(include_inactive=True)
    return render(request, "customers/settings/field_list.html", {"fields": fields})


@require_http_methods(["GET", "POST"])
def field_edit_view(request: HttpRequest, uid: str | None = None) -> HttpResponse:
    _admin(request)
    field = _field(uid) if uid else None
    form = CustomFieldForm(request.POST or None, field=field)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        actor, data = Actor.from_request(request), form.data_for_service()
        try:
            if field is None:
                field = custom_field_create(data=data, actor=actor)
            else:
                custom_field_update(field=field, data=data, actor=actor)
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(request, _("The custom field is saved."))
            return redirect("field-settings:field-list")
    context = {"form": form, "field": field}
    return render(request, "customers/settings/field_edit.html", context, status=status)


@require_POST
def field_activity_view(request: HttpRequest, uid: str) -> HttpResponse:
    """Deactivate (``active=0``) or reactivate (``active=1``) a field; idempotent."""
    _admin(request)
    field = _field(uid)
    is_active = request.POST.get("active") == "1"
    data = CustomFieldData(is_active=is_active)
    try:
        custom_field_update(field=field, data=data, actor=Actor.from_request(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        text = _("%(label)s is active again.") if is_active else _("%(label)s is deactivated.")
        messages.success(request, text % {"label": field.label})
    return redirect("field-settings:field-list")
