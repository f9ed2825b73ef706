"""What a customer would get from a survey, for the settings page's preview: the mail
(``mailing.survey_mail_preview``) and the words of the answer page, in their language and
register, with which link of the fallback chain answered each text."""

from __future__ import annotations

from dataclasses import dataclass

from cortesia.accounts.models import User
from cortesia.customers.models import Customer
from cortesia.customers.selectors import customer_find
from cortesia.feedback.mailing import RenderedMail, mail_values, survey_mail_preview
from cortesia.feedback.models import QuestionKind, Survey
from cortesia.feedback.texts import Wording, customer_wording, score_labels
from cortesia.localization.fallback import Step
from cortesia.tickets.composer import company_name, signing_name


@dataclass(frozen=True)
class PreviewQuestion:
    key: str
    kind: str
    text: str
    choices: list[str]  # the choices' words
    scale: tuple[int, int]
    is_required: bool


@dataclass(frozen=True)
class PreviewText:
    key: str
    text: str
    step: Step | None


@dataclass(frozen=True)
class SurveyPreview:
    customer: Customer
    mail: RenderedMail
    wording: Wording
    question: str
    labels: list[tuple[int, str]]
    comment: str
    thanks: str
    questions: list[PreviewQuestion]
    texts: list[PreviewText]  # every key the page and the mail use, with its link


def survey_preview(*, viewer: User, survey: Survey, reference: str) -> SurveyPreview:
    """Preview ``survey`` for the customer with this public id or e-mail address. Raises
    NotFound when the viewer may not see such a customer."""
    customer = customer_find(viewer=viewer, reference=reference)
    wording = customer_wording(survey=survey, customer=customer)
    values = mail_values(company=company_name() or signing_name(), customer=customer)
    questions = [
        PreviewQuestion(
            key=question.key,
            kind=question.kind,
            text=wording.text(question.key, values),
            choices=[
                wording.text(f"{question.key}.{choice}", values) for choice in question.choices
            ]
            if question.kind == QuestionKind.CHOICE
            else [],
            scale=(question.scale_min, question.scale_max),
            is_required=question.is_required,
        )
        for question in survey.questions.all()
    ]
    return SurveyPreview(
        customer=customer,
        mail=survey_mail_preview(survey=survey, customer=customer),
        wording=wording,
        question=wording.text("question", values),
        labels=score_labels(survey, wording),
        comment=wording.text("comment", values) if survey.ask_comment else "",
        thanks=wording.text("thanks", values),
        questions=questions,
        texts=[
            PreviewText(key, wording.text(key, values), wording.step(key))
            for key in sorted(wording.texts)
        ],
    )
