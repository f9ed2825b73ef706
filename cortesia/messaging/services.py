"""Every write of the messaging channels' configuration: create, change, enable and
disable a channel, and connect a Telegram bot to its webhook address. All are audited.

Secrets are write-only. They are sealed (``messaging.secrets``) before they are stored and
never leave this module except to the provider: a refusal names the field, never the
value, and the audit rows say only that a secret was set or changed. The one exception is
WhatsApp's verify token, which the administrator must paste into Meta's dashboard; the
settings page reads it through ``selectors.channel_verify_token``.
"""

from __future__ import annotations

import re
import secrets
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from cortesia.accounts.models import Team
from cortesia.audit.models import AuditEvent
from cortesia.audit.services import JsonValue, audit_record
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, DomainError, FieldErrors
from cortesia.core.sealing import UnreadableSecret
from cortesia.messaging.models import MessagingChannel
from cortesia.messaging.providers import telegram_api
from cortesia.messaging.providers.http import ProviderError
from cortesia.messaging.secrets import SEALER
from cortesia.messaging.selectors import (
    channel_webhook_url,
    require_channel_manager,
    webhook_channels_forget,
)

AUDIT_OBJECT_TYPE = "messaging_channel"
NAME_MAX = 100
ACCOUNT_MAX = 100
SECRET_MAX = 1000
TELEGRAM_SECRET_MAX = 256
GENERATED_BYTES = 24  # 32 url-safe characters, within Telegram's alphabet for secret tokens
SECRET_FIELDS = ("signing_secret", "access_token", "verify_token")
# Telegram: "1-256 characters. Only characters A-Z, a-z, 0-9, _ and - are allowed."
TELEGRAM_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
# A bot token from @BotFather: the bot's id, a colon, then the key (123456:ABC-DEF1234ghIkl…).
TELEGRAM_TOKEN = re.compile(r"[0-9]{1,20}:[A-Za-z0-9_-]{20,200}")
Kind = MessagingChannel.Kind


@dataclass(frozen=True)
class ChannelData:
    """A new channel. A secret left None (or empty) is not stored, except Telegram's
    secret token and WhatsApp's verify token, which are then made at random. ``account``
    and ``verify_token`` are ignored for Telegram; ``team_uid`` "" means no team;
    ``default_language`` "" means the site's language."""

    kind: str
    name: str
    account: str = ""
    team_uid: str = ""
    default_language: str = ""
    signing_secret: str | None = None
    access_token: str | None = None
    verify_token: str | None = None
    is_enabled: bool = True
    answer_bot: bool = False


@dataclass(frozen=True)
class ChannelChange:
    """What to change; None leaves a value as it is (a secret too). ``kind`` may only
    repeat the channel's own provider; ``team_uid`` "" removes the team."""

    kind: str | None = None
    name: str | None = None
    account: str | None = None
    team_uid: str | None = None
    default_language: str | None = None
    signing_secret: str | None = None
    access_token: str | None = None
    verify_token: str | None = None
    is_enabled: bool | None = None
    answer_bot: bool | None = None


def _generated() -> str:
    return secrets.token_urlsafe(GENERATED_BYTES)


def _check_name(name: str, errors: dict[str, str]) -> str:
    name = name.strip()
    if not name or len(name) > NAME_MAX or not name.isprintable():
        errors["name"] = _("Give a name of at most %(max)d characters on one line.") % {
            "max": NAME_MAX
        }
    return name


def _check_account(kind: str, account: str, errors: dict[str, str]) -> str:
    if kind != Kind.WHATSAPP:
        return ""
    account = account.strip()
    if not account or len(account) > ACCOUNT_MAX or not (account.isascii() and account.isdigit()):
        errors["account"] = _(
            "Give the phone number ID shown in Meta's WhatsApp dashboard: digits only."
        )
    return account


def _team(team_uid: str, errors: dict[str, str]) -> Team | None:
    if not team_uid:
        return None
    try:
        team = Team.objects.filter(uid=uuid.UUID(str(team_uid))).first()
    except ValueError:
        team = None
    if team is None:
        errors["team"] = _("There is no such team.")
    return team


def _check_language(language: str, errors: dict[str, str]) -> str:
    language = language or settings.LANGUAGE_CODE
    if language not in {code for code, _name in settings.LANGUAGES}:
        errors["default_language"] = _("Choose one of the site's languages.")
    return language


def _plain_secret_valid(value: str) -> bool:
    return (
        0 < len(value) <= SECRET_MAX
        and value.isprintable()
        and not any(character.isspace() for character in value)
    )


def _check_secrets(kind: str, given: dict[str, str], errors: dict[str, str]) -> dict[str, str]:
    """Check the secrets given (name → value, empty ones left out); return those to store."""
    if kind != Kind.WHATSAPP:
        given.pop("verify_token", None)
    for name, value in given.items():
        if kind == Kind.TELEGRAM and name == "signing_secret":
            if not TELEGRAM_SECRET.fullmatch(value):
                errors[name] = _(
                    "A secret token has 1 to %(max)d characters: letters A to Z and a to z, "
                    "digits, _ and -."
                ) % {"max": TELEGRAM_SECRET_MAX}
        elif kind == Kind.TELEGRAM and name == "access_token":
            if not TELEGRAM_TOKEN.fullmatch(value):
                errors[name] = _(
                    "A bot token looks like 123456:ABC-DEF1234ghIkl: the bot's number, a "
                    "colon, then letters, digits, _ and -. @BotFather gives it."
                )
        elif not _plain_secret_valid(value):
            errors[name] = _("This value has 1 to %(max)d characters, without spaces.") % {
                "max": SECRET_MAX
            }
    return given


def _refuse_taken_account(kind: str, account: str, exclude: MessagingChannel | None) -> None:
    if kind != Kind.WHATSAPP:
        return
    taken = MessagingChannel.objects.filter(kind=kind, account=account)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise Conflict(
            _("A channel for this phone number ID exists already. Change that one instead."),
            code="channel_exists",
        )


def _unsealed(sealed: str) -> str | None:
    try:
        return SEALER.unseal(sealed) if sealed else None
    except UnreadableSecret:
        return None


def _audit(
    channel: MessagingChannel,
    actor: Actor,
    data: dict[str, JsonValue],
    result: AuditEvent.Result = AuditEvent.Result.OK,
) -> None:
    audit_record(
        action=AuditEvent.Action.SETTING_CHANGE,
        result=result,
        actor=actor,
        object_type=AUDIT_OBJECT_TYPE,
        object_uid=str(channel.uid),
        object_label=channel.name,
        data=data,
    )


def _secrets_given(data: ChannelData | ChannelChange) -> dict[str, str]:
    """The secrets ``data`` gives (name → value), the empty ones left out."""
    given: dict[str, str | None] = {name: getattr(data, name) for name in SECRET_FIELDS}
    return {name: value for name, value in given.items() if value}


def _audit_created(channel: MessagingChannel, actor: Actor, secret_names: list[str]) -> None:
    team = channel.team
    shown: dict[str, JsonValue] = {
        "change": "created",
        "kind": channel.kind,
        "name": channel.name,
        "account": channel.account,
        "team": str(team.uid) if team else None,
        "default_language": channel.default_language,
        "is_enabled": channel.is_enabled,
        "answer_bot": channel.answer_bot,
    }
    _audit(channel, actor, shown | {name: "set" for name in sorted(secret_names)})


@transaction.atomic
def channel_create(*, data: ChannelData, actor: Actor) -> MessagingChannel:
    """Create a channel; Telegram's secret token and WhatsApp's verify token are made at
    random when not given. Raises Forbidden, FieldErrors or Conflict (a WhatsApp channel
    with this phone number ID exists)."""
    require_channel_manager(actor)
    errors: dict[str, str] = {}
    if data.kind not in Kind.values:
        errors["kind"] = _("Choose WhatsApp or Telegram.")
    name = _check_name(data.name, errors)
    account = _check_account(data.kind, data.account, errors)
    team = _team(data.team_uid, errors)
    language = _check_language(data.default_language, errors)
    chosen = _check_secrets(data.kind, _secrets_given(data), errors)
    if errors:
        raise FieldErrors(errors)
    if data.kind == Kind.TELEGRAM:
        chosen.setdefault("signing_secret", _generated())
    else:
        chosen.setdefault("verify_token", _generated())
    _refuse_taken_account(data.kind, account, exclude=None)
    channel = MessagingChannel.objects.create(
        kind=data.kind,
        name=name,
        account=account,
        team=team,
        default_language=language,
        is_enabled=data.is_enabled,
        answer_bot=data.answer_bot,
        **{f"{secret}_sealed": SEALER.seal(value) for secret, value in chosen.items()},
    )
    _audit_created(channel, actor, list(chosen))
    return channel


def _changed_values(
    channel: MessagingChannel, change: ChannelChange, errors: dict[str, str]
) -> dict[str, object]:
    """The plain (not secret) fields ``change`` gives, checked; errors go to ``errors``."""
    values: dict[str, object] = {}
    if change.kind is not None and change.kind != channel.kind:
        errors["kind"] = _(
            "The provider of a channel cannot change. Create another channel instead."
        )
    if change.name is not None:
        values["name"] = _check_name(change.name, errors)
    if change.account is not None and channel.kind == Kind.WHATSAPP:
        values["account"] = _check_account(channel.kind, change.account, errors)
    if change.team_uid is not None:
        values["team"] = _team(change.team_uid, errors)
    if change.default_language is not None:
        values["default_language"] = _check_language(change.default_language, errors)
    if change.is_enabled is not None:
        values["is_enabled"] = change.is_enabled
    if change.answer_bot is not None:
        values["answer_bot"] = change.answer_bot
    return {name: value for name, value in values.items() if getattr(channel, name) != value}


def _changed_secrets(
    channel: MessagingChannel, change: ChannelChange, errors: dict[str, str]
) -> dict[str, str]:
    """The secrets ``change`` gives that differ from the stored ones, checked."""
    chosen = _check_secrets(channel.kind, _secrets_given(change), errors)
    return {
        name: value
        for name, value in chosen.items()
        if value != _unsealed(getattr(channel, f"{name}_sealed"))
    }


def _audit_shown(value: object) -> JsonValue:
    if isinstance(value, Team):
        return str(value.uid)
    if value is None or isinstance(value, str | bool):
        return value
    return str(value)


@transaction.atomic
def channel_update(
    *, channel: MessagingChannel, data: ChannelChange, actor: Actor
) -> MessagingChannel:
    """Apply ``data``; nothing is written (nor audited) when no value differs. The provider
    never changes. Raises Forbidden, FieldErrors or Conflict."""
    require_channel_manager(actor)
    errors: dict[str, str] = {}
    values = _changed_values(channel, data, errors)
    new_secrets = _changed_secrets(channel, data, errors)
    if errors:
        raise FieldErrors(errors)
    if not values and not new_secrets:
        return channel
    if "account" in values:
        _refuse_taken_account(channel.kind, str(values["account"]), exclude=channel)
    for name, value in values.items():
        setattr(channel, name, value)
    for name, secret in new_secrets.items():
        setattr(channel, f"{name}_sealed", SEALER.seal(secret))
    sealed_names = [f"{name}_sealed" for name in new_secrets]
    channel.save(update_fields=[*values, *sealed_names, "updated_at"])
    shown: dict[str, JsonValue] = {"change": "updated"}
    shown |= {name: _audit_shown(value) for name, value in values.items()}
    shown |= {name: "changed" for name in sorted(new_secrets)}
    _audit(channel, actor, shown)
    transaction.on_commit(webhook_channels_forget)  # other processes: within seconds
    return channel


def channel_enable(*, channel: MessagingChannel, actor: Actor) -> MessagingChannel:
    """Accept the provider's deliveries again. Raises Forbidden."""
    return channel_update(channel=channel, data=ChannelChange(is_enabled=True), actor=actor)


def channel_disable(*, channel: MessagingChannel, actor: Actor) -> MessagingChannel:
    """Refuse the provider's deliveries (the webhook answers 404) until enabled again.
    Raises Forbidden."""
    return channel_update(channel=channel, data=ChannelChange(is_enabled=False), actor=actor)


def _connect_refusal(error: ProviderError) -> str:
    """What to tell the administrator, chosen by the error's code (the provider's own
    text is English, for logs)."""
    if error.code in ("401", "404"):
        return _(
            "Telegram did not accept the bot token. Save the token @BotFather gives, "
            "then connect the bot again."
        )
    if error.retryable:
        return _(
            "Telegram could not be reached or is busy. Connecting again in a few minutes may work."
        )
    return _("Telegram refused to connect the bot (error %(code)s).") % {"code": error.code}


def channel_telegram_connect(*, channel: MessagingChannel, actor: Actor) -> None:
    """Tell Telegram to post the bot's updates to the channel's webhook address with its
    secret token (``setWebhook``). Raises Forbidden; DomainError when the channel is not
    a Telegram bot, lacks its bot token or secret token, or the site's address is not
    https (Telegram refuses any other); DomainError
    ``provider_refused`` with a message chosen by Telegram's error code when the call
    fails. Runs outside a transaction, so the audit row of a failure is kept."""
    require_channel_manager(actor)
    if channel.kind != Kind.TELEGRAM:
        raise DomainError(_("Only a Telegram bot is connected this way."), code="not_telegram")
    token = _unsealed(channel.access_token_sealed)
    secret = _unsealed(channel.signing_secret_sealed)
    if not token or not secret:
        raise DomainError(
            _("Save the bot token and the secret token first, then connect the bot."),
            code="secrets_missing",
        )
    url = channel_webhook_url(channel)
    if not url.startswith("https://"):
        raise DomainError(
            _(
                "Telegram posts only to https:// addresses, and this site's address "
                "(CORTESIA_BASE_URL) is not one."
            ),
            code="webhook_not_https",
        )
    try:
        telegram_api.set_webhook(
            base=settings.CORTESIA_TELEGRAM_API_URL, token=token, url=url, secret=secret
        )
    except ProviderError as error:
        _audit(
            channel,
            actor,
            {"change": "connect_failed", "status": error.status, "code": error.code},
            result=AuditEvent.Result.FAILED,
        )
        raise DomainError(_connect_refusal(error), code="provider_refused") from None
    _audit(channel, actor, {"change": "connected", "url": url})
