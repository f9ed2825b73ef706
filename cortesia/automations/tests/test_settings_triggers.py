"""The trigger pages: permissions, the list, saving with its audit row, the dry run."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, User
from cortesia.audit.models import AuditEvent
from cortesia.automations.models import Trigger
from cortesia.automations.services import RuleData, trigger_save
from cortesia.automations.tests.conftest import open_ticket
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.testing.fixtures import make_user
from cortesia.tickets.models import Ticket, TicketEvent, TicketMessage

pytestmark = pytest.mark.django_db
LIST = "/settings/automations/"
NEW = "/settings/automations/triggers/new/"


def form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Finnish",
        "is_active": "on",
        "position": "0",
        "when": ["created"],
        "match": "all",
        "condition_0_field": "language",
        "condition_0_operator": "is",
        "condition_0_value": "fi",
        "action_0_kind": "add_tags",
        "action_0_value": "fi",
        "action_1_kind": "set_priority",
        "action_1_value": "high",
    }
    data.update(overrides)
    return data


@pytest.fixture
def manager(db: None) -> User:
    return make_user("marta", Role.MANAGER)


def automation_audits() -> list[tuple[str, str, int | None]]:
    return list(
        AuditEvent.objects.filter(object_type__startswith="automation_").values_list(
            "object_type", "object_label", "actor_id"
        )
    )


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 302), ("agent", 403), ("manager", 200), ("admin", 200)]
)
@pytest.mark.parametrize("path", [LIST, NEW, "/settings/automations/timed/"])
def test_who_may_open_the_rule_pages(
    who: str, status: int, path: str, alice: User, manager: User, admin_user: User
) -> None:
    user = {"anonymous": None, "agent": alice, "manager": manager, "admin": admin_user}[who]
    response = _client(user).get(path)
    assert response.status_code == status
    if who == "anonymous":
        assert response["Location"].startswith("/login/") or "login" in response["Location"]


def test_the_list_asks_a_fixed_number_of_queries(
    admin_client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for number in range(3):
        trigger_save(
            trigger=None,
            data=RuleData(
                name=f"Rule {number}",
                when=["created"],
                actions=[{"kind": "add_tags", "value": "x"}],
            ),
            actor=Actor.system(),
        )
    admin_client.get(LIST)
    # the session, the user, the security policy with the user's teams, the triggers
    with django_assert_num_queries(4):
        response = admin_client.get(LIST)
    assert response.content.decode().count('data-testid="trigger-row"') == 3


def test_saving_a_trigger_stores_it_and_audits_it_once(
    admin_client: Client, admin_user: User
) -> None:
    response = admin_client.post(NEW, form())
    again = admin_client.post(NEW, form())

    trigger = Trigger.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/settings/automations/triggers/{trigger.uid}/"
    assert again.status_code == 400
    assert (trigger.name, trigger.when, trigger.conditions, trigger.actions) == (
        "Finnish",
        ["created"],
        [{"field": "language", "operator": "is", "value": "fi"}],
        [{"kind": "add_tags", "value": ["fi"]}, {"kind": "set_priority", "value": "high"}],
    )
    assert automation_audits() == [("automation_trigger", "Finnish", admin_user.pk)]


def test_bad_rows_are_refused_and_nothing_is_written(admin_client: Client) -> None:
    response = admin_client.post(
        NEW, form(action_1_value="very high", condition_0_operator="contains", when=[])
    )

    assert response.status_code == 400
    assert Trigger.objects.count() == 0
    assert automation_audits() == []
    assert response.content.decode().count('role="alert"') >= 2


def test_a_manager_may_save_but_an_agent_is_refused(manager: User, alice: User) -> None:
    assert _client(manager).post(NEW, form()).status_code == 302
    assert _client(alice).post(NEW, form(name="Other")).status_code == 403
    assert list(Trigger.objects.values_list("name", flat=True)) == ["Finnish"]


def test_the_dry_run_shows_matches_and_writes_nothing(
    admin_client: Client, aino: Customer, giulia: Customer
) -> None:
    # Given a Finnish ticket and an Italian one
    finnish = open_ticket(aino, language="fi")
    open_ticket(giulia, subject="Pacco perso", body="Dov'è?", language="it")
    counts = (
        Ticket.objects.count(),
        TicketEvent.objects.count(),
        TicketMessage.objects.count(),
        AuditEvent.objects.count(),
    )
    # When the admin tries the trigger
    response = admin_client.post(NEW, form(**{"try": "1"}))
    # Then only the Finnish ticket matches, with what each action would do
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('data-testid="tried-row"') == 1
    assert f"#{finnish.number}" in page
    assert "Normal → High" in page
    # And nothing was written
    assert Trigger.objects.count() == 0
    assert (
        Ticket.objects.count(),
        TicketEvent.objects.count(),
        TicketMessage.objects.count(),
        AuditEvent.objects.count(),
    ) == counts
    finnish.refresh_from_db()
    assert (finnish.tags, finnish.priority, finnish.version) == ([], "normal", 1)


def test_the_page_in_arabic_is_right_to_left(admin_user: User, admin_client: Client) -> None:
    with time_machine.travel(datetime(2026, 12, 5, 10, 0, tzinfo=UTC), tick=False):
        _rule_at_1200()
    admin_user.language = "ar"
    admin_user.save(update_fields=["language"])
    page = admin_client.get(LIST).content.decode()
    assert 'dir="rtl"' in page
    assert ">1,200</td>" in page
    assert "05‏/12‏/2026، " in page  # the localized date: right-to-left marks, Arabic comma


def _rule_at_1200() -> None:
    trigger_save(
        trigger=None,
        data=RuleData(
            name="Rule",
            when=["created"],
            actions=[{"kind": "add_tags", "value": "x"}],
            position=1200,
        ),
        actor=Actor.system(),
    )
