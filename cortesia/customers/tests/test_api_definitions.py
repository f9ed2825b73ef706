from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cortesia.customers.models import Customer, CustomerTag, CustomField, Organization
from cortesia.testing.fixtures import bearer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _call(method: str, token: str, path: str, body: Any = None) -> Any:
    return getattr(Client(), method)(
        f"/api/v1{path}", body, content_type="application/json", headers=bearer(token)
    )


@pytest.fixture
def fields(admin_write_token: str) -> None:
    for body in (
        {"key": "tier", "label": "Tier", "field_type": "choice", "choices": ["gold", " silver "]},
        {"key": "shoe_size", "label": "Shoe size", "field_type": "number"},
        {"key": "birthday", "label": "Birthday", "field_type": "date"},
        {"key": "nickname", "label": "Nickname", "field_type": "text"},
    ):
        assert _call("post", admin_write_token, "/custom-fields", body).status_code == 201


def test_only_admins_define_fields_and_keys_are_checked(
    admin_write_token: str, alice_write_token: str
) -> None:
    body = {"key": "tier", "label": "Tier", "field_type": "text"}
    assert _call("post", alice_write_token, "/custom-fields", body).status_code == 403
    bad = _call(
        "post", admin_write_token, "/custom-fields", {"key": "9 lives", "field_type": "colour"}
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["details"] == {
        "key": "Use lower-case letters, digits and underscores, starting with a letter.",
        "label": "Give the field a label.",
        "field_type": "colour is not one of: text, number, date, choice.",
    }
    assert _call("post", admin_write_token, "/custom-fields", body).status_code == 201
    again = _call("post", admin_write_token, "/custom-fields", body)
    assert (again.status_code, again.json()["error"]["code"]) == (409, "duplicate_key")
    no_choices = {"key": "size", "label": "Size", "field_type": "choice", "choices": [" "]}
    assert _call("post", admin_write_token, "/custom-fields", no_choices).json()["error"][
        "details"
    ] == {"choices": "A choice field needs at least one choice."}


def test_key_and_type_never_change(admin_write_token: str, fields: None) -> None:
    uid = str(CustomField.objects.get(key="tier").uid)
    refused = _call("patch", admin_write_token, f"/custom-fields/{uid}", {"field_type": "text"})
    assert refused.json()["error"]["details"] == {
        "field_type": "This cannot change once the field exists."
    }
    changed = _call(
        "patch", admin_write_token, f"/custom-fields/{uid}", {"label": "Level", "is_active": False}
    ).json()
    assert (changed["label"], changed["is_active"], changed["choices"]) == (
        "Level",
        False,
        ["gold", "silver"],
    )
    listed = _call("get", admin_write_token, "/custom-fields").json()
    assert [f["key"] for f in listed] == ["birthday", "nickname", "shoe_size"]


def test_values_are_typed_and_checked(alice_write_token: str, fields: None) -> None:
    created = _call(
        "post",
        alice_write_token,
        "/customers",
        {
            "given_name": "Giulia",
            "tags": [" VIP ", "vip", "News  letter"],
            "custom_fields": {"tier": "gold", "shoe_size": "38.0", "birthday": "1990-04-02"},
        },
    )
    assert created.status_code == 201
    body = created.json()
    assert body["custom_fields"] == {"tier": "gold", "shoe_size": 38, "birthday": "1990-04-02"}
    assert body["tags"] == ["vip", "news letter"]
    customer = Customer.objects.get()
    assert sorted(CustomerTag.objects.values_list("tag", flat=True)) == ["news letter", "vip"]
    bad = _call(
        "patch",
        alice_write_token,
        f"/customers/{customer.uid}",
        {
            "custom_fields": {
                "tier": "bronze",
                "shoe_size": "big",
                "birthday": "2.4.1990",
                "colour": "red",
            }
        },
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["details"] == {
        "custom_fields.tier": "bronze is not one of: gold, silver.",
        "custom_fields.shoe_size": "big is not a number.",
        "custom_fields.birthday": "2.4.1990 is not a date in the form YYYY-MM-DD.",
        "custom_fields.colour": "There is no custom field colour.",
    }
    changed = _call(
        "patch",
        alice_write_token,
        f"/customers/{customer.uid}",
        {"custom_fields": {"shoe_size": 39.5, "tier": None}, "tags": ["vip"]},
    ).json()
    assert changed["custom_fields"] == {"shoe_size": 39.5, "birthday": "1990-04-02"}
    assert list(CustomerTag.objects.values_list("tag", flat=True)) == ["vip"]
    assert changed["version"] == 2


def test_external_ids_are_unique_across_customers(alice_write_token: str) -> None:
    body = {"given_name": "A", "external_ids": {"Shop": " S-1 "}}
    first = _call("post", alice_write_token, "/customers", body)
    assert first.json()["external_ids"] == {"shop": "S-1"}
    second = _call("post", alice_write_token, "/customers", {**body, "given_name": "B"})
    assert (second.status_code, second.json()["error"]["code"]) == (409, "duplicate_external_id")
    assert Customer.objects.count() == 1


def test_organizations_and_customer_membership(
    alice_write_token: str, mia_write_token: str
) -> None:
    created = _call(
        "post", alice_write_token, "/organizations", {"name": " Acme  Srl ", "country": "it"}
    )
    assert created.status_code == 201
    org = created.json()
    assert (org["name"], org["country"], org["calendar"]) == ("Acme Srl", "IT", None)
    assert _call("post", alice_write_token, "/organizations", {"country": "XX"}).json()["error"][
        "details"
    ] == {"name": "Give the organization a name.", "country": "XX is not an ISO 3166 country code."}
    customer = _call(
        "post",
        alice_write_token,
        "/customers",
        {"given_name": "Marco", "organization": org["uid"]},
    ).json()
    assert customer["organization"] == org["uid"]
    unknown = _call(
        "patch",
        alice_write_token,
        f"/customers/{customer['uid']}",
        {"organization": "00000000-0000-0000-0000-000000000000"},
    )
    assert unknown.json()["error"]["details"] == {
        "organization": "There is no organization 00000000-0000-0000-0000-000000000000."
    }
    cleared = _call(
        "patch", alice_write_token, f"/customers/{customer['uid']}", {"organization": ""}
    ).json()
    assert cleared["organization"] is None
    listed = _call("get", mia_write_token, "/organizations?q=acme").json()
    assert [o["name"] for o in listed["items"]] == ["Acme Srl"]
    refused = _call("post", mia_write_token, "/organizations", {"name": "Other"})
    assert refused.status_code == 403
    assert Organization.objects.count() == 1


def test_marketers_read_customers_but_do_not_change_them(
    alice_write_token: str, mia_write_token: str
) -> None:
    uid = _call("post", alice_write_token, "/customers", {"given_name": "Ana"}).json()["uid"]
    assert _call("get", mia_write_token, f"/customers/{uid}").status_code == 200
    refused = _call("patch", mia_write_token, f"/customers/{uid}", {"given_name": "Anna"})
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == (
        "Your role may read customers but not change them."
    )
    assert _call("post", mia_write_token, "/customers", {"given_name": "B"}).status_code == 403
    assert Customer.objects.get().given_name == "Ana"
