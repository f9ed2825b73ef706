from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cortesia.accounts"
    label = "accounts"
    verbose_name = _("Staff accounts")

    def ready(self) -> None:
        """Offer the staff and team pages in the settings area, to whom their services let in."""
        from cortesia.accounts.permissions import can_manage_staff, can_manage_teams
        from cortesia.core.settings_sections import SettingsSection, settings_section_register

        settings_section_register(
            SettingsSection(
                key="staff",
                label=_("Staff"),
                description=_(
                    "Invite people, set their role, language and time zone, deactivate accounts."
                ),
                url_name="staff-settings:staff-list",
                flag=can_manage_staff,
                order=10,
            )
        )
        settings_section_register(
            SettingsSection(
                key="teams",
                label=_("Teams"),
                description=_(
                    "Group people by the languages they answer in, their time zone, skills and"
                    " business calendar."
                ),
                url_name="staff-settings:team-list",
                flag=can_manage_teams,
                order=20,
            )
        )
