"""The ``cortesia`` console command: a thin front to the management commands.

``cortesia demo | serve | worker | migrate | token …`` and any other Django command.
"""

from __future__ import annotations

import os
import sys

from django.core.management import execute_from_command_line

USAGE = """usage: cortesia <command> [options]

commands:
  demo      migrate, load the demo data and serve it on 127.0.0.1:8000
  serve     run the web server with an in-process task worker
  worker    run a task worker (database queue, or Redis when CORTESIA_REDIS_URL is set)
  migrate   create or upgrade the database
  token     create or revoke API tokens (cortesia token create --user NAME --scope read|write)
  rates     import the euro reference rates (cortesia rates import FILE-OR-URL)
  reports   recompute the report facts (cortesia reports rebuild [--from YYYY-MM-DD])

Every other Django management command works too (cortesia help lists them).
"""


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        sys.stdout.write(USAGE)
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cortesia.settings")
    execute_from_command_line(["cortesia", *args])


if __name__ == "__main__":
    main()
