"""Automation rules: triggers (run on every ticket change), time-based automations (run
hourly on tickets that stayed in a status), macros (applied by an agent in one click),
and the runs of time-based automations (one per ticket per spell in a status).

Conditions and actions are stored as JSON lists checked by the services
(:mod:`cortesia.automations.conditions`, :mod:`cortesia.automations.actions`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel


class Match(models.TextChoices):
    ALL = "all", _("All conditions are met")
    ANY = "any", _("Any condition is met")


class Trigger(BaseModel):
    """Conditions checked on every ticket change of the kinds in ``when``; the actions of
    a trigger whose conditions are met run at once, in ``position`` order."""

    class When(models.TextChoices):
        CREATED = "created", _("A ticket is created")
        UPDATED = "updated", _("A ticket is changed")
        CUSTOMER_MESSAGE = "customer_message", _("The customer writes")
        AGENT_REPLY = "agent_reply", _("An agent replies")
        NOTE = "note", _("An internal note is written")

    name = models.CharField(_("name"), max_length=200, unique=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    when = models.JSONField(_("when"), default=list)
    match = models.CharField(_("match"), max_length=3, choices=Match.choices, default=Match.ALL)
    conditions = models.JSONField(_("conditions"), default=list, blank=True)
    actions = models.JSONField(_("actions"), default=list)
    stops_processing = models.BooleanField(_("stop processing the rest"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("trigger")
        verbose_name_plural = _("triggers")
        ordering = ["position", "pk"]
        indexes = [
            # every ticket change reads the active triggers in order
            models.Index(fields=["is_active", "position"], name="trigger_active_order"),
        ]

    def __str__(self) -> str:
        return self.name


class TimedAutomation(BaseModel):
    """Actions run once per ticket per spell in ``status``, when the spell has lasted
    ``hours`` of business time on the ticket's calendar (and the conditions are met)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    status = models.CharField(_("status"), max_length=10)
    hours = models.PositiveIntegerField(_("business hours in the status"))
    match = models.CharField(_("match"), max_length=3, choices=Match.choices, default=Match.ALL)
    conditions = models.JSONField(_("conditions"), default=list, blank=True)
    actions = models.JSONField(_("actions"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("time-based automation")
        verbose_name_plural = _("time-based automations")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class AutomationRun(models.Model):
    """That ``automation`` acted on ``ticket`` in the spell that began with event
    ``spell``. The unique constraint is the claim: of two workers inserting the same run,
    one fails and leaves the ticket alone."""

    automation = models.ForeignKey(TimedAutomation, on_delete=models.CASCADE, related_name="runs")
    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="+")
    spell = models.ForeignKey("tickets.TicketEvent", on_delete=models.CASCADE, related_name="+")
    ran_at = models.DateTimeField(_("ran at"))
    outcome = models.CharField(_("outcome"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("automation run")
        verbose_name_plural = _("automation runs")
        constraints = [
            models.UniqueConstraint(
                fields=["automation", "ticket", "spell"], name="automation_run_once_per_spell"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.automation_id} {self.ticket_id} {self.spell_id}"


class Macro(BaseModel):
    """A named set of actions and an optional canned reply an agent applies to a ticket in
    one click: personal (``owner``) or shared with a team (``team``)."""

    name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="macros",
    )
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="macros",
    )
    actions = models.JSONField(_("actions"), default=list, blank=True)
    canned = models.ForeignKey(
        "tickets.CannedResponse",
        verbose_name=_("canned response"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("macro")
        verbose_name_plural = _("macros")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner__isnull=True) | models.Q(team__isnull=True),
                name="macro_personal_or_team",
            ),
            models.UniqueConstraint(
                fields=["owner", "name"],
                condition=models.Q(owner__isnull=False),
                name="macro_personal_name_unique",
            ),
            models.UniqueConstraint(
                fields=["team", "name"],
                condition=models.Q(team__isnull=False),
                name="macro_team_name_unique",
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(owner__isnull=True, team__isnull=True),
                name="macro_shared_name_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name
