"""Hourly counts of the ticket facts, for the dashboard's common questions.

A :class:`TicketTally` row counts, for one UTC hour and one team, the tickets created, the
first solves, the one-touch candidates and the SLA targets met or missed in that hour.
Reading 24 rows a day per team instead of every ticket answers a manager's or an
administrator's counts for a quarter in milliseconds; local days are whole sums of hours
in every zone whose midnights fall on the hour (``reports.tallies`` checks, and reads the
facts otherwise). The upkeep adds each refreshed ticket's change to the counts in the
transaction that replaces its facts; ``cortesia reports rebuild`` recounts them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TicketTally(models.Model):
    """How many tickets contributed ``measure`` (with ``key``) in one hour for one team."""

    class Measure(models.TextChoices):
        CREATED = "created", _("Tickets created")
        FIRST_SOLVE = "first_solve", _("First solves")
        # First solves with at most one public agent reply; key: "" never reopened after
        # it, else the business days until the reopen.
        ONE_TOUCH = "one_touch", _("One-touch candidates")
        SLA_MET = "sla_met", _("SLA targets met")  # key: the target
        SLA_MISSED = "sla_missed", _("SLA targets missed")  # key: the target

    measure = models.CharField(max_length=20, choices=Measure.choices)
    hour = models.DateTimeField()  # UTC, on the hour
    team_id = models.PositiveIntegerField(default=0)  # 0: no team
    key = models.CharField(max_length=20, blank=True)
    n = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("ticket tally")
        verbose_name_plural = _("ticket tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "hour", "team_id", "key"], name="tally_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.hour:%Y-%m-%d %H}h team {self.team_id}: {self.n}"
