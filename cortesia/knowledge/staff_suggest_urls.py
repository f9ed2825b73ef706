"""Suggested articles for a ticket, under the ticket's own address (``/tickets/<uid>/``)."""

from __future__ import annotations

from django.urls import path

from cortesia.knowledge import staff_suggest_views

app_name = "knowledge-staff"

urlpatterns = [
    path(
        "<str:uid>/suggested-articles",
        staff_suggest_views.ticket_suggestions_view,
        name="ticket-suggestions",
    ),
]
