"""Consent per purpose and channel: an append-only history whose newest entry counts."""

from __future__ import annotations

from django.db import transaction

from cortesia.core.actor import Actor
from cortesia.customers.models import ConsentRecord, Customer, CustomerEvent


@transaction.atomic
def consent_record(
    *,
    customer: Customer,
    purpose: ConsentRecord.Purpose,
    channel: ConsentRecord.Channel,
    status: ConsentRecord.Status,
    source: ConsentRecord.Source,
    text_shown: str,
    actor: Actor,
) -> ConsentRecord:
    """Append a consent decision with the exact text the customer saw, and log it."""
    record = ConsentRecord.objects.create(
        customer=customer,
        purpose=purpose,
        channel=channel,
        status=status,
        source=source,
        text_shown=text_shown,
        actor=actor.user,
    )
    CustomerEvent.objects.create(
        customer=customer,
        kind=CustomerEvent.Kind.CONSENT,
        actor=actor.user,
        data={"purpose": purpose, "channel": channel, "status": status, "source": source},
    )
    return record


def consent_current(*, customer: Customer) -> dict[tuple[str, str], ConsentRecord]:
    """Return the newest record per (purpose, channel): the customer's current choices."""
    current: dict[tuple[str, str], ConsentRecord] = {}
    for record in customer.consents.order_by("recorded_at", "id"):
        current[(record.purpose, record.channel)] = record
    return current


def has_consent(*, customer: Customer, purpose: str, channel: str) -> bool:
    """Return True if the newest decision for the purpose on the channel (or any channel)
    is a grant. No record means no consent."""
    current = consent_current(customer=customer)
    for key in ((purpose, channel), (purpose, ConsentRecord.Channel.ANY)):
        if key in current:
            return current[key].status == ConsentRecord.Status.GRANTED
    return False
