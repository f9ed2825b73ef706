"""The routing and shifts sections of the settings area (registered at start-up)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cortesia.core.settings_sections import SettingsSection, settings_section_register
from cortesia.tickets.routing_admin import can_change_routing


def register_routing_sections() -> None:
    """Add "Shifts" and "Routing": both open to those the routing services let change."""
    settings_section_register(
        SettingsSection(
            key="shifts",
            label=_("Shifts"),
            description=_(
                "Agents' weekly hours, leave, languages and skills, and who is on shift now."
            ),
            url_name="desk-settings:shift-list",
            flag=can_change_routing,
            order=25,
        )
    )
    settings_section_register(
        SettingsSection(
            key="routing",
            label=_("Routing"),
            description=_("Which team new tickets go to, follow-the-sun, and a test of the rules."),
            url_name="desk-settings:routing-list",
            flag=can_change_routing,
            order=50,
        )
    )
