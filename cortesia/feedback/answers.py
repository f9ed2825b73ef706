"""Recording a customer's answer to a survey, changing it, and saying no to surveys.

Rules kept here:

- An answer is recorded only by a deliberate send (a POST, the portal's form or the
  API), never by opening a link: mail scanners open every link.
- One response per invitation. The invitation's move from "sent" to "answered" is a
  conditional update, so of two sends at once one records and the other finds it
  answered (and, on the pages, changes the answer instead); the table's unique
  invitation is the last guard.
- The customer may change their answer for ``change_days`` after the first one; nobody
  else ever edits a response (there is no staff write path).
- Customers are not staff users: their writes are the system's, except an API client's,
  which are its user's.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta
from enum import StrEnum

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, DomainError, Forbidden
from cortesia.core.ratelimit import RateLimit, rate_limit
from cortesia.customers.consents import consent_current, consent_record
from cortesia.customers.models import ConsentRecord, Customer, CustomerEvent
from cortesia.customers.services import customer_event_record
from cortesia.feedback.answer_checks import (
    Answer,
    CheckedAnswer,
    Value,
    answer_check,
)
from cortesia.feedback.follow_up import follow_up_enqueue
from cortesia.feedback.models import (
    InvitationState,
    SurveyChannel,
    SurveyInvitation,
    SurveyResponse,
)
from cortesia.feedback.permissions import can_manage_surveys
from cortesia.feedback.settings_access import feedback_settings

EXCERPT_LENGTH = 200
# Sends of the answer forms per client address: a person answers a few surveys a day;
# a shared office or mobile network stays far below this.
ANSWERS_PER_IP = RateLimit("survey-answer-ip", 30, timedelta(hours=1))


class LinkExpired(DomainError):
    """The invitation's link is past its expiry (HTTP 410)."""

    code = "expired"
    status = 410


class AlreadyAnswered(Conflict):
    """The invitation has a response already (HTTP 409)."""

    code = "already_answered"


class ChangeClosed(Conflict):
    """The answer is older than the days it may be changed for (HTTP 409)."""

    code = "change_closed"


class Standing(StrEnum):
    """Where an invitation stands for its customer right now."""

    OPEN = "open"  # sent, waiting for an answer
    CHANGEABLE = "changeable"  # answered, and the answer may still be changed
    CLOSED = "closed"  # answered, too long ago to change
    EXPIRED = "expired"  # never answered, and the link has expired


def invitation_standing(
    invitation: SurveyInvitation,
    *,
    now: datetime | None = None,
    answered_at: datetime | None = None,
    change_days: int | None = None,
) -> Standing:
    """Say where ``invitation`` stands at ``now``. ``answered_at`` is its response's
    first answer (read when not given); ``change_days`` the settings' (read when not
    given)."""
    now = now or timezone.now()
    if invitation.state == InvitationState.ANSWERED:
        if answered_at is None:
            answered_at = invitation.response.answered_at
        days = feedback_settings().change_days if change_days is None else change_days
        return Standing.CHANGEABLE if now < answered_at + timedelta(days=days) else Standing.CLOSED
    if invitation.state == InvitationState.EXPIRED or _expired(invitation, now):
        return Standing.EXPIRED
    return Standing.OPEN


def _expired(invitation: SurveyInvitation, now: datetime) -> bool:
    return invitation.expires_at is not None and now >= invitation.expires_at


def _current(customer: Customer) -> Customer:
    """The customer, or the one they were merged into."""
    while customer.merged_into_id is not None:
        customer = Customer.objects.get(pk=customer.merged_into_id)
    return customer


def _timeline(response: SurveyResponse, actor: Actor, *, changed: bool) -> None:
    data: dict[str, object] = {
        "survey": response.survey.name,
        "kind": response.kind,
        "score": response.score,
        "comment": response.comment[:EXCERPT_LENGTH],
        "ticket": response.invitation.ticket.number if response.invitation.ticket else None,
        "response": str(response.uid),
    }
    if changed:
        data["changed"] = True
    customer_event_record(
        customer=response.customer,
        kind=CustomerEvent.Kind.SURVEY_ANSWERED,
        data=data,
        actor=actor,
    )


def _new_response(
    invitation: SurveyInvitation, checked: CheckedAnswer, via: str, now: datetime
) -> SurveyResponse:
    return SurveyResponse(
        uid=uuid.uuid4(),
        invitation=invitation,
        survey=invitation.survey,
        kind=invitation.kind,
        score=checked.score,
        comment=checked.comment,
        answers=checked.answers,
        customer=_current(invitation.customer),
        ticket=invitation.ticket,
        team_id=invitation.team_id,
        agent_id=invitation.agent_id,
        channel=invitation.ticket_channel,
        language=invitation.language,
        country=invitation.country,
        via=via,
        sent_at=invitation.sent_at,
        answered_at=now,
        is_low=checked.is_low,
    )


def response_record(
    *,
    invitation: SurveyInvitation,
    score: int,
    comment: str,
    answers: Mapping[str, Value],
    via: str,
    now: datetime | None = None,
    actor: Actor | None = None,
) -> SurveyResponse:
    """Record the first answer to ``invitation``; return the response.

    The invitation becomes "answered"; the response copies the reporting facts (team,
    agent, channel, language, country, sent_at) from it; the customer's timeline gets an
    entry; a low score queues its follow-up (a ticket when the survey asks for one,
    opened after the answer commits: ``follow_up``). Raises
    AnswerInvalid (422), LinkExpired (410) or AlreadyAnswered (409); nothing is stored
    then. ``actor`` is the API client's user; the system otherwise."""
    now = now or timezone.now()
    checked = answer_check(invitation.survey, Answer(score, comment, answers))
    actor = actor or Actor.system()
    with transaction.atomic():
        if invitation.state == InvitationState.EXPIRED or _expired(invitation, now):
            raise LinkExpired(_("This survey link has expired."))
        taken = SurveyInvitation.objects.filter(
            pk=invitation.pk, state=InvitationState.SENT
        ).update(state=InvitationState.ANSWERED, answered_at=now)
        if taken != 1:  # answered already, perhaps by a send a moment ago
            raise AlreadyAnswered(_("This survey has been answered already."))
        invitation.state, invitation.answered_at = InvitationState.ANSWERED, now
        response = _new_response(invitation, checked, via, now)
        try:
            with transaction.atomic():
                response.save(force_insert=True)
        except IntegrityError:
            raise AlreadyAnswered(_("This survey has been answered already.")) from None
        _timeline(response, actor, changed=False)
        if checked.is_low:
            follow_up_enqueue(response=response)
    return response


def response_record_collected(
    *,
    invitation: SurveyInvitation,
    score: int,
    comment: str,
    answers: Mapping[str, Value],
    actor: Actor,
) -> SurveyResponse:
    """Record an answer another system collected from the customer (the API channel).

    Only administrators and managers (their integrations) do this, and only for an
    invitation sent through the API channel: agents never write a response, and an
    e-mail or portal invitation is answered by its customer. Raises Forbidden, Conflict
    (code ``wrong_channel``) and what :func:`response_record` raises."""
    if actor.user is not None and not can_manage_surveys(actor.user):
        raise Forbidden(
            _("Only administrators and managers record answers another system collected.")
        )
    if invitation.channel != SurveyChannel.API:
        raise Conflict(
            _("This invitation is answered by its customer, on the survey page or the portal."),
            code="wrong_channel",
        )
    return response_record(
        invitation=invitation,
        score=score,
        comment=comment,
        answers=answers,
        via=SurveyResponse.Via.API,
        actor=actor,
    )


def response_change(
    *,
    response: SurveyResponse,
    score: int,
    comment: str,
    answers: Mapping[str, Value],
    now: datetime | None = None,
) -> SurveyResponse:
    """Change the customer's answer within ``change_days`` of their first one; return
    the response. A low score queues a follow-up only when the response has no ticket
    yet: a changed answer never opens a second one. The same answer sent again changes
    nothing. Raises AnswerInvalid (422) or ChangeClosed (409); nothing changes then."""
    now = now or timezone.now()
    checked = answer_check(response.survey, Answer(score, comment, answers))
    days = feedback_settings().change_days
    with transaction.atomic():
        locked = SurveyResponse.objects.select_for_update().get(pk=response.pk)
        if now >= locked.answered_at + timedelta(days=days):
            raise ChangeClosed(
                _("An answer can be changed for %(days)d days. This one no longer can.")
                % {"days": days}
            )
        if (locked.score, locked.comment, locked.answers) == (
            checked.score,
            checked.comment,
            checked.answers,
        ):
            return locked  # the same answer sent again (a double click): nothing changes
        response.score, response.comment, response.answers = (
            checked.score,
            checked.comment,
            checked.answers,
        )
        response.is_low, response.changed_at = checked.is_low, now
        response.follow_up_ticket_id = locked.follow_up_ticket_id
        response.save(update_fields=["score", "comment", "answers", "is_low", "changed_at"])
        _timeline(response, Actor.system(), changed=True)
        if checked.is_low and response.follow_up_ticket_id is None:
            follow_up_enqueue(response=response)
    return response


def answer_submit(
    *,
    invitation: SurveyInvitation,
    answer: Answer,
    via: str,
    client_ip: str,
    now: datetime | None = None,
) -> SurveyResponse:
    """Record or change the customer's answer sent from the survey page or the portal.

    A first answer is recorded; an answered invitation's answer is changed while it may
    be (so a form sent twice, or from two tabs at once, leaves one response). Raises
    RateLimited (30 sends an hour per client address), AnswerInvalid, LinkExpired or
    ChangeClosed."""
    rate_limit(rule=ANSWERS_PER_IP, subject=client_ip)
    now = now or timezone.now()
    score, comment, answers = answer.score, answer.comment, answer.answers
    if invitation.state != InvitationState.ANSWERED:
        try:
            return response_record(
                invitation=invitation,
                score=score,
                comment=comment,
                answers=answers,
                via=via,
                now=now,
            )
        except AlreadyAnswered:
            pass  # a send of a moment ago recorded it: this one changes it
    responses = SurveyResponse.objects.select_related("survey", "invitation__ticket")
    response = responses.filter(invitation=invitation).first()
    if response is None:  # not answered after all: the link expired meanwhile
        raise LinkExpired(_("This survey link has expired."))
    return response_change(
        response=response, score=score, comment=comment, answers=answers, now=now
    )


def surveys_unsubscribe(*, invitation: SurveyInvitation, text_shown: str) -> bool:
    """Record that the customer of ``invitation`` wants no more surveys by e-mail (a
    withdrawn consent, source "form"); return False when that was already their choice,
    so a second click records nothing."""
    customer = _current(invitation.customer)
    with transaction.atomic():
        Customer.objects.select_for_update().filter(pk=customer.pk).first()
        current = consent_current(customer=customer).get(
            (ConsentRecord.Purpose.SURVEYS, ConsentRecord.Channel.EMAIL)
        )
        if current is not None and current.status == ConsentRecord.Status.WITHDRAWN:
            return False
        consent_record(
            customer=customer,
            purpose=ConsentRecord.Purpose.SURVEYS,
            channel=ConsentRecord.Channel.EMAIL,
            status=ConsentRecord.Status.WITHDRAWN,
            source=ConsentRecord.Source.FORM,
            text_shown=text_shown,
            actor=Actor.system(),
        )
    return True
