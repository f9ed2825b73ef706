"""The settings pages of the mail app, under /settings/ (namespace ``mailbox-settings``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cortesia.mail import settings_views

app_name = "mailbox-settings"

urlpatterns: list[URLPattern] = [
    path("mailboxes/", settings_views.mailbox_list_view, name="mailbox-list"),
    path("mailboxes/new/", settings_views.mailbox_edit_view, name="mailbox-create"),
    path("mailboxes/<str:uid>/", settings_views.mailbox_edit_view, name="mailbox-edit"),
]
