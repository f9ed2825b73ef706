"""The settings pages of canned responses: the list, the editor with its variants grid,
and the preview of a response as one customer would get it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cortesia.accounts.models import User
from cortesia.accounts.views import staff_user
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, NotFound
from cortesia.customers.models import Customer
from cortesia.customers.selectors import customer_get, customer_list
from cortesia.localization.selectors import business_register_defaults
from cortesia.tickets.canned import (
    PLACEHOLDERS,
    Rendered,
    can_edit_canned,
    canned_get,
    canned_list,
    canned_preview,
    canned_save,
)
from cortesia.tickets.canned_forms import CannedForm, PreviewForm
from cortesia.tickets.models import CannedResponse

CUSTOMERS_FOUND = 10


def _editor(request: HttpRequest) -> User:
    viewer = staff_user(request)
    if not can_edit_canned(viewer):
        raise PermissionDenied
    return viewer


def _response(viewer: User, uid: str) -> CannedResponse:
    try:
        return canned_get(viewer=viewer, uid=uid)
    except NotFound:
        raise Http404 from None


@require_GET
def canned_list_view(request: HttpRequest) -> HttpResponse:
    responses = canned_list(viewer=_editor(request))
    return render(request, "tickets/settings/canned_list.html", {"responses": responses})


@require_http_methods(["GET", "POST"])
def canned_edit_view(request: HttpRequest, uid: str | None = None) -> HttpResponse:
    viewer = _editor(request)
    response = _response(viewer, uid) if uid else None
    form = CannedForm(request.POST or None, response=response)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            saved = canned_save(
                response=response,
                name=form.cleaned_data["name"],
                variants=form.variants(),
                actor=Actor.from_request(request),
            )
        except DomainError as error:
            status = form.refuse(error)
        else:
            messages.success(request, _("The canned response is saved."))
            return redirect("canned-settings:canned-edit", uid=saved.uid)
    context = {"form": form, "response": response, "placeholders": sorted(PLACEHOLDERS)}
    return render(request, "tickets/settings/canned_edit.html", context, status=status)


def _previewed(
    viewer: User, response: CannedResponse, customer: Customer
) -> tuple[Rendered | None, str]:
    try:
        rendered = canned_preview(
            response=response,
            customer=customer,
            agent=viewer,
            business=business_register_defaults(),
        )
    except NotFound:
        return None, _(
            "This response has no variant in the customer's language or in the site language."
        )
    return rendered, ""


@require_GET
def canned_preview_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer = _editor(request)
    response = _response(viewer, uid)
    form = PreviewForm(request.GET or None)
    context: dict[str, object] = {"form": form, "response": response, "found": []}
    if form.is_valid():
        query, chosen = form.cleaned_data["q"], form.cleaned_data["customer"]
        if query:
            context["found"] = list(customer_list(viewer=viewer, query=query)[:CUSTOMERS_FOUND])
        if chosen:
            try:
                customer = customer_get(viewer=viewer, uid=str(chosen))
            except NotFound:
                raise Http404 from None
            context["customer"] = customer
            context["rendered"], context["problem"] = _previewed(viewer, response, customer)
    return render(request, "tickets/settings/canned_preview.html", context)
