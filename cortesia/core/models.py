"""Shared model base and the small infrastructure tables: rate counters, worker heartbeats."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Abstract base: a public ``uid`` and creation/update times (UTC)."""

    uid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class RateCounter(models.Model):
    """Attempts counted in a fixed window, shared by every web process through the database.

    ``key`` is a SHA-256 digest of the scope and subject (an IP address or an account), so
    the table holds no personal data in clear.
    """

    key = models.CharField(max_length=64, unique=True)
    window_started_at = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("rate counter")
        verbose_name_plural = _("rate counters")

    def __str__(self) -> str:
        return f"{self.key[:12]}… {self.count}"


class WorkerHeartbeat(models.Model):
    """The last sign of life of one task worker (a process, or a thread inside ``serve``)."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    beat_at = models.DateTimeField(db_index=True)  # healthz: newest heartbeat

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid}"
