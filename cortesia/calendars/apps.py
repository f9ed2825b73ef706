from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "cortesia.calendars"
    label = "calendars"
    verbose_name = _("Business calendars")

    def ready(self) -> None:
        from cortesia.calendars.permissions import can_manage_calendars
        from cortesia.core.settings_sections import SettingsSection, settings_section_register

        settings_section_register(
            SettingsSection(
                key="calendars",
                label=_("Business calendars"),
                description=_(
                    "Opening hours, public holidays and special days that SLA clocks count."
                ),
                url_name="calendar-settings:calendar-list",
                flag=can_manage_calendars,
                order=30,
            )
        )
