"""REST endpoints of webhook subscriptions and their delivery log (administrators)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from cortesia.core.actor import Actor
from cortesia.core.pagination import DEFAULT_LIMIT, paginate
from cortesia.webhooks.models import Delivery, Subscription
from cortesia.webhooks.schemas import (
    AttemptOut,
    DeliveryOut,
    DeliveryPageOut,
    WebhookCreatedOut,
    WebhookCreateIn,
    WebhookOut,
    WebhookPageOut,
    WebhookUpdateIn,
)
from cortesia.webhooks.selectors import delivery_list, subscription_get, subscription_list
from cortesia.webhooks.services import (
    SubscriptionChange,
    subscription_create,
    subscription_delete,
    subscription_update,
)

router = Router(tags=["webhooks"])


def _out(subscription: Subscription) -> WebhookOut:
    return WebhookOut(
        uid=subscription.uid,
        url=subscription.url,
        events=list(subscription.events),
        is_active=subscription.is_active,
        description=subscription.description,
        created_at=subscription.created_at,
        updated_at=subscription.updated_at,
    )


def _delivery_out(delivery: Delivery) -> DeliveryOut:
    return DeliveryOut(
        uid=delivery.uid,
        event_id=delivery.event_id,
        event_type=delivery.event_type,
        status=delivery.status,
        attempt_count=delivery.attempt_count,
        next_attempt_at=delivery.next_attempt_at,
        delivered_at=delivery.delivered_at,
        created_at=delivery.created_at,
        attempts=[
            AttemptOut.model_validate(attempt, from_attributes=True)
            for attempt in delivery.attempts.all()
        ],
    )


@router.get("/webhooks", response=WebhookPageOut, summary="List webhooks (admins)")
def webhooks_list(
    request: HttpRequest, cursor: Query[str | None] = None, limit: int = DEFAULT_LIMIT
) -> WebhookPageOut:
    subscriptions = subscription_list(actor=Actor.from_request(request))
    page = paginate(subscriptions, cursor=cursor, limit=limit, serialize=_out)
    return WebhookPageOut(items=list(page.items), next_cursor=page.next_cursor)


@router.post(
    "/webhooks",
    response={201: WebhookCreatedOut},
    summary="Create a webhook (admins); the answer holds its secret, shown only once",
)
def webhooks_create(request: HttpRequest, payload: WebhookCreateIn) -> Status[WebhookCreatedOut]:
    created = subscription_create(
        url=payload.url,
        events=[str(event) for event in payload.events],
        secret=payload.secret,
        description=payload.description,
        is_active=payload.is_active,
        actor=Actor.from_request(request),
    )
    out = _out(created.subscription)
    return Status(201, WebhookCreatedOut(**out.model_dump(), secret=created.secret))


@router.get("/webhooks/{uid}", response=WebhookOut, summary="One webhook (admins)")
def webhooks_get(request: HttpRequest, uid: str) -> WebhookOut:
    return _out(subscription_get(actor=Actor.from_request(request), uid=uid))


@router.patch("/webhooks/{uid}", response=WebhookOut, summary="Change a webhook (admins)")
def webhooks_update(request: HttpRequest, uid: str, payload: WebhookUpdateIn) -> WebhookOut:
    actor = Actor.from_request(request)
    change = SubscriptionChange(
        url=payload.url,
        events=[str(event) for event in payload.events] if payload.events is not None else None,
        secret=payload.secret,
        is_active=payload.is_active,
        description=payload.description,
    )
    subscription = subscription_get(actor=actor, uid=uid)
    return _out(subscription_update(subscription=subscription, change=change, actor=actor))


@router.delete(
    "/webhooks/{uid}", response={204: None}, summary="Delete a webhook and its log (admins)"
)
def webhooks_delete(request: HttpRequest, uid: str) -> Status[None]:
    actor = Actor.from_request(request)
    subscription_delete(subscription=subscription_get(actor=actor, uid=uid), actor=actor)
    return Status(204, None)


@router.get(
    "/webhooks/{uid}/deliveries",
    response=DeliveryPageOut,
    summary="A webhook's deliveries with every attempt, oldest first (admins)",
)
def webhooks_deliveries(
    request: HttpRequest, uid: str, cursor: Query[str | None] = None, limit: int = DEFAULT_LIMIT
) -> DeliveryPageOut:
    subscription = subscription_get(actor=Actor.from_request(request), uid=uid)
    page = paginate(
        delivery_list(subscription=subscription),
        cursor=cursor,
        limit=limit,
        serialize=_delivery_out,
    )
    return DeliveryPageOut(items=list(page.items), next_cursor=page.next_cursor)
