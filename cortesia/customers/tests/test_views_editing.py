from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cortesia.accounts.models import User
from cortesia.core.actor import Actor
from cortesia.customers.custom_fields import CustomFieldData, custom_field_create
from cortesia.customers.models import Customer, CustomerImport, Segment
from cortesia.customers.services import CustomerData, customer_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(
            given_name="Giulia", surname="Rossi", country="IT", emails=["giulia@example.com"]
        ),
        actor=Actor.system(),
    )


def _form(customer: Customer, **changes: str) -> dict[str, str]:
    values = {
        "version": str(customer.version),
        "given_name": customer.given_name,
        "surname": customer.surname,
        "country": customer.country,
        "language": customer.language,
        "time_zone": customer.time_zone,
        "currency": customer.currency,
        "register_preference": customer.register_preference,
        "emails": "giulia@example.com",
        "phones": "",
        "tags": "",
    }
    return {**values, **changes}


def test_edit_saves_and_the_stale_form_is_refused(alice_client: Client, giulia: Customer) -> None:
    url = f"/customers/{giulia.uid}/edit/"
    assert alice_client.get(url).status_code == 200
    stale = _form(giulia)
    saved = alice_client.post(url, _form(giulia, surname="Rossini", tags="VIP, news"))
    assert saved.status_code == 302
    giulia.refresh_from_db()
    assert (giulia.surname, giulia.tags, giulia.version) == ("Rossini", ["vip", "news"], 2)
    conflict = alice_client.post(url, {**stale, "given_name": "Giuliana"})
    assert conflict.status_code == 409
    assert "Someone else changed this customer. Reload and try again." in conflict.content.decode()
    giulia.refresh_from_db()
    assert (giulia.given_name, giulia.version) == ("Giulia", 2)


def test_edit_shows_field_errors(alice_client: Client, giulia: Customer) -> None:
    response = alice_client.post(
        f"/customers/{giulia.uid}/edit/", _form(giulia, surname="Rossi", phones="12")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "12 is not a valid phone number." in page
    giulia.refresh_from_db()
    assert (giulia.country, giulia.version) == ("IT", 1)


def _options(page: str, name: str) -> list[tuple[str, str]]:
    select = page.split(f'<select name="{name}"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def test_codes_are_chosen_by_name_in_the_viewers_language(alice: User, giulia: Customer) -> None:
    User.objects.filter(pk=alice.pk).update(language="it")
    client = Client()
    client.force_login(alice)
    page = client.get(f"/customers/{giulia.uid}/edit/").content.decode()
    countries = _options(page, "country")
    assert countries[0] == ("", "—")
    assert ("DE", "Germania") in countries
    assert ("GE", "Georgia") in countries
    assert len(countries) == 250  # the empty choice and every ISO 3166 country
    labels = [label for _code, label in countries[1:]]
    assert labels[:3] == ["Afghanistan", "Albania", "Algeria"]
    assert ("de", "tedesco") in _options(page, "language")
    assert ("Europe/Rome", "Italia — Roma") in _options(page, "time_zone")
    assert ("EUR", "euro (EUR)") in _options(page, "currency")
    assert '<option value="IT" selected>Italia</option>' in page
    given_name = page.split('name="given_name"', 1)[1].split(">", 1)[0]
    assert 'maxlength="' not in given_name
    assert 'dir="auto"' in given_name


def test_romanian_readers_find_the_netherlands_after_every_t(alice: User, giulia: Customer) -> None:
    User.objects.filter(pk=alice.pk).update(language="ro")
    client = Client()
    client.force_login(alice)
    page = client.get(f"/customers/{giulia.uid}/edit/").content.decode()
    labels = [label for _code, label in _options(page, "country")]
    position = labels.index("Tuvalu")
    assert labels[position : position + 3] == ["Tuvalu", "Țările de Jos", "Ucraina"]


@pytest.mark.parametrize(
    ("field", "typed", "error"),
    [
        (
            "country",
            "Germany",
            "Select a valid choice. Germany is not one of the available choices.",
        ),
        ("country", "GE ", "Select a valid choice. GE  is not one of the available choices."),
        (
            "language",
            "English",
            "Select a valid choice. English is not one of the available choices.",
        ),
        (
            "time_zone",
            "Berlin",
            "Select a valid choice. Berlin is not one of the available choices.",
        ),
        ("currency", "euro", "Select a valid choice. euro is not one of the available choices."),
    ],
)
def test_a_typed_name_is_never_saved_as_another_code(
    alice_client: Client, giulia: Customer, field: str, typed: str, error: str
) -> None:
    response = alice_client.post(f"/customers/{giulia.uid}/edit/", _form(giulia, **{field: typed}))
    assert response.status_code == 400
    assert html.escape(error) in response.content.decode()
    giulia.refresh_from_db()
    assert (giulia.country, giulia.language, giulia.version) == ("IT", "it", 1)
    assert list(giulia.events.values_list("kind", flat=True)) == ["created"]


def test_a_long_name_is_refused_not_cut(alice_client: Client, giulia: Customer) -> None:
    response = alice_client.post(f"/customers/{giulia.uid}/edit/", _form(giulia, surname="R" * 160))
    assert response.status_code == 400
    assert "This value has 160 characters; at most 150 are allowed." in response.content.decode()
    giulia.refresh_from_db()
    assert (giulia.surname, giulia.version) == ("Rossi", 1)


def test_markup_in_a_name_is_refused_by_the_form(alice_client: Client, giulia: Customer) -> None:
    response = alice_client.post(
        f"/customers/{giulia.uid}/edit/",
        _form(giulia, given_name="<img src=x onerror=alert(1)>Giulia"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "A name may not contain &lt; or &gt;, line breaks, tabs or other control characters, "
        "or invisible direction marks."
    ) in page
    assert "<img src=x" not in page
    giulia.refresh_from_db()
    assert (giulia.given_name, giulia.version) == ("Giulia", 1)


def test_the_form_cannot_leave_a_customer_unreachable(
    alice_client: Client, giulia: Customer
) -> None:
    response = alice_client.post(
        f"/customers/{giulia.uid}/edit/", _form(giulia, given_name="", surname="", emails="")
    )
    assert response.status_code == 400
    assert (
        "Give at least one of: a given name, a surname, an e-mail address or a phone number."
        in response.content.decode()
    )
    giulia.refresh_from_db()
    assert (giulia.given_name, giulia.version) == ("Giulia", 1)
    assert list(giulia.emails.values_list("address", flat=True)) == ["giulia@example.com"]


def test_marketers_cannot_open_the_edit_form(mia_client: Client, giulia: Customer) -> None:
    assert mia_client.get(f"/customers/{giulia.uid}/edit/").status_code == 403
    assert mia_client.post(f"/customers/{giulia.uid}/edit/", _form(giulia)).status_code == 403


def test_segment_editor_previews_saves_and_filters(
    mia_client: Client, alice_client: Client, giulia: Customer
) -> None:
    rules = '{"op": "and", "rules": [{"field": "country", "operator": "in", "value": ["IT"]}]}'
    preview = mia_client.post("/customers/segments/preview/", {"rules": rules})
    assert "Matching customers: 1" in preview.content.decode()
    bad = mia_client.post("/customers/segments/preview/", {"rules": '{"op": "nor"}'})
    assert "rules.op: A group&#x27;s op is and or or." in bad.content.decode()
    created = mia_client.post("/customers/segments/new/", {"name": "Italia", "rules": rules})
    assert created.status_code == 302
    segment = Segment.objects.get()
    listed = alice_client.get(f"/customers/?segment={segment.uid}")
    assert "Giulia" in listed.content.decode()
    assert alice_client.get("/customers/segments/new/").status_code == 403
    assert alice_client.post(f"/customers/segments/{segment.uid}/delete/").status_code == 403
    assert mia_client.post(f"/customers/segments/{segment.uid}/delete/").status_code == 302
    assert not Segment.objects.exists()


def test_import_page_uploads_and_shows_progress(
    settings: Any,
    tmp_path: Path,
    admin_client: Client,
    alice_client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.DATA_DIR = tmp_path
    assert alice_client.get("/customers/imports/").status_code == 403
    upload = SimpleUploadedFile("people.csv", b"given_name,country,email\nAino,FI,a@\nEero,FI,\n")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/customers/imports/", {"file": upload, "kind": "customers", "source": "import"}
        )
    record = CustomerImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/customers/imports/{record.uid}/"
    page = admin_client.get(response["Location"]).content.decode()
    assert "2 of 2 rows done" in page
    assert "a@ is not an e-mail address." in page
    assert 'hx-trigger="every 1s"' not in page  # finished: no more polling
    assert list(Customer.objects.values_list("given_name", flat=True)) == ["Eero"]
    assert alice_client.get(f"/customers/imports/{record.uid}/").status_code == 404


def test_admin_link_is_offered_only_to_editors(
    mia: User, alice_client: Client, giulia: Customer
) -> None:
    assert (
        'data-testid="edit-customer"'
        in alice_client.get(f"/customers/{giulia.uid}/").content.decode()
    )
    mia_client = Client()
    mia_client.force_login(mia)
    assert (
        'data-testid="edit-customer"'
        not in mia_client.get(f"/customers/{giulia.uid}/").content.decode()
    )


@pytest.mark.parametrize(
    ("language", "direction", "heading", "preview"),
    [("it", "ltr", "Importa un file CSV", "Anteprima"), ("ar", "rtl", "استيراد ملف CSV", "معاينة")],
)
def test_pages_are_translated_and_arabic_is_right_to_left(
    admin_user: User, language: str, direction: str, heading: str, preview: str
) -> None:
    User.objects.filter(pk=admin_user.pk).update(language=language)
    client = Client()
    client.force_login(admin_user)
    imports = client.get("/customers/imports/").content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in imports
    assert heading in imports
    assert preview in client.get("/customers/segments/new/").content.decode()


def test_merge_from_the_customer_page(
    alice_client: Client, mia_client: Client, giulia: Customer
) -> None:
    duplicate = customer_create(
        data=CustomerData(given_name="G.", surname="Rossi", emails=["g.rossi@example.com"]),
        actor=Actor.system(),
    )
    url = f"/customers/{giulia.uid}/merge/"
    unconfirmed = alice_client.post(url, {"duplicate": "g.rossi@example.com"}, follow=True)
    assert "Tick the box to confirm the merge." in unconfirmed.content.decode()
    unnamed = alice_client.post(url, {"duplicate": "", "confirm": "on"}, follow=True)
    assert "Name the duplicate by its e-mail address or public id." in unnamed.content.decode()
    assert "Tick the box" not in unnamed.content.decode()
    unknown = alice_client.post(
        url, {"duplicate": "nobody@example.com", "confirm": "on"}, follow=True
    )
    assert "No customer has this e-mail address or public id." in unknown.content.decode()
    assert (
        mia_client.post(url, {"duplicate": "G.Rossi@example.com", "confirm": "on"}).status_code
        == 302
    )
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id is None  # the marketer may not merge
    merged = alice_client.post(
        url, {"duplicate": "G.Rossi@example.com", "confirm": "on"}, follow=True
    )
    assert "Merged G. Rossi into this customer." in merged.content.decode()
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == giulia.pk
    assert sorted(giulia.emails.values_list("address", flat=True)) == [
        "g.rossi@example.com",
        "giulia@example.com",
    ]
    itself = alice_client.post(url, {"duplicate": str(giulia.uid), "confirm": "on"}, follow=True)
    assert (
        "A customer cannot be merged into itself: name a different customer."
        in itself.content.decode()
    )


def test_a_refused_custom_value_is_shown_at_its_field(
    admin_user: User, alice_client: Client, giulia: Customer
) -> None:
    custom_field_create(
        data=CustomFieldData(key="shoe_size", label="Shoe size", field_type="number"),
        actor=Actor(user=admin_user),
    )
    response = alice_client.post(
        f"/customers/{giulia.uid}/edit/", {**_form(giulia), "custom_fields.shoe_size": "big"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    field = page.split('<label for="id_custom_fields.shoe_size">Shoe size</label>', 1)[1]
    assert field.split("</div>", 1)[0].count('<p class="error" role="alert">') == 1
    assert 'data-testid="form-error"' not in page
    giulia.refresh_from_db()
    assert (giulia.custom_fields, giulia.version) == ({}, 1)
    saved = alice_client.post(
        f"/customers/{giulia.uid}/edit/", {**_form(giulia), "custom_fields.shoe_size": "38"}
    )
    assert saved.status_code == 302
    giulia.refresh_from_db()
    assert giulia.custom_fields == {"shoe_size": 38}


def test_a_refused_segment_names_each_bad_rule(mia_client: Client, giulia: Customer) -> None:
    rules = '{"op": "and", "rules": [{"field": "country", "operator": "in", "value": []}]}'
    response = mia_client.post("/customers/segments/new/", {"name": "Nessuno", "rules": rules})
    assert response.status_code == 400
    assert (
        '<p class="error" role="alert" data-testid="form-error">Give a non-empty list of '
        "values.</p>" in response.content.decode()
    )
    assert not Segment.objects.exists()


def test_every_wrong_field_is_reported_at_once(alice_client: Client, giulia: Customer) -> None:
    response = alice_client.post(
        f"/customers/{giulia.uid}/edit/",
        _form(giulia, country="Germany", given_name="<img src=x onerror=alert(1)>Giulia"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Select a valid choice. Germany is not one of the available choices." in page
    assert "A name may not contain &lt; or &gt;" in page
    giulia.refresh_from_db()
    assert (giulia.given_name, giulia.country, giulia.version) == ("Giulia", "IT", 1)


def _labels(page: str) -> list[str]:
    form = page.split('data-testid="customer-form"', 1)[1].split("</form>", 1)[0]
    return re.findall(r'<label for="id_[^"]*">([^<]*)</label>', form)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "it",
            [
                "Nome",
                "Secondo nome",
                "Cognome",
                "Secondo cognome",
                "Titolo",
                "Titoli accademici e professionali",
                "Paese",
                "Suddivisione territoriale",
                "Lingua",
                "Registro",
                "Fuso orario",
                "Valuta",
                "Canale preferito",
                "Orari di contatto",
                "Indirizzi e-mail",
                "Numeri di telefono",
                "Tag",
            ],
        ),
        (
            "en",
            [
                "Given name",
                "Second given name",
                "Surname",
                "Second surname",
                "Title",
                "Credentials",
                "Country",
                "Subdivision",
                "Language",
                "Register",
                "Time zone",
                "Currency",
                "Preferred channel",
                "Contact hours",
                "E-mail addresses",
                "Phone numbers",
                "Tags",
            ],
        ),
    ],
)
def test_every_label_of_the_profile_form_starts_with_a_capital(
    alice: User, giulia: Customer, language: str, expected: list[str]
) -> None:
    User.objects.filter(pk=alice.pk).update(language=language)
    client = Client()
    client.force_login(alice)
    page = client.get(f"/customers/{giulia.uid}/edit/").content.decode()
    assert _labels(page) == expected


@pytest.mark.parametrize(
    ("language", "ms", "mrs"),
    [
        ("it", "Sig.ra (Ms)", "Sig.ra (Mrs)"),
        ("ar", "السيدة (Ms)", "السيدة (Mrs)"),
        ("fi", "rouva (Ms)", "rouva (Mrs)"),
        ("bg", "г-жа (Ms)", "г-жа (Mrs)"),
        ("ro", "Dna. (Ms)", "Dna. (Mrs)"),
        ("en", "Ms", "Mrs"),
    ],
)
def test_every_title_can_be_told_apart_in_every_language(
    alice: User, giulia: Customer, language: str, ms: str, mrs: str
) -> None:
    User.objects.filter(pk=alice.pk).update(language=language)
    client = Client()
    client.force_login(alice)
    page = client.get(f"/customers/{giulia.uid}/edit/").content.decode()
    titles = _options(page, "title")
    labels = [html.unescape(label) for _value, label in titles]
    assert [value for value, _label in titles] == [
        "",
        "mr",
        "ms",
        "mrs",
        "miss",
        "mx",
        "dr",
        "prof",
    ]
    assert len(set(labels)) == len(labels)
    assert (labels[2], labels[3]) == (ms, mrs)


def test_the_arabic_form_keeps_names_addresses_and_numbers_in_their_direction(
    charlie: User, giulia: Customer
) -> None:
    # given: an Arabic reader allowed to edit, and a Latin name ending in a full stop
    User.objects.filter(pk=charlie.pk).update(role="admin")
    Customer.objects.filter(pk=giulia.pk).update(surname="Rossi Jr.")
    client = Client()
    client.force_login(charlie)
    # when
    page = client.get(f"/customers/{giulia.uid}/edit/").content.decode()
    # then
    assert "<h1>تعديل \u2068Giulia Rossi Jr.\u2069</h1>" in page
    assert "<title>تعديل \u2068Giulia Rossi Jr.\u2069" in page
    assert f'<a href="/customers/{giulia.uid}/"><bdi>Giulia Rossi Jr.</bdi></a>' in page
    assert '<textarea name="emails" cols="40" rows="2" dir="ltr"' in page
    assert '<textarea name="phones" cols="40" rows="2" dir="ltr"' in page
    tags = page.split('name="tags"', 1)[1].split(">", 1)[0]
    assert 'dir="auto"' in tags
