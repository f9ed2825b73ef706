"""Forms of the survey settings pages: the definition, the texts grid, the extra
questions, the preview's customer, and the feedback settings with the contact window.

The forms only parse; the services check (choices, bounds, codes) and their field errors
come back onto the field they name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from cortesia.accounts.models import Team
from cortesia.core.errors import DomainError, FieldErrors
from cortesia.core.refusals import refusal_on_form
from cortesia.customers.models import ContactPolicy, Segment
from cortesia.feedback.models import (
    FeedbackSettings,
    QuestionKind,
    Survey,
    SurveyChannel,
    SurveyKind,
    SurveyTrigger,
)
from cortesia.feedback.settings_access import FeedbackSettingsData
from cortesia.feedback.survey_texts import GridCell, GridRow, TextVariant
from cortesia.feedback.surveys import MAX_QUESTIONS, QuestionData, SurveyData
from cortesia.tickets.models import Ticket


def _codes(text: str) -> tuple[str, ...]:
    """Split "it, fi ro" into ("it", "fi", "ro")."""
    return tuple(part for part in text.replace(",", " ").split() if part)


class SurveyForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    kind = forms.ChoiceField(label=_("kind"), choices=SurveyKind.choices)
    trigger = forms.ChoiceField(label=_("trigger"), choices=SurveyTrigger.choices)
    delay_minutes = forms.IntegerField(
        label=_("delay after the trigger (minutes)"),
        initial=120,
        help_text=_(
            "0 to 10,080 minutes (one week); the mail then waits for the customer's contact window."
        ),
    )
    channel = forms.ChoiceField(label=_("channel"), choices=SurveyChannel.choices)
    ask_comment = forms.BooleanField(label=_("ask for a comment"), required=False, initial=True)
    follow_up_low = forms.BooleanField(
        label=_("open a follow-up ticket on a low score"), required=False, initial=True
    )
    low_score_max = forms.IntegerField(
        label=_("low score: at most"),
        required=False,
        help_text=_("Empty: the kind's usual limit (CSAT 2, NPS 6, CES 3)."),
    )
    teams = forms.MultipleChoiceField(label=_("teams"), required=False)
    channels = forms.MultipleChoiceField(
        label=_("ticket channels"),
        required=False,
        choices=Ticket.Channel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.CharField(
        label=_("languages"),
        required=False,
        help_text=_("Language codes separated by commas, such as it, fi. Empty: every language."),
    )
    countries = forms.CharField(
        label=_("countries"),
        required=False,
        help_text=_("Country codes separated by commas, such as IT, SA. Empty: every country."),
    )
    tags = forms.CharField(
        label=_("tags"),
        required=False,
        help_text=_("Only tickets with one of these tags, separated by commas. Empty: any ticket."),
    )
    segment = forms.ChoiceField(label=_("segment"), required=False)
    every_days = forms.IntegerField(
        label=_("every (days)"),
        initial=90,
        help_text=_("Relationship surveys only: how often the segment is asked."),
    )
    position = forms.IntegerField(label=_("order"), initial=0, min_value=0)

    def __init__(
        self,
        *args: Any,
        survey: Survey | None = None,
        teams: Iterable[Team] = (),
        segments: Iterable[Segment] = (),
        **kwargs: Any,
    ) -> None:
        if survey is not None:
            kwargs.setdefault("initial", self._initial(survey))
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.fields["teams"].choices = [(str(team.uid), team.name) for team in teams]  # type: ignore[attr-defined]
        self.fields["segment"].choices = [("", "—"), *((str(s.uid), s.name) for s in segments)]  # type: ignore[attr-defined]

    @staticmethod
    def _initial(survey: Survey) -> dict[str, object]:
        return {
            "name": survey.name,
            "kind": survey.kind,
            "trigger": survey.trigger,
            "delay_minutes": survey.delay_minutes,
            "channel": survey.channel,
            "ask_comment": survey.ask_comment,
            "follow_up_low": survey.follow_up_low,
            "low_score_max": survey.low_score_max,
            "teams": [str(team.uid) for team in survey.teams.all()],
            "channels": list(survey.channels),
            "languages": ", ".join(survey.languages),
            "countries": ", ".join(survey.countries),
            "tags": ", ".join(survey.tags),
            "segment": str(survey.segment.uid) if survey.segment else "",
            "every_days": survey.every_days,
            "position": survey.position,
        }

    def data_for_service(self) -> SurveyData:
        """The definition to give the service. A new survey starts active (the shipped
        texts cover the site language); an existing one keeps its state, which the list's
        switch changes."""
        data = self.cleaned_data
        return SurveyData(
            name=data["name"],
            kind=data["kind"],
            trigger=data["trigger"],
            channel=data["channel"],
            delay_minutes=data["delay_minutes"],
            is_active=self.survey.is_active if self.survey else True,
            ask_comment=data["ask_comment"],
            follow_up_low=data["follow_up_low"],
            low_score_max=data["low_score_max"],
            team_uids=tuple(data["teams"]),
            channels=tuple(data["channels"]),
            languages=_codes(data["languages"]),
            countries=_codes(data["countries"]),
            tags=tuple(t.strip() for t in data["tags"].split(",") if t.strip()),
            segment_uid=data["segment"] or "",
            every_days=data["every_days"],
            position=data["position"],
        )


def cell_field_name(key: str, language: str, register: str) -> str:
    return f"text__{key}__{language}__{register or 'any'}"


@dataclass(frozen=True)
class BoundRow:
    """One key of the grid with its cells and their bound textareas, in column order."""

    row: GridRow
    fields: list[forms.BoundField]

    @property
    def cells(self) -> list[tuple[GridCell, forms.BoundField]]:
        return list(zip(self.row.cells, self.fields, strict=True))


class SurveyTextsForm(forms.Form):
    """One optional textarea per key × language × register; an empty one removes that
    variant. Only the columns shown are sent, so the others stay as they are."""

    def __init__(self, *args: Any, grid: list[GridRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.grid = grid
        self.cells: list[tuple[str, str, str, str]] = []
        for row in grid:
            for cell in row.cells:
                name = cell_field_name(cell.key, cell.language, cell.register)
                self.cells.append((name, cell.key, cell.language, cell.register))
                self.fields[name] = forms.CharField(
                    label=cell.key,
                    required=False,
                    strip=False,
                    initial=cell.text,
                    widget=forms.Textarea(attrs={"rows": 2, "dir": "auto", "lang": cell.language}),
                )

    def rows(self) -> list[BoundRow]:
        rows, index = [], 0
        for row in self.grid:
            fields = [self[self.cells[index + i][0]] for i in range(len(row.cells))]
            index += len(row.cells)
            rows.append(BoundRow(row, fields))
        return rows

    def variants(self) -> list[TextVariant]:
        """Every cell whose text changed (an emptied one included)."""
        return [
            TextVariant(key, language, register, self.cleaned_data.get(name) or "")
            for name, key, language, register in self.cells
            if name in self.changed_data
        ]

    def refuse(self, error: DomainError, site_language: str) -> int:
        """Put the service's refusal on the cell it names; return the status."""
        if not isinstance(error, FieldErrors):
            return refusal_on_form(self, error)
        changed = [name for name, *_rest in self.cells if name in self.changed_data]
        for key, text in error.errors.items():
            parts = key.split(".")
            target: str | None = None
            if len(parts) > 1 and parts[1].isdigit() and int(parts[1]) < len(changed):
                target = changed[int(parts[1])]
            elif (
                len(parts) > 1
                and (name := cell_field_name(".".join(parts[1:]), site_language, "")) in self.fields
            ):
                target = name
            self.add_error(target, text)
        return error.status


class QuestionForm(forms.Form):
    """One extra question and its wording in the site language."""

    kind = forms.ChoiceField(
        label=_("kind"), required=False, choices=[("", _("No question")), *QuestionKind.choices]
    )
    text = forms.CharField(label=_("question"), required=False, max_length=1000)
    choices = forms.CharField(
        label=_("choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("One choice a line, as key: words, such as speed: How fast we answered."),
    )
    scale_min = forms.IntegerField(label=_("lowest"), initial=1)
    scale_max = forms.IntegerField(label=_("highest"), initial=5)
    is_required = forms.BooleanField(label=_("required"), required=False)

    def choice_pairs(self) -> list[tuple[str, str]]:
        pairs = []
        for line in (self.cleaned_data.get("choices") or "").splitlines():
            key, _colon, words = line.partition(":")
            if key.strip():
                pairs.append((key.strip().lower(), words.strip()))
        return pairs


class QuestionsFormSet(forms.BaseFormSet[QuestionForm]):
    def questions(self, site_language: str) -> tuple[list[QuestionData], list[TextVariant]]:
        """The questions asked, numbered 1–3 in order, and their site-language wording."""
        questions: list[QuestionData] = []
        texts: list[TextVariant] = []
        for form in self.forms:
            data = form.cleaned_data
            if not data.get("kind"):
                continue
            position = len(questions) + 1
            pairs = form.choice_pairs() if data["kind"] == QuestionKind.CHOICE else []
            questions.append(
                QuestionData(
                    position,
                    data["kind"],
                    tuple(key for key, _words in pairs),
                    data["scale_min"],
                    data["scale_max"],
                    data["is_required"],
                )
            )
            if data.get("text"):
                texts.append(TextVariant(f"q{position}", site_language, "", data["text"]))
            texts += [
                TextVariant(f"q{position}.{key}", site_language, "", words)
                for key, words in pairs
                if words
            ]
        return questions, texts


def questions_initial(survey: Survey, site_language: str) -> list[dict[str, object]]:
    """The three rows of the questions page: the stored questions with their wording in
    the site language (any register), then empty rows."""
    texts = {
        row.key: row.text
        for row in survey.texts.all()
        if row.language == site_language and row.register == ""
    }
    rows: list[dict[str, object]] = []
    for question in survey.questions.all():
        rows.append(
            {
                "kind": question.kind,
                "text": texts.get(question.key, ""),
                "choices": "\n".join(
                    f"{choice}: {texts.get(f'{question.key}.{choice}', '')}".rstrip(": ")
                    for choice in question.choices
                ),
                "scale_min": question.scale_min,
                "scale_max": question.scale_max,
                "is_required": question.is_required,
            }
        )
    empty = {"kind": "", "scale_min": 1, "scale_max": 5}
    return rows + [dict(empty) for _row in range(MAX_QUESTIONS - len(rows))]


QuestionFormSet = cast(
    "type[QuestionsFormSet]",
    forms.formset_factory(
        QuestionForm,
        formset=QuestionsFormSet,
        extra=0,
        min_num=MAX_QUESTIONS,
        max_num=MAX_QUESTIONS,
        validate_max=True,
    ),
)


class PreviewForm(forms.Form):
    customer = forms.CharField(
        label=_("customer"),
        max_length=254,
        help_text=_("The customer's e-mail address or public id."),
    )


class FeedbackSettingsForm(forms.Form):
    throttle_days = forms.IntegerField(label=_("at most one survey per customer every (days)"))
    consent_required = forms.BooleanField(
        label=_("survey only customers who consented to surveys"), required=False
    )
    excluded_tags = forms.CharField(
        label=_("tags that skip surveys"),
        required=False,
        help_text=_("Tickets with one of these tags are never surveyed, separated by commas."),
    )
    link_days = forms.IntegerField(label=_("answer links valid (days)"))
    change_days = forms.IntegerField(label=_("answers may be changed for (days)"))
    window_start = forms.TimeField(
        label=_("from"), widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"})
    )
    window_end = forms.TimeField(
        label=_("until"), widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"})
    )
    default_time_zone = forms.CharField(
        label=_("default time zone"),
        required=False,
        max_length=64,
        help_text=_(
            "For customers whose zone is unknown, such as Europe/Rome. Empty: the server's."
        ),
    )
    default_country = forms.CharField(
        label=_("default country"),
        required=False,
        max_length=2,
        help_text=_(
            "Whose weekends and public holidays apply when a customer's country is unknown."
        ),
    )

    FEEDBACK_FIELDS = (
        "throttle_days",
        "consent_required",
        "excluded_tags",
        "link_days",
        "change_days",
    )

    @classmethod
    def initial_of(cls, settings: FeedbackSettings, policy: ContactPolicy) -> dict[str, object]:
        return {
            "throttle_days": settings.throttle_days,
            "consent_required": settings.consent_required,
            "excluded_tags": ", ".join(settings.excluded_tags),
            "link_days": settings.link_days,
            "change_days": settings.change_days,
            "window_start": policy.window_start,
            "window_end": policy.window_end,
            "default_time_zone": policy.default_time_zone,
            "default_country": policy.default_country,
        }

    def feedback_data(self) -> FeedbackSettingsData:
        data = self.cleaned_data
        return FeedbackSettingsData(
            throttle_days=data["throttle_days"],
            consent_required=data["consent_required"],
            excluded_tags=tuple(t.strip() for t in data["excluded_tags"].split(",") if t.strip()),
            link_days=data["link_days"],
            change_days=data["change_days"],
        )
