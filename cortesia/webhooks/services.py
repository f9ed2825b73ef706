"""Every write of webhooks: subscriptions (audited), the outbox rows of events, a manual
retry and a test event.

Secrets never leave this module except to the signer: the audit rows say only that a
secret was set or changed, and :class:`CreatedSubscription` hands the secret back once, to
the interface that shows it to its creator.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cortesia.audit.models import AuditEvent
from cortesia.audit.services import JsonValue, audit_record
from cortesia.core.actor import Actor
from cortesia.core.enqueue import enqueue_after_commit
from cortesia.core.errors import Conflict, FieldErrors
from cortesia.webhooks.activity import marker_set_now_and_after_commit
from cortesia.webhooks.events import (
    TEST_EVENT_TYPE,
    EventType,
    OutgoingEvent,
    automation_outgoing,
    event_body,
)
from cortesia.webhooks.models import Delivery, Subscription
from cortesia.webhooks.network import TargetRefused, target_check
from cortesia.webhooks.sealing import UnreadableSecret, seal, unseal
from cortesia.webhooks.selectors import require_webhook_manager
from cortesia.webhooks.signing import secret_generate

AUDIT_OBJECT_TYPE = "webhook"
SECRET_MIN = 16
SECRET_MAX = 200
URL_MAX = 500
DESCRIPTION_MAX = 200


@dataclass(frozen=True)
class CreatedSubscription:
    """A new subscription and its secret, to show once."""

    subscription: Subscription
    secret: str


@dataclass(frozen=True)
class SubscriptionChange:
    """What to change; None leaves a value as it is."""

    url: str | None = None
    events: list[str] | None = None
    secret: str | None = None
    is_active: bool | None = None
    description: str | None = None


def _check_url(url: str, errors: dict[str, str]) -> str:
    url = url.strip()
    if not url or len(url) > URL_MAX:
        errors["url"] = _("Give an address of at most %(max)d characters.") % {"max": URL_MAX}
        return url
    try:
        target_check(url)
    except TargetRefused as refused:
        errors["url"] = str(refused)
    return url


def _check_events(events: list[str], errors: dict[str, str]) -> list[str]:
    known = set(EventType.values)
    unknown = sorted(set(events) - known)
    if unknown:
        errors["events"] = _("Unknown events: %(names)s.") % {"names": ", ".join(unknown)}
    elif not events:
        errors["events"] = _("Choose at least one event.")
    return [value for value in EventType.values if value in events]


def _check_secret(secret: str, errors: dict[str, str]) -> str:
    if not SECRET_MIN <= len(secret) <= SECRET_MAX or not secret.isprintable() or " " in secret:
        errors["secret"] = _("A secret has %(min)d to %(max)d characters, without spaces.") % {
            "min": SECRET_MIN,
            "max": SECRET_MAX,
        }
    return secret


def _check_description(description: str, errors: dict[str, str]) -> str:
    description = description.strip()
    if len(description) > DESCRIPTION_MAX or not description.isprintable():
        errors["description"] = _("A description has at most %(max)d characters on one line.") % {
            "max": DESCRIPTION_MAX
        }
    return description


def _refuse_taken_url(url: str, exclude: Subscription | None) -> None:
    taken = Subscription.objects.filter(url=url)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise Conflict(
            _("A webhook for this address exists already. Change that one instead."),
            code="webhook_exists",
        )


def _current_secret(subscription: Subscription) -> str | None:
    try:
        return unseal(subscription.secret_sealed)
    except UnreadableSecret:
        return None


def _audit(subscription: Subscription, actor: Actor, data: dict[str, JsonValue]) -> None:
    audit_record(
        action=AuditEvent.Action.SETTING_CHANGE,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type=AUDIT_OBJECT_TYPE,
        object_uid=str(subscription.uid),
        object_label=subscription.url[:200],
        data=data,
    )


@transaction.atomic
def subscription_create(
    *,
    url: str,
    events: list[str],
    actor: Actor,
    secret: str | None = None,
    description: str = "",
    is_active: bool = True,
) -> CreatedSubscription:
    """Create a subscription; without ``secret``, a random one is made. Returns it with
    the secret (the only time it is handed out). Raises Forbidden, FieldErrors (the
    address refused by the outbound guard among them) or Conflict (the address has a
    webhook already)."""
    require_webhook_manager(actor)
    errors: dict[str, str] = {}
    url = _check_url(url, errors)
    chosen = _check_events(events, errors)
    secret = _check_secret(secret, errors) if secret else secret_generate()
    description = _check_description(description, errors)
    if errors:
        raise FieldErrors(errors)
    _refuse_taken_url(url, exclude=None)
    if is_active:
        marker_set_now_and_after_commit()
    subscription = Subscription(
        url=url,
        events=chosen,
        secret_sealed=seal(secret),
        is_active=is_active,
        description=description,
        created_by=actor.user,
    )
    try:
        with transaction.atomic():
            subscription.save()
    except IntegrityError:  # the same address saved meanwhile (a double submit)
        _refuse_taken_url(url, exclude=None)
        raise
    _audit(
        subscription,
        actor,
        {"change": "created", "url": url, "events": list(chosen), "is_active": is_active,
         "secret": "set"},
    )  # fmt: skip
    return CreatedSubscription(subscription, secret)


@transaction.atomic
def subscription_update(
    *, subscription: Subscription, change: SubscriptionChange, actor: Actor
) -> Subscription:
    """Apply ``change``; nothing is written (nor audited) when no value differs. Raises
    Forbidden, FieldErrors or Conflict."""
    require_webhook_manager(actor)
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    if change.url is not None:
        values["url"] = _check_url(change.url, errors)
    if change.events is not None:
        values["events"] = _check_events(change.events, errors)
    new_secret = _check_secret(change.secret, errors) if change.secret else None
    if change.description is not None:
        values["description"] = _check_description(change.description, errors)
    if change.is_active is not None:
        values["is_active"] = change.is_active
    if errors:
        raise FieldErrors(errors)
    changed = {name: v for name, v in values.items() if getattr(subscription, name) != v}
    if new_secret is not None and new_secret != _current_secret(subscription):
        changed["secret_sealed"] = seal(new_secret)
    if not changed:
        return subscription
    if "url" in changed:
        _refuse_taken_url(str(changed["url"]), exclude=subscription)
    for name, value in changed.items():
        setattr(subscription, name, value)
    if subscription.is_active:
        marker_set_now_and_after_commit()
    subscription.save(update_fields=[*changed, "updated_at"])
    shown: dict[str, JsonValue] = {
        name: value  # type: ignore[misc]
        for name, value in changed.items()
        if name != "secret_sealed"
    }
    if "secret_sealed" in changed:
        shown["secret"] = "changed"  # noqa: S105 - a word for the log, not a secret
    _audit(subscription, actor, {"change": "updated", **shown})
    return subscription


@transaction.atomic
def subscription_delete(*, subscription: Subscription, actor: Actor) -> None:
    """Delete the subscription with its deliveries. Raises Forbidden."""
    require_webhook_manager(actor)
    _audit(subscription, actor, {"change": "deleted", "url": subscription.url})
    subscription.delete()


def _dispatch_soon() -> None:
    from cortesia.webhooks.tasks import deliveries_send  # tasks import this module

    enqueue_after_commit(deliveries_send)


def deliveries_record(*, outgoing: list[OutgoingEvent], subscriptions: list[Subscription]) -> int:
    """Write the outbox rows of ``outgoing`` for each active subscription that asks for
    its type, in the caller's transaction, and have them sent after the commit. Return
    how many rows were written; an event already recorded for a subscription is skipped."""
    now = timezone.now()
    rows = [
        Delivery(
            subscription=subscription,
            event_id=event.id,
            event_type=event.type,
            body=event.body,
            next_attempt_at=now,
        )
        for event in outgoing
        for subscription in subscriptions
        if subscription.is_active and event.type in subscription.events
    ]
    if rows:
        Delivery.objects.bulk_create(rows, ignore_conflicts=True)
        _dispatch_soon()
    return len(rows)


def automation_delivery_record(
    *, subscription: Subscription, ticket_id: int, rule: dict[str, str]
) -> Delivery:
    """Write one ``automation.triggered`` delivery of the ticket's current state to
    ``subscription`` in the caller's transaction (the rule's run), sent after the commit
    like any other. Raises FieldErrors when the subscription is inactive."""
    if not subscription.is_active:
        raise FieldErrors({"webhook": _("This webhook subscription is inactive.")})
    outgoing = automation_outgoing(ticket_id=ticket_id, rule=rule)
    delivery = Delivery.objects.create(
        subscription=subscription,
        event_id=outgoing.id,
        event_type=outgoing.type,
        body=outgoing.body,
        next_attempt_at=timezone.now(),
    )
    _dispatch_soon()
    return delivery


@transaction.atomic
def subscription_send_test(*, subscription: Subscription, actor: Actor) -> Delivery:
    """Queue a ``webhook.test`` event for this subscription (active or not) and return
    its delivery. Raises Forbidden."""
    require_webhook_manager(actor)
    event_id = uuid.uuid4()
    now = timezone.now()
    body = event_body(
        event_id=event_id,
        event_type=TEST_EVENT_TYPE,
        at=now,
        data={"webhook": str(subscription.uid)},
    )
    delivery = Delivery.objects.create(
        subscription=subscription,
        event_id=event_id,
        event_type=TEST_EVENT_TYPE,
        body=body,
        next_attempt_at=now,
    )
    _audit(subscription, actor, {"change": "test_sent", "event_id": str(event_id)})
    _dispatch_soon()
    return delivery


@transaction.atomic
def delivery_retry(*, delivery: Delivery, actor: Actor) -> bool:
    """Queue a failed delivery for one more attempt now; return whether it was failed
    (False: it was already pending or delivered, and nothing changed). Raises Forbidden."""
    require_webhook_manager(actor)
    retried = Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.FAILED).update(
        status=Delivery.Status.PENDING, next_attempt_at=timezone.now(), claim=None
    )
    if retried:
        _audit(
            delivery.subscription,
            actor,
            {"change": "delivery_retried", "event_id": str(delivery.event_id)},
        )
        _dispatch_soon()
        delivery.refresh_from_db()
    return bool(retried)
