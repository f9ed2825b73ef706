"""The one way messaging talks to the providers' APIs: JSON calls, multipart uploads and
size-limited downloads over the standard library, with one error type.

- Nothing in an error carries a URL, a token or a body: Telegram puts the bot token in
  the path, so every message is either written here or is the provider's own error text
  with the token scrubbed out, cut to 200 characters. Errors are raised outside ``except``
  blocks, so no chained exception (``http.client.InvalidURL`` quotes the URL) rides along.
- Retryable: no connection, no answer in time, HTTP 429 and 5xx. Every other refusal is
  final, and so is an answer that is not the JSON we expected ("bad_answer").
- Redirects are never followed: neither provider documents one for these calls, and a
  redirect would carry the token to wherever it points.
- Each request waits at most ``timeout`` for the connection and for each read, and stops
  reading a body once ``timeout`` has passed since it started.
- The messages are diagnostics for logs and delivery records, in English like the
  providers' own; a page shows a translated text chosen by ``code``.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

USER_AGENT = "Cortesia-Messaging/1"
TIMEOUT_SECONDS = 10.0
MESSAGE_LIMIT = 200
ANSWER_LIMIT = 1_000_000  # bytes of a JSON answer; the providers' are a few hundred
CHUNK_BYTES = 65_536

JsonObject = dict[str, Any]
T = TypeVar("T")


class ProviderError(Exception):
    """A provider call that failed.

    ``code`` is the provider's error code as text ("131047", "401"), or ours: "network",
    "timeout", "too_large", "bad_answer", "bad_request" (a request that cannot be sent, such
    as a token with a line break). ``status`` is the HTTP status, 0 when none came.
    ``retry_after`` is the wait in seconds the provider asked for, if it named one.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int,
        code: str,
        retryable: bool,
        retry_after: float | None = None,
    ) -> None:
        self.message = message[:MESSAGE_LIMIT]
        super().__init__(self.message)
        self.status = status
        self.code = code
        self.retryable = retryable
        self.retry_after = retry_after

    def __repr__(self) -> str:
        return (
            f"ProviderError(status={self.status}, code={self.code!r}, "
            f"retryable={self.retryable}, retry_after={self.retry_after!r}, "
            f"message={self.message!r})"
        )


@dataclass(frozen=True)
class Fetched:
    content: bytes
    mime_type: str
    filename: str


@dataclass(frozen=True)
class OutboundFile:
    filename: str
    mime_type: str
    content: bytes


# Turns a refusal (HTTP status, the answer's JSON or {} when it had none) into an error.
ErrorReader = Callable[[int, JsonObject], ProviderError]


def status_retryable(status: int) -> bool:
    """Whether a refusal with this HTTP status may succeed later (rate limit, outage)."""
    return status == 429 or status >= 500


def refusal(status: int) -> ProviderError:
    """The error for an answer whose body says nothing we understand."""
    if 200 <= status < 300:
        return bad_answer("The provider's answer is not in the documented shape.")
    return ProviderError(
        f"The provider answered with HTTP status {status}.",
        status=status,
        code=str(status),
        retryable=status_retryable(status),
    )


def plain_refusal(status: int, _data: JsonObject) -> ProviderError:
    """The ErrorReader of an API whose error bodies we do not read."""
    return refusal(status)


def bad_answer(message: str) -> ProviderError:
    return ProviderError(message, status=200, code="bad_answer", retryable=False)


def too_large(limit: int) -> ProviderError:
    return ProviderError(
        f"The file is larger than the limit of {limit} bytes.",
        status=200,
        code="too_large",
        retryable=False,
    )


def answer_text(answer: object, path: tuple[str | int, ...]) -> str:
    """Return the non-empty text or number at ``path`` in a JSON answer, as text. Raises
    ProviderError("bad_answer") when it is missing or of another type."""
    value = answer
    for step in path:
        if isinstance(value, dict) and isinstance(step, str):
            value = value.get(step)
        elif isinstance(value, list) and isinstance(step, int) and len(value) > step:
            value = value[step]
        else:
            value = None
    if isinstance(value, str | int) and not isinstance(value, bool) and value != "":
        return str(value)
    where = ".".join(str(step) for step in path)
    raise bad_answer(f"The provider's answer has no {where}.")


def declared_size(value: object) -> int | None:
    """A size the provider declared (a number, or digits as text), None when absent."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def json_request(
    method: str,
    url: str,
    *,
    secret: str,
    read_error: ErrorReader = plain_refusal,
    payload: Mapping[str, object] | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: float = TIMEOUT_SECONDS,
) -> JsonObject:
    """Send ``payload`` as JSON (no body when None) and return the JSON object answered.
    ``secret`` (the token) is scrubbed from every error. Raises ProviderError."""
    body = None if payload is None else json.dumps(payload, ensure_ascii=False).encode()
    sent = {"Accept": "application/json", **(headers or {})}
    if body is not None:
        sent["Content-Type"] = "application/json"
    return _exchange(method, url, body, sent, secret, timeout, _json_reader(read_error))


def multipart_request(
    url: str,
    *,
    secret: str,
    fields: Mapping[str, str],
    file_field: str,
    file: OutboundFile,
    read_error: ErrorReader = plain_refusal,
    headers: Mapping[str, str] | None = None,
    timeout: float = TIMEOUT_SECONDS,
) -> JsonObject:
    """POST ``fields`` and one file as multipart/form-data; return the JSON object
    answered. Raises ProviderError."""
    boundary = secrets.token_hex(16)
    while boundary.encode() in file.content:  # astronomically rare, but then fatal
        boundary = secrets.token_hex(16)
    sent = {
        "Accept": "application/json",
        **(headers or {}),
        "Content-Type": f"multipart/form-data; boundary={boundary}",
    }
    body = _multipart_body(boundary, fields, file_field, file)
    return _exchange("POST", url, body, sent, secret, timeout, _json_reader(read_error))


def download(
    url: str,
    *,
    secret: str,
    limit: int,
    read_error: ErrorReader = plain_refusal,
    headers: Mapping[str, str] | None = None,
    timeout: float = TIMEOUT_SECONDS,
) -> Fetched:
    """GET a file of at most ``limit`` bytes; ``mime_type`` is the answer's Content-Type
    without parameters, ``filename`` is "". A larger file is refused from its
    Content-Length, or once more than ``limit`` bytes arrived, without reading the rest.
    Raises ProviderError ("too_large" among others)."""

    def reader(response: http.client.HTTPResponse, deadline: float) -> Fetched:
        if not 200 <= response.status < 300:
            raise _refused(response, deadline, read_error)
        content = _read_limited(response, limit, deadline)
        if content is None:
            raise too_large(limit)
        mime_type = (response.getheader("Content-Type") or "").partition(";")[0]
        return Fetched(content=content, mime_type=mime_type.strip().lower(), filename="")

    return _exchange("GET", url, None, dict(headers or {}), secret, timeout, reader)


def _header_quoted(value: str) -> str:
    # The escaping browsers use in form-data headers (WHATWG): no quote or line break
    # can end the header early.
    return value.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


def _multipart_body(
    boundary: str, fields: Mapping[str, str], file_field: str, file: OutboundFile
) -> bytes:
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{_header_quoted(name)}"'
        f"\r\n\r\n{value}\r\n".encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{_header_quoted(file_field)}"; '
        f'filename="{_header_quoted(file.filename)}"\r\n'
        f"Content-Type: {_header_quoted(file.mime_type)}\r\n\r\n".encode()
        + file.content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts)


def _json_reader(
    read_error: ErrorReader,
) -> Callable[[http.client.HTTPResponse, float], JsonObject]:
    def reader(response: http.client.HTTPResponse, deadline: float) -> JsonObject:
        if not 200 <= response.status < 300:
            raise _refused(response, deadline, read_error)
        answer = _json_object(_read_limited(response, ANSWER_LIMIT, deadline))
        if answer is None:
            raise bad_answer("The provider's answer is not a JSON object.")
        return answer

    return reader


def _json_object(raw: bytes | None) -> JsonObject | None:
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None  # never chain the decoder's error: it holds the whole body
    return data if isinstance(data, dict) else None


def _retry_after_header(response: http.client.HTTPResponse) -> float | None:
    value = (response.getheader("Retry-After") or "").strip()
    return float(value) if value.isdigit() else None  # the HTTP-date form is not used


def _refused(
    response: http.client.HTTPResponse, deadline: float, read_error: ErrorReader
) -> ProviderError:
    data = _json_object(_read_limited(response, ANSWER_LIMIT, deadline)) or {}
    error = read_error(response.status, data) if data else refusal(response.status)
    if error.retry_after is None:
        error.retry_after = _retry_after_header(response)
    return error


def _read_limited(response: http.client.HTTPResponse, limit: int, deadline: float) -> bytes | None:
    """The body, or None as soon as it is known to be longer than ``limit``."""
    length = (response.getheader("Content-Length") or "").strip()
    if length.isdigit() and int(length) > limit:
        return None
    chunks: list[bytes] = []
    total = 0
    while chunk := response.read(CHUNK_BYTES):
        total += len(chunk)
        if total > limit:
            return None
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise _timeout()
    return b"".join(chunks)


def _timeout() -> ProviderError:
    return ProviderError(
        "The provider did not answer in time.", status=0, code="timeout", retryable=True
    )


def _connection(url: str, timeout: float) -> tuple[http.client.HTTPConnection, str]:
    """A connection to the URL's host (not yet open) and the path with query to request."""
    connection: http.client.HTTPConnection | None = None
    path = ""
    with contextlib.suppress(ValueError, http.client.HTTPException):
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.hostname:
            https = parts.scheme == "https"
            kind = http.client.HTTPSConnection if https else http.client.HTTPConnection
            connection = kind(parts.hostname, parts.port, timeout=timeout)
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    if connection is None:
        raise ProviderError(
            "The provider's address is not an http:// or https:// URL.",
            status=0,
            code="bad_request",
            retryable=False,
        )
    return connection, path


def _exchange(
    method: str,
    url: str,
    body: bytes | None,
    headers: dict[str, str],
    secret: str,
    timeout: float,
    reader: Callable[[http.client.HTTPResponse, float], T],
) -> T:
    """Send one request and hand the answer to ``reader``; turn every failure into a
    ProviderError with ``secret`` scrubbed out."""
    connection, path = _connection(url, timeout)
    response: http.client.HTTPResponse | None = None
    failure: ProviderError
    try:
        connection.request(method, path, body=body, headers={"User-Agent": USER_AGENT, **headers})
        response = connection.getresponse()
        return reader(response, time.monotonic() + timeout)
    except ProviderError as error:
        failure = error
    except TimeoutError:
        failure = _timeout()
    except (OSError, http.client.HTTPException):
        failure = ProviderError(
            "The provider could not be reached.", status=0, code="network", retryable=True
        )
    except ValueError:  # a header value with a line break or outside Latin-1
        failure = ProviderError(
            "The request could not be built.", status=0, code="bad_request", retryable=False
        )
    finally:
        if response is not None:
            response.close()
        connection.close()
    raise _scrubbed(failure, secret)


def _scrubbed(error: ProviderError, secret: str) -> ProviderError:
    """A copy of ``error`` without its traceback or context and with no trace of
    ``secret`` in its message or code."""
    message, code = error.message, error.code
    for form in {secret, quote(secret, safe=":"), quote(secret, safe="")} - {""}:
        message = message.replace(form, "[token]")
        code = code.replace(form, "[token]")
    return ProviderError(
        message,
        status=error.status,
        code=code[:40],
        retryable=error.retryable,
        retry_after=error.retry_after,
    )
