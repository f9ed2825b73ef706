"""The ticket page: conversation, composer and side panel (see ticket_page), the canned
response picker and attachment downloads."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cortesia.core.actor import Actor
from cortesia.core.errors import (
    DomainError,
    Forbidden,
    NotFound,
)
from cortesia.core.refusals import refusal_on_form
from cortesia.culture.countries import language_name
from cortesia.localization.selectors import business_register_defaults
from cortesia.tickets.attachments import attachment_get
from cortesia.tickets.canned import canned_get, canned_render
from cortesia.tickets.downloads import attachment_release, attachment_response
from cortesia.tickets.forms import ReplyForm
from cortesia.tickets.models import Ticket
from cortesia.tickets.permissions import can_release_infected
from cortesia.tickets.replies import reply_send
from cortesia.tickets.services import MessageData
from cortesia.tickets.views.ticket_page import (
    composer_initial,
    inbox_view_of,
    ticket_for_staff,
    ticket_page,
)


def _send(request: HttpRequest, ticket: Ticket, form: ReplyForm) -> None:
    """Send the reply (once per form token); a stale status is refused and said so, the
    message is stored all the same."""
    data = form.cleaned_data
    sent = reply_send(
        ticket=ticket,
        data=MessageData(body_text=data["body"], kind=data["kind"]),
        uploads=data["attachments"],
        status=data["status"],
        expected_version=data["version"],
        key=data["submission"],
        actor=Actor.from_request(request),
        cc=data["cc"] if "cc" in form.changed_data else None,
    )
    if sent.status_refused:
        messages.warning(
            request,
            _("Sent, but the status was left as it was: %(reason)s")
            % {"reason": sent.status_refused},
        )
    else:
        messages.success(request, _("Sent."))


def ticket_page_url(request: HttpRequest, uid: str) -> str:
    """The ticket page's address, keeping the inbox view the agent came from."""
    page = reverse("tickets:ticket-detail", args=[uid])
    view = inbox_view_of(request)
    return f"{page}?view={view}" if view else page


@require_http_methods(["GET", "POST"])
def ticket_detail_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer, ticket = ticket_for_staff(request, uid)
    business = business_register_defaults()
    form = ReplyForm(
        request.POST or None,
        request.FILES or None,
        initial=composer_initial(ticket, viewer, business),
    )
    status = None
    if request.method == "POST" and form.is_valid():
        try:
            _send(request, ticket, form)
        except DomainError as error:
            status = refusal_on_form(form, error, upload_field="attachments")
        else:
            return redirect(ticket_page_url(request, uid))
    return ticket_page(request, viewer, ticket, business, form=form, status=status)


@require_POST
def canned_insert_view(request: HttpRequest, uid: str) -> HttpResponse:
    """Put a canned response, rendered for this customer, into the composer (the htmx
    partial, or the whole page without JavaScript). Nothing is sent."""
    viewer, ticket = ticket_for_staff(request, uid)
    business = business_register_defaults()
    try:
        rendered = canned_render(
            response=canned_get(viewer=viewer, uid=request.POST.get("canned", "")),
            ticket=ticket,
            agent=viewer,
            business=business,
        )
    except NotFound:
        raise Http404 from None
    form = ReplyForm(initial={**composer_initial(ticket, viewer, business), "body": rendered.text})
    if rendered.is_fallback:
        messages.warning(
            request,
            _("No version in the customer's language: inserted in %(language)s.")
            % {"language": language_name(rendered.language, translation.get_language() or "en")},
        )
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "tickets/_composer_body.html", {"form": form})
    return ticket_page(request, viewer, ticket, business, form=form)


@require_http_methods(["GET", "POST"])
def attachment_download_view(
    request: HttpRequest, uid: str, attachment_uid: str
) -> HttpResponseBase:
    """An attachment as a download; 404 for a ticket the viewer may not see. An infected
    file gets the blocked page (403), where an administrator may override the block with a
    POST (never a GET: a link on another site must not fetch it)."""
    viewer, ticket = ticket_for_staff(request, uid)
    try:
        attachment = attachment_get(ticket=ticket, uid=attachment_uid)
    except NotFound:
        raise Http404 from None
    override = request.method == "POST" and request.POST.get("override") == "1"
    try:
        attachment_release(
            attachment=attachment, actor=Actor.from_request(request), override=override
        )
    except Forbidden as error:
        context = {
            "ticket": ticket,
            "file": attachment,
            "reason": error.message,
            "may_override": can_release_infected(viewer),
        }
        return render(request, "tickets/attachment_blocked.html", context, status=403)
    return attachment_response(attachment, inline=request.GET.get("inline") == "1")
