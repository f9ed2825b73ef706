from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.db import DatabaseError, connection, transaction
from django.test import Client, RequestFactory

from cortesia.accounts.models import User
from cortesia.audit.models import AuditAppendOnlyError, AuditEvent
from cortesia.audit.services import audit_record
from cortesia.core.actor import Actor

pytestmark = pytest.mark.django_db


def _event() -> AuditEvent:
    return audit_record(
        action=AuditEvent.Action.LOGIN,
        result=AuditEvent.Result.OK,
        actor=Actor(user=None, client_ip="192.0.2.1"),
        object_label="evil\r\nInjected: line",
    )


def test_record_stores_utc_time_ip_and_encodes_control_characters() -> None:
    event = _event()
    assert event.occurred_at.utcoffset() is not None
    assert event.occurred_at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
    assert event.client_ip == "192.0.2.1"
    assert event.object_label == "evil\\x0d\\x0aInjected: line"


def test_queryset_refuses_update_and_delete() -> None:
    _event()
    with pytest.raises(AuditAppendOnlyError):
        AuditEvent.objects.update(result="failed")
    with pytest.raises(AuditAppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get().result == "ok"


def test_database_refuses_update_even_in_raw_sql() -> None:
    event = _event()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET result = 'failed' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get().result == "ok"


def test_admin_cannot_add_change_or_delete(admin_user: User) -> None:
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    model_admin = site._registry[AuditEvent]
    assert (
        model_admin.has_add_permission(request),
        model_admin.has_change_permission(request),
        model_admin.has_delete_permission(request),
    ) == (False, False, False)


def test_audit_page_is_for_admins_only(alice_client: Client, admin_client: Client) -> None:
    _event()
    assert alice_client.get("/audit/").status_code == 403
    page = admin_client.get("/audit/")
    assert page.status_code == 200
    assert "192.0.2.1" in page.content.decode()
