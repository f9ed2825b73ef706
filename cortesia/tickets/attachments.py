"""Files sent with ticket messages.

Uploads are streamed to ``CORTESIA_DATA_DIR/attachments`` (outside the web root) under a
random name, with their size checked while they arrive and their SHA-256 kept. The name
the sender gave is cleaned (no folders, control or direction-override characters) and
used only in the download's ``Content-Disposition``. Files are served only as downloads,
to people who may see the ticket; anyone else gets the same 404 as for a missing file.
Before a file is kept, zip bombs and pixel floods are refused (:mod:`.inspection`) and
the malware scan's result is recorded (:mod:`.scanning`).

An upload waits without a message until a message takes it. The sweep removes uploads no
message took within a day, and files whose row was rolled back.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors, NotFound, TooLarge
from cortesia.tickets.inspection import attachment_inspect
from cortesia.tickets.models import Ticket, TicketAttachment, TicketMessage
from cortesia.tickets.scanning import EICAR_MAX_BYTES, attachment_scan

MAX_FILES_PER_MESSAGE = 20
UNCLAIMED_FOR = timedelta(days=1)
ORPHAN_FILE_AGE = timedelta(hours=1)
# Served with their own type (still as downloads); anything else as octet-stream.
KNOWN_TYPES = frozenset(
    {
        "application/pdf",
        "image/gif",
        "image/jpeg",
        "image/png",
        "image/webp",
        "text/csv",
        "text/plain",
    }
)
_INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
)
_CHUNK = 1 << 16
HEAD_BYTES = EICAR_MAX_BYTES  # enough to sniff the type and to hold the EICAR test file
FILE_MODE = 0o640  # owner and group read; never world-readable


def attachments_dir() -> Path:
    return Path(settings.DATA_DIR) / "attachments"


def attachment_path(attachment: TicketAttachment) -> Path:
    name = attachment.uid.hex
    return attachments_dir() / name[:2] / name


def clean_filename(name: str) -> str:
    """Return a file name safe to show and to put in a header: the last path component,
    NFC, without control or direction-override characters, at most 200 characters."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").split("/")[-1]
    name = "".join(
        char
        for char in name
        if char not in _INVISIBLE and unicodedata.category(char) not in ("Cc", "Cf")
    )
    name = name.strip(" .")
    if len(name) > 200:
        stem, dot, extension = name.rpartition(".")
        keep = extension[:20] if dot and stem else ""
        name = f"{name[: 199 - len(keep)]}.{keep}" if keep else name[:200]
    return name or "attachment"


# Signatures of the types served as themselves, and of programs (never acceptable as those).
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"MZ", "application/x-msdownload"),
    (b"\x7fELF", "application/x-executable"),
    (b"PK\x03\x04", "application/zip"),
)
BINARY_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"})


def sniffed_type(head: bytes) -> str | None:
    """Return the type the first bytes of a file announce, or None when they say nothing."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return next((kind for magic, kind in SIGNATURES if head.startswith(magic)), None)


def type_mismatch(declared: str, head: bytes) -> bool:
    """True when the content contradicts the declared type: a program under any name, a
    file declared as PDF or an image whose bytes are something else, or a text file that
    starts like one of those binaries."""
    sniffed = sniffed_type(head)
    if sniffed in ("application/x-msdownload", "application/x-executable"):
        return declared != sniffed
    if declared in BINARY_TYPES:
        return sniffed != declared
    return declared in ("text/plain", "text/csv") and sniffed is not None


def served_type(content_type: str, *, mismatch: bool = False) -> str:
    if mismatch or content_type not in KNOWN_TYPES:
        return "application/octet-stream"
    return content_type


def _too_large() -> TooLarge:
    return TooLarge(
        _("A file may have at most %(size)d MB.")
        % {"size": settings.CORTESIA_ATTACHMENT_MAX_BYTES // 1_000_000}
    )


class _StreamedUpload(UploadedFile):
    """An upload whose content comes from an iterator of chunks (a mail part decoded as
    it is written), so the whole file is never in memory."""

    def __init__(self, chunks: Iterable[bytes], name: str, content_type: str) -> None:
        super().__init__(file=None, name=name, content_type=content_type, size=None)
        self._source = chunks

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        yield from self._source


def attachment_add(
    *,
    message: TicketMessage,
    filename: str,
    content_type: str,
    chunks: Iterable[bytes],
    actor: Actor,
    content_id: str = "",
) -> TicketAttachment:
    """Store a file that arrived with ``message`` (a mail's part, decoded chunk by chunk)
    and attach it. Raises TooLarge beyond ``CORTESIA_ATTACHMENT_MAX_MB`` and
    ExpandsTooLarge for a zip bomb or a pixel flood."""
    upload = _StreamedUpload(chunks, filename or "attachment", content_type)
    attachment = attachment_store(message=message, upload=upload, actor=actor)
    if content_id:
        attachment.content_id = content_id[:255]
        attachment.save(update_fields=["content_id"])
    return attachment


def attachment_store(
    *, message: TicketMessage, upload: UploadedFile, actor: Actor
) -> TicketAttachment:
    """Store ``upload`` as a file of ``message`` at once. Raises TooLarge (ExpandsTooLarge
    included)."""
    attachment = attachment_upload(ticket=message.ticket, upload=upload, actor=actor)
    attachment.message = message
    attachment.save(update_fields=["message"])
    return attachment


def attachment_upload(*, ticket: Ticket, upload: UploadedFile, actor: Actor) -> TicketAttachment:
    """Store ``upload`` for ``ticket`` (waiting for a message), readable by its owner and
    group only, with the malware scan's result (an infected file is kept as evidence).

    Raises TooLarge when it is larger than ``CORTESIA_ATTACHMENT_MAX_MB``, and
    ExpandsTooLarge for a zip bomb or a pixel flood (see :mod:`.inspection`); nothing is
    kept then.
    """
    limit = settings.CORTESIA_ATTACHMENT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise _too_large()
    uid = uuid.uuid4()
    target = attachments_dir() / uid.hex[:2] / uid.hex
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    try:
        received = _receive(upload, partial, limit)
        attachment_inspect(partial, size=received.size)
        scan = attachment_scan(partial, head=received.head, size=received.size)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    content_type = (upload.content_type or "application/octet-stream").lower()[:100]
    return TicketAttachment.objects.create(
        uid=uid,
        ticket=ticket,
        filename=clean_filename(upload.name or ""),
        content_type=content_type,
        size=received.size,
        sha256=received.sha256,
        type_mismatch=type_mismatch(content_type, received.head),
        scan=scan,
        uploaded_by=actor.user,
    )


@dataclass(frozen=True)
class _Received:
    size: int
    sha256: str
    head: bytes  # the first HEAD_BYTES bytes


def _receive(upload: UploadedFile, partial: Path, limit: int) -> _Received:
    """Write ``upload`` to ``partial`` (created, never overwritten); raise TooLarge as
    soon as it passes ``limit``."""
    digest, size, head = hashlib.sha256(), 0, b""
    with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640), "wb") as handle:
        for chunk in upload.chunks(_CHUNK):
            size += len(chunk)
            if size > limit:  # a client that understated the size
                raise _too_large()
            digest.update(chunk)
            handle.write(chunk)
            if len(head) < HEAD_BYTES:
                head += chunk[: HEAD_BYTES - len(head)]
    return _Received(size=size, sha256=digest.hexdigest(), head=head)


def attachments_claim(*, message: TicketMessage, uids: list[str], actor: Actor) -> int:
    """Attach the caller's waiting uploads of the message's ticket to ``message``. Raises
    FieldErrors when one is unknown, someone else's or already sent."""
    if not uids:
        return 0
    if len(uids) > MAX_FILES_PER_MESSAGE:
        raise FieldErrors(
            {
                "attachments": _("A message has at most %(count)d files.")
                % {"count": MAX_FILES_PER_MESSAGE}
            }
        )
    try:
        wanted = {uuid.UUID(str(uid)) for uid in uids}
    except ValueError:
        wanted = set()
    claimed = TicketAttachment.objects.filter(
        ticket_id=message.ticket_id,
        message__isnull=True,
        uploaded_by=actor.user,
        uid__in=wanted,
    ).update(message=message)
    if not wanted or claimed != len(set(uids)):
        raise FieldErrors(
            {"attachments": _("An attachment is unknown or was already sent with a message.")}
        )
    return claimed


def attachment_get(*, ticket: Ticket, uid: str) -> TicketAttachment:
    """Return an attachment of ``ticket`` (which the caller got through a scoped selector)
    whose file exists, or raise NotFound."""
    try:
        attachment = TicketAttachment.objects.get(ticket=ticket, uid=uuid.UUID(str(uid)))
    except (ValueError, TicketAttachment.DoesNotExist):
        raise NotFound("attachment") from None
    if not attachment_path(attachment).is_file():
        raise NotFound("attachment")
    return attachment


def attachments_sweep(now: datetime | None = None) -> int:
    """Remove uploads no message took within a day and files without a row (their upload
    was rolled back); return how many files went."""
    now = now or timezone.now()
    removed = 0
    stale = TicketAttachment.objects.filter(
        message__isnull=True, created_at__lt=now - UNCLAIMED_FOR
    )
    for attachment in stale:
        attachment_path(attachment).unlink(missing_ok=True)
        attachment.delete()
        removed += 1
    root = attachments_dir()
    if not root.is_dir():
        return removed
    cutoff = (now - ORPHAN_FILE_AGE).timestamp()
    for path in root.glob("*/*"):
        if path.stat().st_mtime >= cutoff:
            continue
        try:
            uid = uuid.UUID(path.name.removesuffix(".part"))
        except ValueError:
            continue
        if path.suffix == ".part" or not TicketAttachment.objects.filter(uid=uid).exists():
            path.unlink(missing_ok=True)
            removed += 1
    return removed
