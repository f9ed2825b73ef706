"""The help desk's tables, one module per concern."""

from cortesia.tickets.models.canned import CannedResponse, CannedVariant
from cortesia.tickets.models.leave import AgentLeave
from cortesia.tickets.models.message import TicketAttachment, TicketMessage
from cortesia.tickets.models.presence import TicketPresence
from cortesia.tickets.models.routing import (
    AgentProfile,
    AgentShift,
    RoutingRule,
    RoutingSettings,
    TeamRouting,
)
from cortesia.tickets.models.search import SavedView, TicketSearchDocument
from cortesia.tickets.models.signature import AgentSignature, ReplySettings
from cortesia.tickets.models.submission import ReplySubmission
from cortesia.tickets.models.ticket import Ticket, TicketCounter, TicketEvent, TicketLink

__all__ = [
    "AgentLeave",
    "AgentSignature",
    "AgentProfile",
    "AgentShift",
    "CannedResponse",
    "CannedVariant",
    "ReplySettings",
    "ReplySubmission",
    "RoutingRule",
    "RoutingSettings",
    "SavedView",
    "TeamRouting",
    "Ticket",
    "TicketAttachment",
    "TicketCounter",
    "TicketEvent",
    "TicketLink",
    "TicketMessage",
    "TicketPresence",
    "TicketSearchDocument",
]
