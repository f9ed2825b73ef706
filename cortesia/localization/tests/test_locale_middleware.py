"""The interface language of a request: the language cookie, then the browser's
Accept-Language, then the default; with Django's own handling when URLs carry a language."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("cookie", "accept_language", "language"),
    [
        ("", "", "en"),
        ("it", "", "it"),
        ("it", "ar", "it"),
        ("", "fi-FI,fi;q=0.9,en;q=0.5", "fi"),
        ("", "de-DE,de;q=0.9", "en"),
        ("xx", "ar", "ar"),
        ("", "pt-BR,ro;q=0.8", "ro"),
    ],
)
def test_an_anonymous_redirect_names_the_language_chosen(
    cookie: str, accept_language: str, language: str
) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE=accept_language)
    if cookie:
        client.cookies["cortesia_language"] = cookie
    response = client.get("/tickets/")
    assert (response.status_code, response["Location"]) == (302, "/login/?next=/tickets/")
    assert (response["Content-Language"], response["Vary"]) == (language, "Accept-Language, Cookie")


def test_the_sign_in_page_speaks_the_browsers_language(db: None) -> None:
    page = Client(HTTP_ACCEPT_LANGUAGE="ar").get("/login/")
    assert page["Content-Language"] == "ar"
    assert '<html lang="ar" dir="rtl">' in page.content.decode()


@pytest.mark.urls("cortesia.localization.tests.prefixed_urls")
def test_urls_that_carry_a_language_get_djangos_handling(db: None) -> None:
    # A language in the path wins over the browser's, and the answer does not vary on it
    prefixed = Client(HTTP_ACCEPT_LANGUAGE="fi").get("/it/here/")
    assert (prefixed.status_code, prefixed.content, prefixed["Content-Language"]) == (
        200,
        b"it it",
        "it",
    )
    assert "Accept-Language" not in prefixed.get("Vary", "")
    # A path without one is sent to the browser's language
    bare = Client(HTTP_ACCEPT_LANGUAGE="fi").get("/here/")
    assert (bare.status_code, bare["Location"]) == (302, "/fi/here/")
    assert bare["Vary"] == "Accept-Language, Cookie"
