"""The form of the webhook settings pages. The secret field is write-only: it is never
filled with the stored secret."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cortesia.webhooks.events import EventType
from cortesia.webhooks.models import Subscription
from cortesia.webhooks.services import SubscriptionChange


class WebhookForm(forms.Form):
    url = forms.CharField(
        label=_("address"),
        max_length=500,
        help_text=_("Where events are sent with a POST request; https:// is expected."),
        widget=forms.URLInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )
    events = forms.MultipleChoiceField(
        label=_("events"), choices=EventType.choices, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(label=_("description"), max_length=200, required=False)
    is_active = forms.BooleanField(label=_("active"), required=False, initial=True)
    secret = forms.CharField(
        label=_("signing secret"),
        required=False,
        min_length=16,
        max_length=200,
        strip=False,
        help_text=_("Leave empty to have a random secret made; it is shown once, after saving."),
        widget=forms.PasswordInput(
            render_value=False, attrs={"dir": "ltr", "autocomplete": "new-password"}
        ),
    )

    def __init__(self, *args: Any, subscription: Subscription | None = None, **kwargs: Any):
        if subscription is not None:
            kwargs["initial"] = {
                "url": subscription.url,
                "events": list(subscription.events),
                "description": subscription.description,
                "is_active": subscription.is_active,
            }
        super().__init__(*args, **kwargs)
        self.subscription = subscription
        if subscription is not None:
            self.fields["secret"].help_text = _("Leave empty to keep the current secret.")

    def change(self) -> SubscriptionChange:
        data = self.cleaned_data
        return SubscriptionChange(
            url=data["url"],
            events=list(data["events"]),
            secret=data["secret"] or None,
            is_active=data["is_active"],
            description=data["description"],
        )
