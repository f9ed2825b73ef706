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
    # the answer bot answers first from the published articles, and hands over to a
    # person when asked or when it has no answer
    answer_bot = models.BooleanField(_("the answer bot answers first"), default=False)
    is_enabled = models.BooleanField(_("enabled"), default=True)

    class Meta:
        verbose_name = _("chat widget site")
        verbose_name_plural = _("chat widget sites")

    def __str__(self) -> str:
        return self.name


class WidgetText(models.Model):
    """A site's own wording of one of the widget's texts, in one language and register
    ("" for any register); without one the widget says the built-in default
    (``chat.site_texts``). ``away`` may hold ``{{ back }}``: when the team is back, in the
    visitor's own time."""

    class Kind(models.TextChoices):
        GREETING = "greeting", _("greeting")
        TAGLINE = "tagline", _("tagline")
        AWAY = "away", _("when the team is away")

    site = models.ForeignKey(
        WidgetSite, verbose_name=_("site"), on_delete=models.CASCADE, related_name="texts"
    )
    kind = models.CharField(_("text"), max_length=10, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=16)
    register = models.CharField(_("register"), max_length=10, blank=True)
    text = models.TextField(_("wording"), max_length=1000)

    class Meta:
        verbose_name = _("chat widget text")
        verbose_name_plural = _("chat widget texts")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "kind", "language", "register"], name="widget_text_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.language} {self.register}"
