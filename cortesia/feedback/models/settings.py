"""The business's feedback settings: one row."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


def _default_excluded_tags() -> list[str]:
    return ["spam"]


class FeedbackSettings(models.Model):
    """How often a customer may be asked, whether consent is required, and how long
    links live. The contact window itself is the customers app's (campaigns share it)."""

    throttle_days = models.PositiveIntegerField(
        _("at most one survey per customer every (days)"), default=14
    )
    consent_required = models.BooleanField(
        _("survey only customers who consented to surveys"), default=False
    )
    # Tickets carrying one of these tags are never surveyed (solved as spam).
    excluded_tags = models.JSONField(
        _("tags that skip surveys"), default=_default_excluded_tags, blank=True
    )
    link_days = models.PositiveIntegerField(_("answer links valid (days)"), default=30)
    change_days = models.PositiveIntegerField(_("answers may be changed for (days)"), default=7)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("feedback settings")
        verbose_name_plural = _("feedback settings")

    def __str__(self) -> str:
        return "feedback settings"
