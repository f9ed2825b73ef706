"""Merging the ticket into another and linking it to a related one, from its page.

A merge moves the whole conversation and closes this ticket, so it asks first: the number
typed in shows what will happen, and only the confirmation merges."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cortesia.accounts.models import User
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError
from cortesia.core.refusals import refusal_on_form
from cortesia.localization.selectors import business_register_defaults
from cortesia.tickets.forms import TicketNumberForm
from cortesia.tickets.merging import ticket_link, ticket_merge
from cortesia.tickets.models import Ticket
from cortesia.tickets.selectors import ticket_list
from cortesia.tickets.views.ticket import ticket_page_url
from cortesia.tickets.views.ticket_page import ticket_for_staff, ticket_page


def _other(viewer: User, form: TicketNumberForm) -> Ticket | None:
    """The ticket the form names, if the viewer may see it; else a form error and None."""
    if not form.is_valid():
        return None
    number = form.cleaned_data["number"]
    other = ticket_list(viewer=viewer).filter(number=number).first()
    if other is None:
        form.add_error(
            "number", _("There is no ticket #%(number)s you may see.") % {"number": number}
        )
    return other


@require_POST
def ticket_merge_view(request: HttpRequest, uid: str) -> HttpResponse:
    """Ask to merge this ticket into the one numbered; merge on confirmation (then open
    the ticket it went into). A refusal shows on the page's merge form."""
    viewer, ticket = ticket_for_staff(request, uid)
    form = TicketNumberForm(request.POST, prefix="merge")
    target = _other(viewer, form)
    status = None
    if target is not None and request.POST.get("confirm") != "yes":
        context = {"ticket": ticket, "target": target, "form": form}
        return render(request, "tickets/ticket_merge_confirm.html", context)
    if target is not None:
        try:
            ticket_merge(source=ticket, target=target, actor=Actor.from_request(request))
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(
                request,
                _("Ticket #%(source)s was merged into this one.") % {"source": ticket.number},
            )
            return redirect("tickets:ticket-detail", uid=target.uid)
    business = business_register_defaults()
    return ticket_page(request, viewer, ticket, business, merge=form, status=status)


@require_POST
def ticket_link_view(request: HttpRequest, uid: str) -> HttpResponse:
    """Link this ticket to the one numbered (once: linking again changes nothing)."""
    viewer, ticket = ticket_for_staff(request, uid)
    form = TicketNumberForm(request.POST, prefix="link")
    other = _other(viewer, form)
    status = None
    if other is not None:
        try:
            created = ticket_link(ticket=ticket, other=other, actor=Actor.from_request(request))
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            said = _("Linked to #%(number)s.") if created else _("Already linked to #%(number)s.")
            messages.success(request, said % {"number": other.number})
            return redirect(ticket_page_url(request, uid))
    business = business_register_defaults()
    return ticket_page(request, viewer, ticket, business, link=form, status=status)
