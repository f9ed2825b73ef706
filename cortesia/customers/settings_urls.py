"""The settings pages of the customers app, under /settings/ (namespace ``field-settings``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cortesia.customers.views import settings_fields

app_name = "field-settings"

urlpatterns: list[URLPattern] = [
    path("custom-fields/", settings_fields.field_list_view, name="field-list"),
    path("custom-fields/new/", settings_fields.field_edit_view, name="field-create"),
    path("custom-fields/<str:uid>/", settings_fields.field_edit_view, name="field-edit"),
    path(
        "custom-fields/<str:uid>/activity/",
        settings_fields.field_activity_view,
        name="field-activity",
    ),
]
