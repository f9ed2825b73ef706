from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SlaConfig(AppConfig):
    name = "cortesia.sla"
    verbose_name = _("Service levels")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Offer the SLA pages in the settings area, to whom ``policy_save`` lets in."""
        from cortesia.core.settings_sections import SettingsSection, settings_section_register
        from cortesia.sla.permissions import can_manage_sla

        settings_section_register(
            SettingsSection(
                key="sla",
                label=_("Service levels"),
                description=_(
                    "SLA policies: which tickets they cover, their targets, whose business "
                    "hours count and what happens on a breach."
                ),
                url_name="sla-settings:policy-list",
                flag=can_manage_sla,
                order=40,
            )
        )
