from __future__ import annotations

import pytest

from cortesia.lib.html import text_to_html
from cortesia.lib.quotes import split_quoted


@pytest.mark.parametrize(
    ("text", "new"),
    [
        (
            "Grazie!\n\nIl giorno lun 23 nov 2026 alle 10:00 Assistenza ha scritto:\n> Gentile…",
            "<p>Grazie!</p>",
        ),
        ("Kiitos!\n\nma 23.11.2026 klo 10.00 Tuki kirjoitti:\n> Hei…", "<p>Kiitos!</p>"),
        (
            "Благодаря!\n\nНа пн, 23 ноем. 2026 г. Поддръжка написа:\n> Здравейте…",
            "<p>Благодаря!</p>",
        ),
        ("Mulțumesc!\n\nÎn lun., 23 nov. 2026, Suport a scris:\n> Bună ziua…", "<p>Mulțumesc!</p>"),
        ("شكرًا!\n\nفي 23 نوفمبر 2026، كتب الدعم:\n> مرحبا…", "<p>شكرًا!</p>"),
        ("Thanks!\n\nOn Mon, Nov 23, 2026 at 10:00 Support wrote:\n> Hello…", "<p>Thanks!</p>"),
        ("Thanks!\n\n-----Original Message-----\nFrom: Support", "<p>Thanks!</p>"),
        ("Thanks!\n\n> quoted line\n> another", "<p>Thanks!</p>"),
    ],
)
def test_the_new_text_is_split_from_the_quote(text: str, new: str) -> None:
    visible, quoted = split_quoted(text_to_html(text))
    assert visible == new
    assert quoted.startswith("<p>")
    assert quoted != ""


def test_html_blockquotes_are_folded_and_halves_stay_well_formed() -> None:
    markup = "<div><p>Sure, tomorrow.</p><blockquote><p>Can you come?</p></blockquote></div>"
    visible, quoted = split_quoted(markup)
    assert visible == "<div><p>Sure, tomorrow.</p></div>"
    assert quoted == "<blockquote><p>Can you come?</p></blockquote>"


@pytest.mark.parametrize(
    "markup",
    [
        "<p>Then I wrote: nothing else.</p>",  # an attribution-like first line: nothing new
        "<blockquote><p>Only a quote</p></blockquote>",  # nothing new: show everything
        "<p>Plain message.</p>",
    ],
)
def test_nothing_is_folded_without_a_quote_after_new_text(markup: str) -> None:
    assert split_quoted(markup) == (markup, "")
