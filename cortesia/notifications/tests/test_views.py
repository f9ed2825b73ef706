"""The bell, the notification list, opening and marking read, and the preferences page."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, Team, User
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.culture.local_formats import format_moment
from cortesia.customers.models import Customer
from cortesia.notifications.models import Notification, NotificationPreference
from cortesia.notifications.tests.conftest import open_ticket
from cortesia.testing.fixtures import make_user
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import TicketChanges, ticket_update

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
HTMX = {"HX-Request": "true"}


def _assigned(ticket: Ticket, assignee: User, actor: User) -> Notification:
    ticket_update(
        ticket=ticket,
        changes=TicketChanges(assignee=assignee),
        expected_version=None,
        actor=Actor(user=actor),
    )
    return Notification.objects.filter(recipient=assignee).latest("id")


@pytest.fixture
def told(giulia: Customer, team_rome: Team, alice: User, bob: User) -> list[Notification]:
    """Three tickets bob gave alice, the first one read."""
    rows = [
        _assigned(open_ticket(giulia, team_rome, subject=f"Pacco {n}"), alice, bob)
        for n in (1, 2, 3)
    ]
    Notification.objects.filter(pk=rows[0].pk).update(read_at=rows[0].created_at)
    return rows


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_bell_shows_no_number_without_unread(alice_client: Client) -> None:
    html = alice_client.get("/notifications/bell/", headers=HTMX).content.decode()

    assert "Notifications: none unread" in html
    assert 'data-testid="notification-count"' not in html


def test_the_bell_counts_the_unread(told: list[Notification], alice_client: Client) -> None:
    html = alice_client.get("/notifications/bell/", headers=HTMX).content.decode()

    assert "Notifications: 2 unread" in html
    assert (
        '<span class="badge is-danger" aria-hidden="true" data-testid="notification-count">2</span>'
    ) in html


def test_a_staff_page_draws_the_bell_without_a_query(told: list[Notification], alice: User) -> None:
    client = client_of(alice)
    client.get("/")  # warm the per-process caches

    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()

    # the page asks for the number as soon as it is loaded, then every 30 s
    assert 'hx-get="/notifications/bell/" hx-trigger="load, every 30s"' in html
    assert 'data-testid="notification-count"' not in html
    # only a counted bell (the fragment) replaces it, never a whole page sent instead
    assert 'hx-select="[data-bell-counted]">' in html
    assert not [q for q in queries if "notifications_" in q["sql"]]


def test_the_polled_bell_costs_one_query(
    told: list[Notification], alice: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_of(alice)
    client.get("/notifications/bell/", headers=HTMX)

    # session, user, the staff checks (2FA policy and teams), the count
    with django_assert_num_queries(4):
        client.get("/notifications/bell/", headers=HTMX)


def test_people_without_tickets_get_no_bell_and_no_query(db: None) -> None:
    client = client_of(make_user("mara", Role.MARKETER))

    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()

    assert "notification-bell" not in html
    assert not [q for q in queries if "notifications_" in q["sql"]]


def test_the_polled_fragment_is_the_bell_alone(
    told: list[Notification], alice_client: Client, settings: Any
) -> None:
    settings.CORTESIA_NOTIFICATION_POLL_SECONDS = 2

    response = alice_client.get("/notifications/bell/", headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<a href="/notifications/" class="bell"')
    assert 'hx-trigger="every 2s"' in html  # no "load": the swap would ask again at once
    assert "Notifications: 2 unread" in html
    assert "<html" not in html
    assert 'hx-select="[data-bell-counted]" data-bell-counted>' in html


@pytest.mark.parametrize("who", ["anonymous", "marketer"])
def test_a_page_without_notifications_stops_polling(who: str, db: None) -> None:
    client = Client() if who == "anonymous" else client_of(make_user("mara", Role.MARKETER))

    response = client.get("/notifications/bell/", headers=HTMX)

    assert (response.status_code, response.content) == (286, b"")


def test_the_fragment_sends_a_browser_to_the_list(alice_client: Client) -> None:
    response = alice_client.get("/notifications/bell/")

    assert (response.status_code, response["Location"]) == (302, "/notifications/")


@pytest.mark.parametrize(
    ("who", "path", "status"),
    [
        ("anonymous", "/notifications/", 302),
        ("marketer", "/notifications/", 403),
        ("agent", "/notifications/", 200),
        ("admin", "/notifications/", 200),
        ("anonymous", "/notifications/preferences/", 302),
        ("marketer", "/notifications/preferences/", 403),
        ("agent", "/notifications/preferences/", 200),
        ("admin", "/notifications/preferences/", 200),
    ],
)
def test_who_may_open_the_pages(
    who: str, path: str, status: int, alice: User, admin_user: User
) -> None:
    users = {"marketer": make_user("mara", Role.MARKETER), "agent": alice, "admin": admin_user}
    client = client_of(users[who]) if who in users else Client()

    response = client.get(path)

    assert response.status_code == status
    if who == "anonymous":
        assert response["Location"].startswith("/login/?next=")


def test_the_list_is_newest_first_with_sentences(
    told: list[Notification], alice: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_of(alice)
    client.get("/notifications/")

    # session, user, the staff checks (2FA policy and teams), page count, page rows
    with django_assert_num_queries(5):
        response = client.get("/notifications/")

    html = response.content.decode()
    sentences = [
        f"<bdi>Bob Bianchi</bdi> assigned ticket #<bdi>{number}</bdi> “<bdi>Pacco {n}</bdi>”"
        " to you."
        for n, number in ((3, 1003), (2, 1002), (1, 1001))
    ]
    assert [html.index(sentence) for sentence in sentences] == sorted(
        html.index(sentence) for sentence in sentences
    )
    assert html.count('data-testid="notification"') == 3
    assert f'href="/notifications/open/?n={told[2].uid}"' in html
    assert format_moment(told[2].created_at, "UTC", "en") in html


def test_the_list_is_paged(giulia: Customer, team_rome: Team, alice: User, bob: User) -> None:
    ticket = open_ticket(giulia, team_rome)
    Notification.objects.bulk_create(
        Notification(recipient=alice, ticket=ticket, kind="customer_replied") for _ in range(30)
    )
    client = client_of(alice)

    first = client.get("/notifications/").content.decode()
    second = client.get("/notifications/?page=2").content.decode()

    assert (
        first.count('data-testid="notification"'),
        second.count('data-testid="notification"'),
    ) == (25, 5)
    assert 'rel="next"' in first
    assert 'rel="prev"' in second


def test_opening_a_notification_reads_it_and_leads_to_the_ticket(
    told: list[Notification], alice_client: Client
) -> None:
    newest = told[2]

    response = alice_client.get(f"/notifications/open/?n={newest.uid}")

    assert (response.status_code, response["Location"]) == (302, f"/tickets/{newest.ticket.uid}/")
    newest.refresh_from_db()
    assert newest.read_at is not None


def test_nobody_opens_someone_elses_notification(told: list[Notification], bob: User) -> None:
    response = client_of(bob).get(f"/notifications/open/?n={told[2].uid}")

    assert response.status_code == 404
    assert Notification.objects.get(pk=told[2].pk).read_at is None


def test_mark_one_and_all_read(told: list[Notification], alice: User) -> None:
    client = client_of(alice)

    one = client.post("/notifications/read/", {"uid": str(told[1].uid)})
    assert (one.status_code, one["Location"]) == (302, "/notifications/")
    assert Notification.objects.filter(recipient=alice, read_at__isnull=True).count() == 1

    every = client.post("/notifications/read-all/")
    assert every.status_code == 302
    assert Notification.objects.filter(recipient=alice, read_at__isnull=True).count() == 0


def test_marking_read_needs_a_post_with_the_csrf_token(
    told: list[Notification], alice: User
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    assert client.get("/notifications/read-all/").status_code == 405
    assert client.post("/notifications/read-all/").status_code == 403
    assert client.post("/notifications/read/", {"uid": str(told[1].uid)}).status_code == 403
    assert Notification.objects.filter(recipient=alice, read_at__isnull=True).count() == 2


def test_marking_someone_elses_notification_is_not_found(
    told: list[Notification], bob: User
) -> None:
    response = client_of(bob).post("/notifications/read/", {"uid": str(told[1].uid)})

    assert response.status_code == 404
    assert Notification.objects.get(pk=told[1].pk).read_at is None


def test_a_bad_uid_marks_nothing(told: list[Notification], alice_client: Client) -> None:
    response = alice_client.post("/notifications/read/", {"uid": "nonsense"}, follow=True)

    assert '<li class="message error">' in response.content.decode()
    assert Notification.objects.filter(read_at__isnull=True).count() == 2


def test_the_preferences_page_shows_the_defaults(alice_client: Client) -> None:
    html = alice_client.get("/notifications/preferences/").content.decode()

    checked = {
        name
        for name in (
            f"{kind}__{channel}"
            for kind in (
                "assigned",
                "customer_replied",
                "mentioned",
                "sla_warning",
                "sla_breached",
                "unassigned",
            )
            for channel in ("in_app", "email")
        )
        if f'name="{name}" id="id_{name}" checked' in html
    }
    assert checked == {
        "assigned__in_app",
        "customer_replied__in_app",
        "mentioned__in_app",
        "sla_warning__in_app",
        "sla_breached__in_app",
        "unassigned__in_app",
        "assigned__email",
        "mentioned__email",
    }


DEFAULTS_ON = {
    "assigned__in_app": "on",
    "customer_replied__in_app": "on",
    "mentioned__in_app": "on",
    "sla_warning__in_app": "on",
    "sla_breached__in_app": "on",
    "unassigned__in_app": "on",
    "rule__in_app": "on",
    "survey_low__in_app": "on",
    "assigned__email": "on",
    "mentioned__email": "on",
    "rule__email": "on",
}


def test_saving_preferences_is_audited_once(alice: User) -> None:
    client = client_of(alice)
    choices = {**DEFAULTS_ON, "customer_replied__email": "on"}
    del choices["unassigned__in_app"]

    first = client.post("/notifications/preferences/", choices)
    second = client.post("/notifications/preferences/", choices)

    assert (first.status_code, first["Location"]) == (302, "/notifications/preferences/")
    assert second.status_code == 302
    assert sorted(
        NotificationPreference.objects.filter(user=alice).values_list(
            "kind", "channel", "is_enabled"
        )
    ) == [("customer_replied", "email", True), ("unassigned", "in_app", False)]
    [audit] = AuditEvent.objects.filter(object_type="notification_preferences")
    assert (audit.actor_id, audit.object_uid, audit.data) == (
        alice.pk,
        str(alice.uid),
        {"customer_replied/email": [False, True], "unassigned/in_app": [True, False]},
    )


def test_saving_the_defaults_changes_and_audits_nothing(alice: User) -> None:
    response = client_of(alice).post("/notifications/preferences/", DEFAULTS_ON)

    assert response.status_code == 302
    assert not NotificationPreference.objects.exists()
    assert not AuditEvent.objects.filter(object_type="notification_preferences").exists()


def test_a_marketer_cannot_save_preferences(db: None) -> None:
    response = client_of(make_user("mara", Role.MARKETER)).post(
        "/notifications/preferences/", DEFAULTS_ON
    )

    assert response.status_code == 403
    assert not NotificationPreference.objects.exists()
    assert not AuditEvent.objects.filter(object_type="notification_preferences").exists()


def test_the_list_in_arabic_is_right_to_left(told: list[Notification], alice: User) -> None:
    User.objects.filter(pk=alice.pk).update(language="ar", time_zone="Asia/Riyadh")

    html = client_of(alice).get("/notifications/").content.decode()

    assert 'dir="rtl"' in html
    assert format_moment(told[2].created_at, "Asia/Riyadh", "ar") in html


def test_the_security_page_leads_to_the_preferences(alice_client: Client) -> None:
    html = alice_client.get("/account/security/").content.decode()

    assert 'href="/notifications/preferences/"' in html
