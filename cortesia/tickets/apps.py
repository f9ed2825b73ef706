from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TicketsConfig(AppConfig):
    name = "cortesia.tickets"
    verbose_name = _("Tickets")
    default_auto_field = "django.db.models.BigAutoField"
