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
