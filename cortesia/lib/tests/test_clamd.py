from __future__ import annotations

import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from cortesia.lib.clamd import ClamdError, clamd_address, clamd_scan, verdict
from cortesia.testing.fake_clamd import FakeClamd, clean_unless


@pytest.fixture
def socket_dir() -> Iterator[Path]:
    # Unix socket paths are limited to about 100 bytes: pytest's own folders are too deep.
    with tempfile.TemporaryDirectory(prefix="clamd-") as folder:
        yield Path(folder)


def test_the_content_is_streamed_in_chunks_and_the_verdict_read(socket_dir: Path) -> None:
    path = socket_dir / "clamd.sock"
    with FakeClamd(clean_unless(b"MARKER"), path) as clamd:
        clean = clamd_scan([b"first ", b"", b"second"], unix_socket=str(path), timeout=5)
        found = clamd_scan([b"a MARK", b"ER inside"], unix_socket=str(path), timeout=5)
    assert (clean, found) == (None, "Test.Marker")
    assert clamd.received == [b"first second", b"a MARKER inside"]


def test_clamd_is_reached_over_tcp_too() -> None:
    with FakeClamd(clean_unless(b"MARKER")) as clamd:
        found = clamd_scan([b"MARKER"], address=clamd_address(clamd.address), timeout=5)
    assert found == "Test.Marker"


@pytest.mark.parametrize(
    "answer",
    [
        b"INSTREAM size limit exceeded. ERROR\0",
        b"stream: Can't allocate memory ERROR\0",
        b"\xff\xfe garbage",
        b"",
        None,  # the connection closes without a word
    ],
)
def test_no_verdict_is_an_error_never_clean(socket_dir: Path, answer: bytes | None) -> None:
    path = socket_dir / "clamd.sock"
    with FakeClamd(lambda _content: answer, path), pytest.raises(ClamdError):
        clamd_scan([b"content"], unix_socket=str(path), timeout=5)


def test_an_unreachable_or_silent_clamd_is_an_error(socket_dir: Path) -> None:
    with pytest.raises(ClamdError):
        clamd_scan([b"x"], unix_socket=str(socket_dir / "missing.sock"), timeout=1)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as silent:
        silent.bind(str(socket_dir / "silent.sock"))
        silent.listen(1)  # never accepts, never answers
        with pytest.raises(ClamdError):
            clamd_scan([b"x"], unix_socket=str(socket_dir / "silent.sock"), timeout=0.2)


@pytest.mark.parametrize(
    ("reply", "signature"),
    [(b"stream: OK", None), (b"stream: Win.Test.EICAR_HDB-1 FOUND", "Win.Test.EICAR_HDB-1")],
)
def test_replies_are_read_as_clamd_writes_them(reply: bytes, signature: str | None) -> None:
    assert verdict(reply) == signature


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("127.0.0.1:3310", ("127.0.0.1", 3310)),
        ("[::1]:3310", ("::1", 3310)),
        ("clamav:1", ("clamav", 1)),
    ],
)
def test_addresses_are_host_and_port(text: str, address: tuple[str, int]) -> None:
    assert clamd_address(text) == address


@pytest.mark.parametrize("text", ["clamav", ":3310", "clamav:", "clamav:0", "clamav:65536", "h:x"])
def test_other_addresses_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="host:port"):
        clamd_address(text)
