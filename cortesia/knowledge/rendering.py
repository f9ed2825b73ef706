"""An article's Markdown as the help centre shows it, and as search reads it.

- HTML typed into the Markdown is not rendered (CommonMark with raw HTML off), and what
  Markdown makes is sanitised with the project's allowlist (nh3) all the same.
- A link to another article is written ``[text](article:<uid>)``. It becomes the address
  ``/help/<language>/article/<uid>`` in the language of the text it stands in, which
  leads to that article in the same language, or in its source language when it has no
  text in that one; a page can put the article's own address in its place
  (``links_resolved``). An ``article:`` link naming no article id is dropped (its text
  stays). Every other address goes through the sanitiser's scheme allowlist.
- Search and the answer bot read the plain text, cut into passages at headings: a
  passage is a heading and what follows it, the text before the first heading is the
  article's opening.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape
from markdown_it import MarkdownIt
from markdown_it.token import Token

from cortesia.lib.html import sanitize_html

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_TEXT_TOKENS = ("text", "code_inline")
_BREAKS = ("softbreak", "hardbreak")
ARTICLE_SCHEME = "article:"
# The stable address of a link to an article, as ``rendered`` writes it (the language
# and the article's uid); the sanitiser leaves such a relative address as it is.
ARTICLE_HREF = re.compile(r'href="/help/([A-Za-z-]{2,16})/article/([0-9a-f-]{36})"')


@dataclass(frozen=True)
class Passage:
    heading: str  # "" for the opening
    text: str


def _article_href(href: str, language: str) -> str | None:
    """The stable address of an ``article:<uid>`` link, or None when it names no id."""
    try:
        key = uuid.UUID(href.removeprefix(ARTICLE_SCHEME).strip())
    except ValueError:
        return None
    return reverse("help:article-link", args=[language, key])


def _linked(tokens: list[Token], language: str) -> None:
    """Point ``article:`` links at their stable address; unwrap those naming no id."""
    for token in tokens:
        children = token.children or []
        kept: list[Token] = []
        dropped = 0  # link_close tokens to drop, for links dropped at their opening
        for child in children:
            href = str(child.attrGet("href") or "")
            if child.type == "link_open" and href.lower().startswith(ARTICLE_SCHEME):
                target = _article_href(href[len(ARTICLE_SCHEME) :], language) if language else None
                if target is None:
                    dropped += 1
                    continue
                child.attrSet("href", target)
            elif child.type == "link_close" and dropped:
                dropped -= 1
                continue
            kept.append(child)
        if token.children is not None:
            token.children = kept


def rendered(body: str, *, language: str = "") -> str:
    """The article's HTML, sanitised; ``article:`` links lead to the help centre in
    ``language`` (the text's own), and are dropped without one."""
    tokens = _MARKDOWN.parse(body)
    _linked(tokens, language)
    html = _MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {})
    return sanitize_html(html, remote_images=False)


def linked_articles(html: str) -> set[uuid.UUID]:
    """The articles ``rendered`` HTML links to."""
    return {uuid.UUID(match.group(2)) for match in ARTICLE_HREF.finditer(html)}


def links_resolved(html: str, addresses: Mapping[uuid.UUID, str]) -> str:
    """Put each linked article's own address (``addresses``: uid → path) in place of its
    stable one; articles without an address keep the stable one."""

    def resolved(match: re.Match[str]) -> str:
        address = addresses.get(uuid.UUID(match.group(2)))
        return f'href="{escape(address)}"' if address else match.group(0)

    return ARTICLE_HREF.sub(resolved, html)


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
