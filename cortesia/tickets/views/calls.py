"""Logging a phone call: from the ticket page, or from the customer's page on one of
their open tickets or on a new phone ticket."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cortesia.accounts.models import User
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, NotFound
from cortesia.core.refusals import refusal_on_form
from cortesia.customers.models import Customer
from cortesia.customers.selectors import customer_get
from cortesia.customers.services import DuplicateCustomer
from cortesia.tickets.calls import call_log
from cortesia.tickets.desk_forms import CallForm, CustomerCallForm
from cortesia.tickets.intake import DeskOpened, DeskTicketData, desk_ticket_open
from cortesia.tickets.models import Ticket
from cortesia.tickets.replies import ReplySent
from cortesia.tickets.selectors import OPEN_STATUSES, ticket_list_for_customer
from cortesia.tickets.views.new_ticket import desk_user, opened_redirect
from cortesia.tickets.views.ticket import ticket_page_url
from cortesia.tickets.views.ticket_page import ticket_for_staff

TICKETS_OFFERED = 10


def _logged(request: HttpRequest, sent: ReplySent) -> None:
    if sent.status_refused:
        messages.warning(
            request,
            _("Call logged, but the status was left as it was: %(reason)s")
            % {"reason": sent.status_refused},
        )
    elif not sent.is_replay:
        messages.success(request, _("Call logged."))


@require_http_methods(["GET", "POST"])
def ticket_call_view(request: HttpRequest, uid: str) -> HttpResponse:
    """Log a call on the ticket (the ticket page's form posts here; the form alone is
    shown again with its errors, or on a GET)."""
    _viewer, ticket = ticket_for_staff(request, uid)
    form = CallForm(request.POST or None, initial=CallForm.initial_for(ticket))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                sent = call_log(
                    ticket=ticket,
                    call=form.call(),
                    expected_version=form.cleaned_data["version"],
                    key=form.cleaned_data["submission"],
                    actor=Actor.from_request(request),
                )
            except DomainError as error:
                status = refusal_on_form(form, error)
            else:
                _logged(request, sent)
                return redirect(f"{ticket_page_url(request, uid)}#message-{sent.message.uid}")
    context = {"ticket": ticket, "form": form}
    return render(request, "tickets/call_log.html", context, status=status)


def _customer_for_desk(request: HttpRequest, uid: str) -> tuple[User, Customer]:
    viewer = desk_user(request)
    try:
        return viewer, customer_get(viewer=viewer, uid=uid)
    except NotFound:
        raise Http404 from None


def _open_tickets(viewer: User, customer: Customer) -> list[Ticket]:
    return list(
        ticket_list_for_customer(viewer=viewer, customer=customer).filter(status__in=OPEN_STATUSES)[
            :TICKETS_OFFERED
        ]
    )


def _log_for_customer(
    request: HttpRequest, customer: Customer, form: CustomerCallForm
) -> ReplySent | DeskOpened:
    data = form.cleaned_data
    actor = Actor.from_request(request)
    chosen = form.tickets.get(data["ticket"])
    if chosen is not None:
        return call_log(
            ticket=chosen,
            call=form.call(),
            expected_version=chosen.version,
            key=data["submission"],
            actor=actor,
        )
    desk = DeskTicketData(
        subject=data["subject"],
        body=data["body"],
        channel=Ticket.Channel.PHONE,
        customer=customer,
        call=form.call(),
    )
    return desk_ticket_open(data=desk, key=data["submission"], actor=actor)


@require_http_methods(["GET", "POST"])
def customer_call_view(request: HttpRequest, uid: str) -> HttpResponse:
    """Log a call with the customer ``uid``: on one of their open tickets, or on a new
    phone ticket whose first message is the call."""
    viewer, customer = _customer_for_desk(request, uid)
    tickets = _open_tickets(viewer, customer)
    initial = {"submission": uuid.uuid4().hex, "subject": _("Phone call")}
    form = CustomerCallForm(request.POST or None, tickets=tickets, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                done = _log_for_customer(request, customer, form)
            except (DuplicateCustomer, DomainError) as error:
                status = refusal_on_form(form, error)
            else:
                if isinstance(done, DeskOpened):
                    return opened_redirect(request, viewer, done)
                _logged(request, done)
                return redirect("tickets:ticket-detail", uid=form.cleaned_data["ticket"])
    context = {"customer": customer, "form": form}
    return render(request, "tickets/call_customer.html", context, status=status)
