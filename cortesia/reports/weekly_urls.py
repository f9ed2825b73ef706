"""The weekly report subscription under /reports/weekly/ (namespace ``weekly-report``)."""

from __future__ import annotations

from django.urls import URLPattern

app_name = "weekly-report"

urlpatterns: list[URLPattern] = []
