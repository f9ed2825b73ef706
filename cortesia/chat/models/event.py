"""The ordered record of everything that happens in conversations, read by the streams."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ChatEvent(models.Model):
    """One thing that happened in a conversation, in the order the streams deliver it.

    ``id`` is the cursor every client resumes from: events are written in the same
    transaction as the change they announce, and on PostgreSQL in id order (see
    ``chat.events``), so a reader that has seen id N has seen every event before it.
    ``team_id``/``assignee_id``/``visitor_id`` copy the conversation's audience at the
    time, so a stream filters without reading the conversation. ``client_id`` is the
    sender's own id of a message: a message sent twice (a retry after a dropped
    connection) is stored once."""

    class Kind(models.TextChoices):
        MESSAGE = "message", _("message")
        NOTE = "note", _("internal note")
        READ = "read", _("read")
        QUEUED = "queued", _("waiting for an agent")
        ASSIGNED = "assigned", _("assigned")
        ENDED = "ended", _("ended")

    id = models.BigAutoField(primary_key=True)
    conversation = models.ForeignKey(
        "chat.Conversation", on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    is_internal = models.BooleanField(default=False)  # shown to agents only
    payload = models.JSONField(default=dict)
    team_id = models.BigIntegerField(null=True)
    assignee_id = models.BigIntegerField(null=True)
    visitor_id = models.BigIntegerField(null=True)
    client_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("chat event")
        verbose_name_plural = _("chat events")
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "client_id"],
                condition=~Q(client_id=""),
                name="chat_event_client_id_once",
            ),
        ]
        indexes = [
            # a visitor's catch-up: one conversation's events after a cursor
            models.Index(fields=["conversation", "id"], name="chat_event_conversation"),
            # a visitor's stream and polling: their events after a cursor
            models.Index(fields=["visitor_id", "id"], name="chat_event_visitor"),
        ]

    def __str__(self) -> str:
        return f"{self.pk} {self.kind}"
