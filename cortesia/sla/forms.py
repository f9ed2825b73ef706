"""The SLA policy form of the settings pages, and the sample ticket its Test button tries.

The form reads what was typed into a ``PolicyData``; ``policy_save`` (or ``policy_try``)
checks it and its refusals go back on the fields by name.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cortesia.accounts.models import Team
from cortesia.customers.models import Organization
from cortesia.sla.models import SlaPolicy
from cortesia.sla.policies import CHANNELS, PRIORITIES, TARGETS, PolicyData
from cortesia.sla.trial import SampleTicket

PRIORITY_LABELS = {
    "low": _("Low"),
    "normal": _("Normal"),
    "high": _("High"),
    "urgent": _("Urgent"),
}
CHANNEL_LABELS = {
    "email": _("E-mail"),
    "web": _("Web form"),
    "chat": _("Chat"),
    "phone": _("Phone"),
    "social": _("Social media"),
    "api": _("API"),
}
PRIORITY_CHOICES = [(key, PRIORITY_LABELS[key]) for key in PRIORITIES]
CHANNEL_CHOICES = [(key, CHANNEL_LABELS[key]) for key in CHANNELS]
MINUTES_ATTRS = {"inputmode": "numeric"}


def _tags(text: str) -> list[str]:
    return [tag for tag in (part.strip().lower() for part in text.split(",")) if tag]


def _minutes(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=False, min_value=1, widget=forms.NumberInput(MINUTES_ATTRS)
    )


class PolicyForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    position = forms.IntegerField(
        label=_("position"),
        min_value=0,
        initial=0,
        help_text=_("Policies are tried from the lowest position; the first that matches applies."),
    )
    is_active = forms.BooleanField(label=_("active"), required=False, initial=True)
    priorities = forms.MultipleChoiceField(
        label=_("priorities"),
        required=False,
        choices=PRIORITY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every priority."),
    )
    channels = forms.MultipleChoiceField(
        label=_("channels"),
        required=False,
        choices=CHANNEL_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every channel."),
    )
    teams = forms.ModelMultipleChoiceField(
        label=_("teams"),
        required=False,
        queryset=Team.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every team."),
    )
    tags = forms.CharField(
        label=_("tags"),
        required=False,
        max_length=500,
        help_text=_("Comma-separated; a ticket with any of them matches. Empty: every ticket."),
    )
    first_response_minutes = _minutes(_("first response (minutes)"))
    next_response_minutes = _minutes(_("next response (minutes)"))
    resolution_minutes = _minutes(_("resolution (minutes)"))
    business_hours = forms.BooleanField(
        label=_("count business hours only"), required=False, initial=True
    )
    clock_calendar = forms.ChoiceField(
        label=_("business hours of"),
        choices=SlaPolicy.ClockCalendar.choices,
        initial=SlaPolicy.ClockCalendar.TEAM,
        widget=forms.RadioSelect,
    )
    warn_at_percent = forms.IntegerField(label=_("warn at (%)"), initial=75)
    breach_raises_priority = forms.BooleanField(
        label=_("on breach, raise the priority one step"), required=False
    )
    breach_unassigns = forms.BooleanField(
        label=_("on breach, return the ticket to the team queue"), required=False
    )
    breach_notifies = forms.BooleanField(
        label=_("on breach, e-mail the assignee (or the team's managers)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["teams"].queryset = teams  # type: ignore[attr-defined]

    @staticmethod
    def initial_of(policy: SlaPolicy) -> dict[str, object]:
        values = {name: getattr(policy, name) for name in PolicyForm.base_fields}
        values["teams"] = list(policy.teams.all())
        values["tags"] = ", ".join(policy.tags)
        return values

    def data_of(self) -> PolicyData:
        """The policy as typed, every field given (a blank target: no such target)."""
        data = self.cleaned_data
        return PolicyData(
            cleared=[name for name in TARGETS if data[name] is None],
            name=data["name"],
            position=data["position"],
            is_active=data["is_active"],
            priorities=list(data["priorities"]),
            channels=list(data["channels"]),
            teams=list(data["teams"]),
            tags=_tags(data["tags"]),
            first_response_minutes=data["first_response_minutes"],
            next_response_minutes=data["next_response_minutes"],
            resolution_minutes=data["resolution_minutes"],
            business_hours=data["business_hours"],
            clock_calendar=data["clock_calendar"],
            warn_at_percent=data["warn_at_percent"],
            breach_raises_priority=data["breach_raises_priority"],
            breach_unassigns=data["breach_unassigns"],
            breach_notifies=data["breach_notifies"],
        )


class SampleForm(forms.Form):
    """A sample ticket: what the conditions read, whose calendar counts, when it opens."""

    prefix = "sample"

    team = forms.ModelChoiceField(label=_("team"), required=False, queryset=Team.objects.none())
    priority = forms.ChoiceField(label=_("priority"), choices=PRIORITY_CHOICES, initial="normal")
    channel = forms.ChoiceField(label=_("channel"), choices=CHANNEL_CHOICES, initial="email")
    tags = forms.CharField(label=_("tags"), required=False, max_length=500)
    organization = forms.ModelChoiceField(
        label=_("customer's organization"),
        required=False,
        queryset=Organization.objects.none(),
        help_text=_("Organizations with a business calendar of their own."),
    )
    created_date = forms.DateField(label=_("opened on"), widget=forms.DateInput({"type": "date"}))
    created_time = forms.TimeField(
        label=_("at (your time zone)"), widget=forms.TimeInput({"type": "time"})
    )

    def __init__(
        self,
        *args: Any,
        teams: QuerySet[Team],
        organizations: QuerySet[Organization],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]

    def sample(self) -> SampleTicket:
        """The sample ticket, opened at the typed wall time in the viewer's zone."""
        data = self.cleaned_data
        opened = datetime.combine(
            data["created_date"], data["created_time"], tzinfo=timezone.get_current_timezone()
        )
        return SampleTicket(
            priority=data["priority"],
            channel=data["channel"],
            team=data["team"],
            organization=data["organization"],
            created_at=opened,
            tags=_tags(data["tags"]),
        )
