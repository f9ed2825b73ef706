"""The form of the notification settings page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cortesia.notifications.selectors import MAX_UNASSIGNED_MINUTES


class NotificationSettingsForm(forms.Form):
    unassigned_minutes = forms.IntegerField(
        label=_("Minutes a team's ticket may stay without an assignee"),
        help_text=_(
            "Then the members of its team who work tickets are told, once each time the "
            "ticket is left without one."
        ),
        min_value=1,
        max_value=MAX_UNASSIGNED_MINUTES,
    )
