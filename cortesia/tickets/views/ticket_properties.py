"""The ticket's properties changed from the side panel of its page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError
from cortesia.core.refusals import refusal_on_form
from cortesia.localization.selectors import business_register_defaults
from cortesia.tickets.selectors import ticket_visible
from cortesia.tickets.updates import ticket_update
from cortesia.tickets.views.ticket import ticket_page_url
from cortesia.tickets.views.ticket_page import properties_form, ticket_for_staff, ticket_page


@require_POST
def ticket_properties_view(request: HttpRequest, uid: str) -> HttpResponse:
    """Save what the agent changed in the panel, checked against the version the page
    showed: a field someone else changed since is refused (409) and nothing is saved."""
    viewer, ticket = ticket_for_staff(request, uid)
    form = properties_form(viewer, ticket, request.POST)
    status = None
    if form.is_valid():
        try:
            ticket = ticket_update(
                ticket=ticket,
                changes=form.changes(),
                expected_version=form.cleaned_data["version"],
                actor=Actor.from_request(request),
            )
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            if form.changed_data:
                messages.success(request, _("Saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            if not ticket_visible(viewer=viewer, ticket=ticket):  # handed to another team
                return redirect("tickets:inbox")
            return redirect(ticket_page_url(request, uid))
    business = business_register_defaults()
    return ticket_page(request, viewer, ticket, business, properties=form, status=status)
