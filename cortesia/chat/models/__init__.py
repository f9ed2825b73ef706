from cortesia.chat.models.conversation import Conversation
from cortesia.chat.models.event import ChatEvent
from cortesia.chat.models.presence import AgentPresence
from cortesia.chat.models.site import WidgetSite, WidgetText
from cortesia.chat.models.visitor import EmailVerification, Visitor

__all__ = [
    "AgentPresence",
    "ChatEvent",
    "Conversation",
    "EmailVerification",
    "Visitor",
    "WidgetSite",
    "WidgetText",
]
