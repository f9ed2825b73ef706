from __future__ import annotations

import pytest

from cortesia.lib.html import html_to_text, sanitize_html, text_to_html


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("<p onclick='x()'>Ciao <b>Giulia</b></p>", "<p>Ciao <b>Giulia</b></p>"),
        ("<script>alert(1)</script>ok", "ok"),
        ("<style>p{}</style><p>x</p>", "<p>x</p>"),
        ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
        (
            '<a href="https://e.example/">x</a>',
            '<a href="https://e.example/" rel="noopener noreferrer">x</a>',
        ),
        ('<img src="x" onerror="alert(1)">', '<img src="x">'),
        ('<p dir="rtl" lang="ar">مرحبا</p>', '<p dir="rtl" lang="ar">مرحبا</p>'),
        ("<iframe src='https://e.example'></iframe>after", "after"),
        ('<svg><g onload="alert(1)"></g></svg>x', "x"),
    ],
)
def test_sanitize_keeps_only_the_allowlist(raw: str, clean: str) -> None:
    assert sanitize_html(raw) == clean


def test_text_and_html_round_trip() -> None:
    markup = text_to_html("Gentile Signora Rossi,\n\nil pacco <arriva> domani.\nCordiali saluti")
    assert markup == (
        "<p>Gentile Signora Rossi,</p><p>il pacco &lt;arriva&gt; domani.<br>Cordiali saluti</p>"
    )
    # Paragraphs come back separated by a blank line: the round trip is exact.
    assert html_to_text(markup) == (
        "Gentile Signora Rossi,\n\nil pacco <arriva> domani.\nCordiali saluti"
    )
