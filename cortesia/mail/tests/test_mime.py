"""The byte walker for large mails reads every mail exactly as the standard parser does."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from cortesia.mail.mime import decoded_chunks
from cortesia.mail.parsing import ParsedMail, Unreadable, parse_mail
from cortesia.mail.tests.conftest import FIXTURES

STANDARD = 10**12  # never walk by bytes
WALKED = 0  # always walk by bytes


def _shape(mail: ParsedMail) -> tuple[object, ...]:
    parts = [(p.filename, p.content_type, p.payload, p.content_id, p.inline) for p in mail.parts]
    return (
        mail.message_id,
        mail.in_reply_to,
        mail.references,
        mail.from_address,
        mail.from_name,
        mail.to,
        mail.subject,
        mail.text,
        mail.html,
        parts,
        mail.headers,
        mail.return_path,
        mail.content_type,
        mail.report_type,
    )


def _attachment(payload: bytes, *, crlf: bool = True) -> bytes:
    newline = b"\r\n" if crlf else b"\n"
    encoded = base64.encodebytes(payload).replace(b"\n", newline)
    lines = [
        b"From: =?utf-8?q?Ana_Popescu?= <ana@example.ro>",
        b"To: support@shop.example",
        b"Subject: =?utf-8?b?" + base64.b64encode("Factură".encode()) + b"?=",
        b"Message-ID: <big-1@example.ro>",
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/mixed; boundary="outer"',
        b"",
        b"This is a preamble.",
        b"--outer",
        b'Content-Type: multipart/alternative; boundary="inner"',
        b"",
        b"--inner",
        b"Content-Type: text/plain; charset=iso-8859-16",
        b"Content-Transfer-Encoding: quoted-printable",
        b"",
        b"Bun=E3 ziua, factura =BAi chitan=FEa sunt ata=BAate.",
        b"--inner",
        b"Content-Type: text/html; charset=utf-8",
        b"",
        "<p>Bună ziua, factura e atașată.</p>".encode(),
        b"--inner--",
        b"--outer",
        b"Content-Type: application/pdf",
        b"Content-Disposition: attachment; filename*=utf-8''factur%C4%83.pdf",
        b"Content-Transfer-Encoding: base64",
        b"",
        encoded.rstrip(),
        b"--outer",
        b"Content-Type: message/rfc822",
        b"",
        b"From: shop@example.ro",
        b"Subject: Comanda",
        b"Content-Type: text/plain; charset=utf-8",
        b"",
        "Comanda a fost expediată.".encode(),
        b"--outer",
        b"Content-Type: image/png",
        b"Content-ID: <logo@example.ro>",
        b"Content-Disposition: inline",
        b"Content-Transfer-Encoding: base64",
        b"",
        base64.encodebytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40).replace(b"\n", newline).rstrip(),
        b"--outer--",
        b"An epilogue.",
    ]
    return newline.join(lines) + newline


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.eml")))
def test_every_fixture_reads_the_same_either_way(name: str) -> None:
    raw = (Path(FIXTURES) / name).read_bytes()
    assert _shape(parse_mail(raw, stream_above=WALKED)) == _shape(
        parse_mail(raw, stream_above=STANDARD)
    )


@pytest.mark.parametrize("crlf", [True, False])
def test_nested_parts_legacy_text_and_a_forwarded_mail_read_the_same(crlf: bool) -> None:
    payload = os.urandom(300_000)
    raw = _attachment(payload, crlf=crlf)
    walked = parse_mail(raw, stream_above=WALKED)
    assert _shape(walked) == _shape(parse_mail(raw, stream_above=STANDARD))
    assert walked.subject == "Factură"
    assert walked.text == (
        "Bună ziua, factura și chitanța sunt atașate.\n\nComanda a fost expediată."
    )
    assert [(p.filename, len(p.payload), p.inline) for p in walked.parts] == [
        ("factură.pdf", 300_000, False),
        ("", 48, True),
    ]
    assert walked.parts[0].payload == payload


def test_a_large_part_is_a_slice_of_the_raw_mail_not_a_copy() -> None:
    raw = _attachment(os.urandom(2_000_000))
    mail = parse_mail(raw)
    body = mail.parts[0].body
    assert isinstance(body, memoryview)
    assert body.obj is raw


@pytest.mark.parametrize("size", [0, 1, 2, 3, 4, 1 << 20, (1 << 20) + 1])
def test_base64_is_decoded_across_chunk_edges(size: int) -> None:
    payload = os.urandom(size)
    encoded = base64.encodebytes(payload)
    for chunk in (1, 3, 4, 5, 77, 1 << 20):
        assert b"".join(decoded_chunks(encoded, "base64", chunk)) == payload


def test_a_missing_closing_delimiter_keeps_the_last_part() -> None:
    raw = (
        b"From: a@b.example\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n"
        b"--x\r\nContent-Type: text/plain\r\n\r\nfirst\r\n--x\r\nContent-Type: text/plain\r\n"
        b"\r\nsecond, never closed\r\n"
    )
    walked = parse_mail(raw, stream_above=WALKED)
    assert _shape(walked) == _shape(parse_mail(raw, stream_above=STANDARD))
    assert walked.text == "first\n\nsecond, never closed"


def test_the_walker_keeps_the_limits() -> None:
    head = b"From: a@b.example\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n"
    nested = head + b"".join(
        b"--b%d\r\nContent-Type: multipart/mixed; boundary=b%d\r\n\r\n" % (level, level + 1)
        for level in range(30)
    )
    with pytest.raises(Unreadable) as refused:
        parse_mail(nested, stream_above=WALKED)
    assert refused.value.reason == "parts nested too deeply"
    many = head + b"".join(b"--b0\r\nContent-Type: text/plain\r\n\r\nx\r\n" for _ in range(600))
    with pytest.raises(Unreadable) as refused:
        parse_mail(many + b"--b0--\r\n", stream_above=WALKED)
    assert refused.value.reason == "too many parts"
