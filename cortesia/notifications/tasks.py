"""Background work of notifications: thin, idempotent, primitive arguments."""

from __future__ import annotations

from django_tasks import task

from cortesia.notifications.mailing import notification_mail_send


@task()
def notification_mail(*, recipient_id: int, ticket_id: int) -> int:
    """Send the person's waiting notification mail about the ticket when it is due (see
    :mod:`cortesia.notifications.mailing`); a second run sends nothing twice."""
    return notification_mail_send(recipient_id=recipient_id, ticket_id=ticket_id)
