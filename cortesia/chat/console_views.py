"""The agents' chat console: one page, and the JSON endpoints its script calls.

Same-origin requests with the staff session and the CSRF token; every conversation is
read through a selector that checks the agent may see its ticket (missing and hidden
answer the same 404)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cortesia.accounts.models import User
from cortesia.accounts.views import staff_user
from cortesia.chat.assignment import chat_transfer
from cortesia.chat.audience import staff_audience
from cortesia.chat.console_rows import console_row, console_texts, conversation_detail
from cortesia.chat.conversations import agent_message_post, chat_end, chat_read, chat_take
from cortesia.chat.json_input import json_object, text_field
from cortesia.chat.presence import is_accepting, presence_accepting_set
from cortesia.chat.selectors import console_conversations, conversation_for_agent, hand_over_target
from cortesia.chat.streaming.records import event_json, last_event_id
from cortesia.chat.tokens import stream_ticket_sign
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, FieldErrors
from cortesia.core.refusals import refusal_for, refusal_response
from cortesia.localization.selectors import business_register_defaults
from cortesia.tickets.canned import canned_get, canned_render
from cortesia.tickets.permissions import can_work_tickets

JsonView = Callable[..., dict[str, object]]


def _agent(request: HttpRequest) -> User:
    user = staff_user(request)
    if not can_work_tickets(user):
        raise PermissionDenied
    return user


def console_endpoint(view: JsonView) -> Callable[..., HttpResponse]:
    """Check the agent, parse a JSON body, and answer refusals in the API's error shape."""

    @wraps(view)
    def endpoint(request: HttpRequest, **kwargs: str) -> HttpResponse:
        agent = _agent(request)
        try:
            return JsonResponse(view(request, agent, json_object(request), **kwargs))
        except DomainError as error:
            return refusal_response(refusal_for(error))

    return endpoint


@require_GET
def console_view(request: HttpRequest) -> HttpResponse:
    agent = _agent(request)
    return render(
        request,
        "chat/console.html",
        {"texts": console_texts(), "can_chat": staff_audience(agent) is not None},
    )


@require_GET
@console_endpoint
def conversations_view(
    request: HttpRequest, agent: User, data: dict[str, Any]
) -> dict[str, object]:
    rows = list(console_conversations(viewer=agent)[:200])
    return {
        "conversations": [console_row(row) for row in rows],
        "cursor": last_event_id(),
        "accepting": is_accepting(agent.pk),
    }


@require_POST
@console_endpoint
def stream_ticket_view(
    request: HttpRequest, agent: User, data: dict[str, Any]
) -> dict[str, object]:
    audience = staff_audience(agent)
    assert audience is not None  # noqa: S101 - _agent checked the role
    return {"url": f"{settings.STREAM_URL}/chat/stream/", "ticket": stream_ticket_sign(audience)}


@require_GET
@console_endpoint
def conversation_view(
    request: HttpRequest, agent: User, data: dict[str, Any], uid: str
) -> dict[str, object]:
    return conversation_detail(conversation_for_agent(viewer=agent, uid=uid), agent)


@require_POST
@console_endpoint
def message_view(
    request: HttpRequest, agent: User, data: dict[str, Any], uid: str
) -> dict[str, object]:
    conversation = conversation_for_agent(viewer=agent, uid=uid)
    posted = agent_message_post(
        conversation=conversation,
        text=text_field(data, "text"),
        client_id=text_field(data, "client_id"),
        actor=Actor.from_request(request),
        is_note=data.get("note") is True,
    )
    return {"event": event_json(posted.event), "is_new": posted.is_new}


@require_POST
@console_endpoint
def take_view(
    request: HttpRequest, agent: User, data: dict[str, Any], uid: str
) -> dict[str, object]:
    conversation = chat_take(
        conversation=conversation_for_agent(viewer=agent, uid=uid),
        actor=Actor.from_request(request),
    )
    return console_row(conversation)


@require_POST
@console_endpoint
def end_view(
    request: HttpRequest, agent: User, data: dict[str, Any], uid: str
) -> dict[str, object]:
    conversation = chat_end(
        conversation=conversation_for_agent(viewer=agent, uid=uid),
        actor=Actor.from_request(request),
    )
    return console_row(conversation)


@require_POST
@console_endpoint
def read_view(
    request: HttpRequest, agent: User, data: dict[str, Any], uid: str
) -> dict[str, object]:
    up_to = data.get("up_to")
    if not isinstance(up_to, int) or isinstance(up_to, bool):
        raise FieldErrors({"up_to": _("Give the id of an event of this chat.")})
    conversation = conversation_for_agent(viewer=agent, uid=uid)
    return {"changed": chat_read(conversation=conversation, by_agent=True, up_to=up_to)}


@require_POST
@console_endpoint
def hand_over_view(
    request: HttpRequest, agent: User, data: dict[str, Any], uid: str
) -> dict[str, object]:
    """Hand the chat to a colleague (``agent``) or to a team's queue (``team``)."""
    conversation = conversation_for_agent(viewer=agent, uid=uid)
    colleague, team = hand_over_target(
        viewer=agent, agent_uid=text_field(data, "agent"), team_uid=text_field(data, "team")
    )
    changed = chat_transfer(
        conversation=conversation, agent=colleague, team=team, actor=Actor.from_request(request)
    )
    return console_row(changed)


@require_GET
@console_endpoint
def canned_view(
    request: HttpRequest, agent: User, data: dict[str, Any], uid: str, canned_uid: str
) -> dict[str, object]:
    """A canned response rendered for the chat's customer (language, register, name)."""
    conversation = conversation_for_agent(viewer=agent, uid=uid)
    rendered = canned_render(
        response=canned_get(viewer=agent, uid=canned_uid),
        ticket=conversation.ticket,
        agent=agent,
        business=business_register_defaults(),
    )
    return {"text": rendered.text, "language": rendered.language, "fallback": rendered.is_fallback}


@require_POST
@console_endpoint
def accepting_view(request: HttpRequest, agent: User, data: dict[str, Any]) -> dict[str, object]:
    """Pause or resume new chats for the agent (``{"accepting": true|false}``)."""
    accepting = data.get("accepting")
    if not isinstance(accepting, bool):
        raise FieldErrors({"accepting": _("Say true or false.")})
    return {"accepting": presence_accepting_set(user_id=agent.pk, accepting=accepting)}
