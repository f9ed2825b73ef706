"""Settings pages of mention sources under /settings/ (namespace ``mention-settings``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cortesia.feedback import mention_settings_views as views

app_name = "mention-settings"

urlpatterns: list[URLPattern] = [
    path("mention-sources/", views.source_list_view, name="source-list"),
]
