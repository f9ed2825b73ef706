"""REST endpoints of survey definitions with their questions, conditions and texts.
Every active staff member reads them; administrators and managers write (the services
refuse others with 403). A survey that has sent invitations is switched off, not deleted
(409)."""

from __future__ import annotations

from dataclasses import replace

from django.http import HttpRequest
from ninja import Query, Router, Status

from cortesia.core.actor import Actor
from cortesia.core.pagination import DEFAULT_LIMIT, paginate
from cortesia.feedback.models import Survey, SurveyChannel, SurveyKind, SurveyTrigger
from cortesia.feedback.schemas_surveys import (
    ConditionsIn,
    ConditionsOut,
    QuestionIn,
    QuestionOut,
    SurveyCreateIn,
    SurveyOut,
    SurveyPageOut,
    SurveyUpdateIn,
    TextIn,
    TextOut,
    TextsIn,
)
from cortesia.feedback.survey_texts import TextVariant
from cortesia.feedback.surveys import (
    QuestionData,
    SurveyData,
    survey_create,
    survey_data_of,
    survey_definitions,
    survey_delete,
    survey_get,
    survey_texts_save,
    survey_update,
)

router = Router(tags=["feedback"])
NULLABLE = frozenset({"low_score_max"})


def _out(survey: Survey) -> SurveyOut:
    return SurveyOut(
        uid=survey.uid,
        name=survey.name,
        kind=SurveyKind(survey.kind),
        trigger=SurveyTrigger(survey.trigger),
        channel=SurveyChannel(survey.channel),
        delay_minutes=survey.delay_minutes,
        is_active=survey.is_active,
        ask_comment=survey.ask_comment,
        follow_up_low=survey.follow_up_low,
        low_score_max=survey.low_score_max,
        low_max=survey.low_max,
        scale=survey.scale,
        every_days=survey.every_days,
        next_run_at=survey.next_run_at,
        position=survey.position,
        conditions=ConditionsOut(
            teams=sorted(team.uid for team in survey.teams.all()),
            channels=list(survey.channels),
            languages=list(survey.languages),
            countries=list(survey.countries),
            tags=list(survey.tags),
            segment=survey.segment.uid if survey.segment else None,
        ),
        questions=[
            QuestionOut.model_validate(question, from_attributes=True)
            for question in survey.questions.all()
        ],
        texts=[
            TextOut(key=t.key, language=t.language, register=t.register, text=t.text)  # type: ignore[arg-type]
            for t in sorted(survey.texts.all(), key=lambda t: (t.key, t.language, t.register))
        ],
        created_at=survey.created_at,
        updated_at=survey.updated_at,
    )


def _questions(questions: list[QuestionIn]) -> tuple[QuestionData, ...]:
    return tuple(
        QuestionData(q.position, q.kind, tuple(q.choices), q.scale_min, q.scale_max, q.is_required)
        for q in questions
    )


def _texts(texts: list[TextIn]) -> list[TextVariant]:
    return [TextVariant(t.key, t.language, t.register, t.text) for t in texts]


def _with_conditions(data: SurveyData, conditions: ConditionsIn) -> SurveyData:
    return replace(
        data,
        team_uids=tuple(str(uid) for uid in conditions.teams),
        channels=tuple(conditions.channels),
        languages=tuple(conditions.languages),
        countries=tuple(conditions.countries),
        tags=tuple(conditions.tags),
        segment_uid=str(conditions.segment) if conditions.segment else "",
    )


def _reread(actor: Actor, survey: Survey) -> SurveyOut:
    return _out(survey_get(actor=actor, uid=str(survey.uid)))


@router.get("/surveys", response=SurveyPageOut, summary="List survey definitions (staff)")
def surveys_list(
    request: HttpRequest, cursor: Query[str | None] = None, limit: int = DEFAULT_LIMIT
) -> SurveyPageOut:
    surveys = survey_definitions(actor=Actor.from_request(request))
    page = paginate(surveys, cursor=cursor, limit=limit, serialize=_out)
    return SurveyPageOut(items=list(page.items), next_cursor=page.next_cursor)


@router.post(
    "/surveys",
    response={201: SurveyOut},
    summary="Create a survey (administrators and managers); 409 when the name is taken",
)
def surveys_create(request: HttpRequest, payload: SurveyCreateIn) -> Status[SurveyOut]:
    actor = Actor.from_request(request)
    data = SurveyData(
        name=payload.name,
        kind=payload.kind,
        trigger=payload.trigger,
        channel=payload.channel,
        delay_minutes=payload.delay_minutes,
        is_active=payload.is_active,
        ask_comment=payload.ask_comment,
        follow_up_low=payload.follow_up_low,
        low_score_max=payload.low_score_max,
        every_days=payload.every_days,
        position=payload.position,
        questions=_questions(payload.questions),
    )
    survey = survey_create(
        data=_with_conditions(data, payload.conditions),
        texts=_texts(payload.texts),
        actor=actor,
    )
    return Status(201, _reread(actor, survey))


@router.get("/surveys/{uid}", response=SurveyOut, summary="One survey definition (staff)")
def surveys_get(request: HttpRequest, uid: str) -> SurveyOut:
    return _out(survey_get(actor=Actor.from_request(request), uid=uid))


@router.patch(
    "/surveys/{uid}",
    response=SurveyOut,
    summary="Change a survey (administrators and managers); only the fields given change",
)
def surveys_update(request: HttpRequest, uid: str, payload: SurveyUpdateIn) -> SurveyOut:
    actor = Actor.from_request(request)
    survey = survey_get(actor=actor, uid=uid)
    given = payload.model_dump(exclude_unset=True, exclude={"conditions", "questions", "texts"})
    # null means "the kind's default" for the low-score limit and "unchanged" elsewhere.
    given = {name: value for name, value in given.items() if value is not None or name in NULLABLE}
    data = replace(survey_data_of(survey), **given)
    if payload.conditions is not None:
        data = _with_conditions(data, payload.conditions)
    data = replace(
        data, questions=_questions(payload.questions) if payload.questions is not None else None
    )
    texts = _texts(payload.texts) if payload.texts is not None else []
    survey_update(survey=survey, data=data, texts=texts, actor=actor)
    return _reread(actor, survey)


@router.delete(
    "/surveys/{uid}",
    response={204: None},
    summary="Delete a survey that never sent an invitation (administrators and managers); "
    "409 once it has: switch it off instead",
)
def surveys_delete(request: HttpRequest, uid: str) -> Status[None]:
    actor = Actor.from_request(request)
    survey_delete(survey=survey_get(actor=actor, uid=uid), actor=actor)
    return Status(204, None)


@router.put(
    "/surveys/{uid}/texts",
    response=SurveyOut,
    summary="Write text variants (administrators and managers); an empty text removes its "
    "variant, variants not sent stay",
)
def surveys_texts(request: HttpRequest, uid: str, payload: TextsIn) -> SurveyOut:
    actor = Actor.from_request(request)
    survey = survey_get(actor=actor, uid=uid)
    survey_texts_save(survey=survey, variants=_texts(payload.texts), actor=actor)
    return _reread(actor, survey)
