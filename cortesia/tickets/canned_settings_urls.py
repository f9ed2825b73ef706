"""The settings pages of canned responses, under /settings/ (namespace ``canned-settings``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cortesia.tickets.views import settings_canned

app_name = "canned-settings"

urlpatterns: list[URLPattern] = [
    path("canned/", settings_canned.canned_list_view, name="canned-list"),
    path("canned/new/", settings_canned.canned_edit_view, name="canned-create"),
    path("canned/<str:uid>/", settings_canned.canned_edit_view, name="canned-edit"),
    path("canned/<str:uid>/preview/", settings_canned.canned_preview_view, name="canned-preview"),
]
