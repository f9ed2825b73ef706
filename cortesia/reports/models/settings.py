"""The business's report settings (one row) and who receives the weekly report."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportSettings(models.Model):
    """The choices every report shares."""

    reporting_currency = models.CharField(_("reporting currency"), max_length=3, default="EUR")
    lost_after_days = models.PositiveIntegerField(
        _("a customer is lost after (days without an order)"),
        default=180,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    one_touch_reopen_days = models.PositiveIntegerField(
        _("a reopen within (business days) breaks a one-touch resolution"),
        default=5,
        validators=[MinValueValidator(0), MaxValueValidator(90)],
    )
    margin_percent = models.DecimalField(
        _("gross margin (%) used in CLTV"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(100),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("report settings")
        verbose_name_plural = _("report settings")

    def __str__(self) -> str:
        return "report settings"


class WeeklyReportSubscription(models.Model):
    """A manager (or administrator) who receives the weekly report on Monday at 08:00 in
    their own time zone. ``last_week`` is the ISO week (e.g. "2026-W49") last sent, so a
    week is mailed once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="weekly_report"
    )
    last_week = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("weekly report subscription")
        verbose_name_plural = _("weekly report subscriptions")

    def __str__(self) -> str:
        return f"weekly report for {self.user_id}"
