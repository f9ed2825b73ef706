"""Business calendars a business configures for its teams (the maths is in cortesia.culture)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel


class Calendar(BaseModel):
    """Zone, weekly hours, public-holiday source and date overrides of one team or office.

    ``weekly`` is ``{"mon": [["09:00", "13:00"], ["14:00", "18:00"]], …}``; ``overrides`` is
    ``[{"date": "2026-12-24", "intervals": [["09:00", "13:00"]]}, …]`` (an empty list of
    intervals closes the day).
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    time_zone = models.CharField(_("time zone"), max_length=64)
    country = models.CharField(_("holiday country"), max_length=2, blank=True)
    subdivision = models.CharField(_("holiday subdivision"), max_length=10, blank=True)
    weekly = models.JSONField(_("weekly hours"), default=dict)
    overrides = models.JSONField(_("date overrides"), default=list, blank=True)

    class Meta:
        verbose_name = _("business calendar")
        verbose_name_plural = _("business calendars")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
