"""Read a raw RFC 822 mail into what the help desk needs, or say why it cannot.

Headers are decoded (RFC 2047, RFC 2231 parameters) by the standard library's modern
policy; bodies in any charset Python knows (legacy Windows and ISO code pages included).
Limits keep a hostile mail from costing more than a normal one: size, header size, number
and depth of parts. Anything outside them raises :class:`Unreadable`, and the caller
quarantines the raw bytes.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass, field
from email.message import EmailMessage, Message
from email.utils import getaddresses, parseaddr

MAX_HEADER_BYTES = 256 * 1024
MAX_PARTS = 500
MAX_DEPTH = 20
MESSAGE_ID = re.compile(r"<([^<>\s]{1,900})>")


class Unreadable(Exception):
    """The mail cannot be read safely; ``reason`` says why (kept with the quarantined mail)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Part:
    filename: str
    content_type: str
    payload: bytes
    content_id: str = ""  # for cid: references in the HTML
    inline: bool = False


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


def message_ids(value: str) -> list[str]:
    """Return the ids in a Message-ID, In-Reply-To or References value, in order."""
    return MESSAGE_ID.findall(value or "")


def header_block(raw: bytes) -> bytes:
    end = raw.find(b"\r\n\r\n")
    if end < 0:
        end = raw.find(b"\n\n")
    return raw if end < 0 else raw[:end]


def _text(part: Message) -> str:
    try:
        content = part.get_content()  # type: ignore[attr-defined]
    except LookupError as error:  # a charset Python does not know
        raise Unreadable(f"unknown charset: {part.get_content_charset()}") from error
    except (ValueError, AssertionError) as error:
        raise Unreadable(f"undecodable body: {error}") from error
    text = content if isinstance(content, str) else bytes(content).decode("utf-8", "replace")
    return text.replace("\r\n", "\n")


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


def _is_attachment(part: Message) -> bool:
    disposition = (part.get_content_disposition() or "").lower()
    return disposition == "attachment" or (
        bool(part.get_filename()) and part.get_content_maintype() != "text"
    )


def _address(value: str) -> tuple[str, str]:
    name, address = parseaddr(value or "")
    return name.strip(), address.strip().lower()


def parse_mail(raw: bytes) -> ParsedMail:
    """Return the parsed mail; raise Unreadable when it cannot be read within the limits."""
    if len(header_block(raw)) > MAX_HEADER_BYTES:
        raise Unreadable("header larger than 256 KB")
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)  # noqa: S101 - the default policy's class
        headers = {name.lower(): str(value) for name, value in reversed(message.items())}
    except Exception as error:  # noqa: BLE001 - any parser failure means quarantine
        raise Unreadable(f"unparseable headers: {type(error).__name__}") from error
    leaves = _walk(message)
    text_parts: list[str] = []
    html_parts: list[str] = []
    parts: list[Part] = []
    for leaf in leaves:
        if _is_attachment(leaf) or leaf.get_content_maintype() not in ("text",):
            if leaf.get_content_maintype() == "multipart":
                continue
            payload = leaf.get_payload(decode=True)
            parts.append(
                Part(
                    filename=leaf.get_filename() or "",
                    content_type=leaf.get_content_type(),
                    payload=payload if isinstance(payload, bytes) else b"",
                    content_id=(leaf.get("Content-ID") or "").strip().strip("<>"),
                    inline=(leaf.get_content_disposition() or "") == "inline",
                )
            )
        elif leaf.get_content_subtype() == "html":
            html_parts.append(_text(leaf))
        elif leaf.get_content_subtype() == "plain":
            text_parts.append(_text(leaf))
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
        content_type=message.get_content_type(),
        report_type=(message.get_param("report-type") or "").lower()  # type: ignore[union-attr]
        if message.get_content_type() == "multipart/report"
        else "",
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
