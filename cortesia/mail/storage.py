"""Raw mails on disk, content-addressed by SHA-256 under ``CORTESIA_DATA_DIR/mail``.

A mail is written before its row commits and never changed afterwards, so a row always
finds its bytes; a file without a row (the transaction rolled back) is simply written
again by the next attempt.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from django.conf import settings

FILE_MODE = 0o640


def raw_dir() -> Path:
    return Path(settings.DATA_DIR) / "mail" / "raw"


def raw_path(digest: str) -> Path:
    return raw_dir() / digest[:2] / f"{digest}.eml"


def raw_store(raw: bytes) -> str:
    """Keep ``raw`` (once) and return its SHA-256."""
    digest = hashlib.sha256(raw).hexdigest()
    target = raw_path(digest)
    if target.is_file() and target.stat().st_size == len(raw):
        return digest
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.part")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(raw)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, target)
    return digest


def raw_read(digest: str) -> bytes:
    return raw_path(digest).read_bytes()
