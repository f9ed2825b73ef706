"""Staff pages: the inbox sorted by SLA urgency and the ticket page with its composer."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cortesia.accounts.models import Role
from cortesia.accounts.views import staff_user
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, DomainError, NotFound
from cortesia.customers.addressing import customer_address_as
from cortesia.customers.profile_card import customer_card
from cortesia.localization.selectors import business_register_defaults
from cortesia.tickets.forms import ReplyForm
from cortesia.tickets.models import Ticket
from cortesia.tickets.selectors import (
    BREACHING_SOON,
    INBOX_VIEWS,
    inbox,
    ticket_get,
    ticket_messages,
)
from cortesia.tickets.services import MessageData, TicketChanges, message_add, ticket_update

PAGE_SIZE = 50


@require_GET
def inbox_view(request: HttpRequest) -> HttpResponse:
    viewer = staff_user(request)
    if viewer.role == Role.MARKETER:
        raise PermissionDenied
    view = request.GET.get("view", "mine")
    if view not in INBOX_VIEWS:
        view = "mine"
    now = timezone.now()
    tickets = inbox(viewer=viewer, view=view, now=now)[:PAGE_SIZE]
    context = {
        "tickets": tickets,
        "view": view,
        "views": INBOX_VIEWS,
        "soon": now + BREACHING_SOON,
        "now": now,
    }
    return render(request, "tickets/inbox.html", context)


def _prefill(ticket: Ticket) -> str:
    forms = customer_address_as(
        ticket.customer, business_register_defaults(), language=ticket.language or None
    )
    return f"{forms.greeting}\n\n\n\n{forms.closing}" if forms else ""


def _send(request: HttpRequest, ticket: Ticket, form: ReplyForm) -> None:
    """Apply the status first (checked against the version the page showed), then store
    the message whatever happened to the status: a reply is never lost."""
    actor = Actor.from_request(request)
    status = form.cleaned_data["status"]
    if status:
        try:
            ticket = ticket_update(
                ticket=ticket,
                changes=TicketChanges(status=status),
                expected_version=form.cleaned_data["version"],
                actor=actor,
            )
        except Conflict as error:
            messages.error(request, error.message)
    message_add(
        ticket=ticket,
        data=MessageData(body_text=form.cleaned_data["body"], kind=form.cleaned_data["kind"]),
        actor=actor,
    )


@require_http_methods(["GET", "POST"])
def ticket_detail_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer = staff_user(request)
    try:
        ticket = ticket_get(viewer=viewer, uid=uid)
    except NotFound:
        raise Http404 from None
    form = ReplyForm(
        request.POST or None, initial={"version": ticket.version, "body": _prefill(ticket)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            _send(request, ticket, form)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Sent."))
            return redirect("tickets:ticket-detail", uid=uid)
    card = customer_card(
        ticket.customer,
        staff_language=translation.get_language() or "en",
        now=timezone.now(),
        business=business_register_defaults(),
    )
    context = {
        "ticket": ticket,
        "conversation": ticket_messages(ticket=ticket).order_by("created_at", "id"),
        "card": card,
        "form": form,
        "clocks": ticket.sla_clocks.all(),
    }
    return render(
        request, "tickets/ticket_detail.html", context, status=400 if form.errors else 200
    )
