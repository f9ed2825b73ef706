"""REST endpoints of mentions.

``POST /api/v1/mentions`` is the webhook of review sites and social networks: it takes no
API token but a signature (see :mod:`cortesia.feedback.mention_signing`), and answers 201
with the new mention, 200 with the one stored before under the same external id, 401 when
the signature, the source, the timestamp or the freshness is not right (nothing stored).
The other endpoints take an API token like the rest of the API.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError

from cortesia.accounts.api_auth import api_user
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, FieldErrors
from cortesia.core.pagination import DEFAULT_LIMIT, paginate
from cortesia.feedback.mention_signing import (
    HEADER_SIGNATURE,
    HEADER_SOURCE,
    HEADER_TIMESTAMP,
    delivery_record,
    delivery_verify,
)
from cortesia.feedback.mentions import (
    MentionData,
    MentionFilter,
    mention_get,
    mention_ingest,
    mention_list,
    mention_ticket_open,
)
from cortesia.feedback.models import Mention, MentionSource
from cortesia.feedback.schemas_mentions import (
    AuthorOut,
    FrustrationOut,
    MentionFilters,
    MentionIn,
    MentionOut,
    MentionPageOut,
    MentionTicketOut,
    SourceOut,
)

router = Router(tags=["mentions"])


def _inlined(schema: Any, definitions: dict[str, Any]) -> Any:
    """``schema`` with its local ``$ref``s replaced by their definitions."""
    if isinstance(schema, dict):
        reference = schema.get("$ref", "")
        if isinstance(reference, str) and reference.startswith("#/$defs/"):
            return _inlined(definitions[reference.removeprefix("#/$defs/")], definitions)
        return {key: _inlined(value, definitions) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_inlined(item, definitions) for item in schema]
    return schema


def _body_schema() -> Any:
    """The JSON schema of the webhook's body, whole (the body is read raw, so Ninja does not
    describe it by itself)."""
    schema = MentionIn.model_json_schema()
    return _inlined(schema, schema.pop("$defs", {}))


def mention_out(mention: Mention) -> MentionOut:
    return MentionOut(
        uid=mention.uid,
        source=SourceOut(
            uid=mention.source.uid, name=mention.source.name, kind=mention.source.kind
        ),
        external_id=mention.external_id,
        url=mention.url,
        author=AuthorOut(
            handle=mention.author_handle, name=mention.author_name, email=mention.author_email
        ),
        text=mention.text,
        rating=mention.rating,
        rating_max=mention.rating_max,
        published_at=mention.published_at,
        received_at=mention.received_at,
        via=mention.via,
        language=mention.language,
        frustration=FrustrationOut(
            score=mention.frustration,
            level=mention.frustration_level,  # type: ignore[arg-type]
            signals=list(mention.frustration_signals),
        ),
        customer=mention.customer.uid if mention.customer else None,
        ticket=mention.ticket.uid if mention.ticket else None,
    )


def _payload(body: bytes) -> MentionIn:
    try:
        return MentionIn.model_validate_json(body)
    except ValidationError as error:
        if any(item["type"] == "json_invalid" for item in error.errors()):
            raise DomainError(
                _("The request body is not valid JSON."), code="bad_request"
            ) from None
        raise NinjaValidationError(
            [{"loc": ("body", *item["loc"]), "msg": item["msg"]} for item in error.errors()]
        ) from None


def _data(payload: MentionIn, source: MentionSource) -> MentionData:
    if payload.source is not None and payload.source.strip() not in {source.name, str(source.uid)}:
        raise FieldErrors({"source": _("The body names another source than the signature.")})
    author = payload.author
    return MentionData(
        external_id=payload.external_id,
        text=payload.text,
        published_at=payload.published_at,
        url=payload.url,
        author_handle=author.handle if author else "",
        author_name=author.name if author else "",
        author_email=author.email if author else "",
        rating=payload.rating,
        rating_max=payload.rating_max,
    )


@router.post(
    "/mentions",
    auth=None,
    response={200: MentionOut, 201: MentionOut},
    summary="Receive a signed mention from a review site or social network (idempotent)",
    description=(
        f"No API token: sign the request. `{HEADER_SOURCE}`: the source's public id; "
        f"`{HEADER_TIMESTAMP}`: Unix seconds (within 5 minutes); `{HEADER_SIGNATURE}`: "
        "`sha256=` and the hex HMAC-SHA256 of the timestamp, a dot and the raw body under "
        "the source's secret. 201: stored; 200: stored before under this external id; "
        "401: signature, source, timestamp or replay refused, nothing stored."
    ),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _body_schema()}},
        }
    },
)
def mentions_receive(request: HttpRequest) -> Status[MentionOut]:
    body = request.body
    source, digest = delivery_verify(headers=request.headers, body=body)
    data = _data(_payload(body), source)
    with transaction.atomic():  # a refused mention leaves no delivery digest behind
        delivery_record(digest=digest)
        mention, created = mention_ingest(source=source, data=data, via=Mention.Via.WEBHOOK)
    return Status(201 if created else 200, mention_out(mention))


@router.get("/mentions", response=MentionPageOut, summary="List mentions, newest last")
def mentions_list(
    request: HttpRequest,
    filters: Query[MentionFilters],
    cursor: Query[str | None] = None,
    limit: int = DEFAULT_LIMIT,
) -> MentionPageOut:
    mentions = mention_list(
        viewer=api_user(request),
        filters=MentionFilter(
            source=str(filters.source) if filters.source else None,
            level=filters.level,
            language=filters.language,
            customer=str(filters.customer) if filters.customer else None,
            published_from=filters.published_from,
            published_to=filters.published_to,
        ),
    )
    page = paginate(
        mentions, cursor=cursor, limit=limit, serialize=mention_out, time_field="published_at"
    )
    return MentionPageOut(items=list(page.items), next_cursor=page.next_cursor)


@router.get("/mentions/{uid:uid}", response=MentionOut, summary="One mention")
def mentions_get(request: HttpRequest, uid: str) -> MentionOut:
    return mention_out(mention_get(viewer=api_user(request), uid=uid))


@router.post(
    "/mentions/{uid:uid}/ticket",
    response={200: MentionTicketOut, 201: MentionTicketOut},
    summary="Open a ticket (channel social) from a mention; again: the same ticket",
)
def mentions_ticket(request: HttpRequest, uid: str) -> Status[MentionTicketOut]:
    mention = mention_get(viewer=api_user(request), uid=uid)
    opened = mention_ticket_open(mention=mention, actor=Actor.from_request(request))
    out = MentionTicketOut(
        ticket=opened.ticket.uid, number=opened.ticket.number, created=opened.created
    )
    return Status(201 if opened.created else 200, out)
