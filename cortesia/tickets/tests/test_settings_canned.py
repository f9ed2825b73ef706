"""The canned-response settings pages: list, editor with the variants grid, preview."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, User
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.testing.fixtures import make_user
from cortesia.tickets.canned import VariantData, canned_save
from cortesia.tickets.models import CannedResponse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

FORMAL_IT = (
    "{{ customer.greeting }}\n\nabbiamo ricevuto la sua richiesta.\n\n{{ customer.closing }}"
)


@pytest.fixture
def manager() -> User:
    return make_user("mara", Role.MANAGER)


@pytest.fixture
def welcome() -> CannedResponse:
    return canned_save(
        response=None,
        name="Welcome",
        variants=[
            VariantData("it", FORMAL_IT, "formal"),
            VariantData("it", "{{ customer.greeting }}\n\nci pensiamo noi!", "informal"),
            VariantData("en", "{{ customer.greeting }}\n\nWe are on it.", ""),
        ],
        actor=Actor.system(),
    )


@pytest.fixture
def giulia() -> Customer:
    return customer_create(
        data=CustomerData(
            given_name="Giulia", surname="Rossi", title="ms", language="it", emails=["g@example.it"]
        ),
        actor=Actor.system(),
    )


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(name: str, **variants: str) -> dict[str, str]:
    return {"name": name, **variants}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        pytest.param("anonymous", 302, id="anonymous"),
        pytest.param("agent", 403, id="agent"),
        pytest.param("manager", 200, id="manager"),
        pytest.param("admin", 200, id="admin"),
    ],
)
@pytest.mark.parametrize("page", ["list", "create", "edit", "preview"])
def test_who_may_open_the_pages(
    who: str,
    expected: int,
    page: str,
    alice: User,
    manager: User,
    admin_user: User,
    welcome: CannedResponse,
) -> None:
    users = {"agent": alice, "manager": manager, "admin": admin_user}
    client = _client(users[who]) if who in users else Client()
    url = {
        "list": reverse("canned-settings:canned-list"),
        "create": reverse("canned-settings:canned-create"),
        "edit": reverse("canned-settings:canned-edit", kwargs={"uid": welcome.uid}),
        "preview": reverse("canned-settings:canned-preview", kwargs={"uid": welcome.uid}),
    }[page]
    response = client.get(url)
    assert response.status_code == expected
    if who == "anonymous":
        assert response["Location"].startswith("/login/?next=")


def test_list_shows_each_variant_as_a_badge_in_fixed_queries(
    admin_user: User, welcome: CannedResponse, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client = _client(admin_user)
    client.get(reverse("canned-settings:canned-list"))  # warm the session
    # session, user, 2FA policy, responses, their variants
    with django_assert_num_queries(5):
        page = client.get(reverse("canned-settings:canned-list")).content.decode()
    assert "<bdi>Welcome</bdi>" in page
    assert page.count('data-testid="variant-badge"') == 3
    assert "Italian, formal" in page
    assert "English, any register" in page


def test_the_grid_has_a_textarea_per_language_and_register(
    admin_user: User, welcome: CannedResponse
) -> None:
    page = (
        _client(admin_user)
        .get(reverse("canned-settings:canned-edit", kwargs={"uid": welcome.uid}))
        .content.decode()
    )
    assert page.count("<textarea") == 6 * 3
    assert 'name="variant_it_formal"' in page
    assert "abbiamo ricevuto la sua richiesta." in page
    assert 'name="variant_ar_informal"' in page


def test_creating_saves_the_filled_variants_and_audits(manager: User) -> None:
    client = _client(manager)
    response = client.post(
        reverse("canned-settings:canned-create"),
        _post("Shipping", variant_it_formal=FORMAL_IT, variant_fi_any="Hei!"),
    )
    saved = CannedResponse.objects.get(name="Shipping")
    assert response.status_code == 302
    assert response["Location"] == reverse("canned-settings:canned-edit", kwargs={"uid": saved.uid})
    assert sorted(saved.variants.values_list("language", "register")) == [
        ("fi", ""),
        ("it", "formal"),
    ]
    event = AuditEvent.objects.get(object_type="canned_response")
    assert (event.actor_id, event.object_uid, event.object_label) == (
        manager.pk,
        str(saved.uid),
        "Shipping",
    )
    assert event.data == {"change": "created", "variants": ["fi:-", "it:formal"]}


def test_editing_replaces_the_variants(admin_user: User, welcome: CannedResponse) -> None:
    url = reverse("canned-settings:canned-edit", kwargs={"uid": welcome.uid})
    response = _client(admin_user).post(url, _post("Welcome", variant_ro_formal="Bună ziua"))
    assert response.status_code == 302
    assert list(welcome.variants.values_list("language", "register", "body")) == [
        ("ro", "formal", "Bună ziua")
    ]


def test_an_unknown_placeholder_is_shown_on_its_textarea(admin_user: User) -> None:
    response = _client(admin_user).post(
        reverse("canned-settings:canned-create"),
        _post("Bad", variant_en_any="Hi", variant_bg_formal="Здравейте {{ customer.age }}"),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {"variant_bg_formal": ["Unknown placeholders: customer.age."]}
    assert not CannedResponse.objects.filter(name="Bad").exists()
    assert not AuditEvent.objects.filter(object_type="canned_response").exists()


def test_no_variant_at_all_is_refused(admin_user: User) -> None:
    response = _client(admin_user).post(reverse("canned-settings:canned-create"), _post("Empty"))
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == ["Give at least one variant."]
    assert not CannedResponse.objects.exists()


def test_a_double_submit_creates_one_response(admin_user: User) -> None:
    client = _client(admin_user)
    data = _post("Twice", variant_en_any="Hello")
    first = client.post(reverse("canned-settings:canned-create"), data)
    second = client.post(reverse("canned-settings:canned-create"), data)
    assert (first.status_code, second.status_code) == (302, 409)
    assert "A canned response with this name already exists." in second.content.decode()
    assert CannedResponse.objects.filter(name="Twice").count() == 1
    assert AuditEvent.objects.filter(object_type="canned_response").count() == 1


def test_an_agent_cannot_post(alice: User) -> None:
    response = _client(alice).post(
        reverse("canned-settings:canned-create"), _post("Sneaky", variant_en_any="Hi")
    )
    assert response.status_code == 403
    assert not CannedResponse.objects.exists()


def test_preview_finds_the_customer_and_uses_the_formal_italian_variant(
    admin_user: User, welcome: CannedResponse, giulia: Customer
) -> None:
    url = reverse("canned-settings:canned-preview", kwargs={"uid": welcome.uid})
    client = _client(admin_user)
    found = client.get(url, {"q": "rossi"}).content.decode()
    assert f"customer={giulia.uid}" in found
    page = client.get(url, {"q": "rossi", "customer": str(giulia.uid)}).content.decode()
    assert "Gentile Signora Rossi,<br><br>abbiamo" in page
    assert "abbiamo ricevuto la sua richiesta." in page
    assert 'data-step="exact"' in page
    assert "Italian · formal" in page


def test_preview_says_when_the_site_language_stands_in(
    admin_user: User, welcome: CannedResponse
) -> None:
    layla = customer_create(
        data=CustomerData(given_name="Layla", surname="Haddad", language="ar"), actor=Actor.system()
    )
    url = reverse("canned-settings:canned-preview", kwargs={"uid": welcome.uid})
    page = _client(admin_user).get(url, {"customer": str(layla.uid)}).content.decode()
    assert 'data-step="site_default"' in page
    assert "We are on it." in page


def test_preview_of_an_unknown_customer_is_404(admin_user: User, welcome: CannedResponse) -> None:
    url = reverse("canned-settings:canned-preview", kwargs={"uid": welcome.uid})
    response = _client(admin_user).get(url, {"customer": "00000000-0000-0000-0000-000000000000"})
    assert response.status_code == 404


def test_arabic_page_is_right_to_left(admin_user: User, welcome: CannedResponse) -> None:
    User.objects.filter(pk=admin_user.pk).update(language="ar")
    page = _client(admin_user).get(reverse("canned-settings:canned-list")).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "الإيطالية" in page  # the badge names the language in Arabic


def test_a_variant_in_another_language_keeps_its_row_and_survives_saving(
    admin_user: User,
) -> None:
    response = canned_save(
        response=None,
        name="Danke",
        variants=[VariantData("de", "Vielen Dank!", ""), VariantData("en", "Thanks!", "")],
        actor=Actor.system(),
    )
    url = reverse("canned-settings:canned-edit", kwargs={"uid": response.uid})
    client = _client(admin_user)
    page = client.get(url).content.decode()
    assert 'data-language="de"' in page
    assert "Vielen Dank!" in page
    posted = client.post(url, _post("Danke", variant_de_any="Vielen Dank!", variant_en_any="Thx"))
    assert posted.status_code == 302
    assert sorted(response.variants.values_list("language", "register", "body")) == [
        ("de", "", "Vielen Dank!"),
        ("en", "", "Thx"),
    ]
