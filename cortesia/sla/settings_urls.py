"""The settings pages of the sla app, under /settings/ (namespace ``sla-settings``)."""

from __future__ import annotations

from django.urls import URLPattern

app_name = "sla-settings"

urlpatterns: list[URLPattern] = []
