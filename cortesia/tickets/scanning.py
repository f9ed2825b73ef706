"""Look for malware in an upload before it is kept.

The EICAR test file is always recognised, so the blocking can be tried on any instance.
With ``CORTESIA_CLAMD_SOCKET`` or ``CORTESIA_CLAMD_ADDRESS`` set, every file is streamed to
clamd. A file no scanner looked at, or that clamd failed to judge (unreachable, timed
out, an error reply), is ``not_scanned``: never ``clean``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

from cortesia.lib.clamd import ClamdError, clamd_address, clamd_scan
from cortesia.tickets.models import TicketAttachment

logger = logging.getLogger(__name__)

# The published test string, in two halves so that this source file is no test file itself.
EICAR_SIGNATURE = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
EICAR_MAX_BYTES = 128
_EICAR_PADDING = frozenset(b" \t\r\n\x1a")
CLAMD_TIMEOUT_SECONDS = 30.0
_CHUNK = 1 << 16


def is_eicar(content: bytes) -> bool:
    """True for the EICAR test file as published: the 68-byte string at the start,
    followed only by spaces, tabs, line ends or Ctrl-Z, 128 bytes at most in all."""
    return (
        len(content) <= EICAR_MAX_BYTES
        and content.startswith(EICAR_SIGNATURE)
        and all(byte in _EICAR_PADDING for byte in content[len(EICAR_SIGNATURE) :])
    )


def attachment_scan(path: Path, *, head: bytes, size: int) -> TicketAttachment.Scan:
    """Return what the scan of the file at ``path`` found. ``head`` is its first bytes
    (the whole file when it is small enough to be the EICAR test file)."""
    if size <= EICAR_MAX_BYTES and is_eicar(head[:size]):
        return TicketAttachment.Scan.INFECTED
    unix_socket, address = settings.CORTESIA_CLAMD_SOCKET, settings.CORTESIA_CLAMD_ADDRESS
    if not (unix_socket or address):
        return TicketAttachment.Scan.NOT_SCANNED
    try:
        found = clamd_scan(
            _chunks(path),
            unix_socket=unix_socket,
            address=clamd_address(address) if address else None,
            timeout=CLAMD_TIMEOUT_SECONDS,
        )
    except ClamdError:
        logger.warning("clamd did not scan an upload; it is kept as not scanned", exc_info=True)
        return TicketAttachment.Scan.NOT_SCANNED
    return TicketAttachment.Scan.CLEAN if found is None else TicketAttachment.Scan.INFECTED


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            yield chunk
