"""Consent decisions, kept as proof."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.customers.models.profiles import Customer


class ConsentRecord(models.Model):
    """One consent decision, kept forever as proof (GDPR Art. 7(1)); the newest record per
    (purpose, channel) is the customer's current choice."""

    class Purpose(models.TextChoices):
        SERVICE = "service", _("Service messages")
        MARKETING = "marketing", _("Marketing")
        SURVEYS = "surveys", _("Surveys")
        PROFILING = "profiling", _("Profiling")

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("SMS")
        PHONE = "phone", _("Phone")
        WHATSAPP = "whatsapp", _("WhatsApp")
        ANY = "any", _("Any channel")

    class Status(models.TextChoices):
        GRANTED = "granted", _("Granted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Source(models.TextChoices):
        FORM = "form", _("Web form")
        IMPORT = "import", _("Import")
        API = "api", _("API")
        AGENT = "agent", _("Recorded by staff")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    text_shown = models.TextField(_("text shown"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        indexes = [
            # current consent: newest record per customer, purpose and channel
            models.Index(
                fields=["customer", "purpose", "channel", "recorded_at"], name="consent_current"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purpose}/{self.channel}: {self.status}"
