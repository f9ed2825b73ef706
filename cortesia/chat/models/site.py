"""A website that embeds the chat widget: where it may be embedded and who answers it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel


class WidgetSite(BaseModel):
    """One embedding of the widget. The widget's requests are answered only for pages whose
    ``Origin`` is in ``allowed_origins`` (scheme, host and port, e.g.
    ``https://shop.example.com``); chats it starts go to ``team`` (else the routing rules)."""

    name = models.CharField(_("name"), max_length=100)
    allowed_origins = models.JSONField(_("allowed origins"), default=list, blank=True)
    default_language = models.CharField(_("default language"), max_length=16, default="en")
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requires_consent = models.BooleanField(_("asks for consent before a chat"), default=False)
    accepts_attachments = models.BooleanField(_("accepts attachments"), default=True)
    is_enabled = models.BooleanField(_("enabled"), default=True)

    class Meta:
        verbose_name = _("chat widget site")
        verbose_name_plural = _("chat widget sites")

    def __str__(self) -> str:
        return self.name
