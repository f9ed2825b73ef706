from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "cortesia.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge base")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cortesia.accounts.context_processors import navigation_flag_register
        from cortesia.chat.signals import conversation_started
        from cortesia.knowledge import bot_receivers  # noqa: F401 - connects the answer bot
        from cortesia.knowledge.permissions import can_read_internal_articles
        from cortesia.knowledge.receivers import conversation_request_sent
        from cortesia.knowledge.staff_suggest_views import SUGGESTIONS_PANEL
        from cortesia.tickets.page_panels import ticket_page_panel_register

        conversation_started.connect(
            conversation_request_sent, dispatch_uid="knowledge.deflection.conversation_started"
        )
        ticket_page_panel_register(SUGGESTIONS_PANEL)
        navigation_flag_register("can_read_knowledge", can_read_internal_articles)
