"""The settings page of notifications (``/settings/notifications/``): administrators
choose how long a team's ticket may wait without an assignee."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cortesia.accounts.settings_views import refusals_as_pages
from cortesia.accounts.views import staff_user
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors, Forbidden
from cortesia.core.refusals import refusal_on_form
from cortesia.notifications.permissions import can_manage_notification_settings
from cortesia.notifications.selectors import notification_settings_current
from cortesia.notifications.services import notification_settings_set
from cortesia.notifications.settings_forms import NotificationSettingsForm


@require_http_methods(["GET", "POST"])
@refusals_as_pages
def notification_settings_view(request: HttpRequest) -> HttpResponse:
    if not can_manage_notification_settings(staff_user(request)):
        raise Forbidden("notification settings")
    current = notification_settings_current()
    form = NotificationSettingsForm(
        request.POST or None, initial={"unassigned_minutes": current.unassigned_minutes}
    )
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            notification_settings_set(
                unassigned_minutes=form.cleaned_data["unassigned_minutes"],
                actor=Actor.from_request(request),
            )
        except FieldErrors as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(request, _("The notification settings are saved."))
            return redirect("notification-settings:notification-settings")
    context = {"form": form, "current": current}
    return render(
        request, "notifications/settings/notification_settings.html", context, status=status
    )
