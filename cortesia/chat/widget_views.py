"""The widget's public endpoints, called from the business's own web pages.

Requests carry the visitor's token in ``Authorization`` and no cookies (a cookie set by
us on another site's page is a third-party cookie, which browsers block), so there is no
CSRF to guard against. A browser may call only from an origin the site allows: other
origins get no CORS headers and a 403. Each endpoint is rate-limited per visitor and
per client address.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from cortesia.chat.audience import visitor_audience
from cortesia.chat.conversations import (
    chat_end,
    chat_read,
    conversation_start,
    visitor_message_post,
)
from cortesia.chat.identity import (
    visitor_email_claim,
    visitor_email_verify,
    visitor_is_identified,
)
from cortesia.chat.json_input import json_object, text_field
from cortesia.chat.models import ChatEvent, Conversation, Visitor, WidgetSite
from cortesia.chat.offline import offline_message_leave
from cortesia.chat.selectors import (
    conversation_transcript,
    open_conversation,
    site_for_widget,
    visitor_conversation,
    visitor_events,
)
from cortesia.chat.site_texts import visitor_texts
from cortesia.chat.streaming.records import event_json
from cortesia.chat.streaming.sse import parse_cursor
from cortesia.chat.tokens import stream_ticket_sign
from cortesia.chat.visitors import (
    visitor_for_token,
    visitor_language,
    visitor_session,
    visitor_zone,
)
from cortesia.chat.widget_texts import widget_texts
from cortesia.core.actor import Actor, request_client_ip
from cortesia.core.errors import DomainError, FieldErrors, Forbidden, NotFound
from cortesia.core.ratelimit import RateLimit, rate_limit
from cortesia.core.refusals import refusal_for, refusal_response
from cortesia.culture.local_formats import writing_direction

SESSIONS_PER_IP = RateLimit("chat-session-ip", 30, timedelta(hours=1))
WRITES_PER_VISITOR = RateLimit("chat-write-visitor", 30, timedelta(minutes=1))
WRITES_PER_IP = RateLimit("chat-write-ip", 120, timedelta(minutes=1))
READS_PER_VISITOR = RateLimit("chat-read-visitor", 60, timedelta(minutes=1))
OFFLINE_PER_IP = RateLimit("chat-offline-ip", 10, timedelta(hours=1))

View = Callable[..., dict[str, object]]


def _cors(response: HttpResponse, origin: str) -> HttpResponse:
    if origin:
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Allow-Methods"] = "GET, POST"
        response["Access-Control-Allow-Headers"] = "authorization, content-type"
        response["Access-Control-Expose-Headers"] = "Retry-After"
        response["Access-Control-Max-Age"] = "7200"
    patch_vary_headers(response, ["Origin"])
    return response


def _visitor(request: HttpRequest, site: WidgetSite) -> Visitor:
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    visitor = visitor_for_token(site, token.strip()) if scheme.lower() == "bearer" else None
    if visitor is None:
        raise NotFound("")
    translation.activate(visitor.language)  # refusals below speak the visitor's language
    return visitor


def widget_endpoint(*, methods: tuple[str, ...]) -> Callable[[View], Callable[..., HttpResponse]]:
    """Answer preflights and foreign origins, parse the JSON body and turn refusals into
    the API's error shape; the view returns the JSON object to send."""

    def decorate(view: View) -> Callable[..., HttpResponse]:
        @csrf_exempt
        @login_not_required
        @wraps(view)
        def endpoint(request: HttpRequest, site_uid: str, **kwargs: str) -> HttpResponse:
            origin = request.headers.get("Origin", "")
            try:
                site = site_for_widget(site_uid)
            except NotFound as error:
                return refusal_response(refusal_for(error))
            if origin and origin not in site.allowed_origins:
                refused = Forbidden(_("This site does not allow the chat on this page."))
                return refusal_response(refusal_for(refused))
            if request.method == "OPTIONS":
                return _cors(HttpResponse(status=204), origin)
            if request.method not in methods:
                return _cors(JsonResponse({}, status=405), origin)
            try:
                response: HttpResponse = JsonResponse(
                    view(request, site, json_object(request), **kwargs)
                )
            except DomainError as error:
                response = refusal_response(refusal_for(error))
            return _cors(response, origin)

        return endpoint

    return decorate


def _conversation_json(conversation: Conversation | None) -> dict[str, object] | None:
    if conversation is None:
        return None
    return {"uid": str(conversation.uid), "status": conversation.status}


@widget_endpoint(methods=("POST",))
def session_view(request: HttpRequest, site: WidgetSite, data: dict[str, Any]) -> dict[str, object]:
    """Open or resume the visitor's session: their token, texts, stream and open chat."""
    token = text_field(data, "token")
    if not token or visitor_for_token(site, token) is None:  # a new visitor will be made
        rate_limit(rule=SESSIONS_PER_IP, subject=request_client_ip(request))
    languages = data.get("languages", [])
    languages = (
        [code for code in languages if isinstance(code, str)] if isinstance(languages, list) else []
    )
    session = visitor_session(
        site=site, token=token, browser_languages=languages, time_zone=text_field(data, "time_zone")
    )
    visitor = session.visitor
    conversation = open_conversation(visitor)
    transcript = conversation_transcript(conversation, internal=False) if conversation else []
    last = (
        ChatEvent.objects.filter(visitor_id=visitor.pk)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    return {
        "token": session.token,
        "language": visitor.language,
        "direction": writing_direction(visitor.language),
        "name": visitor.name,
        "texts": widget_texts(visitor.language),
        "site_texts": visitor_texts(
            site, visitor.language, visitor.time_zone, timezone.now()
        ).as_dict(),
        "requires_consent": site.requires_consent,
        "answer_bot": site.answer_bot,
        "identified": visitor_is_identified(visitor),
        "stream": _stream(visitor),
        "conversation": _conversation_json(conversation),
        "events": [event_json(event) for event in transcript],
        "cursor": last or 0,
    }


def _stream(visitor: Visitor) -> dict[str, str]:
    return {
        "url": f"{settings.STREAM_URL}/chat/stream/",
        "ticket": stream_ticket_sign(visitor_audience(visitor.pk)),
    }


@widget_endpoint(methods=("GET",))
def texts_view(request: HttpRequest, site: WidgetSite, data: dict[str, Any]) -> dict[str, object]:
    """The widget's words before any session (the launcher's label): in the first of
    ``?languages=`` (comma-separated, the browser's order) the product speaks. Creates
    nothing, so a page view that never opens the chat leaves no visitor behind."""
    languages = request.GET.get("languages", "").split(",")
    language = visitor_language(site, languages)
    zone = request.GET.get("time_zone", "")
    return {
        "language": language,
        "direction": writing_direction(language),
        "texts": widget_texts(language),
        "site_texts": visitor_texts(site, language, visitor_zone(zone), timezone.now()).as_dict(),
        "answer_bot": site.answer_bot,
    }


@widget_endpoint(methods=("POST",))
def stream_ticket_view(
    request: HttpRequest, site: WidgetSite, data: dict[str, Any]
) -> dict[str, object]:
    """A new stream ticket (the last one expired)."""
    visitor = _visitor(request, site)
    rate_limit(rule=READS_PER_VISITOR, subject=str(visitor.uid))
    return {"stream": _stream(visitor)}


@widget_endpoint(methods=("POST",))
def message_view(request: HttpRequest, site: WidgetSite, data: dict[str, Any]) -> dict[str, object]:
    """Send the visitor's message: it starts a chat when none is open."""
    visitor = _visitor(request, site)
    rate_limit(rule=WRITES_PER_VISITOR, subject=str(visitor.uid))
    rate_limit(rule=WRITES_PER_IP, subject=request_client_ip(request))
    text, client_id = text_field(data, "text"), text_field(data, "client_id")
    conversation = open_conversation(visitor)
    if conversation is None and site.requires_consent and data.get("consent") is not True:
        raise FieldErrors({"consent": _("Tick the box to agree before the chat starts.")})
    if conversation is None:
        shown = widget_texts(visitor.language)["consent"] if site.requires_consent else ""
        posted = conversation_start(
            visitor=visitor,
            name=text_field(data, "name"),
            text=text,
            client_id=client_id,
            actor=Actor(user=None, client_ip=request_client_ip(request)),
            consent_shown=shown,
        )
    else:
        posted = visitor_message_post(conversation=conversation, text=text, client_id=client_id)
    return {
        "event": event_json(posted.event),
        "conversation": _conversation_json(posted.conversation),
        "is_new": posted.is_new,
    }


@widget_endpoint(methods=("POST",))
def offline_view(request: HttpRequest, site: WidgetSite, data: dict[str, Any]) -> dict[str, object]:
    """Leave a message while the team is away: it is answered by e-mail."""
    visitor = _visitor(request, site)
    rate_limit(rule=OFFLINE_PER_IP, subject=request_client_ip(request))
    rate_limit(rule=WRITES_PER_VISITOR, subject=str(visitor.uid))
    ticket = offline_message_leave(
        visitor=visitor,
        name=text_field(data, "name"),
        email=text_field(data, "email"),
        text=text_field(data, "text"),
        actor=Actor(user=None, client_ip=request_client_ip(request)),
    )
    return {"ticket": ticket.number}


@widget_endpoint(methods=("POST",))
def identity_view(
    request: HttpRequest, site: WidgetSite, data: dict[str, Any]
) -> dict[str, object]:
    """Mail a code to the address the visitor says is theirs (the same answer whoever
    has the address)."""
    visitor = _visitor(request, site)
    visitor_email_claim(visitor=visitor, address=text_field(data, "email"))
    return {"sent": True}


@widget_endpoint(methods=("POST",))
def identity_verify_view(
    request: HttpRequest, site: WidgetSite, data: dict[str, Any]
) -> dict[str, object]:
    """Check the code; the visitor's chats then belong to the address's customer."""
    visitor = _visitor(request, site)
    rate_limit(rule=WRITES_PER_VISITOR, subject=str(visitor.uid))
    visitor_email_verify(visitor=visitor, code=text_field(data, "code"))
    return {"verified": True}


@widget_endpoint(methods=("GET",))
def events_view(request: HttpRequest, site: WidgetSite, data: dict[str, Any]) -> dict[str, object]:
    """The visitor's events after ``?after=`` (polling, when streaming is blocked)."""
    visitor = _visitor(request, site)
    rate_limit(rule=READS_PER_VISITOR, subject=str(visitor.uid))
    after = parse_cursor(request.GET.get("after", ""))
    events = visitor_events(visitor, after)
    return {
        "events": [event_json(event) for event in events],
        "cursor": events[-1].pk if events else after,
    }


@widget_endpoint(methods=("POST",))
def read_view(
    request: HttpRequest, site: WidgetSite, data: dict[str, Any], conversation_uid: str
) -> dict[str, object]:
    visitor = _visitor(request, site)
    rate_limit(rule=WRITES_PER_VISITOR, subject=str(visitor.uid))
    up_to = data.get("up_to")
    if not isinstance(up_to, int) or isinstance(up_to, bool):
        raise FieldErrors({"up_to": _("Give the id of an event of this chat.")})
    conversation = visitor_conversation(visitor, conversation_uid)
    return {"changed": chat_read(conversation=conversation, by_agent=False, up_to=up_to)}


@widget_endpoint(methods=("POST",))
def end_view(
    request: HttpRequest, site: WidgetSite, data: dict[str, Any], conversation_uid: str
) -> dict[str, object]:
    visitor = _visitor(request, site)
    rate_limit(rule=WRITES_PER_VISITOR, subject=str(visitor.uid))
    conversation = visitor_conversation(visitor, conversation_uid)
    ended = chat_end(
        conversation=conversation, actor=Actor(user=None, client_ip=request_client_ip(request))
    )
    return {"conversation": _conversation_json(ended)}
