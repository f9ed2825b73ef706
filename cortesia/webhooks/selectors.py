"""Reads of webhook subscriptions and their deliveries, for administrators only."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from cortesia.accounts.models import Role, User
from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden, NotFound
from cortesia.webhooks.models import Delivery, Subscription

WEBHOOK_MANAGERS = frozenset({Role.ADMIN})


def can_manage_webhooks(user: object) -> bool:
    """See, create, change and delete webhook subscriptions and retry their deliveries."""
    return isinstance(user, User) and user.is_active and user.role in WEBHOOK_MANAGERS


def require_webhook_manager(actor: Actor) -> None:
    """Raise Forbidden unless the actor is the system or an administrator."""
    if actor.user is not None and not can_manage_webhooks(actor.user):
        raise Forbidden(_("Only administrators manage webhooks."))


def subscription_list(*, actor: Actor) -> QuerySet[Subscription]:
    """Every subscription, in creation order."""
    require_webhook_manager(actor)
    return Subscription.objects.order_by("created_at", "uid")


def subscription_get(*, actor: Actor, uid: str) -> Subscription:
    """Return the subscription ``uid``; NotFound when there is none (or the uid is not a
    uid at all)."""
    require_webhook_manager(actor)
    try:
        return Subscription.objects.get(uid=uuid.UUID(str(uid)))
    except (ValueError, Subscription.DoesNotExist):
        raise NotFound(_("There is no such webhook.")) from None


def delivery_list(*, subscription: Subscription) -> QuerySet[Delivery]:
    """The subscription's deliveries with their attempts, newest first."""
    return (
        Delivery.objects.filter(subscription=subscription)
        .prefetch_related("attempts")
        .order_by("-created_at", "-uid")
    )


def delivery_get(*, actor: Actor, uid: str) -> Delivery:
    """Return the delivery ``uid`` with its subscription; NotFound when there is none."""
    require_webhook_manager(actor)
    try:
        return Delivery.objects.select_related("subscription").get(uid=uuid.UUID(str(uid)))
    except (ValueError, Delivery.DoesNotExist):
        raise NotFound(_("There is no such delivery.")) from None
