from __future__ import annotations

import pytest

from cortesia.mail.parsing import (
    POLICY,
    SHARED_HEADER_CHARS,
    SHARED_HEADERS,
    Unreadable,
    display_name_parts,
    header_sender,
    message_ids,
    parse_mail,
)
from cortesia.mail.tests.conftest import fixture


@pytest.mark.parametrize(
    ("name", "sender", "subject", "opening"),
    [
        (
            "it_latin1.eml",
            ("Giulia Rossì", "giulia.rossi@example.it"),
            "Il mio ordine non è arrivato",
            "Buongiorno,\n\nil mio ordine 48213 non è ancora arrivato.",
        ),
        (
            "fi_latin9.eml",
            ("Aino Virtanen", "aino.virtanen@example.fi"),
            "Tilaus ei ole vielä saapunut",
            "Hei,\n\ntilaukseni ei ole vielä saapunut.",
        ),
        (
            "bg_cp1251.eml",
            ("Мария Петрова", "maria.petrova@example.bg"),
            "Поръчката ми не е пристигнала",
            "Здравейте,\n\nпоръчката ми още не е пристигнала.",
        ),
        (
            "ro_latin10.eml",
            ("Ioana Popescu", "ioana.popescu@example.ro"),
            "Comanda mea nu a sosit încă",
            "Bună ziua,\n\ncomanda mea nu a sosit încă.",
        ),
        (
            "ar_cp1256_attachment.eml",
            ("ليلى حداد", "layla.haddad@example.sa"),
            "لم يصل طلبي",
            "مرحبا،\n\nلم يصل طلبي بعد.",
        ),
    ],
)
def test_legacy_charsets_and_encoded_headers(
    name: str, sender: tuple[str, str], subject: str, opening: str
) -> None:
    mail = parse_mail(fixture(name))
    assert (mail.from_name, mail.from_address) == sender
    assert mail.subject == subject
    assert mail.text.startswith(opening)


def test_rfc2231_file_names_and_inline_images() -> None:
    arabic = parse_mail(fixture("ar_cp1256_attachment.eml"))
    assert [(p.filename, p.content_type, p.payload[:8]) for p in arabic.parts] == [
        ("فاتورة.pdf", "application/pdf", b"%PDF-1.4")
    ]
    english = parse_mail(fixture("en_html_hostile.eml"))
    assert [(p.filename, p.content_id, p.inline) for p in english.parts] == [
        ("screenshot.png", "screenshot@example.com", True)
    ]
    assert english.text == ""
    assert "<script>" in english.html  # sanitizing is the ingest's job, parsing keeps all


@pytest.mark.parametrize(
    ("raw", "sender"),
    [
        (
            b"From: Giulia <Giulia.Rossi@Example.it>\r\nSubject: x\r\n\r\nFrom: b@x.it",
            "giulia.rossi@example.it",
        ),
        (
            b'Subject: x\r\nfrom:\r\n  "Rossi, Giulia"\r\n\t<g@example.it>\r\n\r\nbody',
            "g@example.it",
        ),
        (b"From: =?utf-8?q?Giulia_Ross=C3=AC?= <g@example.it>\n\nbody", "g@example.it"),
        (b"Subject: no sender\r\n\r\nFrom: b@example.it\r\n", ""),
    ],
    ids=["plain", "folded", "encoded name", "none in the header"],
)
def test_the_sender_is_read_from_the_header_block_alone(raw: bytes, sender: str) -> None:
    assert header_sender(raw) == sender
    if sender:
        assert parse_mail(raw).from_address == sender


def test_ids_are_read_without_angle_brackets() -> None:
    assert message_ids("<a@x> junk <b@y>\r\n <c@z>") == ["a@x", "b@y", "c@z"]
    assert message_ids("no brackets@x") == []


def _nested(depth: int) -> bytes:
    head = b"From: a@b.example\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n"
    return head + b"".join(
        b"--b%d\r\nContent-Type: multipart/mixed; boundary=b%d\r\n\r\n" % (level, level + 1)
        for level in range(depth)
    )


UNKNOWN_CHARSET = (
    b"From: a@b.example\r\nSubject: x\r\nContent-Type: text/plain; charset=x-klingon\r\n\r\nqapla"
)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (UNKNOWN_CHARSET, "unknown charset: x-klingon"),
        (b"X-Big: " + b"a" * 300_000 + b"\r\n\r\nbody", "header larger than 256 KB"),
        (_nested(30), "parts nested too deeply"),
    ],
)
def test_poison_is_refused_with_a_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(Unreadable) as refused:
        parse_mail(raw)
    assert refused.value.reason == reason


@pytest.mark.parametrize(
    ("display", "parts"),
    [
        ("Giulia Rossi", ("Giulia", "Rossi")),
        ("Rossi, Giulia", ("Giulia", "Rossi")),
        ('"Мария Петрова"', ("Мария", "Петрова")),
        ("Anna Maria de la Cruz", ("Anna Maria de la Cruz", "")),  # never guessed
        ("山田 太郎", ("山田 太郎", "")),
        ("", ("", "")),
    ],
)
def test_names_are_split_only_where_safe(display: str, parts: tuple[str, str]) -> None:
    assert display_name_parts(display) == parts


def test_headers_shared_between_mails_read_the_same_and_stay_few() -> None:
    # Given: a thousand mails, each with a Content-Type of its own, and a long subject.
    def mail(number: int) -> bytes:
        return (
            f"From: Giulia <g{number}@example.it>\r\nSubject: {'lungo ' * 60}{number}\r\n"
            f"Content-Type: text/plain; charset=utf-8; x-n={number}\r\n\r\nCiao {number}"
        ).encode()

    # When
    parsed = [parse_mail(mail(number)) for number in range(1000)]
    # Then: each reads as if alone, and at most SHARED_HEADERS short values are kept.
    assert [(p.from_address, p.text, p.subject[-4:]) for p in parsed[998:]] == [
        ("g998@example.it", "Ciao 998", " 998"),
        ("g999@example.it", "Ciao 999", " 999"),
    ]
    assert parse_mail(mail(998)) == parsed[998]
    shared = POLICY._shared  # noqa: SLF001 - the bound is what this test is about
    assert 0 < len(shared) <= SHARED_HEADERS
    assert max(len(value) for _name, value in shared) <= SHARED_HEADER_CHARS
