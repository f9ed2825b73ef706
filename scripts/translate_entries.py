#!/usr/bin/env python3
"""Fill catalogue entries from a JSON table {msgid: {lang: text}} and clear fuzzy flags.

An entry with a context (pgettext) is keyed "context\u0004msgid". A plural entry (ngettext) is
keyed by its singular msgid and takes a list of forms per language, as many as the language's
catalogue header says (Plural-Forms nplurals), e.g. {"%(n)d file": {"it": ["…", "…"], …}}.

Usage: .venv/bin/python scripts/translate_entries.py TABLE.json
English entries get their msgid (both forms for a plural). Every catalogue is checked before
any is written. Run `make messages` afterwards to normalise the files.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

LANGUAGES = ("en", "it", "fi", "bg", "ro", "ar")

Row = dict[str, str | list[str]]


def _key(message: Message) -> str:
    singular = message.id if isinstance(message.id, str) else message.id[0]
    return f"{message.context}\x04{singular}" if message.context else singular


def _text(message: Message, row: Row, language: str, catalog: Catalog) -> str | tuple[str, ...]:
    """The entry's new msgstr; a SystemExit naming the entry when the table's value does not fit."""
    if isinstance(message.id, str):
        if language == "en":
            return message.id
        text = row[language]
        if not isinstance(text, str):
            raise SystemExit(f"{language}: {_key(message)!r} is not a plural entry: give one text")
        return text
    if language == "en":
        return tuple(message.id[:2])
    forms = row[language]
    if not isinstance(forms, list) or len(forms) != catalog.num_plurals:
        raise SystemExit(
            f"{language}: {_key(message)!r} needs a list of {catalog.num_plurals} plural forms"
        )
    return tuple(forms)


def main(table_path: str) -> int:
    table: dict[str, Row] = json.loads(Path(table_path).read_text(encoding="utf-8"))
    filled: list[tuple[Path, Catalog, str]] = []
    for language in LANGUAGES:
        path = Path("locale") / language / "LC_MESSAGES" / "django.po"
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
        for message in catalog:
            if not message.id or _key(message) not in table:
                continue
            message.string = _text(message, table[_key(message)], language, catalog)
            message.flags.discard("fuzzy")
            message.previous_id = []
        filled.append((path, catalog, header))
    for path, catalog, header in filled:
        with path.open("wb") as handle:
            write_po(handle, catalog, width=79, include_previous=False)
        # Keep the hand-written header exactly as it was.
        body = path.read_text(encoding="utf-8").split("\n\n", 1)[1]
        path.write_text(f"{header}\n\n{body}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
