"""Forms of the staff and team settings pages. They parse input; the services decide."""

from __future__ import annotations

import re
import zoneinfo
from functools import lru_cache
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cortesia.accounts.invitations import InvitationData
from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.selectors import StaffStatus
from cortesia.accounts.team_changes import TeamSettings
from cortesia.calendars.models import Calendar

# Skills are typed as a list: commas, the Arabic comma or new lines separate them.
SKILL_SEPARATORS = re.compile(r"[,\u060c\n]")


class StaffFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Show"), choices=StaffStatus.choices, required=False, initial=StaffStatus.ALL
    )

    def chosen(self) -> StaffStatus:
        """The status asked for; everyone when the value is missing or unknown."""
        if self.is_valid() and self.cleaned_data["status"]:
            return StaffStatus(self.cleaned_data["status"])
        return StaffStatus.ALL


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.AGENT)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_("The invitation is written in this language, and so are their pages."),
    )
    teams = forms.ModelMultipleChoiceField(
        label=_("Teams"),
        queryset=Team.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["teams"].queryset = teams  # type: ignore[attr-defined]  # a model field

    def to_data(self) -> InvitationData:
        data = self.cleaned_data
        return InvitationData(
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            role=data["role"],
            language=data["language"],
            teams=list(data["teams"]),
        )


@lru_cache(maxsize=1)
def time_zone_choices() -> list[tuple[str, str]]:
    """Every IANA time zone, by name (read once per process)."""
    return [(zone, zone) for zone in sorted(zoneinfo.available_timezones())]


class UserSettingsForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    language = forms.ChoiceField(
        label=_("Interface language"),
        required=False,
        help_text=_("Empty: the language of their browser."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"), required=False, help_text=_("Empty: the site's time zone.")
    )
    teams = forms.ModelMultipleChoiceField(
        label=_("Teams"),
        queryset=Team.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["teams"].queryset = teams  # type: ignore[attr-defined]  # a model field
        self.fields["language"].choices = [("", "—"), *settings.LANGUAGES]  # type: ignore[attr-defined]
        self.fields["time_zone"].choices = [("", "—"), *time_zone_choices()]  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, user: User) -> dict[str, object]:
        return {
            "role": user.role,
            "language": user.language,
            "time_zone": user.time_zone,
            "teams": list(user.teams.all()),
        }


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), initial="UTC")
    skills = forms.CharField(
        label=_("Skills"),
        max_length=1000,
        required=False,
        help_text=_("What the team handles, separated by commas, e.g. billing, returns."),
    )
    calendar = forms.ModelChoiceField(
        label=_("Business calendar"),
        queryset=Calendar.objects.none(),
        required=False,
        empty_label="—",
    )

    def __init__(self, *args: Any, calendars: QuerySet[Calendar], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["calendar"].queryset = calendars  # type: ignore[attr-defined]  # a model field
        self.fields["time_zone"].choices = time_zone_choices()  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, team: Team) -> dict[str, object]:
        return {
            "name": team.name,
            "languages": list(team.languages),
            "time_zone": team.time_zone,
            "skills": ", ".join(team.skills),
            "calendar": team.calendar,
        }

    def to_data(self) -> TeamSettings:
        data = self.cleaned_data
        return TeamSettings(
            name=data["name"].strip(),
            languages=list(data["languages"]),
            time_zone=data["time_zone"],
            skills=SKILL_SEPARATORS.split(data["skills"]),
            calendar=data["calendar"],
        )


class TeamMemberForm(forms.Form):
    """Who to add to or remove from a team, by their public id."""

    member = forms.UUIDField(label=_("Person"))
