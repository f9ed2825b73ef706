from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AutomationsConfig(AppConfig):
    name = "cortesia.automations"
    label = "automations"
    verbose_name = _("Automations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Hear every recorded ticket change and offer the settings section."""
        from cortesia.automations.permissions import can_manage_automations
        from cortesia.automations.triggering import on_events_recorded
        from cortesia.core.settings_sections import SettingsSection, settings_section_register
        from cortesia.tickets.signals import events_recorded

        events_recorded.connect(on_events_recorded, dispatch_uid="automations.triggers")
        settings_section_register(
            SettingsSection(
                key="automations",
                label=_("Automations"),
                description=_(
                    "Triggers that act on ticket changes, time-based automations and macros."
                ),
                url_name="automation-settings:trigger-list",
                flag=can_manage_automations,
                order=55,
            )
        )
