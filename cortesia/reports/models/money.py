"""Exchange rates and acquisition spend: what turns orders in many currencies into one
reporting currency, and what customer acquisition cost is divided from."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel


class ExchangeRate(models.Model):
    """Units of ``currency`` one euro bought on ``day`` (the ECB's euro reference rates).
    A rate between two other currencies is crossed through the euro."""

    day = models.DateField(_("day"))
    currency = models.CharField(_("currency"), max_length=3)
    per_euro = models.DecimalField(_("units per euro"), max_digits=18, decimal_places=6)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["currency", "day"], name="rate_currency_day"),
            models.CheckConstraint(condition=models.Q(per_euro__gt=0), name="rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.day} EUR/{self.currency} {self.per_euro}"


class AcquisitionSpend(BaseModel):
    """What was spent to win customers from ``starts_on`` to ``ends_on`` (both included)
    through one channel in one country ("" for every country)."""

    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    channel = models.CharField(_("channel"), max_length=100)
    country = models.CharField(_("country"), max_length=2, blank=True)
    currency = models.CharField(_("currency"), max_length=3)
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("acquisition spend")
        verbose_name_plural = _("acquisition spend")
        ordering = ["-starts_on", "channel", "country"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="spend_period_order"
            ),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="spend_not_negative"),
        ]
        indexes = [models.Index(fields=["starts_on", "ends_on"], name="spend_period")]

    def __str__(self) -> str:
        return f"{self.starts_on}–{self.ends_on} {self.channel} {self.country} {self.amount}"
