"""What staff are told about their tickets, and how each of them wants to be told.

A notification is written in the transaction of the ticket change it reports, so it
exists exactly when the change does. Its e-mail is sent later, by a task, in batches per
ticket (see :mod:`cortesia.notifications.mailing`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel


class Kind(models.TextChoices):
    ASSIGNED = "assigned", _("A ticket is assigned to me")
    CUSTOMER_REPLIED = "customer_replied", _("A customer answers a ticket of mine")
    MENTIONED = "mentioned", _("Someone mentions me in an internal note")
    SLA_WARNING = "sla_warning", _("An SLA target of my ticket is close")
    SLA_BREACHED = "sla_breached", _("An SLA target of my ticket is missed")
    UNASSIGNED = "unassigned", _("A ticket of my team stays without an assignee")
    RULE = "rule", _("A rule asked to tell me")
    SURVEY_LOW = "survey_low", _("A customer gives my team a low survey score")


class Channel(models.TextChoices):
    IN_APP = "in_app", _("In the app")
    EMAIL = "email", _("By e-mail")


# What a person is told when they never chose: everything in the app, and by e-mail only
# what asks for them personally (an assignment, a mention, a rule that names them). A
# breach is mailed by its SLA policy ("notify on breach"),
# so it is not mailed a second time here unless the person asks for it.
DEFAULT_EMAIL = frozenset({Kind.ASSIGNED, Kind.MENTIONED, Kind.RULE})


def default_enabled(kind: str, channel: str) -> bool:
    return channel == Channel.IN_APP or kind in DEFAULT_EMAIL


class Notification(BaseModel):
    """One thing a staff member is told about a ticket."""

    class Mail(models.TextChoices):
        NONE = "none", _("not mailed")
        PENDING = "pending", _("waiting to be mailed")
        SENT = "sent", _("mailed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    ticket = models.ForeignKey(
        "tickets.Ticket",
        verbose_name=_("ticket"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The ticket change reported (none for the unassigned-ticket scan's reminders).
    event = models.ForeignKey(
        "tickets.TicketEvent",
        verbose_name=_("ticket event"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # What the sentence names as it was then: {"actor": display name, "target": ...}.
    data = models.JSONField(_("details"), default=dict, blank=True)
    # Only the in-app list shows it (the person turned the app channel off: mail only).
    is_listed = models.BooleanField(_("listed in the app"), default=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    mail = models.CharField(_("e-mail"), max_length=10, choices=Mail.choices, default=Mail.NONE)
    # When a waiting e-mail is due: the end of its batching window, or the start of the
    # person's next shift.
    mail_due_at = models.DateTimeField(_("e-mail due at"), null=True, blank=True)
    mailed_at = models.DateTimeField(_("mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            # the bell and the list: my unread notifications, newest first
            models.Index(
                fields=["recipient", "-created_at"],
                condition=models.Q(read_at__isnull=True, is_listed=True),
                name="notification_unread",
            ),
            # the list page: all of mine, newest first
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_mine"),
            # the mailer: one person's waiting notifications of one ticket, and the sweep
            models.Index(
                fields=["recipient", "ticket"],
                condition=models.Q(mail="pending"),
                name="notification_mail_pending",
            ),
            # the sweep: waiting e-mails that are due
            models.Index(
                fields=["mail_due_at"],
                condition=models.Q(mail="pending"),
                name="notification_mail_due",
            ),
            # the batching window: when this person was last mailed about this ticket
            models.Index(
                fields=["recipient", "ticket", "-mailed_at"],
                condition=models.Q(mail="sent"),
                name="notification_mail_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} {self.kind} {self.ticket_id}"


class NotificationPreference(models.Model):
    """A person's choice for one kind on one channel; without a row the default holds
    (:func:`default_enabled`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    is_enabled = models.BooleanField(_("enabled"))

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "channel"], name="notification_preference_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.channel} {self.is_enabled}"


class NotificationSettings(models.Model):
    """Business-wide notification settings; a single row with ``pk=1`` (without it, the
    defaults of the deployment's settings apply)."""

    unassigned_minutes = models.PositiveIntegerField(
        _("minutes without an assignee"),
        help_text=_(
            "The members of a team are told about an open ticket of theirs that has had no "
            "assignee for this long, once each time."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="notification_settings_single"),
            models.CheckConstraint(
                condition=models.Q(unassigned_minutes__gte=1, unassigned_minutes__lte=10080),
                name="notification_settings_minutes",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Notification settings"))


class UnassignedSpell(models.Model):
    """A claimed reminder: a ticket left without an assignee since ``started_at`` was
    reported to its team. One row per spell, so the scan tells each spell once."""

    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(_("unassigned since"))
    reported_at = models.DateTimeField(_("reported at"))

    class Meta:
        verbose_name = _("unassigned ticket reminder")
        verbose_name_plural = _("unassigned ticket reminders")
        constraints = [
            models.UniqueConstraint(fields=["ticket", "started_at"], name="unassigned_spell_once")
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.started_at:%Y-%m-%d %H:%M}"
