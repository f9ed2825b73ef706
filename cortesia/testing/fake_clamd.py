"""A stand-in for ClamAV's daemon on a Unix socket or on 127.0.0.1, speaking INSTREAM.

clamd is an external service, so the tests talk to this instead: it reads the streamed
chunks like clamd and answers what ``answer`` returns for the content (``None``: close the
connection without a word).
"""

from __future__ import annotations

import socketserver
import struct
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

Answer = Callable[[bytes], bytes | None]


def clean_unless(marker: bytes) -> Answer:
    """clamd's answers: FOUND for content holding ``marker``, OK for the rest."""

    def answer(content: bytes) -> bytes:
        return b"stream: Test.Marker FOUND\0" if marker in content else b"stream: OK\0"

    return answer


class _Handler(socketserver.StreamRequestHandler):
    server: _UnixServer | _TcpServer

    def handle(self) -> None:
        if self.rfile.read(10) != b"zINSTREAM\0":
            return
        content = b""
        while len(prefix := self.rfile.read(4)) == 4 and (size := struct.unpack(">L", prefix)[0]):
            content += self.rfile.read(size)
        self.server.fake.received.append(content)
        reply = self.server.fake.answer(content)
        if reply is not None:
            self.wfile.write(reply)


class _UnixServer(socketserver.ThreadingUnixStreamServer):
    fake: FakeClamd
    daemon_threads = True


class _TcpServer(socketserver.ThreadingTCPServer):
    fake: FakeClamd
    daemon_threads = True


class FakeClamd:
    """Serve on ``socket_path`` (a Unix socket) or, without one, on 127.0.0.1."""

    def __init__(self, answer: Answer, socket_path: Path | None = None) -> None:
        self.answer = answer
        self.received: list[bytes] = []
        self._server: _UnixServer | _TcpServer = (
            _UnixServer(str(socket_path), _Handler)
            if socket_path is not None
            else _TcpServer(("127.0.0.1", 0), _Handler)
        )
        self._server.fake = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def address(self) -> str:
        """``host:port`` of the TCP server."""
        host, port = self._server.socket.getsockname()[:2]
        return f"{host}:{port}"

    def __enter__(self) -> FakeClamd:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
