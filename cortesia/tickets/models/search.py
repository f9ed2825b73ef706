"""The full-text search index of tickets, and the inbox views people save.

The index holds derived data only: one document per ticket, rebuilt from the ticket and
its messages at any time (``manage.py search_index_rebuild``). On PostgreSQL the document
is a ``tsvector`` in this table; on SQLite the table stays empty and an FTS5 virtual table
(``tickets_search_fts``, made by the migration) holds the text instead.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel
from cortesia.tickets.models.ticket import Ticket


class TextSearchVector(models.Field[Any, Any]):
    """A ``tsvector`` column on PostgreSQL (plain text elsewhere, where it stays empty).

    Not ``django.contrib.postgres``'s field: that module needs the PostgreSQL driver,
    which an installation on SQLite does not have."""

    def db_type(self, connection: BaseDatabaseWrapper) -> str:
        return "tsvector" if connection.vendor == "postgresql" else "text"


class TicketSearchDocument(models.Model):
    """The words of one ticket: its subject (weight A) and every message (weight B),
    folded (accents, case, Arabic letter forms) and stemmed with ``config``, the text
    search configuration of the ticket's language, plus one scope word naming its team."""

    ticket = models.OneToOneField(
        Ticket, primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    config = models.CharField(max_length=32)
    document = TextSearchVector(null=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        # The GIN index on ``document`` (the search's only index) is PostgreSQL's own:
        # the migration makes it there and nowhere else.

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.config}"


class SavedView(BaseModel):
    """A filter or search of the inbox kept under a name: personal (``owner``) or shared
    with a team (``team``), exactly one of the two. ``query`` is the inbox's query string
    ("status=any&q=rimborso"), kept as the inbox reads it."""

    name = models.CharField(_("name"), max_length=80)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="saved_views",
    )
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="saved_views",
    )
    query = models.CharField(_("filters"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner__isnull=False, team__isnull=True)
                | models.Q(owner__isnull=True, team__isnull=False),
                name="saved_view_owner_or_team",
            ),
            # a double submit of the same name saves one view
            models.UniqueConstraint(fields=["owner", "name"], name="saved_view_owner_name"),
            models.UniqueConstraint(fields=["team", "name"], name="saved_view_team_name"),
        ]
        # The inbox lists a viewer's views by owner and by team: the two foreign keys'
        # own indexes serve it.

    def __str__(self) -> str:
        return self.name
