"""Writing a survey's texts and extra questions: rows named in errors, empty text
removes, the site-language variant an active survey keeps, and the texts grid."""

from __future__ import annotations

from typing import Any

import pytest

from cortesia.accounts.models import Role, User
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors, Forbidden
from cortesia.feedback.models import Survey, SurveyQuestion, SurveyText
from cortesia.feedback.survey_texts import TextVariant, survey_text_grid
from cortesia.feedback.surveys import (
    QuestionData,
    SurveyData,
    survey_create,
    survey_get,
    survey_questions_save,
    survey_switch,
    survey_texts_save,
)
from cortesia.localization.fallback import Step
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def manager(db: None) -> User:
    return make_user("mara", Role.MANAGER)


@pytest.fixture
def survey(manager: User) -> Survey:
    return survey_create(
        data=SurveyData(name="After a ticket", kind="csat", trigger="ticket_solved"),
        actor=Actor(manager),
    )


def _text(survey: Survey, key: str, language: str, register: str) -> str | None:
    row = SurveyText.objects.filter(
        survey=survey, key=key, language=language, register=register
    ).first()
    return row.text if row else None


def _audits() -> list[dict[str, Any]]:
    return [row.data for row in AuditEvent.objects.filter(object_type="survey").order_by("id")]


def test_write_change_and_remove_variants(manager: User, survey: Survey) -> None:
    changed = survey_texts_save(
        survey=survey,
        variants=[
            TextVariant("thanks", "it", "", "Grazie da {{ company }}!"),
            TextVariant("thanks", "fi", "formal", "  Kiitos paljon.  "),
            TextVariant("comment", "ro", "informal", ""),
            TextVariant(
                "question", "en", "formal", _text(survey, "question", "en", "formal") or ""
            ),
        ],
        actor=Actor(manager),
    )

    assert changed == 3  # one added, one changed, one removed; the unchanged one is not counted
    assert _text(survey, "thanks", "it", "") == "Grazie da {{ company }}!"
    assert _text(survey, "thanks", "fi", "formal") == "Kiitos paljon."
    assert _text(survey, "comment", "ro", "informal") is None
    assert _audits()[-1] == {"change": "texts", "texts": 3}


def test_nothing_changed_writes_no_audit_row(manager: User, survey: Survey) -> None:
    assert survey_texts_save(survey=survey, variants=[], actor=Actor(manager)) == 0
    assert [row["change"] for row in _audits()] == ["created"]


def test_unknown_keys_languages_registers_and_placeholders_name_their_row(
    manager: User, survey: Survey
) -> None:
    with pytest.raises(FieldErrors) as refused:
        survey_texts_save(
            survey=survey,
            variants=[
                TextVariant("thanks", "it", "", "Grazie"),
                TextVariant("label.9", "it", "", "Nove"),
                TextVariant("thanks", "xx-notalang", "", "?"),
                TextVariant("thanks", "fi", "polite", "Kiitos"),
                TextVariant("thanks", "ro", "", "Mulțumim, {{ customer.first }} {{customer.name}}"),
                TextVariant("thanks", "it", "", "Grazie mille"),
            ],
            actor=Actor(manager),
        )

    assert refused.value.errors == {
        "texts.1.key": "label.9, it, any register: this survey has no such text.",
        "texts.2.language": "thanks, xx-notalang, any register: xx-notalang is not a known "
        "language code.",
        "texts.3.register": "thanks, fi, any register: use formal, informal or leave the "
        "register empty.",
        "texts.4.text": "thanks, ro, any register: unknown placeholders: customer.first. Use "
        "company, customer.name, order.number, ticket.number, ticket.subject.",
        "texts.5": "thanks, it, any register: this text, language and register appear twice.",
    }
    assert _text(survey, "thanks", "it", "") is None
    assert [row["change"] for row in _audits()] == ["created"]


def test_an_active_survey_keeps_a_site_language_text_for_every_register(
    manager: User, survey: Survey
) -> None:
    with pytest.raises(FieldErrors) as refused:
        survey_texts_save(
            survey=survey,
            variants=[TextVariant("thanks", "en", "informal", "")],
            actor=Actor(manager),
        )

    assert list(refused.value.errors) == ["texts.thanks"]
    assert "or switch the survey off first" in refused.value.errors["texts.thanks"]
    assert _text(survey, "thanks", "en", "informal") is not None

    # An any-register text covers both registers.
    survey_texts_save(
        survey=survey,
        variants=[
            TextVariant("thanks", "en", "", "Thanks."),
            TextVariant("thanks", "en", "informal", ""),
            TextVariant("thanks", "en", "formal", ""),
        ],
        actor=Actor(manager),
    )
    assert sorted(
        SurveyText.objects.filter(survey=survey, key="thanks", language="en").values_list(
            "register", flat=True
        )
    ) == [""]


def test_a_survey_switched_off_may_lack_texts(manager: User, survey: Survey) -> None:
    survey_switch(survey=survey, active=False, actor=Actor(manager))

    survey_texts_save(
        survey=survey,
        variants=[TextVariant("thanks", "en", r, "") for r in ("formal", "informal")],
        actor=Actor(manager),
    )

    assert _text(survey, "thanks", "en", "formal") is None


def test_an_agent_may_not_write_texts(alice: User, survey: Survey) -> None:
    with pytest.raises(Forbidden):
        survey_texts_save(
            survey=survey, variants=[TextVariant("thanks", "it", "", "Ciao")], actor=Actor(alice)
        )
    assert _text(survey, "thanks", "it", "") is None


def test_questions_with_their_wording(manager: User, survey: Survey) -> None:
    survey_questions_save(
        survey=survey_get(actor=Actor(manager), uid=str(survey.uid)),
        questions=[
            QuestionData(1, "choice", ("speed", "price"), is_required=True),
            QuestionData(2, "scale", scale_min=0, scale_max=10),
        ],
        texts=[
            TextVariant("q1", "en", "", "What mattered most?"),
            TextVariant("q1.speed", "en", "", "Speed"),
            TextVariant("q1.price", "en", "", "Price"),
            TextVariant("q2", "en", "", "How clear was the answer?"),
        ],
        actor=Actor(manager),
    )

    assert [
        (q.position, q.kind, q.choices, q.scale_min, q.scale_max, q.is_required)
        for q in SurveyQuestion.objects.filter(survey=survey)
    ] == [(1, "choice", ["speed", "price"], 1, 5, True), (2, "scale", [], 0, 10, False)]
    assert _audits()[-1] == {"change": "questions", "questions": 2, "texts": 4}


def test_a_question_without_its_wording_is_refused_while_active(
    manager: User, survey: Survey
) -> None:
    with pytest.raises(FieldErrors) as refused:
        survey_questions_save(
            survey=survey, questions=[QuestionData(1, "text")], actor=Actor(manager)
        )

    assert list(refused.value.errors) == ["texts.q1"]
    assert SurveyQuestion.objects.count() == 0


@pytest.mark.parametrize(
    ("questions", "errors"),
    [
        pytest.param(
            [QuestionData(n, "text") for n in (1, 2, 3, 3)],
            {
                "questions": "A survey has at most three extra questions.",
            },
            id="four",
        ),
        pytest.param(
            [QuestionData(1, "choice", ("Speed!", "price"))],
            {
                "questions.0.choices": "Choice keys are 1 to 30 lower-case letters, digits, - "
                "or _, such as speed or price: Speed!."
            },
            id="choice-key",
        ),
        pytest.param(
            [QuestionData(1, "choice", ("speed",))],
            {"questions.0.choices": "A choice question has 2 to 10 choices."},
            id="one-choice",
        ),
        pytest.param(
            [QuestionData(1, "scale", scale_min=5, scale_max=5)],
            {
                "questions.0.scale_max": "A scale runs from a lowest to a higher highest "
                "point, within 0 to 10."
            },
            id="scale",
        ),
        pytest.param(
            [QuestionData(2, "text")],
            {"questions": "Number the questions 1, 2 and 3, each once."},
            id="numbering",
        ),
        pytest.param(
            [QuestionData(1, "stars")],
            {"questions.0.kind": "Choose single choice, scale or text."},
            id="kind",
        ),
    ],
)
def test_bad_questions(
    manager: User, survey: Survey, questions: list[QuestionData], errors: dict[str, str]
) -> None:
    with pytest.raises(FieldErrors) as refused:
        survey_questions_save(survey=survey, questions=questions, actor=Actor(manager))

    assert refused.value.errors == errors
    assert SurveyQuestion.objects.count() == 0


def test_the_grid_shows_where_an_empty_cell_falls_back(manager: User, survey: Survey) -> None:
    SurveyText.objects.filter(survey=survey, key="thanks", language="it").delete()
    survey = survey_get(actor=Actor(manager), uid=str(survey.uid))

    grid = {row.key: row for row in survey_text_grid(survey, ["it"])}

    assert list(grid)[:3] == ["question", "comment", "thanks"]
    formal, informal, any_register = grid["thanks"].cells
    assert formal.text == ""
    assert (formal.step, formal.fallback and formal.fallback.language) == (Step.SITE_REGISTER, "en")
    assert (informal.fallback and informal.fallback.register) == "informal"
    assert any_register.step is None
    assert any_register.fallback is None
    question_formal = grid["question"].cells[0]
    assert question_formal.text != ""
    assert question_formal.fallback is None
