"""Who has a ticket open right now, so that two agents do not answer the same customer at
once. A row per (ticket, person), refreshed by the ticket page's heartbeat; a row whose
heartbeat stopped is simply old, never deleted in the request path."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.tickets.models.ticket import Ticket


class TicketPresence(models.Model):
    """``user`` had ``ticket`` open at ``last_seen``, reading it or typing in its composer."""

    class State(models.TextChoices):
        VIEWING = "viewing", _("viewing")
        TYPING = "typing", _("typing")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    last_seen = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("presence on a ticket")
        verbose_name_plural = _("presence on tickets")
        constraints = [
            # the heartbeat's upsert: one row per person and ticket; its index also serves
            # the read of a ticket's recent rows (ticket first, then filtered on last_seen)
            models.UniqueConstraint(fields=["ticket", "user"], name="ticket_presence_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.user_id} {self.state}"
