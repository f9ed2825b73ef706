"""Which customer is signed in to the portal, read from the session: for the portal and
for the pages below it that show more to a signed-in customer (the help centre's
segment-restricted articles). Signing in and out is the portal's (``portal.sessions``)."""

from __future__ import annotations

from django.http import HttpRequest

from cortesia.customers.models import Customer
from cortesia.customers.services import customer_by_email

SESSION_KEY = "portal"


def portal_customer(request: HttpRequest) -> Customer | None:
    """The signed-in customer, or None. The session ends when the address no longer
    belongs to that customer (or to the customer they were merged into)."""
    stored = request.session.get(SESSION_KEY)
    if not isinstance(stored, dict):
        return None
    customer = customer_by_email(str(stored.get("address", "")))
    if customer is None:
        request.session.pop(SESSION_KEY, None)
        return None
    if str(customer.uid) != stored.get("customer"):
        merged_in = Customer.objects.filter(
            merged_into=customer, uid=str(stored.get("customer", ""))
        ).exists()
        if not merged_in:
            request.session.pop(SESSION_KEY, None)
            return None
    return customer
