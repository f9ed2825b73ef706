"""Reads of notifications and preferences, always of the person asking: nobody reads
another person's notifications or preferences."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import FilteredRelation, Q, QuerySet

from cortesia.accounts.models import User
from cortesia.core.errors import Forbidden, NotFound
from cortesia.notifications.models import (
    Channel,
    Kind,
    Notification,
    NotificationPreference,
    NotificationSettings,
    default_enabled,
)
from cortesia.tickets.permissions import TICKET_STAFF, can_work_tickets


def can_receive_notifications(user: User) -> bool:
    """Staff who work tickets are told about them; nobody else has notifications."""
    return can_work_tickets(user)


def require_notified_staff(viewer: User) -> None:
    """Raise Forbidden for anyone who has no notifications (see above)."""
    if not can_receive_notifications(viewer):
        raise Forbidden("notifications")


@dataclass(frozen=True)
class Wish:
    """Whether a person wants one kind in the app and by e-mail."""

    in_app: bool
    email: bool


def wishes_of(user_ids: tuple[int, ...], kind: Kind) -> dict[int, Wish]:
    """Return the wishes about ``kind`` of those of ``user_ids`` who may be told (active
    staff who work tickets), in one query (the people, each joined to their choices
    about ``kind``, if any); the others are left out. E-mail is never wished by someone
    without an address."""
    rows = (
        User.objects.filter(pk__in=user_ids, is_active=True, role__in=TICKET_STAFF)
        .annotate(
            chosen=FilteredRelation(
                "notification_preferences", condition=Q(notification_preferences__kind=kind)
            )
        )
        .values_list("pk", "email", "chosen__channel", "chosen__is_enabled")
    )
    addresses: dict[int, str] = {}
    chosen: dict[tuple[int, str], bool] = {}
    for pk, address, channel, enabled in rows:
        addresses[pk] = address
        if channel is not None:
            chosen[(pk, channel)] = enabled
    return {
        pk: Wish(
            in_app=chosen.get((pk, Channel.IN_APP), default_enabled(kind, Channel.IN_APP)),
            email=bool(address)
            and chosen.get((pk, Channel.EMAIL), default_enabled(kind, Channel.EMAIL)),
        )
        for pk, address in addresses.items()
    }


@dataclass(frozen=True)
class PreferenceRow:
    """One kind with the person's choice on each channel (defaults where none)."""

    kind: Kind
    in_app: bool
    email: bool


def preferences_of(*, viewer: User, user: User) -> list[PreferenceRow]:
    """Return ``user``'s choices, kind by kind; only the person themself may read them.
    Raises Forbidden."""
    require_notified_staff(viewer)
    if viewer.pk != user.pk:
        raise Forbidden("notification preferences")
    chosen = {
        (kind, channel): enabled
        for kind, channel, enabled in NotificationPreference.objects.filter(user=user).values_list(
            "kind", "channel", "is_enabled"
        )
    }
    return [
        PreferenceRow(
            kind=kind,
            in_app=chosen.get((kind, Channel.IN_APP), default_enabled(kind, Channel.IN_APP)),
            email=chosen.get((kind, Channel.EMAIL), default_enabled(kind, Channel.EMAIL)),
        )
        for kind in Kind
    ]


def poll_seconds() -> int:
    """How often an open page asks for the bell's count
    (``CORTESIA_NOTIFICATION_POLL_SECONDS``, 30 by default)."""
    return int(getattr(settings, "CORTESIA_NOTIFICATION_POLL_SECONDS", 30))


DEFAULT_UNASSIGNED_MINUTES = 30
MAX_UNASSIGNED_MINUTES = 10080  # a week


@dataclass(frozen=True)
class CurrentSettings:
    unassigned_minutes: int
    changed_at: datetime | None  # None: never chosen, the deployment's default holds


def notification_settings_current() -> CurrentSettings:
    """The business's notification settings, else the defaults: for the unassigned
    minutes ``CORTESIA_UNASSIGNED_NOTIFY_MINUTES`` (30). One query."""
    row = NotificationSettings.objects.filter(pk=1).first()
    if row is not None:
        return CurrentSettings(row.unassigned_minutes, row.updated_at)
    default = getattr(settings, "CORTESIA_UNASSIGNED_NOTIFY_MINUTES", DEFAULT_UNASSIGNED_MINUTES)
    return CurrentSettings(int(default), None)


def unassigned_minutes() -> int:
    """How long a team's open ticket may stay without an assignee before the team is
    told (see :func:`notification_settings_current`)."""
    return notification_settings_current().unassigned_minutes


def _listed(viewer: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=viewer, is_listed=True)


def unread_count(*, viewer: User) -> int:
    """The number on the bell: the viewer's unread notifications (one query; none at all
    for people who have no notifications)."""
    if not can_receive_notifications(viewer):
        return 0
    return _listed(viewer).filter(read_at__isnull=True).count()


def notification_list(*, viewer: User) -> QuerySet[Notification]:
    """The viewer's notifications, newest first, with their tickets. Raises Forbidden."""
    require_notified_staff(viewer)
    return _listed(viewer).select_related("ticket").order_by("-created_at", "-id")


def notification_get(*, viewer: User, uid: str) -> Notification:
    """One of the viewer's own notifications; anyone else's is NotFound, like a missing
    one."""
    require_notified_staff(viewer)
    try:
        return notification_list(viewer=viewer).get(uid=uuid.UUID(str(uid)))
    except (ValueError, Notification.DoesNotExist):
        raise NotFound("notification") from None
