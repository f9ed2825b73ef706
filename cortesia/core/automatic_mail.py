"""Mail that a machine sends on its own: sent with a null envelope sender (``MAIL FROM:<>``).

A bounce of such a mail then goes nowhere, so an acknowledgement or a notification can
never start a loop with another robot (RFC 3834, RFC 5321 4.5.5). Backends other than
SMTP (files, memory) just send it.
"""

from __future__ import annotations

from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend


def send_automatic(message: EmailMessage, connection: BaseEmailBackend | None = None) -> None:
    """Send ``message`` with a null envelope sender through ``connection`` (by default
    the site's)."""
    backend = connection or get_connection()
    if not isinstance(backend, SmtpBackend):
        message.connection = backend
        message.send()
        return
    opened = backend.open()
    try:
        assert backend.connection is not None  # noqa: S101 - open() made it
        backend.connection.sendmail(
            "", message.recipients(), message.message().as_bytes(linesep="\r\n")
        )
    finally:
        if opened:
            backend.close()
