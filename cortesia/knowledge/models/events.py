"""The history of the knowledge base: every change of an article, in the order it
happened, for the editors' history, the webhooks and the reports to read."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleEvent(models.Model):
    """One change of an article or of one of its translations (``language`` set)."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Article created")
        SAVED = "saved", _("Text saved")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")
        RESTORED = "restored", _("Earlier version restored")
        CHANGED = "changed", _("Settings changed")

    article = models.ForeignKey(
        "knowledge.Article", on_delete=models.CASCADE, related_name="events"
    )
    language = models.CharField(_("language"), max_length=16, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("article event")
        verbose_name_plural = _("article events")
        indexes = [
            # an article's history, newest first
            models.Index(fields=["article", "created_at"], name="knowledge_event_article"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} {self.kind}"
