"""The settings pages of the automations app, under /settings/ (namespace
``automation-settings``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cortesia.automations import views

app_name = "automation-settings"

urlpatterns: list[URLPattern] = [
    path("automations/", views.trigger_list_view, name="trigger-list"),
    path("automations/triggers/new/", views.trigger_edit_view, name="trigger-create"),
    path("automations/triggers/<uuid:uid>/", views.trigger_edit_view, name="trigger-edit"),
    path("automations/timed/", views.automation_list_view, name="automation-list"),
    path("automations/timed/new/", views.automation_edit_view, name="automation-create"),
    path("automations/timed/<uuid:uid>/", views.automation_edit_view, name="automation-edit"),
    path("automations/macros/", views.macro_list_view, name="macro-list"),
    path("automations/macros/new/", views.macro_edit_view, name="macro-create"),
    path("automations/macros/<uuid:uid>/", views.macro_edit_view, name="macro-edit"),
]
