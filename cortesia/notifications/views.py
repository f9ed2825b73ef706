"""The notification pages: the list, the bell's fragment, opening one, marking read, and
each person's preferences. Views parse, ask one selector or service, and render or
redirect; a Forbidden is the 403 page and a NotFound the 404 page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cortesia.accounts.models import User
from cortesia.accounts.settings_views import refusals_as_pages
from cortesia.accounts.views import staff_user
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors
from cortesia.core.refusals import refusal_on_form
from cortesia.notifications.forms import PreferencesForm, ReadForm
from cortesia.notifications.selectors import (
    can_receive_notifications,
    notification_get,
    notification_list,
    poll_seconds,
    preferences_of,
    unread_count,
)
from cortesia.notifications.sentences import sentence_html
from cortesia.notifications.services import (
    notification_read,
    notifications_read_all,
    preferences_set,
)

PAGE_SIZE = 25


@require_GET
@refusals_as_pages
def notification_list_view(request: HttpRequest) -> HttpResponse:
    viewer = staff_user(request)
    page = Paginator(notification_list(viewer=viewer), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(notification, sentence_html(notification)) for notification in page]
    return render(request, "notifications/notification_list.html", {"page": page, "rows": rows})


# htmx stops polling when answered with this status: for a page whose session ended.
STOP_POLLING = 286


@require_GET
@login_not_required
def bell_view(request: HttpRequest) -> HttpResponse:
    """The bell alone, for the page's polling (a browser asking for it is sent to the
    list). Once the session has ended, or for anyone without notifications, the page is
    told to stop asking, so no sign-in page is ever drawn inside the bell."""
    if not request.headers.get("HX-Request"):
        return redirect("notifications:notification-list")
    viewer = request.user
    if not isinstance(viewer, User) or not can_receive_notifications(viewer):
        return HttpResponse(status=STOP_POLLING)
    context = {
        "counted": True,
        "unread": unread_count(viewer=viewer),
        "poll_seconds": poll_seconds(),
    }
    return render(request, "notifications/bell.html", context)


@require_GET
@refusals_as_pages
def notification_open_view(request: HttpRequest) -> HttpResponse:
    """Follow a notification to its ticket; following it is reading it."""
    viewer = staff_user(request)
    uid = request.GET.get("n", "")
    if not uid:
        return redirect("notifications:notification-list")
    notification = notification_get(viewer=viewer, uid=uid)
    notification_read(viewer=viewer, notification=notification)
    return redirect("tickets:ticket-detail", notification.ticket.uid)


@require_POST
@refusals_as_pages
def notification_read_view(request: HttpRequest) -> HttpResponse:
    viewer = staff_user(request)
    form = ReadForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a notification."))
        return redirect("notifications:notification-list")
    notification = notification_get(viewer=viewer, uid=str(form.cleaned_data["uid"]))
    notification_read(viewer=viewer, notification=notification)
    messages.success(request, _("The notification is marked as read."))
    return redirect("notifications:notification-list")


@require_POST
@refusals_as_pages
def notification_read_all_view(request: HttpRequest) -> HttpResponse:
    notifications_read_all(viewer=staff_user(request))
    messages.success(request, _("All your notifications are marked as read."))
    return redirect("notifications:notification-list")


@require_http_methods(["GET", "POST"])
@refusals_as_pages
def preferences_view(request: HttpRequest) -> HttpResponse:
    viewer = staff_user(request)
    form = PreferencesForm(request.POST or None, rows=preferences_of(viewer=viewer, user=viewer))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            preferences_set(user=viewer, choices=form.choices(), actor=Actor.from_request(request))
        except FieldErrors as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(request, _("Your notification preferences are saved."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form}, status=status)
