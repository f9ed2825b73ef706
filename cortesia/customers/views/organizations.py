"""Staff pages of organizations: the list, one organization with its customers and its
calendar, and the editor (name, country, mail domains, calendar)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cortesia.accounts.views import staff_user
from cortesia.calendars.selectors import calendar_list
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, NotFound
from cortesia.core.refusals import refusal_on_form
from cortesia.customers.forms import OrganizationForm
from cortesia.customers.models import Organization
from cortesia.customers.organizations import (
    OrganizationData,
    organization_create,
    organization_customers,
    organization_get,
    organization_list_with_counts,
    organization_update,
)
from cortesia.customers.permissions import can_edit_customers, can_view_customers

CUSTOMERS_SHOWN = 100


@require_GET
def organization_list_view(request: HttpRequest) -> HttpResponse:
    viewer = staff_user(request)
    if not can_view_customers(viewer):
        raise PermissionDenied
    query = request.GET.get("q", "")[:100]
    context = {
        "organizations": organization_list_with_counts(viewer=viewer, query=query)[:200],
        "query": query,
        "can_edit": can_edit_customers(viewer),
    }
    return render(request, "customers/organization_list.html", context)


@require_GET
def organization_detail_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer = staff_user(request)
    try:
        organization = organization_get(viewer=viewer, uid=uid)
    except NotFound:
        raise Http404 from None
    context = {
        "organization": organization,
        "customers": organization_customers(viewer=viewer, organization=organization)
        .select_related(None)
        .prefetch_related(None)[:CUSTOMERS_SHOWN],
        "can_edit": can_edit_customers(viewer),
    }
    return render(request, "customers/organization_detail.html", context)


def _data(form: OrganizationForm) -> OrganizationData:
    data = form.cleaned_data
    return OrganizationData(
        name=data["name"],
        country=data["country"],
        domains=data["domains"],
        calendar=data["calendar"],
        clear_calendar=data["calendar"] is None,
    )


@require_http_methods(["GET", "POST"])
def organization_edit_view(request: HttpRequest, uid: str = "") -> HttpResponse:
    """Create (no ``uid``) or change an organization; 403 for those who may not edit."""
    viewer = staff_user(request)
    if not can_edit_customers(viewer):
        raise PermissionDenied
    organization: Organization | None = None
    if uid:
        try:
            organization = organization_get(viewer=viewer, uid=uid)
        except NotFound:
            raise Http404 from None
    initial = OrganizationForm.initial_for(organization) if organization else {}
    form = OrganizationForm(request.POST or None, initial=initial, calendars=calendar_list())
    status = None
    if request.method == "POST" and form.is_valid():
        actor = Actor.from_request(request)
        try:
            if organization is None:
                organization = organization_create(data=_data(form), actor=actor)
            else:
                organization_update(organization=organization, data=_data(form), actor=actor)
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(request, _("The organization is saved."))
            return redirect("customers:organization-detail", uid=organization.uid)
    context = {"form": form, "organization": organization}
    status = status or (400 if form.errors else 200)
    return render(request, "customers/organization_edit.html", context, status=status)
