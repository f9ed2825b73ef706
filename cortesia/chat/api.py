"""``/api/v1/conversations``: live chats as agents see them (scoped like their tickets)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from cortesia.accounts.api_auth import api_user
from cortesia.chat.assignment import chat_transfer
from cortesia.chat.conversations import agent_message_post, chat_end, chat_take
from cortesia.chat.models import ChatEvent, Conversation
from cortesia.chat.schemas import (
    ChatAssignIn,
    ChatFileOut,
    ChatMessageIn,
    ChatMessageListOut,
    ChatMessageOut,
    ChatPartyOut,
    ConversationOut,
    ConversationPageOut,
    ConversationStatus,
)
from cortesia.chat.selectors import (
    conversation_for_agent,
    conversation_list,
    conversation_messages,
    hand_over_target,
)
from cortesia.core.actor import Actor
from cortesia.core.pagination import DEFAULT_LIMIT, paginate

router = Router(tags=["conversations"])


def _out(conversation: Conversation) -> ConversationOut:
    ticket = conversation.ticket
    team, agent = conversation.team, conversation.assignee
    return ConversationOut(
        uid=conversation.uid,
        status=conversation.status,  # type: ignore[arg-type]  # a Status value
        medium=conversation.medium,  # type: ignore[arg-type]  # a Medium value
        language=conversation.language,
        ticket=ticket.uid,
        ticket_number=ticket.number,
        customer=ChatPartyOut(uid=ticket.customer.uid, name=str(ticket.customer)),
        team=ChatPartyOut(uid=team.uid, name=team.name) if team else None,
        assignee=ChatPartyOut(uid=agent.uid, name=agent.display_name) if agent else None,
        queued_at=conversation.queued_at,
        ended_at=conversation.ended_at,
        created_at=conversation.created_at,
        unread=getattr(conversation, "unread", None) or 0,
    )


def _message_out(event: ChatEvent) -> ChatMessageOut:
    payload = event.payload
    return ChatMessageOut(
        id=event.pk,
        kind=event.kind,  # type: ignore[arg-type]  # message or note, by the selector
        internal=event.is_internal,
        author=payload.get("author", "system"),
        name=payload.get("name", ""),
        text=payload.get("text", ""),
        at=payload.get("at", event.created_at),
        client_id=event.client_id,
        files=[
            ChatFileOut(
                name=str(file.get("name", "")),
                size=file.get("size"),
                url=file.get("url"),
                received=not file.get("missing", False),
            )
            for file in payload.get("files", [])
        ],
    )


@router.get("/conversations", response=ConversationPageOut, summary="List chats")
def conversations_list(
    request: HttpRequest,
    status: Query[ConversationStatus | None] = None,
    cursor: Query[str | None] = None,
    limit: int = DEFAULT_LIMIT,
) -> ConversationPageOut:
    rows = conversation_list(viewer=api_user(request), status=status or "")
    page = paginate(rows, cursor=cursor, limit=limit, serialize=_out)
    return ConversationPageOut(items=list(page.items), next_cursor=page.next_cursor)


@router.get("/conversations/{uid}", response=ConversationOut, summary="One chat")
def conversations_get(request: HttpRequest, uid: str) -> ConversationOut:
    return _out(conversation_for_agent(viewer=api_user(request), uid=uid))


@router.get(
    "/conversations/{uid}/messages",
    response=ChatMessageListOut,
    summary="A chat's messages and internal notes, oldest first, after an event id",
)
def conversations_messages(
    request: HttpRequest, uid: str, after: int = 0, limit: int = 100
) -> ChatMessageListOut:
    conversation = conversation_for_agent(viewer=api_user(request), uid=uid)
    events = conversation_messages(conversation, after=after, limit=limit)
    return ChatMessageListOut(
        items=[_message_out(event) for event in events],
        after=events[-1].pk if events else after,
    )


@router.post(
    "/conversations/{uid}/messages",
    response={200: ChatMessageOut, 201: ChatMessageOut},
    summary="Send a message or an internal note (201; 200 when this client id was sent)",
)
def conversations_send(
    request: HttpRequest, uid: str, payload: ChatMessageIn
) -> Status[ChatMessageOut]:
    conversation = conversation_for_agent(viewer=api_user(request), uid=uid)
    posted = agent_message_post(
        conversation=conversation,
        text=payload.text,
        client_id=payload.client_id,
        actor=Actor.from_request(request),
        is_note=payload.note,
    )
    return Status(201 if posted.is_new else 200, _message_out(posted.event))


@router.post(
    "/conversations/{uid}/assign",
    response=ConversationOut,
    summary="Take a waiting chat (no body), or hand it to an agent of its team or a team",
)
def conversations_assign(
    request: HttpRequest, uid: str, payload: ChatAssignIn | None = None
) -> ConversationOut:
    viewer = api_user(request)
    conversation = conversation_for_agent(viewer=viewer, uid=uid)
    actor = Actor.from_request(request)
    if payload is None or (payload.agent is None and payload.team is None):
        changed = chat_take(conversation=conversation, actor=actor)
    else:
        agent, team = hand_over_target(
            viewer=viewer,
            agent_uid=str(payload.agent or ""),
            team_uid=str(payload.team or ""),
        )
        changed = chat_transfer(conversation=conversation, agent=agent, team=team, actor=actor)
    # read as it is now: after a hand-over to another team the agent may no longer see it
    return _out(changed)


@router.post("/conversations/{uid}/end", response=ConversationOut, summary="End a chat")
def conversations_end(request: HttpRequest, uid: str) -> ConversationOut:
    viewer = api_user(request)
    chat_end(
        conversation=conversation_for_agent(viewer=viewer, uid=uid),
        actor=Actor.from_request(request),
    )
    return _out(conversation_for_agent(viewer=viewer, uid=uid))
