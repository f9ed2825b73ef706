"""The HTTP response that hands out an attachment: always a download, never rendered."""

from __future__ import annotations

from django.http import FileResponse

from cortesia.tickets.attachments import attachment_path, served_type
from cortesia.tickets.models import TicketAttachment

# Even if a browser were talked into rendering the file, it could run nothing.
SANDBOX = "sandbox; default-src 'none'"


def attachment_response(attachment: TicketAttachment) -> FileResponse:
    response = FileResponse(
        attachment_path(attachment).open("rb"),
        as_attachment=True,
        filename=attachment.filename,
        content_type=served_type(attachment.content_type, mismatch=attachment.type_mismatch),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    response["Cache-Control"] = "private, no-store"
    return response
