"""Reads of the messaging channels."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from cortesia.accounts.models import Role, User
from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden, NotFound
from cortesia.core.sealing import UnreadableSecret
from cortesia.messaging.models import MessagingChannel
from cortesia.messaging.secrets import SEALER

# Webhooks look their channel up on every delivery: each process keeps what it read for a
# few seconds, so a channel disabled or given new secrets takes that long to apply.
WEBHOOK_CHANNEL_SECONDS = 5.0
_webhook_channels: dict[uuid.UUID, tuple[float, MessagingChannel | None]] = {}


def channel_for_webhook(uid: str) -> MessagingChannel | None:
    """The enabled channel a webhook address names, else None."""
    try:
        key = uuid.UUID(uid)
    except ValueError:
        return None
    now = time.monotonic()
    kept = _webhook_channels.get(key)
    if kept is not None and kept[0] > now:
        return kept[1]
    channel = next(iter(MessagingChannel.objects.filter(uid=key, is_enabled=True)[:1]), None)
    if channel is not None or kept is not None:  # never keep addresses that name nothing
        _webhook_channels[key] = (now + WEBHOOK_CHANNEL_SECONDS, channel)
    return channel


def webhook_channels_forget() -> None:
    """Forget the channels this process keeps (after a change, and between tests)."""
    _webhook_channels.clear()


# The administrators' configuration of the channels (settings pages and the REST API).

CHANNEL_MANAGERS = frozenset({Role.ADMIN})


@dataclass(frozen=True)
class ChannelSecretsPresent:
    """Which of a channel's secrets are stored; never the secrets themselves."""

    has_signing_secret: bool
    has_access_token: bool
    has_verify_token: bool


def can_manage_channels(user: object) -> bool:
    """See, create, change, enable, disable and connect messaging channels."""
    return isinstance(user, User) and user.is_active and user.role in CHANNEL_MANAGERS


def require_channel_manager(actor: Actor) -> None:
    """Raise Forbidden unless the actor is the system or an administrator."""
    if actor.user is not None and not can_manage_channels(actor.user):
        raise Forbidden(_("Only administrators manage messaging channels."))


def channel_list(*, actor: Actor) -> QuerySet[MessagingChannel]:
    """Every channel (enabled or not) with its team, in creation order."""
    require_channel_manager(actor)
    return MessagingChannel.objects.select_related("team").order_by("created_at", "uid")


def channel_get(*, actor: Actor, uid: str) -> MessagingChannel:
    """Return the channel ``uid`` with its team; NotFound when there is none (or the uid
    is not a uid at all)."""
    require_channel_manager(actor)
    try:
        return MessagingChannel.objects.select_related("team").get(uid=uuid.UUID(str(uid)))
    except (ValueError, MessagingChannel.DoesNotExist):
        raise NotFound(_("There is no such messaging channel.")) from None


def channel_webhook_url(channel: MessagingChannel) -> str:
    """The address to give the provider: where it posts this channel's deliveries."""
    return settings.BASE_URL + reverse("messaging:webhook", args=[str(channel.uid)])


def channel_secrets_present(channel: MessagingChannel) -> ChannelSecretsPresent:
    return ChannelSecretsPresent(
        has_signing_secret=bool(channel.signing_secret_sealed),
        has_access_token=bool(channel.access_token_sealed),
        has_verify_token=bool(channel.verify_token_sealed),
    )


def channel_verify_token(channel: MessagingChannel) -> str:
    """WhatsApp's verify token, for the administrator to paste into Meta's dashboard; ""
    when none is stored or it was sealed under a secret key no longer configured."""
    if not channel.verify_token_sealed:
        return ""
    try:
        return SEALER.unseal(channel.verify_token_sealed)
    except UnreadableSecret:
        return ""
