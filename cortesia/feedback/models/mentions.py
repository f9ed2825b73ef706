"""Reviews and social mentions, and the sources that post them."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel


class MentionSource(BaseModel):
    """Where mentions come from (a review site, a social network, an app store), with the
    secret its webhook signs with (sealed at rest, shown once)."""

    class Kind(models.TextChoices):
        GOOGLE = "google", _("Google reviews")
        TRUSTPILOT = "trustpilot", _("Trustpilot")
        X = "x", _("X")
        FACEBOOK = "facebook", _("Facebook")
        INSTAGRAM = "instagram", _("Instagram")
        APP_STORE = "app_store", _("App Store")
        PLAY_STORE = "play_store", _("Google Play")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    secret_sealed = models.TextField(blank=True, editable=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("mention source")
        verbose_name_plural = _("mention sources")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FrustrationLevel(models.TextChoices):
    NONE = "none", _("None")
    SOME = "some", _("Some")
    HIGH = "high", _("High")


class Mention(models.Model):
    """A review or post about the business, once per (source, external id)."""

    class Via(models.TextChoices):
        WEBHOOK = "webhook", _("Webhook")
        IMPORT = "import", _("CSV import")
        DEMO = "demo", _("Demo data")

    uid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    source = models.ForeignKey(MentionSource, on_delete=models.PROTECT, related_name="mentions")
    external_id = models.CharField(_("external id"), max_length=200)
    url = models.URLField(_("address"), max_length=2000, blank=True)
    author_handle = models.CharField(_("author handle"), max_length=200, blank=True)
    author_name = models.CharField(_("author name"), max_length=200, blank=True)
    author_email = models.EmailField(_("author e-mail"), blank=True)
    text = models.TextField(_("text"))
    rating = models.DecimalField(_("rating"), max_digits=4, decimal_places=1, null=True, blank=True)
    rating_max = models.PositiveSmallIntegerField(_("best rating"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"))
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    via = models.CharField(_("received through"), max_length=10, choices=Via.choices)
    language = models.CharField(_("language"), max_length=10, blank=True)
    frustration = models.PositiveSmallIntegerField(_("frustration signal"), default=0)
    frustration_level = models.CharField(
        _("frustration"),
        max_length=10,
        choices=FrustrationLevel.choices,
        default=FrustrationLevel.NONE,
    )
    # Which rules fired: ["lexicon:en:refund", "caps", "rating<=2"].
    frustration_signals = models.JSONField(default=list, blank=True)
    customer = models.ForeignKey(
        "customers.Customer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentions",
    )
    ticket = models.ForeignKey(
        "tickets.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="mention_unique"),
        ]
        indexes = [
            models.Index(fields=["published_at", "uid"], name="mention_list_order"),
            models.Index(fields=["frustration_level", "published_at"], name="mention_frustration"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id}:{self.external_id}"


class MentionDelivery(models.Model):
    """A signed webhook body already accepted (its signature's digest), kept for the
    replay window so the same body sent again is refused."""

    digest = models.CharField(max_length=64, unique=True)
    received_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("mention delivery")
        verbose_name_plural = _("mention deliveries")

    def __str__(self) -> str:
        return self.digest[:12]
