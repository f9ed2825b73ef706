"""Survey definitions: create, change, switch off and delete surveys, their extra questions
and their texts. The settings pages and ``/api/v1/surveys`` are two interfaces over these
services; administrators and managers write (``require_survey_manager``), every active
staff member may read a definition.

Rules kept here (the definition's checks live in ``survey_checks``, the texts' in
``survey_texts``):
- the kind, trigger and channel come from their choices; the delay is 0–10,080 minutes
  (a week); a relationship survey names a segment and runs every 1–3,650 days;
- conditions name teams that exist, ticket channels, language and country codes, tags;
- at most three extra questions; choice keys are short slugs; a scale runs low to high;
- an active survey has, for every text it uses, a variant in the site language (the last
  link of the fallback chain), so no customer ever gets an empty question;
- a survey that ever sent an invitation is never deleted, only switched off;
- every change writes one audit row (object type ``survey``) in its transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cortesia.audit.models import AuditEvent
from cortesia.audit.services import JsonValue, audit_record
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, FieldErrors, NotFound
from cortesia.feedback.models import (
    QuestionKind,
    Survey,
    SurveyInvitation,
    SurveyQuestion,
    SurveyTrigger,
)
from cortesia.feedback.permissions import can_view_feedback, require_survey_manager
from cortesia.feedback.survey_checks import (
    MAX_QUESTIONS,
    Checked,
    QuestionData,
    SurveyData,
    check_questions,
    survey_checked,
)
from cortesia.feedback.survey_texts import (
    TextVariant,
    forget_prefetched,
    site_text_gaps,
    survey_texts_apply,
)
from cortesia.feedback.texts import survey_texts_seed

__all__ = [
    "MAX_QUESTIONS",
    "QuestionData",
    "SurveyData",
    "TextVariant",
    "survey_create",
    "survey_data_of",
    "survey_definitions",
    "survey_delete",
    "survey_get",
    "survey_list",
    "survey_questions_save",
    "survey_switch",
    "survey_texts_save",
    "survey_update",
]
AUDIT_OBJECT_TYPE = "survey"


# Reads ------------------------------------------------------------------------------------


def _require_reader(actor: Actor) -> None:
    if actor.user is not None and not can_view_feedback(actor.user):
        raise NotFound("survey")


def survey_list(*, actor: Actor) -> list[Survey]:
    """Return every survey with ``sent_count`` and ``answered_count`` (its invitations
    sent and answered) counted in the same query."""
    _require_reader(actor)
    return list(
        Survey.objects.annotate(
            sent_count=Count("invitations", filter=Q(invitations__sent_at__isnull=False)),
            answered_count=Count("invitations", filter=Q(invitations__answered_at__isnull=False)),
        )
    )


def survey_definitions(*, actor: Actor) -> QuerySet[Survey]:
    """Return every survey with what its definition shows (teams, segment, questions,
    texts) fetched in a fixed number of queries."""
    _require_reader(actor)
    return Survey.objects.select_related("segment").prefetch_related("teams", "questions", "texts")


def survey_get(*, actor: Actor, uid: str) -> Survey:
    """Return the survey with its teams, questions and texts. Raises NotFound."""
    try:
        return survey_definitions(actor=actor).get(uid=uuid.UUID(str(uid)))
    except (ValueError, Survey.DoesNotExist):
        raise NotFound("survey") from None


def survey_data_of(survey: Survey) -> SurveyData:
    """Return the stored definition (with its questions), to change a few fields of."""
    return SurveyData(
        name=survey.name,
        kind=survey.kind,
        trigger=survey.trigger,
        channel=survey.channel,
        delay_minutes=survey.delay_minutes,
        is_active=survey.is_active,
        ask_comment=survey.ask_comment,
        follow_up_low=survey.follow_up_low,
        low_score_max=survey.low_score_max,
        team_uids=tuple(str(team.uid) for team in survey.teams.all()),
        channels=tuple(survey.channels),
        languages=tuple(survey.languages),
        countries=tuple(survey.countries),
        tags=tuple(survey.tags),
        segment_uid=str(survey.segment.uid) if survey.segment else "",
        every_days=survey.every_days,
        position=survey.position,
        questions=tuple(
            QuestionData(
                q.position, q.kind, tuple(q.choices), q.scale_min, q.scale_max, q.is_required
            )
            for q in survey.questions.all()
        ),
    )


# Writes -----------------------------------------------------------------------------------


def _next_run(survey: Survey, data: SurveyData, now: datetime) -> datetime | None:
    """A relationship survey's next run: now when it becomes one (each invitation still
    waits for its customer's contact window), sooner when its period shortens."""
    if data.trigger != SurveyTrigger.RELATIONSHIP:
        return None
    if survey.next_run_at is None or survey.trigger != SurveyTrigger.RELATIONSHIP:
        return now
    return min(survey.next_run_at, now + timedelta(days=data.every_days))


def _apply(survey: Survey, checked: Checked) -> list[str]:
    """Copy the checked values onto ``survey``; return the names of the fields changed."""
    data = checked.data
    values: dict[str, object] = {
        "name": data.name,
        "kind": data.kind,
        "trigger": data.trigger,
        "channel": data.channel,
        "delay_minutes": data.delay_minutes,
        "is_active": data.is_active,
        "ask_comment": data.ask_comment,
        "follow_up_low": data.follow_up_low,
        "low_score_max": data.low_score_max,
        "channels": list(data.channels),
        "languages": list(data.languages),
        "countries": list(data.countries),
        "tags": list(data.tags),
        "segment": checked.segment,
        "every_days": data.every_days,
        "position": data.position,
        "next_run_at": _next_run(survey, data, timezone.now()),
    }
    changed = [name for name, value in values.items() if getattr(survey, name) != value]
    for name, value in values.items():
        setattr(survey, name, value)
    return changed


def _save_questions(survey: Survey, questions: Sequence[QuestionData]) -> bool:
    stored = {
        (q.position, q.kind, tuple(q.choices), q.scale_min, q.scale_max, q.is_required)
        for q in survey.questions.all()
    }
    wanted = {
        (q.position, q.kind, tuple(q.choices), q.scale_min, q.scale_max, q.is_required)
        for q in questions
    }
    if stored == wanted:
        return False
    survey.questions.all().delete()
    SurveyQuestion.objects.bulk_create(
        [
            SurveyQuestion(
                survey=survey,
                position=q.position,
                kind=q.kind,
                choices=list(q.choices) if q.kind == QuestionKind.CHOICE else [],
                scale_min=q.scale_min,
                scale_max=q.scale_max,
                is_required=q.is_required,
            )
            for q in questions
        ]
    )
    forget_prefetched(survey)
    return True


def _require_complete(survey: Survey) -> None:
    """Refuse an active survey that lacks a site-language text (FieldErrors)."""
    if survey.is_active and (gaps := site_text_gaps(survey)):
        raise FieldErrors(gaps)


def _audit(survey: Survey, actor: Actor, change: str, **data: JsonValue) -> None:
    audit_record(
        action=AuditEvent.Action.SETTING_CHANGE,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type=AUDIT_OBJECT_TYPE,
        object_uid=str(survey.uid),
        object_label=survey.name,
        data={"change": change, **data},
    )


def _saved(survey: Survey, fields: list[str] | None) -> None:
    try:
        with transaction.atomic():
            survey.save(update_fields=None if fields is None else [*fields, "updated_at"])
    except IntegrityError:
        raise Conflict(
            _("A survey named %(name)s already exists. Choose another name.")
            % {"name": survey.name},
            code="duplicate_name",
        ) from None


@transaction.atomic
def survey_create(*, data: SurveyData, actor: Actor, texts: Sequence[TextVariant] = ()) -> Survey:
    """Create a survey with its shipped default texts, then ``texts`` on top. Raises
    Forbidden, FieldErrors, or Conflict when the name is taken (a form sent twice)."""
    require_survey_manager(actor)
    checked = survey_checked(data)
    survey = Survey()
    _apply(survey, checked)
    _saved(survey, None)
    survey.teams.set(checked.teams)
    if data.questions:
        _save_questions(survey, data.questions)
    seeded = survey_texts_seed(survey)
    changed = survey_texts_apply(survey, texts)
    _require_complete(survey)
    _audit(survey, actor, "created", seeded=seeded, texts=changed)
    return survey


@transaction.atomic
def survey_update(
    *, survey: Survey, data: SurveyData, actor: Actor, texts: Sequence[TextVariant] = ()
) -> Survey:
    """Change a survey. A new kind replaces the question and the scale's labels with the
    new kind's shipped texts (the old ones asked another question). Raises Forbidden,
    FieldErrors, Conflict."""
    require_survey_manager(actor)
    checked = survey_checked(data)
    previous_kind = survey.kind
    fields = _apply(survey, checked)
    _saved(survey, fields)
    teams_changed = {t.pk for t in survey.teams.all()} != {t.pk for t in checked.teams}
    if teams_changed:
        survey.teams.set(checked.teams)
        forget_prefetched(survey)
    questions_changed = data.questions is not None and _save_questions(survey, data.questions)
    seeded = 0
    if survey.kind != previous_kind:
        survey.texts.filter(Q(key="question") | Q(key__startswith="label.")).delete()
        seeded = survey_texts_seed(survey)
    changed = survey_texts_apply(survey, texts)
    _require_complete(survey)
    changes: list[JsonValue] = [*fields, *(["teams"] if teams_changed else [])]
    if questions_changed:
        changes.append("questions")
    _audit(survey, actor, "changed", fields=changes, seeded=seeded, texts=changed)
    return survey


@transaction.atomic
def survey_switch(*, survey: Survey, active: bool, actor: Actor) -> Survey:
    """Switch a survey on or off. Scheduled invitations of a survey switched off are
    suppressed when they come due (the dispatcher checks). Raises Forbidden, FieldErrors
    (a text lacks its site-language variant, so it cannot be switched on)."""
    require_survey_manager(actor)
    if survey.is_active == active:
        return survey
    survey.is_active = active
    fields = ["is_active"]
    if active and survey.trigger == SurveyTrigger.RELATIONSHIP and survey.next_run_at is None:
        survey.next_run_at = timezone.now()
        fields.append("next_run_at")
    _require_complete(survey)
    survey.save(update_fields=[*fields, "updated_at"])
    _audit(survey, actor, "switched_on" if active else "switched_off")
    return survey


@transaction.atomic
def survey_delete(*, survey: Survey, actor: Actor) -> None:
    """Delete a survey that never sent an invitation, with its unsent (scheduled or
    suppressed) invitations. Raises Forbidden, or Conflict once it has sent one: its
    answers belong to the reports, so switch it off instead."""
    require_survey_manager(actor)
    locked = Survey.objects.select_for_update().get(pk=survey.pk)
    # Lock its invitations too: the dispatcher sends with the same row locks, so either it
    # finished first (and sent_at shows it) or it skips rows this transaction removes.
    invitations = SurveyInvitation.objects.select_for_update().filter(survey=locked)
    states = list(invitations.values_list("pk", "sent_at", "answered_at"))
    if any(sent_at or answered_at for _pk, sent_at, answered_at in states):
        raise Conflict(
            _(
                "This survey has already sent invitations, and its answers belong to the "
                "reports. Switch it off instead of deleting it."
            ),
            code="survey_sent",
        )
    _audit(locked, actor, "deleted", name=locked.name, kind=locked.kind)
    SurveyInvitation.objects.filter(pk__in=[pk for pk, _sent, _answered in states]).delete()
    locked.delete()


@transaction.atomic
def survey_texts_save(*, survey: Survey, variants: Sequence[TextVariant], actor: Actor) -> int:
    """Write ``variants`` (an empty text removes its variant; variants not given stay)
    and return how many rows changed. Raises Forbidden, or FieldErrors naming the row
    (``texts.<index>.key``/``.text``) or the key that would lose its last site-language
    variant while the survey is active (``texts.<key>``)."""
    require_survey_manager(actor)
    changed = survey_texts_apply(survey, variants)
    _require_complete(survey)
    if changed:
        _audit(survey, actor, "texts", texts=changed)
    return changed


@transaction.atomic
def survey_questions_save(
    *,
    survey: Survey,
    questions: Sequence[QuestionData],
    actor: Actor,
    texts: Sequence[TextVariant] = (),
) -> Survey:
    """Replace the extra questions (at most three) and write ``texts`` (their wording).
    Raises Forbidden, FieldErrors (also when an active survey would ask a question
    without a site-language wording)."""
    require_survey_manager(actor)
    check_questions(questions)
    changed = _save_questions(survey, questions)
    written = survey_texts_apply(survey, texts)
    _require_complete(survey)
    if changed or written:
        _audit(survey, actor, "questions", questions=len(questions), texts=written)
    return survey
