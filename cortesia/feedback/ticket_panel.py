"""The ticket page's feedback panel: what the customer answered about the ticket.

Importing this module registers the panel with the tickets app (which may not import
feedback); ``FeedbackConfig.ready()`` imports it once.
"""

from __future__ import annotations

from cortesia.feedback.selectors import ticket_panel_context
from cortesia.tickets.page_panels import TicketPagePanel, ticket_page_panel_register

FEEDBACK_PANEL = TicketPagePanel(
    key="feedback", template="feedback/_ticket_panel.html", context=ticket_panel_context
)
ticket_page_panel_register(FEEDBACK_PANEL)
