"""The ticket's properties changed from the side panel of its page."""

from __future__ import annotations

import pytest
from django.test import Client

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.services import team_member_add
from cortesia.core.actor import Actor
from cortesia.testing.fixtures import make_user
from cortesia.tickets.forms import TicketPropertiesForm
from cortesia.tickets.models import Ticket, TicketEvent
from cortesia.tickets.services import TicketChanges, ticket_update

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _posted(ticket: Ticket, **changed: str) -> dict[str, object]:
    """The panel's form as the page drew it for ``ticket``, with ``changed`` typed in."""
    drawn = TicketPropertiesForm.initial_for(ticket)
    data: dict[str, object] = {"ticket-version": drawn.pop("version")}
    for name, value in drawn.items():
        data[f"ticket-{name}"] = value
        data[f"initial-ticket-{name}"] = value
    data.update({f"ticket-{name}": value for name, value in changed.items()})
    return data


def _url(ticket: Ticket) -> str:
    return f"/tickets/{ticket.uid}/properties/"


def _updates(ticket: Ticket) -> list[tuple[str | None, list[str], dict[str, object]]]:
    return [
        (event.actor.username if event.actor else None, event.fields, event.data)
        for event in ticket.events.filter(kind=TicketEvent.Kind.UPDATED).order_by("id")
    ]


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("charlie", 404), ("mia", 404), ("alice", 302), ("root", 302)],
)
def test_only_staff_who_see_the_ticket_may_change_it(
    ticket: Ticket,
    alice: User,
    charlie: User,
    mia: User,
    admin_user: User,
    who: str,
    expected: int,
) -> None:
    client = Client()
    if who != "anonymous":
        client.force_login(
            {"alice": alice, "charlie": charlie, "mia": mia, "root": admin_user}[who]
        )
    response = client.post(_url(ticket), _posted(ticket, priority="high"))
    assert response.status_code == expected
    ticket.refresh_from_db()
    changed = who in ("alice", "root")
    assert (ticket.priority, ticket.version) == (("high", 2) if changed else ("normal", 1))
    if who == "anonymous":
        assert response["Location"].startswith("/login/")
    assert len(_updates(ticket)) == (1 if changed else 0)


def test_a_change_is_saved_once_with_its_event_and_actor(
    alice_client: Client, ticket: Ticket, bob: User
) -> None:
    # Given the page drawn at version 1
    data = _posted(ticket, priority="urgent", assignee=str(bob.uid), tags="Fattura, urgente")
    # When the form is sent twice (a double click)
    first = alice_client.post(_url(ticket), data)
    second = alice_client.post(_url(ticket), data)
    # Then the ticket changed once, with one event naming Alice
    assert (first.status_code, first["Location"]) == (302, f"/tickets/{ticket.uid}/")
    assert second.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.priority, ticket.assignee, ticket.tags, ticket.version) == (
        "urgent",
        bob,
        ["fattura", "urgente"],
        2,
    )
    assert _updates(ticket) == [
        (
            "alice",
            ["assignee", "priority", "tags"],
            {
                "priority": ["normal", "urgent"],
                "assignee": [None, "bob"],
                "tags": [[], ["fattura", "urgente"]],
            },
        )
    ]


def test_a_stale_save_is_refused_and_changes_nothing(
    alice_client: Client, ticket: Ticket, bob: User
) -> None:
    # Given Alice's page, drawn before Bob raised the priority
    data = _posted(ticket, priority="high", language="en")
    ticket_update(
        ticket=ticket,
        changes=TicketChanges(priority="urgent"),
        expected_version=None,
        actor=Actor(user=bob),
    )
    # When she saves her own priority from that page
    response = alice_client.post(_url(ticket), data)
    # Then it is refused with the service's message and nothing of hers is saved
    assert response.status_code == 409
    assert (
        "Someone else changed priority of this ticket. Reload and try again."
        in response.content.decode()
    )
    ticket.refresh_from_db()
    assert (ticket.priority, ticket.language, ticket.version) == ("urgent", "it", 2)
    assert [actor for actor, _fields, _data in _updates(ticket)] == ["bob"]


def test_a_field_someone_else_changed_is_not_written_back(
    alice_client: Client, ticket: Ticket, bob: User
) -> None:
    # Given Alice's page, drawn before Bob put the ticket on hold
    data = _posted(ticket, priority="low")
    ticket_update(
        ticket=ticket,
        changes=TicketChanges(status="on_hold"),
        expected_version=None,
        actor=Actor(user=bob),
    )
    # When she changes only the priority
    response = alice_client.post(_url(ticket), data)
    # Then her priority lands and Bob's status stays
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.status, ticket.priority) == ("on_hold", "low")
    assert _updates(ticket)[-1] == ("alice", ["priority"], {"priority": ["normal", "low"]})


def test_only_the_teams_agents_and_the_allowed_statuses_are_offered(
    alice_client: Client, ticket: Ticket, bob: User, charlie: User, mia: User
) -> None:
    form = alice_client.get(f"/tickets/{ticket.uid}/").context["properties"]
    assert [label for _uid, label in form.fields["assignee"].choices] == [
        "Nobody (the team's queue)",
        "Alice Rossi",
        "Bob Bianchi",
    ]
    assert [value for value, _label in form.fields["status"].choices] == [
        "new",
        "open",
        "pending",
        "on_hold",
        "solved",
    ]
    assert [label for _uid, label in form.fields["team"].choices] == ["No team", "Riyadh", "Roma"]
    # Someone outside the team is refused as a choice, and nothing changes
    response = alice_client.post(_url(ticket), _posted(ticket, assignee=str(charlie.uid)))
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    ticket.refresh_from_db()
    assert (ticket.assignee, ticket.version, _updates(ticket)) == (None, 1, [])


def test_a_closed_ticket_offers_no_other_status(
    alice_client: Client, ticket: Ticket, alice: User
) -> None:
    for status in ("solved", "closed"):
        ticket_update(
            ticket=ticket,
            changes=TicketChanges(status=status),
            expected_version=None,
            actor=Actor(user=alice),
        )
    form = alice_client.get(f"/tickets/{ticket.uid}/").context["properties"]
    assert form.fields["status"].choices == [("closed", "Closed")]


def test_handing_the_ticket_to_a_team_she_is_not_in_returns_her_to_the_inbox(
    alice_client: Client, ticket: Ticket, team_riyadh: Team
) -> None:
    response = alice_client.post(_url(ticket), _posted(ticket, team=str(team_riyadh.uid)))
    assert (response.status_code, response["Location"]) == (302, "/tickets/")
    ticket.refresh_from_db()
    assert (ticket.team, ticket.assignee) == (team_riyadh, None)


def test_a_manager_may_leave_a_ticket_without_team(ticket: Ticket, team_rome: Team) -> None:
    manager = make_user("manu", Role.MANAGER)
    team_member_add(team=team_rome, user=manager, actor=Actor.system())
    client = Client()
    client.force_login(manager)
    response = client.post(_url(ticket), _posted(ticket, team=""))
    assert (response.status_code, response["Location"]) == (302, f"/tickets/{ticket.uid}/")
    ticket.refresh_from_db()
    assert ticket.team is None


def test_saving_the_form_unchanged_changes_nothing(alice_client: Client, ticket: Ticket) -> None:
    response = alice_client.post(_url(ticket), _posted(ticket), follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Nothing was changed."]
    ticket.refresh_from_db()
    assert (ticket.version, _updates(ticket)) == (1, [])


def test_custom_fields_are_shown_read_only(alice_client: Client, ticket: Ticket) -> None:
    Ticket.objects.filter(pk=ticket.pk).update(custom_fields={"order": "4411"})
    page = alice_client.get(f"/tickets/{ticket.uid}/").content.decode()
    assert (
        '<dl class="definition" data-testid="custom-fields"><dt><bdi>order</bdi></dt>'
        '<dd dir="auto">4411</dd></dl>'
    ) in page
