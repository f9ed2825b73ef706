"""Survey definitions: the kind and its scale, when it is sent, to whom, and its texts."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel


class SurveyKind(models.TextChoices):
    CSAT = "csat", _("CSAT (1–5)")
    CSAT2 = "csat2", _("CSAT, good or bad")
    NPS = "nps", _("NPS (0–10)")
    CES = "ces", _("CES 2.0 (1–7)")


# The lowest and highest score of each kind's scale.
SCALES: dict[str, tuple[int, int]] = {
    SurveyKind.CSAT: (1, 5),
    SurveyKind.CSAT2: (1, 2),
    SurveyKind.NPS: (0, 10),
    SurveyKind.CES: (1, 7),
}
# A score at or below this is low (can open a follow-up ticket) unless a survey says otherwise.
LOW_SCORE_MAX: dict[str, int] = {
    SurveyKind.CSAT: 2,
    SurveyKind.CSAT2: 1,
    SurveyKind.NPS: 6,
    SurveyKind.CES: 3,
}


class SurveyTrigger(models.TextChoices):
    TICKET_SOLVED = "ticket_solved", _("A ticket is solved")
    ORDER_DELIVERED = "order_delivered", _("An order is delivered")
    RELATIONSHIP = "relationship", _("Every few days, to a segment")


class SurveyChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    PORTAL = "portal", _("Customer portal")
    API = "api", _("API (another system asks)")


class Survey(BaseModel):
    """One survey: a kind with its scale, a trigger and its conditions, and texts
    (``SurveyText``) per language × register."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=SurveyKind.choices)
    is_active = models.BooleanField(_("active"), default=True)
    trigger = models.CharField(_("trigger"), max_length=20, choices=SurveyTrigger.choices)
    delay_minutes = models.PositiveIntegerField(_("delay after the trigger (minutes)"), default=120)
    channel = models.CharField(
        _("channel"), max_length=10, choices=SurveyChannel.choices, default=SurveyChannel.EMAIL
    )
    ask_comment = models.BooleanField(_("ask for a comment"), default=True)
    follow_up_low = models.BooleanField(_("open a follow-up ticket on a low score"), default=True)
    # None: the kind's default (LOW_SCORE_MAX).
    low_score_max = models.SmallIntegerField(_("low score: at most"), null=True, blank=True)
    # Conditions; an empty list matches everything.
    teams = models.ManyToManyField(
        "accounts.Team", verbose_name=_("teams"), blank=True, related_name="+"
    )
    channels = models.JSONField(_("ticket channels"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    countries = models.JSONField(_("countries"), default=list, blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    segment = models.ForeignKey(
        "customers.Segment",
        verbose_name=_("segment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Relationship surveys: every this many days, next at ``next_run_at``.
    every_days = models.PositiveIntegerField(_("every (days)"), default=90)
    next_run_at = models.DateTimeField(_("next run"), null=True, blank=True)
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def scale(self) -> tuple[int, int]:
        return SCALES[self.kind]

    @property
    def low_max(self) -> int:
        return LOW_SCORE_MAX[self.kind] if self.low_score_max is None else self.low_score_max


class QuestionKind(models.TextChoices):
    CHOICE = "choice", _("Single choice")
    SCALE = "scale", _("Scale")
    TEXT = "text", _("Text")


class SurveyQuestion(models.Model):
    """One of up to three extra questions after the score. Its wording is the text
    ``q<position>`` and each choice's ``q<position>.<choice>``."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"))  # 1, 2 or 3
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    # Choice keys ("speed", "price"); the words are texts.
    choices = models.JSONField(_("choices"), default=list, blank=True)
    scale_min = models.SmallIntegerField(_("lowest"), default=1)
    scale_max = models.SmallIntegerField(_("highest"), default=5)
    is_required = models.BooleanField(_("required"), default=False)

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "position"], name="survey_question_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}:q{self.position}"

    @property
    def key(self) -> str:
        return f"q{self.position}"


class SurveyText(models.Model):
    """One variant of one of a survey's texts, for a language and register ("" = the
    language's default). Keys: ``question``, ``label.<score>``, ``comment``, ``thanks``,
    ``follow_up``, ``mail_subject``, ``mail_body``, ``q<n>`` and ``q<n>.<choice>``."""

    class Register(models.TextChoices):
        DEFAULT = "", _("Default")
        FORMAL = "formal", _("Formal")
        INFORMAL = "informal", _("Informal")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="texts")
    key = models.CharField(_("text"), max_length=40)
    language = models.CharField(_("language"), max_length=10)
    register = models.CharField(
        _("register"), max_length=10, choices=Register.choices, blank=True, default=""
    )
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("survey text")
        verbose_name_plural = _("survey texts")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "key", "language", "register"], name="survey_text_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.language}:{self.register or '-'}"
