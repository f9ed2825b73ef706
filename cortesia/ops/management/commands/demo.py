"""``cortesia demo``: migrate, load the demo data set, print the login, serve."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from cortesia.demo.dataset import demo_password, load_demo


def _where_mail_goes() -> str:
    if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        return f"the mail is written to {settings.EMAIL_FILE_PATH}/."
    return f"the mail goes out through {settings.EMAIL_HOST}."


class Command(BaseCommand):
    help = "Create the database, load the demo data set (idempotent) and serve it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="Only migrate and load the data; do not start the server.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("compile_translations", verbosity=0)
        call_command("migrate", verbosity=0, interactive=False)
        password = demo_password(os.environ.get("CORTESIA_DEMO_PASSWORD"))
        created = load_demo(password=password)
        self.stdout.write(f"Demo data: {created} new record(s).")
        self.stdout.write(
            f"\n  Cortesia demo: http://{settings.BIND_HOST}:{settings.PORT}/\n"
            f"  Sign in as:    admin\n  Password:      {password}\n"
            f"\n  Customer portal: http://{settings.BIND_HOST}:{settings.PORT}/portal/\n"
            f"  Ask for a link as mohammed.alotaibi@example.com (Arabic) or\n"
            f"  giulia.bianchi@example.com (Italian); {_where_mail_goes()}\n"
        )
        if not options["no_serve"]:
            call_command("serve")
