"""The mail pages on a ticket, under /tickets/ (namespace ``mail``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cortesia.mail import views

app_name = "mail"

urlpatterns: list[URLPattern] = [
    path("<str:uid>/forward/", views.ticket_forward_view, name="ticket-forward"),
]
