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
