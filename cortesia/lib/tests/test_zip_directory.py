from __future__ import annotations

import io
import struct
import zipfile

import pytest

from cortesia.lib.zip_directory import ZipExcess, ZipLimits, nested_excess, zip_excess
from cortesia.testing import hostile_files as files

LIMITS = ZipLimits(max_unpacked=10_000_000)


def _excess(content: bytes, limits: ZipLimits = LIMITS) -> ZipExcess | None:
    return zip_excess(io.BytesIO(content), len(content), limits)


@pytest.mark.parametrize(
    "content",
    [
        files.zip_of({"a.txt": b"ciao", "b/c.csv": b"1,2\n" * 1000}),
        files.docx_like(),
        files.zip_of({"manual.docx": files.docx_like(), "sheet.xlsx": files.docx_like()}),
        files.nested_zip(4),
        files.zip_of({"zeros.bin": b"\0" * 900_000}),  # packed far, but small
        files.zip_of({}),
        b"%PDF-1.7 not an archive",
        b"PK\x03\x04 a local header and nothing else",
    ],
)
def test_ordinary_archives_and_other_content_pass(content: bytes) -> None:
    assert _excess(content) is None


def test_a_member_packed_a_thousand_to_one_is_a_bomb() -> None:
    bomb = files.zip_of_zeros(5)
    assert len(bomb) < 10_000
    assert _excess(bomb) is ZipExcess.RATIO
    assert _excess(bomb, ZipLimits(max_unpacked=10_000_000, max_ratio=10_000)) is None


def test_a_declared_total_beyond_the_limit_is_a_bomb() -> None:
    assert _excess(files.zip_of_zeros(11)) is ZipExcess.UNPACKED
    assert _excess(files.zip_of_zeros(3, members=4)) is ZipExcess.UNPACKED


def test_too_many_members_are_refused_from_the_end_record() -> None:
    many = files.zip_of({f"{n}.txt": b"" for n in range(6)})
    assert _excess(many, ZipLimits(max_unpacked=1, max_members=5)) is ZipExcess.MEMBERS
    assert _excess(many, ZipLimits(max_unpacked=1, max_directory=100)) is ZipExcess.MEMBERS
    assert _excess(many, ZipLimits(max_unpacked=1, max_members=6)) is None


@pytest.mark.parametrize("stored", [False, True])
def test_archives_nested_too_deep_are_refused_without_unpacking(stored: bool) -> None:
    assert _excess(files.nested_zip(4, stored=stored)) is None
    assert _excess(files.nested_zip(5, stored=stored)) is ZipExcess.DEPTH
    assert _excess(files.nested_zip(30, stored=stored)) is ZipExcess.DEPTH


def test_a_bomb_inside_a_harmless_looking_archive_is_found_in_its_local_header() -> None:
    inner = files.zip_of_zeros(20)
    outer = files.zip_of({"photos.zip": inner})
    assert nested_excess(inner, LIMITS) == (1, ZipExcess.UNPACKED)
    assert _excess(outer) is ZipExcess.UNPACKED


def test_a_bomb_behind_a_prefix_is_still_read_from_its_end_record() -> None:
    assert _excess(b"MZ" + b"\0" * 1000 + files.zip_of_zeros(11)) is ZipExcess.UNPACKED


def test_a_zip64_end_record_claiming_a_million_members_is_refused_before_reading_them() -> None:
    # given a one-member archive whose zip64 end record claims a million members
    content = files.zip_of({"a.txt": b"a"})
    end = content.rindex(b"PK\x05\x06")
    body, record = content[:end], bytearray(content[end:])
    directory_size, directory_offset = struct.unpack_from("<2L", record, 12)
    zip64 = struct.pack(
        "<4sQ2H2L4Q",
        b"PK\x06\x06",
        44,
        45,
        45,
        0,
        0,
        1_000_000,
        1_000_000,
        directory_size,
        directory_offset,
    )
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, len(body), 1)
    struct.pack_into("<2H", record, 8, 0xFFFF, 0xFFFF)
    claiming = body + zip64 + locator + bytes(record)
    # then the zip64 record alone refuses it (0xFFFF in the plain record is within limits)
    limits = ZipLimits(max_unpacked=10_000_000, max_members=100_000)
    assert _excess(claiming, limits) is ZipExcess.MEMBERS
    assert _excess(claiming, ZipLimits(max_unpacked=10_000_000, max_members=1_000_000)) is None


def test_zip64_local_headers_are_judged_by_their_real_sizes() -> None:
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("notes.txt", "w", force_zip64=True) as member,
    ):
        member.write(b"ciao " * 100)
    inner = buffer.getvalue()
    assert struct.unpack_from("<2L", inner, 18) == (0xFFFFFFFF, 0xFFFFFFFF)
    assert nested_excess(inner, LIMITS) == (1, None)
    assert _excess(files.zip_of({"inner.zip": inner})) is None
