from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TicketsConfig(AppConfig):
    name = "cortesia.tickets"
    verbose_name = _("Tickets")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cortesia.accounts.context_processors import navigation_flag_register
        from cortesia.tickets.permissions import can_work_tickets

        navigation_flag_register("can_work_tickets", can_work_tickets)
        from cortesia.tickets.search_receivers import search_receivers_connect

        search_receivers_connect()

        from cortesia.tickets.settings_sections import register_routing_sections

        register_routing_sections()
        from cortesia.core.settings_sections import SettingsSection, settings_section_register
        from cortesia.tickets.canned import can_edit_canned

        settings_section_register(
            SettingsSection(
                key="canned",
                label=_("Canned responses"),
                description=_("Replies written once per language and register."),
                url_name="canned-settings:canned-list",
                flag=can_edit_canned,  # type: ignore[arg-type]
                order=60,
            )
        )
