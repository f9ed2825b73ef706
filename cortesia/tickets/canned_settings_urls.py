"""The settings pages of canned responses, under /settings/ (namespace ``canned-settings``)."""

from __future__ import annotations

from django.urls import URLPattern

app_name = "canned-settings"

urlpatterns: list[URLPattern] = []
