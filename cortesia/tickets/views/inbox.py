"""The inbox: views sorted by SLA urgency, filters, and bulk changes with one confirmation."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cortesia.accounts.models import User
from cortesia.accounts.selectors import viewer_team_ids
from cortesia.accounts.views import staff_user
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors, NotFound
from cortesia.tickets.bulk import (
    BulkChange,
    BulkResult,
    bulk_cannot_assign,
    bulk_tickets,
    bulk_update,
)
from cortesia.tickets.forms import BulkForm
from cortesia.tickets.models import SavedView, Ticket
from cortesia.tickets.permissions import can_work_tickets
from cortesia.tickets.saved_view_forms import SavedViewForm
from cortesia.tickets.saved_views import (
    can_change_saved_view,
    saved_view_counts,
    saved_view_list,
    saved_view_query,
    saved_view_teams,
)
from cortesia.tickets.search import SEARCH_CAP, ticket_search
from cortesia.tickets.search_forms import InboxSearchForm
from cortesia.tickets.selectors import (
    ANY_STATUS,
    BREACHING_SOON,
    INBOX_COUNT_CAP,
    InboxTicket,
    TicketFilters,
    inbox,
    inbox_counts,
    inbox_page,
    inbox_views,
    ticket_assignees,
    ticket_by_number,
    ticket_filter,
    ticket_languages,
    ticket_teams,
)
from cortesia.tickets.templatetags.ticket_format import DueFormat

PAGE_SIZE = 50
# The bulk form shares the inbox page with the filters: its fields (status, tag) get their
# own names and ids.
BULK_PREFIX = "bulk"


# Any ticket id: the link of each row is the link of this one with the row's id put in.
_ANY_UID = "00000000-0000-0000-0000-000000000000"


@dataclass(frozen=True, slots=True)
class InboxRow:
    """One line of the inbox, with what it shows worked out once for the page: the
    ticket's link, number, subject and people, its status and priority in words and its
    deadline's ``<time>`` ("" for no assignee). The template tag ``inbox_rows`` draws it."""

    uid: str
    number: str
    link: str
    subject: str
    customer: str
    status: str
    priority: str
    due: SafeString
    assignee: str
    snippet: SafeString


def _rows(
    tickets: Iterable[InboxTicket],
    view: str,
    now: datetime,
    soon: datetime,
    snippets: Sequence[SafeString] = (),
) -> list[InboxRow]:
    """The rows of a page: the labels, the link pattern and the deadline formats are looked
    up once, not once per ticket."""
    statuses = {value: str(label) for value, label in Ticket.Status.choices}
    priorities = {value: str(label) for value, label in Ticket.Priority.choices}
    before, after = reverse("tickets:ticket-detail", args=[_ANY_UID]).split(_ANY_UID)
    due = DueFormat(now, soon)
    rows = []
    for index, ticket in enumerate(tickets):
        uid = str(ticket.uid)
        rows.append(
            InboxRow(
                uid=uid,
                number=f"{ticket.number:d}",  # never grouped like a quantity
                link=f"{before}{uid}{after}?view={view}",
                subject=ticket.subject,
                customer=ticket.customer,
                status=statuses.get(ticket.status, ticket.status),
                priority=priorities.get(ticket.priority, ticket.priority),
                due=due(ticket.sla_due_at),
                assignee=ticket.assignee,
                snippet=snippets[index] if index < len(snippets) else SafeString(""),
            )
        )
    return rows


def _fields_key(form: Form) -> str:
    """Everything a form's fields are drawn from but the page's language: each field's
    name, value and choices (errors follow from those). The page keeps the drawn fields
    under this key, because drawing a form's widgets costs more than all its rows."""
    return "\n".join(
        repr(
            (
                field.html_name,
                field.value(),
                [(value, str(label)) for value, label in getattr(field.field, "choices", ())],
            )
        )
        for field in form
    )


def _viewer(request: HttpRequest) -> User:
    viewer = staff_user(request)
    if not can_work_tickets(viewer):
        raise PermissionDenied
    return viewer


def _can_take(viewer: User) -> bool:
    """Only a member of a team can take its tickets: "Assign to me" is offered to them."""
    return bool(viewer_team_ids(viewer))


def _assignees(viewer: User) -> list[User]:
    return list(ticket_assignees(viewer=viewer))


def _offered_assignees(viewer: User) -> list[User]:
    """The people the inbox's bulk form offers, with only what it shows of them: their
    public id and name (their passwords, profiles and dates stay unread)."""
    fields = ("uid", "username", "first_name", "last_name")
    return list(ticket_assignees(viewer=viewer).only(*fields))


def _default_view(views: tuple[str, ...], counts: dict[str, int]) -> str:
    """The first view with tickets in it (a new admin's "Mine" is empty), else the first."""
    return next((view for view in views if counts[view]), views[0])


def _number(text: str) -> int | None:
    """The ticket number a search names ("1042", "#1042"), or None."""
    digits = text.strip().removeprefix("#")
    return int(digits) if digits.isdigit() and len(digits) < 10 else None


def _page_number(request: HttpRequest) -> int:
    value = request.GET.get("page", "")
    return int(value) if value.isdigit() and 0 < len(value) < 6 else 1


def _page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return f"?{query.urlencode()}"


@dataclass(frozen=True, slots=True)
class Listing:
    """What the table shows: the tickets of the page, the passage under each (a search's;
    none for a view) and what else the page says about them (a search's count, paging)."""

    tickets: list[InboxTicket]
    snippets: list[SafeString]
    context: dict[str, object]


def _searched(request: HttpRequest, viewer: User, data: dict[str, str]) -> Listing:
    """A full-text search: its results, their passages, its count and paging."""
    filters = TicketFilters(**{**data, "q": ""})
    results = ticket_search(
        viewer=viewer, text=data["q"], filters=filters, page=_page_number(request)
    )
    context: dict[str, object] = {
        "results": results,
        "search_cap": SEARCH_CAP,
        "previous_page": _page_url(request, results.page - 1) if results.page > 1 else "",
        "next_page": _page_url(request, results.page + 1) if results.has_next else "",
    }
    hits = results.hits
    return Listing([hit.ticket for hit in hits], [hit.snippet for hit in hits], context)


def _listed(viewer: User, view: str, now: datetime, data: dict[str, str]) -> Listing:
    """An inbox view with its filters: its first page."""
    tickets = inbox(viewer=viewer, view=view, now=now, status=data["status"])
    filters = TicketFilters(**{**data, "status": ""})
    page = inbox_page(ticket_filter(tickets, viewer=viewer, filters=filters), limit=PAGE_SIZE)
    return Listing(page, [], {})


def _saved_views(viewer: User, now: datetime) -> list[tuple[SavedView, int, bool]]:
    """The viewer's saved views with their counts and whether the viewer may change each."""
    views = list(saved_view_list(viewer=viewer))
    counts = saved_view_counts(viewer=viewer, views=views, now=now)
    return [(view, counts[view.pk], can_change_saved_view(viewer, view)) for view in views]


def _filters(request: HttpRequest, viewer: User) -> tuple[InboxSearchForm, dict[str, str]]:
    """The filter form as submitted and its values ({"status": ""} when invalid). A search
    with no status chosen shows "any status" chosen: what the search covers."""
    languages = ticket_languages()
    teams = list(ticket_teams(viewer=viewer).only("uid", "name"))
    form = InboxSearchForm(request.GET, languages=languages, teams=teams)
    data = form.cleaned_data if form.is_valid() else {"status": ""}
    if data.get("q", "").strip() and not data["status"]:
        query = {**request.GET.dict(), "status": ANY_STATUS}
        form = InboxSearchForm(query, languages=languages, teams=teams)
        form.is_valid()
    return form, data


@require_GET
def inbox_view(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    now = timezone.now()
    views = inbox_views(viewer=viewer)
    counts = inbox_counts(viewer=viewer, now=now)
    view = request.GET.get("view", "")
    if view not in views:
        view = _default_view(views, counts)
    filters, data = _filters(request, viewer)
    searching = bool(data.get("q", "").strip())
    if searching:
        number = _number(data["q"])
        found = None if number is None else ticket_by_number(viewer=viewer, number=number)
        if found is not None:  # a ticket's number opens that ticket
            return redirect("tickets:ticket-detail", uid=found.uid)
    try:
        listing = (
            _searched(request, viewer, data) if searching else _listed(viewer, view, now, data)
        )
    except NotFound:
        raise Http404 from None
    shown_view = "" if searching else view
    context = {
        **listing.context,
        "tickets": listing.tickets,
        "rows": _rows(listing.tickets, shown_view, now, now + BREACHING_SOON, listing.snippets),
        "view": shown_view,
        "tabs": [(name, counts[name]) for name in views],
        "count_cap": INBOX_COUNT_CAP,
        "searching": searching,
        "filters": filters,
        "filters_key": _fields_key(filters),
        "filtered": any(data.values()),
    }
    return render(request, "tickets/inbox.html", context | _page_forms(request, viewer, now))


def _page_forms(request: HttpRequest, viewer: User, now: datetime) -> dict[str, object]:
    """The bulk form and the saved views with their "save this view" form."""
    bulk = BulkForm(
        prefix=BULK_PREFIX, assignees=_offered_assignees(viewer), can_take=_can_take(viewer)
    )
    return {
        "bulk": bulk,
        "bulk_key": _fields_key(bulk),
        "saved_views": _saved_views(viewer, now),
        "save_form": SavedViewForm(teams=list(saved_view_teams(viewer=viewer))),
        "current_query": saved_view_query(request.GET),
    }


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
    form = BulkForm(
        request.POST,
        prefix=BULK_PREFIX,
        assignees=_assignees(viewer),
        can_take=_can_take(viewer),
    )
    uids = request.POST.getlist("ticket")
    back = request.POST.get("back", "")
    if not uids:  # said first: the change itself cannot matter yet
        messages.error(request, _("Select at least one ticket."))
        return redirect(_inbox_url(back))
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(_inbox_url(back))
    try:
        tickets = bulk_tickets(viewer=viewer, uids=uids)
        if request.POST.get("confirmed") != "yes":
            change = _change(form, viewer)
            refused = bulk_cannot_assign(tickets=tickets, change=change)
            if refused and len(refused) == len(tickets):
                _report(request, BulkResult(refused=refused))
                return redirect(_inbox_url(back))
            context = {
                "refused": refused,
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
