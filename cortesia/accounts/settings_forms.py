"""Forms of the staff and team settings pages. They parse input; the services decide."""

from __future__ import annotations

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
