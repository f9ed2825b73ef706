from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cortesia.customers.models import Customer, CustomerEvent
from cortesia.localization.models import RegisterDefault
from cortesia.testing.fixtures import bearer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _post(token: str, body: dict[str, Any]) -> Any:
    return Client().post(
        "/api/v1/customers", body, content_type="application/json", headers=bearer(token)
    )


def test_create_derives_language_zone_currency_and_address_as(alice_write_token: str) -> None:
    response = _post(
        alice_write_token,
        {
            "given_name": "Maria",
            "surname": "Ivanova",
            "title": "ms",
            "country": "bg",
            "emails": ["Maria.Ivanova@Example.COM"],
            "phones": ["088 123 4567"],
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["language"], body["language_source"]) == ("bg", "country")
    assert (body["time_zone"], body["currency"], body["country"]) == ("Europe/Sofia", "EUR", "BG")
    assert body["emails"] == ["maria.ivanova@example.com"]
    assert body["phones"] == [
        {"e164": "+359881234567", "region": "BG", "time_zone": "Europe/Sofia"}
    ]
    assert body["address_as"] == {
        "greeting": "Уважаема госпожо Ivanova,",
        "closing": "С уважение,",
        "name": "г-жа Ivanova",
    }
    assert response["ETag"] == 'W/"1"'
    customer = Customer.objects.get()
    assert list(customer.events.values_list("kind", flat=True)) == ["created"]


def test_phone_zone_wins_over_a_country_with_many_zones(alice_write_token: str) -> None:
    body = _post(
        alice_write_token,
        {"given_name": "Sam", "surname": "Lee", "country": "US", "phones": ["+1 212 555 0100"]},
    ).json()
    assert (body["time_zone"], body["currency"], body["language"]) == (
        "America/New_York",
        "USD",
        "en",
    )


def test_every_invalid_field_is_reported_at_once(alice_write_token: str) -> None:
    response = _post(
        alice_write_token,
        {
            "given_name": "X",
            "country": "XX",
            "currency": "ABC",
            "time_zone": "Mars/Base",
            "emails": ["not-an-email"],
            "phones": ["12"],
            "title": "sir",
        },
    )
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "validation_error",
        "message": "Some fields are not valid.",
        "details": {
            "country": "XX is not an ISO 3166 country code.",
            "currency": "ABC is not an ISO 4217 currency code.",
            "time_zone": "Mars/Base is not a known time zone.",
            "emails": "not-an-email is not an e-mail address.",
            "phones": "12 is not a valid phone number.",
            "title": "sir is not one of: mr, ms, mrs, miss, mx, dr, prof.",
        },
    }
    assert Customer.objects.count() == 0


def test_duplicate_email_or_phone_is_409_naming_the_existing_customer(
    alice_write_token: str,
) -> None:
    first = _post(
        alice_write_token,
        {"given_name": "A", "emails": ["a@example.com"], "phones": ["+39 06 1234 5678"]},
    ).json()
    for body in (
        {"given_name": "B", "emails": ["A@example.com"]},
        {"given_name": "C", "phones": ["0039 06 12345678"]},
    ):
        response = _post(alice_write_token, body)
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "duplicate_customer"
        assert first["uid"] in response.json()["error"]["message"]
    assert Customer.objects.count() == 1


def test_stale_if_match_is_409_and_changes_nothing(alice_write_token: str) -> None:
    uid = _post(
        alice_write_token, {"given_name": "Ana", "surname": "Popescu", "country": "RO"}
    ).json()["uid"]
    client = Client()
    ok = client.patch(
        f"/api/v1/customers/{uid}",
        {"title": "mrs"},
        content_type="application/json",
        headers=bearer(alice_write_token),
        HTTP_IF_MATCH='W/"1"',
    )
    assert ok.status_code == 200
    assert ok["ETag"] == 'W/"2"'
    assert ok.json()["address_as"]["greeting"] == "Stimată doamnă Popescu,"
    stale = client.patch(
        f"/api/v1/customers/{uid}",
        {"surname": "Ionescu"},
        content_type="application/json",
        headers=bearer(alice_write_token),
        HTTP_IF_MATCH='W/"1"',
    )
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "stale_version"
    assert Customer.objects.get().surname == "Popescu"
    kinds = list(CustomerEvent.objects.order_by("id").values_list("kind", "data"))
    assert kinds == [
        ("created", {"fields": ["country", "given_name", "surname"]}),
        ("updated", {"fields": ["title"]}),
    ]


def test_mass_assignment_is_ignored(alice_write_token: str) -> None:
    body = _post(
        alice_write_token,
        {
            "given_name": "Eve",
            "version": 99,
            "uid": "x",
            "merged_into": 1,
            "search_text": "hack",
            "created_at": "2000-01-01T00:00:00Z",
        },
    ).json()
    customer = Customer.objects.get()
    assert (customer.version, customer.merged_into_id, customer.search_text) == (1, None, "eve")
    assert body["created_at"] != "2000-01-01T00:00:00Z"


def test_search_ignores_accents_case_and_phone_format(alice_write_token: str) -> None:
    _post(
        alice_write_token,
        {"given_name": "Ștefan", "surname": "Rossì", "phones": ["+39 06 1234 5678"]},
    )
    _post(alice_write_token, {"given_name": "مُحَمَّد", "surname": "العتيبي"})
    _post(alice_write_token, {"given_name": "Георги", "surname": "Иванов"})
    client = Client()

    def found(query: str) -> list[str]:
        response = client.get("/api/v1/customers", {"q": query}, headers=bearer(alice_write_token))
        return [item["given_name"] for item in response.json()["items"]]

    assert found("stefan rossi") == ["Ștefan"]
    assert found("ŞTEFAN") == ["Ștefan"]  # cedilla form of the same letter
    assert found("06 1234 5678") == ["Ștefan"]
    assert found("(06) 1234-5678") == ["Ștefan"]
    assert found("user.612345678") == []  # digits inside a word are not a phone number
    assert found("محمد") == ["مُحَمَّد"]  # diacritics ignored
    assert found("иванов") == ["Георги"]
    assert found("nobody") == []


def test_business_register_default_shapes_address_as(alice_write_token: str) -> None:
    RegisterDefault.objects.create(language="it", register="informal")
    body = _post(
        alice_write_token,
        {"given_name": "Marco", "surname": "Rossi", "title": "mr", "country": "IT"},
    ).json()
    assert body["address_as"]["greeting"] == "Ciao Marco,"
    formal = Client().patch(
        f"/api/v1/customers/{body['uid']}",
        {"register_preference": "formal"},
        content_type="application/json",
        headers=bearer(alice_write_token),
    )
    assert formal.json()["address_as"]["greeting"] == "Gentile Signor Rossi,"


def test_timeline_lists_events_in_order(alice_write_token: str) -> None:
    uid = _post(alice_write_token, {"given_name": "Aino", "country": "FI"}).json()["uid"]
    Client().patch(
        f"/api/v1/customers/{uid}",
        {"surname": "Virtanen"},
        content_type="application/json",
        headers=bearer(alice_write_token),
    )
    response = Client().get(f"/api/v1/customers/{uid}/timeline", headers=bearer(alice_write_token))
    items = response.json()["items"]
    assert [(item["kind"], item["actor"]) for item in items] == [
        ("created", "alice"),
        ("updated", "alice"),
    ]


def test_unknown_customer_is_404(alice_read_token: str) -> None:
    response = Client().get(
        "/api/v1/customers/00000000-0000-0000-0000-000000000000", headers=bearer(alice_read_token)
    )
    assert response.status_code == 404


def test_changing_emails_keeps_phones_and_vice_versa(alice_write_token: str) -> None:
    uid = _post(
        alice_write_token,
        {"given_name": "Ana", "emails": ["a@example.com"], "phones": ["+39 06 1234 5678"]},
    ).json()["uid"]
    client = Client()
    emails = client.patch(
        f"/api/v1/customers/{uid}",
        {"emails": ["b@example.com"]},
        content_type="application/json",
        headers=bearer(alice_write_token),
    )
    assert (emails.json()["emails"], [p["e164"] for p in emails.json()["phones"]]) == (
        ["b@example.com"],
        ["+390612345678"],
    )
    phones = client.patch(
        f"/api/v1/customers/{uid}",
        {"phones": ["+39 02 1234 5678"]},
        content_type="application/json",
        headers=bearer(alice_write_token),
    )
    assert (phones.json()["emails"], [p["e164"] for p in phones.json()["phones"]]) == (
        ["b@example.com"],
        ["+390212345678"],
    )


def test_markup_in_a_name_is_refused_by_the_api(alice_write_token: str) -> None:
    response = _post(
        alice_write_token,
        {"given_name": "<img src=x onerror=alert(1)>Mario", "emails": ["mario@example.com"]},
    )
    assert response.status_code == 400
    assert response.json()["error"]["details"] == {
        "given_name": "A name may not contain < or >, line breaks, tabs or other control "
        "characters, or invisible direction marks."
    }
    assert not Customer.objects.exists()
    assert not CustomerEvent.objects.exists()
