"""Sending the invitations whose time has come, each exactly once.

A batch of due invitations is locked (``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL,
the write lock of an immediate transaction on SQLite), checked again (``eligibility``:
consent may have been withdrawn since it was scheduled, the ticket reopened), rendered
and put in the outbox, and marked sent, all in one transaction. Two workers never take
the same invitation; a worker that dies before the commit leaves its batch scheduled, so
the next run sends it — never lost, never twice. The outbox then delivers each mail with
its own retries (``mail.sending``).

An e-mail invitation gets a fresh 256-bit token; only its SHA-256 is kept. Portal and
API invitations are marked sent without a mail: the portal shows them, an API client
collects the answer itself.
"""

from __future__ import annotations

import functools
import logging
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connections, router, transaction
from django.utils import timezone

from cortesia.accounts.models import Team
from cortesia.culture.address_forms import Register
from cortesia.customers.models import CustomerEmail
from cortesia.feedback.eligibility import consent_refusals, customer_refusal, ticket_refusal
from cortesia.feedback.mailing import mail_values, survey_mail
from cortesia.feedback.models import (
    FeedbackSettings,
    InvitationState,
    SuppressedReason,
    SurveyChannel,
    SurveyInvitation,
    SurveyText,
)
from cortesia.feedback.settings_access import feedback_settings
from cortesia.feedback.texts import customer_wording
from cortesia.feedback.tokens import token_digest
from cortesia.feedback.triggering import invitation_column, relationship_runs_due
from cortesia.localization.selectors import business_register_defaults
from cortesia.mail.models import Mailbox, OutboundMail
from cortesia.mail.outbound import (
    GeneratedMail,
    default_mailbox,
    mailboxes_for,
    outbound_queue_generated,
)
from cortesia.tickets.composer import company_name, signing_name

logger = logging.getLogger(__name__)
BATCH = 200
TOKEN_BYTES = 32  # 256 bits
PERIODIC_SECONDS = 20.0  # how long one periodic pass may keep sending batches


@dataclass
class Batch:
    """What one batch reads once: settings, texts, addresses, mailboxes, signers."""

    settings_row: FeedbackSettings
    business: Mapping[str, Register]
    texts: dict[int, list[SurveyText]]
    addresses: dict[int, str]
    refusals: dict[int, SuppressedReason]
    company: str
    default_box: Mailbox | None
    boxes: dict[int, Mailbox | None]
    signers: dict[int | None, str]

    def signer(self, team: Team | None) -> str:
        key = team.pk if team is not None else None
        if key not in self.signers:
            self.signers[key] = signing_name(team)
        return self.signers[key]


def _batch(due: list[SurveyInvitation]) -> Batch:
    settings_row = feedback_settings()
    customer_ids = {invitation.customer_id for invitation in due}
    survey_ids = {invitation.survey_id for invitation in due}
    texts: dict[int, list[SurveyText]] = {survey_id: [] for survey_id in survey_ids}
    for row in SurveyText.objects.filter(survey_id__in=survey_ids):
        texts[row.survey_id].append(row)
    addresses: dict[int, str] = {}
    for customer_id, address in (
        CustomerEmail.objects.filter(customer_id__in=customer_ids)
        .order_by("-is_primary", "id")
        .values_list("customer_id", "address")
    ):
        addresses.setdefault(customer_id, address)
    return Batch(
        settings_row=settings_row,
        business=business_register_defaults(),
        texts=texts,
        addresses=addresses,
        refusals=consent_refusals(customer_ids, settings_row.consent_required),
        company=company_name(),
        default_box=default_mailbox(),
        boxes=mailboxes_for(
            {invitation.ticket_id for invitation in due if invitation.ticket_id is not None}
        ),
        signers={},
    )


def _refusal(invitation: SurveyInvitation, batch: Batch) -> SuppressedReason | None:
    if not invitation.survey.is_active:
        return SuppressedReason.SURVEY_OFF
    reason = customer_refusal(invitation.customer) or batch.refusals.get(invitation.customer_id)
    if reason is None and invitation.ticket is not None:
        reason = ticket_refusal(invitation.ticket, batch.settings_row, leaving=True)
    if (
        reason is None
        and invitation.channel == SurveyChannel.EMAIL
        and invitation.customer_id not in batch.addresses
    ):
        reason = SuppressedReason.NO_ADDRESS
    return reason


def _mail(invitation: SurveyInvitation, batch: Batch, mailbox: Mailbox) -> GeneratedMail:
    """Render the mail and give the invitation its token."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    invitation.token_digest = token_digest(token)
    customer, ticket = invitation.customer, invitation.ticket
    wording = customer_wording(
        survey=invitation.survey,
        customer=customer,
        business=batch.business,
        texts=batch.texts[invitation.survey_id],
    )
    values = mail_values(
        company=batch.company or batch.signer(ticket.team if ticket else None),
        customer=customer,
        ticket_number=f"#{ticket.number}" if ticket else "",
        ticket_subject=ticket.subject if ticket else "",
        order_number=invitation.order.number if invitation.order else "",
    )
    rendered = survey_mail(
        survey=invitation.survey,
        customer=customer,
        wording=wording,
        token=token,
        values=values,
        business=batch.business,
        signer=batch.signer(ticket.team if ticket else None),
    )
    invitation.language, invitation.register = rendered.language, rendered.register
    return GeneratedMail(
        mailbox=mailbox,
        to=batch.addresses[invitation.customer_id],
        subject=rendered.subject,
        body_text=rendered.text,
        body_html=rendered.html,
        language=rendered.language,
        headers=rendered.headers,
        ticket=ticket,
    )


def _send(due: list[SurveyInvitation], now: datetime) -> None:
    batch = _batch(due)
    mails: list[tuple[SurveyInvitation, GeneratedMail]] = []
    for invitation in due:
        reason = _refusal(invitation, batch)
        mailbox = None
        if reason is None and invitation.channel == SurveyChannel.EMAIL:
            ticket = invitation.ticket
            mailbox = batch.boxes[ticket.pk] if ticket is not None else batch.default_box
            if mailbox is None:
                reason = SuppressedReason.NO_MAILBOX
        if reason is not None:
            invitation.state, invitation.suppressed_reason = InvitationState.SUPPRESSED, reason
            continue
        invitation.state = InvitationState.SENT
        invitation.sent_at = now
        invitation.expires_at = now + timedelta(days=batch.settings_row.link_days)
        if mailbox is not None:
            mails.append((invitation, _mail(invitation, batch, mailbox)))
        else:
            wording = customer_wording(
                survey=invitation.survey,
                customer=invitation.customer,
                business=batch.business,
                texts=batch.texts[invitation.survey_id],
            )
            invitation.language, invitation.register = wording.text_language, wording.register
    queued = outbound_queue_generated(
        kind=OutboundMail.Kind.SURVEY, mails=[mail for _invitation, mail in mails]
    )
    for (invitation, _queued), row in zip(mails, queued, strict=True):
        invitation.outbound = row
    _invitations_mark(due, now)


# What a sent invitation's UPDATE writes, with each column's PostgreSQL type (the id last).
_SENT_COLUMNS = (
    ("state", "text"),
    ("sent_at", "timestamptz"),
    ("expires_at", "timestamptz"),
    ("token_digest", "text"),
    ("outbound", "bigint"),
    ("language", "text"),
    ("register", "text"),
)


@functools.cache
def _sent_sql(vendor: str) -> str:
    """The UPDATE of the sent invitations, built from the model's names only (no data): on
    PostgreSQL one statement over arrays (``unnest``: one plan, half the database's work
    of one statement per row), elsewhere one row per parameter set."""
    ops = connections[router.db_for_write(SurveyInvitation)].ops
    meta = SurveyInvitation._meta  # noqa: SLF001 - the model's own column names
    table, primary_key = ops.quote_name(meta.db_table), ops.quote_name(meta.pk.column)
    columns = [invitation_column(name) for name, _type in _SENT_COLUMNS]
    if vendor == "postgresql":
        aliases = [f"c{index}" for index in range(len(_SENT_COLUMNS))]
        arrays = ", ".join(f"%s::{kind}[]" for _name, kind in _SENT_COLUMNS)
        assignments = ", ".join(
            f"{column} = v.{alias}" for column, alias in zip(columns, aliases, strict=True)
        )
        return (
            f"UPDATE {table} SET {assignments} "  # noqa: S608 - names, no data
            f"FROM unnest({arrays}, %s::bigint[]) AS v({', '.join(aliases)}, id) "
            f"WHERE {table}.{primary_key} = v.id"
        )
    assignments = ", ".join(f"{column} = %s" for column in columns)
    return f"UPDATE {table} SET {assignments} WHERE {primary_key} = %s"  # noqa: S608 - names


def _invitations_mark(due: list[SurveyInvitation], now: datetime) -> None:
    """Write what ``_send`` decided: one UPDATE per reason for the suppressed invitations,
    and one statement for the sent ones, whose token digest, mail, language and register
    differ (one UPDATE over arrays on PostgreSQL; elsewhere run once per invitation)."""
    suppressed: dict[str, list[int]] = {}
    sent = []
    for invitation in due:
        if invitation.state == InvitationState.SUPPRESSED:
            suppressed.setdefault(invitation.suppressed_reason, []).append(invitation.pk)
        else:
            sent.append(invitation)
    for reason, ids in suppressed.items():
        SurveyInvitation.objects.filter(pk__in=ids).update(
            state=InvitationState.SUPPRESSED, suppressed_reason=reason
        )
    if not sent:
        return
    connection = connections[router.db_for_write(SurveyInvitation)]
    moment = connection.ops.adapt_datetimefield_value
    sent_at = moment(now)
    rows = [
        (
            InvitationState.SENT.value,
            sent_at,
            moment(invitation.expires_at),
            invitation.token_digest,
            invitation.outbound_id,
            invitation.language,
            invitation.register,
            invitation.pk,
        )
        for invitation in sent
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_sent_sql(connection.vendor), [list(c) for c in zip(*rows, strict=True)])
        else:
            cursor.executemany(_sent_sql(connection.vendor), rows)


def invitations_dispatch(now: datetime | None = None, limit: int = BATCH) -> int:
    """Send (or suppress) one batch of due invitations; return how many were handled."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            SurveyInvitation.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(state=InvitationState.SCHEDULED, scheduled_for__lte=now)
            .select_related("survey", "customer", "ticket__team", "order")
            .order_by("scheduled_for", "id")[:limit]
        )
        if due:
            _send(due, now)
    return len(due)


def invitations_expire(now: datetime | None = None) -> int:
    """Mark the sent invitations whose link has expired unanswered; return how many."""
    now = now or timezone.now()
    return SurveyInvitation.objects.filter(state=InvitationState.SENT, expires_at__lt=now).update(
        state=InvitationState.EXPIRED
    )


def feedback_periodic() -> None:
    """The worker's timer: start the relationship runs that are due, send due invitations
    (batch after batch, for at most ``PERIODIC_SECONDS``) and expire old links."""
    relationship_runs_due()
    started = time.monotonic()
    while invitations_dispatch() == BATCH and time.monotonic() - started < PERIODIC_SECONDS:
        pass
    invitations_expire()
