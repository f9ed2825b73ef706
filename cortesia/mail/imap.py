"""IMAP polling: commit first, then acknowledge on the server.

New messages are taken in batches of ``batch`` (by UID, oldest first). A batch's raw
bytes are fetched without touching their flags (``BODY.PEEK[]``, several messages to a
command up to ``FETCH_BYTES``, so a distant server costs few round trips), stored and
committed together through :func:`mail_ingest_batch` (one transaction, each mail in a
savepoint of its own), and only then marked read, moved or deleted, as the mailbox says,
with one command for the whole batch. A crash before the commit leaves nothing of the
batch in the database and every message untouched on the server; a crash after it leaves
the messages unread there: either way the next poll fetches them again, and the unique
key makes the stored ones a no-op. Two workers polling one mailbox behave the same way.

The password is the mailbox's sealed one, else read from the environment variable the
mailbox names; it is never logged. Plain connections are allowed only to the local machine.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import os
import re
import ssl
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from cortesia.core.errors import DomainError
from cortesia.mail.credentials import UnreadableSecret, unseal
from cortesia.mail.inbound import Ingested, mail_ingest_batch
from cortesia.mail.models import InboundMail, Mailbox

logger = logging.getLogger(__name__)
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
TIMEOUT_SECONDS = 60
BATCH = 50  # mails per transaction; the database flushes its log once per batch
FETCH_BYTES = 8 * 2**20  # fetched with one command, at most (a larger message alone)
FETCHED_UID = re.compile(rb"\bUID (\d+)")
SIZE = re.compile(rb"\bRFC822\.SIZE (\d+)")


@dataclass
class Polled:
    fetched: int = 0
    stored: int = 0  # new rows (the rest were there already)
    acknowledged: int = 0


def imap_connect(
    host: str, port: int, security: str, timeout: float = TIMEOUT_SECONDS
) -> imaplib.IMAP4:
    """Open a connection as ``security`` says; raise DomainError for a plain connection
    to another machine, OSError or ``imaplib.IMAP4.error`` when the server fails."""
    if security == Mailbox.Security.TLS:
        return imaplib.IMAP4_SSL(
            host, port, ssl_context=ssl.create_default_context(), timeout=timeout
        )
    if security == Mailbox.Security.STARTTLS:
        client = imaplib.IMAP4(host, port, timeout=timeout)
        client.starttls(ssl_context=ssl.create_default_context())
        return client
    if host not in LOOPBACK:
        raise DomainError(
            _("A mailbox on another machine needs TLS or STARTTLS."), code="insecure_imap"
        )
    return imaplib.IMAP4(host, port, timeout=timeout)


def _connect(mailbox: Mailbox) -> imaplib.IMAP4:
    return imap_connect(mailbox.imap_host, mailbox.imap_port, mailbox.imap_security)


def imap_password(mailbox: Mailbox) -> str:
    """Return the mailbox's IMAP password: its sealed one, else the environment
    variable's. Raises DomainError when there is neither (or the seal is unreadable)."""
    if mailbox.imap_password_sealed:
        try:
            return unseal(mailbox.imap_password_sealed)
        except UnreadableSecret:
            raise DomainError(
                _("The stored IMAP password cannot be read any more; type it again."),
                code="imap_password_unreadable",
            ) from None
    password = os.environ.get(mailbox.imap_password_env or "", "")
    if not password:
        raise DomainError(
            _("The environment variable %(name)s with the IMAP password is not set.")
            % {"name": mailbox.imap_password_env or "—"},
            code="imap_password_missing",
        )
    return password


def _check(result: tuple[str, Sequence[Any]], what: str) -> list[Any]:
    status, data = result
    if status != "OK":
        raise imaplib.IMAP4.error(f"{what} failed: {status}")
    return list(data)


def _acknowledge(client: imaplib.IMAP4, mailbox: Mailbox, uids: list[str]) -> None:
    """Mark ``uids`` read, or move or delete them, with one command each."""
    if not uids:
        return
    uid_set = ",".join(uids)
    if mailbox.after_import == Mailbox.AfterImport.SEEN:
        _check(client.uid("STORE", uid_set, "+FLAGS", "(\\Seen)"), "STORE")
        return
    if mailbox.after_import == Mailbox.AfterImport.MOVE and mailbox.move_to:
        _check(client.uid("COPY", uid_set, _quoted(mailbox.move_to)), "COPY")
    _check(client.uid("STORE", uid_set, "+FLAGS", "(\\Deleted)"), "STORE")
    if b"UIDPLUS" in b" ".join(_capabilities(client)):
        _check(client.uid("EXPUNGE", uid_set), "UID EXPUNGE")
    else:
        _check(client.expunge(), "EXPUNGE")


def _capabilities(client: imaplib.IMAP4) -> list[bytes]:
    return [c.encode() if isinstance(c, str) else c for c in client.capabilities]


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def imap_poll(
    mailbox: Mailbox,
    *,
    limit: int = 500,
    batch: int = BATCH,
    after_each: Callable[[Ingested], None] | None = None,
    after_store: Callable[[Ingested], None] | None = None,
) -> Polled:
    """Fetch, store and then acknowledge up to ``limit`` new messages of ``mailbox``,
    ``batch`` at a time. ``after_each`` runs for each mail inside its batch's transaction,
    ``after_store`` for each mail of a batch between its commit and its acknowledgement
    (tests use them to play a crash before or after the commit, or a second worker)."""
    polled = Polled()
    client = _connect(mailbox)
    try:
        _check(client.login(mailbox.imap_username, imap_password(mailbox)), "LOGIN")
        _check(client.select(_quoted(mailbox.imap_folder)), "SELECT")
        validity = client.response("UIDVALIDITY")[1]
        uidvalidity = int(validity[0]) if validity and validity[0] else None
        if uidvalidity != mailbox.uidvalidity:  # a rebuilt folder: rescanning is safe
            Mailbox.objects.filter(pk=mailbox.pk).update(uidvalidity=uidvalidity)
            mailbox.uidvalidity = uidvalidity
        criteria = "UNSEEN" if mailbox.after_import == Mailbox.AfterImport.SEEN else "ALL"
        found = _check(client.uid("SEARCH", criteria), "SEARCH")
        uids = [uid.decode() for uid in (found[0] or b"").split()][:limit] if found else []
        for start in range(0, len(uids), max(batch, 1)):
            fetched: list[str] = []
            results = mail_ingest_batch(
                mailbox=mailbox,
                raws=_fetch(client, uids[start : start + max(batch, 1)], fetched),
                source=InboundMail.Source.IMAP,
                after_each=after_each,
            )
            polled.fetched += len(results)
            polled.stored += sum(result.created for result in results)
            for result in results:
                if after_store is not None:
                    after_store(result)
            _acknowledge(client, mailbox, fetched)
            polled.acknowledged += len(fetched)
        Mailbox.objects.filter(pk=mailbox.pk).update(last_polled_at=timezone.now())
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            client.logout()
    return polled


def _fetch(client: imaplib.IMAP4, uids: list[str], fetched: list[str]) -> Iterator[bytes]:
    """Yield the raw bytes of ``uids`` in order, without marking them read; each UID that
    had a message goes into ``fetched``. Messages come several to a FETCH command (one
    round trip to the server for up to ``FETCH_BYTES``), a larger one alone."""
    sizes = _sizes(client, uids)
    for group in fetch_groups(uids, sizes):
        bodies = fetched_bodies(
            _check(client.uid("FETCH", ",".join(group), "(BODY.PEEK[])"), "FETCH")
        )
        for uid in group:
            raw = bodies.pop(uid, None)
            if raw is not None:  # gone since the search: neither stored nor flagged
                fetched.append(uid)
                yield raw


def _sizes(client: imaplib.IMAP4, uids: list[str]) -> dict[str, int]:
    sizes: dict[str, int] = {}
    if not uids:
        return sizes
    for item in _check(client.uid("FETCH", ",".join(uids), "(RFC822.SIZE)"), "FETCH"):
        line = item[0] if isinstance(item, tuple) else item
        if isinstance(line, bytes):
            uid, size = FETCHED_UID.search(line), SIZE.search(line)
            if uid is not None and size is not None:
                sizes[uid.group(1).decode()] = int(size.group(1))
    return sizes


def fetch_groups(uids: list[str], sizes: dict[str, int]) -> list[list[str]]:
    """Split ``uids`` (in order) into groups of at most ``FETCH_BYTES`` together; a
    message larger than that is a group of its own, and one without a size is left out
    (it is gone)."""
    groups: list[list[str]] = []
    current: list[str] = []
    total = 0
    for uid in uids:
        if uid not in sizes:
            continue
        if current and total + sizes[uid] > FETCH_BYTES:
            groups.append(current)
            current, total = [], 0
        current.append(uid)
        total += sizes[uid]
    if current:
        groups.append(current)
    return groups


def fetched_bodies(data: list[Any]) -> dict[str, bytes]:
    """The raw bytes of each message in a FETCH answer, by UID. A server names the UID
    before the body or after it (then in the line that closes the message)."""
    bodies: dict[str, bytes] = {}
    for index, item in enumerate(data):
        if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes)):
            continue
        uid = FETCHED_UID.search(item[0]) if isinstance(item[0], bytes) else None
        after = data[index + 1] if index + 1 < len(data) else None
        if uid is None and isinstance(after, bytes):
            uid = FETCHED_UID.search(after)
        if uid is not None:
            bodies[uid.group(1).decode()] = item[1]
    return bodies


def imap_poll_all() -> int:
    """Poll every active IMAP mailbox once; return how many new mails were stored. A
    mailbox that fails is logged (without its credentials) and the others still run."""
    stored = 0
    for mailbox in Mailbox.objects.filter(is_active=True).exclude(imap_host=""):
        try:
            stored += imap_poll(mailbox).stored
        except (imaplib.IMAP4.error, OSError, DomainError) as error:
            logger.warning("mailbox %s not polled: %s", mailbox.name, type(error).__name__)
    return stored
