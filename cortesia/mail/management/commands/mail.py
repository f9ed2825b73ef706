"""``cortesia mail …``: feed mail in (pipe or IMAP), manage mailboxes, retry quarantined mail.

    cortesia mail ingest --mailbox support < message.eml
    cortesia mail poll --mailbox support [--loop] [--interval 60] [--batch 50]
    cortesia mail mailbox-create --name support --address support@example.com [--team Roma]
        [--imap-host imap.example.com --imap-user support --imap-password-env SUPPORT_PW]
    cortesia mail webhook-token support
    cortesia mail quarantine [--retry]

``ingest`` exits 0 once the mail is stored (also when it was there already or went to
quarantine), 67 for an unknown mailbox and 75 (temporary failure: the MTA retries) when
the database or the disk failed. ``poll`` reads one mailbox's IMAP server now (the worker
does it every minute anyway), ``--batch`` mails per transaction; with ``--loop`` it keeps
polling until it is stopped, and a failed poll is reported and tried again after the
interval.
"""

from __future__ import annotations

import imaplib
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from cortesia.accounts.models import Team
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError
from cortesia.mail.imap import BATCH, imap_poll
from cortesia.mail.inbound import mail_ingest, mail_reingest
from cortesia.mail.mailboxes import (
    ImapSettings,
    mailbox_by_name,
    mailbox_create,
    mailbox_webhook_token,
)
from cortesia.mail.models import InboundMail
from cortesia.mail.storage import raw_read

EX_DATAERR = 65
EX_NOUSER = 67
EX_TEMPFAIL = 75


class Command(BaseCommand):
    help = "Feed inbound mail, manage mailboxes and retry quarantined mail."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        ingest = sub.add_parser("ingest", help="Read one raw mail from standard input.")
        ingest.add_argument("--mailbox", required=True)
        poll = sub.add_parser("poll", help="Import new mail from a mailbox's IMAP server.")
        poll.add_argument("--mailbox", required=True)
        poll.add_argument("--loop", action="store_true", help="Keep polling until stopped.")
        poll.add_argument(
            "--interval", type=float, default=60.0, help="Seconds between polls with --loop."
        )
        poll.add_argument(
            "--batch", type=int, default=BATCH, help="Mails stored per transaction (at least 1)."
        )
        create = sub.add_parser("mailbox-create", help="Create a mailbox.")
        create.add_argument("--name", required=True)
        create.add_argument("--address", required=True)
        create.add_argument("--team", default="", help="Team name for new tickets.")
        create.add_argument("--imap-host", default="", help="Poll this IMAP server.")
        create.add_argument("--imap-port", type=int, default=993)
        create.add_argument("--imap-security", default="tls", choices=["tls", "starttls", "none"])
        create.add_argument("--imap-user", default="")
        create.add_argument(
            "--imap-password-env", default="", help="Environment variable with the password."
        )
        create.add_argument("--imap-folder", default="INBOX")
        create.add_argument("--after-import", default="seen", choices=["seen", "move", "delete"])
        create.add_argument("--move-to", default="", help="Folder for --after-import move.")
        token = sub.add_parser("webhook-token", help="Print a new inbound webhook secret.")
        token.add_argument("mailbox")
        quarantine = sub.add_parser("quarantine", help="List quarantined mail.")
        quarantine.add_argument("--retry", action="store_true", help="Process them again.")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "ingest":
            self._ingest(options["mailbox"])
        elif action == "poll":
            self._poll(
                options["mailbox"],
                loop=options["loop"],
                interval=options["interval"],
                batch=options["batch"],
            )
        elif action == "mailbox-create":
            imap = (
                ImapSettings(
                    host=options["imap_host"],
                    username=options["imap_user"],
                    password_env=options["imap_password_env"],
                    port=options["imap_port"],
                    security=options["imap_security"],
                    folder=options["imap_folder"],
                    after_import=options["after_import"],
                    move_to=options["move_to"],
                )
                if options["imap_host"]
                else None
            )
            self._create(options["name"], options["address"], options["team"], imap)
        elif action == "webhook-token":
            mailbox = mailbox_by_name(options["mailbox"])
            if mailbox is None:
                raise CommandError(f"No active mailbox is called {options['mailbox']!r}.")
            self.stdout.write(mailbox_webhook_token(mailbox=mailbox, actor=Actor.system()))
        else:
            self._quarantine(retry=options["retry"])

    def _ingest(self, name: str) -> None:
        mailbox = mailbox_by_name(name)
        if mailbox is None:
            raise CommandError(f"No active mailbox is called {name!r}.", returncode=EX_NOUSER)
        raw = sys.stdin.buffer.read()
        if not raw.strip():
            raise CommandError("Standard input held no mail.", returncode=EX_DATAERR)
        try:
            result = mail_ingest(mailbox=mailbox, raw=raw, source=InboundMail.Source.PIPE)
        except (DatabaseError, OSError) as error:
            raise CommandError(
                f"Not stored, try again later: {type(error).__name__}", returncode=EX_TEMPFAIL
            ) from None
        state = result.mail.state if result.created else "already stored"
        self.stdout.write(f"{result.mail.uid} {state}")

    def _poll(self, name: str, *, loop: bool, interval: float, batch: int) -> None:
        while True:
            mailbox = mailbox_by_name(name)
            if mailbox is None or not mailbox.imap_host:
                raise CommandError(f"No active IMAP mailbox is called {name!r}.")
            try:
                polled = imap_poll(mailbox, batch=max(batch, 1))
            except (imaplib.IMAP4.error, OSError, DomainError) as error:
                if not loop:
                    raise CommandError(f"{name} not polled: {error}") from None
                self.stderr.write(f"{name} not polled: {error}")
            else:
                self.stdout.write(
                    f"{name}: {polled.stored} imported, {polled.fetched} fetched, "
                    f"{polled.acknowledged} acknowledged"
                )
            self.stdout.flush()
            if not loop:
                return
            time.sleep(max(interval, 0.0))

    def _create(self, name: str, address: str, team_name: str, imap: ImapSettings | None) -> None:
        team = Team.objects.filter(name=team_name).first() if team_name else None
        if team_name and team is None:
            raise CommandError(f"No team is called {team_name!r}.")
        try:
            mailbox = mailbox_create(
                name=name, address=address, team=team, actor=Actor.system(), imap=imap
            )
        except DomainError as error:
            raise CommandError(getattr(error, "errors", None) or error.message) from None
        self.stdout.write(f"Mailbox {mailbox.name} <{mailbox.address}> created.")

    def _quarantine(self, *, retry: bool) -> None:
        for mail in InboundMail.objects.filter(state=InboundMail.State.QUARANTINED).order_by("id"):
            if retry:
                mail = mail_reingest(mail=mail, raw=raw_read(mail.raw_sha256))
            self.stdout.write(f"{mail.uid} {mail.state} {mail.reason}")
