"""The settings pages of the accounts app, under /settings/ (namespace ``staff-settings``)."""

from __future__ import annotations

from django.urls import URLPattern

app_name = "staff-settings"

urlpatterns: list[URLPattern] = []
