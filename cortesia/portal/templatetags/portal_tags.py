"""What a ticket's status means to the customer who opened it."""

from __future__ import annotations

from django.template import Library
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cortesia.tickets.models import Ticket

register = Library()

# Customers see where their request stands, not the team's internal states.
CUSTOMER_STATUS: dict[str, Promise] = {
    Ticket.Status.NEW: _("Received"),
    Ticket.Status.OPEN: _("In progress"),
    Ticket.Status.ON_HOLD: _("In progress"),
    Ticket.Status.PENDING: _("Waiting for your answer"),
    Ticket.Status.SOLVED: _("Solved"),
    Ticket.Status.CLOSED: _("Closed"),
}


@register.filter
def customer_status(status: str) -> str:
    return str(CUSTOMER_STATUS.get(status, ""))
