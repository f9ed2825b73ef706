"""The filter form of the report pages: a GET form whose fields are the URL parameters of
``inputs.params_parse`` (so a page's address is a shareable link and the CSV link repeats
it). Only the filters some metric of the page supports are offered; the form checks the
choices and leaves the rules (dates, zone, grouping) to ``params_parse``, whose messages
land on the field they name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cortesia.accounts.models import Role, Team, User
from cortesia.customers.models import Segment
from cortesia.reports import dimensions as dims
from cortesia.reports.inputs import Params, QueryErrors, params_parse
from cortesia.reports.periods import Interval
from cortesia.tickets.models import Ticket

ALL = ("", _("All"))
INTERVALS = [
    (Interval.NONE.value, _("Whole period")),
    (Interval.DAY.value, _("Day")),
    (Interval.WEEK.value, _("Week (from Monday)")),
    (Interval.LOCALE_WEEK.value, _("Week (as your language counts it)")),
    (Interval.MONTH.value, _("Month")),
    (Interval.QUARTER.value, _("Quarter")),
]
BASES = [("calendar", _("Calendar time")), ("business", _("Business hours"))]
# Filters in the order the form shows them.
FILTERS = (
    "language",
    "country",
    "channel",
    "team",
    "agent",
    "priority",
    "tag",
    "segment",
    "survey_kind",
)
DEFAULTS = {"interval": Interval.DAY.value}


def _date() -> forms.CharField:
    return forms.CharField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), max_length=10
    )


def _choices(name: str) -> list[tuple[str, Any]]:
    """The values a filter offers (a query for teams, agents and segments)."""
    if name == "language":
        return list(settings.LANGUAGES)
    if name == "channel":
        return list(Ticket.Channel.choices)
    if name == "priority":
        return list(Ticket.Priority.choices)
    if name == "team":
        return [
            (str(uid), n) for uid, n in Team.objects.order_by("name").values_list("uid", "name")
        ]
    if name == "agent":
        staff = User.objects.filter(is_active=True, role__in=[Role.ADMIN, Role.MANAGER, Role.AGENT])
        return [
            (username, f"{first} {last}".strip() or username)
            for username, first, last in staff.order_by("first_name", "username").values_list(
                "username", "first_name", "last_name"
            )
        ]
    if name == "segment":
        return [
            (str(uid), n) for uid, n in Segment.objects.order_by("name").values_list("uid", "name")
        ]
    from cortesia.feedback.models import SurveyKind

    return list(SurveyKind.choices)


class ReportFilterForm(forms.Form):
    """Period, interval, grouping, time basis, zone and the filters ``dimensions`` allows.

    ``params`` holds the parsed parameters once the form is valid; ``link`` the non-empty
    parameters, for the CSV links and shareable addresses."""

    interval = forms.ChoiceField(label=_("Interval"), choices=INTERVALS, required=False)
    time_basis = forms.ChoiceField(label=_("Time basis"), choices=BASES, required=False)
    tz = forms.CharField(
        label=_("Time zone"),
        required=False,
        max_length=64,
        help_text=_("An IANA name such as Europe/Rome; yours when empty."),
    )

    def __init__(
        self,
        data: Mapping[str, str],
        *,
        viewer: User,
        language: str,
        dimensions: Iterable[str],
        groupings: Iterable[str] = (),
        metric: str = "",
    ) -> None:
        merged = {**DEFAULTS, **{k: v for k, v in data.items() if isinstance(v, str)}}
        super().__init__(merged)
        self.viewer, self.language = viewer, language
        self.params: Params | None = None
        self.fields["from"] = _date()
        self.fields["from"].label = _("From")
        self.fields["to"] = _date()
        self.fields["to"].label = _("To")
        self.order_fields(["from", "to"])
        if metric:  # the page of one metric keeps it in its address
            self.fields["metric"] = forms.CharField(widget=forms.HiddenInput, initial=metric)
        groupings = sorted(set(groupings))
        if groupings:
            self.fields["group_by"] = forms.ChoiceField(
                label=_("Group by"),
                required=False,
                choices=[("", _("No grouping"))] + [(g, dims.ALL[g].label) for g in groupings],
            )
        allowed = set(dimensions)
        for name in FILTERS:
            if name not in allowed:
                continue
            label = str(dims.ALL[name].label)
            if name in ("country", "tag"):
                self.fields[name] = forms.CharField(label=label, required=False, max_length=100)
            else:
                self.fields[name] = forms.ChoiceField(
                    label=label, required=False, choices=[ALL, *_choices(name)]
                )

    @property
    def link(self) -> dict[str, str]:
        """The parameters people chose (non-empty), in the form's order."""
        return {name: str(self.data[name]) for name in self.fields if self.data.get(name)}

    @property
    def link_query(self) -> str:
        return urlencode(self.link)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # The rules are checked even when a field was refused, so every mistake shows at
        # once (a field keeps the first message it got).
        refused_fields = set(self.errors)
        data = {name: value for name, value in self.link.items() if name != "metric"}
        if "country" in data:
            data["country"] = data["country"].upper()
        try:
            params = params_parse(data, self.viewer, language=self.language)
        except QueryErrors as refused:
            for name, message in refused.errors.items():
                if name not in refused_fields:
                    self.add_error(name if name in self.fields else None, message)
            return cleaned
        if not self.errors:
            self.params = params
        return cleaned
