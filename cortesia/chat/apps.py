from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    name = "cortesia.chat"
    label = "chat"
    verbose_name = _("Live chat")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Follow changes made to chat tickets outside the chat."""
        from cortesia.chat.ticket_sync import on_events_recorded
        from cortesia.tickets.signals import events_recorded

        events_recorded.connect(on_events_recorded, dispatch_uid="chat.ticket_sync")
