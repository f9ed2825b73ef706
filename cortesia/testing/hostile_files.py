"""Files built to hurt whoever opens them, made small in memory for the tests: image
headers that declare floods of pixels, zip bombs and nested archives; and a mail to carry
them."""

from __future__ import annotations

import base64
import io
import struct
import zipfile
import zlib

ZERO_CHUNK = b"\0" * (1 << 20)


def png(width: int, height: int) -> bytes:
    """A PNG signature, an IHDR with a correct CRC, and an empty IEND: no pixel data."""
    ihdr = struct.pack(">2L5B", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IEND", b"")


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data)
    return struct.pack(">L", len(data)) + kind + data + struct.pack(">L", crc)


def gif(width: int, height: int) -> bytes:
    """A GIF89a logical screen descriptor and a trailer."""
    return b"GIF89a" + struct.pack("<2H3B", width, height, 0, 0, 0) + b";"


def jpeg(width: int, height: int, *, app_segments: int = 1, fill_bytes: int = 0) -> bytes:
    """SOI, ``app_segments`` APP0 segments, a baseline frame header (SOF0), EOI."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 * app_segments + b"\xff" * fill_bytes + sof0 + b"\xff\xd9"


def webp_lossy(width: int, height: int) -> bytes:
    frame = b"\x00\x00\x00\x9d\x01\x2a" + struct.pack("<2H", width, height)
    return _riff(b"VP8 " + struct.pack("<L", len(frame)) + frame)


def webp_lossless(width: int, height: int) -> bytes:
    bits = (width - 1) | (height - 1) << 14
    frame = b"\x2f" + struct.pack("<L", bits)
    return _riff(b"VP8L" + struct.pack("<L", len(frame)) + frame + b"\0")


def webp_extended(width: int, height: int) -> bytes:
    canvas = (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    return _riff(b"VP8X" + struct.pack("<L", 10) + b"\0\0\0\0" + canvas)


def _riff(body: bytes) -> bytes:
    return b"RIFF" + struct.pack("<L", 4 + len(body)) + b"WEBP" + body


def zip_of(members: dict[str, bytes], *, stored: bool = False) -> bytes:
    buffer = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def zip_of_zeros(megabytes: int, *, members: int = 1) -> bytes:
    """``members`` files of ``megabytes`` MB of zeros each: deflate packs them about a
    thousand to one, so the archive stays tiny."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(members):
            with archive.open(f"zeros-{number}.bin", "w") as member:
                for _ in range(megabytes):
                    member.write(ZERO_CHUNK)
    return buffer.getvalue()


def nested_zip(levels: int, *, stored: bool = False) -> bytes:
    """A text file inside ``levels`` zip archives, each inside the next (the outer one
    counts as a level)."""
    content, name = b"the bottom", "bottom.txt"
    for level in range(levels):
        content, name = zip_of({name: content}, stored=stored), f"level-{level}.zip"
    return content


def docx_like() -> bytes:
    """The members of a small word-processing document (a zip archive)."""
    return zip_of(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>' * 20,
            "word/document.xml": b"<w:document><w:body>Ciao</w:body></w:document>" * 50,
            "word/media/image1.png": png(640, 480),
        }
    )


def mail_with(attachments: dict[str, bytes]) -> bytes:
    """A mail from giulia@example.it to support@shop.example carrying ``attachments``."""
    parts = b"".join(
        b"--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
        + f'Content-Disposition: attachment; filename="{name}"\r\n\r\n'.encode()
        + base64.encodebytes(content)
        for name, content in attachments.items()
    )
    return (
        b"From: giulia@example.it\r\nTo: support@shop.example\r\nSubject: File\r\n"
        b"Message-ID: <files-1@example.it>\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nIn allegato.\r\n" + parts + b"--b--\r\n"
    )
