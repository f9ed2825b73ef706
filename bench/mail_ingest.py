"""Speed and memory of inbound mail: N mixed mails through ``mail_ingest``, then plain ones
one by one and in batches, then one mail with a large attachment.

The mails are generated in memory: plain 5 KB texts in six languages (new tickets), HTML
mails, replies that thread by In-Reply-To onto earlier tickets, and mails with a 50 KB
attachment, from 2,000 senders. One by one, each goes through exactly the code path of the
pipe command and the webhook (raw file, row, ticket, acknowledgement in the outbox, one
commit per mail); batched, through that of the IMAP poller (``--batch`` mails per
transaction, read back from the disk as the poller does). It prints one JSON object: mails
per second (wall clock), CPU milliseconds and SQL statements per mail (a figure the
machine's load barely changes) for each set, the rate of one-row commits on the same
database measured before and after (the floor: the machine is shared, so compare runs by
the ratios; on SQLite also with the log flushed, as mail commits), and the peak RSS before
and after a mail carrying a ``--big-mb`` attachment.

    .venv/bin/python bench/mail_ingest.py --mails 2000 --plain 2000 --batch 50

SQLite in a temporary folder unless ``CORTESIA_DATABASE_URL`` is set. Measure PostgreSQL
on a durable cluster (fsync and synchronous commit on, as in production):

    .venv/bin/python -m cortesia.testing.postgres --durable -- \
        .venv/bin/python bench/mail_ingest.py --mails 1000 --plain 1000
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TEXTS = {
    "it": "Buongiorno, il mio ordine non è ancora arrivato. Potete verificare, per favore? ",
    "fi": "Hei, tilaukseni ei ole vielä saapunut. Voisitteko tarkistaa sen? ",
    "bg": "Здравейте, поръчката ми още не е пристигнала. Можете ли да проверите? ",
    "ro": "Bună ziua, comanda mea nu a sosit încă. Puteți verifica, vă rog? ",
    "ar": "مرحبا، لم يصل طلبي بعد. هل يمكنكم التحقق من ذلك من فضلكم؟ ",
    "en": "Hello, my order has not arrived yet. Could you check it, please? ",
}
LANGUAGES = tuple(TEXTS)
SENDERS = 2000


def _peak_rss_mib() -> float:
    """This process's peak RSS. Linux keeps ``ru_maxrss`` across exec, so a child started
    by a big parent would report the parent's peak: read the memory map's own VmHWM."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _body(language: str, kilobytes: int) -> str:
    text = TEXTS[language]
    return (text * (kilobytes * 1024 // len(text.encode()) + 1))[: kilobytes * 1024 // 2]


def plain(n: int, kilobytes: int = 5) -> bytes:
    language = LANGUAGES[n % len(LANGUAGES)]
    return (
        f"From: Customer {n % SENDERS} <c{n % SENDERS}@example.com>\r\nTo: support@shop.example\r\n"
        f"Subject: Order {n}\r\nMessage-ID: <m{n}@example.com>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n" + _body(language, kilobytes)
    ).encode()


def html(n: int) -> bytes:
    language = LANGUAGES[n % len(LANGUAGES)]
    paragraphs = "".join(f"<p>{_body(language, 1)}</p>" for _ in range(4))
    return (
        f"From: c{n % SENDERS}@example.com\r\nTo: support@shop.example\r\nSubject: Order {n}\r\n"
        f"Message-ID: <m{n}@example.com>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        f"<html><body>{paragraphs}<img src='https://t.example/p.gif'></body></html>"
    ).encode()


def reply(n: int) -> bytes:
    earlier = n - 4  # a plain mail from the same sender (n % SENDERS matches when n - 4 ≥ 0)
    return (
        f"From: c{earlier % SENDERS}@example.com\r\nTo: support@shop.example\r\n"
        f"Subject: Re: Order {earlier}\r\nMessage-ID: <m{n}@example.com>\r\n"
        f"In-Reply-To: <m{earlier}@example.com>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nThank you, any news?\r\n"
    ).encode()


def with_attachment(n: int, size: int = 50 * 1024) -> bytes:
    payload = base64.encodebytes(os.urandom(size)).replace(b"\n", b"\r\n")
    return (
        (
            f"From: c{n % SENDERS}@example.com\r\nTo: support@shop.example\r\n"
            f"Subject: Invoice {n}\r\n"
            f'Message-ID: <m{n}@example.com>\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
            "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe invoice is attached.\r\n"
            "--b\r\nContent-Type: application/pdf\r\n"
            'Content-Disposition: attachment; filename="i.pdf"\r\n'
            "Content-Transfer-Encoding: base64\r\n\r\n"
        ).encode()
        + payload
        + b"\r\n--b--\r\n"
    )


def mixed(n: int) -> bytes:
    kind = n % 4
    if kind == 0 or n < 4:
        return plain(n)
    if kind == 1:
        return html(n)
    if kind == 2:
        return reply(n)
    return with_attachment(n)


def _big_attachment(folder: Path, megabytes: int) -> dict[str, object]:
    """Ingest one mail with a ``megabytes`` attachment in a fresh process, so its peak RSS
    is the pipeline's alone (making the mail costs this process far more)."""
    path = folder / "big.eml"
    path.write_bytes(with_attachment(10**9, megabytes * 2**20))
    child = subprocess.run(
        [sys.executable, __file__, "--ingest-one", str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "CORTESIA_DATA_DIR": str(folder)},
    )
    measured: dict[str, object] = json.loads(child.stdout)
    growth = float(str(measured["peak_rss_after_mib"])) - float(
        str(measured["peak_rss_before_mib"])
    )
    return {
        "attachment_mib": megabytes,
        **measured,
        "growth_mib": round(growth, 1),
        "growth_over_attachment": round(growth / megabytes, 2),
    }


def commit_floor(floors: list[float], seconds: float = 2.0) -> dict[str, float]:
    """One-row commits per second on this database, measured now: the rate a path that
    commits once per mail could reach at best, printed beside each mail rate so that runs
    on a noisy machine compare as ratios. On SQLite also with the log flushed at each
    commit, as mail is committed (``durable_commit``); PostgreSQL always flushes it."""
    from django.db import connection, transaction

    from cortesia.mail.storage import durable_commit

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_floor (n integer NOT NULL)")

    def rate(durable: bool) -> float:
        commits, started = 0, time.perf_counter()
        while time.perf_counter() - started < seconds:
            with contextlib.ExitStack() as stack:
                if durable:
                    stack.enter_context(durable_commit())
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute("INSERT INTO bench_floor (n) VALUES (%s)", [commits])
            commits += 1
        return commits / (time.perf_counter() - started)

    measured = {"commits_per_s": round(rate(durable=False), 1)}
    if connection.vendor == "sqlite":
        measured["durable_commits_per_s"] = round(rate(durable=True), 1)
    floors.append(min(measured.values()))
    print(f"floor: {measured} one-row commits/s", file=sys.stderr)
    return measured


def ingest_one(path: Path) -> int:
    """The child of :func:`_big_attachment`: the peak RSS before reading the mail and
    after ingesting it (the raw bytes themselves count)."""
    import django

    django.setup()
    from cortesia.mail.inbound import mail_ingest
    from cortesia.mail.mailboxes import mailbox_by_name
    from cortesia.mail.models import InboundMail

    mailbox = mailbox_by_name("support")
    assert mailbox is not None  # noqa: S101 - made by the parent
    before = _peak_rss_mib()
    started = time.perf_counter()
    raw = path.read_bytes()
    stored = mail_ingest(mailbox=mailbox, raw=raw, source=InboundMail.Source.PIPE).mail
    print(
        json.dumps(
            {
                "raw_mib": round(len(raw) / 2**20, 1),
                "state": stored.state,
                "files": stored.ticket_message.attachments.count() if stored.ticket_message else 0,
                "seconds": round(time.perf_counter() - started, 2),
                "peak_rss_before_mib": before,
                "peak_rss_after_mib": _peak_rss_mib(),
            }
        )
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=2_000)
    parser.add_argument("--plain", type=int, default=2_000, help="plain 5 KB mails timed alone")
    parser.add_argument("--batch", type=int, default=50, help="mails per batched transaction")
    parser.add_argument("--big-mb", type=int, default=25)
    parser.add_argument("--ingest-one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ingest_one:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        return ingest_one(args.ingest_one)
    folder = Path(tempfile.mkdtemp(prefix="cortesia-mail-bench-"))
    try:
        return _measure(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # raw mails, files and the SQLite file


def _measure(args: argparse.Namespace, folder: Path) -> int:
    os.environ["CORTESIA_DATA_DIR"] = str(folder)
    os.environ.setdefault("CORTESIA_ATTACHMENT_MAX_MB", str(args.big_mb + 5))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cortesia.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command

    from cortesia.accounts.services import team_create
    from cortesia.core.actor import Actor
    from cortesia.mail.inbound import mail_ingest, mail_ingest_batch
    from cortesia.mail.mailboxes import mailbox_create
    from cortesia.mail.models import InboundMail

    call_command("migrate", verbosity=0)
    team = team_create(
        name="Support", languages=list(LANGUAGES), time_zone="UTC", actor=Actor.system()
    )
    mailbox = mailbox_create(
        name="support", address="support@shop.example", team=team, actor=Actor.system()
    )
    result: dict[str, object] = {"database": django.db.connection.vendor}
    floors: list[float] = []
    rates: dict[str, float] = {}
    result["floor_before"] = commit_floor(floors)

    statements = [0]

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        statements[0] += 1
        return execute(sql, params, many, context)

    def run(label: str, make: Callable[[int], bytes], numbers: range, batch: int = 0) -> None:
        """Generate the mails just before they are ingested (not counted in the time), so
        the peak RSS is the pipeline's and not a list of mails held by this script.
        ``batch`` > 0: through ``mail_ingest_batch``, that many per transaction."""
        size, seconds, cpu = 0, 0.0, 0.0
        statements[0] = 0
        step = max(batch, 1)
        for first in range(numbers.start, numbers.stop, step):
            raws = [make(n) for n in range(first, min(first + step, numbers.stop))]
            size += sum(len(raw) for raw in raws)
            started, started_cpu = time.perf_counter(), time.process_time()
            with django.db.connection.execute_wrapper(count):
                if batch:
                    mail_ingest_batch(mailbox=mailbox, raws=iter(raws), source="imap")
                else:
                    mail_ingest(mailbox=mailbox, raw=raws[0], source=InboundMail.Source.PIPE)
            seconds += time.perf_counter() - started
            cpu += time.process_time() - started_cpu
        result[label] = {
            "mails": len(numbers),
            "batch": batch or 1,
            "mib": round(size / 2**20, 1),
            "seconds": round(seconds, 1),
            "mails_per_s": round(len(numbers) / seconds, 1),
            "cpu_ms_per_mail": round(cpu * 1000 / len(numbers), 2),
            "statements_per_mail": round(statements[0] / len(numbers), 2),
            "peak_rss_mib": _peak_rss_mib(),
        }
        rates[label] = len(numbers) / seconds
        print(f"{label}: {len(numbers) / seconds:.0f} mails/s", file=sys.stderr)

    run("mixed", mixed, range(args.mails))
    start = args.mails
    run("plain_5kb", plain, range(start, start + args.plain))
    start += args.plain
    run("plain_5kb_batched", plain, range(start, start + args.plain), batch=args.batch)
    result["floor_after"] = commit_floor(floors)
    floor = min(floors)
    result["plain_per_floor"] = {
        label: round(rates[label] / floor, 3) for label in ("plain_5kb", "plain_5kb_batched")
    }
    counts = {
        state: InboundMail.objects.filter(state=state).count()
        for state in ("ingested", "quarantined")
    }
    result["stored"] = counts
    result["big_attachment"] = _big_attachment(folder, args.big_mb)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
