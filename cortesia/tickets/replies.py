"""Sending an agent's reply exactly once, from the composer or the API.

Each submission carries a key (the composer's one-time token, the API's
``Idempotency-Key``). The key is stored per user under a unique constraint before
anything else is written, so of two concurrent requests with one key the second waits
for the first to commit, fails to insert, and returns the first one's message: one reply,
one mail, one SLA change, one event.

The copies the agent chose in the composer travel with the reply to the channel that
mails it (:func:`reply_copies_chosen`, read by the mail channel while the message is
added): tickets sit below the channels and never call them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cortesia.accounts.models import User
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, FieldErrors
from cortesia.tickets.attachments import attachment_upload
from cortesia.tickets.models import ReplySubmission, Ticket, TicketMessage
from cortesia.tickets.services import MessageData, TicketChanges, message_add, ticket_update

MAX_KEY = 100
# A retry comes seconds or minutes after the first try; a key a week old protects nothing.
# Past this a reused key stores a new reply.
KEPT_FOR = timedelta(days=7)
# The copies chosen for the reply being added, else None (the channel's own default).
_copies_chosen: ContextVar[tuple[str, ...] | None] = ContextVar("copies_chosen", default=None)


def reply_copies_chosen() -> tuple[str, ...] | None:
    """Return the addresses the agent chose to copy on the reply being added (maybe
    none), or None when no choice was made (the API; a note): the mail channel then
    copies the addresses it keeps on the ticket."""
    return _copies_chosen.get()


@contextmanager
def _copies(cc: list[str] | None) -> Iterator[None]:
    token = _copies_chosen.set(None if cc is None else tuple(cc))
    try:
        yield
    finally:
        _copies_chosen.reset(token)


# Whether the reply being added is sent by a rule, not typed by a person (RFC 3834: the
# channel marks its mail "Auto-Submitted: auto-replied").
_automatic: ContextVar[bool] = ContextVar("reply_automatic", default=False)


def reply_is_automatic() -> bool:
    """Return True while a rule (no person) adds the reply being added."""
    return _automatic.get()


@contextmanager
def reply_automatic(is_automatic: bool = True) -> Iterator[None]:
    """Mark the replies added inside the block as sent automatically (or not)."""
    token = _automatic.set(is_automatic)
    try:
        yield
    finally:
        _automatic.reset(token)


@dataclass(frozen=True)
class ReplySent:
    message: TicketMessage
    status_refused: str = ""  # why the status was left as it was, or ""
    is_replay: bool = False  # the key was used before: nothing new was stored


def _claim(ticket: Ticket, key: str, user: User) -> TicketMessage | None:
    """Store ``key`` for ``user``; return None when it is new, else the message the
    first submission with it stored. Raises Conflict for a key used on another ticket."""
    if len(key) > MAX_KEY:
        raise FieldErrors({"idempotency_key": _("A key has at most 100 characters.")})
    try:
        with transaction.atomic():
            ReplySubmission.objects.create(user=user, key=key, ticket=ticket)
    except IntegrityError:
        first = ReplySubmission.objects.select_related("message").get(user=user, key=key)
        if first.ticket_id != ticket.pk or first.message is None:
            raise Conflict(
                _("This key was already used for another request."), code="idempotency_key_reused"
            ) from None
        return first.message
    return None


def submission_claim(*, ticket: Ticket, key: str, user: User) -> bool:
    """Store a form's one-time ``key`` (at most 100 characters) for ``user`` on ``ticket``;
    return False when it was stored before (the same form sent again: do nothing). For a
    form whose effect records no ticket event to recognise it by (a macro that only tells
    people)."""
    try:
        with transaction.atomic():
            ReplySubmission.objects.create(user=user, key=key[:MAX_KEY], ticket=ticket)
    except IntegrityError:
        return False
    return True


def _remember(key: str, user: User, message: TicketMessage) -> None:
    ReplySubmission.objects.filter(user=user, key=key).update(message=message)


@transaction.atomic
def message_add_once(*, ticket: Ticket, data: MessageData, key: str, actor: Actor) -> ReplySent:
    """Add a message like :func:`message_add`, once per ``key`` ("" adds it every time).
    A repeated key returns the first message with ``is_replay``."""
    user = actor.user
    if not key or user is None:
        return ReplySent(message_add(ticket=ticket, data=data, actor=actor))
    first = _claim(ticket, key, user)
    if first is not None:
        return ReplySent(first, is_replay=True)
    message = message_add(ticket=ticket, data=data, actor=actor)
    _remember(key, user, message)
    # Answer with the row as stored (its mail's state too), as a retry will read it.
    message.refresh_from_db(fields=["delivery", "delivery_detail"])
    return ReplySent(message)


@transaction.atomic
def reply_send(
    *,
    ticket: Ticket,
    data: MessageData,
    uploads: list[UploadedFile],
    status: str,
    expected_version: int,
    key: str,
    actor: Actor,
    cc: list[str] | None = None,
) -> ReplySent:
    """Send the composer's reply or note with its files and, optionally, a new status.
    ``cc`` are the addresses the reply is copied to when mailed (validated by the
    composer's form); None leaves that to the channel (the addresses it keeps).

    1. Claim ``key``: a repeated submission returns the first one's message.
    2. Apply the status, checked against the version the page showed. A status someone
       else changed meanwhile is refused and reported in ``status_refused``; the message
       is stored all the same (a reply is never lost for being late).
    3. Store the files and the message. A refused message (no words of the agent's own,
       a file too large) rolls back everything, the status and the key included.
    """
    user = actor.user if key else None
    first = _claim(ticket, key, user) if user is not None else None
    if first is not None:
        return ReplySent(first, is_replay=True)
    refused = ""
    if status:
        try:
            ticket = ticket_update(
                ticket=ticket,
                changes=TicketChanges(status=status),
                expected_version=expected_version,
                actor=actor,
            )
        except Conflict as error:
            refused = error.message
    files = [attachment_upload(ticket=ticket, upload=upload, actor=actor) for upload in uploads]
    data.attachments = [*data.attachments, *(str(file.uid) for file in files)]
    with _copies(cc):
        message = message_add(ticket=ticket, data=data, actor=actor)
    if user is not None:
        _remember(key, user, message)
    return ReplySent(message, status_refused=refused)


def reply_submissions_sweep(now: datetime | None = None) -> int:
    """Forget submission keys older than KEPT_FOR (the replies stay); return how many.

    Deletes in batches of 1,000 so that a long backlog never holds one long transaction.
    """
    cutoff = (now or timezone.now()) - KEPT_FOR
    removed = 0
    while True:
        batch = list(
            ReplySubmission.objects.filter(created_at__lt=cutoff).values_list("pk", flat=True)[
                :1000
            ]
        )
        if not batch:
            return removed
        removed += ReplySubmission.objects.filter(pk__in=batch).delete()[0]
