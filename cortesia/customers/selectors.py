"""Reads of customers, scoped to staff; search is accent- and case-insensitive."""

from __future__ import annotations

import re
import uuid
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet

from cortesia.accounts.models import Role, User
from cortesia.core.errors import NotFound
from cortesia.customers.models import (
    Customer,
    CustomerEmail,
    CustomerEvent,
    CustomerPhone,
    Order,
)
from cortesia.customers.permissions import can_view_customers
from cortesia.lib.text import normalize_for_search

if TYPE_CHECKING:
    from cortesia.tickets.models import Ticket

# A query made only of digits and phone punctuation is also looked up as a phone number.
PHONE_LIKE = re.compile(r"[\d\s+().\-/]+")


def _visible(viewer: User) -> QuerySet[Customer]:
    if not can_view_customers(viewer):
        return Customer.objects.none()
    return Customer.objects.filter(merged_into__isnull=True)


def customer_list(*, viewer: User, query: str = "") -> QuerySet[Customer]:
    """Return customers matching ``query`` (name, e-mail, phone in any format), with contacts."""
    customers = (
        _visible(viewer)
        .select_related("organization")
        .prefetch_related(
            Prefetch("emails", queryset=CustomerEmail.objects.order_by("-is_primary", "id")),
            Prefetch("phones", queryset=CustomerPhone.objects.order_by("-is_primary", "id")),
        )
    )
    folded = normalize_for_search(query)
    if not folded:
        return customers
    digits = re.sub(r"\D", "", query)
    condition = Q(search_text__contains=folded)
    term = query.strip()
    if digits and len(term) <= 100:
        # An order number: looked up first (an index probe) so that the name search can
        # still use its own index; an OR with a subquery would scan every customer.
        owners = list(Order.objects.filter(number=term).values_list("customer_id", flat=True)[:20])
        if owners:
            condition |= Q(pk__in=owners)
    if len(digits) >= 6 and PHONE_LIKE.fullmatch(query.strip()):
        # "+39 06 1234 5678", "0039061234 5678" and "06 1234 5678" all match the stored digits.
        condition |= Q(search_text__contains=digits.lstrip("0"))
    return customers.filter(condition)


def customer_get(*, viewer: User, uid: str) -> Customer:
    """Return one customer by public id, or raise NotFound (also for merged-away records)."""
    try:
        return (
            customer_list(viewer=viewer)
            .select_related("organization__calendar")
            .get(uid=uuid.UUID(uid))
        )
    except (ValueError, Customer.DoesNotExist):
        raise NotFound("customer") from None


def customer_row_get(*, viewer: User, uid: str) -> Customer:
    """Return one customer by public id as :func:`customer_get` does (NotFound also for
    merged-away records), in one query of its own row: no organization and no contacts,
    which load on first use. For writes that name a customer, such as opening a ticket."""
    try:
        return _visible(viewer).get(uid=uuid.UUID(uid))
    except (ValueError, Customer.DoesNotExist):
        raise NotFound("customer") from None


TICKET_EVENTS = (
    CustomerEvent.Kind.TICKET_CREATED,
    CustomerEvent.Kind.TICKET_SOLVED,
    CustomerEvent.Kind.CALL_LOGGED,
)


def sees_tickets(viewer: User) -> bool:
    """Return True when ``viewer``'s role reads tickets at all (not marketers)."""
    return viewer.is_active and viewer.role in (Role.ADMIN, Role.MANAGER, Role.AGENT)


def ticket_scope(viewer: User) -> Q:
    """The tickets ``viewer`` may see, as ``tickets.selectors.ticket_list`` decides: admins
    all; managers their teams' and those with no team yet; agents their teams'; anyone
    else none. (The tickets app sits above this one, so the rule is stated here too; a
    test holds the two together.)"""
    if not sees_tickets(viewer):
        return Q(pk__in=[])
    if viewer.role == Role.ADMIN:
        return Q()
    in_my_teams = Q(team__in=viewer.teams.all())
    return in_my_teams | Q(team__isnull=True) if viewer.role == Role.MANAGER else in_my_teams


def customer_ticket_list(*, viewer: User, customer: Customer) -> QuerySet[Ticket]:
    """Return every ticket of ``customer`` that ``viewer`` may see, in any status, the most
    recently updated first: the rule of ``tickets.selectors.ticket_list_for_customer``
    (that app sits above this one; a test holds the two together)."""
    return (
        customer.tickets.filter(ticket_scope(viewer))
        .only("uid", "number", "subject", "status", "updated_at", "customer")
        .order_by("-updated_at", "-id")
    )


def customer_timeline(*, viewer: User, customer: Customer) -> QuerySet[CustomerEvent]:
    """Return the customer's events with their actors (callers choose the order).

    An event about a ticket ``viewer`` may not see is left out, as the ticket itself is:
    hidden is the same as not there.
    """
    visible = customer.tickets.filter(ticket_scope(viewer)).values_list("uid", flat=True)
    shown = [str(uid) for uid in visible]
    return customer.events.select_related("actor").exclude(
        Q(kind__in=TICKET_EVENTS) & ~Q(data__ticket__in=shown)
    )


def order_list(*, viewer: User, customer_uid: str | None = None) -> QuerySet[Order]:
    """Return orders of visible customers, optionally of one customer, with their lines."""
    orders = (
        Order.objects.filter(customer__in=_visible(viewer))
        .select_related("customer")
        .prefetch_related("lines")
    )
    if customer_uid:
        try:
            orders = orders.filter(customer__uid=uuid.UUID(customer_uid))
        except ValueError:
            raise NotFound("customer") from None
    return orders


def order_get(*, viewer: User, uid: str) -> Order:
    try:
        return order_list(viewer=viewer).get(uid=uuid.UUID(uid))
    except (ValueError, Order.DoesNotExist):
        raise NotFound("order") from None


def customer_find(*, viewer: User, reference: str) -> Customer:
    """Return the visible customer with this public id or e-mail address, or raise NotFound."""
    reference = reference.strip()
    if "@" in reference:
        customer = customer_list(viewer=viewer).filter(emails__address=reference.lower()).first()
        if customer is None:
            raise NotFound("customer")
        return customer
    return customer_get(viewer=viewer, uid=reference)
