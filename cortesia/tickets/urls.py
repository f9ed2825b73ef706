from __future__ import annotations

from django.urls import path

from cortesia.tickets.views import inbox, signature, ticket, ticket_properties

app_name = "tickets"

urlpatterns = [
    path("", inbox.inbox_view, name="inbox"),
    path("bulk/", inbox.bulk_view, name="bulk"),
    path("signature/", signature.signature_view, name="signature"),
    path("<str:uid>/", ticket.ticket_detail_view, name="ticket-detail"),
    path("<str:uid>/canned/", ticket.canned_insert_view, name="canned-insert"),
    path(
        "<str:uid>/properties/",
        ticket_properties.ticket_properties_view,
        name="ticket-properties",
    ),
    path(
        "<str:uid>/attachments/<str:attachment_uid>/",
        ticket.attachment_download_view,
        name="attachment",
    ),
]
