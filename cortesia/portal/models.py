"""Sign-in links of the customer portal."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SignInLink(models.Model):
    """A single-use link mailed to a customer's address.

    Only the SHA-256 of the token is stored, so the table cannot be used to sign in. A
    link works once, within ``expires_at``, for the address it was sent to.
    """

    digest = models.CharField(max_length=64, unique=True)
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.CASCADE, related_name="sign_in_links"
    )
    address = models.EmailField(_("e-mail address"))
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in link")
        verbose_name_plural = _("sign-in links")

    def __str__(self) -> str:
        return f"{self.customer_id} {self.created_at:%Y-%m-%d %H:%M}"
