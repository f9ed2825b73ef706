from __future__ import annotations

import io

import pytest

from cortesia.lib.image_headers import MAX_JPEG_STEPS, UnreadableImageHeader, image_size
from cortesia.testing import hostile_files as files


def _size(content: bytes) -> tuple[int, int] | None:
    return image_size(io.BytesIO(content))


@pytest.mark.parametrize(
    ("content", "size"),
    [
        (files.png(50_000, 50_000), (50_000, 50_000)),
        (files.png(1, 1), (1, 1)),
        (files.gif(65_535, 65_535), (65_535, 65_535)),
        (files.jpeg(640, 480), (640, 480)),
        (files.jpeg(65_535, 65_535, app_segments=40, fill_bytes=3), (65_535, 65_535)),
        (files.webp_lossy(16_383, 16_383), (16_383, 16_383)),
        (files.webp_lossless(16_384, 1), (16_384, 1)),
        (files.webp_extended(16_777_216, 3), (16_777_216, 3)),
    ],
)
def test_the_declared_size_is_read_from_the_header(content: bytes, size: tuple[int, int]) -> None:
    assert _size(content) == size


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7",
        b"",
        b"\x89PNG\r\n\x1a\n",  # no IHDR
        b"GIF89a\x01",
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",  # cut before any frame header
        b"\xff\xd8\xff\xda\x00\x08" + b"\x00" * 6,  # a scan with no frame header
        b"RIFF\x00\x00\x00\x00WEBPVP8 ",
    ],
)
def test_anything_else_declares_no_size(content: bytes) -> None:
    assert _size(content) is None


def test_a_jpeg_hiding_its_frame_header_behind_thousands_of_segments_is_unreadable() -> None:
    with pytest.raises(UnreadableImageHeader):
        _size(files.jpeg(50_000, 50_000, app_segments=MAX_JPEG_STEPS))
    assert _size(files.jpeg(50_000, 50_000, app_segments=MAX_JPEG_STEPS - 1)) == (
        50_000,
        50_000,
    )
