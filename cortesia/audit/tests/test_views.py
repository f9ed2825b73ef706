"""The audit page names people: the display name first, the username as secondary text."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import User
from cortesia.audit.models import AuditEvent
from cortesia.audit.services import audit_record
from cortesia.core.actor import Actor
from cortesia.testing.fixtures import make_user

pytestmark = pytest.mark.django_db


def _cells(page: str, testid: str) -> list[str]:
    return re.findall(rf'<td data-testid="{testid}">(.*?)</td>', page)


def test_the_audit_page_shows_names_with_usernames_beside_them(
    admin_user: User, admin_client: Client
) -> None:
    # given: the admin (Ada Admin, "root") created Mihai, who signed out, and an account
    # without a name that signed in
    mihai = make_user("mihai", first_name="Mihai", last_name="Popescu")
    nameless = make_user("ghost")
    audit_record(
        action=AuditEvent.Action.ROLE_CHANGE,
        result=AuditEvent.Result.OK,
        actor=Actor(user=admin_user),
        object_type="user",
        object_uid=str(mihai.uid),
        object_label=mihai.username,
    )
    audit_record(
        action=AuditEvent.Action.LOGIN,
        result=AuditEvent.Result.OK,
        actor=Actor(user=nameless),
        object_type="user",
        object_uid=str(nameless.uid),
        object_label=nameless.username,
    )
    # when
    page = admin_client.get("/audit/").content.decode()
    # then: newest first; the system's rows have no actor
    hint = '<small class="hint"><bdi>{}</bdi></small>'
    assert _cells(page, "audit-actor")[:3] == [
        "<bdi>ghost</bdi>",
        f"<bdi>Ada Admin</bdi> {hint.format('root')}",
        "<bdi>—</bdi>",
    ]
    assert _cells(page, "audit-object")[:4] == [
        "<bdi>ghost</bdi>",
        f"<bdi>Mihai Popescu</bdi> {hint.format('mihai')}",
        "<bdi>ghost</bdi>",
        f"<bdi>Mihai Popescu</bdi> {hint.format('mihai')}",
    ]


def test_the_audit_page_reads_the_names_in_one_query(
    admin_user: User, admin_client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for name in ("anna", "bruno", "carla"):
        make_user(name, first_name=name.title(), last_name="Neri")
    admin_client.get("/audit/")  # the security policy row is made on the first request
    # session, viewer, security policy, events, the users they are about
    with django_assert_num_queries(5):
        page = admin_client.get("/audit/").content.decode()
    assert '<bdi>Carla Neri</bdi> <small class="hint"><bdi>carla</bdi></small>' in page
