"""The settings pages of the localization app (namespace ``register-settings``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cortesia.localization import settings_views

app_name = "register-settings"

urlpatterns: list[URLPattern] = [
    path("registers/", settings_views.register_defaults_view, name="register-defaults"),
]
