from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "cortesia.reports"
    label = "reports"
    verbose_name = _("Reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Keep the ticket facts current after every recorded ticket change, and the order
        links after every change of counted orders."""
        from cortesia.accounts.context_processors import navigation_flag_register
        from cortesia.reports.permissions import can_view_reports
        from cortesia.reports.upkeep import on_events_recorded
        from cortesia.tickets.signals import events_recorded

        events_recorded.connect(on_events_recorded, dispatch_uid="reports.events")
        from cortesia.customers.signals import customer_changed
        from cortesia.reports.upkeep import on_customer_changed

        customer_changed.connect(on_customer_changed, dispatch_uid="reports.customers")
        from cortesia.customers.signals import counted_orders_changed
        from cortesia.reports.order_links import on_counted_orders_changed

        counted_orders_changed.connect(on_counted_orders_changed, dispatch_uid="reports.orders")
        from django.db.models.signals import pre_delete

        from cortesia.reports.models import TicketFact
        from cortesia.reports.tallies import on_fact_deleted

        pre_delete.connect(on_fact_deleted, sender=TicketFact, dispatch_uid="reports.tallies")
        from cortesia.reports.settings_access import report_settings_section_register

        report_settings_section_register()
        navigation_flag_register("can_view_reports", can_view_reports)
