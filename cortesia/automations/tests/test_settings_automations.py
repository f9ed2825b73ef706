"""The time-based automation pages: saving with its audit row, refusals, the list."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import User
from cortesia.audit.models import AuditEvent
from cortesia.automations.models import TimedAutomation
from cortesia.automations.services import RuleData, automation_save
from cortesia.core.actor import Actor

pytestmark = pytest.mark.django_db
LIST = "/settings/automations/timed/"
NEW = "/settings/automations/timed/new/"


def form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Solve after a week",
        "is_active": "on",
        "position": "0",
        "status": "pending",
        "hours": "56",
        "match": "all",
        "action_0_kind": "set_status",
        "action_0_value": "solved",
    }
    data.update(overrides)
    return data


def audits() -> list[tuple[str, str, list[str]]]:
    rows = AuditEvent.objects.filter(object_type="automation_timed").order_by("pk")
    return [(row.object_label, str(row.actor_id), row.data["changed"]) for row in rows]


def test_saving_and_changing_an_automation_is_audited(
    admin_client: Client, admin_user: User
) -> None:
    created = admin_client.post(NEW, form())
    twice = admin_client.post(NEW, form())
    automation = TimedAutomation.objects.get()
    changed = admin_client.post(f"{LIST}{automation.uid}/", form(hours="80"))
    unchanged = admin_client.post(f"{LIST}{automation.uid}/", form(hours="80"))

    assert (created.status_code, twice.status_code) == (302, 400)
    assert (changed.status_code, unchanged.status_code) == (302, 302)
    automation.refresh_from_db()
    assert (automation.status, automation.hours, automation.actions) == (
        "pending",
        80,
        [{"kind": "set_status", "value": "solved"}],
    )
    everything = [
        "actions",
        "conditions",
        "hours",
        "is_active",
        "match",
        "name",
        "position",
        "status",
    ]
    assert audits() == [
        ("Solve after a week", str(admin_user.pk), everything),
        ("Solve after a week", str(admin_user.pk), ["hours"]),
    ]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"hours": "0"}, "Ensure this value is greater than or equal to 1."),
        ({"action_0_kind": ""}, "Add at least one action."),
        (
            {"action_0_value": "done"},
            "Choose one of these values: new, open, pending, on_hold, solved, closed.",
        ),
        (
            {
                "condition_0_field": "team",
                "condition_0_operator": "is",
                "condition_0_value": "Mars",
            },
            "No team is called Mars.",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message(
    admin_client: Client, overrides: dict[str, str], message: str, english: None
) -> None:
    response = admin_client.post(NEW, form(**overrides))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert TimedAutomation.objects.count() == 0
    assert audits() == []


def test_an_agent_cannot_save_one(alice_client: Client) -> None:
    assert alice_client.post(NEW, form()).status_code == 403
    assert TimedAutomation.objects.count() == 0


def test_the_list_asks_a_fixed_number_of_queries(
    admin_client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for number in range(3):
        automation_save(
            automation=None,
            data=RuleData(
                name=f"Rule {number}",
                status="pending",
                hours=24,
                actions=[{"kind": "add_tags", "value": "x"}],
            ),
            actor=Actor.system(),
        )
    admin_client.get(LIST)
    # the session, the user, the security policy with the user's teams, the automations
    with django_assert_num_queries(4):
        page = admin_client.get(LIST).content.decode()
    assert page.count('data-testid="automation-row"') == 3
