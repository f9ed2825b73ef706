"""The WhatsApp Cloud API and Telegram Bot API calls against the fake providers on
loopback (no mocks), and the webhook payload builders read back by our parsers."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cortesia.messaging.providers import (
    http,
    payloads,
    telegram,
    telegram_api,
    whatsapp,
    whatsapp_api,
)
from cortesia.messaging.providers.base import InboundMedia, InboundMessage, StatusUpdate
from cortesia.messaging.providers.http import Fetched, OutboundFile, ProviderError
from cortesia.testing.fake_providers import FakeProviders, FilePart, sent_message

NUMBER_ID = "106540352242922"
CUSTOMER = "393471112233"
CHAT = "712345678"
TG_TOKEN = "7012345678:AAE-secret_Token"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
PDF = b"%PDF-1.7\n" + b"\r\n--boundary-lookalike\r\n" * 50


@pytest.fixture
def fake() -> Iterator[FakeProviders]:
    with FakeProviders(telegram_token=TG_TOKEN) as providers:
        yield providers


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def assert_no_secret(error: ProviderError, secret: str) -> None:
    shown = [str(error), repr(error), *map(repr, vars(error).values()), *map(repr, error.args)]
    assert [text for text in shown if secret in text] == []
    assert (error.__cause__, error.__context__) == (None, None)


def test_a_whatsapp_text_is_posted_as_graph_documents_it(fake: FakeProviders) -> None:
    wamid = whatsapp_api.send_text(
        base=fake.whatsapp_url,
        token="wa-token",
        phone_number_id=NUMBER_ID,
        to=CUSTOMER,
        text="Ciao",
    )
    assert wamid == "wamid.FAKE1"
    (request,) = fake.requests
    assert (request.method, request.path) == ("POST", f"/graph/v21.0/{NUMBER_ID}/messages")
    assert (request.headers["authorization"], request.headers["user-agent"]) == (
        "Bearer wa-token",
        "Cortesia-Messaging/1",
    )
    assert request.json == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": CUSTOMER,
        "type": "text",
        "text": {"preview_url": False, "body": "Ciao"},
    }


@pytest.mark.parametrize(
    ("file", "caption", "part"),
    [
        pytest.param(
            OutboundFile("scontrino.png", "image/png", PNG),
            "Lo scontrino",
            {"id": "770000000000001", "caption": "Lo scontrino"},
            id="png-as-image",
        ),
        pytest.param(
            OutboundFile('fattura "IT-1044".pdf', "application/pdf", PDF),
            "",
            {"id": "770000000000001", "filename": 'fattura "IT-1044".pdf'},
            id="pdf-as-document-without-caption",
        ),
    ],
)
def test_a_whatsapp_file_is_uploaded_then_sent_by_its_media_id(
    fake: FakeProviders, file: OutboundFile, caption: str, part: dict[str, str]
) -> None:
    wamid = whatsapp_api.send_file(
        base=fake.whatsapp_url,
        token="wa-token",
        phone_number_id=NUMBER_ID,
        to=CUSTOMER,
        file=file,
        caption=caption,
    )
    upload, message = fake.requests
    kind = "image" if file.mime_type == "image/png" else "document"
    assert (upload.route, upload.fields) == (
        "whatsapp.media_upload",
        {"messaging_product": "whatsapp", "type": file.mime_type},
    )
    # a quote in the filename travels as %22 in the part's header, as browsers send it
    on_the_wire = file.filename.replace('"', "%22")
    assert upload.files == [FilePart("file", on_the_wire, file.mime_type, file.content)]
    assert message.json == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": CUSTOMER,
        "type": kind,
        kind: part,
    }
    assert fake.sent_whatsapp() == [
        sent_message(
            wamid,
            CUSTOMER,
            kind,
            caption,
            media=file.content,
            mime_type=file.mime_type,
            filename=part.get("filename", ""),
        )
    ]


def test_whatsapp_media_is_fetched_with_the_token_and_graphs_type(fake: FakeProviders) -> None:
    fake.add_whatsapp_media("1480452339463891", PNG, "image/png")
    fetched = whatsapp_api.fetch_media(
        base=fake.whatsapp_url, token="wa-token", media_id="1480452339463891", limit=len(PNG)
    )
    assert fetched == Fetched(content=PNG, mime_type="image/png", filename="")
    assert fake.routes() == ["whatsapp.media_info", "whatsapp.media_download"]
    assert [request.headers["authorization"] for request in fake.requests] == [
        "Bearer wa-token"
    ] * 2


def test_media_graph_declares_too_large_is_never_downloaded(fake: FakeProviders) -> None:
    fake.add_whatsapp_media("1480452339463891", PNG, "image/png")
    with pytest.raises(ProviderError) as caught:
        whatsapp_api.fetch_media(
            base=fake.whatsapp_url, token="wa-token", media_id="1480452339463891", limit=1000
        )
    assert (caught.value.code, caught.value.retryable) == ("too_large", False)
    assert fake.routes() == ["whatsapp.media_info"]


@pytest.mark.parametrize("declare_length", [True, False], ids=["content-length", "counted"])
def test_a_download_over_the_limit_stops_without_reading_the_rest(declare_length: bool) -> None:
    content = b"\0" * (32 * 1024 * 1024)  # beyond what loopback buffers hold in flight
    with FakeProviders() as fake:
        fake.add_whatsapp_media("77", content, "video/mp4", declare_length=declare_length)
        with pytest.raises(ProviderError) as caught:
            http.download(
                fake.whatsapp_download_url("77"),
                headers={"Authorization": "Bearer wa-token"},
                limit=100_000,
                secret="wa-token",
            )
    assert (caught.value.status, caught.value.code, caught.value.retryable) == (
        200,
        "too_large",
        False,
    )
    assert str(caught.value) == "The file is larger than the limit of 100000 bytes."
    assert 0 < fake.requests[0].answered_bytes < len(content) // 2


def test_a_telegram_text_returns_message_ids_counting_from_1000(fake: FakeProviders) -> None:
    ids = [
        telegram_api.send_text(base=fake.telegram_url, token=TG_TOKEN, chat_id=CHAT, text=text)
        for text in ("Moi!", "Tilaus on matkalla.")
    ]
    assert ids == ["1000", "1001"]
    assert [(request.path, request.json) for request in fake.requests] == [
        ("/telegram/bot<token>/sendMessage", {"chat_id": CHAT, "text": "Moi!"}),
        ("/telegram/bot<token>/sendMessage", {"chat_id": CHAT, "text": "Tilaus on matkalla."}),
    ]
    assert fake.sent_telegram() == [
        sent_message("1000", CHAT, "text", "Moi!"),
        sent_message("1001", CHAT, "text", "Tilaus on matkalla."),
    ]


@pytest.mark.parametrize(
    ("file", "route", "kind"),
    [
        (OutboundFile("kuitti.png", "image/png", PNG), "telegram.sendPhoto", "photo"),
        (OutboundFile("lasku.pdf", "application/pdf", PDF), "telegram.sendDocument", "document"),
    ],
)
def test_a_telegram_file_goes_as_photo_or_document(
    fake: FakeProviders, file: OutboundFile, route: str, kind: str
) -> None:
    message_id = telegram_api.send_file(
        base=fake.telegram_url, token=TG_TOKEN, chat_id=CHAT, file=file, caption="Kuitti"
    )
    (request,) = fake.requests
    assert (message_id, request.route, request.fields) == (
        "1000",
        route,
        {"chat_id": CHAT, "caption": "Kuitti"},
    )
    assert request.files == [FilePart(kind, file.filename, file.mime_type, file.content)]
    assert fake.sent_telegram() == [
        sent_message(
            "1000",
            CHAT,
            kind,
            "Kuitti",
            media=file.content,
            mime_type=file.mime_type,
            filename=file.filename,
        )
    ]


@pytest.mark.parametrize(
    ("file_path", "served_as", "expected"),
    [
        ("photos/file_1.jpg", "application/octet-stream", "image/jpeg"),
        ("documents/file_2.pdf", "application/pdf", "application/pdf"),
        ("documents/file_3.unknown", "application/octet-stream", "application/octet-stream"),
    ],
)
def test_a_telegram_file_is_fetched_with_its_type_and_name(
    fake: FakeProviders, file_path: str, served_as: str, expected: str
) -> None:
    fake.add_telegram_file("AgACAgQAAxkB", PDF, file_path, content_type=served_as)
    fetched = telegram_api.fetch_file(
        base=fake.telegram_url, token=TG_TOKEN, file_id="AgACAgQAAxkB", limit=len(PDF)
    )
    assert fetched == Fetched(content=PDF, mime_type=expected, filename=file_path.split("/")[1])
    assert [request.path for request in fake.requests] == [
        "/telegram/bot<token>/getFile",
        f"/telegram/file/bot<token>/{file_path}",
    ]


def test_a_telegram_file_declared_too_large_is_never_downloaded(fake: FakeProviders) -> None:
    fake.add_telegram_file("AgACAgQAAxkB", PDF, "documents/file_2.pdf")
    with pytest.raises(ProviderError) as caught:
        telegram_api.fetch_file(
            base=fake.telegram_url, token=TG_TOKEN, file_id="AgACAgQAAxkB", limit=10
        )
    assert caught.value.code == "too_large"
    assert fake.routes() == ["telegram.getFile"]


def test_the_webhook_is_set_with_our_secret_and_updates(fake: FakeProviders) -> None:
    telegram_api.set_webhook(
        base=fake.telegram_url, token=TG_TOKEN, url="https://example.org/hook", secret="s3_cr-t"
    )
    assert fake.requests[0].json == {
        "url": "https://example.org/hook",
        "secret_token": "s3_cr-t",
        "allowed_updates": ["message", "edited_message"],
        "drop_pending_updates": False,
    }
    with pytest.raises(ProviderError) as caught:
        telegram_api.set_webhook(
            base=fake.telegram_url, token=TG_TOKEN, url="https://example.org/hook", secret="a b"
        )
    assert (caught.value.status, caught.value.code, str(caught.value)) == (
        400,
        "400",
        "Bad Request: secret token contains unallowed characters",
    )


def whatsapp_text(base: str, token: str) -> str:
    return whatsapp_api.send_text(
        base=base, token=token, phone_number_id=NUMBER_ID, to=CUSTOMER, text="Ciao"
    )


def telegram_text(base: str, token: str) -> str:
    return telegram_api.send_text(base=base, token=token, chat_id=CHAT, text="Moi")


@pytest.mark.parametrize(
    ("call", "base", "token", "expected"),
    [
        (
            whatsapp_text,
            "whatsapp_url",
            "wa-0ther-T0KEN",
            (401, "190", False, "Invalid OAuth access token - Cannot parse access token"),
        ),
        (telegram_text, "telegram_url", "1:0ther-T0KEN", (401, "401", False, "Unauthorized")),
    ],
    ids=["whatsapp", "telegram"],
)
def test_a_wrong_token_is_final_and_never_shown(
    fake: FakeProviders,
    call: Callable[[str, str], str],
    base: str,
    token: str,
    expected: tuple[object, ...],
) -> None:
    with pytest.raises(ProviderError) as caught:
        call(getattr(fake, base), token)
    error = caught.value
    assert (error.status, error.code, error.retryable, str(error)) == expected
    assert error.retry_after is None
    assert_no_secret(error, "0ther-T0KEN")
    assert (fake.sent_whatsapp(), fake.sent_telegram()) == ([], [])


def graph_error(code: int, message: str) -> dict[str, object]:
    return {
        "error": {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "A"}
    }


@pytest.mark.parametrize(
    ("route", "status", "body", "expected"),
    [
        pytest.param(
            "whatsapp.messages",
            400,
            graph_error(131047, "Re-engagement message"),
            (400, "131047", False, None, "Re-engagement message"),
            id="whatsapp-24-hours-passed",
        ),
        pytest.param(
            "whatsapp.messages",
            400,
            graph_error(130429, "Rate limit hit"),
            (400, "130429", True, None, "Rate limit hit"),
            id="whatsapp-rate-limit",
        ),
        pytest.param(
            "whatsapp.messages",
            500,
            graph_error(131000, "Something went wrong"),
            (500, "131000", True, None, "Something went wrong"),
            id="whatsapp-500",
        ),
        pytest.param(
            "telegram.sendMessage",
            429,
            {
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 3",
                "parameters": {"retry_after": 3},
            },
            (429, "429", True, 3.0, "Too Many Requests: retry after 3"),
            id="telegram-429",
        ),
        pytest.param(
            "whatsapp.messages",
            503,
            graph_error(131016, "Service unavailable. " * 20),
            (503, "131016", True, None, ("Service unavailable. " * 10)[:200]),
            id="long-message-cut-to-200",
        ),
        pytest.param(
            "telegram.sendMessage",
            400,
            {"ok": False, "error_code": 400, "description": f"Bad Request: bot {TG_TOKEN} blocked"},
            (400, "400", False, None, "Bad Request: bot [token] blocked"),
            id="token-echoed-by-the-provider-is-scrubbed",
        ),
        pytest.param(
            "telegram.sendMessage",
            502,
            b"<html><body>502 Bad Gateway</body></html>",
            (502, "502", True, None, "The provider answered with HTTP status 502."),
            id="proxy-502-in-html",
        ),
        pytest.param(
            "telegram.sendMessage",
            200,
            b"<html>maintenance</html>",
            (200, "bad_answer", False, None, "The provider's answer is not a JSON object."),
            id="html-where-json-was-due",
        ),
    ],
)
def test_refusals_say_whether_to_retry(
    fake: FakeProviders,
    route: str,
    status: int,
    body: dict[str, object] | bytes,
    expected: tuple[object, ...],
) -> None:
    fake.fail_next(route, status, body)
    call, base, token = (
        (whatsapp_text, fake.whatsapp_url, "wa-token")
        if route.startswith("whatsapp")
        else (telegram_text, fake.telegram_url, TG_TOKEN)
    )
    with pytest.raises(ProviderError) as caught:
        call(base, token)
    error = caught.value
    assert (error.status, error.code, error.retryable, error.retry_after, str(error)) == expected
    assert_no_secret(error, token)
    assert (fake.sent_whatsapp(), fake.sent_telegram()) == ([], [])


def test_a_closed_port_is_a_retryable_network_error() -> None:
    with pytest.raises(ProviderError) as caught:
        telegram_text(closed_port_url() + "/telegram", TG_TOKEN)
    error = caught.value
    assert (error.status, error.code, error.retryable, str(error)) == (
        0,
        "network",
        True,
        "The provider could not be reached.",
    )
    assert_no_secret(error, TG_TOKEN)


def test_a_stalled_answer_is_a_retryable_timeout(fake: FakeProviders) -> None:
    fake.delay("telegram.sendMessage", 5)
    with pytest.raises(ProviderError) as caught:
        http.json_request(
            "POST",
            f"{fake.telegram_url}/bot{TG_TOKEN}/sendMessage",
            payload={"chat_id": CHAT, "text": "Moi"},
            secret=TG_TOKEN,
            timeout=0.2,
        )
    error = caught.value
    assert (error.status, error.code, error.retryable) == (0, "timeout", True)
    assert_no_secret(error, TG_TOKEN)


# -- payload builders, read back by the parsers -------------------------------------------

MOMENT = 1764926383
AT = datetime(2025, 12, 5, 9, 19, 43, tzinfo=UTC)


def test_the_whatsapp_text_builder_reproduces_the_recorded_fixture() -> None:
    body = payloads.whatsapp_text(
        phone_number_id=NUMBER_ID,
        wa_id=CUSTOMER,
        name="Giulia Bianchi",
        text="Buongiorno, l'ordine IT-1044 non è arrivato",
        message_id="wamid.HBgLMzkzNDcxMTEyMjMzFQIAEhggNDQ1",
        timestamp=MOMENT,
    )
    recorded = Path(__file__).parent / "fixtures" / "whatsapp_text.json"
    assert json.loads(body) == json.loads(recorded.read_bytes())
    assert b"\\u00e8" in body  # Meta escapes non-ASCII text
    assert whatsapp.signature_valid(body, payloads.whatsapp_signature(body, "s3"), "s3") is True


def test_whatsapp_media_and_status_builders_read_back() -> None:
    document = payloads.whatsapp_media(
        phone_number_id=NUMBER_ID,
        wa_id=CUSTOMER,
        name="نورة",
        kind="document",
        media_id="1480452339463891",
        mime_type="application/pdf",
        caption="الفاتورة",
        filename="fattura.pdf",
        message_id="wamid.A",
        timestamp=MOMENT,
    )
    status = payloads.whatsapp_status(
        phone_number_id=NUMBER_ID,
        message_id="wamid.B",
        recipient=CUSTOMER,
        status="failed",
        timestamp=MOMENT,
        error_code=131047,
        error_title="Re-engagement message",
    )
    media = InboundMedia("document", "1480452339463891", "application/pdf", "fattura.pdf")
    parsed = whatsapp.parse(document)
    assert (parsed.account, parsed.messages) == (
        NUMBER_ID,
        [InboundMessage(CUSTOMER, "wamid.A", AT, "نورة", "الفاتورة", (media,))],
    )
    assert whatsapp.parse(status).statuses == [
        StatusUpdate("wamid.B", "failed", AT, "131047", "Re-engagement message")
    ]


def test_telegram_builders_read_back() -> None:
    chat = int(CHAT)
    text = payloads.telegram_text(
        update_id=1,
        chat_id=chat,
        first_name="Aino",
        last_name="Virtanen",
        language_code="fi",
        text="Moi!",
        message_id=51,
        date=MOMENT,
    )
    photo = payloads.telegram_photo(
        update_id=2,
        chat_id=chat,
        first_name="Aino",
        file_id="AgAC-large",
        caption="Kuitti",
        message_id=52,
        date=MOMENT,
        edited=True,
    )
    document = payloads.telegram_document(
        update_id=3,
        chat_id=chat,
        first_name="Aino",
        file_id="BQAC",
        file_name="lasku.pdf",
        mime_type="application/pdf",
        message_id=53,
        date=MOMENT,
    )
    image = InboundMedia("image", "AgAC-large", "image/jpeg")
    pdf = InboundMedia("document", "BQAC", "application/pdf", "lasku.pdf")
    assert [telegram.parse(body).messages for body in (text, photo, document)] == [
        [InboundMessage(CHAT, "51", AT, "Aino Virtanen", "Moi!", language_hint="fi")],
        [InboundMessage(CHAT, "52", AT, "Aino", "Kuitti", (image,), is_edit=True)],
        [InboundMessage(CHAT, "53", AT, "Aino", "", (pdf,))],
    ]
