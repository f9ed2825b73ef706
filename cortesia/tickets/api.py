"""REST endpoints for tickets and their messages, with ETag/If-Match on changes."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from django.http import HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.utils import timezone
from ninja import File, Header, Query, Router, Status
from ninja.files import UploadedFile

from cortesia.accounts.api_auth import api_user
from cortesia.accounts.models import User
from cortesia.accounts.selectors import team_get, user_get
from cortesia.core.actor import Actor
from cortesia.core.api_input import InputSchema
from cortesia.core.errors import NotFound
from cortesia.core.etags import expected_version
from cortesia.core.pagination import DEFAULT_LIMIT, paginate
from cortesia.customers.selectors import customer_get
from cortesia.sla.clocks import spent_seconds
from cortesia.sla.models import SlaClock
from cortesia.tickets.attachments import attachment_get, attachment_upload
from cortesia.tickets.creation import ticket_open
from cortesia.tickets.downloads import attachment_release, attachment_response
from cortesia.tickets.merging import ticket_link, ticket_merge
from cortesia.tickets.models import SavedView, Ticket, TicketAttachment, TicketMessage
from cortesia.tickets.replies import message_add_once
from cortesia.tickets.saved_views import (
    can_change_saved_view,
    saved_view_counts,
    saved_view_create,
    saved_view_delete,
    saved_view_get,
    saved_view_list,
    saved_view_query,
    saved_view_rename,
    saved_view_team_get,
)
from cortesia.tickets.schemas import (
    AttachmentOut,
    MessageIn,
    MessageOut,
    MessagePageOut,
    SavedViewIn,
    SavedViewOut,
    SavedViewRenameIn,
    SlaOut,
    TicketCreateIn,
    TicketOut,
    TicketPageOut,
    TicketUpdateIn,
)
from cortesia.tickets.selectors import (
    TicketFilters,
    customer_for_ticket,
    team_for_ticket,
    ticket_filter,
    ticket_get,
    ticket_links,
    ticket_list,
    ticket_messages,
    ticket_visible,
)
from cortesia.tickets.services import (
    MessageData,
    TicketChanges,
    TicketData,
    require_ticket_staff,
    ticket_update,
)

router = Router(tags=["tickets"])


# What a TicketOut reads of a ticket's row and of the rows it names (the API list loads
# no more: a customer row alone has a dozen dates to parse).
TICKET_OUT_COLUMNS = (
    *(
        name
        for name in TicketOut.model_fields
        if name not in {"customer", "team", "assignee", "sla"}
    ),
    "customer__uid",
    "team__uid",
    "assignee__username",
)


def ticket_out(ticket: Ticket, clocks: list[SlaClock] | None = None) -> TicketOut:
    """Serialise a ticket; ``clocks`` defaults to its prefetched SLA clocks.

    Every value comes typed from the database, so the schema is built without validating
    it again (the response is rendered from it exactly as from a validated one)."""
    now = timezone.now()
    return TicketOut.model_construct(
        **{
            name: getattr(ticket, name)
            for name in TicketOut.model_fields
            if name not in {"customer", "team", "assignee", "sla"}
        },
        sla=[
            SlaOut.model_construct(
                target=clock.target,
                state=clock.state,
                due_at=clock.due_at,
                warn_due_at=clock.warn_due_at,
                breached_at=clock.breached_at,
                spent_seconds=spent_seconds(clock, now),
            )
            for clock in (ticket.sla_clocks.all() if clocks is None else clocks)
        ],
        customer=ticket.customer.uid,
        team=ticket.team.uid if ticket.team else None,
        assignee=ticket.assignee.username if ticket.assignee else None,
    )


def _attachment_out(
    attachment: TicketAttachment, ticket_uid: UUID, message_uid: UUID | None
) -> AttachmentOut:
    return AttachmentOut(
        uid=attachment.uid,
        filename=attachment.filename,
        content_type=attachment.content_type,
        size=attachment.size,
        sha256=attachment.sha256,
        type_mismatch=attachment.type_mismatch,
        scan=attachment.scan,
        message=message_uid,
        download=f"/api/v1/tickets/{ticket_uid}/attachments/{attachment.uid}",
    )


def _message_out(message: TicketMessage) -> MessageOut:
    return MessageOut(
        uid=message.uid,
        kind=message.kind,
        author=message.author_kind,
        call_direction=message.call_direction,
        call_seconds=message.call_seconds,
        author_name=message.author.display_name if message.author else None,
        body_html=message.body_html,
        body_text=message.body_text,
        attachments=[
            _attachment_out(attachment, message.ticket.uid, message.uid)
            for attachment in message.attachments.all()
        ],
        created_at=message.created_at,
        delivery=message.delivery,
        delivery_detail=message.delivery_detail,
    )


def _etag(response: HttpResponse, ticket: Ticket) -> None:
    response["ETag"] = f'W/"{ticket.version}"'


def _message(payload: MessageIn) -> MessageData:
    return MessageData(
        body_html=payload.body_html,
        body_text=payload.body_text,
        kind=payload.kind,
        author_kind=payload.author,
        call_direction=payload.call_direction,
        call_seconds=payload.call_seconds,
        attachments=[str(uid) for uid in payload.attachments],
    )


@router.get("/tickets", response=TicketPageOut, summary="List tickets you may see, with filters")
def tickets_list(
    request: HttpRequest,
    status: str = "",
    priority: str = "",
    channel: str = "",
    language: str = "",
    tag: str = "",
    team: str = "",
    assignee: str = "",
    customer: str = "",
    q: str = "",
    cursor: Query[str | None] = None,
    limit: int = DEFAULT_LIMIT,
) -> TicketPageOut:
    """List the tickets you may see, oldest first, a page after ``cursor``.

    ``q`` searches the words of subjects and of every message (replies, customer messages
    and internal notes) as the inbox does: accents, case and Arabic letter forms do not
    matter, words are stemmed in the ticket's language where the database can, a "quoted
    phrase" matches in order, a leading minus excludes a word, and the last word also
    matches as a prefix. A number ("1042" or "#1042") also finds the ticket so numbered.
    The search covers only the tickets the token's user may see."""
    viewer = api_user(request)
    filters = TicketFilters(
        status=status,
        priority=priority,
        channel=channel,
        language=language,
        tag=tag,
        team=team,
        assignee=assignee,
        q=q,
    )
    tickets = ticket_filter(ticket_list(viewer=viewer), viewer=viewer, filters=filters).only(
        *TICKET_OUT_COLUMNS
    )
    if customer:
        tickets = tickets.filter(customer=customer_get(viewer=viewer, uid=customer))
    page = paginate(tickets, cursor=cursor, limit=limit, serialize=ticket_out)
    # Built without validation, like its items (validating would walk every item again).
    return TicketPageOut.model_construct(items=list(page.items), next_cursor=page.next_cursor)


@router.post("/tickets", response={201: TicketOut}, summary="Open a ticket with its first message")
def tickets_create(
    request: HttpRequest, response: HttpResponse, payload: TicketCreateIn
) -> Status[TicketOut]:
    viewer = api_user(request)
    opened = ticket_open(
        data=TicketData(
            subject=payload.subject,
            customer=customer_for_ticket(viewer=viewer, uid=str(payload.customer)),
            message=_message(payload.message),
            channel=payload.channel,
            priority=payload.priority,
            team=team_for_ticket(viewer=viewer, uid=str(payload.team)) if payload.team else None,
            assignee=user_get(viewer=viewer, uid=str(payload.assignee))
            if payload.assignee
            else None,
            language=payload.language,
            tags=payload.tags,
            created_at=payload.created_at,
        ),
        actor=Actor.from_request(request),
    )
    ticket = opened.ticket
    if not ticket_visible(viewer=viewer, ticket=ticket):
        # Routed to a team the creator does not work in: it exists, but not for them.
        raise NotFound("ticket")
    _etag(response, ticket)
    return Status(201, ticket_out(ticket, list(opened.clocks)))


@router.get("/tickets/{uid:uid}", response=TicketOut, summary="One ticket")
def tickets_get(request: HttpRequest, response: HttpResponse, uid: str) -> TicketOut:
    ticket = ticket_get(viewer=api_user(request), uid=uid)
    _etag(response, ticket)
    return ticket_out(ticket)


@router.patch(
    "/tickets/{uid:uid}",
    response=TicketOut,
    summary="Change a ticket; with If-Match, a field someone else changed since is a 409",
)
def tickets_update(
    request: HttpRequest,
    response: HttpResponse,
    uid: str,
    payload: TicketUpdateIn,
    if_match: Header[str | None] = None,
) -> TicketOut:
    viewer = api_user(request)
    ticket = ticket_get(viewer=viewer, uid=uid)
    given = payload.model_fields_set
    changes = TicketChanges(
        subject=payload.subject,
        status=payload.status,
        priority=payload.priority,
        team=team_get(viewer=viewer, uid=str(payload.team)) if payload.team else None,
        clear_team="team" in given and payload.team is None,
        assignee=user_get(viewer=viewer, uid=str(payload.assignee)) if payload.assignee else None,
        clear_assignee="assignee" in given and payload.assignee is None,
        language=payload.language,
        tags=payload.tags,
    )
    ticket_update(
        ticket=ticket,
        changes=changes,
        expected_version=expected_version(if_match),
        actor=Actor.from_request(request),
    )
    ticket = ticket_get(viewer=viewer, uid=uid)
    _etag(response, ticket)
    return ticket_out(ticket)


@router.get(
    "/tickets/{uid:uid}/messages",
    response=MessagePageOut,
    summary="The conversation, oldest first, internal notes included",
)
def tickets_messages(
    request: HttpRequest,
    uid: str,
    cursor: Query[str | None] = None,
    limit: int = DEFAULT_LIMIT,
) -> MessagePageOut:
    ticket = ticket_get(viewer=api_user(request), uid=uid)
    page = paginate(
        ticket_messages(ticket=ticket),
        cursor=cursor,
        limit=limit,
        serialize=_message_out,
        time_field="created_at",
    )
    return MessagePageOut(items=list(page.items), next_cursor=page.next_cursor)


@router.post(
    "/tickets/{uid:uid}/messages",
    response={201: MessageOut},
    summary="Add a public reply or an internal note (never refused for being late)",
)
def tickets_message_add(
    request: HttpRequest,
    uid: str,
    payload: MessageIn,
    idempotency_key: Annotated[str, Header(alias="Idempotency-Key")] = "",
) -> Status[MessageOut]:
    """With an ``Idempotency-Key`` header, a retried request stores nothing more and
    answers with the message the first one stored."""
    ticket = ticket_get(viewer=api_user(request), uid=uid)
    sent = message_add_once(
        ticket=ticket,
        data=_message(payload),
        key=idempotency_key.strip(),
        actor=Actor.from_request(request),
    )
    return Status(201, _message_out(sent.message))


@router.post(
    "/tickets/{uid:uid}/attachments",
    response={201: AttachmentOut},
    summary="Upload a file; send it by naming its uid in a message's attachments",
)
def tickets_attachment_upload(
    request: HttpRequest, uid: str, file: File[UploadedFile]
) -> Status[AttachmentOut]:
    ticket = ticket_get(viewer=api_user(request), uid=uid)
    actor = Actor.from_request(request)
    require_ticket_staff(actor)
    attachment = attachment_upload(ticket=ticket, upload=file, actor=actor)
    return Status(201, _attachment_out(attachment, ticket.uid, None))


@router.get(
    "/tickets/{uid:uid}/attachments/{uid:attachment_uid}",
    response={200: None},
    summary="Download an attachment (always as a file, never shown inline)",
)
def tickets_attachment_download(
    request: HttpRequest, uid: str, attachment_uid: str, override: bool = False
) -> HttpResponseBase:
    """An infected file is refused (403 ``attachment_infected``) unless an administrator
    sends ``override=true``; the override is recorded in the audit log."""
    ticket = ticket_get(viewer=api_user(request), uid=uid)
    attachment = attachment_get(ticket=ticket, uid=attachment_uid)
    attachment_release(attachment=attachment, actor=Actor.from_request(request), override=override)
    return attachment_response(attachment)


class MergeIn(InputSchema):
    source: UUID


class LinkIn(InputSchema):
    ticket: UUID


@router.post(
    "/tickets/{uid:uid}/merge",
    response=TicketOut,
    summary="Merge another ticket of the same customer into this one",
)
def tickets_merge(
    request: HttpRequest, response: HttpResponse, uid: str, payload: MergeIn
) -> TicketOut:
    viewer = api_user(request)
    target = ticket_get(viewer=viewer, uid=uid)
    source = ticket_get(viewer=viewer, uid=str(payload.source))
    ticket_merge(source=source, target=target, actor=Actor.from_request(request))
    ticket = ticket_get(viewer=viewer, uid=uid)
    _etag(response, ticket)
    return ticket_out(ticket)


@router.get(
    "/tickets/{uid:uid}/links", response=list[TicketOut], summary="Linked tickets you may see"
)
def tickets_links(request: HttpRequest, uid: str) -> list[TicketOut]:
    viewer = api_user(request)
    return [
        ticket_out(t)
        for t in ticket_links(viewer=viewer, ticket=ticket_get(viewer=viewer, uid=uid))
    ]


@router.post(
    "/tickets/{uid:uid}/links",
    response={200: None, 201: None},
    summary="Link a related ticket (200 when already linked)",
)
def tickets_link(request: HttpRequest, uid: str, payload: LinkIn) -> Status[None]:
    viewer = api_user(request)
    created = ticket_link(
        ticket=ticket_get(viewer=viewer, uid=uid),
        other=ticket_get(viewer=viewer, uid=str(payload.ticket)),
        actor=Actor.from_request(request),
    )
    return Status(201 if created else 200, None)


def _saved_view_out(viewer: User, view: SavedView, count: int) -> SavedViewOut:
    return SavedViewOut(
        uid=view.uid,
        name=view.name,
        team=view.team.uid if view.team else None,
        query=view.query,
        count=count,
        can_change=can_change_saved_view(viewer, view),
    )


@router.get("/saved-views", response=list[SavedViewOut], summary="Your saved views and your teams'")
def saved_views_list(request: HttpRequest) -> list[SavedViewOut]:
    viewer = api_user(request)
    views = list(saved_view_list(viewer=viewer))
    counts = saved_view_counts(viewer=viewer, views=views, now=timezone.now())
    return [_saved_view_out(viewer, view, counts[view.pk]) for view in views]


@router.post("/saved-views", response={201: SavedViewOut}, summary="Save an inbox view")
def saved_views_create(request: HttpRequest, payload: SavedViewIn) -> Status[SavedViewOut]:
    viewer = api_user(request)
    team = saved_view_team_get(viewer=viewer, uid=str(payload.team)) if payload.team else None
    view = saved_view_create(
        actor=Actor.from_request(request),
        name=payload.name,
        query=saved_view_query(QueryDict(payload.query.lstrip("?"))),
        team=team,
    )
    counts = saved_view_counts(viewer=viewer, views=[view], now=timezone.now())
    return Status(201, _saved_view_out(viewer, view, counts[view.pk]))


@router.patch("/saved-views/{uid:uid}", response=SavedViewOut, summary="Rename a saved view")
def saved_views_rename(request: HttpRequest, uid: str, payload: SavedViewRenameIn) -> SavedViewOut:
    viewer = api_user(request)
    view = saved_view_rename(
        view=saved_view_get(viewer=viewer, uid=uid),
        name=payload.name,
        actor=Actor.from_request(request),
    )
    counts = saved_view_counts(viewer=viewer, views=[view], now=timezone.now())
    return _saved_view_out(viewer, view, counts[view.pk])


@router.delete("/saved-views/{uid:uid}", response={204: None}, summary="Delete a saved view")
def saved_views_delete(request: HttpRequest, uid: str) -> Status[None]:
    viewer = api_user(request)
    saved_view_delete(
        view=saved_view_get(viewer=viewer, uid=uid), actor=Actor.from_request(request)
    )
    return Status(204, None)
