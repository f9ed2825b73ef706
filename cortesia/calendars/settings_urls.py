"""The settings pages of the calendars app, under /settings/ (namespace ``calendar-settings``)."""

from __future__ import annotations

from django.urls import URLPattern

app_name = "calendar-settings"

urlpatterns: list[URLPattern] = []
