"""Staff pages of feedback: responses and mentions (namespace ``feedback``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cortesia.feedback import views

app_name = "feedback"

urlpatterns: list[URLPattern] = [
    path("", views.response_list_view, name="response-list"),
    path("summary/", views.response_summary_view, name="response-summary"),
    path("responses.csv", views.response_export_view, name="response-export"),
    path("responses/<uuid:uid>/", views.response_detail_view, name="response-detail"),
    path("mentions/", views.mention_list_view, name="mention-list"),
    path("mentions.csv", views.mention_export_view, name="mention-export"),
    path("mentions/<uuid:uid>/", views.mention_detail_view, name="mention-detail"),
    path(
        "mentions/<uuid:uid>/ticket/",
        views.mention_ticket_open_view,
        name="mention-ticket-open",
    ),
]
