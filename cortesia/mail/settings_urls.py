"""The settings pages of the mail app, under /settings/ (namespace ``mailbox-settings``)."""

from __future__ import annotations

from django.urls import URLPattern

app_name = "mailbox-settings"

urlpatterns: list[URLPattern] = []
