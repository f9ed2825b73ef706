"""The settings pages of webhooks, under /settings/ (namespace ``webhook-settings``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cortesia.webhooks import settings_views

app_name = "webhook-settings"

urlpatterns: list[URLPattern] = [
    path("webhooks/", settings_views.webhook_list_view, name="webhook-list"),
    path("webhooks/new/", settings_views.webhook_create_view, name="webhook-create"),
    path("webhooks/<str:uid>/", settings_views.webhook_edit_view, name="webhook-edit"),
    path(
        "webhooks/<str:uid>/deliveries/",
        settings_views.webhook_deliveries_view,
        name="webhook-deliveries",
    ),
    path("webhooks/<str:uid>/test/", settings_views.webhook_test_view, name="webhook-test"),
    path("webhooks/<str:uid>/delete/", settings_views.webhook_delete_view, name="webhook-delete"),
    path(
        "webhooks/deliveries/<str:uid>/retry/",
        settings_views.delivery_retry_view,
        name="delivery-retry",
    ),
]
