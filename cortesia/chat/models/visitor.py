"""A person using the widget on a site, known by the token the widget keeps for them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel


class Visitor(BaseModel):
    """A browser that opened the widget. ``customer`` is the profile their chats belong to:
    a new one made for them when they first write, replaced by an existing customer only
    after they prove they own that customer's e-mail address. ``token_version`` is part of
    every token signed for them; raising it revokes those tokens."""

    site = models.ForeignKey(
        "chat.WidgetSite", verbose_name=_("site"), on_delete=models.CASCADE, related_name="+"
    )
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("name as typed"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=16)
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    token_version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("chat visitor")
        verbose_name_plural = _("chat visitors")

    def __str__(self) -> str:
        return self.name or str(self.uid)


class EmailVerification(models.Model):
    """A code mailed to an address a visitor says is theirs. Only its hash is kept; it
    expires, allows a few attempts, and is used once. Proving the address links the
    visitor's chats to the customer who has it (``chat.identity``)."""

    visitor = models.ForeignKey(Visitor, on_delete=models.CASCADE, related_name="+")
    address = models.EmailField(_("e-mail address"))
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail verification")
        verbose_name_plural = _("e-mail verifications")
        indexes = [
            # the visitor's latest code, when they type it
            models.Index(fields=["visitor", "created_at"], name="chat_verification_visitor"),
        ]

    def __str__(self) -> str:
        return f"{self.visitor_id} {self.created_at}"
