"""How replies are signed: the agent's own lines per language and the company's name."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AgentSignature(models.Model):
    """Lines an agent adds under their name in replies in one language (a role, a phone
    number); written in that language by the agent."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signatures"
    )
    language = models.CharField(_("language"), max_length=10)
    text = models.TextField(_("signature"), max_length=500)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(fields=["user", "language"], name="agent_signature_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.language}"


class ReplySettings(models.Model):
    """One row: the name replies are signed with under the agent's (empty: the team's)."""

    company_name = models.CharField(_("company name"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("reply settings")
        verbose_name_plural = _("reply settings")

    def __str__(self) -> str:
        return self.company_name
