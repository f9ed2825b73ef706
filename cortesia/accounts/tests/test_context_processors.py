"""The main menu's permission flags: each equals what the service behind the link allows,
and base.html shows exactly the links the signed-in person may follow."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.context_processors import navigation_flags, staff_permissions
from cortesia.accounts.models import Role, User
from cortesia.accounts.services import team_create, user_update
from cortesia.audit.selectors import audit_events_recent
from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden
from cortesia.customers.selectors import customer_list
from cortesia.customers.services import CustomerData, customer_create
from cortesia.testing.fixtures import make_user
from cortesia.tickets.services import require_ticket_staff

pytestmark = pytest.mark.django_db

FLAGS = (
    "can_manage_staff",
    "can_manage_teams",
    "can_open_settings",
    "can_view_audit_log",
    "can_use_admin",
    "can_read_knowledge",
    "can_view_customers",
    "can_view_feedback",
    "can_view_reports",
    "can_work_tickets",
)
# (role, active) -> the flags that are True
PEOPLE = {
    "admin": (Role.ADMIN, True, set(FLAGS)),
    "manager": (
        Role.MANAGER,
        True,
        {
            "can_manage_teams",
            "can_open_settings",
            "can_read_knowledge",
            "can_view_customers",
            "can_view_feedback",
            "can_view_reports",
            "can_work_tickets",
        },
    ),
    "agent": (
        Role.AGENT,
        True,
        {
            "can_read_knowledge",
            "can_view_customers",
            "can_view_feedback",
            "can_view_reports",
            "can_work_tickets",
        },
    ),
    "marketer": (
        Role.MARKETER,
        True,
        {"can_view_customers", "can_view_feedback", "can_view_reports"},
    ),
    "inactive_admin": (Role.ADMIN, False, set()),
}
# Each menu link, its text, and whether every signed-in person gets it.
MENU = {
    "/": "Home",
    "/tickets/": "Tickets",
    "/chat/": "Live chat",
    "/customers/": "Customers",
    "/knowledge/": "Knowledge base",
    "/feedback/": "Feedback",
    "/reports/": "Reports",
    "/account/security/": "Security",
    "/settings/": "Settings",
    "/audit/": "Audit log",
    "/admin/": "Administration",
    "/api/v1/docs": "API",
}
MENU_OF = {
    "admin": [
        "Home",
        "Tickets",
        "Live chat",
        "Customers",
        "Knowledge base",
        "Feedback",
        "Reports",
        "Security",
        "Settings",
        "Audit log",
        "Administration",
        "API",
    ],
    "manager": [
        "Home",
        "Tickets",
        "Live chat",
        "Customers",
        "Knowledge base",
        "Feedback",
        "Reports",
        "Security",
        "Settings",
        "API",
    ],
    "agent": [
        "Home",
        "Tickets",
        "Live chat",
        "Customers",
        "Knowledge base",
        "Feedback",
        "Reports",
        "Security",
        "API",
    ],
    "marketer": ["Home", "Customers", "Feedback", "Reports", "Security", "API"],
}
NAV = re.compile(r'<nav class="mainnav"[^>]*>(.*?)</nav>', re.DOTALL)
LINK = re.compile(r'<a href="([^"]+)"[^>]*>([^<]+)</a>')


def _person(name: str) -> User:
    role, active, _flags = PEOPLE[name]
    user = make_user(name, role)
    if not active:
        user_update(user=user, is_active=False, actor=Actor.system())
    return user


def _refused(call: Callable[[], object]) -> bool:
    try:
        call()
    except Forbidden:
        return True
    return False


def _opens(person: User, path: str) -> bool:
    client = Client()
    client.force_login(person)
    return client.get(path).status_code == 200


def _service_answers(person: User) -> dict[str, bool]:
    """What each service behind a flag does for ``person``: True when it lets them in."""
    actor = Actor(user=person)
    colleague = make_user("colleague")
    customer = customer_create(data=CustomerData(given_name="Giulia"), actor=Actor.system())
    return {
        "can_manage_staff": not _refused(
            lambda: user_update(user=colleague, first_name="Carla", actor=actor)
        ),
        "can_manage_teams": not _refused(
            lambda: team_create(name="Riga", languages=["en"], time_zone="UTC", actor=actor)
        ),
        # the settings index, which lists the sections whose services let the person in
        "can_open_settings": _opens(person, reverse("settings-index")),
        "can_view_audit_log": not _refused(lambda: audit_events_recent(viewer=person)),
        "can_use_admin": person.is_active and person.is_staff,
        "can_view_feedback": _opens(person, reverse("feedback:response-list")),
        "can_view_reports": _opens(person, reverse("reports:dashboard")),
        "can_view_customers": list(customer_list(viewer=person)) == [customer],
        "can_read_knowledge": _opens(person, reverse("knowledge:article-list")),
        "can_work_tickets": not _refused(lambda: require_ticket_staff(actor)),
    }


@pytest.mark.parametrize("name", list(PEOPLE))
def test_each_flag_is_what_its_service_allows(
    name: str, rf: RequestFactory, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    person = _person(name)
    request = rf.get("/")
    request.user = person
    # the flags are read from the user already loaded: no query
    with django_assert_num_queries(0):
        flags = navigation_flags(request)
    expected = {flag: flag in PEOPLE[name][2] for flag in FLAGS}
    assert (flags, _service_answers(person)) == (expected, expected)


def test_anyone_not_on_staff_gets_every_flag_false(rf: RequestFactory) -> None:
    request = rf.get("/")
    request.user = AnonymousUser()
    assert navigation_flags(request) == dict.fromkeys(FLAGS, False)


def test_the_flags_are_worked_out_only_when_a_template_reads_them(
    rf: RequestFactory, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    request = rf.get("/")  # no user at all: reading it would fail
    with django_assert_num_queries(0):
        context = staff_permissions(request)
    assert list(context) == ["staff_permissions"]


@pytest.mark.parametrize("name", list(MENU_OF))
def test_the_menu_shows_exactly_the_links_the_person_may_follow(name: str, english: None) -> None:
    client = Client()
    client.force_login(_person(name))
    page = client.get("/").content.decode()
    nav = NAV.search(page)
    assert nav is not None
    shown = [(href, text) for href, text in LINK.findall(nav.group(1))]
    assert shown == [(href, text) for href, text in MENU.items() if text in MENU_OF[name]]
    # every link offered opens, every link left out is refused
    opens = {text: client.get(href).status_code == 200 for href, text in MENU.items()}
    assert opens == {text: text in MENU_OF[name] for text in MENU.values()}


@pytest.mark.parametrize(
    ("name", "count"),
    [("admin", 1), ("manager", 1), ("agent", 0), ("marketer", 0)],
)
def test_the_settings_link_is_marked_for_the_browser_tests(
    name: str, count: int, english: None
) -> None:
    client = Client()
    client.force_login(_person(name))
    page = client.get("/").content.decode()
    assert page.count('<a href="/settings/" data-testid="nav-settings">Settings</a>') == count
