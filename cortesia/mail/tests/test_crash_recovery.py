"""A worker importing an IMAP mailbox is killed with SIGKILL and restarted, three times.

2,000 mails wait in a real Dovecot; ``cortesia mail poll --loop`` imports them in a
subprocess with its own SQLite file. It is killed at random points of its work and started
again. At every moment the server may show a mail as read only if its row is committed (a
batch of mails is acknowledged after its commit, never before); at the end every mail has
exactly one row, one ticket and one customer message, and nothing was removed from the
server.

Slow (about a minute): run with ``make test-slow`` or ``pytest -m slow``. The command
it drives, ``cortesia mail poll``, is also tested here quickly, in the normal suite.
"""

from __future__ import annotations

import hashlib
import imaplib
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cortesia.core.actor import Actor
from cortesia.mail.imap import BATCH
from cortesia.mail.mailboxes import ImapSettings, mailbox_create
from cortesia.testing.imap import PASSWORD, USER, ImapServer
from cortesia.testing.processes import run_python

MAILS = 2_000
WITHOUT_MESSAGE_ID = 50  # keyed by the SHA-256 of their bytes instead
KILLS = 3
SEED = 20_240_601
DEADLINE_SECONDS = 420  # for the whole import; it takes well under that
PASSWORD_ENV = "SUPPORT_IMAP_PASSWORD"
PROJECT = Path(__file__).resolve().parents[3]
FETCHED_UID = re.compile(rb"UID (\d+)")

# (language, charset, sender's name, a sentence): the mails vary a little, as real ones do
VOICES = (
    ("it", "utf-8", "Giulia Bianchi", "Buongiorno, il mio ordine non è ancora arrivato."),
    ("it", "iso-8859-1", "Marco Rossi", "Vorrei cambiare l'indirizzo di consegna, grazie."),
    ("fi", "utf-8", "Aino Virtanen", "Hei, tilaukseni on myöhässä. Voitteko tarkistaa?"),
    ("bg", "utf-8", "Иван Петров", "Здравейте, поръчката ми още не е пристигнала."),
    ("ro", "utf-8", "Ioana Popescu", "Bună ziua, aș dori să returnez produsul comandat."),
    ("ar", "utf-8", "ليلى حداد", "مرحبا، لم يصل طلبي بعد. هل يمكنكم المساعدة؟"),
    ("en", "utf-8", "Sam Taylor", "Hello, the parcel arrived damaged. What can I do?"),
    ("en", "us-ascii", "", "Please reset my account, I cannot sign in any more."),
)


@dataclass
class Outgoing:
    raw: bytes
    message_id: str  # "" for the mails without one


@dataclass
class Observed:
    """What the checks saw along the way, for the report at the end."""

    checks: int = 0
    kills: list[str] = field(default_factory=list)


def _mail(number: int, rng: random.Random) -> Outgoing:
    language, charset, name, sentence = VOICES[number % len(VOICES)]
    sender = f"customer{rng.randrange(120):03d}@{language}.example"
    message = EmailMessage(policy=SMTP)
    message["From"] = str(Address(name, addr_spec=sender)) if name else sender
    message["To"] = "support@shop.example"
    message["Subject"] = f"{sentence.split(',')[0]} – {number}"
    message["Date"] = "Mon, 03 Jun 2024 09:15:00 +0200"
    message_id = ""
    if number % (MAILS // WITHOUT_MESSAGE_ID) != 7:
        message_id = f"b1.{number}.{rng.getrandbits(48):012x}@{language}.example"
        message["Message-ID"] = f"<{message_id}>"
    message.set_content(f"{sentence}\n\n{name or sender} ({number})\n", charset=charset)
    return Outgoing(message.as_bytes(), message_id)


def _keys_on_server(client: imaplib.IMAP4, mails: list[Outgoing]) -> dict[int, str]:
    """The message key the product must give each UID: its Message-ID, or the SHA-256 of
    the bytes the server hands out for a mail without one."""
    status, data = client.uid("FETCH", "1:*", "(BODY.PEEK[])")
    assert status == "OK"
    raws: dict[int, bytes] = {}
    for item in data:
        if isinstance(item, tuple):
            found = FETCHED_UID.search(item[0])
            assert found is not None
            raws[int(found.group(1))] = item[1]
    assert sorted(raws) == list(range(1, len(mails) + 1))  # appended in order, nothing lost
    return {
        uid: f"id:{mail.message_id}"
        if mail.message_id
        else f"sha256:{hashlib.sha256(raws[uid]).hexdigest()}"
        for uid, mail in zip(sorted(raws), mails, strict=True)
    }


class Database:
    """The worker's SQLite file, read from outside (read-only, short transactions)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def rows(self, sql: str) -> list[tuple[object, ...]]:
        with closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30)) as db:
            return list(db.execute(sql).fetchall())

    def value(self, sql: str) -> object:
        return self.rows(sql)[0][0]

    def keys(self) -> set[str]:
        return {str(key) for (key,) in self.rows("SELECT message_key FROM mail_inboundmail")}

    def count(self) -> int:
        return int(str(self.value("SELECT count(*) FROM mail_inboundmail")))


class Worker:
    """``cortesia mail poll --loop`` in a process of its own, output kept in a file."""

    def __init__(self, data_dir: Path, env: dict[str, str], number: int) -> None:
        self.log = data_dir / f"worker-{number}.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "cortesia.cli", "mail", "poll", "--mailbox", "support"]
                + ["--loop", "--interval", "0.2"],
                cwd=PROJECT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def ensure_running(self) -> None:
        if self.process.poll() is not None:
            pytest.fail(
                f"The worker stopped by itself ({self.process.returncode}):\n{self.output()}"
            )

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        assert self.process.wait(timeout=30) == -signal.SIGKILL

    def stop(self) -> None:
        """Make sure the process is gone, whatever state it is in (test teardown)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)


@pytest.fixture
def workers() -> Iterator[list[Worker]]:
    """Every worker started; none outlives the test, even when it fails half-way."""
    started: list[Worker] = []
    yield started
    for worker in started:
        worker.stop()


def _environment(data_dir: Path) -> dict[str, str]:
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("CORTESIA_")
    }
    environment.update(
        {
            "CORTESIA_DATA_DIR": str(data_dir),
            "DJANGO_SETTINGS_MODULE": "cortesia.settings",
            PASSWORD_ENV: PASSWORD,
        }
    )
    return environment


def _cortesia(args: list[str], data_dir: Path) -> None:
    result = run_python(
        ["-m", "cortesia.cli", *args],
        data_dir=data_dir,
        env={"DJANGO_SETTINGS_MODULE": "cortesia.settings", PASSWORD_ENV: PASSWORD},
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _check(
    server: ImapServer, database: Database, keys: dict[int, str], observed: Observed
) -> tuple[int, int]:
    """Read the server first, then the database: a mail read on the server must already
    have its committed row. Return (read on the server, rows)."""
    seen = server.uids("SEEN")
    committed = database.keys()
    lost = sorted(uid for uid in seen if keys[uid] not in committed)
    assert lost == [], f"read on the server without a committed row: UIDs {lost[:20]}"
    assert len(server.uids()) == MAILS  # nothing was removed
    observed.checks += 1
    return len(seen), len(committed)


def _wait(condition: Callable[[], bool], worker: Worker, deadline: float, what: str) -> None:
    while not condition():
        worker.ensure_running()
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out waiting for {what}:\n{worker.output()}")
        time.sleep(0.05)


@pytest.mark.slow
def test_killed_worker_loses_and_duplicates_nothing(
    imap_server: ImapServer, workers: list[Worker], tmp_path: Path
) -> None:
    started = time.monotonic()
    rng = random.Random(SEED)
    mails = [_mail(number, rng) for number in range(MAILS)]
    client = imap_server.client()
    try:
        for mail in mails:
            answer = client.append("INBOX", "", "", mail.raw)  # ("OK", [...])
            assert answer[0] == "OK"
        keys = _keys_on_server(client, mails)
    finally:
        client.logout()
    assert len(set(keys.values())) == MAILS

    data_dir = tmp_path / "data"
    _cortesia(["migrate", "--no-input"], data_dir)
    _cortesia(
        ["mail", "mailbox-create", "--name", "support", "--address", "support@shop.example"]
        + ["--imap-host", "127.0.0.1", "--imap-port", str(imap_server.port)]
        + ["--imap-security", "none", "--imap-user", USER, "--imap-password-env", PASSWORD_ENV],
        data_dir,
    )
    database = Database(data_dir / "cortesia.sqlite3")
    environment = _environment(data_dir)
    deadline = time.monotonic() + DEADLINE_SECONDS
    observed = Observed()

    def rows_once_checked(at_least: int) -> Callable[[], bool]:
        return lambda: _check(imap_server, database, keys, observed)[1] >= at_least

    # The kills come once a random number of mails is in (250 to 500, 750 to 1,000, 1,250
    # to 1,500), plus a random fraction of a second, so each lands anywhere in a mail's
    # cycle: fetching it, storing it, committing it or flagging it on the server.
    windows = [(MAILS * (2 * k + 1) // 8, MAILS * (2 * k + 2) // 8) for k in range(KILLS)]
    for number, (low, high) in enumerate(windows):
        target = rng.randrange(low, high)
        worker = Worker(data_dir, environment, number)
        workers.append(worker)
        _wait(rows_once_checked(target), worker, deadline, f"{target} mails")
        time.sleep(rng.uniform(0.0, 0.3))
        worker.ensure_running()
        worker.kill()
        seen, rows = _check(imap_server, database, keys, observed)
        assert rows < MAILS, "the kill came too late to test anything"
        # at most the batch in hand: committed, not yet flagged
        assert 0 <= rows - seen <= BATCH
        observed.kills.append(f"{rows} stored and {seen} read")

    worker = Worker(data_dir, environment, KILLS)
    workers.append(worker)
    _wait(rows_once_checked(MAILS), worker, deadline, "every mail")
    _wait(lambda: imap_server.uids("UNSEEN") == [], worker, deadline, "every mail read")
    worker.kill()

    _check(imap_server, database, keys, observed)
    assert imap_server.uids("SEEN") == list(range(1, MAILS + 1))
    _assert_each_mail_once(database, set(keys.values()), data_dir)
    print(  # shown with -s: where the kills landed and how long it all took
        f"\nkilled at {'; '.join(observed.kills)}; {observed.checks} checks; "
        f"{time.monotonic() - started:.0f} s"
    )


def _assert_each_mail_once(database: Database, expected: set[str], data_dir: Path) -> None:
    assert database.count() == MAILS
    assert database.keys() == expected
    assert (
        database.rows(
            "SELECT message_id FROM mail_inboundmail WHERE message_id != ''"
            " GROUP BY message_id HAVING count(*) > 1"
        )
        == []
    )
    assert database.rows("SELECT DISTINCT state FROM mail_inboundmail") == [("ingested",)]
    # one ticket and one customer message per mail, and no ticket or message without a mail
    assert database.value("SELECT count(DISTINCT ticket_message_id) FROM mail_inboundmail") == MAILS
    assert database.value("SELECT count(DISTINCT ticket_id) FROM mail_inboundmail") == MAILS
    assert database.value("SELECT count(*) FROM tickets_ticket") == MAILS
    assert (
        database.value("SELECT count(*) FROM tickets_ticketmessage WHERE author_kind = 'customer'")
        == MAILS
    )
    assert (
        database.rows(
            "SELECT ticket_id FROM mail_outboundmail WHERE kind = 'ack'"
            " GROUP BY ticket_id HAVING count(*) > 1"
        )
        == []
    )
    # every row finds its raw bytes
    for digest, size in database.rows("SELECT raw_sha256, raw_size FROM mail_inboundmail"):
        path = data_dir / "mail" / "raw" / str(digest)[:2] / f"{digest}.eml"
        assert path.stat().st_size == size


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
def test_poll_command_imports_once_and_says_how_many(
    imap_server: ImapServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    mailbox_create(
        name="support",
        address="support@shop.example",
        team=None,
        actor=Actor.system(),
        imap=ImapSettings(
            host="127.0.0.1",
            port=imap_server.port,
            security="none",
            username=USER,
            password_env=PASSWORD_ENV,
        ),
    )
    rng = random.Random(SEED)
    for number in range(3):
        imap_server.append(_mail(number, rng).raw)
    first, second = StringIO(), StringIO()
    call_command("mail", "poll", "--mailbox", "support", stdout=first)
    call_command("mail", "poll", "--mailbox", "support", stdout=second)
    assert first.getvalue() == "support: 3 imported, 3 fetched, 3 acknowledged\n"
    assert second.getvalue() == "support: 0 imported, 0 fetched, 0 acknowledged\n"
    assert imap_server.uids("UNSEEN") == []
    imap_server.stop()  # once, a poll that fails is an error (with --loop it is retried)
    with pytest.raises(CommandError, match="support not polled"):
        call_command("mail", "poll", "--mailbox", "support")
    with pytest.raises(CommandError, match="No active IMAP mailbox is called 'sales'"):
        call_command("mail", "poll", "--mailbox", "sales")
