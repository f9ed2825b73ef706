"""The settings page of the default register per language."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, User
from cortesia.audit.models import AuditEvent
from cortesia.localization.models import RegisterDefault
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
URL = "/settings/registers/"
ALL_DEFAULT = {f"register_{code}": "" for code in ("en", "it", "fi", "bg", "ro", "ar")}


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _stored() -> list[tuple[str, str]]:
    return list(RegisterDefault.objects.order_by("language").values_list("language", "register"))


def _audited() -> list[tuple[str, object]]:
    events = AuditEvent.objects.filter(object_type="register_default").order_by("id")
    return [(event.object_label, event.data) for event in events]


def test_the_url_name() -> None:
    assert reverse("register-settings:register-defaults") == URL


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        pytest.param("anonymous", 302, id="anonymous"),
        pytest.param("agent", 403, id="agent"),
        pytest.param("manager", 403, id="manager"),
        pytest.param("admin", 200, id="admin"),
    ],
)
def test_who_may_open_the_page(who: str, expected: int, alice: User, admin_user: User) -> None:
    users = {"agent": alice, "manager": make_user("mara", Role.MANAGER), "admin": admin_user}
    client = _client(users[who]) if who in users else Client()
    response = client.get(URL)
    assert response.status_code == expected
    if who == "anonymous":
        assert response["Location"].startswith("/login/?next=")


def test_the_page_lists_each_language_and_any_other_stored_one(
    admin_user: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    RegisterDefault.objects.create(language="de", register="informal")
    client = _client(admin_user)
    client.get(URL)  # warm the session
    # session, user, 2FA policy, the stored defaults
    with django_assert_num_queries(4):
        page = client.get(URL).content.decode()
    for code in ("en", "it", "fi", "bg", "ro", "ar", "de"):
        assert f'name="register_{code}"' in page
    assert '<option value="informal" selected>Informal</option>' in page  # German
    assert "The language&#x27;s own default (informal)" in page  # Finnish's own
    assert "German" in page


def test_saving_sets_and_clears_with_one_audit_row_per_change(admin_user: User) -> None:
    RegisterDefault.objects.create(language="fi", register="formal")
    data = {**ALL_DEFAULT, "register_it": "informal", "register_en": ""}
    response = _client(admin_user).post(URL, data)
    assert response.status_code == 302
    assert response["Location"] == URL
    assert _stored() == [("it", "informal")]
    assert _audited() == [("fi", {"fi": ["formal", None]}), ("it", {"it": [None, "informal"]})]


def test_a_double_submit_changes_nothing_more(admin_user: User) -> None:
    client = _client(admin_user)
    data = {**ALL_DEFAULT, "register_bg": "informal"}
    assert client.post(URL, data).status_code == 302
    assert client.post(URL, data).status_code == 302
    assert _stored() == [("bg", "informal")]
    assert len(_audited()) == 1


def test_an_unknown_register_is_refused_on_its_field(admin_user: User) -> None:
    response = _client(admin_user).post(URL, {**ALL_DEFAULT, "register_ro": "casual"})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "register_ro": ["Select a valid choice. casual is not one of the available choices."]
    }
    assert _stored() == []
    assert _audited() == []


def test_an_agent_cannot_post(alice: User) -> None:
    response = _client(alice).post(URL, {**ALL_DEFAULT, "register_it": "informal"})
    assert response.status_code == 403
    assert _stored() == []


def test_arabic_page_is_right_to_left_and_names_languages_in_arabic(admin_user: User) -> None:
    User.objects.filter(pk=admin_user.pk).update(language="ar")
    page = _client(admin_user).get(URL).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "\u0627\u0644\u0625\u064a\u0637\u0627\u0644\u064a\u0629" in page  # Italian
