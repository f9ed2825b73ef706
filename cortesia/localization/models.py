"""Business-wide choices about how customers are addressed."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel


class RegisterDefault(BaseModel):
    """The register this business uses by default for customers writing in ``language``.

    Without a row the language's own default applies (Finnish informal, the others formal);
    a customer's own preference wins over both.
    """

    class Register(models.TextChoices):
        FORMAL = "formal", _("Formal")
        INFORMAL = "informal", _("Informal")

    language = models.CharField(_("language"), max_length=10, unique=True)
    register = models.CharField(_("register"), max_length=10, choices=Register.choices)

    class Meta:
        verbose_name = _("default register")
        verbose_name_plural = _("default registers")
        ordering = ["language"]

    def __str__(self) -> str:
        return f"{self.language}: {self.register}"
