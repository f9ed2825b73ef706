"""Staff pages: the customer list with live search and the 360° customer page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from cortesia.accounts.views import staff_user
from cortesia.core.errors import NotFound
from cortesia.customers.consents import consent_current
from cortesia.customers.profile_card import customer_card
from cortesia.customers.selectors import (
    customer_get,
    customer_list,
    customer_timeline,
    order_list,
)
from cortesia.localization.selectors import business_register_defaults

PAGE_SIZE = 50


@require_GET
def customer_list_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    customers = customer_list(viewer=staff_user(request), query=query).order_by(
        "-created_at", "-uid"
    )[:PAGE_SIZE]
    template = (
        "customers/customer_rows.html"
        if request.headers.get("HX-Request")
        else "customers/customer_list.html"
    )
    return render(request, template, {"customers": customers, "query": query})


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
    return render(
        request,
        "customers/customer_detail.html",
        {
            "customer": customer,
            "card": card,
            "orders": order_list(viewer=viewer, customer_uid=uid)
            .prefetch_related(None)
            .order_by("-placed_at")[:20],
            "consents": list(consent_current(customer=customer).values()),
            "events": customer_timeline(customer=customer).order_by("-occurred_at", "-id")[:50],
        },
    )
