"""Report pages under /reports/ (namespace ``reports``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cortesia.reports import views

app_name = "reports"

urlpatterns: list[URLPattern] = [
    path("", views.dashboard_view, name="dashboard"),
    path("service/", views.area_view, {"area": "service"}, name="service"),
    path("feedback/", views.area_view, {"area": "feedback"}, name="feedback"),
    path("customers/", views.area_view, {"area": "economics"}, name="customers"),
    path("metric/", views.metric_view, name="metric"),
    path("export.csv", views.export_view, name="export"),
]
