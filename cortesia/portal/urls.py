from __future__ import annotations

from django.urls import path

from cortesia.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.tickets_view, name="tickets"),
    path("sign-in/", views.sign_in_view, name="sign-in"),
    path("sign-in/sent/", views.sign_in_sent_view, name="sign-in-sent"),
    path("sign-in/<str:token>/", views.link_view, name="link"),
    path("sign-out/", views.sign_out_view, name="sign-out"),
    path("language/", views.language_view, name="language"),
    path("requests/new/", views.new_request_view, name="new-request"),
    path("requests/sent/", views.request_sent_view, name="request-sent"),
    path("requests/suggestions/", views.suggestions_view, name="suggestions"),
    path(
        "requests/suggestions/<str:uid>/",
        views.suggestion_open_view,
        name="suggestion-open",
    ),
    path("requests/<str:uid>/", views.ticket_view, name="ticket"),
    path("requests/<str:uid>/solved/", views.solved_view, name="solved"),
    path("surveys/<str:uid>/", views.survey_view, name="survey"),
    path(
        "requests/<str:uid>/files/<str:attachment_uid>/",
        views.attachment_view,
        name="attachment",
    ),
]
