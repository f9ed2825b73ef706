"""What a survey answer may hold: a score on the survey's scale, a comment, and answers
to its extra questions of the right kind. Checked before anything is written; every bad
field is named at once (HTTP 422)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cortesia.core.errors import FieldErrors
from cortesia.feedback.models import QuestionKind, Survey, SurveyQuestion
from cortesia.lib.text import without_direction_controls

COMMENT_MAX = 5000
TEXT_ANSWER_MAX = 2000

Value = str | int


class AnswerInvalid(FieldErrors):
    """The answer breaks the survey's scale or questions (HTTP 422, nothing stored)."""

    status = 422


@dataclass(frozen=True)
class Answer:
    """What the customer sent: a score, a comment and the extra questions' answers
    (``{"q1": "speed", "q2": 4, "q3": "text"}``)."""

    score: int
    comment: str = ""
    answers: Mapping[str, Value] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckedAnswer:
    score: int
    comment: str
    answers: dict[str, Value]
    is_low: bool


def _question_error(question: SurveyQuestion, value: object) -> tuple[Value | None, str]:
    """Return the stored value of one extra answer (None: not answered) and the error."""
    if value is None or value == "":
        return None, _("Answer this question.") if question.is_required else ""
    if question.kind == QuestionKind.CHOICE:
        if not isinstance(value, str) or value not in question.choices:
            return None, _("Choose one of the answers offered.")
        return value, ""
    if question.kind == QuestionKind.SCALE:
        if isinstance(value, bool) or not isinstance(value, int):
            return None, _("Choose a point of the scale.")
        if not question.scale_min <= value <= question.scale_max:
            return None, _("Choose a point from %(low)d to %(high)d.") % {
                "low": question.scale_min,
                "high": question.scale_max,
            }
        return value, ""
    if not isinstance(value, str):
        return None, _("Write the answer as text.")
    text = without_direction_controls(value).strip()
    if len(text) > TEXT_ANSWER_MAX:
        return None, _("An answer has at most %(count)d characters.") % {"count": TEXT_ANSWER_MAX}
    return (text or None), (_("Answer this question.") if not text and question.is_required else "")


def answer_check(survey: Survey, answer: Answer) -> CheckedAnswer:
    """Return the answer as it will be stored; raise AnswerInvalid naming every bad
    field (``score``, ``comment``, ``answers`` or the question's key)."""
    errors: dict[str, str] = {}
    low, high = survey.scale
    score = answer.score
    if isinstance(score, bool) or not isinstance(score, int) or not low <= score <= high:
        errors["score"] = _("Choose a score from %(low)d to %(high)d.") % {"low": low, "high": high}
    comment = without_direction_controls(answer.comment or "").strip()
    if len(comment) > COMMENT_MAX:
        errors["comment"] = _("A comment has at most %(count)d characters.") % {
            "count": COMMENT_MAX
        }
    questions = {question.key: question for question in survey.questions.all()}
    unknown = sorted(set(answer.answers) - set(questions))
    if unknown:
        errors["answers"] = _("This survey has no questions %(keys)s.") % {
            "keys": ", ".join(unknown)
        }
    stored: dict[str, Value] = {}
    for key, question in questions.items():
        value, error = _question_error(question, answer.answers.get(key))
        if error:
            errors[key] = error
        elif value is not None:
            stored[key] = value
    if errors:
        raise AnswerInvalid(errors)
    return CheckedAnswer(score, comment, stored, is_low=score <= survey.low_max)
