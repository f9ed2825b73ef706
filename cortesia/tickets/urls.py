from __future__ import annotations

from django.urls import path

from cortesia.tickets.views import (
    calls,
    inbox,
    new_ticket,
    presence,
    saved_views,
    signature,
    ticket,
    ticket_merge,
    ticket_properties,
)

app_name = "tickets"

urlpatterns = [
    path("", inbox.inbox_view, name="inbox"),
    path("bulk/", inbox.bulk_view, name="bulk"),
    path("signature/", signature.signature_view, name="signature"),
    path("views/", saved_views.saved_view_create_view, name="saved-view-create"),
    path("views/<str:uid>/rename/", saved_views.saved_view_rename_view, name="saved-view-rename"),
    path("views/<str:uid>/delete/", saved_views.saved_view_delete_view, name="saved-view-delete"),
    path("new/", new_ticket.new_ticket_view, name="new-ticket"),
    path("new/customers/", new_ticket.new_ticket_customers_view, name="new-ticket-customers"),
    path("new/message/", new_ticket.new_ticket_frame_view, name="new-ticket-frame"),
    path("customers/<str:uid>/call/", calls.customer_call_view, name="customer-call"),
    path("<str:uid>/", ticket.ticket_detail_view, name="ticket-detail"),
    path("<str:uid>/calls/", calls.ticket_call_view, name="ticket-call"),
    path("<str:uid>/presence/", presence.presence_view, name="ticket-presence"),
    path("<str:uid>/canned/", ticket.canned_insert_view, name="canned-insert"),
    path(
        "<str:uid>/properties/",
        ticket_properties.ticket_properties_view,
        name="ticket-properties",
    ),
    path("<str:uid>/merge/", ticket_merge.ticket_merge_view, name="ticket-merge"),
    path("<str:uid>/links/", ticket_merge.ticket_link_view, name="ticket-link"),
    path(
        "<str:uid>/attachments/<str:attachment_uid>/",
        ticket.attachment_download_view,
        name="attachment",
    ),
]
