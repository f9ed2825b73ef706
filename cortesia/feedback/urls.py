"""Staff pages of feedback: responses and mentions (namespace ``feedback``)."""

from __future__ import annotations

from django.urls import URLPattern, path

app_name = "feedback"

urlpatterns: list[URLPattern] = []
