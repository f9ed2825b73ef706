"""The inbox: views sorted by SLA urgency, filters, and bulk changes with one confirmation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cortesia.accounts.models import Role, User
from cortesia.accounts.selectors import user_list
from cortesia.accounts.views import staff_user
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors, NotFound
from cortesia.tickets.bulk import BulkChange, BulkResult, bulk_tickets, bulk_update
from cortesia.tickets.forms import BulkForm, InboxFilterForm
from cortesia.tickets.models import Ticket
from cortesia.tickets.selectors import (
    BREACHING_SOON,
    INBOX_VIEWS,
    TicketFilters,
    inbox,
    ticket_filter,
)

PAGE_SIZE = 50


def _viewer(request: HttpRequest) -> User:
    viewer = staff_user(request)
    if viewer.role == Role.MARKETER:
        raise PermissionDenied
    return viewer


def _assignees(viewer: User) -> list[User]:
    staff = (Role.ADMIN, Role.MANAGER, Role.AGENT)
    return list(user_list(viewer=viewer).filter(role__in=staff).order_by("username"))


@require_GET
def inbox_view(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    view = request.GET.get("view", "mine")
    if view not in INBOX_VIEWS:
        view = "mine"
    now = timezone.now()
    filters = InboxFilterForm(request.GET)
    tickets = inbox(viewer=viewer, view=view, now=now)
    if filters.is_valid():
        try:
            tickets = ticket_filter(
                tickets, viewer=viewer, filters=TicketFilters(**filters.cleaned_data)
            )
        except NotFound:
            raise Http404 from None
    context = {
        "tickets": tickets[:PAGE_SIZE],
        "view": view,
        "views": INBOX_VIEWS,
        "filters": filters,
        "filtered": filters.is_valid() and any(filters.cleaned_data.values()),
        "bulk": BulkForm(assignees=_assignees(viewer)),
        "soon": now + BREACHING_SOON,
        "now": now,
    }
    return render(request, "tickets/inbox.html", context)


def _change(form: BulkForm, viewer: User) -> BulkChange:
    data = form.cleaned_data
    assignee = viewer if data["action"] == "assign_me" else data["assignee"]
    action = "assign" if data["action"] == "assign_me" else data["action"]
    return BulkChange(action=action, status=data["status"], tag=data["tag"], assignee=assignee)


def _report(request: HttpRequest, result: BulkResult) -> None:
    if result.changed:
        messages.success(
            request,
            _("Changed %(count)d tickets: %(numbers)s.")
            % {
                "count": len(result.changed),
                "numbers": ", ".join(f"#{n}" for n in result.changed),
            },
        )
    if result.unchanged:
        messages.info(
            request,
            _("Already so: %(numbers)s.")
            % {"numbers": ", ".join(f"#{n}" for n in result.unchanged)},
        )
    for number, reason in result.refused:
        messages.error(
            request,
            _("#%(number)d was not changed: %(reason)s") % {"number": number, "reason": reason},
        )


@require_POST
def bulk_view(request: HttpRequest) -> HttpResponse:
    """First post: show what will change, for confirmation. Confirmed post: change it."""
    viewer = _viewer(request)
    form = BulkForm(request.POST, assignees=_assignees(viewer))
    uids = request.POST.getlist("ticket")
    back = request.POST.get("back", "")
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(_inbox_url(back))
    try:
        tickets = bulk_tickets(viewer=viewer, uids=uids)
        if request.POST.get("confirmed") != "yes":
            change = _change(form, viewer)
            context = {
                "form": form,
                "tickets": tickets,
                "change": change,
                "status_label": Ticket.Status(change.status).label if change.status else "",
                "back": back,
            }
            return render(request, "tickets/bulk_confirm.html", context)
        versions = _versions(request.POST)
        result = bulk_update(
            viewer=viewer,
            uids=uids,
            versions=versions,
            change=_change(form, viewer),
            actor=Actor.from_request(request),
        )
    except NotFound:
        raise Http404 from None
    except FieldErrors as error:
        messages.error(request, " ".join(error.errors.values()))
        return redirect(_inbox_url(back))
    _report(request, result)
    return redirect(_inbox_url(back))


def _versions(data: QueryDict) -> dict[str, int]:
    versions: dict[str, int] = {}
    for uid in data.getlist("ticket"):
        value = data.get(f"version_{uid}", "")
        if value.isdigit():
            versions[uid] = int(value)
    return versions


def _inbox_url(query: str) -> str:
    """Return to the inbox with the view and filters it had (a query string we made)."""
    clean = QueryDict(query.lstrip("?"))
    return f"{reverse('tickets:inbox')}?{clean.urlencode()}" if clean else reverse("tickets:inbox")
