"""The settings pages of the localization app (namespace ``register-settings``)."""

from __future__ import annotations

from django.urls import URLPattern

app_name = "register-settings"

urlpatterns: list[URLPattern] = []
