from __future__ import annotations

from django.urls import path

from cortesia.chat import console_views, views, widget_views

app_name = "chat"

urlpatterns = [
    path("", console_views.console_view, name="console"),
    path("console/conversations", console_views.conversations_view, name="console-conversations"),
    path("console/accepting", console_views.accepting_view, name="console-accepting"),
    path("console/stream-ticket", console_views.stream_ticket_view, name="console-stream-ticket"),
    path(
        "console/conversations/<str:uid>",
        console_views.conversation_view,
        name="console-conversation",
    ),
    path(
        "console/conversations/<str:uid>/messages",
        console_views.message_view,
        name="console-messages",
    ),
    path("console/conversations/<str:uid>/take", console_views.take_view, name="console-take"),
    path("console/conversations/<str:uid>/end", console_views.end_view, name="console-end"),
    path("console/conversations/<str:uid>/read", console_views.read_view, name="console-read"),
    path(
        "console/conversations/<str:uid>/hand-over",
        console_views.hand_over_view,
        name="console-hand-over",
    ),
    path(
        "console/conversations/<str:uid>/canned/<str:canned_uid>",
        console_views.canned_view,
        name="console-canned",
    ),
    path("demo/", views.widget_demo_view, name="widget-demo"),
    path("widget/<str:site_uid>/texts", widget_views.texts_view, name="widget-texts"),
    path("widget/<str:site_uid>/session", widget_views.session_view, name="widget-session"),
    path(
        "widget/<str:site_uid>/stream-ticket",
        widget_views.stream_ticket_view,
        name="widget-stream-ticket",
    ),
    path("widget/<str:site_uid>/messages", widget_views.message_view, name="widget-messages"),
    path("widget/<str:site_uid>/identity", widget_views.identity_view, name="widget-identity"),
    path(
        "widget/<str:site_uid>/identity/verify",
        widget_views.identity_verify_view,
        name="widget-identity-verify",
    ),
    path("widget/<str:site_uid>/offline", widget_views.offline_view, name="widget-offline"),
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
