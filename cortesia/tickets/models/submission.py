"""One-time keys of reply submissions: a form sent twice or an API request retried stores
one reply and mails the customer once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.tickets.models.message import TicketMessage
from cortesia.tickets.models.ticket import Ticket


class ReplySubmission(models.Model):
    """A submission key used by ``user``. The unique constraint is the guard: of two
    concurrent requests with one key, the second waits for the first and then fails to
    insert, so it returns the first one's message instead of storing another."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("submission key"), max_length=100)
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="+")
    message = models.ForeignKey(
        TicketMessage, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reply submission")
        verbose_name_plural = _("reply submissions")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="reply_submission_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.key}"
