"""The chat widget's article suggestions, beside the widget's own endpoints under
``/chat/widget/<site>/``."""

from __future__ import annotations

from django.urls import path

from cortesia.knowledge import widget_suggest_views

app_name = "knowledge-widget"

urlpatterns = [
    path(
        "widget/<str:site_uid>/suggestions",
        widget_suggest_views.suggestions_view,
        name="suggestions",
    ),
    path(
        "widget/<str:site_uid>/suggestions/opened",
        widget_suggest_views.opened_view,
        name="suggestion-opened",
    ),
]
