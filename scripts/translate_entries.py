#!/usr/bin/env python3
"""Fill catalogue entries from a JSON table {msgid: {lang: text}} and clear fuzzy flags.

An entry with a context (pgettext) is keyed "context\u0004msgid".

Usage: .venv/bin/python scripts/translate_entries.py TABLE.json
English entries get their msgid. Run `make messages` afterwards to normalise the files.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

LANGUAGES = ("en", "it", "fi", "bg", "ro", "ar")


def main(table_path: str) -> int:
    table: dict[str, dict[str, str]] = json.loads(Path(table_path).read_text(encoding="utf-8"))
    for language in LANGUAGES:
        path = Path("locale") / language / "LC_MESSAGES" / "django.po"
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
        for message in catalog:
            key = f"{message.context}\x04{message.id}" if message.context else message.id
            if isinstance(message.id, str) and key in table:
                message.string = message.id if language == "en" else table[key][language]
                message.flags.discard("fuzzy")
                message.previous_id = []
        with path.open("wb") as handle:
            write_po(handle, catalog, width=79, include_previous=False)
        # Keep the hand-written header exactly as it was.
        body = path.read_text(encoding="utf-8").split("\n\n", 1)[1]
        path.write_text(f"{header}\n\n{body}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
