"""The width and height an image file declares, read from its header without decoding it.

PNG, GIF, JPEG and WebP are understood. Only a few bytes are read (for JPEG, the segment
headers before the frame header, skipped with seeks), so a file that declares billions of
pixels costs no more to measure than a small one.
"""

from __future__ import annotations

import os
import struct
from typing import BinaryIO

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# A real JPEG has a few dozen segments before its frame header; far more is a file built
# to hide its size from a quick look.
MAX_JPEG_STEPS = 4096
# Start-of-frame markers: every coding process, but not DHT (C4), JPG (C8) or DAC (CC).
_JPEG_FRAMES = frozenset(
    {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
)
_JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})  # TEM and the restart markers


class UnreadableImageHeader(ValueError):
    """A JPEG whose frame header does not come within :data:`MAX_JPEG_STEPS` markers."""


def image_size(stream: BinaryIO) -> tuple[int, int] | None:
    """Return the ``(width, height)`` the image in ``stream`` declares, reading from its start.

    Returns None for content that is not a PNG, GIF, JPEG or WebP, or whose header is too
    short or malformed to say (nothing could decode it either). Raises
    UnreadableImageHeader for a JPEG that hides its frame header beyond the first
    :data:`MAX_JPEG_STEPS` markers.
    """
    stream.seek(0)
    head = stream.read(32)
    if head.startswith(PNG_SIGNATURE):
        return _png(head)
    if head[:6] in (b"GIF87a", b"GIF89a") and len(head) >= 10:
        width, height = struct.unpack_from("<2H", head, 6)
        return width, height
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _webp(head)
    if head.startswith(b"\xff\xd8\xff"):
        return _jpeg(stream)
    return None


def _png(head: bytes) -> tuple[int, int] | None:
    # IHDR is always the first chunk: length (13), type, then width and height.
    if len(head) < 24 or head[12:16] != b"IHDR":
        return None
    width, height = struct.unpack_from(">2L", head, 16)
    return width, height


def _webp(head: bytes) -> tuple[int, int] | None:
    chunk = head[12:16]
    if chunk == b"VP8 " and head[23:26] == b"\x9d\x01\x2a" and len(head) >= 30:
        width, height = struct.unpack_from("<2H", head, 26)  # lossy: 14-bit sizes
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and head[20:21] == b"\x2f" and len(head) >= 25:
        (bits,) = struct.unpack_from("<L", head, 21)  # lossless: 14-bit sizes minus one
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X" and len(head) >= 30:  # extended: 24-bit canvas sizes minus one
        width = int.from_bytes(head[24:27], "little") + 1
        height = int.from_bytes(head[27:30], "little") + 1
        return width, height
    return None


def _jpeg(stream: BinaryIO) -> tuple[int, int] | None:
    """Walk the segments after SOI to the first frame header; None at the scan or the end."""
    stream.seek(2)
    for _step in range(MAX_JPEG_STEPS):
        prefix = stream.read(2)
        if len(prefix) < 2 or prefix[0] != 0xFF:
            return None
        marker = prefix[1]
        if marker == 0xFF:  # a fill byte before the marker
            stream.seek(-1, os.SEEK_CUR)
            continue
        if marker in _JPEG_STANDALONE:
            continue
        if marker in (0xD9, 0xDA):  # end of image, or the scan, with no frame header
            return None
        size = stream.read(2)
        if len(size) < 2 or int.from_bytes(size, "big") < 2:
            return None
        if marker in _JPEG_FRAMES:
            frame = stream.read(5)  # precision, height, width
            if len(frame) < 5:
                return None
            height, width = struct.unpack_from(">2H", frame, 1)
            return width, height
        stream.seek(int.from_bytes(size, "big") - 2, os.SEEK_CUR)
    raise UnreadableImageHeader("no JPEG frame header within the first markers")
