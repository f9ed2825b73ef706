from __future__ import annotations

from django.urls import path

from cortesia.messaging import views

app_name = "messaging"

urlpatterns = [
    path("webhooks/<str:channel_uid>", views.webhook_view, name="webhook"),
]
