"""Settings pages of feedback under /settings/ (namespace ``feedback-settings``)."""

from __future__ import annotations

from django.urls import URLPattern, path

app_name = "feedback-settings"

urlpatterns: list[URLPattern] = []
