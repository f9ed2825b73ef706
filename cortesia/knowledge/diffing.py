"""Compare two versions of an article's text line by line, for the version history.

The rows carry the lines as written; the template escapes them, so a version's Markdown
(or any HTML typed into it) is shown as text, never interpreted.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from itertools import zip_longest


@dataclass(frozen=True)
class DiffRow:
    kind: str  # "same", "changed", "added", "removed"
    old_number: int | None
    old_text: str
    new_number: int | None
    new_text: str


def _changed(old: list[str], new: list[str], i1: int, j1: int) -> list[DiffRow]:
    rows = []
    for offset, (before, after) in enumerate(zip_longest(old, new)):
        if before is None:
            rows.append(DiffRow("added", None, "", j1 + offset + 1, after or ""))
        elif after is None:
            rows.append(DiffRow("removed", i1 + offset + 1, before, None, ""))
        else:
            rows.append(DiffRow("changed", i1 + offset + 1, before, j1 + offset + 1, after))
    return rows


def diff_rows(old: str, new: str) -> list[DiffRow]:
    """The lines of ``old`` and ``new`` side by side, with what happened to each."""
    before, after = old.splitlines(), new.splitlines()
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(
                DiffRow("same", i1 + k + 1, before[i1 + k], j1 + k + 1, after[j1 + k])
                for k in range(i2 - i1)
            )
        else:
            rows.extend(_changed(before[i1:i2], after[j1:j2], i1, j1))
    return rows
