"""HTML forms of the routing and shifts settings pages.

Forms only parse what people type (lists separated by commas, times, dates); every rule
about what is allowed lives in the services, whose refusals come back onto these fields.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, time
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cortesia.accounts.models import Team, User
from cortesia.customers.models import Segment
from cortesia.tickets.models import RoutingRule, TeamRouting, Ticket
from cortesia.tickets.routing_admin import RuleData
from cortesia.tickets.routing_preview import SampleTicket
from cortesia.tickets.shift_week import WEEKDAYS
from cortesia.tickets.staffing import LeaveData, ShiftData

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

INTERVAL = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})\s*$")


def _listed(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _joined(values: Sequence[str]) -> str:
    return ", ".join(values)


def _list_field(label: StrOrPromise, help_text: StrOrPromise) -> forms.CharField:
    return forms.CharField(
        label=label, help_text=help_text, required=False, max_length=1000, strip=True
    )


class RuleForm(forms.Form):
    """A routing rule; empty conditions match every ticket."""

    name = forms.CharField(label=_("Name"), max_length=200)
    team = forms.ChoiceField(label=_("Send to team"), required=False)
    languages = _list_field(
        _("Languages"), _("Language codes separated by commas, e.g. fi, sv. Empty: any.")
    )
    countries = _list_field(
        _("Customer countries"), _("Country codes separated by commas, e.g. FI, SE. Empty: any.")
    )
    channels = forms.MultipleChoiceField(
        label=_("Channels"),
        choices=Ticket.Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: any channel."),
    )
    tags = _list_field(_("Tags"), _("The ticket has one of these tags. Empty: any."))
    skills = _list_field(
        _("Skills needed"), _("The team and the agent must have these skills, e.g. billing.")
    )
    segment = forms.ChoiceField(label=_("Customer segment"), required=False)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(
        self, *args: Any, teams: Sequence[Team], segments: Sequence[Segment], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._teams = {str(team.uid): team for team in teams}
        self._segments = {str(segment.uid): segment for segment in segments}
        team_field: forms.ChoiceField = self.fields["team"]  # type: ignore[assignment]
        team_field.choices = [("", "—"), *((uid, t.name) for uid, t in self._teams.items())]
        segment_field: forms.ChoiceField = self.fields["segment"]  # type: ignore[assignment]
        segment_field.choices = [
            ("", _("Any customer")),
            *((uid, s.name) for uid, s in self._segments.items()),
        ]

    @staticmethod
    def initial_for(rule: RoutingRule) -> dict[str, object]:
        return {
            "name": rule.name,
            "team": str(rule.team.uid),
            "languages": _joined(rule.languages),
            "countries": _joined(rule.countries),
            "channels": list(rule.channels),
            "tags": _joined(rule.tags),
            "skills": _joined(rule.skills),
            "segment": str(rule.segment.uid) if rule.segment else "",
            "is_active": rule.is_active,
        }

    def to_data(self) -> RuleData:
        data = self.cleaned_data
        segment = self._segments.get(data["segment"])
        return RuleData(
            name=data["name"],
            is_active=data["is_active"],
            languages=_listed(data["languages"]),
            countries=_listed(data["countries"]),
            channels=list(data["channels"]),
            tags=_listed(data["tags"]),
            skills=_listed(data["skills"]),
            segment=segment,
            clear_segment=segment is None,
            team=self._teams.get(data["team"]),
        )


class FollowTheSunForm(forms.Form):
    follow_the_sun = forms.BooleanField(label=_("Follow the sun"), required=False)


class MoveForm(forms.Form):
    """Where the rule should end up: right after the rule ``after`` ("" for first)."""

    after = forms.CharField(required=False, max_length=36)


class SampleForm(forms.Form):
    """A ticket to try the rules with; the instant is read in the viewer's time zone."""

    language = forms.ChoiceField(label=_("Language"), required=False)
    country = forms.CharField(
        label=_("Customer country"), required=False, max_length=2, help_text=_("e.g. FI")
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=Ticket.Channel.choices, initial=Ticket.Channel.EMAIL
    )
    subject = forms.CharField(label=_("Subject"), required=False, max_length=300)
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Ticket.Priority.choices, initial=Ticket.Priority.NORMAL
    )
    at = forms.DateTimeField(
        label=_("Arriving at"),
        required=False,
        help_text=_("In your time zone. Empty: now."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: forms.ChoiceField = self.fields["language"]  # type: ignore[assignment]
        field.choices = [("", _("Find it from the subject")), *settings.LANGUAGES]

    def clean_at(self) -> Any:
        at = self.cleaned_data["at"]
        if at is not None and not 1900 <= at.year <= 2999:
            raise forms.ValidationError(_("Choose a moment between the years 1900 and 2999."))
        return at

    def to_sample(self, now: Any) -> SampleTicket:
        data = self.cleaned_data
        return SampleTicket(
            language=data["language"],
            country=data["country"].strip().upper(),
            channel=data["channel"],
            subject=data["subject"],
            priority=data["priority"],
            at=data["at"] or now,
        )


def parse_intervals(text: str) -> list[tuple[time, time]]:
    """Parse "09:00-13:00, 14:00-18:00"; raises forms.ValidationError naming the bad part."""
    intervals = []
    for part in _listed(text):
        match = INTERVAL.match(part)
        try:
            if match is None:
                raise ValueError
            h1, m1, h2, m2 = (int(group) for group in match.groups())
            intervals.append((time(h1, m1), time(h2, m2)))
        except ValueError:
            raise forms.ValidationError(
                _("Write each interval as 09:00-17:00, separated by commas: %(part)s"),
                params={"part": part},
            ) from None
    return intervals


class WeekForm(forms.Form):
    """An agent's week: one field per weekday, each a list of intervals in their zone."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for index, label in enumerate(WEEKDAYS):
            self.fields[f"day_{index}"] = forms.CharField(
                label=label,
                required=False,
                max_length=200,
                help_text=_("e.g. 09:00-13:00, 14:00-18:00") if index == 0 else "",
            )

    @staticmethod
    def initial_for(shifts: Sequence[Any]) -> dict[str, str]:
        days: dict[str, list[str]] = {}
        for shift in shifts:
            days.setdefault(f"day_{shift.weekday}", []).append(
                f"{shift.starts:%H:%M}-{shift.ends:%H:%M}"
            )
        return {name: ", ".join(parts) for name, parts in days.items()}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for index in range(7):
            name = f"day_{index}"
            if name in cleaned:
                try:
                    cleaned[name] = parse_intervals(cleaned[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def to_shifts(self) -> list[ShiftData]:
        return [
            ShiftData(index, starts, ends)
            for index in range(7)
            for starts, ends in self.cleaned_data[f"day_{index}"]
        ]

    def field_of_shift(self, shifts: list[ShiftData], key: str) -> str | None:
        """The weekday field of the service's ``shifts.<index>`` error key."""
        index = int(key.rsplit(".", 1)[-1]) if key.startswith("shifts.") else -1
        return f"day_{shifts[index].weekday}" if 0 <= index < len(shifts) else None


class CopyWeekForm(forms.Form):
    targets = forms.MultipleChoiceField(
        label=_("Copy this week to"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, colleagues: Sequence[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._users = {str(user.uid): user for user in colleagues}
        field: forms.MultipleChoiceField = self.fields["targets"]  # type: ignore[assignment]
        field.choices = [(uid, user.display_name) for uid, user in self._users.items()]

    def to_targets(self) -> list[User]:
        return [self._users[uid] for uid in self.cleaned_data["targets"]]


class LeaveForm(forms.Form):
    first_day = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    last_day = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), required=False, max_length=200)

    def to_data(self) -> LeaveData:
        data = self.cleaned_data
        first: date = data["first_day"]
        last: date = data["last_day"]
        return LeaveData(first, last, data["reason"])


class AgentProfileForm(forms.Form):
    languages = _list_field(
        _("Languages spoken"),
        _("Language codes separated by commas, e.g. fi, en. Empty: the team's languages."),
    )
    skills = _list_field(
        _("Skills"), _("Separated by commas, e.g. billing, returns. Empty: the team's skills.")
    )

    def languages_list(self) -> list[str]:
        return _listed(self.cleaned_data["languages"])

    def skills_list(self) -> list[str]:
        return _listed(self.cleaned_data["skills"])


class AssignmentForm(forms.Form):
    assignment = forms.ChoiceField(
        label=_("New tickets go"),
        choices=TeamRouting.Assignment.choices,
        widget=forms.RadioSelect,
    )
    return_on_shift_end = forms.BooleanField(
        label=_("Return untouched tickets to the team queue when an agent's shift ends"),
        required=False,
    )
