"""The settings pages of messaging channels, under /settings/ (namespace
``messaging-settings``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cortesia.messaging import settings_views

app_name = "messaging-settings"

urlpatterns: list[URLPattern] = [
    path("messaging/", settings_views.channel_list_view, name="channel-list"),
    path("messaging/new/", settings_views.channel_create_view, name="channel-create"),
    path("messaging/<str:uid>/", settings_views.channel_edit_view, name="channel-edit"),
    path("messaging/<str:uid>/enable/", settings_views.channel_enable_view, name="channel-enable"),
    path(
        "messaging/<str:uid>/disable/", settings_views.channel_disable_view, name="channel-disable"
    ),
    path(
        "messaging/<str:uid>/connect/", settings_views.channel_connect_view, name="channel-connect"
    ),
]
