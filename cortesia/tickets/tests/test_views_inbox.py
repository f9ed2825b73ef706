from __future__ import annotations

import re

import pytest
from django.test import Client

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.tickets.models import Ticket, TicketEvent
from cortesia.tickets.services import MessageData, TicketData, ticket_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", surname="Rossi", country="IT", language="it"),
        actor=Actor.system(),
    )


def _ticket(customer: Customer, team: Team, subject: str, **extra: object) -> Ticket:
    return ticket_create(
        data=TicketData(
            subject=subject,
            customer=customer,
            team=team,
            message=MessageData(body_text="Dov'è il mio pacco?", author_kind="customer"),
            **{"language": "it", **extra},  # type: ignore[arg-type]
        ),
        actor=Actor.system(),
    )


def _subjects(client: Client, query: str) -> list[str]:
    page = client.get(f"/tickets/?view=team&{query}")
    assert page.status_code == 200
    return sorted(t.subject for t in page.context["tickets"])


def test_filters_narrow_the_inbox(alice_client: Client, giulia: Customer, team_rome: Team) -> None:
    _ticket(giulia, team_rome, "Urgente", priority="urgent", tags=["vip", "reso"])
    _ticket(giulia, team_rome, "Telefono", channel="phone", tags=["доставка"])
    _ticket(giulia, team_rome, "Inglese", language="en-GB")
    assert _subjects(alice_client, "") == ["Inglese", "Telefono", "Urgente"]
    assert _subjects(alice_client, "priority=urgent") == ["Urgente"]
    assert _subjects(alice_client, "channel=phone") == ["Telefono"]
    assert _subjects(alice_client, "tag=VIP") == ["Urgente"]
    assert _subjects(alice_client, "tag=vi") == []  # a whole tag, not a fragment
    assert _subjects(alice_client, "tag=доставка") == ["Telefono"]
    assert _subjects(alice_client, "language=en") == ["Inglese"]
    assert _subjects(alice_client, "q=tele&status=new") == ["Telefono"]
    assert _subjects(alice_client, "status=solved") == []


ASSIGN_ME = {"action": "assign_me"}


def _bulk(change: dict[str, str]) -> dict[str, str]:
    """The bulk form's fields as the inbox names them (prefixed: the filters are on the
    same page)."""
    return {f"bulk-{name}": value for name, value in change.items()}


def _review(client: Client, tickets: list[Ticket], **change: str) -> object:
    return client.post(
        "/tickets/bulk/",
        {"ticket": [str(t.uid) for t in tickets], "back": "view=team", **_bulk(change)},
    )


def _confirm(client: Client, tickets: list[Ticket], **change: str) -> object:
    versions = {f"version_{t.uid}": str(t.version) for t in tickets}
    return client.post(
        "/tickets/bulk/",
        {
            "ticket": [str(t.uid) for t in tickets],
            "back": "view=team",
            "confirmed": "yes",
            **versions,
            **_bulk(change),
        },
    )


def test_bulk_changes_wait_for_one_confirmation(
    alice_client: Client, giulia: Customer, team_rome: Team, bob: User
) -> None:
    first, second = _ticket(giulia, team_rome, "Uno"), _ticket(giulia, team_rome, "Due")
    review = _review(alice_client, [first, second], action="assign", assignee=str(bob.uid))
    assert review.status_code == 200  # type: ignore[attr-defined]
    assert "Tickets to change: 2." in review.content.decode()  # type: ignore[attr-defined]
    assert Ticket.objects.filter(assignee__isnull=False).count() == 0  # nothing yet
    done = _confirm(alice_client, [first, second], action="assign", assignee=str(bob.uid))
    assert done.status_code == 302  # type: ignore[attr-defined]
    assert done["Location"] == "/tickets/?view=team"  # type: ignore[index]
    assert list(Ticket.objects.order_by("number").values_list("assignee__username", "version")) == [
        ("bob", 2),
        ("bob", 2),
    ]
    assert TicketEvent.objects.filter(kind="updated", fields=["assignee"]).count() == 2


def test_bulk_reports_refusals_and_changes_the_rest(
    alice_client: Client, giulia: Customer, team_rome: Team
) -> None:
    open_one, closed = _ticket(giulia, team_rome, "Aperto"), _ticket(giulia, team_rome, "Chiuso")
    Ticket.objects.filter(pk=closed.pk).update(status="closed")
    closed.refresh_from_db()
    done = _confirm(alice_client, [open_one, closed], action="status", status="pending")
    assert done.status_code == 302  # type: ignore[attr-defined]
    statuses = dict(Ticket.objects.values_list("subject", "status"))
    assert statuses == {"Aperto": "pending", "Chiuso": "closed"}
    notices = [str(m) for m in done.wsgi_request._messages]  # type: ignore[attr-defined]
    assert notices == [
        f"Changed 1 tickets: #{open_one.number}.",
        f"#{closed.number} was not changed: "
        "A ticket cannot go from Closed to Pending (waiting on the customer).",
    ]


def test_bulk_refuses_a_stale_change_and_adds_tags(
    alice_client: Client, giulia: Customer, team_rome: Team
) -> None:
    ticket = _ticket(giulia, team_rome, "Vecchio", tags=["reso"])
    stale = Ticket.objects.get(pk=ticket.pk)
    _confirm(alice_client, [ticket], action="tag", tag="VIP")
    assert Ticket.objects.get(pk=ticket.pk).tags == ["reso", "vip"]
    _confirm(alice_client, [stale], action="tag", tag="urgente")  # confirmed at version 1
    assert Ticket.objects.get(pk=ticket.pk).tags == ["reso", "vip"]


def test_bulk_on_another_teams_ticket_is_404_and_changes_nothing(
    alice_client: Client, giulia: Customer, team_rome: Team, team_riyadh: Team
) -> None:
    mine, theirs = _ticket(giulia, team_rome, "Mio"), _ticket(giulia, team_riyadh, "Loro")
    assert _review(alice_client, [mine, theirs], action="assign_me").status_code == 404  # type: ignore[attr-defined]
    assert _confirm(alice_client, [mine, theirs], action="assign_me").status_code == 404  # type: ignore[attr-defined]
    assert _confirm(alice_client, [mine], action="assign_me").status_code == 302  # type: ignore[attr-defined]
    assignees = dict(Ticket.objects.values_list("subject", "assignee__username"))
    assert assignees == {"Mio": "alice", "Loro": None}


def test_status_filters_reach_solved_and_closed_tickets(
    alice_client: Client, giulia: Customer, team_rome: Team
) -> None:
    _ticket(giulia, team_rome, "Aperto")
    solved, closed = _ticket(giulia, team_rome, "Risolto"), _ticket(giulia, team_rome, "Chiuso")
    Ticket.objects.filter(pk=solved.pk).update(status="solved")
    Ticket.objects.filter(pk=closed.pk).update(status="closed")
    assert _subjects(alice_client, "") == ["Aperto"]
    assert _subjects(alice_client, "status=solved") == ["Risolto"]
    assert _subjects(alice_client, "status=closed") == ["Chiuso"]
    assert _subjects(alice_client, "status=any") == ["Aperto", "Chiuso", "Risolto"]
    page = alice_client.get("/tickets/?view=team").content.decode()
    assert '<option value="" selected>Any unsolved status</option>' in page
    assert '<option value="any">Any status, solved and closed too</option>' in page


def test_search_by_number_opens_any_visible_ticket_in_any_view_and_status(
    alice_client: Client, giulia: Customer, team_rome: Team, team_riyadh: Team, bob: User
) -> None:
    # given: a solved ticket assigned to bob, an open one, and another team's ticket
    solved = _ticket(giulia, team_rome, "Risolto", assignee=bob)
    Ticket.objects.filter(pk=solved.pk).update(status="solved")
    other = _ticket(giulia, team_rome, "Aperto")
    hidden = _ticket(giulia, team_riyadh, "Riyadh")

    def opened(query: str) -> str:
        page = alice_client.get(f"/tickets/?view=mine&{query}")
        return page["Location"] if page.status_code == 302 else ""

    # when / then: by number, with or without "#", whatever the tab, in any status
    assert opened(f"q=%23{solved.number}") == f"/tickets/{solved.uid}/"
    assert opened(f"q={solved.number}") == f"/tickets/{solved.uid}/"
    assert opened(f"q={other.number}") == f"/tickets/{other.uid}/"
    assert opened(f"q={hidden.number}") == ""  # not in alice's scope: searched as a word
    page = alice_client.get(f"/tickets/?q={hidden.number}")
    assert page.context["view"] == ""  # no tab is current during a search
    assert page.context["tickets"] == []
    html = alice_client.get("/tickets/?q=aper").content.decode()
    assert "The search looks through every ticket you can see" in html
    assert '<option value="any" selected>Any status, solved and closed too</option>' in html
    assert 'aria-current="page"' not in html


def test_inbox_opens_on_the_first_view_with_tickets_and_counts_every_view(
    admin_client: Client, giulia: Customer, team_rome: Team, bob: User
) -> None:
    # given: a new administrator in no team, one unassigned and one of bob's tickets
    _ticket(giulia, team_rome, "Senza nessuno")
    _ticket(giulia, team_rome, "Di Bob", assignee=bob)
    # when
    page = admin_client.get("/tickets/")
    # then: "Mine" and "My teams" are empty, so the inbox opens on "Unassigned"
    assert page.context["view"] == "unassigned"
    assert [t.subject for t in page.context["tickets"]] == ["Senza nessuno"]
    assert page.context["tabs"] == [
        ("mine", 0),
        ("team", 0),
        ("unassigned", 1),
        ("breaching", 0),
        ("all", 2),
    ]
    html = page.content.decode()
    assert (
        '<a href="?view=unassigned" aria-current="page" data-testid="view-unassigned">'
        'Unassigned <span class="count">1</span></a>'
    ) in html
    assert html.count('aria-current="page"') == 1
    everything = admin_client.get("/tickets/?view=all")
    assert everything.context["view"] == "all"
    assert "<td><bdi>Bob Bianchi</bdi></td>" in everything.content.decode()  # not "bob"


def test_inbox_says_how_long_until_a_deadline_and_when_one_was_missed(
    alice_client: Client, giulia: Customer, team_rome: Team
) -> None:
    from datetime import UTC, datetime

    import time_machine

    from cortesia.sla.models import SlaPolicy

    SlaPolicy.objects.create(name="Day", first_response_minutes=180, business_hours=False)
    with time_machine.travel(datetime(2026, 11, 24, 4, 0, tzinfo=UTC), tick=False):
        _ticket(giulia, team_rome, "Scaduto")  # due 07:00
    with time_machine.travel(datetime(2026, 11, 24, 9, 0, tzinfo=UTC), tick=False):
        _ticket(giulia, team_rome, "Domani")  # due 12:00
        html = alice_client.get("/tickets/?view=team").content.decode()
    assert (
        '<time class="due is-overdue" datetime="2026-11-24T07:00:00Z" '
        'title="Nov 24, 2026, 7:00\u202fAM"><span aria-hidden="true">⚠ </span>'
        "overdue by 2 hours</time>"
    ) in html
    assert (
        '<time class="due" datetime="2026-11-24T12:00:00Z" '
        'title="Nov 24, 2026, 12:00\u202fPM">in 3 hours</time>'
    ) in html


def test_assign_to_me_is_offered_only_where_it_can_work(
    admin_client: Client, admin_user: User, giulia: Customer, team_rome: Team, team_riyadh: Team
) -> None:
    rome = _ticket(giulia, team_rome, "Roma")
    # an administrator in no team is not offered "Assign to me" at all
    page = admin_client.get("/tickets/?view=all").content.decode()
    assert '<option value="assign_me">' not in page
    refused = admin_client.post(
        "/tickets/bulk/", {"ticket": [str(rome.uid)], "back": "view=all", **_bulk(ASSIGN_ME)}
    )
    assert refused.status_code == 302
    notices = [str(m) for m in refused.wsgi_request._messages]  # type: ignore[attr-defined]
    assert notices == ["Select a valid choice. assign_me is not one of the available choices."]
    admin_client.get("/tickets/")  # shows (and so clears) the notice
    # in another team: the review step refuses before anyone confirms
    from cortesia.accounts.services import team_member_add

    team_member_add(team=team_riyadh, user=admin_user, actor=Actor.system())
    riyadh = _ticket(giulia, team_riyadh, "Riyadh")
    only_rome = admin_client.post(
        "/tickets/bulk/", {"ticket": [str(rome.uid)], "back": "view=all", **_bulk(ASSIGN_ME)}
    )
    assert only_rome.status_code == 302
    notices = [str(m) for m in only_rome.wsgi_request._messages]  # type: ignore[attr-defined]
    assert notices == [f"#{rome.number} was not changed: Ada Admin is not a member of this team."]
    both = admin_client.post(
        "/tickets/bulk/",
        {"ticket": [str(rome.uid), str(riyadh.uid)], "back": "view=all", **_bulk(ASSIGN_ME)},
    )
    assert both.status_code == 200
    assert both.context["refused"] == [(rome.number, "Ada Admin is not a member of this team.")]
    assert Ticket.objects.filter(assignee__isnull=False).count() == 0
    assert TicketEvent.objects.filter(kind="updated").count() == 0


def test_the_inbox_gives_every_field_its_own_id(
    alice_client: Client, giulia: Customer, team_rome: Team
) -> None:
    _ticket(giulia, team_rome, "Uno")
    html = alice_client.get("/tickets/?view=team").content.decode()
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert sorted(name for name in set(ids) if ids.count(name) > 1) == []
    assert [
        'id="id_status"' in html,
        '<select name="bulk-status" id="id_bulk-status">' in html,
        'name="bulk-tag"' in html,
    ] == [True, True, True]


def test_reviewing_a_change_with_no_ticket_selected_says_so(
    admin_client: Client, giulia: Customer, team_rome: Team
) -> None:
    # An administrator in no team is offered "Assign to" first, with nobody chosen.
    _ticket(giulia, team_rome, "Uno")
    response = admin_client.post(
        "/tickets/bulk/", {"back": "view=all", "bulk-action": "assign", "bulk-assignee": ""}
    )
    assert (response.status_code, response["Location"]) == (302, "/tickets/?view=all")
    notices = [str(m) for m in response.wsgi_request._messages]  # type: ignore[attr-defined]
    assert notices == ["Select at least one ticket."]
    assert TicketEvent.objects.filter(kind="updated").count() == 0


def test_the_language_filter_offers_the_languages_by_name_and_refuses_others(
    alice: User, giulia: Customer, team_rome: Team
) -> None:
    # Given: an Italian-speaking agent, a team that also answers in Portuguese (Brazil).
    Team.objects.filter(pk=team_rome.pk).update(languages=["it", "pt-BR"])
    User.objects.filter(pk=alice.pk).update(language="it")
    client = Client()
    client.force_login(alice)
    _ticket(giulia, team_rome, "Italiano")
    _ticket(giulia, team_rome, "Brasiliano", language="pt-BR")
    # When / then: the languages are offered by their Italian names, in that order.
    page = client.get("/tickets/?view=team")
    options = re.findall(
        r'<option value="([^"]*)"[^>]*>([^<]*)</option>',
        page.content.decode().split('id="id_language"')[1].split("</select>")[0],
    )
    assert options == [
        ("", "Qualsiasi"),
        ("ar", "arabo"),
        ("bg", "bulgaro"),
        ("fi", "finlandese"),
        ("en", "inglese"),
        ("it", "italiano"),
        ("pt", "portoghese"),
        ("ro", "rumeno"),
    ]
    assert _subjects(client, "language=pt") == ["Brasiliano"]
    # A name typed into the address is refused aloud, not matched against nothing.
    refused = client.get("/tickets/?view=team&language=italiano").content.decode()
    assert refused.count('data-testid="filter-error"') == 1


def test_unassigned_is_plural_for_the_view_and_singular_for_one_ticket(
    alice: User, alice_client: Client, giulia: Customer, team_rome: Team
) -> None:
    ticket = _ticket(giulia, team_rome, "Pacco")
    User.objects.filter(pk=alice.pk).update(language="it")
    inbox = alice_client.get("/tickets/?view=unassigned").content.decode()
    page = alice_client.get(f"/tickets/{ticket.uid}/").content.decode()
    assert re.search(r'data-testid="view-unassigned">Non assegnati <span class="count">', inbox)
    assert "· Non assegnato</p>" in page


def test_a_view_with_more_tickets_than_counted_says_so(
    alice_client: Client, giulia: Customer, team_rome: Team
) -> None:
    # given: one more open ticket in alice's team than a tab counts (rows written at once:
    # the count, not the creation, is under test)
    from cortesia.tickets.selectors import INBOX_COUNT_CAP

    Ticket.objects.bulk_create(
        Ticket(
            number=1_000_000 + n,
            subject=f"Pacco {n}",
            channel="email",
            customer=giulia,
            team=team_rome,
        )
        for n in range(INBOX_COUNT_CAP + 1)
    )
    # when
    page = alice_client.get("/tickets/?view=team")
    # then: the tab says "more than the cap"; the unassigned tab too, mine is exact
    html = page.content.decode()
    assert 'data-testid="view-team">My teams <span class="count">1,000+</span></a>' in html
    assert 'data-testid="view-unassigned">Unassigned <span class="count">1,000+</span></a>' in html
    assert 'data-testid="view-mine">Mine <span class="count">0</span></a>' in html
    assert len(page.context["tickets"]) == 50


def test_inbox_rows_show_names_and_labels_without_a_query_per_row(
    alice_client: Client, giulia: Customer, team_rome: Team, bob: User
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # given: tickets of bob's and unassigned ones, in every priority
    for priority in ("low", "normal", "high", "urgent"):
        _ticket(giulia, team_rome, f"Di Bob {priority}", assignee=bob, priority=priority)
        _ticket(giulia, team_rome, f"Libero {priority}", priority=priority)
    alice_client.get("/tickets/?view=team")
    # when
    with CaptureQueriesContext(connection) as captured:
        page = alice_client.get("/tickets/?view=team")
    # then: the same queries as for one row, and every row says who, what and how urgent
    # (the session, the signed-in user, policy and teams, the tabs' counts, the languages,
    # the teams to filter by, the rows, the people to assign, the saved views)
    assert len(captured) == 9
    rows = re.findall(r'<tr data-testid="inbox-row">(.*?)</tr>', page.content.decode(), re.S)
    cells = [re.findall(r"<td>(.*?)</td>", row, re.S)[3:8] for row in rows]
    assert sorted(cells) == sorted(
        [
            "<bdi>Giulia Rossi</bdi>",
            "New",
            label,
            "—",
            "<bdi>Bob Bianchi</bdi>" if bobs else "—",
        ]
        for label in ("Low", "Normal", "High", "Urgent")
        for bobs in (True, False)
    )


def test_the_drawn_filters_and_bulk_fields_follow_each_page(
    alice: User, alice_client: Client, bob: User, giulia: Customer, team_rome: Team
) -> None:
    # given: a page drawn with one search, then another search, a renamed colleague and
    # another language
    _ticket(giulia, team_rome, "Pacco")
    _ticket(giulia, team_rome, "Reso")
    first = alice_client.get("/tickets/?view=team&q=pacco").content.decode()
    User.objects.filter(pk=bob.pk).update(first_name="Roberto")
    second = alice_client.get("/tickets/?view=team&q=reso").content.decode()
    User.objects.filter(pk=alice.pk).update(language="it")
    third = alice_client.get("/tickets/?view=team&q=reso").content.decode()
    # then: each page shows its own values, names and language
    assert ('value="pacco"' in first, 'value="pacco"' in second) == (True, False)
    assert ('value="reso"' in second, "Bob Bianchi" in first, "Bob Bianchi" in second) == (
        True,
        True,
        False,
    )
    assert f'<option value="{bob.uid}">Roberto Bianchi</option>' in second
    assert ("<label>Status <select" in second, "<label>Stato <select" in third) == (True, True)


def test_inbox_rows_escape_what_customers_and_staff_typed(
    alice_client: Client, bob: User, team_rome: Team
) -> None:
    # given: a subject, a customer's name and an agent's name that hold markup (a
    # customer's name may hold no < or >, but may hold & and quotes)
    customer = customer_create(
        data=CustomerData(given_name="Gi&ulia", surname='"Rossi"', language="it"),
        actor=Actor.system(),
    )
    User.objects.filter(pk=bob.pk).update(first_name="<b>Bob</b>", last_name="")
    ticket = _ticket(customer, team_rome, "<script>alert('x')</script> & co", assignee=bob)
    # when
    html = alice_client.get("/tickets/?view=team").content.decode()
    # then: each is shown as text, in its cell
    rows = re.findall(r'<tr data-testid="inbox-row">(.*?)</tr>', html, re.S)
    assert len(rows) == 1
    cells = re.findall(r"<td>(.*?)</td>", rows[0], re.S)
    assert [cells[2], cells[3], cells[7]] == [
        f'<a href="/tickets/{ticket.uid}/?view=team" dir="auto" data-shortcut-row>'
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co</a>",
        "<bdi>Gi&amp;ulia &quot;Rossi&quot;</bdi>",
        "<bdi>&lt;b&gt;Bob&lt;/b&gt;</bdi>",
    ]
    assert f'aria-label="Select #{ticket.number}"' in rows[0]
    assert "<script>" not in html
