"""The shapes of a survey definition and the checks the survey services run on them:
choices, bounds, codes, teams and segment that exist, and the extra questions.

Every problem is collected and raised at once (FieldErrors naming each field).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from cortesia.accounts.models import Team
from cortesia.customers.models import Segment
from cortesia.customers.validation import ProfileCheck, check_country, check_language, check_tags
from cortesia.feedback.models import QuestionKind, SurveyChannel, SurveyKind, SurveyTrigger
from cortesia.feedback.models.surveys import SCALES
from cortesia.tickets.models import Ticket

DELAY_MAX_MINUTES = 7 * 24 * 60
EVERY_DAYS_MAX = 3650
MAX_QUESTIONS = 3
QUESTION_SCALE_BOUNDS = (0, 10)
CHOICES_MAX = 10
CHOICE_KEY = re.compile(r"^[a-z0-9](?:[a-z0-9_-]{0,28}[a-z0-9])?$")
NAME_MAX_LENGTH = 200


@dataclass(frozen=True)
class QuestionData:
    """One extra question: its place (1–3), kind, choice keys and scale."""

    position: int
    kind: str
    choices: tuple[str, ...] = ()
    scale_min: int = 1
    scale_max: int = 5
    is_required: bool = False


@dataclass(frozen=True)
class SurveyData:
    """Everything a survey definition holds except its texts. ``questions`` None leaves
    the stored questions as they are."""

    name: str
    kind: str
    trigger: str
    channel: str = SurveyChannel.EMAIL
    delay_minutes: int = 120
    is_active: bool = True
    ask_comment: bool = True
    follow_up_low: bool = True
    low_score_max: int | None = None
    team_uids: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    segment_uid: str = ""
    every_days: int = 90
    position: int = 0
    questions: tuple[QuestionData, ...] | None = None


@dataclass(frozen=True)
class Checked:
    data: SurveyData
    teams: list[Team]
    segment: Segment | None


def _check_choices(check: ProfileCheck, data: SurveyData) -> None:
    if not " ".join(data.name.split()):
        check.fail("name", _("Give the survey a name."))
    elif len(data.name) > NAME_MAX_LENGTH:
        check.fail("name", _("A name has at most %(count)d characters.") % {"count": 200})
    if data.kind not in SurveyKind.values:
        check.fail("kind", _("Choose CSAT, CSAT good or bad, NPS or CES."))
    if data.trigger not in SurveyTrigger.values:
        check.fail("trigger", _("Choose when the survey is sent."))
    if data.channel not in SurveyChannel.values:
        check.fail("channel", _("Choose e-mail, the customer portal or the API."))
    if not 0 <= data.delay_minutes <= DELAY_MAX_MINUTES:
        check.fail(
            "delay_minutes",
            _("The delay is between 0 and %(max)d minutes (one week).")
            % {"max": DELAY_MAX_MINUTES},
        )
    if data.low_score_max is not None and data.kind in SCALES:
        low, high = SCALES[data.kind]
        if not low <= data.low_score_max < high:
            check.fail(
                "low_score_max",
                _("A low score is between %(low)d and %(high)d on this scale.")
                % {"low": low, "high": high - 1},
            )


def _check_codes(check: ProfileCheck, data: SurveyData) -> SurveyData:
    for value in data.channels:
        if value not in Ticket.Channel.values:
            check.fail("channels", _("%(value)s is not a ticket channel.") % {"value": value})
    languages: list[str] = []
    for value in data.languages:
        one = ProfileCheck()
        code = check_language(one, value).lower()
        if one.errors or not code:
            check.fail("languages", one.errors.get("language", _("Give a language code.")))
        elif code not in languages:
            languages.append(code)
    countries: list[str] = []
    for value in data.countries:
        code = check_country(check, "countries", value)
        if not code:
            check.fail("countries", _("Give a country code."))
        elif code not in countries:
            countries.append(code)
    tags = check_tags(check, list(data.tags))
    channels = tuple(dict.fromkeys(data.channels))
    return replace(
        data,
        languages=tuple(languages),
        countries=tuple(countries),
        tags=tuple(tags),
        channels=channels,
    )


def _teams(check: ProfileCheck, uids: Sequence[str]) -> list[Team]:
    wanted: list[uuid.UUID] = []
    for value in uids:
        try:
            wanted.append(uuid.UUID(str(value)))
        except ValueError:
            check.fail("teams", _("%(value)s is not a team.") % {"value": value})
    teams = list(Team.objects.filter(uid__in=wanted))
    if len(teams) != len(set(wanted)):
        check.fail("teams", _("One of the teams does not exist."))
    return teams


def _segment(check: ProfileCheck, data: SurveyData) -> Segment | None:
    segment = None
    if data.segment_uid:
        try:
            segment = Segment.objects.get(uid=uuid.UUID(str(data.segment_uid)))
        except (ValueError, Segment.DoesNotExist):
            check.fail("segment", _("This segment does not exist."))
    if data.trigger == SurveyTrigger.RELATIONSHIP:
        if not data.segment_uid:
            check.fail("segment", _("A relationship survey is sent to a segment: choose one."))
        if not 1 <= data.every_days <= EVERY_DAYS_MAX:
            check.fail(
                "every_days",
                _("A relationship survey runs every 1 to %(max)d days.") % {"max": EVERY_DAYS_MAX},
            )
    return segment


def _check_questions(check: ProfileCheck, questions: Sequence[QuestionData]) -> None:
    if len(questions) > MAX_QUESTIONS:
        check.fail("questions", _("A survey has at most three extra questions."))
    positions = [question.position for question in questions]
    if len(questions) <= MAX_QUESTIONS and sorted(positions) != list(range(1, len(positions) + 1)):
        check.fail("questions", _("Number the questions 1, 2 and 3, each once."))
    low, high = QUESTION_SCALE_BOUNDS
    for index, question in enumerate(questions):
        field = f"questions.{index}"
        if question.kind not in QuestionKind.values:
            check.fail(f"{field}.kind", _("Choose single choice, scale or text."))
        if question.kind == QuestionKind.CHOICE:
            if not 2 <= len(question.choices) <= CHOICES_MAX:
                check.fail(f"{field}.choices", _("A choice question has 2 to 10 choices."))
            bad = [key for key in question.choices if not CHOICE_KEY.match(key)]
            if bad:
                check.fail(
                    f"{field}.choices",
                    _(
                        "Choice keys are 1 to 30 lower-case letters, digits, - or _, "
                        "such as speed or price: %(keys)s."
                    )
                    % {"keys": ", ".join(bad)},
                )
            elif len(set(question.choices)) != len(question.choices):
                check.fail(f"{field}.choices", _("Each choice key appears once."))
        if question.kind == QuestionKind.SCALE and not (
            low <= question.scale_min < question.scale_max <= high
        ):
            check.fail(
                f"{field}.scale_max",
                _("A scale runs from a lowest to a higher highest point, within 0 to 10."),
            )


def survey_checked(data: SurveyData) -> Checked:
    check = ProfileCheck()
    _check_choices(check, data)
    data = _check_codes(check, data)
    teams = _teams(check, data.team_uids)
    segment = _segment(check, data)
    if data.questions is not None:
        _check_questions(check, data.questions)
    check.raise_if_any()
    return Checked(replace(data, name=" ".join(data.name.split())), teams, segment)


def check_questions(questions: Sequence[QuestionData]) -> None:
    """Raise FieldErrors unless ``questions`` are at most three valid extra questions."""
    check = ProfileCheck()
    _check_questions(check, questions)
    check.raise_if_any()
