"""Who may be asked: the rules every invitation passes when it is scheduled and again
when it leaves.

- never a customer merged into another;
- never one who said no to surveys (the newest consent record for purpose ``surveys``
  on e-mail or on any channel is a withdrawal); when the business requires consent
  (``FeedbackSettings.consent_required``), only one whose newest record is a grant;
- never about a ticket merged into another, carrying a tag surveys skip (``spam`` by
  default), opened by a mail a machine sent (an auto-reply, a bounce, a mailing list:
  a survey would only feed a loop of robots), or reopened since it was solved;
- at most one invitation per customer every ``throttle_days`` (suppressed invitations do
  not count; the later one is kept as suppressed, ``throttled``).

Checks that read the database work on many customers at once (a segment of 100,000 is
checked in a few queries).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from cortesia.customers.models import ConsentRecord, Customer
from cortesia.feedback.models import (
    FeedbackSettings,
    InvitationState,
    SuppressedReason,
    SurveyInvitation,
)
from cortesia.mail.models import InboundMail
from cortesia.tickets.models import Ticket

CHUNK = 2000
SURVEY_CHANNELS = (ConsentRecord.Channel.EMAIL, ConsentRecord.Channel.ANY)


def _chunks(ids: list[int]) -> list[list[int]]:
    return [ids[start : start + CHUNK] for start in range(0, len(ids), CHUNK)]


def consent_refusals(customer_ids: Collection[int], required: bool) -> dict[int, SuppressedReason]:
    """Why each customer may not be surveyed by e-mail, for those who may not."""
    newest: dict[tuple[int, str], str] = {}
    for chunk in _chunks(sorted(customer_ids)):
        rows = (
            ConsentRecord.objects.filter(
                customer_id__in=chunk,
                purpose=ConsentRecord.Purpose.SURVEYS,
                channel__in=SURVEY_CHANNELS,
            )
            .order_by("recorded_at", "id")
            .values_list("customer_id", "channel", "status")
        )
        for customer_id, channel, status in rows:
            newest[(customer_id, channel)] = status
    refusals: dict[int, SuppressedReason] = {}
    for customer_id in customer_ids:
        decision = newest.get((customer_id, ConsentRecord.Channel.EMAIL)) or newest.get(
            (customer_id, ConsentRecord.Channel.ANY)
        )
        if decision == ConsentRecord.Status.WITHDRAWN:
            refusals[customer_id] = SuppressedReason.WITHDRAWN
        elif required and decision != ConsentRecord.Status.GRANTED:
            refusals[customer_id] = SuppressedReason.NO_CONSENT
    return refusals


def recently_invited(customer_ids: Collection[int], since: datetime) -> set[int]:
    """The customers with an invitation (not a suppressed one) created since ``since``."""
    found: set[int] = set()
    for chunk in _chunks(sorted(customer_ids)):
        found |= set(
            SurveyInvitation.objects.filter(customer_id__in=chunk, created_at__gte=since)
            .exclude(state=InvitationState.SUPPRESSED)
            .values_list("customer_id", flat=True)
        )
    return found


def throttle_since(settings_row: FeedbackSettings, now: datetime) -> datetime:
    return now - timedelta(days=settings_row.throttle_days)


def customer_refusal(customer: Customer) -> SuppressedReason | None:
    if customer.merged_into_id is not None:
        return SuppressedReason.MERGED_CUSTOMER
    return None


def ticket_refusal(
    ticket: Ticket, settings_row: FeedbackSettings, *, leaving: bool = False
) -> SuppressedReason | None:
    """Why no survey may be sent about ``ticket``; ``leaving``: checked as it leaves (a
    ticket reopened since it was solved is then refused)."""
    if ticket.merged_into_id is not None:
        return SuppressedReason.MERGED_TICKET
    excluded = {tag.lower() for tag in settings_row.excluded_tags}
    if excluded & {str(tag).lower() for tag in ticket.tags}:
        return SuppressedReason.EXCLUDED_TAG
    if leaving and ticket.status not in (Ticket.Status.SOLVED, Ticket.Status.CLOSED):
        return SuppressedReason.REOPENED
    if not leaving and opened_by_a_machine(ticket):
        return SuppressedReason.AUTOMATIC
    return None


def opened_by_a_machine(ticket: Ticket) -> bool:
    """Whether the mail that opened ``ticket`` was sent by a machine."""
    first = InboundMail.objects.filter(ticket=ticket).order_by("id").values("is_automatic").first()
    return bool(first and first["is_automatic"])
