"""Fakes of the WhatsApp Cloud API (Graph) and the Telegram Bot API on 127.0.0.1.

The providers are an external boundary, so tests talk to this rather than mocking our
code. It answers the calls of ``cortesia.messaging.providers`` in the shapes Meta and
Telegram document, checks tokens as they do (Graph: the Bearer header; Telegram: the token
in the path), records every request, and can be told to fail or to stall.

Ids are deterministic per fake: wamids "wamid.FAKE1", "wamid.FAKE2"…, Graph media ids from
770000000000001, Telegram message ids from 1000.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, TypedDict
from urllib.parse import parse_qs, quote, unquote, urlsplit

JsonObject = dict[str, Any]
WHATSAPP_PREFIX = "/graph/v21.0"
DOWNLOAD_PATH = "/graph/whatsapp_business/attachments/"  # lookaside.fbsbx.com's path
TELEGRAM_PREFIX = "/telegram"
TELEGRAM_METHODS = ("sendMessage", "sendPhoto", "sendDocument", "getFile", "setWebhook")
ROUTES = (
    "whatsapp.messages",
    "whatsapp.media_upload",
    "whatsapp.media_info",
    "whatsapp.media_download",
    *(f"telegram.{method}" for method in TELEGRAM_METHODS),
    "telegram.file",
)
CHUNK_BYTES = 65_536
GRAPH_BAD_TOKEN = {
    "error": {
        "message": "Invalid OAuth access token - Cannot parse access token",
        "type": "OAuthException",
        "code": 190,
        "fbtrace_id": "A1",
    }
}
TELEGRAM_BAD_TOKEN = {"ok": False, "error_code": 401, "description": "Unauthorized"}
SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what setWebhook accepts


@dataclass(frozen=True)
class FilePart:
    name: str
    filename: str
    content_type: str
    content: bytes


@dataclass
class Recorded:
    """One request as the fake saw it; the token in a Telegram path reads "<token>"."""

    route: str  # one of ROUTES, "" when none matched
    method: str
    path: str
    headers: dict[str, str]  # names in lower case
    body: bytes
    json: JsonObject | None = None
    fields: dict[str, str] = field(default_factory=dict)
    files: list[FilePart] = field(default_factory=list)
    status: int = 0  # the status answered
    answered_bytes: int = 0  # body bytes written before the client went away


class SentMessage(TypedDict):
    message_id: str
    recipient: str
    type: str  # WhatsApp: text, image, document; Telegram: text, photo, document
    text: str  # the text, or the caption
    media: bytes
    mime_type: str
    filename: str


@dataclass(frozen=True)
class _Stored:
    content: bytes
    mime_type: str  # Telegram: the Content-Type its download is served with
    filename: str = ""  # Telegram: the file path
    declare_length: bool = True


@dataclass(frozen=True)
class _Reply:
    status: int
    body: bytes
    content_type: str = "application/json"
    declare_length: bool = True


@dataclass(frozen=True)
class _Target:
    route: str
    key: str  # phone number id, media id, file path or file id
    token: str  # the token in a Telegram path


def sent_message(
    message_id: str,
    recipient: str,
    kind: str,
    text: str,
    media: bytes = b"",
    mime_type: str = "",
    filename: str = "",
) -> SentMessage:
    """A SentMessage; what a kind of message lacks is empty."""
    return SentMessage(
        message_id=message_id,
        recipient=recipient,
        type=kind,
        text=text,
        media=media,
        mime_type=mime_type,
        filename=filename,
    )


def _json(status: int, data: Mapping[str, object]) -> _Reply:
    return _Reply(status, json.dumps(data).encode())


def _graph_refusal(message: str, code: int = 100) -> _Reply:
    error = {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "A1"}
    return _json(400, {"error": error})


def _telegram_refusal(description: str, code: int = 400) -> _Reply:
    return _json(code, {"ok": False, "error_code": code, "description": description})


def _target(method: str, raw_path: str) -> _Target:
    parts = urlsplit(raw_path)
    path = unquote(parts.path)
    if path.startswith(WHATSAPP_PREFIX + "/"):
        pieces = path[len(WHATSAPP_PREFIX) + 1 :].split("/")
        if method == "POST" and len(pieces) == 2 and pieces[1] in ("messages", "media"):
            suffix = "messages" if pieces[1] == "messages" else "media_upload"
            return _Target(f"whatsapp.{suffix}", pieces[0], "")
        if method == "GET" and len(pieces) == 1:
            return _Target("whatsapp.media_info", pieces[0], "")
    if path == DOWNLOAD_PATH and method == "GET":
        return _Target("whatsapp.media_download", parse_qs(parts.query).get("mid", [""])[0], "")
    if path.startswith(f"{TELEGRAM_PREFIX}/file/bot") and method == "GET":
        token, _, file_path = path[len(TELEGRAM_PREFIX) + 9 :].partition("/")
        return _Target("telegram.file", file_path, token)
    if path.startswith(f"{TELEGRAM_PREFIX}/bot"):
        token, _, name = path[len(TELEGRAM_PREFIX) + 4 :].partition("/")
        return _Target(f"telegram.{name}" if name in TELEGRAM_METHODS else "", "", token)
    return _Target("", "", "")


def _redacted(raw_path: str, token: str) -> str:
    path = unquote(raw_path)
    return path.replace(f"/bot{token}/", "/bot<token>/", 1) if token else path


def _multipart(body: bytes, boundary: str) -> tuple[dict[str, str], list[FilePart]]:
    """Form fields and files, read strictly by RFC 7578's delimiters."""
    fields: dict[str, str] = {}
    files: list[FilePart] = []
    for chunk in body.split(b"--" + boundary.encode())[1:-1]:
        head, _, content = chunk.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        content = content.removesuffix(b"\r\n")
        headers = {}
        for line in head.decode().split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        disposition = dict(re.findall(r'(\w+)="([^"]*)"', headers.get("content-disposition", "")))
        if "filename" in disposition:
            part = FilePart(
                disposition.get("name", ""),
                disposition["filename"],
                headers.get("content-type", ""),
                content,
            )
            files.append(part)
        else:
            fields[disposition.get("name", "")] = content.decode()
    return fields, files


def _parse_body(recorded: Recorded) -> None:
    kind = recorded.headers.get("content-type", "")
    if kind.startswith("application/json"):
        try:
            data = json.loads(recorded.body)
        except ValueError:
            data = None
        recorded.json = data if isinstance(data, dict) else None
    elif boundary := re.search(r"boundary=\"?([^\";]+)", kind):
        recorded.fields, recorded.files = _multipart(recorded.body, boundary.group(1))


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    timeout = 5  # a client that never sends its request does not hold the fake

    def handle(self) -> None:
        with self.server.fake._in_flight():
            super().handle()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass  # the test output stays readable

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._serve()

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        self._serve()

    def _serve(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        target = _target(self.command, self.path)
        recorded = Recorded(
            route=target.route,
            method=self.command,
            path=_redacted(self.path, target.token),
            headers={name.lower(): value for name, value in self.headers.items()},
            body=body,
        )
        _parse_body(recorded)
        reply, delay = self.server.fake._answer(target, recorded)
        if delay:
            self.server.fake._closing.wait(delay)
        written = self._write(reply)
        with self.server.fake._lock:
            recorded.answered_bytes = written

    def _write(self, reply: _Reply) -> int:
        written = 0
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            if reply.declare_length:
                self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            for start in range(0, len(reply.body), CHUNK_BYTES):
                chunk = reply.body[start : start + CHUNK_BYTES]
                self.wfile.write(chunk)
                written += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading (a download over its limit)
        return written


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeProviders


class FakeProviders:
    """Serve both APIs on one port: ``whatsapp_url`` and ``telegram_url`` are the bases
    the provider modules take. Use as a context manager."""

    def __init__(
        self,
        whatsapp_token: str = "wa-token",  # noqa: S107 - a fake's token, the tests' default
        telegram_token: str = "tg-token",  # noqa: S107
    ) -> None:
        self.whatsapp_token = whatsapp_token
        self.telegram_token = telegram_token
        self.requests: list[Recorded] = []
        self._lock = threading.RLock()
        self._idle = threading.Condition(self._lock)
        self._busy = 0
        self._closing = threading.Event()
        self._failures: dict[str, deque[_Reply]] = {route: deque() for route in ROUTES}
        self._delays: dict[str, float] = {}
        self._whatsapp_media: dict[str, _Stored] = {}
        self._telegram_files: dict[str, _Stored] = {}
        self._sent_whatsapp: list[SentMessage] = []
        self._sent_telegram: list[SentMessage] = []
        self._counters = {"wamid": 0, "media": 770000000000000, "telegram": 999}
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.fake = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        origin = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.whatsapp_url = origin + WHATSAPP_PREFIX
        self.telegram_url = origin + TELEGRAM_PREFIX
        self._download_url = origin + DOWNLOAD_PATH

    def __enter__(self) -> FakeProviders:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._closing.set()  # ends every delay at once
        self._server.shutdown()
        with self._idle:
            self._idle.wait_for(lambda: self._busy == 0, timeout=5)
        self._server.server_close()
        self._thread.join()

    # -- what tests set up --------------------------------------------------------------

    def fail_next(
        self, route: str, status: int, body: Mapping[str, object] | bytes, times: int = 1
    ) -> None:
        """Answer the next ``times`` requests of ``route`` (after the token check) with
        ``status`` and ``body``: JSON for a mapping, text/html for bytes."""
        if route not in ROUTES:
            raise ValueError(route)
        reply = (
            _Reply(status, body, "text/html") if isinstance(body, bytes) else _json(status, body)
        )
        with self._lock:
            self._failures[route].extend([reply] * times)

    def delay(self, route: str, seconds: float) -> None:
        """Wait ``seconds`` before answering every request of ``route``."""
        if route not in ROUTES:
            raise ValueError(route)
        with self._lock:
            self._delays[route] = seconds

    def add_whatsapp_media(
        self, media_id: str, content: bytes, mime_type: str, *, declare_length: bool = True
    ) -> None:
        """Offer media to download; without ``declare_length`` the download has no
        Content-Length and ends when the connection closes."""
        with self._lock:
            self._whatsapp_media[media_id] = _Stored(content, mime_type, "", declare_length)

    def add_telegram_file(
        self,
        file_id: str,
        content: bytes,
        file_path: str,
        *,
        content_type: str = "application/octet-stream",
    ) -> None:
        """Offer a file to getFile and download, served with ``content_type``."""
        with self._lock:
            self._telegram_files[file_id] = _Stored(content, content_type, file_path)

    def whatsapp_download_url(self, media_id: str) -> str:
        """Where the media info of ``media_id`` sends the download (Bearer token needed)."""
        return f"{self._download_url}?mid={quote(media_id, safe='')}&ext=1&hash=FAKE"

    # -- what tests check ---------------------------------------------------------------

    def sent_whatsapp(self) -> list[SentMessage]:
        with self._lock:
            return list(self._sent_whatsapp)

    def sent_telegram(self) -> list[SentMessage]:
        with self._lock:
            return list(self._sent_telegram)

    def routes(self) -> list[str]:
        """The route of every request so far, in order."""
        with self._lock:
            return [recorded.route for recorded in self.requests]

    # -- serving --------------------------------------------------------------------------

    @contextlib.contextmanager
    def _in_flight(self) -> Iterator[None]:
        """Count a request being served, so ``__exit__`` can wait for its handler."""
        with self._lock:
            self._busy += 1
        try:
            yield
        finally:
            with self._idle:
                self._busy -= 1
                self._idle.notify_all()

    def _next(self, counter: str) -> int:
        self._counters[counter] += 1
        return self._counters[counter]

    def _answer(self, target: _Target, recorded: Recorded) -> tuple[_Reply, float]:
        with self._lock:
            self.requests.append(recorded)
            reply = self._dispatch(target, recorded)
            recorded.status = reply.status
            return reply, self._delays.get(target.route, 0.0)

    def _dispatch(self, target: _Target, recorded: Recorded) -> _Reply:
        if target.route.startswith("whatsapp."):
            if recorded.headers.get("authorization") != f"Bearer {self.whatsapp_token}":
                return _json(401, GRAPH_BAD_TOKEN)
        elif target.route or target.token:
            if target.token != self.telegram_token:
                return _json(401, TELEGRAM_BAD_TOKEN)
            if not target.route:
                return _telegram_refusal("Not Found", 404)
        else:
            return _graph_refusal("Unknown path components", 2500)
        if self._failures[target.route]:
            return self._failures[target.route].popleft()
        handlers: dict[str, Callable[[_Target, Recorded], _Reply]] = {
            "whatsapp.messages": self._whatsapp_message,
            "whatsapp.media_upload": self._whatsapp_upload,
            "whatsapp.media_info": self._whatsapp_media_info,
            "whatsapp.media_download": self._whatsapp_download,
            "telegram.sendMessage": self._telegram_text,
            "telegram.sendPhoto": self._telegram_file,
            "telegram.sendDocument": self._telegram_file,
            "telegram.getFile": self._telegram_get_file,
            "telegram.file": self._telegram_download,
            "telegram.setWebhook": self._telegram_set_webhook,
        }
        return handlers[target.route](target, recorded)

    # -- Graph ----------------------------------------------------------------------------

    def _whatsapp_message(self, _target: _Target, recorded: Recorded) -> _Reply:
        data = recorded.json or {}
        to, kind = data.get("to"), data.get("type")
        part = data.get(kind) if kind in ("text", "image", "document") else None
        if data.get("messaging_product") != "whatsapp" or not to or not isinstance(part, dict):
            return _graph_refusal("(#100) Invalid parameter")
        if kind == "text":
            if not part.get("body"):
                return _graph_refusal("(#100) The parameter text['body'] is required.")
            media = _Stored(b"", "")
        elif (found := self._whatsapp_media.get(str(part.get("id")))) is None:
            # Graph accepts such a send and reports the failure in a status webhook;
            # the fake refuses at once so the test sees the mistake.
            return _graph_refusal("(#131053) Media upload error", 131053)
        else:
            media = found
        wamid = f"wamid.FAKE{self._next('wamid')}"
        text = part.get("body") if kind == "text" else part.get("caption", "")
        filename = str(part.get("filename", ""))
        sent = sent_message(
            wamid, str(to), str(kind), str(text), media.content, media.mime_type, filename
        )
        self._sent_whatsapp.append(sent)
        answer = {"messaging_product": "whatsapp", "contacts": [{"input": to, "wa_id": to}]}
        return _json(200, {**answer, "messages": [{"id": wamid}]})

    def _whatsapp_upload(self, _target: _Target, recorded: Recorded) -> _Reply:
        files = [part for part in recorded.files if part.name == "file"]
        if recorded.fields.get("messaging_product") != "whatsapp":
            return _graph_refusal("(#100) The parameter messaging_product is required.")
        if len(files) != 1 or not recorded.fields.get("type"):
            return _graph_refusal("(#100) Param file must be a file with one of the types.")
        media_id = str(self._next("media"))
        stored = _Stored(files[0].content, recorded.fields["type"], files[0].filename)
        self._whatsapp_media[media_id] = stored
        return _json(200, {"id": media_id})

    def _whatsapp_media_info(self, target: _Target, _recorded: Recorded) -> _Reply:
        media = self._whatsapp_media.get(target.key)
        if media is None:
            return _graph_refusal(
                f"Unsupported get request. Object with ID '{target.key}' does not exist."
            )
        info = {
            "messaging_product": "whatsapp",
            "url": self.whatsapp_download_url(target.key),
            "mime_type": media.mime_type,
            "sha256": hashlib.sha256(media.content).hexdigest(),
            "file_size": len(media.content),
            "id": target.key,
        }
        return _json(200, info)

    def _whatsapp_download(self, target: _Target, _recorded: Recorded) -> _Reply:
        media = self._whatsapp_media.get(target.key)
        if media is None:
            return _Reply(404, b"Not Found", "text/plain")
        return _Reply(200, media.content, media.mime_type, media.declare_length)

    # -- Bot API --------------------------------------------------------------------------

    def _telegram_message(self, sent: SentMessage, extra: JsonObject) -> _Reply:
        self._sent_telegram.append(sent)
        chat = sent["recipient"]
        result = {
            "message_id": int(sent["message_id"]),
            "from": {"id": 7000000001, "is_bot": True, "first_name": "Cortesia"},
            "chat": {"id": int(chat) if chat.lstrip("-").isdigit() else chat, "type": "private"},
            "date": int(time.time()),
            **extra,
        }
        return _json(200, {"ok": True, "result": result})

    def _telegram_text(self, _target: _Target, recorded: Recorded) -> _Reply:
        data = recorded.json or {}
        chat_id, text = str(data.get("chat_id") or ""), str(data.get("text") or "")
        if not chat_id:
            return _telegram_refusal("Bad Request: chat_id is empty")
        if not text:
            return _telegram_refusal("Bad Request: message text is empty")
        sent = sent_message(str(self._next("telegram")), chat_id, "text", text)
        return self._telegram_message(sent, {"text": text})

    def _telegram_file(self, target: _Target, recorded: Recorded) -> _Reply:
        kind = "photo" if target.route == "telegram.sendPhoto" else "document"
        parts = [part for part in recorded.files if part.name == kind]
        chat_id, caption = recorded.fields.get("chat_id", ""), recorded.fields.get("caption", "")
        if not chat_id:
            return _telegram_refusal("Bad Request: chat_id is empty")
        if len(parts) != 1:
            return _telegram_refusal(f"Bad Request: there is no {kind} in the request")
        part, message_id = parts[0], str(self._next("telegram"))
        file = {"file_id": f"{kind}-{message_id}", "file_unique_id": f"u{message_id}"}
        described: JsonObject = (
            {"photo": [{**file, "file_size": len(part.content), "width": 1280, "height": 960}]}
            if kind == "photo"
            else {"document": {**file, "file_name": part.filename, "mime_type": part.content_type}}
        )
        if caption:
            described["caption"] = caption
        sent = sent_message(
            message_id, chat_id, kind, caption, part.content, part.content_type, part.filename
        )
        return self._telegram_message(sent, described)

    def _telegram_get_file(self, _target: _Target, recorded: Recorded) -> _Reply:
        file_id = str((recorded.json or {}).get("file_id") or "")
        stored = self._telegram_files.get(file_id)
        if stored is None:
            return _telegram_refusal("Bad Request: invalid file_id")
        result = {
            "file_id": file_id,
            "file_unique_id": hashlib.sha256(file_id.encode()).hexdigest()[:16],
            "file_size": len(stored.content),
            "file_path": stored.filename,
        }
        return _json(200, {"ok": True, "result": result})

    def _telegram_download(self, target: _Target, _recorded: Recorded) -> _Reply:
        for stored in self._telegram_files.values():
            if stored.filename == target.key:
                return _Reply(200, stored.content, stored.mime_type)
        return _telegram_refusal("Not Found", 404)

    def _telegram_set_webhook(self, _target: _Target, recorded: Recorded) -> _Reply:
        data = recorded.json or {}
        url = str(data.get("url", ""))
        if url and not url.startswith("https://"):  # "" removes the webhook
            return _telegram_refusal(
                "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            )
        if "secret_token" in data and not SECRET_TOKEN.fullmatch(str(data["secret_token"])):
            return _telegram_refusal("Bad Request: secret token contains unallowed characters")
        return _json(200, {"ok": True, "result": True, "description": "Webhook was set"})
