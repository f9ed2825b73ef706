"""A live conversation: the realtime state of a ticket on the chat channel."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel


class Conversation(BaseModel):
    """The chat beside its ticket: the ticket keeps the transcript (its messages), the
    status, team and assignee the reports and surveys read; this row keeps what only a
    live chat has: who is waiting since when, who is answering, and how far each side has
    read (ids of :class:`ChatEvent` rows)."""

    class Status(models.TextChoices):
        BOT = "bot", _("with the answer bot")
        WAITING = "waiting", _("waiting for an agent")
        ACTIVE = "active", _("active")
        ENDED = "ended", _("ended")

    class Medium(models.TextChoices):
        """Where the customer writes from: the site's widget, or a messaging app (whose
        channel, in ``messaging``, carries the agents' replies to them)."""

        WIDGET = "widget", _("Chat widget")
        WHATSAPP = "whatsapp", _("WhatsApp")
        TELEGRAM = "telegram", _("Telegram")

    ticket = models.OneToOneField(
        "tickets.Ticket", verbose_name=_("ticket"), on_delete=models.CASCADE, related_name="+"
    )
    site = models.ForeignKey(
        "chat.WidgetSite",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    visitor = models.ForeignKey(
        "chat.Visitor",
        verbose_name=_("visitor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversations",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    medium = models.CharField(
        _("channel"), max_length=10, choices=Medium.choices, default=Medium.WIDGET
    )
    # the customer's latest message: WhatsApp lets a business write freely only for 24
    # hours after it (REPLY_WINDOWS)
    customer_wrote_at = models.DateTimeField(null=True, blank=True)
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # when the agent answering it took it or was given it: a shift that ends later sends
    # the chat back to the queue, one that had ended before (a chat taken off shift) not
    assigned_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(_("language"), max_length=16)
    queued_at = models.DateTimeField(_("waiting since"), null=True, blank=True)
    # the place in the team's queue the visitor was last told (0: not told)
    queue_position = models.PositiveIntegerField(default=0)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    visitor_read_event = models.BigIntegerField(default=0)
    agent_read_event = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        constraints = [
            # an active chat has someone answering it; a waiting one has nobody yet
            models.CheckConstraint(
                condition=~Q(status="active") | Q(assignee__isnull=False),
                name="chat_active_has_assignee",
            ),
            models.CheckConstraint(
                condition=~Q(status="waiting") | Q(assignee__isnull=True),
                name="chat_waiting_has_no_assignee",
            ),
        ]
        indexes = [
            # the queue: waiting chats of a team, oldest first
            models.Index(fields=["status", "team", "queued_at"], name="chat_queue"),
            # an agent's open chats (console list, concurrent-chat limit)
            models.Index(fields=["assignee", "status"], name="chat_assignee_status"),
        ]

    def __str__(self) -> str:
        return f"{self.uid} {self.status}"
