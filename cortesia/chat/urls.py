from __future__ import annotations

from django.urls import path

from cortesia.chat import widget_views

app_name = "chat"

urlpatterns = [
    path("widget/<str:site_uid>/session", widget_views.session_view, name="widget-session"),
    path(
        "widget/<str:site_uid>/stream-ticket",
        widget_views.stream_ticket_view,
        name="widget-stream-ticket",
    ),
    path("widget/<str:site_uid>/messages", widget_views.message_view, name="widget-messages"),
    path("widget/<str:site_uid>/events", widget_views.events_view, name="widget-events"),
    path(
        "widget/<str:site_uid>/conversations/<str:conversation_uid>/read",
        widget_views.read_view,
        name="widget-read",
    ),
    path(
        "widget/<str:site_uid>/conversations/<str:conversation_uid>/end",
        widget_views.end_view,
        name="widget-end",
    ),
]
