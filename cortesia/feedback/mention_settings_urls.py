"""Settings pages of mention sources under /settings/ (namespace ``mention-settings``)."""

from __future__ import annotations

from django.urls import URLPattern, path

app_name = "mention-settings"

urlpatterns: list[URLPattern] = []
