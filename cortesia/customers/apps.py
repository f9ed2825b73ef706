from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomersConfig(AppConfig):
    name = "cortesia.customers"
    label = "customers"
    verbose_name = _("Customers")

    def ready(self) -> None:
        from cortesia.accounts.context_processors import navigation_flag_register
        from cortesia.customers.permissions import can_view_customers

        navigation_flag_register("can_view_customers", can_view_customers)
        from cortesia.core.settings_sections import SettingsSection, settings_section_register
        from cortesia.customers.custom_fields import can_manage_custom_fields

        settings_section_register(
            SettingsSection(
                key="fields",
                label=_("Custom fields"),
                description=_("Fields added to every customer profile, with their types."),
                url_name="field-settings:field-list",
                flag=can_manage_custom_fields,  # type: ignore[arg-type]
                order=70,
            )
        )
