"""Deflection: an article suggested where a customer was about to ask us, opened, and
the question then not sent."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SuggestionOpen(models.Model):
    """A customer opened an article we suggested while they typed a request (the portal's
    new-request form) or a chat message (the widget). ``session`` is a digest of the
    form's or the visitor's random id, never an address. ``request_at`` is set when the
    same session then sends its request: an open without it is a deflected request."""

    class Place(models.TextChoices):
        PORTAL = "portal", _("New-request form")
        WIDGET = "widget", _("Chat widget")

    place = models.CharField(_("where"), max_length=10, choices=Place.choices)
    session = models.CharField(max_length=64)
    language = models.CharField(_("language"), max_length=16)
    translation = models.ForeignKey(
        "knowledge.ArticleTranslation", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    typed = models.CharField(_("typed"), max_length=200, blank=True)
    opened_at = models.DateTimeField(_("opened at"))
    request_at = models.DateTimeField(_("request sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("suggestion opened")
        verbose_name_plural = _("suggestions opened")
        constraints = [
            # opening the same suggestion again in one session counts once
            models.UniqueConstraint(
                fields=["place", "session", "translation"], name="knowledge_open_once"
            ),
        ]
        indexes = [
            # a request sent: the session's opens without one
            models.Index(fields=["session", "request_at"], name="knowledge_open_session"),
            # the reports: opens in a period
            models.Index(fields=["opened_at"], name="knowledge_open_time"),
        ]

    def __str__(self) -> str:
        return f"{self.place} {self.translation_id}"
