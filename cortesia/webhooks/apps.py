from __future__ import annotations

from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "cortesia.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Check the outbound allowlist, hear ticket and customer changes, and add the
        settings section."""
        from cortesia.core.settings_sections import SettingsSection, settings_section_register
        from cortesia.customers.signals import customer_changed
        from cortesia.tickets.signals import events_recorded
        from cortesia.webhooks.network import allowlist_parse
        from cortesia.webhooks.receivers import on_customer_changed, on_events_recorded
        from cortesia.webhooks.selectors import can_manage_webhooks

        try:
            allowlist_parse(list(settings.CORTESIA_OUTBOUND_ALLOWLIST))
        except ValueError as error:
            raise ImproperlyConfigured(
                f"CORTESIA_OUTBOUND_ALLOWLIST: {error} is neither a host name nor a network."
            ) from None
        events_recorded.connect(on_events_recorded, dispatch_uid="webhooks.events")
        customer_changed.connect(on_customer_changed, dispatch_uid="webhooks.customers")
        settings_section_register(
            SettingsSection(
                key="webhooks",
                label=_("Webhooks"),
                description=_(
                    "Addresses that receive signed events when tickets or customers change."
                ),
                url_name="webhook-settings:webhook-list",
                flag=can_manage_webhooks,
                order=95,
            )
        )
