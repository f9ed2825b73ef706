"""The inbox's filter form with the filters a search combines with: the team and the
assignee, beside the status, priority, channel, language, tag and the words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cortesia.accounts.models import Team
from cortesia.tickets.forms import InboxFilterForm


class InboxSearchForm(InboxFilterForm):
    """:class:`InboxFilterForm` with a team (one of ``teams``, by public id) and an
    assignee ("me" or "none"; a person's public id is the API's)."""

    team = forms.ChoiceField(label=_("Team"), required=False)
    assignee = forms.ChoiceField(
        label=_("Assignee"),
        required=False,
        choices=[
            ("", _("Anyone")),
            ("me", _("Me")),
            ("none", _("Nobody")),
        ],
    )

    def __init__(self, *args: Any, teams: Sequence[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [  # type: ignore[attr-defined]
            ("", _("Any")),
            *((str(team.uid), team.name) for team in teams),
        ]
        self.order_fields(["q", "status", "team", "assignee"])
