from __future__ import annotations

import pytest
from django.test import Client

from cortesia.localization.models import RegisterDefault
from cortesia.testing.fixtures import bearer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_read_token_gets_bulgarian_vocative(alice_read_token: str) -> None:
    response = Client().post(
        "/api/v1/culture/address",
        {
            "language": "bg",
            "register": "formal",
            "title": "ms",
            "given_name": "Мария",
            "surname": "Иванова",
        },
        content_type="application/json",
        headers=bearer(alice_read_token),
    )
    assert response.status_code == 200
    assert response.json() == {
        "greeting": "Уважаема госпожо Иванова,",
        "closing": "С уважение,",
        "name": "г-жа Иванова",
    }


def test_unknown_language_is_400_naming_supported_ones(alice_read_token: str) -> None:
    response = Client().post(
        "/api/v1/culture/address",
        {"language": "xx", "surname": "A"},
        content_type="application/json",
        headers=bearer(alice_read_token),
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "unsupported_language",
            "message": "Forms of address are not available for xx. Supported languages: "
            "ar, bg, de, en, es, fi, fr, it, ja, pt, ro, zh.",
        }
    }


def test_unknown_title_and_empty_name_are_refused(alice_read_token: str) -> None:
    client = Client()
    bad_title = client.post(
        "/api/v1/culture/address",
        {"language": "en", "title": "sir", "surname": "A"},
        content_type="application/json",
        headers=bearer(alice_read_token),
    )
    assert bad_title.status_code == 422
    empty = client.post(
        "/api/v1/culture/address",
        {"language": "en"},
        content_type="application/json",
        headers=bearer(alice_read_token),
    )
    assert empty.status_code == 400
    assert empty.json()["error"]["message"] == "Give at least a given name or a surname."


def test_address_needs_a_token(db: None) -> None:
    response = Client().post(
        "/api/v1/culture/address",
        {"language": "en", "surname": "A"},
        content_type="application/json",
    )
    assert response.status_code == 401


def test_register_is_honoured(alice_read_token: str) -> None:
    response = Client().post(
        "/api/v1/culture/address",
        {"language": "bg", "register": "informal", "given_name": "Мария", "surname": "Иванова"},
        content_type="application/json",
        headers=bearer(alice_read_token),
    )
    assert response.json() == {
        "greeting": "Здравей, Мария,",
        "closing": "Поздрави,",
        "name": "Мария",
    }


def test_errors_follow_the_request_language(alice_read_token: str) -> None:
    response = Client().post(
        "/api/v1/culture/address",
        {"language": "en"},
        content_type="application/json",
        headers=bearer(alice_read_token),
        HTTP_ACCEPT_LANGUAGE="ro",
    )
    assert response.json()["error"]["message"] == (
        "Indicați cel puțin un prenume sau un nume de familie."
    )


def test_business_default_register_applies_when_none_is_given(alice_read_token: str) -> None:
    RegisterDefault.objects.create(language="it", register="informal")
    client = Client()
    body = {"language": "it", "given_name": "Marco", "surname": "Rossi", "title": "mr"}
    default = client.post(
        "/api/v1/culture/address",
        body,
        content_type="application/json",
        headers=bearer(alice_read_token),
    )
    assert default.json()["greeting"] == "Ciao Marco,"
    chosen = client.post(
        "/api/v1/culture/address",
        {**body, "register": "formal"},
        content_type="application/json",
        headers=bearer(alice_read_token),
    )
    assert chosen.json()["greeting"] == "Gentile Signor Rossi,"
