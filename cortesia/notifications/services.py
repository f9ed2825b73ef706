"""Every write of the notifications app.

Notifications are written in the transaction of the ticket change they report; their
e-mail goes later, through :mod:`cortesia.notifications.mailing`, scheduled on commit.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cortesia.accounts.models import User
from cortesia.audit.models import AuditEvent
from cortesia.audit.services import JsonValue, audit_record
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors, Forbidden
from cortesia.notifications.mailing import MAIL_WINDOW, mail_schedule
from cortesia.notifications.models import (
    Channel,
    Kind,
    Notification,
    NotificationPreference,
    NotificationSettings,
)
from cortesia.notifications.permissions import can_manage_notification_settings
from cortesia.notifications.recipients import Telling
from cortesia.notifications.selectors import (
    MAX_UNASSIGNED_MINUTES,
    preferences_of,
    require_notified_staff,
    wishes_of,
)
from cortesia.notifications.selectors import unassigned_minutes as current_unassigned_minutes


def _rows(telling: Telling, now: datetime) -> list[Notification]:
    wishes = wishes_of(telling.user_ids, telling.kind)
    return [
        Notification(
            recipient_id=user_id,
            ticket_id=telling.ticket_id,
            kind=telling.kind,
            event=telling.event,
            data=telling.data,
            is_listed=wish.in_app,
            mail=Notification.Mail.PENDING if wish.email else Notification.Mail.NONE,
            mail_due_at=now + MAIL_WINDOW if wish.email else None,
        )
        for user_id in telling.user_ids
        if (wish := wishes.get(user_id)) is not None and (wish.in_app or wish.email)
    ]


def notifications_record(*, tellings: list[Telling], now: datetime | None = None) -> int:
    """Write the notifications of ``tellings`` as each person wishes (nothing for whoever
    turned both channels off), one insert in all; schedule their e-mail for when this
    transaction commits. Return how many were written."""
    if not tellings:
        return 0
    now = now or timezone.now()
    rows = [row for telling in tellings for row in _rows(telling, now)]
    if not rows:
        return 0
    Notification.objects.bulk_create(rows)
    for recipient_id, ticket_id in {
        (row.recipient_id, row.ticket_id) for row in rows if row.mail == Notification.Mail.PENDING
    }:
        mail_schedule(recipient_id=recipient_id, ticket_id=ticket_id, at=now + MAIL_WINDOW)
    return len(rows)


def notification_read(*, viewer: User, notification: Notification) -> bool:
    """Mark one of the viewer's notifications read; return False when it already was."""
    require_notified_staff(viewer)
    if notification.recipient_id != viewer.pk:
        raise Forbidden(_("This is someone else's notification."))
    now = timezone.now()
    marked = Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
        read_at=now, updated_at=now
    )
    if marked:
        notification.read_at = now
    return marked == 1


def notifications_read_all(*, viewer: User) -> int:
    """Mark every unread notification of the viewer read; return how many."""
    require_notified_staff(viewer)
    now = timezone.now()
    return Notification.objects.filter(recipient=viewer, read_at__isnull=True).update(
        read_at=now, updated_at=now
    )


@transaction.atomic
def preferences_set(*, user: User, choices: dict[tuple[str, str], bool], actor: Actor) -> list[str]:
    """Make ``choices`` ((kind, channel) → enabled) the person's preferences; return the
    "kind/channel" pairs that changed (audited in one row; none when nothing changed).
    Only the person themself changes them. Raises Forbidden or FieldErrors."""
    if actor.user is None or actor.user.pk != user.pk:
        raise Forbidden(_("Only the person themself chooses how they are notified."))
    unknown = [
        f"{kind}/{channel}"
        for kind, channel in choices
        if kind not in Kind.values or channel not in Channel.values
    ]
    if unknown:
        raise FieldErrors(
            {
                "choices": _("Unknown kinds or channels: %(names)s.")
                % {"names": ", ".join(sorted(unknown))}
            }
        )
    before: dict[tuple[str, str], bool] = {
        (row.kind.value, channel): enabled
        for row in preferences_of(viewer=user, user=user)
        for channel, enabled in (
            (Channel.IN_APP.value, row.in_app),
            (Channel.EMAIL.value, row.email),
        )
    }
    changed = sorted(key for key, enabled in choices.items() if before.get(key) != enabled)
    for kind, channel in changed:
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, channel=channel, defaults={"is_enabled": choices[(kind, channel)]}
        )
    if changed:
        data: dict[str, JsonValue] = {
            f"{kind}/{channel}": [before[(kind, channel)], choices[(kind, channel)]]
            for kind, channel in changed
        }
        audit_record(
            action=AuditEvent.Action.SETTING_CHANGE,
            result=AuditEvent.Result.OK,
            actor=actor,
            object_type="notification_preferences",
            object_uid=str(user.uid),
            object_label=user.get_username(),
            data=data,
        )
    return [f"{kind}/{channel}" for kind, channel in changed]


@transaction.atomic
def notification_settings_set(*, unassigned_minutes: int, actor: Actor) -> NotificationSettings:
    """Set how long a team's ticket may stay without an assignee before the team is told
    (1 minute to a week); audited when it changes. Raises Forbidden or FieldErrors."""
    if actor.user is None or not can_manage_notification_settings(actor.user):
        raise Forbidden(_("Only administrators change the notification settings."))
    if not 1 <= unassigned_minutes <= MAX_UNASSIGNED_MINUTES:
        raise FieldErrors(
            {
                "unassigned_minutes": _("Give a number of minutes from 1 to %(most)s.")
                % {"most": MAX_UNASSIGNED_MINUTES}
            }
        )
    before = current_unassigned_minutes()
    row = NotificationSettings.objects.select_for_update().filter(pk=1).first()
    if row is None:
        row = NotificationSettings.objects.create(pk=1, unassigned_minutes=unassigned_minutes)
    elif row.unassigned_minutes != unassigned_minutes:
        row.unassigned_minutes = unassigned_minutes
        row.save(update_fields=["unassigned_minutes", "updated_at"])
    if before != unassigned_minutes:
        audit_record(
            action=AuditEvent.Action.SETTING_CHANGE,
            result=AuditEvent.Result.OK,
            actor=actor,
            object_type="notification_settings",
            data={"unassigned_minutes": [before, unassigned_minutes]},
        )
    return row
