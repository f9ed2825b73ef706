"""Settings pages of reports under /settings/ (namespace ``report-settings``)."""

from __future__ import annotations

from django.urls import URLPattern

app_name = "report-settings"

urlpatterns: list[URLPattern] = []
