"""Settings pages of reports under /settings/ (namespace ``report-settings``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cortesia.reports import settings_views as views

app_name = "report-settings"

urlpatterns: list[URLPattern] = [
    path("reports/", views.report_settings_view, name="report-settings"),
    path("reports/spend/", views.spend_list_view, name="spend-list"),
    path("reports/spend/<str:uid>/", views.spend_edit_view, name="spend-edit"),
    path("reports/spend/<str:uid>/delete/", views.spend_delete_view, name="spend-delete"),
    path("reports/rates/", views.rates_view, name="rates"),
]
