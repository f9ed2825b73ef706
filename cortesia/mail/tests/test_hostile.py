"""Hostile HTML and hostile attachments arriving by mail (the fast sample of each corpus)."""

from __future__ import annotations

import base64
from html.parser import HTMLParser

import pytest

from cortesia.lib.html import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from cortesia.mail.inbound import mail_ingest
from cortesia.mail.models import InboundMail, Mailbox
from cortesia.tickets.attachments import served_type
from cortesia.tickets.models import TicketAttachment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href='javascript:alert(1)'>x</a>",
    "<a href='JaVaScRiPt:alert(1)'>x</a>",
    "<a href='data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='>x</a>",
    "<a href='vbscript:msgbox(1)'>x</a>",
    "<base href='https://evil.example/'>",
    "<meta http-equiv='refresh' content='0;url=https://evil.example/'>",
    "<form action='https://evil.example/'><input name=card></form>",
    "<iframe src='https://evil.example/'></iframe>",
    "<object data='https://evil.example/x.swf'></object>",
    "<embed src='https://evil.example/x.swf'>",
    "<style>@import url(https://evil.example/x.css);</style>",
    "<div style='background:url(javascript:alert(1))'>x</div>",
    "<p style='width: expression(alert(1))'>x</p>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<noscript><p title='</noscript><img src=x onerror=alert(1)>'>",
    "<img src='https://tracker.example/pixel.gif'>",
    "<img srcset='https://tracker.example/a.gif 1x'>",
    "<a href='https://ok.example/' onclick='steal()'>ok</a>",
    "<table background='https://tracker.example/bg.gif'><tr><td>x</td></tr></table>",
    "{{7*7}} {% debug %} ${7*7}",
    "<img src='cid:logo@example.com' alt='logo'>",
    "<p dir='rtl'>\u202egnp.exe</p>",
)
WRAPPERS = (
    "<html><body>{}</body></html>",
    "<div><p>Hello</p>{}</div>",
    "<!doctype html><head><title>x</title></head><body>{}<p>end</p></body>",
    "{}",
)


class AllowlistCheck(HTMLParser):
    """An independent parser: every tag, attribute and URL must be on the allowlist."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag {tag}")
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ALLOWED_ATTRIBUTES["*"] | {"rel"}
        for name, value in attrs:
            if name not in allowed:
                self.problems.append(f"attribute {name} on {tag}")
            if name in ("href", "src") and value is not None:
                scheme = value.split(":", 1)[0].lower() if ":" in value else ""
                if scheme not in ("", "http", "https", "mailto", "cid"):
                    self.problems.append(f"scheme {scheme}")
                if tag == "img" and scheme in ("http", "https"):
                    self.problems.append("remote image")


def _html_mail(n: int, markup: str) -> bytes:
    return (
        f"From: c{n}@example.com\r\nTo: support@shop.example\r\nSubject: Hostile {n}\r\n"
        f"Message-ID: <hostile-{n}@example.com>\r\nContent-Type: text/html; charset=utf-8\r\n"
        f"\r\n{markup}"
    ).encode()


def test_a_hundred_hostile_html_mails_store_only_the_allowlist(support: Mailbox) -> None:
    corpus = [
        _html_mail(n, wrapper.format(payload))
        for n, (wrapper, payload) in enumerate(
            (wrapper, payload) for wrapper in WRAPPERS for payload in PAYLOADS
        )
    ]
    assert len(corpus) == 100
    for raw in corpus:
        mail_ingest(mailbox=support, raw=raw, source=InboundMail.Source.PIPE)
    mails = InboundMail.objects.select_related("ticket_message")
    assert mails.filter(state="ingested").count() == 100
    for mail in mails:
        assert mail.ticket_message is not None
        check = AllowlistCheck()
        check.feed(mail.ticket_message.body_html)
        assert check.problems == [], (mail.subject, mail.ticket_message.body_html)


def test_huge_and_deep_html_is_handled_not_trusted(support: Mailbox) -> None:
    one_line = "<p>" + "a" * (10 * 1024 * 1024) + "</p>"
    deep = "<div>" * 10_000 + "deep" + "</div>" * 10_000
    for n, markup in enumerate((one_line, deep)):
        mail = mail_ingest(
            mailbox=support, raw=_html_mail(1000 + n, markup), source=InboundMail.Source.PIPE
        ).mail
        assert mail.state == "ingested"
        assert mail.ticket_message is not None
        check = AllowlistCheck()
        check.feed(mail.ticket_message.body_html)
        assert check.problems == []


def _attachment_mail(n: int, filename: bytes, content_type: str, payload: bytes) -> bytes:
    return (
        (
            f"From: c{n}@example.com\r\nTo: support@shop.example\r\nSubject: Files {n}\r\n"
            f"Message-ID: <files-{n}@example.com>\r\n"
            'Content-Type: multipart/mixed; boundary="b"\r\n'
            "\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n--b\r\n"
            f"Content-Type: {content_type}\r\nContent-Transfer-Encoding: base64\r\n"
        ).encode()
        + b'Content-Disposition: attachment; filename="'
        + filename
        + b'"\r\n\r\n'
        + (base64.encodebytes(payload) + b"--b--\r\n")
    )


@pytest.mark.parametrize(
    ("filename", "content_type", "stored", "served"),
    [
        (b"page.html", "text/html", "page.html", "application/octet-stream"),
        (b"logo.svg", "image/svg+xml", "logo.svg", "application/octet-stream"),
        (b".htaccess", "text/plain", "htaccess", "text/plain"),
        (b".ht\xe2\x80\x8baccess", "text/plain", "htaccess", "text/plain"),
        (b"invoice\xe2\x80\xaefdp.exe", "application/pdf", "invoicefdp.exe", "application/pdf"),
        (b"report.pdf. ", "application/pdf", "report.pdf", "application/pdf"),
        (b"../../etc/passwd", "text/plain", "passwd", "text/plain"),
        (b"a" * 300 + b".txt", "text/plain", "a" * 196 + ".txt", "text/plain"),
        (b"setup.exe", "application/x-msdownload", "setup.exe", "application/octet-stream"),
    ],
)
def test_attachment_names_are_cleaned_and_never_served_inline(
    support: Mailbox, filename: bytes, content_type: str, stored: str, served: str
) -> None:
    raw = _attachment_mail(1, filename, content_type, b"<script>alert(1)</script>")
    mail = mail_ingest(mailbox=support, raw=raw, source=InboundMail.Source.PIPE).mail
    attachment = TicketAttachment.objects.get()
    assert (mail.state, attachment.filename) == ("ingested", stored)
    assert served_type(attachment.content_type) == served


def test_an_attachment_over_the_limit_stays_in_the_raw_mail(
    support: Mailbox, settings: object
) -> None:
    settings.CORTESIA_ATTACHMENT_MAX_BYTES = 1_000_000  # type: ignore[attr-defined]
    raw = _attachment_mail(2, b"big.bin", "application/octet-stream", b"x" * 1_000_001)
    mail = mail_ingest(mailbox=support, raw=raw, source=InboundMail.Source.PIPE).mail
    assert mail.state == "ingested"
    assert TicketAttachment.objects.count() == 0
    assert mail.ticket is not None
    note = mail.ticket.messages.get(kind="note")
    assert note.body_text == (
        "The attachment big.bin was larger than the limit; it is kept only in the original mail."
    )
