"""Tickets whose facts wait to be recomputed."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class StaleTicket(models.Model):
    """A ticket changed since its facts were computed. The change writes this row in its
    own transaction (one small upsert); a periodic job recomputes the facts and removes
    the row, unless another change marked it again meanwhile (``mark`` differs)."""

    ticket_id = models.BigIntegerField(primary_key=True)
    mark = models.BigIntegerField()  # random, new at every marking

    class Meta:
        verbose_name = _("ticket with stale facts")
        verbose_name_plural = _("tickets with stale facts")

    def __str__(self) -> str:
        return f"stale {self.ticket_id}"
