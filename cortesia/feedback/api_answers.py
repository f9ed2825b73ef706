"""REST endpoints of survey invitations and responses.

Every active staff member reads the invitations and responses their scope allows
(``selectors``: administrators and marketers all; managers and agents their teams' and
their own); others are "not there" (404). Responses are written only by an integration
of an administrator or a manager that collected the answer itself (an invitation of the
API channel); nobody edits one.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import Model, Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status

from cortesia.accounts.api_auth import api_user
from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.core.errors import NotFound
from cortesia.core.pagination import DEFAULT_LIMIT, paginate
from cortesia.customers.models import Customer
from cortesia.feedback.answers import response_record_collected
from cortesia.feedback.models import (
    InvitationState,
    SuppressedReason,
    Survey,
    SurveyChannel,
    SurveyInvitation,
    SurveyKind,
    SurveyResponse,
)
from cortesia.feedback.schemas_answers import (
    InvitationFilters,
    InvitationOut,
    InvitationPageOut,
    ResponseFilters,
    ResponseIn,
    ResponseOut,
    ResponsePageOut,
    ZoneSource,
)
from cortesia.feedback.selectors import invitations_visible, responses_visible
from cortesia.tickets.models import Ticket

router = Router(tags=["feedback"])


# The API writes only the public ids of an invitation's or response's related rows. They
# are read apart, one query per relation for a whole page, each reading just the id: an
# eight-table join cost PostgreSQL 33 ms of planning for 2 ms of execution.
def _ids(field: str, model: type[Model]) -> Prefetch[Any]:
    return Prefetch(field, queryset=model._base_manager.only("pk", "uid"))


_INVITATION_RELATED = (
    _ids("survey", Survey),
    _ids("customer", Customer),
    _ids("ticket", Ticket),
)
_RESPONSE_RELATED = (
    _ids("invitation", SurveyInvitation),
    _ids("survey", Survey),
    _ids("customer", Customer),
    _ids("ticket", Ticket),
    _ids("team", Team),
    _ids("agent", User),
    _ids("follow_up_ticket", Ticket),
)


def _uid(row: object) -> uuid.UUID | None:
    return getattr(row, "uid", None) if row is not None else None


def _invitation_out(invitation: SurveyInvitation) -> InvitationOut:
    zone_source: ZoneSource = invitation.zone_source  # type: ignore[assignment]
    return InvitationOut(
        uid=invitation.uid,
        survey=invitation.survey.uid,
        kind=SurveyKind(invitation.kind),
        customer=invitation.customer.uid,
        ticket=_uid(invitation.ticket),
        channel=SurveyChannel(invitation.channel),
        state=InvitationState(invitation.state),
        suppressed_reason=SuppressedReason(invitation.suppressed_reason)
        if invitation.suppressed_reason
        else None,
        scheduled_for=invitation.scheduled_for,
        sent_at=invitation.sent_at,
        expires_at=invitation.expires_at,
        answered_at=invitation.answered_at,
        time_zone=invitation.time_zone,
        zone_source=zone_source,
        language=invitation.language,
        created_at=invitation.created_at,
    )


def _response_out(response: SurveyResponse) -> ResponseOut:
    return ResponseOut(
        uid=response.uid,
        invitation=response.invitation.uid,
        survey=response.survey.uid,
        kind=SurveyKind(response.kind),
        score=response.score,
        comment=response.comment,
        answers=dict(response.answers),
        customer=response.customer.uid,
        ticket=_uid(response.ticket),
        team=_uid(response.team),
        agent=_uid(response.agent),
        channel=response.channel,
        language=response.language,
        country=response.country,
        via=SurveyResponse.Via(response.via),
        is_low=response.is_low,
        sent_at=response.sent_at,
        answered_at=response.answered_at,
        changed_at=response.changed_at,
        follow_up_ticket=_uid(response.follow_up_ticket),
    )


def _invitations(viewer: User) -> QuerySet[SurveyInvitation]:
    return invitations_visible(viewer).prefetch_related(*_INVITATION_RELATED)


def _responses(viewer: User) -> QuerySet[SurveyResponse]:
    return responses_visible(viewer).prefetch_related(*_RESPONSE_RELATED)


def _one(rows: QuerySet[SurveyInvitation], uid: str | uuid.UUID) -> SurveyInvitation:
    invitation = rows.filter(uid=uuid.UUID(str(uid))).first()
    if invitation is None:
        raise NotFound("invitation")
    return invitation


@router.get(
    "/survey-invitations",
    response=InvitationPageOut,
    summary="List the survey invitations you may see, oldest first; filter by customer, "
    "ticket and state",
)
def invitations_list(
    request: HttpRequest,
    filters: Query[InvitationFilters],
    cursor: Query[str | None] = None,
    limit: int = DEFAULT_LIMIT,
) -> InvitationPageOut:
    rows = _invitations(api_user(request))
    if filters.customer is not None:
        rows = rows.filter(customer__uid=filters.customer)
    if filters.ticket is not None:
        rows = rows.filter(ticket__uid=filters.ticket)
    if filters.state is not None:
        rows = rows.filter(state=filters.state)
    page = paginate(rows, cursor=cursor, limit=limit, serialize=_invitation_out)
    return InvitationPageOut(items=list(page.items), next_cursor=page.next_cursor)


@router.get(
    "/survey-invitations/{uid:uid}", response=InvitationOut, summary="One survey invitation"
)
def invitations_get(request: HttpRequest, uid: str) -> InvitationOut:
    return _invitation_out(_one(_invitations(api_user(request)), uid))


@router.get(
    "/survey-responses",
    response=ResponsePageOut,
    summary="List the survey responses you may see, oldest answer first; filter by kind, "
    "customer, ticket and when they were answered",
)
def responses_list(
    request: HttpRequest,
    filters: Query[ResponseFilters],
    cursor: Query[str | None] = None,
    limit: int = DEFAULT_LIMIT,
) -> ResponsePageOut:
    rows = _responses(api_user(request))
    if filters.kind is not None:
        rows = rows.filter(kind=filters.kind)
    if filters.customer is not None:
        rows = rows.filter(customer__uid=filters.customer)
    if filters.ticket is not None:
        rows = rows.filter(ticket__uid=filters.ticket)
    if filters.answered_from is not None:
        rows = rows.filter(answered_at__gte=filters.answered_from)
    if filters.answered_to is not None:
        rows = rows.filter(answered_at__lt=filters.answered_to)
    page = paginate(
        rows, cursor=cursor, limit=limit, serialize=_response_out, time_field="answered_at"
    )
    return ResponsePageOut(items=list(page.items), next_cursor=page.next_cursor)


@router.get("/survey-responses/{uid:uid}", response=ResponseOut, summary="One survey response")
def responses_get(request: HttpRequest, uid: str) -> ResponseOut:
    response = _responses(api_user(request)).filter(uid=uuid.UUID(uid)).first()
    if response is None:
        raise NotFound("response")
    return _response_out(response)


@router.post(
    "/survey-responses",
    response={201: ResponseOut},
    summary="Record an answer your system collected for an API-channel invitation "
    "(administrators and managers); 409 when it is answered already, 410 when it expired",
    openapi_extra={
        "responses": {
            410: {
                "description": "The invitation expired unanswered.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            }
        }
    },
)
def responses_create(request: HttpRequest, payload: ResponseIn) -> Status[ResponseOut]:
    viewer = api_user(request)
    invitation = _one(
        _invitations(viewer).select_related("ticket", "survey", "customer"), payload.invitation
    )
    response = response_record_collected(
        invitation=invitation,
        score=payload.score,
        comment=payload.comment,
        answers=payload.answers,
        actor=Actor.from_request(request),
    )
    return Status(201, _response_out(_responses(viewer).get(pk=response.pk)))
