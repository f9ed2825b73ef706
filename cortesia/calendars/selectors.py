"""Reads of business calendars: every staff member may read them."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from cortesia.calendars.models import Calendar
from cortesia.core.errors import NotFound


def calendar_list() -> QuerySet[Calendar]:
    return Calendar.objects.all()


def calendar_get(*, uid: str) -> Calendar:
    """Return one calendar by public id, or raise NotFound."""
    try:
        return Calendar.objects.get(uid=uuid.UUID(uid))
    except (ValueError, Calendar.DoesNotExist):
        raise NotFound("calendar") from None


def calendar_list_with_teams() -> QuerySet[Calendar]:
    """Every calendar with the teams that use it (one more query for all of the teams)."""
    return Calendar.objects.prefetch_related("teams")
