"""The new ticket page of the desk: pick or create the customer, then the ticket and its
first message. Customers are found as the agent types (an htmx partial over the
customers' search), and an e-mail to the customer starts with the composer's greeting."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cortesia.accounts.models import User
from cortesia.accounts.selectors import team_list
from cortesia.accounts.views import staff_user
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, NotFound
from cortesia.core.refusals import refusal_on_form
from cortesia.culture.local_formats import language_name
from cortesia.customers.models import Customer
from cortesia.customers.selectors import customer_get, customer_list
from cortesia.customers.services import DuplicateCustomer
from cortesia.tickets.desk_forms import NEW_CUSTOMER, NewTicketForm
from cortesia.tickets.intake import DeskOpened, DeskTicketData, First, desk_ticket_open, frame_for
from cortesia.tickets.models import Ticket
from cortesia.tickets.permissions import can_work_tickets
from cortesia.tickets.selectors import ticket_visible

SEARCH_LIMIT = 10


def desk_user(request: HttpRequest) -> User:
    """Return the signed-in staff member who works on tickets; 403 for anyone else."""
    viewer = staff_user(request)
    if not can_work_tickets(viewer):
        raise PermissionDenied
    return viewer


def _customer(viewer: User, uid: str) -> Customer | None:
    """The customer picked (by public id), or None for none, a new one or a stale id."""
    if not uid or uid == NEW_CUSTOMER:
        return None
    try:
        return customer_get(viewer=viewer, uid=uid)
    except NotFound:
        return None


def customers_found(viewer: User, query: str) -> list[Customer]:
    """The first customers matching ``query`` (none for a blank one), by name."""
    if not query.strip():
        return []
    return list(
        customer_list(viewer=viewer, query=query).order_by("surname", "given_name", "pk")[
            :SEARCH_LIMIT
        ]
    )


def _form(
    viewer: User, data: object = None, initial: Mapping[str, object] | None = None
) -> NewTicketForm:
    language = translation.get_language() or settings.LANGUAGE_CODE
    languages = sorted(
        ((code, language_name(code, language)) for code, _name in settings.LANGUAGES),
        key=lambda choice: choice[1].casefold(),
    )
    teams = (
        team_list(viewer=viewer).select_related(None).prefetch_related(None).order_by("name", "pk")
    )
    return NewTicketForm(data, teams=list(teams), languages=languages, initial=initial)


def _page(
    request: HttpRequest,
    viewer: User,
    form: NewTicketForm,
    status: int,
    duplicate: Customer | None = None,
) -> HttpResponse:
    picked = _customer(viewer, str(form["customer"].value() or ""))
    query = str(form["query"].value() or "")
    found = [c for c in customers_found(viewer, query) if c != picked]
    context = {
        "form": form,
        "query": query,
        "picked": picked,
        "found": found,
        "is_new_customer": form["customer"].value() == NEW_CUSTOMER,
        "duplicate": duplicate,
    }
    return render(request, "tickets/new_ticket.html", context, status=status)


def opened_redirect(request: HttpRequest, viewer: User, opened: DeskOpened) -> HttpResponse:
    """Go to the ticket opened, or to the inbox when routing sent it out of sight."""
    ticket = opened.ticket
    if not opened.is_replay:
        messages.success(request, _("Ticket #%(number)d opened.") % {"number": ticket.number})
    if not ticket_visible(viewer=viewer, ticket=ticket):  # routed to a team the agent is not in
        messages.info(request, _("It went to a team whose tickets you do not see."))
        return redirect("tickets:inbox")
    return redirect("tickets:ticket-detail", uid=ticket.uid)


def _open(request: HttpRequest, viewer: User, form: NewTicketForm) -> HttpResponse:
    data = form.cleaned_data
    picked = None if form.is_new_customer else _customer(viewer, data["customer"])
    if picked is None and not form.is_new_customer:
        form.add_error("customer", _("Choose a customer or create one."))
        return _page(request, viewer, form, 400)
    desk = DeskTicketData(
        subject=data["subject"],
        body=data["body"],
        channel=data["channel"],
        first=data["first"],
        customer=picked,
        new_customer=form.new_customer() if form.is_new_customer else None,
        team=form.chosen_team(),
        priority=data["priority"],
    )
    try:
        opened = desk_ticket_open(
            data=desk, key=data["submission"], actor=Actor.from_request(request)
        )
    except DuplicateCustomer as error:
        form.add_error(None, error.message)
        return _page(request, viewer, form, 409, duplicate=error.existing)
    except DomainError as error:
        return _page(request, viewer, form, refusal_on_form(form, error))
    return opened_redirect(request, viewer, opened)


@require_http_methods(["GET", "POST"])
def new_ticket_view(request: HttpRequest) -> HttpResponse:
    """The form (prefilled with ``?customer=<uid>`` from the customer's page) and its
    submission; a form sent twice opens one ticket."""
    viewer = desk_user(request)
    if request.method == "POST":
        form = _form(viewer, request.POST)
        if form.is_valid():
            return _open(request, viewer, form)
        return _page(request, viewer, form, 400)
    picked = _customer(viewer, request.GET.get("customer", ""))
    initial = {
        "submission": uuid.uuid4().hex,
        "customer": str(picked.uid) if picked else "",
        "query": request.GET.get("query", ""),
    }
    return _page(request, viewer, _form(viewer, initial=initial), 200)


@require_GET
def new_ticket_customers_view(request: HttpRequest) -> HttpResponse:
    """The customers matching what the agent typed, as choices of the form (htmx). A plain
    visit (a bookmark, a browser without scripts) is sent to the whole page with the query."""
    viewer = desk_user(request)
    query = request.GET.get("query", "")
    if not request.htmx:  # type: ignore[attr-defined]
        return redirect(f"{reverse('tickets:new-ticket')}?{urlencode({'query': query})}")
    context = {"found": customers_found(viewer, query), "picked": None, "query": query}
    return render(request, "tickets/new_ticket_customers.html", context)


@require_POST
def new_ticket_frame_view(request: HttpRequest) -> HttpResponse:
    """The message field, started with the greeting and sign-off of an e-mail to the
    chosen customer when the agent writes first and has written nothing yet, and the
    channel then set to e-mail (htmx)."""
    viewer = desk_user(request)
    form = _form(viewer, request.POST)
    body = request.POST.get("body", "")
    customer = _customer(viewer, request.POST.get("customer", ""))
    if customer is not None and request.POST.get("first") == First.AGENT and not body.strip():
        team = form.teams.get(request.POST.get("team", ""))
        body = frame_for(customer, viewer, team)
    writing = request.POST.get("first") == First.AGENT
    fresh = _form(viewer, initial={"body": body, "channel": Ticket.Channel.EMAIL})
    # An e-mail from the agent goes out on the e-mail channel: the choice follows.
    context = {"field": fresh["body"], "channel": fresh["channel"] if writing else None}
    return render(request, "tickets/new_ticket_body.html", context)
