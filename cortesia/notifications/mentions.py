"""``@username`` mentions in the text of an internal note."""

from __future__ import annotations

import re

# A mention starts after a space or punctuation, never inside an address (bob@example.com);
# Django usernames may hold letters, digits and . + - _ (an @ ends the name).
MENTION = re.compile(r"(?<![\w.+@-])@(\w[\w.+-]*)")
MOST_MENTIONS = 20


def mentioned_usernames(text: str) -> list[str]:
    """Return the usernames mentioned in ``text``, each once, in order of appearance, at
    most :data:`MOST_MENTIONS` of them. A full stop ending the sentence is not part of
    the name ("Ask @bob." mentions "bob")."""
    names: list[str] = []
    for match in MENTION.finditer(text):
        name = match.group(1).rstrip(".")
        if name and name not in names:
            names.append(name)
        if len(names) == MOST_MENTIONS:
            break
    return names
