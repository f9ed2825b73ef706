"""The mail pages on a ticket: forwarding its conversation by mail."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError
from cortesia.core.refusals import refusal_on_form
from cortesia.mail.forms import ForwardForm
from cortesia.mail.forwarding import ticket_forward
from cortesia.tickets.views.ticket_page import ticket_for_staff


@require_http_methods(["GET", "POST"])
def ticket_forward_view(request: HttpRequest, uid: str) -> HttpResponse:
    """Forward the ticket's conversation by mail; 404 for a ticket the viewer may not see."""
    _viewer, ticket = ticket_for_staff(request, uid)
    form = ForwardForm(request.POST or None)
    status = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            forwarded = ticket_forward(
                ticket=ticket,
                to=data["to"],
                note=data["note"],
                include_notes=data["include_notes"],
                actor=Actor.from_request(request),
            )
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(
                request,
                _("The conversation is on its way to %(addresses)s.")
                % {"addresses": forwarded.mail.to},
            )
            return redirect(reverse("tickets:ticket-detail", args=[uid]))
    status = status or (400 if form.errors else 200)
    return render(
        request, "mail/ticket_forward.html", {"form": form, "ticket": ticket}, status=status
    )
