"""Customers, their organisations, contact points and the event timeline."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel
from cortesia.culture.local_formats import language_of
from cortesia.culture.names import PersonName, full_name


class Organization(BaseModel):
    """A company a customer belongs to, with its own country and business calendar."""

    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, blank=True)
    # The mail domains of its people ("example.com"), lower-case.
    domains = models.JSONField(_("mail domains"), default=list, blank=True)
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
    # The local hours the customer may be written to unprompted ("10:00-20:00"); "" for
    # the business's contact window.
    contact_hours = models.CharField(_("contact hours"), max_length=11, blank=True)
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
        """Return the whole name as the customer's language writes it (김민준, Nguyễn Văn
        An, Giulia Rossi), or the public id when there is no name."""
        return customer_display_name(
            uid=self.uid,
            given_name=self.given_name,
            given_name2=self.given_name2,
            surname=self.surname,
            surname2=self.surname2,
            language=self.language,
        )


def customer_display_name(
    *,
    uid: uuid.UUID,
    given_name: str,
    given_name2: str,
    surname: str,
    surname2: str,
    language: str,
) -> str:
    """Return a customer's name as ``str(customer)`` does, from the columns alone (for
    lists that read them without building customers)."""
    if not (given_name.strip() or surname.strip()):
        return str(uid)
    name = PersonName(given_name, given_name2, surname, surname2)
    return full_name(name, language_of(language))


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


class CustomerTag(models.Model):
    """One tag of a customer: the indexed copy of ``Customer.tags`` that segments filter on."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="tag_rows")
    tag = models.CharField(_("tag"), max_length=100)

    class Meta:
        verbose_name = _("customer tag")
        verbose_name_plural = _("customer tags")
        constraints = [
            models.UniqueConstraint(fields=["customer", "tag"], name="customer_tag_unique"),
        ]
        indexes = [
            # segments: customers having a tag
            models.Index(fields=["tag", "customer"], name="customer_tag_lookup"),
        ]

    def __str__(self) -> str:
        return self.tag


class CustomerExternalId(models.Model):
    """The customer's id in another system (shop, ERP): the indexed copy of
    ``Customer.external_ids`` that imports and integrations look customers up by."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="external_rows")
    source = models.CharField(_("source"), max_length=50)
    value = models.CharField(_("external id"), max_length=200)

    class Meta:
        verbose_name = _("external id")
        verbose_name_plural = _("external ids")
        constraints = [
            models.UniqueConstraint(fields=["source", "value"], name="customer_external_id_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.value}"


class CustomerEvent(models.Model):
    """One entry of a customer's timeline: every change, order, consent, message…"""

    class Kind(models.TextChoices):
        CREATED = "created", _("Customer created")
        UPDATED = "updated", _("Profile changed")
        MERGED = "merged", _("Duplicate merged in")
        ORDER_PLACED = "order_placed", _("Order placed")
        ORDER_STATUS = "order_status", _("Order status changed")
        CONSENT = "consent", _("Consent recorded")
        TICKET_CREATED = "ticket_created", _("Ticket opened")
        TICKET_SOLVED = "ticket_solved", _("Ticket solved")
        CALL_LOGGED = "call_logged", _("Phone call")
        SURVEY_ANSWERED = "survey_answered", _("Survey answered")
        MENTION = "mention", _("Review or social mention")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    # When the fact happened, not when it was written down: an order imported today was
    # placed on its own date, and the timeline is ordered by it.
    occurred_at = models.DateTimeField(_("time"), default=timezone.now)
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
