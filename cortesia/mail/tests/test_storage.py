"""Raw mails on disk, written in batches, and the commit that lets a source be acknowledged."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.db import connection

from cortesia.mail.inbound import Ingested, mail_ingest_batch
from cortesia.mail.models import Mailbox
from cortesia.mail.storage import RawBatch, raw_path, raw_read, raw_store


def _files(data_dir: Path) -> list[str]:
    return sorted(path.name for path in (data_dir / "mail" / "raw").rglob("*") if path.is_file())


def test_a_batch_names_its_files_only_once_they_are_flushed(data_dir: Path) -> None:
    raws = [b"first mail", b"second mail", b"first mail"]
    with RawBatch() as batch:
        digests = [batch.add(raw) for raw in raws]
        assert [name.endswith(".part") for name in _files(data_dir)] == [True, True]
        batch.flush()
    assert digests == [hashlib.sha256(raw).hexdigest() for raw in raws]
    assert _files(data_dir) == sorted(f"{digest}.eml" for digest in set(digests))
    assert [raw_read(digest) for digest in digests] == raws
    assert raw_path(digests[0]).stat().st_mode & 0o777 == 0o640
    assert raw_store(b"first mail") == digests[0]  # already there: not written again
    assert len(_files(data_dir)) == 2


def test_a_batch_that_fails_before_its_flush_names_no_file(data_dir: Path) -> None:
    with RawBatch() as batch:  # left before flush(), as when an error comes first
        batch.add(b"a mail")
    assert [name.endswith(".part") for name in _files(data_dir)] == [True]
    assert raw_store(b"a mail") == hashlib.sha256(b"a mail").hexdigest()
    assert raw_read(hashlib.sha256(b"a mail").hexdigest()) == b"a mail"


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("english")
def test_on_sqlite_a_batch_commits_with_its_log_flushed(support: Mailbox) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL flushes its log at every commit")

    def synchronous() -> int:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous")
            return int(cursor.fetchone()[0])

    during: list[int] = []

    def look(result: Ingested) -> None:
        during.append(synchronous())

    before = synchronous()
    raws = [f"Message-ID: <s{n}@x.it>\r\nFrom: a{n}@x.it\r\n\r\nCiao".encode() for n in range(2)]
    mail_ingest_batch(mailbox=support, raws=raws, source="pipe", after_each=look)
    assert (before, during, synchronous()) == (1, [2, 2], 1)  # NORMAL, FULL, NORMAL again
