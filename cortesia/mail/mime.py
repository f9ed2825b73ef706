"""A MIME walker for large mails that keeps the bytes where they are.

The standard library's parser holds a large part several times over while it reads it
(as lines, as one string, then decoded). For a mail above ``STREAM_ABOVE`` bytes, the
part boundaries are found in the raw bytes instead: each part's header block is parsed
on its own, text parts (small) are read by the standard parser from their slice, and an
attachment is decoded from its slice a chunk at a time as it is written to disk.
"""

from __future__ import annotations

import binascii
import contextlib
import email.policy
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.parser import BytesParser

STREAM_ABOVE = 1_000_000
CHUNK = 1 << 20
_NOT_BASE64 = re.compile(rb"[^A-Za-z0-9+/=]")
_HEADERS = BytesParser(policy=email.policy.default)


class TooComplex(Exception):
    """The mail nests deeper or has more parts than allowed."""


@dataclass(frozen=True)
class Span:
    """One leaf part of a mail: its parsed headers and where it lies in the raw bytes."""

    headers: EmailMessage
    start: int  # where its header block begins
    body_start: int
    end: int


def _body_start(raw: bytes, start: int, end: int) -> tuple[int, int]:
    """Return (end of the header block, start of the body) of the part in raw[start:end]."""
    for blank, newline in ((b"\r\n", 2), (b"\n", 1)):
        if raw.startswith(blank, start):  # a part without headers
            return start, start + newline
    for separator in (b"\r\n\r\n", b"\n\n"):
        found = raw.find(separator, start, end)
        if found >= 0:
            return found, found + len(separator)
    return end, end


def _parts(raw: bytes, boundary: bytes, start: int, end: int) -> list[tuple[int, int]]:
    """The ranges of the parts between the delimiter lines of ``boundary``."""
    delimiter = b"--" + boundary
    ranges: list[tuple[int, int]] = []
    opened: int | None = None
    position = start
    while True:
        found = raw.find(delimiter, position, end)
        if found < 0:
            break
        line_end = raw.find(b"\n", found, end)
        line_end = end if line_end < 0 else line_end + 1
        rest = raw[found + len(delimiter) : line_end]
        at_line_start = found == start or raw[found - 1 : found] == b"\n"
        # "--b1" must not match a line "--b10": only whitespace or "--" may follow
        if at_line_start and (not rest.strip() or rest.startswith(b"--")):
            if opened is not None:
                close = found
                if raw[close - 1 : close] == b"\n":
                    close -= 1
                    if raw[close - 1 : close] == b"\r":
                        close -= 1
                ranges.append((opened, max(opened, close)))
            if raw.startswith(b"--", found + len(delimiter)):
                return ranges
            opened = line_end
        position = line_end
    if opened is not None:  # no closing delimiter: the last part runs to the end
        ranges.append((opened, end))
    return ranges


def spans(
    raw: bytes, *, max_parts: int, max_depth: int, start: int = 0, end: int | None = None
) -> tuple[EmailMessage, list[Span]]:
    """Return the mail's top headers and its leaf parts, in order, as the standard
    parser would walk them (message/rfc822 parts are walked into)."""
    leaves: list[Span] = []
    top = _walk(raw, start, len(raw) if end is None else end, 0, leaves, max_parts, max_depth)
    return top, leaves


def _walk(
    raw: bytes,
    start: int,
    end: int,
    depth: int,
    leaves: list[Span],
    max_parts: int,
    max_depth: int,
) -> EmailMessage:
    if depth > max_depth:
        raise TooComplex("parts nested too deeply")
    header_end, body_start = _body_start(raw, start, end)
    headers = _HEADERS.parsebytes(raw[start:header_end] + b"\n\n", headersonly=True)
    assert isinstance(headers, EmailMessage)  # noqa: S101 - the default policy's class
    content_type = headers.get_content_type()
    boundary = headers.get_boundary() if content_type.startswith("multipart/") else None
    if boundary:
        for part_start, part_end in _parts(raw, boundary.encode("latin-1"), body_start, end):
            _walk(raw, part_start, part_end, depth + 1, leaves, max_parts, max_depth)
            if len(leaves) > max_parts:
                raise TooComplex("too many parts")
    elif content_type == "message/rfc822":
        _walk(raw, body_start, end, depth + 1, leaves, max_parts, max_depth)
    else:
        leaves.append(Span(headers, start, body_start, end))
    return headers


def decoded_chunks(body: bytes | memoryview, encoding: str, size: int = CHUNK) -> Iterator[bytes]:
    """Undo a content transfer encoding a chunk at a time (base64 streams; quoted-printable
    is decoded at once; anything else is the bytes as sent)."""
    if encoding == "base64":
        carry = b""
        for offset in range(0, len(body), size):
            clean = carry + _NOT_BASE64.sub(b"", bytes(body[offset : offset + size]))
            usable = len(clean) - len(clean) % 4
            carry = clean[usable:]
            if usable:
                yield binascii.a2b_base64(clean[:usable])
        if carry.rstrip(b"="):
            with contextlib.suppress(binascii.Error):  # a truncated group holds no byte
                yield binascii.a2b_base64(carry + b"=" * (-len(carry) % 4))
        return
    if encoding == "quoted-printable":
        yield quopri.decodestring(bytes(body))
        return
    for offset in range(0, len(body), size):
        yield bytes(body[offset : offset + size])
