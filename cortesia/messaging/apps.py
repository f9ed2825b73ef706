from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "cortesia.messaging"
    label = "messaging"
    verbose_name = _("Messaging channels")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Send agents' replies to messaging customers; add the settings section."""
        from cortesia.core.settings_sections import SettingsSection, settings_section_register
        from cortesia.messaging.receivers import on_message_added
        from cortesia.messaging.selectors import can_manage_channels
        from cortesia.tickets.signals import message_added

        message_added.connect(on_message_added, dispatch_uid="messaging.answer")
        settings_section_register(
            SettingsSection(
                key="messaging",
                label=_("Messaging channels"),
                description=_(
                    "WhatsApp business numbers and Telegram bots, and the addresses to give "
                    "their providers."
                ),
                url_name="messaging-settings:channel-list",
                flag=can_manage_channels,
                order=82,
            )
        )
