"""Judge a zip archive by what its directory declares, without extracting it.

A zip bomb is small on disk and enormous once unpacked: many members, a huge declared
total, a member packed thousands to one, or archives nested in archives (42.zip). All of
that is visible in the central directory and the members' local headers, so no member is
extracted to see it:

1. The end-of-directory record is read first; a directory that declares too many members
   or is too large is refused before :mod:`zipfile` builds an object per member.
2. :mod:`zipfile` reads the directory: member count, total size, ratio per member.
3. For nesting, each member's first bytes (at most :data:`HEAD_BYTES`, through a bounded
   decompressor) show whether it is an archive; inside it, the first member's local header
   is followed the same way, level after level, with the same size and ratio rules.

Office documents (docx, xlsx, odt) are zip archives and are judged the same way.
"""

from __future__ import annotations

import lzma
import struct
import zipfile
import zlib
from dataclasses import dataclass
from enum import StrEnum
from typing import BinaryIO

LOCAL_HEADER = b"PK\x03\x04"
HEAD_BYTES = 4096
_END = b"PK\x05\x06"
_END_SIZE = 22
_END_SEARCH = _END_SIZE + 0xFFFF  # the record and the longest comment
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_END = b"PK\x06\x06"
_ZIP64_SIZE = 0xFFFFFFFF  # the real size is in the zip64 extra field
_UNREADABLE = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    OSError,
    ValueError,
    RuntimeError,  # an encrypted member
    NotImplementedError,  # a compression method zipfile does not know
)


@dataclass(frozen=True)
class ZipLimits:
    max_unpacked: int  # declared bytes, all members together
    max_members: int = 10_000
    max_ratio: int = 100
    ratio_from: int = 1_000_000  # smaller members may shrink as much as they like
    max_depth: int = 4  # the archive itself is level 1
    max_directory: int = 3_000_000  # bytes of central directory


class ZipExcess(StrEnum):
    MEMBERS = "members"
    UNPACKED = "unpacked"
    RATIO = "ratio"
    DEPTH = "depth"


def zip_excess(stream: BinaryIO, size: int, limits: ZipLimits) -> ZipExcess | None:
    """Return the first limit the zip archive in ``stream`` (``size`` bytes) goes beyond.

    Returns None when it stays within all of them, and for content without a zip
    directory or one :mod:`zipfile` cannot read (no unpacker could open it either).
    """
    directory = _directory_size(stream, size)
    if directory is None:
        return None
    members, directory_bytes = directory
    if members > limits.max_members or directory_bytes > limits.max_directory:
        return ZipExcess.MEMBERS
    try:
        with zipfile.ZipFile(stream) as archive:
            return _members_excess(archive, limits)
    except _UNREADABLE:
        return None


def _members_excess(archive: zipfile.ZipFile, limits: ZipLimits) -> ZipExcess | None:
    members = archive.infolist()
    if len(members) > limits.max_members:
        return ZipExcess.MEMBERS
    if sum(member.file_size for member in members) > limits.max_unpacked:
        return ZipExcess.UNPACKED
    if any(_too_packed(m.compress_size, m.file_size, limits) for m in members):
        return ZipExcess.RATIO
    for member in members:
        depth, excess = nested_excess(_member_head(archive, member), limits)
        if excess is not None:
            return excess
        if 1 + depth > limits.max_depth:
            return ZipExcess.DEPTH
    return None


def nested_excess(head: bytes, limits: ZipLimits) -> tuple[int, ZipExcess | None]:
    """Follow the archives nested in ``head`` (the first bytes of a member), through the
    first member of each: return how many levels are archives, and the first limit a
    nested member's local header goes beyond (None if none does)."""
    depth = 0
    while head.startswith(LOCAL_HEADER) and len(head) >= 30 and depth <= limits.max_depth:
        depth += 1
        flags, method, packed, unpacked, name_length, extra_length = struct.unpack_from(
            "<6x2H8x2L2H", head
        )
        if unpacked == _ZIP64_SIZE or packed == _ZIP64_SIZE:
            extra = head[30 + name_length : 30 + name_length + extra_length]
            unpacked, packed = _zip64_sizes(extra) or (unpacked, packed)
        if not flags & 0x08:  # sizes are in the header, not in a trailing descriptor
            if unpacked > limits.max_unpacked:
                return depth, ZipExcess.UNPACKED
            if _too_packed(packed, unpacked, limits):
                return depth, ZipExcess.RATIO
        data = head[30 + name_length + extra_length :]
        if flags & 0x01 or method not in (0, 8):  # encrypted, or packed some rarer way
            break
        try:
            head = data if method == 0 else zlib.decompressobj(-15).decompress(data, HEAD_BYTES)
        except zlib.error:
            break
    return depth, None


def _zip64_sizes(extra: bytes) -> tuple[int, int] | None:
    """The unpacked and packed sizes of a local header's zip64 extra field, if it has one."""
    position = 0
    while position + 4 <= len(extra):
        kind, length = struct.unpack_from("<2H", extra, position)
        if kind == 0x0001 and length >= 16 and position + 4 + length <= len(extra):
            unpacked, packed = struct.unpack_from("<2Q", extra, position + 4)
            return unpacked, packed
        position += 4 + length
    return None


def _too_packed(packed: int, unpacked: int, limits: ZipLimits) -> bool:
    return unpacked > limits.ratio_from and unpacked > limits.max_ratio * max(packed, 1)


def _member_head(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    if member.is_dir() or member.file_size < 30:
        return b""
    try:
        with archive.open(member) as content:
            return content.read(HEAD_BYTES)
    except _UNREADABLE:
        return b""


def _directory_size(stream: BinaryIO, size: int) -> tuple[int, int] | None:
    """Return the member count and directory size the end record declares (its zip64
    version when there is one), or None when there is no end record. The record is found
    as :mod:`zipfile` finds it, so both read the same directory."""
    stream.seek(max(size - _END_SEARCH, 0))
    tail = stream.read(_END_SEARCH)
    position = len(tail) - _END_SIZE
    if not (position >= 0 and tail[position:].startswith(_END) and tail[-2:] == b"\0\0"):
        position = tail.rfind(_END)
    if position < 0 or len(tail) - position < _END_SIZE:
        return None
    members, directory_bytes = struct.unpack_from("<10xHL", tail, position)
    locator = size - len(tail) + position - 20
    if locator < 0:
        return members, directory_bytes
    stream.seek(locator)
    if not stream.read(20).startswith(_ZIP64_LOCATOR) or locator < 56:
        return members, directory_bytes
    stream.seek(locator - 56)  # where zipfile reads it: right before the locator
    zip64 = stream.read(56)
    if len(zip64) < 56 or not zip64.startswith(_ZIP64_END):
        return members, directory_bytes
    members64, directory64 = struct.unpack_from("<32x2Q", zip64)
    return max(members, members64), max(directory_bytes, directory64)
