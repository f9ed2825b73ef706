"""Split a message into what the sender wrote and the earlier messages it quotes.

Mail programs quote the conversation below the new text, introduced by an attribution
line ("On Mon, 23 Nov 2026, Giulia wrote:", "Il giorno … ha scritto:", "… kirjoitti:"…)
or in a ``<blockquote>``. The help desk shows the new text and folds the rest away; the
stored message is never changed.
"""

from __future__ import annotations

import re

import nh3

from cortesia.lib.html import sanitize_html

# Attribution lines in the languages we serve and their neighbours, and Outlook's header.
ATTRIBUTION = re.compile(
    r"<p[^>]*>(?:(?!</p>).){0,300}?"
    r"(?:\bwrote:|\bha scritto:|\bkirjoitti:|\bнаписа:|\ba scris:|كتب[^<]{0,200}:"
    r"|\bschrieb\b[^<]{0,200}:|\ba écrit\s?:"
    r"|\bescribió:|\bescreveu:|-{3,}\s*Original Message\s*-{3,}|-{3,}\s*Messaggio originale)",
    re.IGNORECASE | re.DOTALL,
)
BLOCKQUOTE = re.compile(r"<blockquote\b", re.IGNORECASE)
QUOTED_LINES = re.compile(r"<p[^>]*>\s*&gt;", re.IGNORECASE)


def split_quoted(markup: str) -> tuple[str, str]:
    """Return (new text, quoted text) of sanitized HTML; the second is "" when nothing is
    quoted, or when the quote would leave no new text at all."""
    starts = [
        match.start()
        for pattern in (ATTRIBUTION, BLOCKQUOTE, QUOTED_LINES)
        if (match := pattern.search(markup))
    ]
    if not starts:
        return markup, ""
    cut = min(starts)
    head, tail = markup[:cut], markup[cut:]
    if not nh3.clean(head, tags=set()).strip():
        return markup, ""
    # Each half is cleaned again, which also closes any element the cut left open.
    return sanitize_html(head), sanitize_html(tail)
