"""The settings pages of the customers app, under /settings/ (namespace ``field-settings``)."""

from __future__ import annotations

from django.urls import URLPattern

app_name = "field-settings"

urlpatterns: list[URLPattern] = []
