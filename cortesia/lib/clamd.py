"""A client for ClamAV's daemon: stream bytes with INSTREAM and read its verdict.

clamd listens on a Unix socket or a TCP address. INSTREAM takes the content as chunks,
each prefixed with its length (4 bytes, big-endian), ended by a zero length; the reply is
``stream: OK`` or ``stream: <signature> FOUND``. Anything else (an error, a size limit, a
closed connection, a timeout) raises :class:`ClamdError`: the content was not scanned.
"""

from __future__ import annotations

import socket
import struct
from collections.abc import Iterable

_MAX_REPLY = 4096


class ClamdError(Exception):
    """clamd could not be reached or gave no verdict."""


def clamd_address(text: str) -> tuple[str, int]:
    """Return ``(host, port)`` from ``host:port`` or ``[v6 address]:port``; raise
    ValueError for anything else."""
    host, colon, port = text.strip().rpartition(":")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not colon or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"expected host:port, got {text!r}")
    return host, int(port)


def clamd_scan(
    chunks: Iterable[bytes],
    *,
    unix_socket: str = "",
    address: tuple[str, int] | None = None,
    timeout: float,
) -> str | None:
    """Stream ``chunks`` to clamd at ``unix_socket`` or ``address``; return the name of
    the signature it found, or None when it found nothing. Raises ClamdError when there is
    no verdict (``timeout`` seconds apply to connecting and to each read and write)."""
    try:
        with _connect(unix_socket, address, timeout) as connection:
            connection.sendall(b"zINSTREAM\0")
            for chunk in chunks:
                if chunk:  # a zero length would end the stream
                    connection.sendall(struct.pack(">L", len(chunk)) + chunk)
            connection.sendall(struct.pack(">L", 0))
            reply = _reply(connection)
    except OSError as error:  # refused, reset, timed out
        raise ClamdError(f"clamd is unreachable: {error}") from error
    return verdict(reply)


def verdict(reply: bytes) -> str | None:
    """Return the signature named in an INSTREAM ``reply``, None for a clean stream;
    raise ClamdError for any other reply."""
    text = reply.decode("utf-8", "replace").strip()
    if text == "stream: OK":
        return None
    if text.startswith("stream: ") and text.endswith(" FOUND"):
        return text.removeprefix("stream: ").removesuffix(" FOUND").strip() or "unknown"
    raise ClamdError(f"clamd gave no verdict: {text[:200]!r}")


def _connect(unix_socket: str, address: tuple[str, int] | None, timeout: float) -> socket.socket:
    if unix_socket:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.settimeout(timeout)
        try:
            connection.connect(unix_socket)
        except OSError:
            connection.close()
            raise
        return connection
    if address is None:
        raise ClamdError("no clamd socket or address is configured")
    return socket.create_connection(address, timeout=timeout)


def _reply(connection: socket.socket) -> bytes:
    data = b""
    while b"\0" not in data and len(data) < _MAX_REPLY:
        part = connection.recv(1024)
        if not part:
            break
        data += part
    return data.split(b"\0", 1)[0]
