"""Notification e-mail: batched per ticket and person, held back in quiet hours.

Rules:
1. A person gets at most one mail per ticket per :data:`MAIL_WINDOW`. A notification
   opens a window when it is written; everything about the same ticket that arrives
   before the window ends goes into the same mail, sent when it ends. The next window
   starts no earlier than the last mail plus :data:`MAIL_WINDOW`.
2. A person with shifts who is off shift when the mail is due gets it when their next
   shift starts (the app shows the notification at once).
3. Sending claims the waiting rows with a conditional update inside the transaction that
   sends: a second run (a retried task, the sweep, another worker) finds nothing to send,
   and a mail that fails leaves the rows waiting.
Each mail is in the person's language, with times in their zone.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Max, Min
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from cortesia.accounts.models import User
from cortesia.core.automatic_mail import send_automatic
from cortesia.core.enqueue import enqueue_after_commit
from cortesia.notifications.models import Notification
from cortesia.notifications.quiet_hours import WeeklyShift, mail_allowed_from
from cortesia.notifications.sentences import sentence_text
from cortesia.tickets.staffing import leave_list, shifts_of_user

MAIL_WINDOW = timedelta(minutes=5)
# When no shift lies ahead at all (a year of leave), look again the next day.
RECHECK = timedelta(days=1)
Pending = Notification.Mail.PENDING


def mail_schedule(*, recipient_id: int, ticket_id: int, at: datetime) -> None:
    """Have the mailer look at this person's waiting mail about this ticket at ``at``,
    once the current transaction commits (the database queue stores the task in it, so
    the change costs no second commit). A task queue that cannot run tasks later (the
    immediate one of the tests) is not asked: the periodic sweep sends what is due."""
    from cortesia.notifications.tasks import notification_mail

    if not notification_mail.get_backend().supports_defer:
        return
    enqueue_after_commit(
        notification_mail.using(run_after=at), recipient_id=recipient_id, ticket_id=ticket_id
    )


def quiet_until(person: User, at: datetime) -> datetime | None:
    """The first instant from ``at`` on at which ``person`` may be mailed (see
    :func:`cortesia.notifications.quiet_hours.mail_allowed_from`)."""
    shifts = [WeeklyShift(s.weekday, s.starts, s.ends) for s in shifts_of_user(person)]
    if not shifts:
        return at
    since = (at - timedelta(days=1)).date()
    leave = [(span.first_day, span.last_day) for span in leave_list(user=person, since=since)]
    return mail_allowed_from(at, shifts, ZoneInfo(person.time_zone or "UTC"), leave)


def mail_due(person: User, ticket_id: int, now: datetime) -> datetime | None:
    """When the person's waiting mail about the ticket may go: the end of its window
    (``now`` once it has passed), moved to the start of the next shift when the person
    is off shift then. None when nothing waits."""
    mine = Notification.objects.filter(recipient=person, ticket_id=ticket_id)
    first = mine.filter(mail=Pending).aggregate(at=Min("created_at"))["at"]
    if first is None:
        return None
    last = mine.filter(mail=Notification.Mail.SENT).aggregate(at=Max("mailed_at"))["at"]
    window_end = first + MAIL_WINDOW if last is None else max(first, last) + MAIL_WINDOW
    at = max(window_end, now)
    return quiet_until(person, at) or at + RECHECK


def _render(person: User, rows: list[Notification]) -> EmailMultiAlternatives:
    ticket = rows[0].ticket
    language = person.language or settings.LANGUAGE_CODE
    with translation.override(language), timezone.override(ZoneInfo(person.time_zone or "UTC")):
        context = {
            "person": person,
            "ticket": ticket,
            "lines": [(row.created_at, sentence_text(row)) for row in rows],
            "count": len(rows),
            "link": settings.BASE_URL + reverse("tickets:ticket-detail", args=[ticket.uid]),
            "preferences": settings.BASE_URL + reverse("notifications:preferences"),
        }
        subject = render_to_string("notifications/email/batch_subject.txt", context)
        body = render_to_string("notifications/email/batch.txt", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), body, to=[person.email])
    message.extra_headers["Auto-Submitted"] = "auto-generated"
    message.extra_headers["X-Auto-Response-Suppress"] = "All"
    return message


def _send_claimed(person: User, ticket_id: int, now: datetime) -> int:
    with transaction.atomic():
        rows = list(
            Notification.objects.filter(recipient=person, ticket_id=ticket_id, mail=Pending)
            .select_related("ticket")
            .order_by("created_at", "id")
        )
        if not rows:
            return 0
        claimed = Notification.objects.filter(pk__in=[row.pk for row in rows], mail=Pending)
        if claimed.update(mail=Notification.Mail.SENT, mailed_at=now, mail_due_at=None) != len(
            rows
        ):
            transaction.set_rollback(True)  # another run took some: it sends them
            return 0
        send_automatic(_render(person, rows))
    return len(rows)


def notification_mail_send(
    *, recipient_id: int, ticket_id: int, now: datetime | None = None
) -> int:
    """Send the person's waiting mail about the ticket if it is due; else move its due
    time to when it is (and schedule a look then). Return how many notifications the
    mail listed (0: none sent)."""
    now = now or timezone.now()
    waiting = Notification.objects.filter(
        recipient_id=recipient_id, ticket_id=ticket_id, mail=Pending
    )
    person = User.objects.filter(pk=recipient_id, is_active=True).exclude(email="").first()
    if person is None:  # deactivated or without an address since: nothing to mail
        waiting.update(mail=Notification.Mail.NONE, mail_due_at=None)
        return 0
    due = mail_due(person, ticket_id, now)
    if due is None:
        return 0
    if due > now:
        if waiting.exclude(mail_due_at=due).update(mail_due_at=due):
            mail_schedule(recipient_id=recipient_id, ticket_id=ticket_id, at=due)
        return 0
    return _send_claimed(person, ticket_id, now)


def notification_mail_sweep(*, now: datetime | None = None, limit: int = 500) -> int:
    """Send every waiting mail that is due (the safety net for lost or unscheduled
    tasks, run by the workers on a timer); return how many mails went."""
    now = now or timezone.now()
    pairs = (
        Notification.objects.filter(mail=Pending, mail_due_at__lte=now)
        .values_list("recipient_id", "ticket_id")
        .order_by()
        .distinct()[:limit]
    )
    return sum(
        1
        for recipient_id, ticket_id in list(pairs)
        if notification_mail_send(recipient_id=recipient_id, ticket_id=ticket_id, now=now)
    )
