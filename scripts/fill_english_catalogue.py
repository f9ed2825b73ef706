#!/usr/bin/env python3
"""Copy each msgid into its empty or fuzzy msgstr in the English catalogue (the source
text is English)."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

path = Path(sys.argv[1] if len(sys.argv) > 1 else "locale/en/LC_MESSAGES/django.po")
with path.open("rb") as handle:
    catalog = read_po(handle, locale="en")
for message in catalog:
    if not message.id:
        continue
    # A fuzzy entry holds the text of a similar old message, guessed by msgmerge: the
    # English text is always the message itself.
    is_guess = "fuzzy" in message.flags
    if isinstance(message.id, tuple):
        if is_guess or not all(message.string):
            message.string = (message.id[0], message.id[1])
    elif is_guess or not message.string:
        message.string = message.id
    message.flags.discard("fuzzy")
catalog.fuzzy = False
with path.open("wb") as handle:
    write_po(handle, catalog, width=79, include_previous=False)
