"""Human ticket numbers (#1042), handed out without serialising ticket creation.

On PostgreSQL a sequence gives the next number: no row stays locked until the creating
transaction ends, so concurrent creations never wait for each other. A creation that rolls
back leaves a gap in the numbers, as any sequence does. SQLite lets one writer in at a
time anyway, so there the counter row is incremented inside the creating transaction.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import F

from cortesia.tickets.models import TicketCounter

SEQUENCE = "tickets_ticket_number_seq"
COUNT_ON = (
    "UPDATE tickets_ticketcounter SET last_number = last_number + 1 WHERE id = 1 "
    "RETURNING last_number"
)
FIRST_NUMBER = 1001


def _uses_sequence() -> bool:
    return connection.vendor == "postgresql"


def next_number() -> int:
    """Return a ticket number no other ticket has had."""
    if _uses_sequence():
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(%s)", [SEQUENCE])
            row = cursor.fetchone()
        return int(row[0])
    if connection.features.can_return_columns_from_insert:  # SQLite 3.35 and later
        with connection.cursor() as cursor:  # the update and its result in one statement
            cursor.execute(COUNT_ON)
            row = cursor.fetchone()
        if row is not None:
            return int(row[0])
    elif TicketCounter.objects.filter(pk=1).update(last_number=F("last_number") + 1):
        return int(TicketCounter.objects.values_list("last_number", flat=True).get(pk=1))
    # The first migration makes the row; a flushed database has none yet.
    TicketCounter.objects.create(pk=1, last_number=FIRST_NUMBER)
    return FIRST_NUMBER


def numbers_continue_after(last: int) -> None:
    """Make the next number ``last + 1`` (after tickets were loaded with their numbers)."""
    if _uses_sequence():
        with connection.cursor() as cursor:
            cursor.execute("SELECT setval(%s, %s, true)", [SEQUENCE, last])
        return
    if not TicketCounter.objects.filter(pk=1).update(last_number=last):
        TicketCounter.objects.create(pk=1, last_number=last)
