from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "cortesia.feedback"
    label = "feedback"
    verbose_name = _("Feedback")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Hear solved tickets and delivered orders (the survey triggers)."""
        from cortesia.customers.signals import order_status_changed
        from cortesia.feedback.receivers import on_events_recorded, on_order_status_changed
        from cortesia.tickets.signals import events_recorded

        events_recorded.connect(on_events_recorded, dispatch_uid="feedback.events")
        order_status_changed.connect(on_order_status_changed, dispatch_uid="feedback.orders")
