"""The help desk's tables, one module per concern."""

from cortesia.tickets.models.canned import CannedResponse, CannedVariant
from cortesia.tickets.models.message import TicketAttachment, TicketMessage
from cortesia.tickets.models.routing import (
    AgentProfile,
    AgentShift,
    RoutingRule,
    RoutingSettings,
    TeamRouting,
)
from cortesia.tickets.models.ticket import Ticket, TicketCounter, TicketEvent, TicketLink

__all__ = [
    "AgentProfile",
    "AgentShift",
    "CannedResponse",
    "CannedVariant",
    "RoutingRule",
    "RoutingSettings",
    "TeamRouting",
    "Ticket",
    "TicketAttachment",
    "TicketCounter",
    "TicketEvent",
    "TicketLink",
    "TicketMessage",
]
