"""Where new tickets go and who works when: routing rules, agents' skills and shifts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel


class RoutingRule(BaseModel):
    """Sends new tickets that match the conditions to ``team``; rules are tried by
    ``position`` and an empty condition matches everything."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    countries = models.JSONField(_("countries"), default=list, blank=True)
    channels = models.JSONField(_("channels"), default=list, blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    skills = models.JSONField(
        _("skills needed"),
        default=list,
        blank=True,
        help_text=_("Tickets this rule matches need a team and an agent with these skills."),
    )
    segment = models.ForeignKey(
        "customers.Segment",
        verbose_name=_("customer segment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    team = models.ForeignKey("accounts.Team", verbose_name=_("team"), on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class RoutingSettings(models.Model):
    """One row: how new tickets find a team."""

    follow_the_sun = models.BooleanField(
        _("follow the sun"),
        default=False,
        help_text=_("Prefer a team open now that speaks the ticket's language."),
    )

    class Meta:
        verbose_name = _("routing settings")
        verbose_name_plural = _("routing settings")

    def __str__(self) -> str:
        return str(self.follow_the_sun)


class TeamRouting(models.Model):
    """How a team hands its new tickets to its agents."""

    class Assignment(models.TextChoices):
        QUEUE = "queue", _("Leave in the team queue")
        ROUND_ROBIN = "round_robin", _("Round robin")
        LEAST_OPEN = "least_open", _("Fewest open tickets")

    team = models.OneToOneField("accounts.Team", on_delete=models.CASCADE, related_name="routing")
    assignment = models.CharField(
        _("assignment"), max_length=12, choices=Assignment.choices, default=Assignment.QUEUE
    )
    return_on_shift_end = models.BooleanField(
        _("return untouched tickets when a shift ends"), default=True
    )

    class Meta:
        verbose_name = _("team routing")
        verbose_name_plural = _("team routing")

    def __str__(self) -> str:
        return f"{self.team_id} {self.assignment}"


class AgentProfile(models.Model):
    """What routing knows about an agent: the languages they answer in (empty: their
    teams' languages) and when they last got a ticket (round robin)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agent_profile"
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    last_assigned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("agent profile")
        verbose_name_plural = _("agent profiles")

    def __str__(self) -> str:
        return str(self.user_id)


class AgentShift(models.Model):
    """A weekly working interval of an agent, in the agent's own time zone."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shifts"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"))  # 0 = Monday
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"))

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        constraints = [
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="shift_weekday"),
            models.CheckConstraint(
                condition=models.Q(starts__lt=models.F("ends")), name="shift_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.weekday} {self.starts}–{self.ends}"
