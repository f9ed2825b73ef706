"""The custom-field settings pages: list, create, edit, deactivate and reactivate."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, User
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.customers.custom_fields import CustomFieldData, custom_field_create
from cortesia.customers.models import CustomField
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def tier() -> CustomField:
    return custom_field_create(
        data=CustomFieldData(
            key="tier", label="Tier", field_type="choice", choices=["gold", "silver"], position=1200
        ),
        actor=Actor.system(),
    )


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _audits(change: str = "") -> list[AuditEvent]:
    events = AuditEvent.objects.filter(object_type="custom_field").order_by("id")
    return list(events.filter(data__change=change) if change else events)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        pytest.param("anonymous", 302, id="anonymous"),
        pytest.param("agent", 403, id="agent"),
        pytest.param("manager", 403, id="manager"),
        pytest.param("admin", 200, id="admin"),
    ],
)
@pytest.mark.parametrize("page", ["list", "create", "edit"])
def test_who_may_open_the_pages(
    who: str, expected: int, page: str, alice: User, admin_user: User, tier: CustomField
) -> None:
    users = {"agent": alice, "manager": make_user("mara", Role.MANAGER), "admin": admin_user}
    client = _client(users[who]) if who in users else Client()
    url = {
        "list": reverse("field-settings:field-list"),
        "create": reverse("field-settings:field-create"),
        "edit": reverse("field-settings:field-edit", kwargs={"uid": tier.uid}),
    }[page]
    response = client.get(url)
    assert response.status_code == expected
    if who == "anonymous":
        assert response["Location"].startswith("/login/?next=")


def test_list_shows_every_field_in_fixed_queries(
    admin_user: User, tier: CustomField, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    custom_field_create(
        data=CustomFieldData(key="vat", label="VAT number", field_type="text", is_active=False),
        actor=Actor.system(),
    )
    client = _client(admin_user)
    client.get(reverse("field-settings:field-list"))  # warm the session
    # session, user, 2FA policy, fields
    with django_assert_num_queries(4):
        page = client.get(reverse("field-settings:field-list")).content.decode()
    assert '<code dir="ltr">tier</code>' in page
    assert '<td class="num">1,200</td>' in page
    assert page.count('<span class="badge is-muted"><bdi>') == 2  # the two choices
    assert 'data-testid="field-row-vat"' in page
    assert "Reactivate" in page


def test_creating_a_choice_field_audits_it(admin_user: User) -> None:
    response = _client(admin_user).post(
        reverse("field-settings:field-create"),
        {"label": "Size", "key": "size", "field_type": "choice", "choices": "S\nM\n\nL\nM"},
    )
    assert response.status_code == 302
    field = CustomField.objects.get(key="size")
    assert (field.label, field.field_type, field.choices, field.is_active) == (
        "Size",
        "choice",
        ["S", "M", "L"],
        True,
    )
    [event] = _audits()
    assert (event.actor_id, event.object_uid, event.object_label) == (
        admin_user.pk,
        str(field.uid),
        "size",
    )
    assert event.data == {
        "change": "created",
        "field_type": "choice",
        "label": "Size",
        "choices": ["S", "M", "L"],
        "is_active": True,
        "position": 0,
    }


def test_a_choice_field_without_choices_is_refused_on_its_field(admin_user: User) -> None:
    response = _client(admin_user).post(
        reverse("field-settings:field-create"),
        {"label": "Size", "key": "size", "field_type": "choice", "choices": ""},
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "choices": ["A choice field needs at least one choice."]
    }
    assert not CustomField.objects.exists()
    assert _audits() == []


def test_a_bad_key_is_refused(admin_user: User) -> None:
    response = _client(admin_user).post(
        reverse("field-settings:field-create"),
        {"label": "Size", "key": "1 size", "field_type": "text"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "key": ["Use lower-case letters, digits and underscores, starting with a letter."]
    }


def test_a_double_submit_creates_one_field(admin_user: User) -> None:
    client = _client(admin_user)
    data = {"label": "VAT", "key": "vat", "field_type": "text"}
    first = client.post(reverse("field-settings:field-create"), data)
    second = client.post(reverse("field-settings:field-create"), data)
    assert (first.status_code, second.status_code) == (302, 409)
    assert "A custom field with the key vat already exists." in second.content.decode()
    assert CustomField.objects.filter(key="vat").count() == 1
    assert len(_audits()) == 1


def test_editing_changes_label_and_choices_but_never_key_or_type(
    admin_user: User, tier: CustomField
) -> None:
    url = reverse("field-settings:field-edit", kwargs={"uid": tier.uid})
    response = _client(admin_user).post(
        url,
        {"label": "Level", "key": "hacked", "field_type": "number", "choices": "gold\nbronze"},
    )
    assert response.status_code == 302
    tier.refresh_from_db()
    assert (tier.key, tier.field_type, tier.label, tier.choices) == (
        "tier",
        "choice",
        "Level",
        ["gold", "bronze"],
    )
    [event] = _audits("changed")
    assert event.data == {
        "change": "changed",
        "label": ["Tier", "Level"],
        "choices": [["gold", "silver"], ["gold", "bronze"]],
    }


def test_deactivating_and_reactivating_are_audited_once_each(
    admin_user: User, tier: CustomField
) -> None:
    client = _client(admin_user)
    url = reverse("field-settings:field-activity", kwargs={"uid": tier.uid})
    assert client.post(url, {"active": "0"}).status_code == 302
    assert client.post(url, {"active": "0"}).status_code == 302  # a double click
    tier.refresh_from_db()
    assert tier.is_active is False
    assert client.post(url, {"active": "1"}).status_code == 302
    tier.refresh_from_db()
    assert tier.is_active is True
    assert [event.data for event in _audits("changed")] == [
        {"change": "changed", "is_active": [True, False]},
        {"change": "changed", "is_active": [False, True]},
    ]


def test_a_manager_cannot_deactivate(tier: CustomField) -> None:
    client = _client(make_user("mara", Role.MANAGER))
    url = reverse("field-settings:field-activity", kwargs={"uid": tier.uid})
    assert client.post(url, {"active": "0"}).status_code == 403
    tier.refresh_from_db()
    assert tier.is_active is True
    assert _audits("changed") == []


def test_an_unknown_field_is_404(admin_user: User) -> None:
    response = _client(admin_user).get(
        reverse("field-settings:field-edit", kwargs={"uid": "not-a-uuid"})
    )
    assert response.status_code == 404


@time_machine.travel(datetime(2026, 12, 5, 9, 0, tzinfo=UTC), tick=False)
def test_arabic_page_is_right_to_left(admin_user: User, tier: CustomField) -> None:
    # The fixture made the field before the clock was set: date it on the frozen day.
    CustomField.objects.filter(pk=tier.pk).update(
        created_at=datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
    )
    User.objects.filter(pk=admin_user.pk).update(language="ar")
    page = _client(admin_user).get(reverse("field-settings:field-list")).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "<td>05\u200f/12\u200f/2026</td>" in page  # day/month/year, right-to-left marks
