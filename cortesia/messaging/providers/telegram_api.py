"""Calls to the Telegram Bot API: send a text or a file, fetch a customer's file, point
the bot's webhook at us.

- The token is part of every path (``/bot<token>/<method>``, ``/file/bot<token>/<path>``),
  so it is percent-encoded into the path and never leaves this module in an error.
- Every answer is ``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code",
  "description", "parameters": {"retry_after"}}``; ``error_code`` becomes
  ProviderError.code, and a 429's ``retry_after`` its wait.
- Bot API downloads are served with the file's type, or application/octet-stream; then the
  type is guessed from the path's extension (Python's own table, not the system's).
"""

from __future__ import annotations

import mimetypes
import posixpath
from urllib.parse import quote

from cortesia.messaging.providers.http import (
    Fetched,
    JsonObject,
    OutboundFile,
    ProviderError,
    answer_text,
    bad_answer,
    declared_size,
    download,
    json_request,
    multipart_request,
    refusal,
    status_retryable,
    too_large,
)

PHOTO_TYPES = frozenset({"image/jpeg", "image/png"})  # the others go as documents
UNKNOWN_TYPE = "application/octet-stream"
WEBHOOK_UPDATES = ["message", "edited_message"]
_BUILT_IN_TYPES = mimetypes.MimeTypes()  # /etc/mime.types differs between machines


def _telegram_error(status: int, data: JsonObject) -> ProviderError:
    code = data.get("error_code")
    if not isinstance(code, int) or isinstance(code, bool):
        return refusal(status)
    parameters = data.get("parameters")
    wait = parameters.get("retry_after") if isinstance(parameters, dict) else None
    return ProviderError(
        str(data.get("description") or "The Bot API refused the request."),
        status=status,
        code=str(code),
        retryable=status_retryable(status) or status_retryable(code),
        retry_after=float(wait) if isinstance(wait, int | float) else None,
    )


def _ok(answer: JsonObject) -> JsonObject:
    """The answer, when it says ``"ok": true``. Raises ProviderError."""
    if answer.get("ok") is not True:
        raise _telegram_error(200, answer)
    return answer


def _method_url(base: str, token: str, method: str) -> str:
    return f"{base}/bot{quote(token, safe=':')}/{method}"


def _call(*, base: str, token: str, method: str, payload: JsonObject) -> JsonObject:
    answer = json_request(
        "POST",
        _method_url(base, token, method),
        payload=payload,
        secret=token,
        read_error=_telegram_error,
    )
    return _ok(answer)


def send_text(*, base: str, token: str, chat_id: str, text: str) -> str:
    """Send ``text`` (plain, no parse mode) to ``chat_id``; return the message id.
    Raises ProviderError."""
    answer = _call(
        base=base, token=token, method="sendMessage", payload={"chat_id": chat_id, "text": text}
    )
    return answer_text(answer, ("result", "message_id"))


def send_file(*, base: str, token: str, chat_id: str, file: OutboundFile, caption: str) -> str:
    """Send ``file`` to ``chat_id``: JPEG and PNG with sendPhoto, anything else with
    sendDocument. An empty caption is left out. Return the message id. Raises
    ProviderError."""
    method, field = (
        ("sendPhoto", "photo")
        if file.mime_type.lower() in PHOTO_TYPES
        else ("sendDocument", "document")
    )
    fields = {"chat_id": chat_id, "caption": caption} if caption else {"chat_id": chat_id}
    answer = multipart_request(
        _method_url(base, token, method),
        fields=fields,
        file_field=field,
        file=file,
        secret=token,
        read_error=_telegram_error,
    )
    return answer_text(_ok(answer), ("result", "message_id"))


def _file_path(answer: JsonObject) -> str:
    path = answer_text(answer, ("result", "file_path"))
    if path.startswith("/") or ".." in path.split("/"):
        raise bad_answer("The file path the Bot API gave leaves the file area.")
    return path


def fetch_file(*, base: str, token: str, file_id: str, limit: int) -> Fetched:
    """Download the file ``file_id`` (from an update) of at most ``limit`` bytes; its
    filename is the last part of Telegram's file path. Raises ProviderError: "too_large"
    before downloading when getFile's file_size exceeds ``limit``."""
    answer = _call(base=base, token=token, method="getFile", payload={"file_id": file_id})
    file_path = _file_path(answer)
    size = declared_size(answer["result"].get("file_size"))
    if size is not None and size > limit:
        raise too_large(limit)
    fetched = download(
        f"{base}/file/bot{quote(token, safe=':')}/{quote(file_path, safe='/')}",
        limit=limit,
        secret=token,
        read_error=_telegram_error,
    )
    mime_type = fetched.mime_type
    if mime_type in ("", UNKNOWN_TYPE):
        mime_type = _BUILT_IN_TYPES.guess_type(file_path)[0] or UNKNOWN_TYPE
    return Fetched(
        content=fetched.content, mime_type=mime_type, filename=posixpath.basename(file_path)
    )


def set_webhook(*, base: str, token: str, url: str, secret: str) -> None:
    """Have Telegram post the bot's messages and edits to ``url`` with ``secret`` in
    ``X-Telegram-Bot-Api-Secret-Token``, keeping updates already waiting. Raises
    ProviderError unless Telegram says ok."""
    payload = {
        "url": url,
        "secret_token": secret,
        "allowed_updates": WEBHOOK_UPDATES,
        "drop_pending_updates": False,
    }
    _call(base=base, token=token, method="setWebhook", payload=payload)
