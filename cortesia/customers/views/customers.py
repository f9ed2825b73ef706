"""Staff pages: the customer list with live search and the 360° customer page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cortesia.accounts.models import User
from cortesia.accounts.views import staff_user
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, NotFound
from cortesia.core.refusals import refusal_on_form
from cortesia.culture.business_time import OpenInterval
from cortesia.customers.consents import consent_current
from cortesia.customers.contact_window import contact_window_next
from cortesia.customers.custom_fields import custom_field_list, custom_values_shown
from cortesia.customers.forms import CustomerForm, MergeForm
from cortesia.customers.merge import customer_merge
from cortesia.customers.models import Customer
from cortesia.customers.permissions import can_edit_customers, can_import
from cortesia.customers.profile_card import customer_card
from cortesia.customers.segments import customers_in, segment_list
from cortesia.customers.selectors import (
    customer_find,
    customer_get,
    customer_ticket_list,
    order_list,
    sees_tickets,
)
from cortesia.customers.services import customer_update
from cortesia.customers.timeline import customer_timeline_entries
from cortesia.localization.selectors import business_register_defaults

PAGE_SIZE = 50
TICKETS_SHOWN = 50


@require_GET
def customer_list_view(request: HttpRequest) -> HttpResponse:
    viewer = staff_user(request)
    query = request.GET.get("q", "")[:200]
    segment_uid = request.GET.get("segment") or None
    try:
        customers = customers_in(viewer=viewer, query=query, segment_uid=segment_uid)
    except NotFound:
        raise Http404 from None
    template = (
        "customers/customer_rows.html"
        if request.headers.get("HX-Request")
        else "customers/customer_list.html"
    )
    context = {
        "customers": customers.order_by("-created_at", "-uid")[:PAGE_SIZE],
        "query": query,
        "segment_uid": segment_uid,
        "segments": segment_list(viewer=viewer),
        "can_import": can_import(viewer),
    }
    return render(request, template, context)


def _tickets_context(viewer: User, customer: Customer) -> dict[str, object]:
    """The customer's tickets the viewer may see (all statuses), the newest changes first."""
    if not sees_tickets(viewer):
        return {"can_see_tickets": False}
    tickets = list(customer_ticket_list(viewer=viewer, customer=customer)[: TICKETS_SHOWN + 1])
    total = len(tickets)
    if total > TICKETS_SHOWN:
        total = customer_ticket_list(viewer=viewer, customer=customer).count()
    return {"can_see_tickets": True, "tickets": tickets[:TICKETS_SHOWN], "ticket_total": total}


def _contact_window(customer: Customer) -> dict[str, object]:
    """When surveys and other unprompted messages may next reach the customer."""
    window = contact_window_next(customer=customer, after=timezone.now())
    start, end = window.hours
    return {
        "contact_window": window,
        "contact_hours": OpenInterval(start.hour * 60 + start.minute, end.hour * 60 + end.minute),
    }


@require_GET
def customer_detail_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer = staff_user(request)
    try:
        customer = customer_get(viewer=viewer, uid=uid)
    except NotFound:
        raise Http404 from None
    card = customer_card(
        customer,
        staff_language=translation.get_language() or "en",
        now=timezone.now(),
        business=business_register_defaults(),
    )
    context = {
        "customer": customer,
        "card": card,
        **_contact_window(customer),
        "custom_values": custom_values_shown(customer, custom_field_list()),
        "can_edit": can_edit_customers(viewer),
        "orders": order_list(viewer=viewer, customer_uid=uid)
        .prefetch_related(None)
        .order_by("-placed_at")[:20],
        "consents": list(consent_current(customer=customer).values()),
        "merge_form": MergeForm() if can_edit_customers(viewer) else None,
        "entries": customer_timeline_entries(viewer=viewer, customer=customer),
        **_tickets_context(viewer, customer),
    }
    return render(request, "customers/customer_detail.html", context)


@require_http_methods(["GET", "POST"])
def customer_edit_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer = staff_user(request)
    try:
        customer = customer_get(viewer=viewer, uid=uid)
    except NotFound:
        raise Http404 from None
    if not can_edit_customers(viewer):
        raise PermissionDenied
    fields = custom_field_list()
    form = CustomerForm(
        request.POST or None,
        custom_fields=fields,
        initial=CustomerForm.initial_for(customer),
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            customer_update(
                customer=customer,
                data=form.to_data(),
                expected_version=form.cleaned_data["version"],
                actor=Actor.from_request(request),
            )
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("customers:customer-detail", uid=uid)
    return render(
        request,
        "customers/customer_edit.html",
        {"customer": customer, "form": form},
        status=status,
    )


@require_POST
def customer_merge_view(request: HttpRequest, uid: str) -> HttpResponse:
    """Merge the duplicate named in the form into this customer, then show the result."""
    viewer = staff_user(request)
    try:
        target = customer_get(viewer=viewer, uid=uid)
    except NotFound:
        raise Http404 from None
    form = MergeForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("customers:customer-detail", uid=uid)
    try:
        duplicate = customer_find(viewer=viewer, reference=form.cleaned_data["duplicate"])
        customer_merge(target=target, duplicate=duplicate, actor=Actor.from_request(request))
    except NotFound:
        messages.error(request, _("No customer has this e-mail address or public id."))
    except DomainError as error:  # refused: the role, or a customer that cannot merge
        messages.error(request, error.message)
    else:
        messages.success(request, _("Merged %(name)s into this customer.") % {"name": duplicate})
    return redirect("customers:customer-detail", uid=uid)
