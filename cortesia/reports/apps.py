from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "cortesia.reports"
    label = "reports"
    verbose_name = _("Reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Keep the ticket facts current after every recorded ticket change."""
        from cortesia.reports.upkeep import on_events_recorded
        from cortesia.tickets.signals import events_recorded

        events_recorded.connect(on_events_recorded, dispatch_uid="reports.events")
