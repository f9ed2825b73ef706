"""The inbound webhook: a mail service posts one raw RFC 822 mail per request.

``POST /api/v1/mail/{mailbox}/inbound`` with ``Authorization: Bearer cmw_…`` (the
mailbox's own secret from ``cortesia mail webhook-token``) and the raw mail as the body.
It answers 200 once the mail is stored, also when it was there already (the sender may
stop retrying) or went to quarantine; a server error means "retry".
"""

from __future__ import annotations

from uuid import UUID

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.security import HttpBearer

from cortesia.core.errors import DomainError, TooLarge
from cortesia.mail.inbound import mail_ingest
from cortesia.mail.mailboxes import mailbox_for_webhook
from cortesia.mail.models import InboundMail, Mailbox

router = Router(tags=["mail"])


class MailboxSecret(HttpBearer):
    openapi_description = "The mailbox's webhook secret (cortesia mail webhook-token NAME)."

    def authenticate(self, request: HttpRequest, token: str) -> Mailbox | None:
        match = request.resolver_match
        name = match.kwargs.get("mailbox", "") if match else ""
        return mailbox_for_webhook(str(name), token)


class StoredOut(Schema):
    uid: UUID
    state: str
    already_stored: bool
    ticket: UUID | None


@router.post(
    "/mail/{mailbox}/inbound",
    response=StoredOut,
    auth=MailboxSecret(),
    summary="Deliver one raw RFC 822 mail to a mailbox (idempotent per Message-ID)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"message/rfc822": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
def mail_inbound(request: HttpRequest, mailbox: str) -> StoredOut:
    box = getattr(request, "auth", None)
    assert isinstance(box, Mailbox)  # noqa: S101 - MailboxSecret returns one or refuses
    limit = settings.CORTESIA_MAIL_MAX_BYTES
    raw = request.read(limit + 1)  # the stream, not request.body: mails outgrow its cap
    if len(raw) > limit:
        raise TooLarge(_("A mail may have at most %(size)d MB.") % {"size": limit // 1_000_000})
    if not raw.strip():
        raise DomainError(_("The body must be one raw mail."), code="empty_mail")
    result = mail_ingest(mailbox=box, raw=raw, source=InboundMail.Source.WEBHOOK)
    stored = result.mail
    return StoredOut(
        uid=stored.uid,
        state=stored.state,
        already_stored=not result.created,
        ticket=stored.ticket.uid if stored.ticket else None,
    )
