from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "cortesia.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Hear every recorded ticket change (see ``tickets.signals.events_recorded``) and
        offer the settings page to whom ``notification_settings_set`` lets in."""
        from cortesia.notifications.receivers import on_events_recorded
        from cortesia.tickets.signals import events_recorded

        events_recorded.connect(on_events_recorded, dispatch_uid="notifications.events")
        from cortesia.core.settings_sections import SettingsSection, settings_section_register
        from cortesia.notifications.permissions import can_manage_notification_settings

        settings_section_register(
            SettingsSection(
                key="notifications",
                label=_("Notifications"),
                description=_("When a team hears of a ticket left without an assignee."),
                url_name="notification-settings:notification-settings",
                flag=can_manage_notification_settings,  # type: ignore[arg-type]
                order=95,
            )
        )
