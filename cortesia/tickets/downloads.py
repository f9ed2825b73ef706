"""The HTTP response that hands out an attachment: always a download, never rendered.

An infected file goes out only to an administrator who asks to override the block; the
override, and an attempt by anyone else, is written to the audit log.
"""

from __future__ import annotations

from django.http import FileResponse
from django.utils.translation import gettext as _

from cortesia.audit.models import AuditEvent
from cortesia.audit.services import audit_record
from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden
from cortesia.tickets.attachments import attachment_path, served_type
from cortesia.tickets.models import TicketAttachment
from cortesia.tickets.permissions import can_release_infected

# Even if a browser were talked into rendering the file, it could run nothing.
SANDBOX = "sandbox; default-src 'none'"


def attachment_release(*, attachment: TicketAttachment, actor: Actor, override: bool) -> None:
    """Allow ``attachment`` to be downloaded, or raise Forbidden when it is infected and
    ``override`` is not asked for by an administrator. Every override attempt is audited
    (refused ones too); clean and unscanned files pass without a record."""
    if attachment.scan != TicketAttachment.Scan.INFECTED:
        return
    is_admin = actor.user is not None and can_release_infected(actor.user)
    if override:
        audit_record(
            action=AuditEvent.Action.ATTACHMENT_OVERRIDE,
            result=AuditEvent.Result.OK if is_admin else AuditEvent.Result.DENIED,
            actor=actor,
            object_type="attachment",
            object_uid=str(attachment.uid),
            object_label=attachment.filename,
            data={"ticket": str(attachment.ticket.uid), "sha256": attachment.sha256},
        )
    if not (override and is_admin):
        raise Forbidden(
            _(
                "This file was found infected and is blocked. Only an administrator can "
                "download it."
            ),
            code="attachment_infected",
        )


# Raster images a browser shows without running anything; never SVG (it can hold scripts).
INLINE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})


def shown_inline(attachment: TicketAttachment) -> bool:
    """Whether the file may be shown in the page (an image a mail's HTML refers to)."""
    return (
        attachment.content_type in INLINE_TYPES
        and not attachment.type_mismatch
        and attachment.scan != TicketAttachment.Scan.INFECTED
    )


def attachment_response(attachment: TicketAttachment, *, inline: bool = False) -> FileResponse:
    """The file as a download; as an image in the page only when ``inline`` is asked
    for and :func:`shown_inline` allows it."""
    response = FileResponse(
        attachment_path(attachment).open("rb"),
        as_attachment=not (inline and shown_inline(attachment)),
        filename=attachment.filename,
        content_type=served_type(attachment.content_type, mismatch=attachment.type_mismatch),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    response["Cache-Control"] = "private, no-store"
    return response
