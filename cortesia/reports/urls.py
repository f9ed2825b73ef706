"""Report pages under /reports/ (namespace ``reports``)."""

from __future__ import annotations

from django.urls import URLPattern

app_name = "reports"

urlpatterns: list[URLPattern] = []
