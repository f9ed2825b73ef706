"""The customer's survey pages, reached from the mail's links (namespace ``survey``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cortesia.feedback import public_views

app_name = "survey"

urlpatterns: list[URLPattern] = [
    path("<str:token>/", public_views.answer_view, name="answer"),
    path("<str:token>/unsubscribe/", public_views.unsubscribe_view, name="unsubscribe"),
]
