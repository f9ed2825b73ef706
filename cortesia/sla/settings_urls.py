"""The settings pages of the sla app, under /settings/ (namespace ``sla-settings``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cortesia.sla import views

app_name = "sla-settings"

urlpatterns: list[URLPattern] = [
    path("sla/", views.policy_list_view, name="policy-list"),
    path("sla/new/", views.policy_edit_view, name="policy-create"),
    path("sla/escalation/", views.escalation_view, name="escalation"),
    path("sla/<uuid:uid>/", views.policy_edit_view, name="policy-edit"),
]
