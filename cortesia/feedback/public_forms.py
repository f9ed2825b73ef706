"""The customer's answer form, built for one survey in the words chosen for them.

The score is read as a whole number and checked against the survey's scale by the
service (a score outside it is refused with 422, like the API); the page draws it as
labelled radio buttons.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from cortesia.feedback.answer_checks import COMMENT_MAX, TEXT_ANSWER_MAX, Answer, Value
from cortesia.feedback.models import QuestionKind, SurveyQuestion
from cortesia.feedback.texts import Wording


def _label(question: SurveyQuestion, wording: Wording) -> str:
    return wording.text(question.key) or _("Question %(number)d") % {"number": question.position}


def question_field(question: SurveyQuestion, wording: Wording) -> forms.Field:
    """The form field of one extra question."""
    label, required = _label(question, wording), question.is_required
    if question.kind == QuestionKind.CHOICE:
        choices = [
            (choice, wording.text(f"{question.key}.{choice}") or choice)
            for choice in question.choices
        ]
        return forms.ChoiceField(
            label=label, choices=choices, required=required, widget=forms.RadioSelect
        )
    if question.kind == QuestionKind.SCALE:
        points = range(question.scale_min, question.scale_max + 1)
        return forms.TypedChoiceField(
            label=label,
            choices=[(point, str(point)) for point in points],
            coerce=int,
            empty_value=None,
            required=required,
            widget=forms.RadioSelect,
        )
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )


class AnswerForm(forms.Form):
    """A score, the comment when the survey asks for one, and the extra questions."""

    score = forms.IntegerField(label="")

    def __init__(
        self,
        data: Any = None,
        *,
        ask_comment: bool,
        questions: Iterable[SurveyQuestion],
        wording: Wording,
        initial: dict[str, object] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        self.fields["score"].label = wording.text("question")
        self.fields["score"].error_messages["required"] = _("Choose a score.")
        if ask_comment:
            self.fields["comment"] = forms.CharField(
                label=wording.text("comment") or _("Comment"),
                required=False,
                max_length=COMMENT_MAX,
                widget=forms.Textarea(
                    attrs={"rows": 5, "dir": "auto", "data-testid": "survey-comment"}
                ),
            )
        self.question_keys = []
        for question in questions:
            self.fields[question.key] = question_field(question, wording)
            self.question_keys.append(question.key)

    def extra_fields(self) -> list[forms.BoundField]:
        """The comment and the extra questions, in order (the score is drawn apart)."""
        return [self[name] for name in self.fields if name != "score"]

    def answer(self) -> Answer:
        """The valid form as the service's Answer."""
        data = self.cleaned_data
        answers: dict[str, Value] = {
            key: data[key] for key in self.question_keys if data.get(key) not in (None, "")
        }
        return Answer(score=data["score"], comment=data.get("comment", ""), answers=answers)
