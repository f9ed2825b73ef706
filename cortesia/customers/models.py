"""Customers, their organisations, contact points and the event timeline."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel


class Organization(BaseModel):
    """A company a customer belongs to, with its own country and business calendar."""

    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, blank=True)
    calendar = models.ForeignKey(
        "calendars.Calendar",
        verbose_name=_("business calendar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Customer(BaseModel):
    """A person the business serves, with the cultural profile every message is built from."""

    class Title(models.TextChoices):
        MR = "mr", _("Mr")
        MS = "ms", _("Ms")
        MRS = "mrs", _("Mrs")
        MISS = "miss", _("Miss")
        MX = "mx", _("Mx")
        DR = "dr", _("Dr")
        PROF = "prof", _("Prof.")

    class RegisterPreference(models.TextChoices):
        AUTO = "auto", _("Automatic (country and language default)")
        FORMAL = "formal", _("Formal")
        INFORMAL = "informal", _("Informal")

    class LanguageSource(models.TextChoices):
        EXPLICIT = "explicit", _("Chosen")
        DETECTED = "detected", _("Detected from messages")
        COUNTRY = "country", _("From the country")

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Phone")
        SMS = "sms", _("SMS")
        CHAT = "chat", _("Chat")
        WHATSAPP = "whatsapp", _("WhatsApp")

    given_name = models.CharField(_("given name"), max_length=150, blank=True)
    given_name2 = models.CharField(_("second given name"), max_length=150, blank=True)
    surname = models.CharField(_("surname"), max_length=150, blank=True)
    surname2 = models.CharField(_("second surname"), max_length=150, blank=True)
    title = models.CharField(_("title"), max_length=10, choices=Title.choices, blank=True)
    credentials = models.CharField(_("credentials"), max_length=100, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="customers",
    )
    country = models.CharField(_("country"), max_length=2, blank=True)
    subdivision = models.CharField(_("subdivision"), max_length=10, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    language_source = models.CharField(
        _("language source"), max_length=10, choices=LanguageSource.choices, blank=True
    )
    register_preference = models.CharField(
        _("register"),
        max_length=10,
        choices=RegisterPreference.choices,
        default=RegisterPreference.AUTO,
    )
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    preferred_channel = models.CharField(
        _("preferred channel"), max_length=10, choices=Channel.choices, blank=True
    )
    tags = models.JSONField(_("tags"), default=list, blank=True)
    external_ids = models.JSONField(_("external ids"), default=dict, blank=True)
    custom_fields = models.JSONField(_("custom fields"), default=dict, blank=True)
    # Incremented on every change; the API's ETag and the edit form's stale-write check.
    version = models.PositiveIntegerField(default=1)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    # Folded name, e-mails and phone digits for accent-insensitive search.
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        indexes = [
            # customer lists: newest first with a stable cursor
            models.Index(fields=["created_at", "uid"], name="customer_list_order"),
        ]

    def __str__(self) -> str:
        return " ".join(part for part in (self.given_name, self.surname) if part) or str(self.uid)


class CustomerEmail(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="emails")
    address = models.EmailField(_("e-mail address"), unique=True)  # stored lower-case
    is_primary = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("e-mail address")
        verbose_name_plural = _("e-mail addresses")

    def __str__(self) -> str:
        return self.address


class CustomerPhone(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="phones")
    e164 = models.CharField(_("phone number"), max_length=20, unique=True)
    region = models.CharField(_("region"), max_length=2, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    is_primary = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")

    def __str__(self) -> str:
        return self.e164


class CustomerEvent(models.Model):
    """One entry of a customer's timeline: every change, order, consent, message…"""

    class Kind(models.TextChoices):
        CREATED = "created", _("Customer created")
        UPDATED = "updated", _("Profile changed")
        MERGED = "merged", _("Duplicate merged in")
        ORDER_PLACED = "order_placed", _("Order placed")
        ORDER_STATUS = "order_status", _("Order status changed")
        CONSENT = "consent", _("Consent recorded")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("time"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("customer event")
        verbose_name_plural = _("customer events")
        indexes = [
            # timeline: one customer's events in time order, paginated by (time, uid)
            models.Index(fields=["customer", "occurred_at", "uid"], name="customer_timeline"),
        ]

    def __str__(self) -> str:
        return f"{self.customer_id} {self.kind}"


class Order(BaseModel):
    """A purchase, in its own currency. Created once per (source, number): re-sending it
    changes nothing."""

    class Status(models.TextChoices):
        PLACED = "placed", _("Placed")
        PAID = "paid", _("Paid")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")
        RETURNED = "returned", _("Returned")
        CANCELLED = "cancelled", _("Cancelled")

    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.PROTECT, related_name="orders"
    )
    source = models.CharField(_("source"), max_length=50, default="api")
    number = models.CharField(_("order number"), max_length=100)
    placed_at = models.DateTimeField(_("placed at"))
    currency = models.CharField(_("currency"), max_length=3)
    total = models.DecimalField(_("total"), max_digits=18, decimal_places=4)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLACED
    )

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        constraints = [
            models.UniqueConstraint(fields=["source", "number"], name="order_source_number"),
            models.CheckConstraint(condition=models.Q(total__gte=0), name="order_total_positive"),
        ]
        indexes = [
            # a customer's orders by date (profile, segments on order count/amount)
            models.Index(fields=["customer", "placed_at"], name="order_customer_placed"),
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.number}"


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    sku = models.CharField(_("SKU"), max_length=100, blank=True)
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=100, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price = models.DecimalField(_("unit price"), max_digits=18, decimal_places=4)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")

    def __str__(self) -> str:
        return f"{self.quantity} × {self.name}"


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
