"""The customer's survey pages, reached from the mail's links (namespace ``survey``)."""

from __future__ import annotations

from django.urls import URLPattern, path

app_name = "survey"

urlpatterns: list[URLPattern] = []
