"""The settings pages of the tickets app, under /settings/ (namespace ``desk-settings``)."""

from __future__ import annotations

from django.urls import URLPattern

app_name = "desk-settings"

urlpatterns: list[URLPattern] = []
