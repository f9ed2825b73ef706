"""Read a raw RFC 822 mail into what the help desk needs, or say why it cannot.

Headers are decoded (RFC 2047, RFC 2231 parameters) by the standard library's modern
policy; bodies in any charset Python knows (legacy Windows and ISO code pages included).
Limits keep a hostile mail from costing more than a normal one: size, header size, number
and depth of parts. Anything outside them raises :class:`Unreadable`, and the caller
quarantines the raw bytes. NUL characters are dropped from every header and text part:
nobody writes them on purpose, and a database cannot store them in text.
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.headerregistry import BaseHeader
from email.message import EmailMessage, Message
from email.utils import getaddresses, parseaddr

from cortesia.lib.text import without_nul
from cortesia.mail.mime import STREAM_ABOVE, Span, TooComplex, decoded_chunks, spans

MAX_HEADER_BYTES = 256 * 1024
MAX_PARTS = 500
MAX_DEPTH = 20
MESSAGE_ID = re.compile(r"<([^<>\s]{1,900})>")
FROM_LINE = re.compile(rb"^From:[ \t]*([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)", re.IGNORECASE | re.M)
SHARED_HEADER_CHARS = 200
SHARED_HEADERS = 512


class _SharedHeaders(email.policy.EmailPolicy):
    """The standard library's modern policy, but a short header value already parsed is
    not parsed again. Reading a part's type, charset and disposition parses Content-Type
    anew each time (nine times for a plain mail); most mails share a handful of values
    ("text/plain; charset=utf-8"), so those are parsed once per process. The parsed
    headers are immutable strings; only short values are kept, so memory stays small."""

    def header_fetch_parse(self, name: str, value: str) -> str:
        if hasattr(value, "name") or len(value) > SHARED_HEADER_CHARS:
            return super().header_fetch_parse(name, value)  # type: ignore[no-any-return]
        shared = self._shared.get((name, value))
        if shared is None:
            shared = super().header_fetch_parse(name, value)
            if len(self._shared) >= SHARED_HEADERS:
                self._shared.clear()
            self._shared[(name, value)] = shared
        return shared

    _shared: dict[tuple[str, str], BaseHeader] = {}  # noqa: RUF012 - the process's cache


POLICY = _SharedHeaders()


class Unreadable(Exception):
    """The mail cannot be read safely; ``reason`` says why (kept with the quarantined mail)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Part:
    """An attachment or inline file. ``body`` is as sent in ``encoding`` (a slice of the
    raw mail for large mails), or already decoded when ``encoding`` is "binary"."""

    filename: str
    content_type: str
    body: bytes | memoryview = field(repr=False)
    encoding: str = "binary"
    content_id: str = ""  # for cid: references in the HTML
    inline: bool = False

    def chunks(self) -> Iterator[bytes]:
        """The decoded content, a chunk at a time."""
        return decoded_chunks(self.body, self.encoding)

    @property
    def payload(self) -> bytes:
        return b"".join(self.chunks())


@dataclass
class ParsedMail:
    message_id: str  # without angle brackets; "" when missing
    in_reply_to: list[str]
    references: list[str]
    from_address: str  # lower-case
    from_name: str
    to: list[str]
    subject: str
    text: str
    html: str
    parts: list[Part] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names, first value
    return_path: str | None = None  # None: no header; "": the null sender <>
    content_type: str = "text/plain"
    report_type: str = ""
    cc: list[str] = field(default_factory=list)  # lower-case addresses, in order


def message_ids(value: str) -> list[str]:
    """Return the ids in a Message-ID, In-Reply-To or References value, in order."""
    return MESSAGE_ID.findall(value or "")


def header_block(raw: bytes) -> bytes:
    end = raw.find(b"\r\n\r\n")
    if end < 0:
        end = raw.find(b"\n\n")
    return raw if end < 0 else raw[:end]


def header_sender(raw: bytes) -> str:
    """The address in the From line of ``raw``'s header block, read without parsing the
    mail, or "". A guess to prepare for the mail: the parsed mail's ``from_address`` may
    differ (an encoded or malformed header)."""
    found = FROM_LINE.search(header_block(raw)[:MAX_HEADER_BYTES])
    if found is None:
        return ""
    return _address(" ".join(found.group(1).decode("latin-1").split()))[1]


# Headers shown to people are decoded (RFC 2047); the others are only compared with
# plain values (Auto-Submitted, Precedence, Message-IDs), so they are kept as sent, which
# spares decoding the dozens of Received and DKIM lines of a real mail.
DECODED_HEADERS = ("from", "to", "cc", "reply-to", "subject", "return-path")


def _headers(message: EmailMessage) -> dict[str, str]:
    """Lower-case names to their first value, whitespace folded."""
    headers: dict[str, str] = {}
    for name, value in message.raw_items():
        key = name.lower()
        if key not in headers:
            headers[key] = without_nul(" ".join(str(value).split()))
    for key in DECODED_HEADERS:
        if key in headers:
            headers[key] = without_nul(str(message[key]))
    return headers


def _text(part: Message) -> str:
    try:
        content = part.get_content()  # type: ignore[attr-defined]
    except LookupError as error:  # a charset Python does not know
        raise Unreadable(f"unknown charset: {part.get_content_charset()}") from error
    except (ValueError, AssertionError) as error:
        raise Unreadable(f"undecodable body: {error}") from error
    text = content if isinstance(content, str) else bytes(content).decode("utf-8", "replace")
    return without_nul(text.replace("\r\n", "\n"))


def _walk(message: Message, depth: int = 0) -> list[Message]:
    if depth > MAX_DEPTH:
        raise Unreadable("parts nested too deeply")
    if not message.is_multipart():
        return [message]
    leaves: list[Message] = []
    payload = message.get_payload()
    for child in payload if isinstance(payload, list) else []:
        if isinstance(child, Message):
            leaves.extend(_walk(child, depth + 1))
        if len(leaves) > MAX_PARTS:
            raise Unreadable("too many parts")
    return leaves


def _address(value: str) -> tuple[str, str]:
    name, address = parseaddr(value or "")
    return name.strip(), address.strip().lower()


class _Leaf:
    """A leaf part from either walker: its headers, its text, its file."""

    def __init__(self, headers: Message, raw: bytes | None = None, span: Span | None = None):
        self.headers = headers
        self.raw = raw
        self.span = span

    def text(self) -> str:
        if self.span is None or self.raw is None:
            return _text(self.headers)
        part = email.message_from_bytes(self.raw[self.span.start : self.span.end], policy=POLICY)
        return _text(part)

    def file(self, content_type: str, disposition: str) -> Part:
        headers = self.headers
        common = {
            "filename": without_nul(headers.get_filename() or ""),
            "content_type": content_type,
            "content_id": without_nul(str(headers.get("Content-ID") or "")).strip().strip("<>"),
            "inline": disposition == "inline",
        }
        if self.span is None or self.raw is None:
            payload = headers.get_payload(decode=True)
            return Part(body=payload if isinstance(payload, bytes) else b"", **common)  # type: ignore[arg-type]
        encoding = str(headers.get("Content-Transfer-Encoding", "")).strip().lower()
        body = memoryview(self.raw)[self.span.body_start : self.span.end]
        return Part(body=body, encoding=encoding, **common)  # type: ignore[arg-type]


def _leaves(raw: bytes, stream_above: int) -> tuple[EmailMessage, list[_Leaf]]:
    """The top headers and the leaf parts: by the standard parser for ordinary mails, by
    the byte walker of :mod:`cortesia.mail.mime` above ``stream_above`` bytes or with
    very many parts."""
    try:
        # The standard parser reads every part before the limits could be checked: a
        # mail with more delimiter lines than parts allowed is walked by bytes, which
        # stops at the limit.
        if len(raw) > stream_above or raw.count(b"\n--") > MAX_PARTS:
            top, found = spans(raw, max_parts=MAX_PARTS, max_depth=MAX_DEPTH)
            return top, [_Leaf(span.headers, raw, span) for span in found]
        message = email.message_from_bytes(raw, policy=POLICY)
    except TooComplex as error:
        raise Unreadable(str(error)) from error
    except RecursionError as error:  # the standard parser recurses once per level
        raise Unreadable("parts nested too deeply") from error
    except Exception as error:  # noqa: BLE001 - any parser failure means quarantine
        raise Unreadable(f"unparseable headers: {type(error).__name__}") from error
    assert isinstance(message, EmailMessage)  # noqa: S101 - the default policy's class
    return message, [_Leaf(leaf) for leaf in _walk(message)]


def parse_mail(raw: bytes, *, stream_above: int = STREAM_ABOVE) -> ParsedMail:
    """Return the parsed mail; raise Unreadable when it cannot be read within the limits."""
    if len(header_block(raw)) > MAX_HEADER_BYTES:
        raise Unreadable("header larger than 256 KB")
    message, leaves = _leaves(raw, stream_above)
    try:
        headers = _headers(message)
    except Exception as error:  # noqa: BLE001 - any parser failure means quarantine
        raise Unreadable(f"unparseable headers: {type(error).__name__}") from error
    text_parts: list[str] = []
    html_parts: list[str] = []
    parts: list[Part] = []
    for leaf in leaves:
        # Each accessor parses Content-Type again: read it and the disposition once.
        content_type = leaf.headers.get_content_type()
        maintype, _slash, subtype = content_type.partition("/")
        disposition = (leaf.headers.get_content_disposition() or "").lower()
        if maintype == "multipart":
            continue
        if maintype != "text" or disposition == "attachment":
            parts.append(leaf.file(content_type, disposition))
        elif subtype == "html":
            html_parts.append(leaf.text())
        elif subtype == "plain":
            text_parts.append(leaf.text())
    top_type = message.get_content_type()
    from_name, from_address = _address(headers.get("from", ""))
    return_path = headers.get("return-path")
    return ParsedMail(
        message_id=next(iter(message_ids(headers.get("message-id", ""))), ""),
        in_reply_to=message_ids(headers.get("in-reply-to", "")),
        references=message_ids(headers.get("references", "")),
        from_address=from_address,
        from_name=from_name,
        to=[address.lower() for _name, address in getaddresses([headers.get("to", "")])],
        subject=" ".join(headers.get("subject", "").split()),
        text="\n\n".join(text_parts).strip(),
        html="\n".join(html_parts),
        parts=parts,
        headers=headers,
        return_path=None if return_path is None else _address(return_path)[1],
        content_type=top_type,
        report_type=(message.get_param("report-type") or "").lower()  # type: ignore[union-attr]
        if top_type == "multipart/report"
        else "",
        cc=[address.lower() for _name, address in getaddresses([headers.get("cc", "")]) if address],
    )


def display_name_parts(name: str) -> tuple[str, str]:
    """Split a From display name into (given name, surname) only where that is safe:
    "Rossi, Giulia" and two-word names in an alphabetic script; otherwise the whole name
    is the given name and the surname stays empty (never guessed)."""
    name = " ".join(name.replace('"', "").split())
    if "," in name:
        surname, _comma, given = name.partition(",")
        if surname.strip() and given.strip() and " " not in surname.strip():
            return given.strip(), surname.strip()
    words = name.split(" ")
    if len(words) == 2 and all(word.isalpha() for word in words) and not _has_cjk(name):
        return words[0], words[1]
    return name, ""


def _has_cjk(text: str) -> bool:
    return any("\u3040" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af" for char in text)
