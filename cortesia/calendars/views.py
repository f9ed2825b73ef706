"""The business-calendar pages of the settings area: the list, and one editor for a new
calendar or an existing one with its twelve-month preview (administrators and managers)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cortesia.calendars.forms import CalendarEditor
from cortesia.calendars.models import Calendar
from cortesia.calendars.permissions import can_manage_calendars
from cortesia.calendars.preview import calendar_preview
from cortesia.calendars.selectors import calendar_get, calendar_list_with_teams
from cortesia.calendars.services import calendar_create, calendar_update
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, NotFound


def _require_manager(request: HttpRequest) -> None:
    if not can_manage_calendars(request.user):
        raise PermissionDenied


@require_GET
def calendar_list_view(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    calendars = calendar_list_with_teams()
    return render(request, "calendars/settings/calendar_list.html", {"calendars": calendars})


def _save(editor: CalendarEditor, calendar: Calendar | None, actor: Actor) -> Calendar:
    v = editor.values()
    if calendar is None:
        return calendar_create(
            name=v.name,
            time_zone=v.time_zone,
            country=v.country,
            subdivision=v.subdivision,
            weekly=v.weekly,
            overrides=v.overrides,
            actor=actor,
        )
    return calendar_update(
        calendar=calendar,
        name=v.name,
        time_zone=v.time_zone,
        country=v.country,
        subdivision=v.subdivision,
        weekly=v.weekly,
        overrides=v.overrides,
        actor=actor,
    )


@require_http_methods(["GET", "POST"])
def calendar_edit_view(request: HttpRequest, uid: UUID | None = None) -> HttpResponse:
    _require_manager(request)
    try:
        calendar = calendar_get(uid=str(uid)) if uid else None
    except NotFound:
        raise Http404 from None
    editor = CalendarEditor.build(request.POST if request.method == "POST" else None, calendar)
    status = 200
    if request.method == "POST":
        status = 400
        if editor.is_valid():
            try:
                saved = _save(editor, calendar, Actor.from_request(request))
            except DomainError as error:
                status = editor.refuse(error)
            else:
                messages.success(request, _("The calendar is saved."))
                return redirect("calendar-settings:calendar-edit", uid=saved.uid)
    language = translation.get_language() or "en"
    preview = calendar_preview(calendar, language=language) if calendar else None
    context = {"editor": editor, "calendar": calendar, "preview": preview}
    return render(request, "calendars/settings/calendar_edit.html", context, status=status)
