"""Days an agent does not work whatever their weekly shifts say: holidays, sick days."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel


class AgentLeave(BaseModel):
    """The agent is away from ``first_day`` to ``last_day`` (both included), read as dates
    in the agent's own time zone: off shift on those days, so given no new tickets."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        on_delete=models.CASCADE,
        related_name="leaves",
    )
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("leave")
        verbose_name_plural = _("leave")
        ordering = ["first_day", "last_day"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first_day__lte=models.F("last_day")), name="leave_day_order"
            ),
            models.UniqueConstraint(
                fields=["user", "first_day", "last_day"], name="leave_unique_span"
            ),
        ]
        indexes = [
            # who is away on a day: the assignment code and the week view ask by agent and
            # the last day (leave that ended before the day is skipped)
            models.Index(fields=["user", "last_day"], name="leave_user_last_day"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.first_day}–{self.last_day}"
