from __future__ import annotations

from django.urls import path

from cortesia.tickets import views

app_name = "tickets"

urlpatterns = [
    path("", views.inbox_view, name="inbox"),
    path("<str:uid>/", views.ticket_detail_view, name="ticket-detail"),
]
