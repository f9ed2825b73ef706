"""Whether an agent can take chats now: online (their console beats) and how many at once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AgentPresence(models.Model):
    """``user``'s chat console was last seen at ``last_seen_at``; they take up to
    ``chat_limit`` chats at once. An agent is online while their console beats (see
    ``chat.presence``); ``is_accepting`` is their own switch to pause new chats."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_presence"
    )
    last_seen_at = models.DateTimeField(_("last seen"), null=True, blank=True)
    is_accepting = models.BooleanField(_("accepting chats"), default=True)
    chat_limit = models.PositiveSmallIntegerField(_("chats at once"), default=3)

    class Meta:
        verbose_name = _("agent chat presence")
        verbose_name_plural = _("agent chat presence")

    def __str__(self) -> str:
        return f"{self.user_id} {self.last_seen_at}"
