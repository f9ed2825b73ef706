"""Service-level policies and the clocks they start on tickets."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel


class SlaPolicy(BaseModel):
    """Targets for tickets that match the conditions; the first matching active policy by
    ``position`` applies. An empty condition matches everything."""

    class ClockCalendar(models.TextChoices):
        TEAM = "team", _("The ticket team's calendar")
        ORGANIZATION = "organization", _("The customer's organization's calendar, else the team's")

    name = models.CharField(_("name"), max_length=200, unique=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    priorities = models.JSONField(_("priorities"), default=list, blank=True)
    channels = models.JSONField(_("channels"), default=list, blank=True)
    teams = models.ManyToManyField("accounts.Team", verbose_name=_("teams"), blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    first_response_minutes = models.PositiveIntegerField(
        _("first response (minutes)"), null=True, blank=True
    )
    next_response_minutes = models.PositiveIntegerField(
        _("next response (minutes)"), null=True, blank=True
    )
    resolution_minutes = models.PositiveIntegerField(
        _("resolution (minutes)"), null=True, blank=True
    )
    business_hours = models.BooleanField(
        _("count business hours only"),
        default=True,
        help_text=_("On the ticket team's calendar; otherwise around the clock."),
    )
    clock_calendar = models.CharField(
        _("business hours of"),
        max_length=20,
        choices=ClockCalendar.choices,
        default=ClockCalendar.TEAM,
        help_text=_("Whose open hours the clocks count when they count business hours only."),
    )
    warn_at_percent = models.PositiveSmallIntegerField(_("warn at (%)"), default=75)
    breach_raises_priority = models.BooleanField(
        _("on breach, raise the priority one step"), default=False
    )
    breach_unassigns = models.BooleanField(
        _("on breach, return the ticket to the team queue"), default=False
    )
    breach_notifies = models.BooleanField(
        _("on breach, e-mail the assignee (or the team's managers)"), default=True
    )

    class Meta:
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class PolicyVersion(models.Model):
    """One row whose token changes with every write to the SLA policies or their teams.

    Database triggers change it (see the migration that adds them), so every write path
    counts, committed or rolled back with the write: the policy services, the demo loader,
    a team deleted with its links, a change made by hand. The token is random rather than
    a counter, so a change rolled back and another one made after it never show the same
    token for different policies. A process keeps the policies it read beside the token
    and reads them again when the stored token differs (``clocks.policy_for``).
    """

    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.token


class SlaClock(models.Model):
    """One target of one ticket. Time spent is kept in seconds of counted time (business
    time on ``calendar``, or wall time without one); ``due_at`` is the instant the target
    is missed while the clock runs."""

    class Target(models.TextChoices):
        FIRST_RESPONSE = "first_response", _("First response")
        NEXT_RESPONSE = "next_response", _("Next response")
        RESOLUTION = "resolution", _("Resolution")

    class State(models.TextChoices):
        RUNNING = "running", _("Running")
        PAUSED = "paused", _("Paused")
        MET = "met", _("Met")
        STOPPED = "stopped", _("Stopped")

    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="sla_clocks"
    )
    policy = models.ForeignKey(SlaPolicy, null=True, on_delete=models.SET_NULL, related_name="+")
    target = models.CharField(_("target"), max_length=20, choices=Target.choices)
    calendar = models.ForeignKey(
        "calendars.Calendar", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_seconds = models.PositiveIntegerField()
    warn_at_percent = models.PositiveSmallIntegerField(default=75)
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    started_at = models.DateTimeField()
    running_since = models.DateTimeField(null=True, blank=True)
    spent_seconds = models.PositiveIntegerField(default=0)  # before running_since
    due_at = models.DateTimeField(null=True, blank=True)
    warn_due_at = models.DateTimeField(null=True, blank=True)
    warned_at = models.DateTimeField(null=True, blank=True)
    breached_at = models.DateTimeField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)
    # The scanner claims clocks whose next_check_at has passed (a warning or a breach).
    next_check_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("SLA clock")
        verbose_name_plural = _("SLA clocks")
        constraints = [
            models.UniqueConstraint(fields=["ticket", "target"], name="sla_clock_unique"),
        ]
        indexes = [
            # the breach scanner: running clocks whose warning or due time has passed
            models.Index(fields=["next_check_at"], name="sla_clock_due"),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.target} {self.state}"
