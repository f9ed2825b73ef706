"""Audit rows keep who acted (uid and name as they were), so they never need to change."""

from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.contrib.auth.models import Group
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.test import RequestFactory

from cortesia.accounts.models import ApiToken, Team, User
from cortesia.accounts.services import user_update
from cortesia.audit.models import AuditEvent
from cortesia.audit.selectors import audit_events_recent
from cortesia.audit.services import audit_record
from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden

BEFORE = [("audit", "0006_audit_actor_snapshot")]
AFTER = [("audit", "0007_fill_audit_actor_snapshot")]


@pytest.mark.django_db
def test_a_row_keeps_the_actors_uid_and_name_as_they_were(admin_user: User) -> None:
    event = audit_record(
        action=AuditEvent.Action.LOGOUT, result=AuditEvent.Result.OK, actor=Actor(user=admin_user)
    )
    user_update(user=admin_user, first_name="Adele", actor=Actor.system())
    event.refresh_from_db()
    assert (event.actor_uid, event.actor_name, event.actor_label) == (
        admin_user.uid,
        "Ada Admin",
        "root",
    )


@pytest.mark.django_db
def test_the_admin_changes_and_deletes_nothing_that_is_audited(admin_user: User) -> None:
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    for model in (User, Team, ApiToken, AuditEvent):
        model_admin = site._registry[model]
        permissions = (
            model_admin.has_add_permission(request),
            model_admin.has_change_permission(request),
            model_admin.has_delete_permission(request),
            model_admin.has_view_permission(request),
        )
        assert permissions == (False, False, False, True), model.__name__
    assert Group not in site._registry


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_fills_existing_rows_and_keeps_them_append_only(
    admin_user: User,
) -> None:
    # Given rows written before the actor's uid and name were kept
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("audit", "AuditEvent")
    old.objects.create(actor_id=admin_user.pk, actor_label="root", action="logout", result="ok")
    old.objects.create(actor_id=None, action="login", result="failed")
    # When the data migration runs
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    # Then each row names its actor, and rows still refuse changes in the database
    rows = AuditEvent.objects.order_by("id").values_list("action", "actor_uid", "actor_name")
    assert list(rows)[-2:] == [("logout", admin_user.uid, "Ada Admin"), ("login", None, "")]
    with pytest.raises(DatabaseError, match="append-only"), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET result = 'denied'")


@pytest.mark.django_db
def test_only_administrators_read_the_audit_log(alice: User, admin_user: User) -> None:
    with pytest.raises(Forbidden):
        audit_events_recent(viewer=alice)
    newest_first = [e.action for e in audit_events_recent(viewer=admin_user)]
    assert newest_first == ["user_create", "team_member_add", "user_create", "team_create"]
