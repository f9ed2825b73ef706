"""Messaging channels (a WhatsApp business number, a Telegram bot) and what their webhooks
delivered, kept raw before anything is made of it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel


class MessagingChannel(BaseModel):
    """One business number or bot. ``account`` routes a webhook to it (WhatsApp's phone
    number id; Telegram posts to the channel's own address). The secrets are sealed
    (``messaging.secrets``): the app secret or webhook secret token that signs what the
    provider sends, the access or bot token we send with, WhatsApp's verify token."""

    class Kind(models.TextChoices):
        WHATSAPP = "whatsapp", _("WhatsApp")
        TELEGRAM = "telegram", _("Telegram")

    kind = models.CharField(_("provider"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100)
    account = models.CharField(_("account"), max_length=100, blank=True)
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    default_language = models.CharField(_("default language"), max_length=16, default="en")
    signing_secret_sealed = models.TextField(blank=True)
    access_token_sealed = models.TextField(blank=True)
    verify_token_sealed = models.TextField(blank=True)
    is_enabled = models.BooleanField(_("enabled"), default=True)

    class Meta:
        verbose_name = _("messaging channel")
        verbose_name_plural = _("messaging channels")

    def __str__(self) -> str:
        return f"{self.kind}: {self.name}"


class InboundDelivery(models.Model):
    """A webhook POST as received, stored before it is answered (so a crash after the
    answer loses nothing) and processed later in batches. The same body twice (a
    provider's retry) is stored once."""

    class State(models.TextChoices):
        NEW = "new", _("new")
        DONE = "done", _("processed")
        QUARANTINED = "quarantined", _("quarantined")

    channel = models.ForeignKey(MessagingChannel, on_delete=models.CASCADE, related_name="+")
    received_at = models.DateTimeField()
    body = models.BinaryField()
    body_sha256 = models.CharField(max_length=64)
    state = models.CharField(max_length=12, choices=State.choices, default=State.NEW)
    error = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("inbound delivery")
        verbose_name_plural = _("inbound deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "body_sha256"], name="messaging_delivery_once"
            ),
        ]
        indexes = [
            # the processor's batch: new deliveries, oldest first
            models.Index(
                fields=["id"],
                condition=models.Q(state="new"),
                name="messaging_delivery_new",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel_id} {self.state}"
