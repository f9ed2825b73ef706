"""Who is signed in to the portal: a customer and the address their link went to, kept in
the session apart from any staff login."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.utils import timezone, translation

from cortesia.customers.models import Customer
from cortesia.customers.signed_in import SESSION_KEY, portal_customer
from cortesia.localization.selectors import spoken_base
from cortesia.portal.links import Redeemed


def portal_sign_in(request: HttpRequest, redeemed: Redeemed) -> None:
    """Start a portal session (a new session key, so a planted one is worthless)."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = {
        "customer": str(redeemed.customer.uid),
        "address": redeemed.address,
    }


def portal_sign_out(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()


def portal_language(customer: Customer | None) -> str | None:
    """The customer's language when the portal speaks it."""
    if customer is None:
        return None
    return spoken_base(customer.language)


@contextmanager
def in_customer_world(request: HttpRequest, customer: Customer) -> Iterator[None]:
    """Render inside it in the customer's language and time zone (the thread's previous
    ones come back afterwards)."""
    language = portal_language(customer) or translation.get_language()
    with translation.override(language), timezone.override(customer.time_zone or None):
        request.LANGUAGE_CODE = language
        yield


Response = TypeVar("Response", bound=HttpResponseBase)


def in_language(response: Response) -> Response:
    """Name the page's language (the customer's) before the locale middleware names the
    browser's."""
    response.headers.setdefault("Content-Language", translation.get_language() or "")
    return response


View = Callable[..., HttpResponseBase]


def customer_required(view: View) -> View:
    """A portal page for signed-in customers; others go to the sign-in page. The view
    gets the customer as its second argument."""

    @login_not_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        customer = portal_customer(request)
        if customer is None:
            return redirect("portal:sign-in")
        with in_customer_world(request, customer):
            return in_language(view(request, customer, *args, **kwargs))

    return wrapped
