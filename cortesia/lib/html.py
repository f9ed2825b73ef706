"""Message bodies: sanitize HTML to a small allowlist and derive the plain text."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

import nh3

ALLOWED_TAGS = frozenset(
    {
        "a",
        "b",
        "blockquote",
        "br",
        "code",
        "div",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "hr",
        "i",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
        "img",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "*": {"dir", "lang"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "cid"})
PARAGRAPH_END = re.compile(r"</(p|h[1-4]|blockquote|pre|ul|ol|table)>", re.IGNORECASE)
BLOCK_END = re.compile(r"</(div|li|tr)>|<br\s*/?>", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")


# A remote image is kept back by pointing it at a cid: address no browser can fetch; the
# real address follows the marker, so it can be given back when someone asks.
HELD_BACK = "cid:remote:"
HELD_SRC = re.compile(r'\ssrc="cid:remote:', re.IGNORECASE)
CID_SRC = re.compile(r'(<img\b[^>]*?\ssrc=")cid:(?!remote:)([^"]*)"', re.IGNORECASE)


def _hold_back_remote_images(element: str, attribute: str, value: str) -> str | None:
    if element == "img" and attribute == "src" and not value.lower().startswith("cid:"):
        return HELD_BACK + value  # a remote image would tell the sender the mail was read
    return value


def sanitize_html(raw: str, *, remote_images: bool = True) -> str:
    """Return ``raw`` with only allowlisted tags, attributes and URL schemes left.

    Scripts and styles disappear with their content; links get ``rel="noopener noreferrer"``.
    With ``remote_images=False`` a remote image's address is held back behind a ``cid:``
    marker, so nothing is fetched from the sender's servers when the message is shown
    until someone asks (:func:`show_remote_images`). ``cid:`` sources (parts of the same
    mail) stay.
    """
    return nh3.clean(
        raw,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style", "title", "head"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        attribute_filter=None if remote_images else _hold_back_remote_images,
    )


def has_remote_images(markup: str) -> bool:
    return HELD_SRC.search(markup) is not None


def show_remote_images(markup: str) -> str:
    """Give the images held back by ``sanitize_html(remote_images=False)`` their address."""
    return HELD_SRC.sub(' src="', markup)


def link_inline_images(markup: str, urls: Mapping[str, str]) -> str:
    """Point ``cid:`` images at the URLs of the parts they name (unknown ones stay)."""

    def link(match: re.Match[str]) -> str:
        url = urls.get(html.unescape(match.group(2)))
        return f'{match.group(1)}{html.escape(url)}"' if url else match.group(0)

    return CID_SRC.sub(link, markup)


def html_to_text(markup: str) -> str:
    """Return readable plain text of sanitized HTML: paragraphs are separated by a blank
    line, other block ends and ``<br>`` become line breaks."""
    text = TAG.sub("", BLOCK_END.sub("\n", PARAGRAPH_END.sub("\n\n", markup)))
    lines = [" ".join(line.split()) for line in html.unescape(text).splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def text_to_html(text: str) -> str:
    """Return escaped paragraphs for plain text (blank lines separate paragraphs)."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in p.splitlines()) + "</p>"
        for p in paragraphs
    )
