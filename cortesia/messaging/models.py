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
    answer_bot = models.BooleanField(_("the answer bot answers first"), default=False)
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
    # a file that could not be fetched yet puts the delivery back for a later try
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claim = models.UUIDField(null=True, blank=True)

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


class Thread(models.Model):
    """A customer's chat with one of our channels: their WhatsApp number, or their chat
    with the bot. ``conversation`` is the latest live chat it became."""

    channel = models.ForeignKey(MessagingChannel, on_delete=models.CASCADE, related_name="+")
    chat = models.CharField(max_length=64)  # WhatsApp's wa_id, Telegram's chat id
    customer = models.ForeignKey("customers.Customer", on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(
        "chat.Conversation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("messaging thread")
        verbose_name_plural = _("messaging threads")
        constraints = [
            models.UniqueConstraint(fields=["channel", "chat"], name="messaging_thread_once"),
        ]

    def __str__(self) -> str:
        return f"{self.channel_id} {self.chat}"


class ReceivedMessage(models.Model):
    """A provider's message id already taken: a replay (the provider retrying, the same
    message in two deliveries) finds it and stores nothing."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    provider_message_id = models.CharField(max_length=128)
    message = models.ForeignKey(
        "tickets.TicketMessage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField()

    class Meta:
        verbose_name = _("received message")
        verbose_name_plural = _("received messages")
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "provider_message_id"], name="messaging_received_once"
            ),
        ]

    def __str__(self) -> str:
        return self.provider_message_id


class OutboundMessage(models.Model):
    """One part of an agent's answer to send: its text (part 0) or one of its files. Sent
    by the outbox with retries; the provider's receipts move ``receipt`` forward only."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("not sent")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    message = models.ForeignKey("tickets.TicketMessage", on_delete=models.CASCADE, related_name="+")
    part = models.PositiveSmallIntegerField(default=0)
    attachment = models.ForeignKey(
        "tickets.TicketAttachment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claim = models.UUIDField(null=True, blank=True)
    provider_message_id = models.CharField(max_length=128, blank=True)
    receipt = models.CharField(max_length=10, blank=True)  # sent, delivered, read, failed
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    error_code = models.CharField(max_length=32, blank=True)
    error_text = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("outbound message")
        verbose_name_plural = _("outbound messages")
        constraints = [
            models.UniqueConstraint(fields=["message", "part"], name="messaging_outbound_once"),
        ]
        indexes = [
            # the outbox: pending parts, due first
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(state="pending"),
                name="messaging_outbox_due",
            ),
            # receipts find the part the provider names
            models.Index(fields=["provider_message_id"], name="messaging_outbound_provider_id"),
        ]

    def __str__(self) -> str:
        return f"{self.message_id}/{self.part} {self.state}"
