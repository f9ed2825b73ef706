"""Tickets, their conversation and the event row written for every change."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel


class Ticket(BaseModel):
    """A customer's request, numbered for humans (#1042) and identified by ``uid`` in URLs."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        OPEN = "open", _("Open")
        PENDING = "pending", _("Pending (waiting on the customer)")
        ON_HOLD = "on_hold", _("On hold")
        SOLVED = "solved", _("Solved")
        CLOSED = "closed", _("Closed")

    class Priority(models.TextChoices):
        LOW = "low", _("Low")
        NORMAL = "normal", _("Normal")
        HIGH = "high", _("High")
        URGENT = "urgent", _("Urgent")

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        WEB = "web", _("Web form")
        CHAT = "chat", _("Chat")
        PHONE = "phone", _("Phone")
        SOCIAL = "social", _("Social media")
        API = "api", _("API")

    number = models.PositiveIntegerField(_("number"), unique=True)
    subject = models.CharField(_("subject"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tickets",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_tickets",
    )
    language = models.CharField(_("language"), max_length=10, blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    skills = models.JSONField(_("skills needed"), default=list, blank=True)
    custom_fields = models.JSONField(_("custom fields"), default=dict, blank=True)
    # Incremented on every change of a field staff can edit: the ETag and stale-write check.
    version = models.PositiveIntegerField(default=1)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    solved_at = models.DateTimeField(_("solved at"), null=True, blank=True)
    agent_reply_count = models.PositiveIntegerField(default=0)
    customer_reply_count = models.PositiveIntegerField(default=0)
    reopen_count = models.PositiveIntegerField(default=0)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    # The nearest due time of the ticket's running SLA clocks, kept by the ticket services
    # so inboxes sort by urgency from an index instead of aggregating clocks.
    sla_due_at = models.DateTimeField(_("next SLA deadline"), null=True, blank=True)

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        indexes = [
            # inboxes: a team's (or an agent's) open tickets, most urgent first
            models.Index(
                fields=["team", "sla_due_at", "created_at"],
                condition=models.Q(status__in=["new", "open", "pending", "on_hold"]),
                name="ticket_team_urgency",
            ),
            models.Index(
                fields=["assignee", "sla_due_at", "created_at"],
                condition=models.Q(status__in=["new", "open", "pending", "on_hold"]),
                name="ticket_assignee_urgency",
            ),
            models.Index(
                fields=["sla_due_at", "created_at"],
                condition=models.Q(status__in=["new", "open", "pending", "on_hold"]),
                name="ticket_urgency",
            ),
            # team inboxes: a team's tickets in a status, newest first
            models.Index(fields=["team", "status", "created_at"], name="ticket_team_inbox"),
            # "mine": an agent's tickets in a status
            models.Index(fields=["assignee", "status", "created_at"], name="ticket_assignee_inbox"),
            # a customer's other tickets on the customer and ticket pages
            models.Index(fields=["customer", "created_at"], name="ticket_customer"),
            # cursor pagination of the API list
            models.Index(fields=["created_at", "uid"], name="ticket_list_order"),
        ]

    def __str__(self) -> str:
        return f"#{self.number} {self.subject}"


class TicketCounter(models.Model):
    """One row holding the last ticket number handed out."""

    last_number = models.PositiveIntegerField(default=1000)

    class Meta:
        verbose_name = _("ticket counter")
        verbose_name_plural = _("ticket counters")

    def __str__(self) -> str:
        return str(self.last_number)


class TicketMessage(models.Model):
    """A public reply or an internal note; the HTML is sanitized before it is stored."""

    class Kind(models.TextChoices):
        REPLY = "reply", _("Public reply")
        NOTE = "note", _("Internal note")

    class CallDirection(models.TextChoices):
        INBOUND = "inbound", _("Inbound call")
        OUTBOUND = "outbound", _("Outbound call")

    class Delivery(models.TextChoices):
        QUEUED = "queued", _("waiting to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("not delivered")

    class Author(models.TextChoices):
        AGENT = "agent", _("Agent")
        CUSTOMER = "customer", _("Customer")
        SYSTEM = "system", _("System")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    author_kind = models.CharField(_("author"), max_length=10, choices=Author.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body_html = models.TextField(_("message"))
    body_text = models.TextField(_("plain text"))
    created_at = models.DateTimeField(_("time"))
    # A logged phone call: the message holds the agent's summary.
    call_direction = models.CharField(
        _("call direction"), max_length=10, choices=CallDirection.choices, blank=True
    )
    call_seconds = models.PositiveIntegerField(_("call duration (seconds)"), null=True, blank=True)
    # How a reply sent to the customer by e-mail is doing, kept by the mail channel.
    delivery = models.CharField(
        _("e-mail delivery"), max_length=10, choices=Delivery.choices, blank=True
    )
    delivery_detail = models.CharField(_("delivery detail"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            # the conversation: one ticket's messages in time order
            models.Index(fields=["ticket", "created_at", "uid"], name="ticket_conversation"),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.kind}"


class TicketAttachment(models.Model):
    """A file sent with a message, stored under ``CORTESIA_DATA_DIR/attachments`` (outside
    the web root) and served only as a download, to people who may see the ticket.

    An upload waits without a message until a message takes it (or the sweep removes it).
    """

    class Scan(models.TextChoices):
        CLEAN = "clean", _("clean")
        INFECTED = "infected", _("infected")
        NOT_SCANNED = "not_scanned", _("not scanned")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        TicketMessage,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    # The first bytes say something else than the declared type (an .exe sent as a PDF):
    # such a file is only ever served as application/octet-stream, with a warning.
    type_mismatch = models.BooleanField(_("content does not match its type"), default=False)
    # The Content-ID of a mail part, which the mail's HTML shows as <img src="cid:…">.
    content_id = models.CharField(max_length=255, blank=True)
    # A scan that could not be done is NOT_SCANNED, never CLEAN. An INFECTED file is kept as
    # evidence but given out only to an administrator who overrides the block.
    scan = models.CharField(
        _("malware scan"), max_length=12, choices=Scan.choices, default=Scan.NOT_SCANNED
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.filename


class TicketEvent(models.Model):
    """One change of a ticket. ``version`` is the ticket version the change produced and
    ``fields`` the staff-editable fields it changed: the stale-write check reads them."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Ticket created")
        UPDATED = "updated", _("Ticket changed")
        REPLIED = "replied", _("Public reply")
        NOTED = "noted", _("Internal note")
        CUSTOMER_REPLIED = "customer_replied", _("Customer replied")
        REOPENED = "reopened", _("Ticket reopened")
        SLA_WARNING = "sla_warning", _("SLA target close")
        SLA_BREACHED = "sla_breached", _("SLA target missed")
        MERGED = "merged", _("Tickets merged")
        LINKED = "linked", _("Tickets linked")
        DELIVERY_FAILED = "delivery_failed", _("A mail could not be delivered")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("time"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField()
    fields = models.JSONField(default=list, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("ticket event")
        verbose_name_plural = _("ticket events")
        indexes = [
            # stale-write check and history: one ticket's events by version
            models.Index(fields=["ticket", "version"], name="ticket_event_version"),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.kind} v{self.version}"


class CannedResponse(BaseModel):
    """A reply template with one variant per language and register."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("canned response")
        verbose_name_plural = _("canned responses")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CannedVariant(models.Model):
    """The text of a canned response in one language; ``register`` "" is the language's
    default variant, used when no variant for the customer's register exists."""

    class Register(models.TextChoices):
        DEFAULT = "", _("Any register")
        FORMAL = "formal", _("Formal")
        INFORMAL = "informal", _("Informal")

    response = models.ForeignKey(CannedResponse, on_delete=models.CASCADE, related_name="variants")
    language = models.CharField(_("language"), max_length=10)
    register = models.CharField(
        _("register"), max_length=10, choices=Register.choices, blank=True, default=""
    )
    body = models.TextField(_("text"))

    class Meta:
        verbose_name = _("canned response variant")
        verbose_name_plural = _("canned response variants")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "language", "register"], name="canned_variant_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id} {self.language} {self.register or '*'}"


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


class TicketLink(models.Model):
    """Two tickets about related matters (stored once, lower id first)."""

    first = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ticket link")
        verbose_name_plural = _("ticket links")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="ticket_link_unique"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="ticket_link_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id}–{self.second_id}"
