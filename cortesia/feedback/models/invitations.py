"""Invitations to answer a survey (when, in which zone, in what state) and the answers."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.feedback.models.surveys import Survey, SurveyChannel, SurveyKind


class InvitationState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    SENT = "sent", _("Sent")
    ANSWERED = "answered", _("Answered")
    EXPIRED = "expired", _("Expired")
    SUPPRESSED = "suppressed", _("Not sent")


class SuppressedReason(models.TextChoices):
    THROTTLED = "throttled", _("The customer had another survey recently")
    NO_CONSENT = "no_consent", _("No consent to surveys")
    WITHDRAWN = "withdrawn", _("The customer said no to surveys")
    MERGED_CUSTOMER = "merged_customer", _("The customer was merged into another")
    NO_ADDRESS = "no_address", _("No e-mail address")
    NO_MAILBOX = "no_mailbox", _("No mailbox to send from")
    EXCLUDED_TAG = "excluded_tag", _("The ticket has a tag surveys skip (spam)")
    MERGED_TICKET = "merged_ticket", _("The ticket was merged into another")
    REOPENED = "reopened", _("The ticket was reopened before the survey left")
    SURVEY_OFF = "survey_off", _("The survey was switched off")
    AUTOMATIC = "automatic", _("The request came from an automatic sender")


class SurveyInvitation(models.Model):
    """One customer asked once: scheduled for the first instant of their contact window,
    then sent (the token's digest kept), answered, expired or suppressed with a reason.

    ``dedupe_key`` names the occasion (``ticket:<uid>``, ``order:<uid>``,
    ``run:<date>:<customer uid>``) so one occasion never invites twice."""

    uid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="invitations")
    kind = models.CharField(_("kind"), max_length=10, choices=SurveyKind.choices)
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.CASCADE, related_name="survey_invitations"
    )
    ticket = models.ForeignKey(
        "tickets.Ticket", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    order = models.ForeignKey(
        "customers.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=SurveyChannel.choices)
    dedupe_key = models.CharField(max_length=200, unique=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=InvitationState.choices,
        default=InvitationState.SCHEDULED,
    )
    suppressed_reason = models.CharField(
        _("why not sent"), max_length=20, choices=SuppressedReason.choices, blank=True
    )
    trigger_at = models.DateTimeField(_("triggered at"))
    scheduled_for = models.DateTimeField(_("scheduled for"))
    time_zone = models.CharField(_("time zone"), max_length=64)
    zone_source = models.CharField(_("zone from"), max_length=10)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # SHA-256 of the answer link's token (256 random bits); the token is only in the mail.
    token_digest = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # What the invitation was rendered in (set when sent).
    language = models.CharField(_("language"), max_length=10, blank=True)
    register = models.CharField(_("register"), max_length=10, blank=True)
    # Copied for reporting when scheduled: who served the customer and where.
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ticket_channel = models.CharField(_("ticket channel"), max_length=10, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    outbound = models.ForeignKey(
        "mail.OutboundMail", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        indexes = [
            # the dispatcher: scheduled invitations that are due, oldest first
            models.Index(
                fields=["scheduled_for"],
                condition=models.Q(state="scheduled"),
                name="invitation_due",
            ),
            # expiry: sent invitations by when their link ends
            models.Index(
                fields=["expires_at"],
                condition=models.Q(state="sent"),
                name="invitation_expiry",
            ),
            # throttling: a customer's recent invitations
            models.Index(fields=["customer", "created_at"], name="invitation_customer"),
            models.Index(fields=["ticket"], name="invitation_ticket"),
            # the API list, newest first with a stable cursor
            models.Index(fields=["created_at", "uid"], name="invitation_list_order"),
            # response rates: the invitations sent in a period (and which were answered)
            models.Index(
                fields=["sent_at"],
                include=["answered_at", "team", "agent"],
                condition=models.Q(sent_at__isnull=False),
                name="invitation_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.uid}"


class SurveyResponse(models.Model):
    """A customer's answer to one invitation, with the facts reports group by copied in.
    Agents never edit it; the customer may change it for ``change_days``."""

    class Via(models.TextChoices):
        PAGE = "page", _("Survey page")
        PORTAL = "portal", _("Customer portal")
        API = "api", _("API")

    uid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    invitation = models.OneToOneField(
        SurveyInvitation, on_delete=models.CASCADE, related_name="response"
    )
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    kind = models.CharField(_("kind"), max_length=10, choices=SurveyKind.choices)
    score = models.SmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)
    # Extra questions: {"q1": "speed", "q2": 4, "q3": "text"}.
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.CASCADE, related_name="survey_responses"
    )
    ticket = models.ForeignKey(
        "tickets.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    channel = models.CharField(_("channel"), max_length=10, blank=True)  # the ticket's
    language = models.CharField(_("language"), max_length=10, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    via = models.CharField(_("answered through"), max_length=10, choices=Via.choices)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"))
    changed_at = models.DateTimeField(_("changed at"), null=True, blank=True)
    is_low = models.BooleanField(_("low score"), default=False)
    follow_up_ticket = models.ForeignKey(
        "tickets.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        indexes = [
            # the feedback page and reports: newest first, by kind or team
            models.Index(fields=["answered_at", "uid"], name="response_list_order"),
            models.Index(fields=["kind", "answered_at"], name="response_kind"),
            models.Index(fields=["team", "answered_at"], name="response_team"),
            models.Index(fields=["ticket"], name="response_ticket"),
            models.Index(fields=["customer", "answered_at"], name="response_customer"),
            # the feedback page's market filters, newest first
            models.Index(fields=["language", "answered_at"], name="response_language"),
            models.Index(fields=["country", "answered_at"], name="response_country"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.score}"
