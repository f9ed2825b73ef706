"""The ticket page: conversation, customer card, SLA clocks and the composer."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from django.contrib import messages
from django.db.models import Count, Window
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cortesia.accounts.models import User
from cortesia.accounts.views import staff_user
from cortesia.core.actor import Actor
from cortesia.core.errors import (
    DomainError,
    Forbidden,
    NotFound,
)
from cortesia.core.middleware import REMOTE_IMAGES_POLICY
from cortesia.core.refusals import refusal_on_form
from cortesia.culture.address_forms import Register
from cortesia.culture.countries import language_name
from cortesia.customers.profile_card import customer_card
from cortesia.customers.selectors import order_list
from cortesia.localization.selectors import business_register_defaults
from cortesia.tickets.attachments import attachment_get
from cortesia.tickets.bodies import shown_body
from cortesia.tickets.canned import canned_get, canned_list, canned_render
from cortesia.tickets.composer import reply_frame
from cortesia.tickets.downloads import attachment_release, attachment_response
from cortesia.tickets.forms import ReplyForm
from cortesia.tickets.models import Ticket
from cortesia.tickets.permissions import can_release_infected
from cortesia.tickets.replies import reply_send
from cortesia.tickets.selectors import (
    INBOX_VIEWS,
    customer_tickets,
    inbox_next,
    ticket_get,
    ticket_messages,
)
from cortesia.tickets.services import MessageData


def _initial(ticket: Ticket, viewer: User, business: Mapping[str, Register]) -> dict[str, object]:
    """A fresh composer: the version shown, a new one-time token, the reply's frame."""
    return {
        "version": ticket.version,
        "submission": uuid.uuid4().hex,
        "body": reply_frame(ticket, viewer, business).prefill,
    }


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
    )
    if sent.status_refused:
        messages.warning(
            request,
            _("Sent, but the status was left as it was: %(reason)s")
            % {"reason": sent.status_refused},
        )
    else:
        messages.success(request, _("Sent."))


def _ticket(request: HttpRequest, uid: str) -> tuple[User, Ticket]:
    viewer = staff_user(request)
    try:
        return viewer, ticket_get(viewer=viewer, uid=uid)
    except NotFound:
        raise Http404 from None


def _inbox_view(request: HttpRequest) -> str:
    """The inbox view the agent came from, or "" (opened directly: the inbox then opens
    its first view with tickets in it)."""
    view = request.GET.get("view", "")
    return view if view in INBOX_VIEWS else ""


def _page(
    request: HttpRequest,
    viewer: User,
    ticket: Ticket,
    form: ReplyForm,
    business: Mapping[str, Register],
    status: int | None = None,
) -> HttpResponse:
    """Render the ticket page; ``status`` defaults to 400 when the form has errors."""
    now = timezone.now()
    view = _inbox_view(request)
    card = customer_card(
        ticket.customer,
        staff_language=translation.get_language() or "en",
        now=now,
        business=business,
    )
    images_for = request.GET.get("images", "")
    conversation = [
        (message, shown_body(ticket, message, remote_images_for=images_for))
        for message in ticket_messages(ticket=ticket).order_by("created_at", "id")
    ]
    context = {
        "ticket": ticket,
        "conversation": conversation,
        "card": card,
        "form": form,
        "clocks": ticket.sla_clocks.all(),
        "canned": canned_list(viewer=viewer, with_variants=False),  # the picker: names
        "view": view,
        "next_ticket": inbox_next(viewer=viewer, view=view, ticket=ticket, now=now)
        if view
        else None,
        "other_tickets": customer_tickets(viewer=viewer, ticket=ticket)[:5],
        # The latest three, each with the count of all the customer's orders (a window
        # over the whole filter, counted before the limit: still one query).
        "orders": order_list(viewer=viewer)
        .filter(customer=ticket.customer)
        .select_related(None)  # the customer is the ticket's
        .prefetch_related(None)
        .annotate(orders_total=Window(Count("id")))
        .order_by("-placed_at")[:3],
    }
    status = status or (400 if form.errors else 200)
    response = render(request, "tickets/ticket_detail.html", context, status=status)
    if any(body.showing_remote for _message, body in conversation):
        response.headers["Content-Security-Policy"] = REMOTE_IMAGES_POLICY
    return response


@require_http_methods(["GET", "POST"])
def ticket_detail_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer, ticket = _ticket(request, uid)
    business = business_register_defaults()
    form = ReplyForm(
        request.POST or None, request.FILES or None, initial=_initial(ticket, viewer, business)
    )
    status = None
    if request.method == "POST" and form.is_valid():
        try:
            _send(request, ticket, form)
        except DomainError as error:
            status = refusal_on_form(form, error, upload_field="attachments")
        else:
            page = reverse("tickets:ticket-detail", args=[uid])
            view = _inbox_view(request)
            return redirect(f"{page}?view={view}" if view else page)
    return _page(request, viewer, ticket, form, business, status)


@require_POST
def canned_insert_view(request: HttpRequest, uid: str) -> HttpResponse:
    """Put a canned response, rendered for this customer, into the composer (the htmx
    partial, or the whole page without JavaScript). Nothing is sent."""
    viewer, ticket = _ticket(request, uid)
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
    form = ReplyForm(initial={**_initial(ticket, viewer, business), "body": rendered.text})
    if rendered.is_fallback:
        messages.warning(
            request,
            _("No version in the customer's language: inserted in %(language)s.")
            % {"language": language_name(rendered.language, translation.get_language() or "en")},
        )
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "tickets/_composer_body.html", {"form": form})
    return _page(request, viewer, ticket, form, business)


@require_http_methods(["GET", "POST"])
def attachment_download_view(
    request: HttpRequest, uid: str, attachment_uid: str
) -> HttpResponseBase:
    """An attachment as a download; 404 for a ticket the viewer may not see. An infected
    file gets the blocked page (403), where an administrator may override the block with a
    POST (never a GET: a link on another site must not fetch it)."""
    viewer, ticket = _ticket(request, uid)
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
