"""Raw mails on disk, content-addressed by SHA-256 under ``CORTESIA_DATA_DIR/mail``.

A mail is written and flushed to the disk before its row commits and never changed
afterwards, so a row always finds its bytes; a file without a row (the transaction rolled
back) is simply written again by the next attempt.

A batch of mails is written by :class:`RawBatch`: every file first, then all of them
flushed at once from a few threads, which lets the file system's journal commit them
together (on ext4, 50 files take about the time of two or three flushed one by one).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.db import connection

FILE_MODE = 0o640
T = TypeVar("T")
FLUSH_THREADS = 16


def raw_dir() -> Path:
    return Path(settings.DATA_DIR) / "mail" / "raw"


def raw_path(digest: str) -> Path:
    return raw_dir() / digest[:2] / f"{digest}.eml"


@dataclass(frozen=True)
class _Pending:
    descriptor: int
    partial: Path
    target: Path


class RawBatch:
    """Write raw mails now and flush them all in :meth:`flush`, before their rows commit.

    ``add`` returns the mail's SHA-256 at once; the bytes are on the disk only after
    ``flush`` returned, so nothing may refer to them before. A file already there with
    the same size is not written again.
    """

    def __init__(self) -> None:
        self._pending: dict[str, _Pending] = {}
        self._new_folders = False

    def __enter__(self) -> RawBatch:
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Close what was written but not flushed (an error came first): those files
        keep their temporary names, so no row can ever point at them."""
        pending, self._pending = list(self._pending.values()), {}
        for item in pending:
            os.close(item.descriptor)

    def add(self, raw: bytes) -> str:
        digest = hashlib.sha256(raw).hexdigest()
        target = raw_path(digest)
        if digest in self._pending or _is_stored(target, len(raw)):
            return digest
        if not target.parent.is_dir():
            target.parent.mkdir(parents=True, exist_ok=True)
            self._new_folders = True
        partial = target.with_suffix(f".{os.getpid()}.part")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            view = memoryview(raw)
            while view:
                view = view[os.write(descriptor, view) :]
        except BaseException:
            os.close(descriptor)
            raise
        self._pending[digest] = _Pending(descriptor, partial, target)
        return digest

    def flush(self) -> None:
        """Flush every file written since the last flush, give each its name, then flush
        the folders that hold the names (a new folder's parent too), so a name survives a
        power cut as the bytes do."""
        pending, self._pending = list(self._pending.values()), {}
        try:
            _in_parallel(os.fsync, [item.descriptor for item in pending])
        finally:
            for item in pending:
                os.close(item.descriptor)
        for item in pending:
            os.replace(item.partial, item.target)
        folders = {item.target.parent for item in pending}
        if self._new_folders:
            folders.add(raw_dir())
        _in_parallel(_flush_folder, sorted(folders))
        self._new_folders = False


def _in_parallel(flush: Callable[[T], None], items: list[T]) -> None:
    """Flush ``items`` from a few threads at once: the file system commits them together."""
    if len(items) == 1:
        flush(items[0])
    elif items:
        with ThreadPoolExecutor(min(FLUSH_THREADS, len(items))) as pool:
            list(pool.map(flush, items))


def _flush_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _is_stored(target: Path, size: int) -> bool:
    try:
        return target.stat().st_size == size
    except FileNotFoundError:
        return False


def raw_store(raw: bytes) -> str:
    """Keep ``raw`` (once), flushed to the disk, and return its SHA-256."""
    with RawBatch() as batch:
        digest = batch.add(raw)
        batch.flush()
    return digest


def raw_read(digest: str) -> bytes:
    return raw_path(digest).read_bytes()


@contextmanager
def durable_commit() -> Iterator[None]:
    """Make the commit of the transaction run inside this block survive a power cut, so
    that the source of a mail may be acknowledged after it.

    PostgreSQL flushes its log at every commit already. SQLite runs in WAL mode with
    ``synchronous=NORMAL`` (see ``cortesia/lib/database_url.py``): a commit survives a
    crash of the process but not of the machine. Here the connection runs
    ``synchronous=FULL`` for the block, which flushes the log once at the commit: one
    flush per batch of mails. Inside a caller's transaction nothing changes, as the
    caller's commit is the one that counts.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        (previous,) = cursor.fetchone()
        cursor.execute("PRAGMA synchronous=FULL")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous={int(previous)}")
