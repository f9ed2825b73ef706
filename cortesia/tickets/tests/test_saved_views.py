"""Saved views: who may save, rename and delete them, their audit rows, their counts
within the viewer's scope, and the inbox's forms for them."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.http import QueryDict
from django.test import Client
from django.utils import timezone
from django.utils.translation import gettext

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.services import team_member_add
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors, Forbidden
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.testing.fixtures import make_user
from cortesia.tickets.models import SavedView, Ticket
from cortesia.tickets.saved_views import (
    saved_view_counts,
    saved_view_create,
    saved_view_delete,
    saved_view_list,
    saved_view_query,
    saved_view_rename,
)
from cortesia.tickets.services import MessageData, TicketData, ticket_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", surname="Rossi", country="IT", language="it"),
        actor=Actor.system(),
    )


@pytest.fixture
def marta(team_rome: Team) -> User:
    """A manager of the Rome team."""
    user = make_user("marta", Role.MANAGER)
    team_member_add(team=team_rome, user=user, actor=Actor.system())
    return user


def _open(customer: Customer, team: Team, subject: str, body: str, **extra: Any) -> Ticket:
    return ticket_create(
        data=TicketData(
            subject=subject,
            customer=customer,
            team=team,
            message=MessageData(body_text=body, author_kind="customer"),
            **{"language": "it", **extra},
        ),
        actor=Actor.system(),
    )


def _audited() -> list[tuple[str, str, object]]:
    return [
        (event.object_label, event.object_type, event.data.get("change"))
        for event in AuditEvent.objects.filter(object_type="saved_view").order_by("id")
    ]


def test_the_query_kept_is_the_inbox_parameters_in_a_fixed_order() -> None:
    data = QueryDict("page=3&q=rimborso&status=any&csrfmiddlewaretoken=x&priority=&view=team")
    assert saved_view_query(data) == "view=team&status=any&q=rimborso"


def test_anyone_working_tickets_saves_a_personal_view_once(alice: User) -> None:
    first = saved_view_create(actor=Actor(user=alice), name=" Rimborsi ", query="q=rimborso")
    again = saved_view_create(actor=Actor(user=alice), name="Rimborsi", query="q=rimborso")
    assert again.pk == first.pk
    assert (first.name, first.owner_id, first.team_id) == ("Rimborsi", alice.pk, None)
    assert _audited() == [("Rimborsi", "saved_view", "created")]
    with pytest.raises(FieldErrors):
        saved_view_create(actor=Actor(user=alice), name="Rimborsi", query="q=altro")
    with pytest.raises(FieldErrors):
        saved_view_create(actor=Actor(user=alice), name="   ", query="q=altro")
    assert SavedView.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("agent", False), ("manager of the team", True), ("manager of another team", False)]
    + [("admin", True)],
)
def test_team_views_are_saved_by_the_teams_managers_and_admins(
    who: str, allowed: bool, alice: User, marta: User, admin_user: User, team_rome: Team,
    team_riyadh: Team,
) -> None:  # fmt: skip
    other_manager = make_user("omar", Role.MANAGER)
    team_member_add(team=team_riyadh, user=other_manager, actor=Actor.system())
    user = {
        "agent": alice,
        "manager of the team": marta,
        "manager of another team": other_manager,
        "admin": admin_user,
    }[who]
    if allowed:
        view = saved_view_create(
            actor=Actor(user=user), name="VIP", query="tag=vip", team=team_rome
        )
        assert (view.team_id, view.owner_id) == (team_rome.pk, None)
        assert _audited() == [("VIP", "saved_view", "created")]
    else:
        with pytest.raises(Forbidden):
            saved_view_create(actor=Actor(user=user), name="VIP", query="tag=vip", team=team_rome)
        assert SavedView.objects.count() == 0
        assert _audited() == []


def test_a_marketer_saves_no_view(db: None) -> None:
    marketer = make_user("mario", Role.MARKETER)
    with pytest.raises(Forbidden):
        saved_view_create(actor=Actor(user=marketer), name="Mia", query="")
    assert SavedView.objects.count() == 0


def test_a_personal_view_is_renamed_and_deleted_by_its_owner_only(alice: User, bob: User) -> None:
    view = saved_view_create(actor=Actor(user=alice), name="Mia", query="q=pacco")
    with pytest.raises(Forbidden):
        saved_view_rename(view=view, name="Sua", actor=Actor(user=bob))
    with pytest.raises(Forbidden):
        saved_view_delete(view=view, actor=Actor(user=bob))
    saved_view_rename(view=view, name="Pacchi", actor=Actor(user=alice))
    saved_view_delete(view=view, actor=Actor(user=alice))
    assert SavedView.objects.count() == 0
    assert _audited() == [
        ("Mia", "saved_view", "created"),
        ("Pacchi", "saved_view", "renamed"),
        ("Pacchi", "saved_view", "deleted"),
    ]


def test_a_team_view_is_changed_by_the_teams_managers_not_its_agents(
    alice: User, marta: User, team_rome: Team
) -> None:
    view = saved_view_create(actor=Actor(user=marta), name="VIP", query="tag=vip", team=team_rome)
    with pytest.raises(Forbidden):
        saved_view_delete(view=view, actor=Actor(user=alice))
    saved_view_rename(view=view, name="Clienti VIP", actor=Actor(user=marta))
    assert SavedView.objects.get().name == "Clienti VIP"
    assert [event[2] for event in _audited()] == ["created", "renamed"]


def test_counts_stay_within_the_viewers_scope_in_one_query(
    alice: User,
    charlie: User,
    admin_user: User,
    giulia: Customer,
    team_rome: Team,
    team_riyadh: Team,
    django_assert_num_queries: Any,
) -> None:
    # given: the word in two Rome tickets and one Riyadh ticket; an admin's views
    _open(giulia, team_rome, "Uno", "rimborso", priority="urgent")
    _open(giulia, team_rome, "Due", "rimborso")
    _open(giulia, team_riyadh, "Tre", "rimborso", priority="urgent")
    admin = Actor(user=admin_user)
    search = saved_view_create(actor=admin, name="Rimborsi", query="q=rimborso", team=team_rome)
    urgent = saved_view_create(actor=admin, name="Urgenti", query="priority=urgent", team=team_rome)
    views = [search, urgent]
    now = timezone.now()
    # when / then: alice counts her team's tickets only, in one query for both views
    alice.refresh_from_db()
    with django_assert_num_queries(2):  # her teams, then every count
        counts = saved_view_counts(viewer=alice, views=views, now=now)
    assert counts == {search.pk: 2, urgent.pk: 1}
    assert saved_view_counts(viewer=charlie, views=views, now=now) == {search.pk: 1, urgent.pk: 1}
    assert saved_view_counts(viewer=admin_user, views=views, now=now) == {
        search.pk: 3,
        urgent.pk: 2,
    }
    assert list(saved_view_list(viewer=charlie)) == []  # not his team's views
    assert list(saved_view_list(viewer=admin_user)) == views  # administrators see every team's


def _inbox_client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_inbox_lists_views_with_counts_and_saves_the_current_filters(
    alice: User, giulia: Customer, team_rome: Team
) -> None:
    _open(giulia, team_rome, "Uno", "rimborso")
    client = _inbox_client(alice)
    page = client.get("/tickets/?q=rimborso&page=2").content.decode()
    assert 'name="query" value="q=rimborso"' in page
    answer = client.post("/tickets/views/", {"name": "Rimborsi", "query": "q=rimborso"})
    assert answer.status_code == 302
    assert answer["Location"] == "/tickets/?q=rimborso"
    client.post("/tickets/views/", {"name": "Rimborsi", "query": "q=rimborso"})
    assert SavedView.objects.count() == 1  # a double submit saves one view
    page = client.get("/tickets/").content.decode()
    assert (
        '<li data-testid="saved-view"><a href="?q=rimborso" dir="auto">'
        'Rimborsi</a> <span class="count">1</span>' in page
    )


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 302), ("bob", 404), ("marketer", 403), ("alice", 302)]
)
def test_only_the_owner_deletes_a_personal_view_through_the_page(
    who: str, status: int, alice: User, bob: User
) -> None:
    view = saved_view_create(actor=Actor(user=alice), name="Mia", query="q=pacco")
    users = {"bob": bob, "alice": alice, "marketer": make_user("mario", Role.MARKETER)}
    client = _inbox_client(users[who]) if who in users else Client()
    answer = client.post(f"/tickets/views/{view.uid}/delete/")
    assert answer.status_code == status
    if who == "anonymous":
        assert answer["Location"].startswith("/login/?next=")
    assert SavedView.objects.exists() is (who != "alice")
    assert len(_audited()) == (2 if who == "alice" else 1)


def test_an_agent_sees_a_team_view_but_may_not_rename_it(
    alice: User, marta: User, team_rome: Team
) -> None:
    view = saved_view_create(actor=Actor(user=marta), name="VIP", query="tag=vip", team=team_rome)
    client = _inbox_client(alice)
    page = client.get("/tickets/").content.decode()
    assert "VIP" in page
    assert f"/tickets/views/{view.uid}/rename/" not in page
    answer = client.post(f"/tickets/views/{view.uid}/rename/", {"name": "Altro"})
    assert answer.status_code == 403
    assert SavedView.objects.get().name == "VIP"
    manager = _inbox_client(marta)
    assert f"/tickets/views/{view.uid}/rename/" in manager.get("/tickets/").content.decode()
    answer = manager.post(f"/tickets/views/{view.uid}/rename/", {"name": "Clienti VIP"})
    assert answer.status_code == 302
    assert SavedView.objects.get().name == "Clienti VIP"


def test_a_refused_name_is_said_and_nothing_changes(alice: User) -> None:
    saved_view_create(actor=Actor(user=alice), name="Mia", query="q=pacco")
    view = saved_view_create(actor=Actor(user=alice), name="Altra", query="q=altro")
    client = _inbox_client(alice)
    answer = client.post(f"/tickets/views/{view.uid}/rename/", {"name": "Mia"})
    said = [str(message) for message in get_messages(answer.wsgi_request)]
    assert said == [gettext("A view with this name exists already. Choose another.")]
    assert sorted(SavedView.objects.values_list("name", flat=True)) == ["Altra", "Mia"]


def test_a_manager_shares_a_view_with_their_team_only(
    marta: User, team_rome: Team, team_riyadh: Team
) -> None:
    client = _inbox_client(marta)
    page = client.get("/tickets/?priority=urgent").content.decode()
    assert f'<option value="{team_rome.uid}">Roma</option>' in page
    assert str(team_riyadh.uid) not in page.split('data-testid="save-view"')[1]
    answer = client.post(
        "/tickets/views/", {"name": "Urgenti", "query": "priority=urgent", "team": team_rome.uid}
    )
    assert answer.status_code == 302
    assert SavedView.objects.get().team_id == team_rome.pk
    answer = client.post(
        "/tickets/views/", {"name": "Altrui", "query": "", "team": team_riyadh.uid}
    )
    # not a team she may choose: refused with the form's message, back to the inbox
    assert (answer.status_code, answer["Location"]) == (302, "/tickets/")
    assert SavedView.objects.count() == 1


def test_filters_too_long_to_keep_are_refused(alice: User) -> None:
    data = QueryDict(mutable=True)
    data["q"] = "ا" * 100
    query = saved_view_query(data)  # 1,200 characters once encoded
    with pytest.raises(FieldErrors):
        saved_view_create(actor=Actor(user=alice), name="Lunga", query=query)
    assert SavedView.objects.count() == 0
