"""The settings pages of the notifications app (namespace ``notification-settings``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cortesia.notifications import settings_views

app_name = "notification-settings"

urlpatterns: list[URLPattern] = [
    path(
        "notifications/",
        settings_views.notification_settings_view,
        name="notification-settings",
    ),
]
