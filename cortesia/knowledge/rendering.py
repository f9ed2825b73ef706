"""An article's Markdown as the help centre shows it, and as search reads it.

- HTML typed into the Markdown is not rendered (CommonMark with raw HTML off), and what
  Markdown makes is sanitised with the project's allowlist (nh3) all the same.
- Search and the answer bot read the plain text, cut into passages at headings: a
  passage is a heading and what follows it, the text before the first heading is the
  article's opening.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from cortesia.lib.html import sanitize_html

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_TEXT_TOKENS = ("text", "code_inline")
_BREAKS = ("softbreak", "hardbreak")


@dataclass(frozen=True)
class Passage:
    heading: str  # "" for the opening
    text: str


def rendered(body: str) -> str:
    """The article's HTML, sanitised."""
    return sanitize_html(_MARKDOWN.render(body), remote_images=False)


def _inline_text(token: Token) -> str:
    parts = []
    for child in token.children or ():
        if child.type in _TEXT_TOKENS:
            parts.append(child.content)
        elif child.type in _BREAKS:
            parts.append(" ")
    return "".join(parts)


def passages(body: str) -> list[Passage]:
    """The article's plain text by passage, in order; passages without text are left out."""
    found: list[Passage] = []
    heading, in_heading = "", False
    lines: list[str] = []
    for token in _MARKDOWN.parse(body):
        if token.type == "heading_open":
            if lines:
                found.append(Passage(heading, " ".join(lines)))
            heading, lines, in_heading = "", [], True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline":
            text = _inline_text(token).strip()
            if in_heading:
                heading = text
            elif text:
                lines.append(text)
        elif token.type in ("fence", "code_block") and token.content.strip():
            lines.append(token.content.strip())
    if lines:
        found.append(Passage(heading, " ".join(lines)))
    return found


def plain_text(body: str) -> str:
    """The whole article as plain text, headings included."""
    return " ".join(f"{passage.heading} {passage.text}".strip() for passage in passages(body))
