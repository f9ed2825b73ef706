"""Staff pages of feedback: the responses and mentions tabs with their filters in the
address, their CSV exports, one response or mention, and opening a ticket from a
mention. Every read goes through ``selectors`` (hidden = 404); nothing here edits a
response."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import tzinfo

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    QueryDict,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cortesia.accounts.models import User
from cortesia.accounts.views import staff_user
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, NotFound
from cortesia.core.refusals import refusal_for, refusal_on_form
from cortesia.feedback.export import mention_csv, response_csv
from cortesia.feedback.forms import MentionFilterForm, ResponseFilterForm
from cortesia.feedback.mentions import mention_ticket_open
from cortesia.feedback.permissions import can_open_mention_tickets
from cortesia.feedback.selectors import (
    ResponseLine,
    feedback_summary,
    mention_get,
    mention_list,
    mention_rows,
    response_get,
    response_list,
    response_rows,
    summary_period,
)
from cortesia.tickets.permissions import can_work_tickets
from cortesia.tickets.selectors import ticket_visible


def _zone() -> tzinfo:
    return timezone.get_current_timezone()


def _language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def _response_form(request: HttpRequest, viewer: User) -> ResponseFilterForm:
    return ResponseFilterForm(request.GET, viewer=viewer, zone=_zone(), language=_language())


def _mention_form(request: HttpRequest) -> MentionFilterForm:
    return MentionFilterForm(request.GET, zone=_zone(), language=_language())


def _page_query(request: HttpRequest, cursor: str | None) -> str:
    """The address query of the next page: the same filters, the next cursor ("" = none)."""
    if cursor is None:
        return ""
    query: QueryDict = request.GET.copy()
    query["cursor"] = cursor
    return query.urlencode()


def _export_query(request: HttpRequest) -> str:
    query: QueryDict = request.GET.copy()
    query.pop("cursor", None)
    return query.urlencode()


def _csv(rows: Iterator[str], name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def response_list_view(request: HttpRequest) -> HttpResponse:
    viewer = staff_user(request)
    form = _response_form(request, viewer)
    context: dict[str, object] = {"form": form, "tab": "responses", "lines": []}
    if not form.is_valid():
        return render(request, "feedback/response_list.html", context, status=400)
    filters = form.filters()
    try:
        page = response_list(viewer=viewer, filters=filters, cursor=form.cleaned_data["cursor"])
    except DomainError as error:
        status = refusal_on_form(form, error)
        return render(request, "feedback/response_list.html", context, status=status)
    context |= {
        "lines": [ResponseLine.of(response) for response in page.items],
        "next_query": _page_query(request, page.next_cursor),
        "export_query": _export_query(request),
        "can_open_tickets": can_work_tickets(viewer),
    }
    return render(request, "feedback/response_list.html", context)


@require_GET
def response_summary_view(request: HttpRequest) -> HttpResponse:
    """The scores of the filtered responses by market: the strip the feedback page loads
    after its list (so the list's first page stays one index scan), or a page of its own
    without JavaScript."""
    viewer = staff_user(request)
    form = _response_form(request, viewer)
    partial = bool(request.headers.get("HX-Request"))
    template = "feedback/_summary.html" if partial else "feedback/response_summary.html"
    context: dict[str, object] = {"form": form, "tab": "responses", "summary": None}
    if not form.is_valid():
        return render(request, template, context, status=400)
    filters = form.filters()
    period = summary_period(filters, now=timezone.now())
    context["summary"] = feedback_summary(viewer=viewer, filters=filters, period=period)
    return render(request, template, context)


@require_GET
def response_export_view(request: HttpRequest) -> HttpResponseBase:
    viewer = staff_user(request)
    form = _response_form(request, viewer)
    if not form.is_valid():
        context = {"form": form, "tab": "responses", "lines": []}
        return render(request, "feedback/response_list.html", context, status=400)
    rows = response_rows(viewer=viewer, filters=form.filters())
    return _csv(response_csv(rows), "survey-responses.csv")


@require_GET
def response_detail_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer = staff_user(request)
    try:
        response = response_get(viewer=viewer, uid=uid)
    except NotFound:
        raise Http404 from None
    context = {"line": ResponseLine.of(response), "can_open_tickets": can_work_tickets(viewer)}
    return render(request, "feedback/response_detail.html", context)


@require_GET
def mention_list_view(request: HttpRequest) -> HttpResponse:
    viewer = staff_user(request)
    form = _mention_form(request)
    context: dict[str, object] = {"form": form, "tab": "mentions", "mentions": []}
    if not form.is_valid():
        return render(request, "feedback/mention_list.html", context, status=400)
    try:
        page = mention_list(
            viewer=viewer, filters=form.filters(), cursor=form.cleaned_data["cursor"]
        )
    except DomainError as error:
        status = refusal_on_form(form, error)
        return render(request, "feedback/mention_list.html", context, status=status)
    context |= {
        "mentions": page.items,
        "next_query": _page_query(request, page.next_cursor),
        "export_query": _export_query(request),
        "can_open_tickets": can_open_mention_tickets(viewer),
        "can_see_tickets": can_work_tickets(viewer),
    }
    return render(request, "feedback/mention_list.html", context)


@require_GET
def mention_export_view(request: HttpRequest) -> HttpResponseBase:
    viewer = staff_user(request)
    form = _mention_form(request)
    if not form.is_valid():
        context = {"form": form, "tab": "mentions", "mentions": []}
        return render(request, "feedback/mention_list.html", context, status=400)
    return _csv(mention_csv(mention_rows(viewer=viewer, filters=form.filters())), "mentions.csv")


@require_GET
def mention_detail_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer = staff_user(request)
    try:
        mention = mention_get(viewer=viewer, uid=uid)
    except NotFound:
        raise Http404 from None
    context = {
        "mention": mention,
        "can_open_tickets": can_open_mention_tickets(viewer),
        "can_see_tickets": can_work_tickets(viewer),
    }
    return render(request, "feedback/mention_detail.html", context)


@require_POST
def mention_ticket_open_view(request: HttpRequest, uid: str) -> HttpResponse:
    """Open a ticket from the mention (once: a mention with a ticket keeps it), then
    show the ticket — or, when routing gave it to a team the viewer does not see, the
    mention's page saying where it went; a refusal shows on the mention's page."""
    viewer = staff_user(request)
    try:
        mention = mention_get(viewer=viewer, uid=uid)
    except NotFound:
        raise Http404 from None
    try:
        opened = mention_ticket_open(mention=mention, actor=Actor.from_request(request))
    except DomainError as error:
        if error.status == 404:
            raise Http404 from None
        if error.status == 403:
            raise PermissionDenied from None
        messages.error(request, refusal_for(error).message)
        return redirect("feedback:mention-detail", uid=uid)
    ticket = opened.ticket
    if opened.created:
        messages.success(request, _("Ticket #%(number)d opened.") % {"number": ticket.number})
    if not ticket_visible(viewer=viewer, ticket=ticket):
        messages.info(
            request,
            _("Ticket #%(number)d went to the team %(team)s, whose tickets you do not see.")
            % {"number": ticket.number, "team": ticket.team.name if ticket.team else "—"},
        )
        return redirect("feedback:mention-detail", uid=uid)
    return redirect("tickets:ticket-detail", uid=ticket.uid)
