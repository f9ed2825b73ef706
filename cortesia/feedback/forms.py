"""The feedback page's filters: a GET form whose address can be shared. Every value is
checked against what may be chosen, so an unknown one is a form error (400), never a 500.
Dates are the viewer's local days; the form turns them into UTC instants."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cortesia.accounts.models import Team, User
from cortesia.customers.profile_choices import country_choices, language_choices
from cortesia.feedback.models import FrustrationLevel, SurveyKind
from cortesia.feedback.selectors import (
    MentionFilters,
    ResponseFilters,
    ScoreFilter,
    filter_agents,
    filter_teams,
    mention_sources,
)

ANY = ("", gettext_lazy("Any"))
SCORE_CHOICES = [
    ANY,
    ("low", gettext_lazy("Low scores")),
    ("high", gettext_lazy("Positive scores")),
    ("9-10", gettext_lazy("9–10 (NPS promoters)")),
    ("7-8", gettext_lazy("7–8 (NPS passives)")),
    ("0-6", gettext_lazy("0–6 (NPS detractors)")),
    ("4-5", gettext_lazy("4–5 (satisfied)")),
    ("5-7", gettext_lazy("5–7 (easy)")),
    *[(str(score), str(score)) for score in range(11)],
]
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)
SCORE_VALUE = re.compile(r"(?P<lowest>\d{1,2})(?:-(?P<highest>\d{1,2}))?")


class ListSelect(forms.Select):
    """A select drawn in Python rather than one template per option: the language and
    country filters offer every CLDR language and country (about 550 options), which
    through the template engine cost more than the rest of the page together."""

    def render(
        self,
        name: str,
        value: object,
        attrs: dict[str, object] | None = None,
        renderer: object = None,
    ) -> SafeString:
        chosen = "" if value is None else str(value)
        options = "".join(
            f'<option value="{escape(key)}"{" selected" if str(key) == chosen else ""}>'
            f"{escape(label)}</option>"
            for key, label in self.choices
        )
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(final), mark_safe(options))  # noqa: S308 - every part escaped above


def _day_start(day: date, zone: tzinfo) -> datetime:
    """The instant the viewer's local ``day`` begins."""
    return datetime.combine(day, time(), tzinfo=zone)


def parse_score(value: str) -> ScoreFilter | None:
    """Return the score filter ``value`` names ("low", "high", "9", "9-10"), None for "";
    raise ValidationError for anything else."""
    if not value:
        return None
    if value in ("low", "high"):
        return ScoreFilter(band=value)
    match = SCORE_VALUE.fullmatch(value)
    if match is None:
        raise forms.ValidationError(_("Choose a score from the list."))
    lowest = int(match["lowest"])
    highest = int(match["highest"] or lowest)
    if not 0 <= lowest <= highest <= 10:
        raise forms.ValidationError(_("Choose a score from the list."))
    return ScoreFilter(lowest=lowest, highest=highest)


class PeriodForm(forms.Form):
    """The period fields shared by both tabs, and the page's cursor."""

    since = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    cursor = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)

    def __init__(self, data: object, *, zone: tzinfo, language: str) -> None:
        super().__init__(data)  # type: ignore[arg-type]
        self.zone = zone
        self.fields["language"] = forms.ChoiceField(
            label=_("Language"),
            required=False,
            choices=[ANY, *language_choices(language)],
            widget=ListSelect,
        )
        self.order_fields(["language", "since", "until"])

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        for name in ("since", "until"):
            day = cleaned.get(name)
            # Far dates would overflow once moved to UTC or a day on ("9999-12-31").
            if isinstance(day, date) and not EARLIEST <= day <= LATEST:
                self.add_error(name, _("Choose a date between the years 1900 and 2999."))
                cleaned.pop(name, None)
        since, until = cleaned.get("since"), cleaned.get("until")
        if isinstance(since, date) and isinstance(until, date) and since > until:
            self.add_error("until", _("The end of the period is before its start."))
        return cleaned

    def period(self) -> tuple[datetime | None, datetime | None]:
        """The period as UTC-comparable instants: from the start of the first day to the
        start of the day after the last (excluded)."""
        since, until = self.cleaned_data.get("since"), self.cleaned_data.get("until")
        start = _day_start(since, self.zone) if since else None
        end = _day_start(until + timedelta(days=1), self.zone) if until else None
        return start, end


class ResponseFilterForm(PeriodForm):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), required=False, choices=[ANY, *SurveyKind.choices]
    )
    score = forms.ChoiceField(label=gettext_lazy("Score"), required=False, choices=SCORE_CHOICES)

    def __init__(self, data: object, *, viewer: User, zone: tzinfo, language: str) -> None:
        super().__init__(data, zone=zone, language=language)
        self.teams: dict[str, Team] = {str(t.uid): t for t in filter_teams(viewer=viewer)}
        self.agents: dict[str, User] = {str(u.uid): u for u in filter_agents(viewer=viewer)}
        self.fields["country"] = forms.ChoiceField(
            label=_("Country"),
            required=False,
            choices=[ANY, *country_choices(language)],
            widget=ListSelect,
        )
        self.fields["team"] = forms.ChoiceField(
            label=_("Team"),
            required=False,
            choices=[ANY, *((uid, team.name) for uid, team in self.teams.items())],
        )
        self.fields["agent"] = forms.ChoiceField(
            label=_("Agent"),
            required=False,
            choices=[ANY, *((uid, user.display_name) for uid, user in self.agents.items())],
        )
        self.order_fields(["kind", "score", "language", "country", "team", "agent"])

    def filters(self) -> ResponseFilters:
        """The valid form's filters."""
        data = self.cleaned_data
        start, end = self.period()
        return ResponseFilters(
            kind=data["kind"],
            score=parse_score(data["score"]),
            language=data["language"],
            country=data["country"],
            team=self.teams.get(data["team"]),
            agent=self.agents.get(data["agent"]),
            answered_from=start,
            answered_before=end,
        )


class MentionFilterForm(PeriodForm):
    frustration = forms.ChoiceField(
        label=gettext_lazy("Frustration"),
        required=False,
        choices=[ANY, *FrustrationLevel.choices],
    )

    def __init__(self, data: object, *, zone: tzinfo, language: str) -> None:
        super().__init__(data, zone=zone, language=language)
        sources = mention_sources()
        self.fields["source"] = forms.ChoiceField(
            label=_("Source"),
            required=False,
            choices=[ANY, *((str(uid), name) for uid, name in sources)],
        )
        self.order_fields(["source", "frustration", "language"])

    def filters(self) -> MentionFilters:
        data = self.cleaned_data
        start, end = self.period()
        return MentionFilters(
            source_uid=data["source"],
            frustration_level=data["frustration"],
            language=data["language"],
            published_from=start,
            published_before=end,
        )
