"""Webhook subscriptions and their outbox: one delivery row per event and subscription,
with every attempt to send it.

A delivery is written in the transaction of the change it reports, so a committed change
always has its deliveries and a rolled-back one never does; the dispatcher sends them
afterwards (see ``webhooks.delivery``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel


class AttemptError(models.TextChoices):
    """Why an attempt got no HTTP answer. Stored as a code: pages show the label in the
    reader's language, the API the code."""

    ADDRESS_REFUSED = "address_refused", _("Address not allowed")
    SECRET_UNREADABLE = "secret_unreadable", _("Signing secret unreadable; set a new one")
    TIMEOUT = "timeout", _("Timed out")
    CONNECTION_REFUSED = "connection_refused", _("Connection refused")
    TLS = "tls", _("TLS error")
    INVALID_HTTP = "invalid_http", _("Invalid HTTP answer")
    CONNECTION_FAILED = "connection_failed", _("Connection failed")


class Subscription(BaseModel):
    """An address that receives the events it names, signed with its secret."""

    url = models.URLField(_("address"), max_length=500)
    events = models.JSONField(_("events"), default=list)
    # Sealed (webhooks.sealing); opened only to sign a body. Never shown again after
    # creation, never returned by the API, never written to the audit log.
    secret_sealed = models.CharField(_("signing secret (sealed)"), max_length=500)
    is_active = models.BooleanField(_("active"), default=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        constraints = [
            # one subscription per address: a double submit cannot create two
            models.UniqueConstraint(fields=["url"], name="webhook_subscription_url_unique"),
        ]
        indexes = [
            # the API's and the settings page's list, in cursor order
            models.Index(fields=["created_at", "uid"], name="webhook_subscription_order"),
        ]

    def __str__(self) -> str:
        return self.url


class Delivery(BaseModel):
    """One event to send to one subscription: pending until a 2xx answer (delivered) or
    until the retries run out (failed)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    # The event's id, the same for every subscription: receivers deduplicate by it.
    event_id = models.UUIDField(_("event id"))
    event_type = models.CharField(_("event"), max_length=50)
    # The exact bytes signed and sent, every time (a retry never re-renders the event).
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempt_count = models.PositiveIntegerField(_("attempts"), default=0)
    # When a dispatcher may next claim it; a claim moves it a lease ahead. None: finished.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claim = models.UUIDField(null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    last_status_code = models.PositiveIntegerField(_("last answer"), null=True, blank=True)
    last_error = models.CharField(
        _("last error"), max_length=20, choices=AttemptError.choices, blank=True
    )

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "event_id"], name="webhook_delivery_once_per_event"
            ),
        ]
        indexes = [
            # the dispatcher's claim: the pending row due first
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="pending"),
                name="webhook_delivery_due",
            ),
            # the pruning of finished deliveries
            models.Index(
                fields=["updated_at"],
                condition=models.Q(next_attempt_at__isnull=True),
                name="webhook_delivery_finished",
            ),
            # one subscription's delivery log, newest first, in cursor order
            models.Index(fields=["subscription", "created_at", "uid"], name="webhook_delivery_log"),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id} {self.status}"


class DeliveryAttempt(models.Model):
    """One POST of a delivery and what came back."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempts")
    attempted_at = models.DateTimeField(_("time"))
    status_code = models.PositiveIntegerField(_("answer"), null=True, blank=True)
    response_excerpt = models.CharField(_("response"), max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    error = models.CharField(_("error"), max_length=20, choices=AttemptError.choices, blank=True)

    class Meta:
        verbose_name = _("webhook delivery attempt")
        verbose_name_plural = _("webhook delivery attempts")
        indexes = [
            # a delivery's attempts, in order
            models.Index(fields=["delivery", "attempted_at"], name="webhook_attempt_order"),
        ]

    def __str__(self) -> str:
        return f"{self.delivery_id} {self.status_code or self.error}"
