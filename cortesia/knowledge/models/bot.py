"""The answer bot's record: each chat it answered first, each answer it gave or could not
give, and how it ended (the visitor was helped, asked for a person, or left)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class BotSession(models.Model):
    """The bot's part of one chat, from the visitor's first message to its outcome."""

    class Outcome(models.TextChoices):
        OPEN = "open", _("in progress")
        RESOLVED = "resolved", _("resolved by the bot")
        HANDED_OVER = "handed_over", _("handed over to a person")
        LEFT = "left", _("visitor left")

    conversation = models.OneToOneField(
        "chat.Conversation", on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language"), max_length=16)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.OPEN
    )
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        verbose_name = _("answer-bot session")
        verbose_name_plural = _("answer-bot sessions")
        indexes = [
            # the reports: sessions started in a period, by outcome
            models.Index(fields=["started_at", "outcome"], name="knowledge_bot_started"),
        ]

    def __str__(self) -> str:
        return f"{self.conversation_id} {self.outcome}"


class BotReply(models.Model):
    """One question the bot was asked and what it did: the passage it offered with its
    confidence, or nothing (below the threshold); then whether the visitor said it
    helped."""

    session = models.ForeignKey(BotSession, on_delete=models.CASCADE, related_name="replies")
    question = models.TextField(_("question"))
    translation = models.ForeignKey(
        "knowledge.ArticleTranslation", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    passage = models.PositiveSmallIntegerField(default=0)
    confidence = models.FloatField(_("confidence"), default=0.0)
    answered = models.BooleanField(_("answered"))
    helped = models.BooleanField(_("helped"), null=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("answer-bot reply")
        verbose_name_plural = _("answer-bot replies")
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return f"{self.session_id} {self.answered}"
