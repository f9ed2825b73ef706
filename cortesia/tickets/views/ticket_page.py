"""Drawing the ticket page: the conversation, the composer and the side panel (the
ticket's properties, its service levels and its customer). The views of the page's forms
answer with it, so an error shows on the form it belongs to."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import cast

from django.conf import settings
from django.db.models import Count, Model, Prefetch, Window
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation

from cortesia.accounts.models import Team, User
from cortesia.accounts.selectors import team_list
from cortesia.accounts.views import staff_user
from cortesia.core.errors import NotFound
from cortesia.core.middleware import content_security_policy
from cortesia.culture.address_forms import Register
from cortesia.culture.local_formats import language_name
from cortesia.customers.models import Order
from cortesia.customers.profile_card import customer_card
from cortesia.customers.selectors import order_list
from cortesia.tickets.bodies import shown_body
from cortesia.tickets.canned import canned_list
from cortesia.tickets.composer import copied_kept, reply_frame
from cortesia.tickets.forms import ReplyForm, TicketNumberForm, TicketPropertiesForm
from cortesia.tickets.models import Ticket, TicketMessage
from cortesia.tickets.page_panels import ticket_page_panels
from cortesia.tickets.selectors import (
    INBOX_VIEWS,
    customer_tickets,
    inbox_next,
    ticket_assignees,
    ticket_get,
    ticket_links,
    ticket_messages,
)
from cortesia.tickets.transitions import can_move
from cortesia.tickets.views.ticket_history import HISTORY_LIMIT, Names, history_lines


def ticket_for_staff(request: HttpRequest, uid: str) -> tuple[User, Ticket]:
    """Return the signed-in staff member and the ticket; 404 for one they may not see."""
    viewer = staff_user(request)
    try:
        return viewer, ticket_get(viewer=viewer, uid=uid)
    except NotFound:
        raise Http404 from None


def inbox_view_of(request: HttpRequest) -> str:
    """The inbox view the agent came from, or "" (opened directly: the inbox then opens
    its first view with tickets in it)."""
    view = request.GET.get("view", "")
    return view if view in INBOX_VIEWS else ""


def composer_initial(
    ticket: Ticket, viewer: User, business: Mapping[str, Register]
) -> dict[str, object]:
    """A fresh composer: the version shown, a new one-time token, the reply's frame."""
    return {
        "version": ticket.version,
        "submission": uuid.uuid4().hex,
        "body": reply_frame(ticket, viewer, business).prefill,
        "cc": ", ".join(copied_kept(ticket)),
    }


def _teams(viewer: User) -> list[Team]:
    """The teams a ticket may be put in (those the API takes too), by name: one query."""
    return list(
        team_list(viewer=viewer)
        .select_related(None)
        .prefetch_related(None)
        .only("uid", "name", "languages")
        .order_by("name", "pk")
    )


def _assignees(viewer: User, ticket: Ticket) -> list[User]:
    """The people the ticket may go to: the agents of its team (anyone who works on
    tickets for a ticket without a team), and whoever has it now."""
    people = ticket_assignees(viewer=viewer)
    if ticket.team_id is not None:
        people = people.filter(teams=ticket.team_id)
    chosen = list(people)
    if ticket.assignee is not None and ticket.assignee not in chosen:
        chosen.append(ticket.assignee)
    return chosen


def _languages(ticket: Ticket, teams: Sequence[Team]) -> list[tuple[str, str]]:
    """The site's languages, those the teams answer in and the ticket's own, named in the
    language of the page and sorted by name."""
    codes = {code for code, _name in settings.LANGUAGES}
    codes.update(code for team in teams for code in team.languages or [])
    codes.add(ticket.language)
    viewer_language = translation.get_language() or settings.LANGUAGE_CODE
    named = [(code, language_name(code, viewer_language) if code else "—") for code in codes]
    return sorted(named, key=lambda choice: (choice[0] != "", choice[1].casefold()))


def properties_form(
    viewer: User, ticket: Ticket, data: Mapping[str, object] | None = None
) -> TicketPropertiesForm:
    """The side panel's form, offering only what the viewer may set on this ticket."""
    teams = _teams(viewer)
    statuses = [(s.value, str(s.label)) for s in Ticket.Status if can_move(ticket.status, s.value)]
    return TicketPropertiesForm(
        data,
        statuses=statuses,
        teams=teams,
        assignees=_assignees(viewer, ticket),
        languages=_languages(ticket, teams),
        initial=TicketPropertiesForm.initial_for(ticket),
    )


def _orders(viewer: User, ticket: Ticket) -> list[Order]:
    """The customer's latest three orders, each with the count of all their orders (a
    window over the whole filter, counted before the limit: still one query)."""
    return list(
        order_list(viewer=viewer)
        .filter(customer=ticket.customer)
        .select_related(None)  # the customer is the ticket's
        .prefetch_related(None)
        .annotate(orders_total=Window(Count("id")))
        .order_by("-placed_at")[:3]
    )


def _mail_rows(relation: str, *addresses: str) -> Prefetch[str]:
    """The mails that carried each message (who sent it in, or where it went out), read
    through the message's reverse relation with only the address: the mail channel sits
    above tickets, so its models are not imported here. One query per relation."""
    mails = cast("type[Model]", TicketMessage._meta.get_field(relation).related_model)
    return Prefetch(
        relation,
        queryset=mails._default_manager.only("pk", "ticket_message_id", *addresses).order_by("pk"),
    )


def ticket_page(
    request: HttpRequest,
    viewer: User,
    ticket: Ticket,
    business: Mapping[str, Register],
    *,
    form: ReplyForm | None = None,
    properties: TicketPropertiesForm | None = None,
    merge: TicketNumberForm | None = None,
    link: TicketNumberForm | None = None,
    status: int | None = None,
) -> HttpResponse:
    """Render the ticket page with the forms given (fresh ones otherwise); ``status``
    defaults to 400 when a form has errors."""
    now = timezone.now()
    view = inbox_view_of(request)
    form = form or ReplyForm(initial=composer_initial(ticket, viewer, business))
    properties = properties or properties_form(viewer, ticket)
    merge = merge or TicketNumberForm(prefix="merge")
    link = link or TicketNumberForm(prefix="link")
    card = customer_card(
        ticket.customer,
        staff_language=translation.get_language() or "en",
        now=now,
        business=business,
    )
    images_for = request.GET.get("images", "")
    messages = ticket_messages(ticket=ticket).prefetch_related(
        _mail_rows("inbound_mail", "sender", "cc", "is_from_copied"),
        _mail_rows("outbound_mail", "to", "cc"),
    )
    conversation = [
        (message, shown_body(ticket, message, remote_images_for=images_for))
        for message in messages.order_by("created_at", "id")
    ]
    events = ticket.events.select_related("actor").order_by("-occurred_at", "-id")
    names = Names.of(list(properties.teams.values()), list(properties.people.values()))
    context = {
        "ticket": ticket,
        "history": history_lines(events[:HISTORY_LIMIT], names),
        "conversation": conversation,
        "card": card,
        "form": form,
        "properties": properties,
        "merge_form": merge,
        "link_form": link,
        "links": ticket_links(viewer=viewer, ticket=ticket)
        .select_related(None)
        .prefetch_related(None)
        .only("uid", "number", "subject", "status"),
        "clocks": ticket.sla_clocks.all(),
        "canned": canned_list(viewer=viewer, with_variants=False),  # the picker: names
        "view": view,
        "next_ticket": inbox_next(viewer=viewer, view=view, ticket=ticket, now=now)
        if view
        else None,
        "other_tickets": customer_tickets(viewer=viewer, ticket=ticket)[:5],
        "orders": _orders(viewer, ticket),
        "panels": ticket_page_panels(viewer=viewer, ticket=ticket),
    }
    if status is None:
        status = 400 if any(f.errors for f in (form, properties, merge, link)) else 200
    response = render(request, "tickets/ticket_detail.html", context, status=status)
    if any(body.showing_remote for _message, body in conversation):
        response.headers["Content-Security-Policy"] = content_security_policy(remote_images=True)
    return response
