"""Canned responses with a variant per language and register."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel


class CannedResponse(BaseModel):
    """A reply template with one variant per language and register."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("canned response")
        verbose_name_plural = _("canned responses")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CannedVariant(models.Model):
    """The text of a canned response in one language; ``register`` "" is the language's
    default variant, used when no variant for the customer's register exists."""

    class Register(models.TextChoices):
        DEFAULT = "", _("Any register")
        FORMAL = "formal", _("Formal")
        INFORMAL = "informal", _("Informal")

    response = models.ForeignKey(CannedResponse, on_delete=models.CASCADE, related_name="variants")
    language = models.CharField(_("language"), max_length=10)
    register = models.CharField(
        _("register"), max_length=10, choices=Register.choices, blank=True, default=""
    )
    body = models.TextField(_("text"))

    class Meta:
        verbose_name = _("canned response variant")
        verbose_name_plural = _("canned response variants")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "language", "register"], name="canned_variant_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id} {self.language} {self.register or '*'}"
