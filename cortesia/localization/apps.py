from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalizationConfig(AppConfig):
    name = "cortesia.localization"
    label = "localization"
    verbose_name = _("Localization")

    def ready(self) -> None:
        from cortesia.core.settings_sections import SettingsSection, settings_section_register
        from cortesia.localization.services import can_set_register_defaults

        settings_section_register(
            SettingsSection(
                key="registers",
                label=_("Default registers"),
                description=_("Formal or informal address, per language, by default."),
                url_name="register-settings:register-defaults",
                flag=can_set_register_defaults,  # type: ignore[arg-type]
                order=90,
            )
        )
