"""The conversation of a ticket: replies, internal notes and their files."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.tickets.models.ticket import Ticket


class TicketMessage(models.Model):
    """A public reply or an internal note; the HTML is sanitized before it is stored."""

    class Kind(models.TextChoices):
        REPLY = "reply", _("Public reply")
        NOTE = "note", _("Internal note")

    class CallDirection(models.TextChoices):
        INBOUND = "inbound", _("Inbound call")
        OUTBOUND = "outbound", _("Outbound call")

    class Delivery(models.TextChoices):
        QUEUED = "queued", _("waiting to be sent")
        SENT = "sent", _("sent")
        DELIVERED = "delivered", _("delivered")
        READ = "read", _("read")
        FAILED = "failed", _("not delivered")

    class Author(models.TextChoices):
        AGENT = "agent", _("Agent")
        CUSTOMER = "customer", _("Customer")
        SYSTEM = "system", _("System")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    author_kind = models.CharField(_("author"), max_length=10, choices=Author.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body_html = models.TextField(_("message"))
    body_text = models.TextField(_("plain text"))
    created_at = models.DateTimeField(_("time"))
    # A logged phone call: the message holds the agent's summary.
    call_direction = models.CharField(
        _("call direction"), max_length=10, choices=CallDirection.choices, blank=True
    )
    call_seconds = models.PositiveIntegerField(_("call duration (seconds)"), null=True, blank=True)
    # How a reply sent to the customer is doing, kept by the channel that carries it (the
    # mail channel; a messaging app, whose receipts say delivered and read).
    delivery = models.CharField(
        _("e-mail delivery"), max_length=10, choices=Delivery.choices, blank=True
    )
    delivery_detail = models.CharField(_("delivery detail"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            # the conversation: one ticket's messages in time order
            models.Index(fields=["ticket", "created_at", "uid"], name="ticket_conversation"),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.kind}"


class TicketAttachment(models.Model):
    """A file sent with a message, stored under ``CORTESIA_DATA_DIR/attachments`` (outside
    the web root) and served only as a download, to people who may see the ticket.

    An upload waits without a message until a message takes it (or the sweep removes it).
    """

    class Scan(models.TextChoices):
        CLEAN = "clean", _("clean")
        INFECTED = "infected", _("infected")
        NOT_SCANNED = "not_scanned", _("not scanned")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        TicketMessage,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    # The first bytes say something else than the declared type (an .exe sent as a PDF):
    # such a file is only ever served as application/octet-stream, with a warning.
    type_mismatch = models.BooleanField(_("content does not match its type"), default=False)
    # The Content-ID of a mail part, which the mail's HTML shows as <img src="cid:…">.
    content_id = models.CharField(max_length=255, blank=True)
    # A scan that could not be done is NOT_SCANNED, never CLEAN. An INFECTED file is kept as
    # evidence but given out only to an administrator who overrides the block.
    scan = models.CharField(
        _("malware scan"), max_length=12, choices=Scan.choices, default=Scan.NOT_SCANNED
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.filename
