from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "cortesia.feedback"
    label = "feedback"
    verbose_name = _("Feedback")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Hear solved tickets and delivered orders (the survey triggers) and add the
        settings sections."""
        from cortesia.accounts.context_processors import navigation_flag_register
        from cortesia.core.settings_sections import SettingsSection, settings_section_register
        from cortesia.customers.signals import order_status_changed
        from cortesia.feedback.permissions import (
            can_manage_mention_sources,
            can_manage_surveys,
            can_view_feedback,
        )
        from cortesia.feedback.receivers import on_events_recorded, on_order_status_changed
        from cortesia.tickets.signals import events_recorded

        navigation_flag_register("can_view_feedback", can_view_feedback)
        events_recorded.connect(on_events_recorded, dispatch_uid="feedback.events")
        order_status_changed.connect(on_order_status_changed, dispatch_uid="feedback.orders")
        import cortesia.feedback.ticket_panel  # noqa: F401  (registers the ticket page panel)

        settings_section_register(
            SettingsSection(
                key="surveys",
                label=_("Surveys"),
                description=_(
                    "CSAT, NPS and CES surveys: when they are sent, to whom, their texts in "
                    "each language, and the customers' contact window."
                ),
                url_name="feedback-settings:survey-list",
                flag=can_manage_surveys,
                order=85,
            )
        )
        settings_section_register(
            SettingsSection(
                key="mention-sources",
                label=_("Mention sources"),
                description=_(
                    "Review sites and social networks that send mentions, with their signing "
                    "secrets."
                ),
                url_name="mention-settings:source-list",
                flag=can_manage_mention_sources,
                order=90,
            )
        )
