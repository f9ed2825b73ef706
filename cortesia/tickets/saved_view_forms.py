"""The forms of saved views: save the inbox's current filters, rename a view."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cortesia.accounts.models import Team
from cortesia.tickets.saved_views import MAX_NAME


class SavedViewForm(forms.Form):
    """Save the inbox's filters: a name, and a team to share the view with (offered only
    to those who may save a team's views; empty for a personal view)."""

    name = forms.CharField(label=_("Name"), max_length=MAX_NAME)
    team = forms.ChoiceField(label=_("Share with"), required=False)
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)

    def __init__(self, *args: Any, teams: list[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [  # type: ignore[attr-defined]
            ("", _("Only me")),
            *((str(team.uid), team.name) for team in teams),
        ]
        if not teams:
            del self.fields["team"]


class SavedViewRenameForm(forms.Form):
    name = forms.CharField(label=_("New name"), max_length=MAX_NAME)
