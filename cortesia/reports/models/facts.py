"""Compact rows the reports read instead of tickets, messages and events.

One :class:`TicketFact` per ticket holds what every service metric needs: the ticket's
dimensions and the durations measured once, in calendar and in business seconds. One
:class:`TicketMoment` per counted instant (a public agent reply, a solve, a reopen, an SLA
target met or missed) places the ticket's activity in periods. Both are rebuilt from the
raw rows by ``reports.upkeep`` (after every recorded change, and by ``cortesia reports
rebuild``); nothing else writes them.

Ids of teams, agents and customers are kept without foreign-key constraints: a fact row is
derived data, written in bulk, and deleting a team must not rewrite a million of them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TicketFact(models.Model):
    """What the reports know of one ticket (merged tickets included, flagged)."""

    ticket = models.OneToOneField(
        "tickets.Ticket",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="report_fact",
        db_constraint=False,
    )
    created_at = models.DateTimeField()
    team = models.ForeignKey(
        "accounts.Team",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,  # fact_assignee_team serves lookups by assignee
        related_name="+",
    )
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    channel = models.CharField(max_length=10)
    language = models.CharField(max_length=10, blank=True)
    country = models.CharField(max_length=2, blank=True)  # the customer's
    priority = models.CharField(max_length=10)
    status = models.CharField(max_length=10)
    by_agent = models.BooleanField(default=False)  # opened by staff (phone, outbound mail)
    merged = models.BooleanField(default=False)  # merged into another ticket: not counted
    # Durations in seconds: calendar (wall-clock) and business (open hours of the
    # ticket's calendar; equal to calendar without one). None until the moment happens.
    first_response_at = models.DateTimeField(null=True)
    first_response_calendar = models.PositiveIntegerField(null=True)
    first_response_business = models.PositiveIntegerField(null=True)
    first_solved_at = models.DateTimeField(null=True)
    first_resolution_calendar = models.PositiveIntegerField(null=True)
    first_resolution_business = models.PositiveIntegerField(null=True)
    # The last solve, kept only while the ticket is solved or closed.
    solved_at = models.DateTimeField(null=True)
    full_resolution_calendar = models.PositiveIntegerField(null=True)
    full_resolution_business = models.PositiveIntegerField(null=True)
    replies = models.PositiveIntegerField(default=0)  # public agent replies
    replies_at_first_solve = models.PositiveIntegerField(null=True)
    reopens = models.PositiveIntegerField(default=0)
    # Business days from the first solve to the first reopen after it (0: the same day).
    reopen_business_days = models.PositiveIntegerField(null=True)
    # Running or paused SLA targets already missed (shown apart from attainment).
    active_breaches = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("ticket fact")
        verbose_name_plural = _("ticket facts")
        indexes = [
            models.Index(fields=["created_at"], name="fact_created"),
            # an agent's own tickets of other teams (their scope beyond their teams' tallies)
            models.Index(
                fields=["assignee", "team"], include=["merged"], name="fact_assignee_team"
            ),
            # the first response and first resolution times: what their percentiles and
            # the scope read, so PostgreSQL answers from the index alone
            models.Index(
                fields=["first_response_at"],
                include=[
                    "first_response_calendar",
                    "first_response_business",
                    "merged",
                    "team",
                    "assignee",
                ],
                name="fact_first_response",
            ),
            models.Index(
                fields=["first_solved_at"],
                include=[
                    "first_resolution_calendar",
                    "first_resolution_business",
                    "merged",
                    "team",
                    "assignee",
                ],
                name="fact_first_solved",
            ),
            models.Index(fields=["solved_at"], name="fact_solved"),
            # the backlog: unsolved tickets by status and age
            models.Index(
                fields=["status", "created_at"],
                include=["merged", "team", "assignee"],
                condition=models.Q(status__in=["new", "open", "pending", "on_hold"]),
                name="fact_backlog",
            ),
            # the tickets with SLA targets already missed and still running: few rows
            models.Index(
                fields=["team"],
                include=["active_breaches", "assignee", "merged"],
                condition=models.Q(active_breaches__gt=0),
                name="fact_active_breaches",
            ),
        ]

    def __str__(self) -> str:
        return f"fact {self.ticket_id}"


class TicketMoment(models.Model):
    """One counted instant of a ticket's life."""

    class Kind(models.TextChoices):
        REPLY = "reply", _("Public agent reply")
        SOLVE = "solve", _("Solved")
        REOPEN = "reopen", _("Reopened")
        SLA = "sla", _("SLA target finished")

    ticket = models.ForeignKey(
        TicketFact, on_delete=models.CASCADE, db_constraint=False, related_name="moments"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    at = models.DateTimeField()
    # reply: the wait since the customer message it answers (None when it answers none);
    # solve: the time since the ticket was created.
    calendar = models.PositiveIntegerField(null=True)
    business = models.PositiveIntegerField(null=True)
    first = models.BooleanField(default=False)  # the first reply or the first solve
    target = models.CharField(max_length=20, blank=True)  # sla: the SLA target
    met = models.BooleanField(null=True)  # sla: met, missed, or None: breached, still running

    class Meta:
        verbose_name = _("ticket moment")
        verbose_name_plural = _("ticket moments")
        indexes = [
            models.Index(fields=["kind", "at"], name="moment_kind_at"),
            # next replies: the waits their percentiles read, from the index alone
            models.Index(
                fields=["at"],
                include=["calendar", "business", "ticket"],
                condition=models.Q(kind="reply", first=False),
                name="moment_next_reply",
            ),
            # the SLA targets missed and still running: few rows, read on every dashboard
            models.Index(
                fields=["target", "ticket"],
                condition=models.Q(kind="sla", met__isnull=True),
                name="moment_active_breach",
            ),
            # solves after a reopen: few rows, added to the tallied first solves
            models.Index(
                fields=["at"],
                condition=models.Q(kind="solve", first=False),
                name="moment_resolve",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"


class TicketTagFact(models.Model):
    """One tag of one ticket, for breakdowns by tag."""

    ticket = models.ForeignKey(
        TicketFact, on_delete=models.CASCADE, db_constraint=False, related_name="tag_rows"
    )
    tag = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("ticket tag fact")
        verbose_name_plural = _("ticket tag facts")
        constraints = [
            models.UniqueConstraint(fields=["tag", "ticket"], name="tag_fact_unique"),
        ]
        indexes = [models.Index(fields=["ticket"], name="tag_fact_ticket")]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.tag}"
