"""Mention sources and the signatures of their webhook deliveries.

A source's secret is 32 random bytes (URL-safe base64), generated here, sealed at rest
with :mod:`cortesia.mail.credentials` and handed back once, to the page that shows it to
the administrator who created or renewed it. Nothing logs or audits a secret: the audit
rows say only that one was issued.

A delivery to ``POST /api/v1/mentions`` is accepted when, in this order:

1. ``X-Cortesia-Timestamp`` is Unix seconds within ``REPLAY_WINDOW`` (5 minutes) of the
   server's clock, either way;
2. ``X-Cortesia-Source`` names an active source (its public id);
3. ``X-Cortesia-Signature`` is ``sha256=`` and the hex HMAC-SHA256, under the source's
   secret, of the timestamp, a dot and the raw body, compared in constant time;
4. the signature was not accepted before: its digest is inserted into ``MentionDelivery``,
   whose unique key refuses the second of two identical deliveries, also concurrent ones.

An unknown or switched-off source, a secret that cannot be unsealed and a wrong signature
are refused with the same answer (an HMAC is computed in every case, so their timings
differ little). Digests are kept ``2 × REPLAY_WINDOW``: a body signed at ``t`` is accepted
until ``t + 5 min`` and may have been received as early as ``t − 5 min``.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cortesia.audit.models import AuditEvent
from cortesia.audit.services import JsonValue, audit_record
from cortesia.core.actor import Actor
from cortesia.core.choices import choice_error
from cortesia.core.errors import Conflict, DomainError, FieldErrors, NotFound, RateLimited
from cortesia.core.ratelimit import RateLimit, rate_hit
from cortesia.feedback.models import MentionDelivery, MentionSource
from cortesia.feedback.permissions import require_source_manager
from cortesia.mail.credentials import UnreadableSecret, seal, unseal

logger = logging.getLogger(__name__)

HEADER_SOURCE = "X-Cortesia-Source"
HEADER_TIMESTAMP = "X-Cortesia-Timestamp"
HEADER_SIGNATURE = "X-Cortesia-Signature"
SIGNATURE_PREFIX = "sha256="
SECRET_BYTES = 32
REPLAY_WINDOW = timedelta(minutes=5)
NAME_MAX = 100
AUDIT_OBJECT_TYPE = "mention_source"
# Deliveries per source and minute: a misbehaving sender cannot flood the desk.
DELIVERIES_PER_SOURCE = RateLimit("mention-source", limit=120, window=timedelta(minutes=1))


class NotSigned(DomainError):
    """A delivery whose signature, source, timestamp or freshness is not right (401)."""

    code = "invalid_signature"
    status = 401


@dataclass(frozen=True)
class IssuedSecret:
    """A source with the secret just issued to it, to show once."""

    source: MentionSource
    secret: str = field(repr=False)


@dataclass(frozen=True)
class SourceRow:
    """A source with how many mentions it brought."""

    source: MentionSource
    mention_count: int


def secret_generate() -> str:
    """Return a new signing secret: 32 random bytes, URL-safe base64 (43 characters)."""
    return secrets.token_urlsafe(SECRET_BYTES)


def signature_of(*, secret: str, timestamp: str, body: bytes) -> str:
    """Return the ``X-Cortesia-Signature`` value of ``body`` sent at ``timestamp``."""
    signed = timestamp.encode() + b"." + body
    return SIGNATURE_PREFIX + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


# -- Sources -------------------------------------------------------------------------------


def source_list() -> list[SourceRow]:
    """Return every source (active or not) by name, with its number of mentions."""
    sources = MentionSource.objects.annotate(mention_count=Count("mentions")).order_by("name")
    return [SourceRow(source, source.mention_count) for source in sources]


def source_get(*, uid: str) -> MentionSource:
    """Return the source with public id ``uid``, or raise NotFound."""
    try:
        return MentionSource.objects.get(uid=uuid.UUID(str(uid)))
    except (ValueError, MentionSource.DoesNotExist):
        raise NotFound("mention source") from None


def source_by_name(name: str) -> MentionSource | None:
    return MentionSource.objects.filter(name=name.strip()).first()


def active_sources() -> QuerySet[MentionSource]:
    return MentionSource.objects.filter(is_active=True).order_by("name")


def _audit(source: MentionSource, actor: Actor, data: dict[str, JsonValue]) -> None:
    audit_record(
        action=AuditEvent.Action.SETTING_CHANGE,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type=AUDIT_OBJECT_TYPE,
        object_uid=str(source.uid),
        object_label=source.name,
        data=data,
    )


def _checked(name: str, kind: str) -> str:
    errors: dict[str, str] = {}
    name = " ".join(name.split())
    if not name or len(name) > NAME_MAX:
        errors["name"] = _("Give a name of at most %(max)d characters.") % {"max": NAME_MAX}
    if (message := choice_error(kind, MentionSource.Kind.values)) is not None:
        errors["kind"] = message
    if errors:
        raise FieldErrors(errors)
    return name


@transaction.atomic
def source_create(*, name: str, kind: str, actor: Actor) -> IssuedSecret:
    """Create an active source with a new secret; return both (the secret to show once).

    Raises Forbidden (only administrators), FieldErrors, or Conflict when the name is taken
    (also by a concurrent create: a form sent twice makes one source).
    """
    require_source_manager(actor)
    name = _checked(name, kind)
    secret = secret_generate()
    source = MentionSource(name=name, kind=kind, secret_sealed=seal(secret))
    try:
        with transaction.atomic():
            source.save(force_insert=True)
    except IntegrityError:
        raise Conflict(
            _("A mention source with this name already exists."), code="duplicate_name"
        ) from None
    _audit(source, actor, {"change": "created", "kind": kind, "secret": "issued"})
    return IssuedSecret(source, secret)


@transaction.atomic
def source_secret_renew(*, source: MentionSource, actor: Actor) -> IssuedSecret:
    """Give ``source`` a new secret; the old one stops working at once. Raises Forbidden."""
    require_source_manager(actor)
    secret = secret_generate()
    MentionSource.objects.filter(pk=source.pk).update(
        secret_sealed=seal(secret), updated_at=timezone.now()
    )
    source.refresh_from_db()
    _audit(source, actor, {"change": "secret_renewed", "secret": "issued"})
    return IssuedSecret(source, secret)


@transaction.atomic
def source_set_active(*, source: MentionSource, is_active: bool, actor: Actor) -> bool:
    """Switch ``source`` on or off (off: its deliveries are refused, its mentions stay).
    Return False, writing nothing, when it already was. Raises Forbidden."""
    require_source_manager(actor)
    changed = (
        MentionSource.objects.filter(pk=source.pk, is_active=not is_active).update(
            is_active=is_active, updated_at=timezone.now()
        )
        == 1
    )
    source.refresh_from_db()
    if changed:
        _audit(source, actor, {"change": "switched_on" if is_active else "switched_off"})
    return changed


# -- Deliveries ----------------------------------------------------------------------------


def _refused() -> NotSigned:
    return NotSigned(
        _(
            "The signature does not match, or the source is unknown or switched off. Sign "
            "the timestamp, a dot and the raw body with the source's current secret."
        )
    )


def _timestamp(value: str, now: datetime) -> None:
    try:
        sent = int(value.strip())
    except ValueError:
        sent = None
    if sent is None or abs(now.timestamp() - sent) > REPLAY_WINDOW.total_seconds():
        raise NotSigned(
            _(
                "%(header)s must be the Unix time in seconds, within %(minutes)d minutes "
                "of the server's clock."
            )
            % {"header": HEADER_TIMESTAMP, "minutes": REPLAY_WINDOW.seconds // 60}
        )


def _source(value: str) -> MentionSource | None:
    try:
        return MentionSource.objects.filter(uid=uuid.UUID(value.strip()), is_active=True).first()
    except ValueError:
        return None


def _secret(source: MentionSource | None) -> str | None:
    if source is None or not source.secret_sealed:
        return None
    try:
        return unseal(source.secret_sealed)
    except UnreadableSecret:
        logger.warning("The secret of mention source %s cannot be unsealed.", source.uid)
        return None


def _count_hit(source: MentionSource) -> None:
    decision = rate_hit(rule=DELIVERIES_PER_SOURCE, subject=str(source.uid))
    if not decision.allowed:
        raise RateLimited(
            _("This source sent too many mentions. Retry after the Retry-After header's seconds."),
            retry_after=decision.retry_after,
        )


def delivery_verify(*, headers: Mapping[str, str], body: bytes) -> tuple[MentionSource, str]:
    """Return the source that signed ``body`` and the delivery's digest (for
    :func:`delivery_record`). Raises NotSigned (401) or RateLimited (429); writes only the
    source's rate counter."""
    now = timezone.now()
    timestamp = headers.get(HEADER_TIMESTAMP, "")
    _timestamp(timestamp, now)
    source = _source(headers.get(HEADER_SOURCE, ""))
    if source is not None:
        _count_hit(source)
    secret = _secret(source)
    # A throwaway secret for an unknown source: the same work, the same answer.
    expected = signature_of(
        secret=secret or secret_generate(), timestamp=timestamp.strip(), body=body
    )
    given = headers.get(HEADER_SIGNATURE, "").strip()
    matches = hmac.compare_digest(expected.encode(), given.encode())
    if source is None or secret is None or not matches:
        raise _refused()
    digest = hashlib.sha256(f"{source.uid}:{given}".encode()).hexdigest()
    return source, digest


def delivery_record(*, digest: str) -> None:
    """Remember an accepted delivery and forget those older than the replay horizon.

    Raises NotSigned when the same delivery was accepted before (a replay). Call it in
    the transaction that stores the mention: refused mentions leave no digest behind.
    """
    now = timezone.now()
    MentionDelivery.objects.filter(received_at__lt=now - 2 * REPLAY_WINDOW).delete()
    try:
        with transaction.atomic():
            MentionDelivery.objects.create(digest=digest, received_at=now)
    except IntegrityError:
        raise NotSigned(_("This delivery was received already. Sign each delivery anew.")) from None
