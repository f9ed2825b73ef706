"""Tickets, their numbering, the event row written for every change, and links between tickets."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel

NUMBER_SEQUENCE = "tickets_ticket_number_seq"  # made by migration 0009, PostgreSQL only


class NextTicketNumber(models.Func):
    """The number column's default: on PostgreSQL the next value of its sequence, so the
    ticket's insert takes its number and returns it (no statement of its own). SQLite has
    no sequences, nor defaults that read a table: there the column has no default (NULL,
    refused by NOT NULL) and the number is given before the insert."""

    allowed_default = True
    output_field = models.PositiveIntegerField()

    def as_sql(self, *args: Any, **kwargs: Any) -> tuple[str, list[Any]]:
        return "NULL", []

    def as_postgresql(self, *args: Any, **kwargs: Any) -> tuple[str, list[Any]]:
        return f"nextval('{NUMBER_SEQUENCE}')", []


class Ticket(BaseModel):
    """A customer's request, numbered for humans (#1042) and identified by ``uid`` in URLs."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        OPEN = "open", _("Open")
        PENDING = "pending", _("Pending (waiting on the customer)")
        ON_HOLD = "on_hold", _("On hold")
        SOLVED = "solved", _("Solved")
        CLOSED = "closed", _("Closed")

    class Priority(models.TextChoices):
        LOW = "low", _("Low")
        NORMAL = "normal", _("Normal")
        HIGH = "high", _("High")
        URGENT = "urgent", _("Urgent")

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        WEB = "web", _("Web form")
        CHAT = "chat", _("Chat")
        PHONE = "phone", _("Phone")
        WALK_IN = "walk_in", _("Walk-in")
        SOCIAL = "social", _("Social media")
        API = "api", _("API")

    number = models.PositiveIntegerField(_("number"), unique=True, db_default=NextTicketNumber())
    subject = models.CharField(_("subject"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tickets",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_tickets",
    )
    language = models.CharField(_("language"), max_length=10, blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    skills = models.JSONField(_("skills needed"), default=list, blank=True)
    custom_fields = models.JSONField(_("custom fields"), default=dict, blank=True)
    # Incremented on every change of a field staff can edit: the ETag and stale-write check.
    version = models.PositiveIntegerField(default=1)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    solved_at = models.DateTimeField(_("solved at"), null=True, blank=True)
    agent_reply_count = models.PositiveIntegerField(default=0)
    customer_reply_count = models.PositiveIntegerField(default=0)
    reopen_count = models.PositiveIntegerField(default=0)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    # The nearest due time of the ticket's running SLA clocks, kept by the ticket services
    # so inboxes sort by urgency from an index instead of aggregating clocks.
    sla_due_at = models.DateTimeField(_("next SLA deadline"), null=True, blank=True)

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        indexes = [
            # inboxes: a team's (or an agent's) open tickets, most urgent first
            models.Index(
                fields=["team", "sla_due_at", "created_at"],
                condition=models.Q(status__in=["new", "open", "pending", "on_hold"]),
                name="ticket_team_urgency",
            ),
            models.Index(
                fields=["assignee", "sla_due_at", "created_at"],
                condition=models.Q(status__in=["new", "open", "pending", "on_hold"]),
                name="ticket_assignee_urgency",
            ),
            models.Index(
                fields=["sla_due_at", "created_at"],
                condition=models.Q(status__in=["new", "open", "pending", "on_hold"]),
                name="ticket_urgency",
            ),
            # the inbox's counts of "mine" and "unassigned" in the viewer's teams, from the
            # index alone
            models.Index(
                fields=["assignee", "team"],
                condition=models.Q(status__in=["new", "open", "pending", "on_hold"]),
                name="ticket_assignee_team_open",
            ),
            # team inboxes: a team's tickets in a status, newest first
            models.Index(fields=["team", "status", "created_at"], name="ticket_team_inbox"),
            # "mine": an agent's tickets in a status
            models.Index(fields=["assignee", "status", "created_at"], name="ticket_assignee_inbox"),
            # a customer's other tickets on the customer and ticket pages
            models.Index(fields=["customer", "created_at"], name="ticket_customer"),
            # cursor pagination of the API list
            models.Index(fields=["created_at", "uid"], name="ticket_list_order"),
        ]

    def __str__(self) -> str:
        return f"#{self.number} {self.subject}"

    @staticmethod
    def numbered_on_insert() -> bool:
        """True when inserting a ticket without a number gives it the next one (the
        column's default, on PostgreSQL); elsewhere number it before the insert with
        :func:`cortesia.tickets.numbering.next_number`."""
        return connection.vendor == "postgresql"


class TicketCounter(models.Model):
    """One row holding the last ticket number handed out."""

    last_number = models.PositiveIntegerField(default=1000)

    class Meta:
        verbose_name = _("ticket counter")
        verbose_name_plural = _("ticket counters")

    def __str__(self) -> str:
        return str(self.last_number)


class TicketEvent(models.Model):
    """One change of a ticket. ``version`` is the ticket version the change produced and
    ``fields`` the staff-editable fields it changed: the stale-write check reads them."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Ticket created")
        UPDATED = "updated", _("Ticket changed")
        REPLIED = "replied", _("Public reply")
        NOTED = "noted", _("Internal note")
        CUSTOMER_REPLIED = "customer_replied", _("Customer replied")
        REOPENED = "reopened", _("Ticket reopened")
        SLA_WARNING = "sla_warning", _("SLA target close")
        SLA_BREACHED = "sla_breached", _("SLA target missed")
        MERGED = "merged", _("Tickets merged")
        LINKED = "linked", _("Tickets linked")
        DELIVERY_FAILED = "delivery_failed", _("A mail could not be delivered")
        FORWARDED = "forwarded", _("Ticket forwarded by mail")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("time"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField()
    fields = models.JSONField(default=list, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("ticket event")
        verbose_name_plural = _("ticket events")
        indexes = [
            # stale-write check and history: one ticket's events by version
            models.Index(fields=["ticket", "version"], name="ticket_event_version"),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.kind} v{self.version}"


class TicketLink(models.Model):
    """Two tickets about related matters (stored once, lower id first)."""

    first = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ticket link")
        verbose_name_plural = _("ticket links")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="ticket_link_unique"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="ticket_link_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id}–{self.second_id}"
