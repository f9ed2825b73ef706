"""The weekly report subscription under /reports/weekly/ (namespace ``weekly-report``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cortesia.reports.weekly_views import subscription_view

app_name = "weekly-report"

urlpatterns: list[URLPattern] = [
    path("", subscription_view, name="subscription"),
]
