"""Mailboxes, every inbound mail (kept raw, once per mailbox and Message-ID) and every
mail we send."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel


class Mailbox(BaseModel):
    """An address customers write to. Mail arrives by IMAP polling, by the pipe command
    (``cortesia mail ingest``) or by the inbound webhook; replies go out from ``address``.

    Passwords are stored only sealed (``cortesia.mail.credentials``), never shown again;
    an IMAP password may instead come from the environment variable ``imap_password_env``
    names. Replies go out through the mailbox's own SMTP server when it has one, else
    through the site's.
    """

    class Security(models.TextChoices):
        TLS = "tls", _("TLS (IMAPS)")
        STARTTLS = "starttls", _("STARTTLS")
        NONE = "none", _("None (loopback only)")

    class SmtpSecurity(models.TextChoices):
        TLS = "tls", _("TLS (SMTPS)")
        STARTTLS = "starttls", _("STARTTLS")
        NONE = "none", _("None (loopback only)")

    class AfterImport(models.TextChoices):
        SEEN = "seen", _("Mark as read")
        MOVE = "move", _("Move to a folder")
        DELETE = "delete", _("Delete")

    name = models.SlugField(_("name"), max_length=50, unique=True)
    address = models.EmailField(_("address"))
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("team for new tickets"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(_("active"), default=True)
    acknowledge = models.BooleanField(_("acknowledge new tickets"), default=True)
    imap_host = models.CharField(_("IMAP host"), max_length=255, blank=True)
    imap_port = models.PositiveIntegerField(_("IMAP port"), default=993)
    imap_security = models.CharField(
        _("IMAP security"), max_length=10, choices=Security.choices, default=Security.TLS
    )
    imap_username = models.CharField(_("IMAP user name"), max_length=255, blank=True)
    imap_password_env = models.CharField(
        _("environment variable with the IMAP password"), max_length=100, blank=True
    )
    imap_password_sealed = models.TextField(_("IMAP password (sealed)"), blank=True, editable=False)
    imap_folder = models.CharField(_("IMAP folder"), max_length=255, default="INBOX")
    after_import = models.CharField(
        _("after import"), max_length=10, choices=AfterImport.choices, default=AfterImport.SEEN
    )
    move_to = models.CharField(_("move to folder"), max_length=255, blank=True)
    smtp_host = models.CharField(_("SMTP host"), max_length=255, blank=True)
    smtp_port = models.PositiveIntegerField(_("SMTP port"), default=587)
    smtp_security = models.CharField(
        _("SMTP security"),
        max_length=10,
        choices=SmtpSecurity.choices,
        default=SmtpSecurity.STARTTLS,
    )
    smtp_username = models.CharField(_("SMTP user name"), max_length=255, blank=True)
    smtp_password_sealed = models.TextField(_("SMTP password (sealed)"), blank=True, editable=False)
    last_polled_at = models.DateTimeField(_("last polled"), null=True, blank=True)
    uidvalidity = models.BigIntegerField(null=True, blank=True)
    webhook_token_digest = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("mailbox")
        verbose_name_plural = _("mailboxes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class InboundMail(models.Model):
    """One mail as it arrived, once per (mailbox, message key). The raw bytes are kept in
    the data folder, so a quarantined mail can be ingested again after a fix."""

    class State(models.TextChoices):
        INGESTED = "ingested", _("Ingested")
        QUARANTINED = "quarantined", _("Quarantined")

    class Source(models.TextChoices):
        IMAP = "imap", _("IMAP")
        PIPE = "pipe", _("Pipe")
        WEBHOOK = "webhook", _("Webhook")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    mailbox = models.ForeignKey(Mailbox, on_delete=models.PROTECT, related_name="mails")
    # The normalised Message-ID, or "sha256:" and a digest of the raw mail without one.
    message_key = models.CharField(max_length=255)
    message_id = models.CharField(max_length=998, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices)
    state = models.CharField(max_length=12, choices=State.choices, default=State.INGESTED)
    reason = models.TextField(_("reason"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=1)
    raw_sha256 = models.CharField(max_length=64)
    raw_size = models.PositiveBigIntegerField()
    sender = models.CharField(_("sender"), max_length=320, blank=True)
    subject = models.CharField(_("subject"), max_length=998, blank=True)
    is_automatic = models.BooleanField(_("sent by a machine"), default=False)
    is_bounce = models.BooleanField(_("delivery failure report"), default=False)
    # The mail's Cc addresses, comma-separated, as the sender wrote them (lower-case).
    cc = models.TextField(_("cc"), blank=True)
    # Sent by someone the conversation copied in, not by the ticket's customer.
    is_from_copied = models.BooleanField(_("from a copied recipient"), default=False)
    ticket = models.ForeignKey(
        "tickets.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ticket_message = models.ForeignKey(
        "tickets.TicketMessage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inbound_mail",
    )
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("inbound mail")
        verbose_name_plural = _("inbound mails")
        constraints = [
            models.UniqueConstraint(fields=["mailbox", "message_key"], name="inbound_once"),
        ]
        indexes = [
            models.Index(fields=["message_id"], name="inbound_message_id"),
            models.Index(fields=["state", "received_at"], name="inbound_state"),
        ]

    def __str__(self) -> str:
        return self.message_key


class OutboundMail(models.Model):
    """A mail we send: its own Message-ID (replies thread back through it), where it goes,
    and its delivery state. Sent by a task with retries; never twice."""

    class Kind(models.TextChoices):
        REPLY = "reply", _("Reply")
        ACKNOWLEDGEMENT = "ack", _("Acknowledgement")
        FORWARD = "forward", _("Forwarded ticket")
        SURVEY = "survey", _("Survey invitation")

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # None for a mail about no ticket (a survey sent to a segment).
    ticket = models.ForeignKey(
        "tickets.Ticket", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    ticket_message = models.ForeignKey(
        "tickets.TicketMessage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outbound_mail",
    )
    mailbox = models.ForeignKey(Mailbox, on_delete=models.PROTECT, related_name="+")
    # The language the text is written in ("" for the ticket's reply language).
    language = models.CharField(max_length=10, blank=True)
    # Further headers, e.g. List-Unsubscribe for a survey: {"Name": "value"}.
    headers = models.JSONField(default=dict, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    message_id = models.CharField(max_length=255, unique=True)
    in_reply_to = models.CharField(max_length=998, blank=True)
    references = models.TextField(blank=True)
    # One address; a forwarded ticket's several, comma-separated.
    to = models.CharField(_("to"), max_length=3_400)
    # The copied recipients, comma-separated (lower-case); "" for none.
    cc = models.TextField(_("cc"), blank=True)
    subject = models.CharField(_("subject"), max_length=998)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    # The uids of the ticket's files the mail carries (a forwarded ticket's).
    attachments = models.JSONField(default=list, blank=True)
    # A reply an automation rule sent, not a person: mailed as "Auto-Submitted: auto-replied".
    is_automatic = models.BooleanField(default=False)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("outbound mail")
        verbose_name_plural = _("outbound mails")
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="outbound_due"),
            # the loop breaker: acknowledgements to one address in the last hour
            models.Index(fields=["to", "kind", "created_at"], name="outbound_recipient"),
        ]

    def __str__(self) -> str:
        return self.message_id


class TicketRecipient(models.Model):
    """An address kept on a ticket's mail conversation besides the customer: someone the
    customer copied in (Cc), or an agent added in the composer. Agents' replies go to the
    customer with a copy to each; their replies join the ticket."""

    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="mail_recipients"
    )
    address = models.EmailField(_("address"), max_length=320)
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("copied recipient")
        verbose_name_plural = _("copied recipients")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["ticket", "address"], name="ticket_recipient_once"),
        ]

    def __str__(self) -> str:
        return self.address
