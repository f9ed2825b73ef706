"""REST endpoints of the messaging channels (administrators). No answer holds a secret."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from cortesia.core.actor import Actor
from cortesia.core.pagination import DEFAULT_LIMIT, paginate
from cortesia.messaging.models import MessagingChannel
from cortesia.messaging.schemas import (
    MessagingChannelCreateIn,
    MessagingChannelOut,
    MessagingChannelPageOut,
    MessagingChannelUpdateIn,
)
from cortesia.messaging.selectors import (
    channel_get,
    channel_list,
    channel_secrets_present,
    channel_webhook_url,
)
from cortesia.messaging.services import ChannelChange, ChannelData, channel_create, channel_update

router = Router(tags=["messaging"])


def _out(channel: MessagingChannel) -> MessagingChannelOut:
    present = channel_secrets_present(channel)
    return MessagingChannelOut(
        uid=channel.uid,
        kind=channel.kind,
        name=channel.name,
        account=channel.account,
        team=channel.team.uid if channel.team else None,
        default_language=channel.default_language,
        is_enabled=channel.is_enabled,
        answer_bot=channel.answer_bot,
        webhook_url=channel_webhook_url(channel),
        has_signing_secret=present.has_signing_secret,
        has_access_token=present.has_access_token,
        has_verify_token=present.has_verify_token,
        created_at=channel.created_at,
        updated_at=channel.updated_at,
    )


@router.get(
    "/messaging/channels",
    response=MessagingChannelPageOut,
    summary="List WhatsApp and Telegram channels (admins)",
)
def channels_list(
    request: HttpRequest, cursor: Query[str | None] = None, limit: int = DEFAULT_LIMIT
) -> MessagingChannelPageOut:
    channels = channel_list(actor=Actor.from_request(request))
    page = paginate(channels, cursor=cursor, limit=limit, serialize=_out)
    return MessagingChannelPageOut(items=list(page.items), next_cursor=page.next_cursor)


@router.post(
    "/messaging/channels",
    response={201: MessagingChannelOut},
    summary="Create a WhatsApp or Telegram channel (admins); its secrets are never returned",
)
def channels_create(
    request: HttpRequest, payload: MessagingChannelCreateIn
) -> Status[MessagingChannelOut]:
    data = ChannelData(
        kind=payload.kind,
        name=payload.name,
        account=payload.account,
        team_uid=str(payload.team) if payload.team else "",
        default_language=payload.default_language or "",
        signing_secret=payload.signing_secret,
        access_token=payload.access_token,
        verify_token=payload.verify_token,
        is_enabled=payload.is_enabled,
        answer_bot=payload.answer_bot,
    )
    return Status(201, _out(channel_create(data=data, actor=Actor.from_request(request))))


@router.get(
    "/messaging/channels/{uid}", response=MessagingChannelOut, summary="One channel (admins)"
)
def channels_get(request: HttpRequest, uid: str) -> MessagingChannelOut:
    return _out(channel_get(actor=Actor.from_request(request), uid=uid))


@router.patch(
    "/messaging/channels/{uid}",
    response=MessagingChannelOut,
    summary="Change a channel, or disable it with is_enabled false (admins)",
)
def channels_update(
    request: HttpRequest, uid: str, payload: MessagingChannelUpdateIn
) -> MessagingChannelOut:
    actor = Actor.from_request(request)
    channel = channel_get(actor=actor, uid=uid)
    team_given = "team" in payload.model_fields_set
    change = ChannelChange(
        kind=payload.kind,
        name=payload.name,
        account=payload.account,
        team_uid=(str(payload.team) if payload.team else "") if team_given else None,
        default_language=payload.default_language,
        signing_secret=payload.signing_secret,
        access_token=payload.access_token,
        verify_token=payload.verify_token,
        is_enabled=payload.is_enabled,
        answer_bot=payload.answer_bot,
    )
    return _out(channel_update(channel=channel, data=change, actor=actor))
