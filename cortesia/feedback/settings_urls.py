"""Settings pages of feedback under /settings/ (namespace ``feedback-settings``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cortesia.feedback import settings_views as views

app_name = "feedback-settings"

urlpatterns: list[URLPattern] = [
    path("surveys/", views.survey_list_view, name="survey-list"),
    path("surveys/new/", views.survey_create_view, name="survey-create"),
    path("surveys/options/", views.feedback_settings_view, name="feedback-settings"),
    path("surveys/<str:uid>/", views.survey_edit_view, name="survey-edit"),
    path("surveys/<str:uid>/texts/", views.survey_texts_view, name="survey-texts"),
    path("surveys/<str:uid>/questions/", views.survey_questions_view, name="survey-questions"),
    path("surveys/<str:uid>/preview/", views.survey_preview_view, name="survey-preview"),
    path("surveys/<str:uid>/switch/", views.survey_switch_view, name="survey-switch"),
    path("surveys/<str:uid>/delete/", views.survey_delete_view, name="survey-delete"),
]
