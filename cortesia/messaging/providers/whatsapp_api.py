"""Calls to the WhatsApp Cloud API (Meta's Graph API): send a text or a file, fetch a
customer's media.

- Every call carries ``Authorization: Bearer <token>``, the system user's access token.
- Errors come as ``{"error": {"message", "type", "code", "error_subcode", "error_data",
  "fbtrace_id"}}``; ``code`` becomes ProviderError.code. Rate limits (4, 80007, 130429,
  131056) come with HTTP 400 but pass with time, so they are retryable like 429 and 5xx.
  131047 (more than 24 hours since the customer wrote) and 190 (bad token) are final.
- A media download URL (on lookaside.fbsbx.com) takes the same token, so the token is
  sent only over https, or to the API's own origin (a local fake or proxy).
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import quote, urlsplit

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

RATE_LIMIT_CODES = frozenset({"4", "80007", "130429", "131056"})
IMAGE_TYPES = frozenset({"image/jpeg", "image/png"})  # the others go as documents


def _graph_error(status: int, data: JsonObject) -> ProviderError:
    error = data.get("error")
    if not isinstance(error, dict) or error.get("code") is None:
        return refusal(status)
    code = str(error["code"])
    return ProviderError(
        str(error.get("message") or "The Graph API refused the request."),
        status=status,
        code=code,
        retryable=status_retryable(status) or code in RATE_LIMIT_CODES,
    )


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _send(*, base: str, token: str, phone_number_id: str, message: JsonObject) -> str:
    answer = json_request(
        "POST",
        f"{base}/{quote(phone_number_id, safe='')}/messages",
        payload={"messaging_product": "whatsapp", "recipient_type": "individual", **message},
        headers=_bearer(token),
        secret=token,
        read_error=_graph_error,
    )
    return answer_text(answer, ("messages", 0, "id"))


def send_text(*, base: str, token: str, phone_number_id: str, to: str, text: str) -> str:
    """Send ``text`` to the WhatsApp user ``to`` from our number ``phone_number_id``;
    return the message's wamid. Raises ProviderError."""
    message = {"to": to, "type": "text", "text": {"preview_url": False, "body": text}}
    return _send(base=base, token=token, phone_number_id=phone_number_id, message=message)


def _upload(*, base: str, token: str, phone_number_id: str, file: OutboundFile) -> str:
    answer = multipart_request(
        f"{base}/{quote(phone_number_id, safe='')}/media",
        fields={"messaging_product": "whatsapp", "type": file.mime_type},
        file_field="file",
        file=file,
        headers=_bearer(token),
        secret=token,
        read_error=_graph_error,
    )
    return answer_text(answer, ("id",))


def send_file(
    *,
    base: str,
    token: str,
    phone_number_id: str,
    to: str,
    file: OutboundFile,
    caption: str,
) -> str:
    """Upload ``file``, then send it to ``to``: JPEG and PNG as an image, anything else as
    a document under its filename. An empty caption is left out. Return the wamid.
    Raises ProviderError (the upload may have happened when the send fails)."""
    media_id = _upload(base=base, token=token, phone_number_id=phone_number_id, file=file)
    kind = "image" if file.mime_type.lower() in IMAGE_TYPES else "document"
    part: JsonObject = {"id": media_id}
    if caption:
        part["caption"] = caption
    if kind == "document":
        part["filename"] = file.filename
    message = {"to": to, "type": kind, kind: part}
    return _send(base=base, token=token, phone_number_id=phone_number_id, message=message)


def _same_origin(url: str, base: str) -> bool:
    there, here = urlsplit(url), urlsplit(base)
    return (there.scheme, there.netloc) == (here.scheme, here.netloc)


def fetch_media(*, base: str, token: str, media_id: str, limit: int) -> Fetched:
    """Download the media ``media_id`` (from a webhook) of at most ``limit`` bytes. The
    MIME type is the one Graph gives; the filename is "" (the webhook has it). Raises
    ProviderError: "too_large" before downloading when Graph's file_size exceeds
    ``limit``, "bad_answer" when the download URL is neither https nor on ``base``'s
    origin."""
    info = json_request(
        "GET",
        f"{base}/{quote(media_id, safe='')}",
        headers=_bearer(token),
        secret=token,
        read_error=_graph_error,
    )
    url, mime_type = answer_text(info, ("url",)), answer_text(info, ("mime_type",))
    size = declared_size(info.get("file_size"))
    if size is not None and size > limit:
        raise too_large(limit)
    if not (url.startswith("https://") or _same_origin(url, base)):
        raise bad_answer("The media address Graph gave is not https.")
    fetched = download(
        url, headers=_bearer(token), limit=limit, secret=token, read_error=_graph_error
    )
    return replace(fetched, mime_type=mime_type, filename="")
