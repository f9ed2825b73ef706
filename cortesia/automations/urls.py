"""Applying a macro from the ticket page (namespace ``automations``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cortesia.automations import views

app_name = "automations"

urlpatterns: list[URLPattern] = [
    path("tickets/<uuid:uid>/macros/", views.macro_picker_view, name="macro-picker"),
    path("tickets/<uuid:uid>/macro/", views.macro_apply_view, name="macro-apply"),
]
