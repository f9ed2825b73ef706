"""The business's contact window: when customers may be sent what they did not ask for
(surveys, campaigns, proactive messages)."""

from __future__ import annotations

from datetime import time

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactPolicy(models.Model):
    """One row: the local hours every customer may be written to unprompted, and the zone
    and country used for a customer who has neither."""

    window_start = models.TimeField(_("from"), default=time(9, 0))
    window_end = models.TimeField(_("until"), default=time(19, 0))
    default_time_zone = models.CharField(_("default time zone"), max_length=64, blank=True)
    default_country = models.CharField(_("default country"), max_length=2, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contact window")
        verbose_name_plural = _("contact windows")

    def __str__(self) -> str:
        return f"{self.window_start:%H:%M}–{self.window_end:%H:%M}"
