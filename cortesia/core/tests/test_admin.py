"""Every model in the Django admin is read-only, even for a superuser: changes go through
services that validate and audit them."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.db.models import Model
from django.test import Client, RequestFactory

from cortesia.accounts.invitations import InvitationData, invitation_create
from cortesia.accounts.models import Invitation, User
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.localization.models import RegisterDefault

pytestmark = pytest.mark.django_db

# Models the admin may still change, each with the reason. Checked only when registered.
WRITABLE_WITH_REASON: dict[str, str] = {
    # Installed only with Redis: a queue dashboard without database rows, where "change"
    # opens the worker statistics page; it edits no Cortesia record.
    "django_rq.Queue": "queue statistics page, no stored records",
}


def _registered() -> list[tuple[type[Model], admin.ModelAdmin[Model]]]:
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def test_no_registered_model_can_be_added_changed_or_deleted(admin_user: User) -> None:
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    offered = {
        model._meta.label: (
            model_admin.has_view_permission(request),
            model_admin.has_add_permission(request),
            model_admin.has_change_permission(request),
            model_admin.has_delete_permission(request),
            sorted(model_admin.get_actions(request)),
        )
        for model, model_admin in _registered()
        if model._meta.label not in WRITABLE_WITH_REASON
    }
    assert offered == {
        "accounts.ApiToken": (True, False, False, False, []),
        "accounts.Invitation": (True, False, False, False, []),
        "accounts.Team": (True, False, False, False, []),
        "accounts.User": (True, False, False, False, []),
        "audit.AuditEvent": (True, False, False, False, []),
        "django_tasks_database.DBTaskResult": (True, False, False, False, []),
        "localization.RegisterDefault": (True, False, False, False, []),
    }


def test_register_defaults_are_not_written_through_the_admin(admin_client: Client) -> None:
    row = RegisterDefault.objects.create(language="it", register="informal")
    url = "/admin/localization/registerdefault/"
    page = admin_client.get(url)
    assert (page.status_code, b"addlink" in page.content) == (200, False)
    assert b'name="action"' not in page.content
    added = admin_client.post(f"{url}add/", {"language": "klingon-xx", "register": "formal"})
    changed = admin_client.post(f"{url}{row.pk}/change/", {"language": "xx", "register": "formal"})
    deleted = admin_client.post(f"{url}{row.pk}/delete/", {"post": "yes"})
    bulk = admin_client.post(url, {"action": "delete_selected", "_selected_action": [row.pk]})
    assert [r.status_code for r in (added, changed, deleted)] == [403, 403, 403]
    assert bulk.status_code == 200
    assert list(RegisterDefault.objects.values_list("language", "register")) == [("it", "informal")]
    view = admin_client.get(f"{url}{row.pk}/change/")
    assert (view.status_code, b'name="_save"' in view.content) == (200, False)
    assert not AuditEvent.objects.exclude(action="user_create").exists()


def test_invitations_are_shown_without_their_link_digest_and_not_written(
    admin_client: Client, admin_user: User
) -> None:
    invitation = invitation_create(
        data=InvitationData(email="nora@example.fi", role="agent", language="fi"),
        actor=Actor(user=admin_user),
    )
    Invitation.objects.filter(pk=invitation.pk).update(digest="d" * 64)
    url = "/admin/accounts/invitation/"
    page = admin_client.get(f"{url}{invitation.pk}/change/")
    assert (page.status_code, b"nora@example.fi" in page.content) == (200, True)
    assert (b"d" * 64 in page.content, b'name="_save"' in page.content) == (False, False)
    added = admin_client.post(f"{url}add/", {"email": "eve@example.com", "role": "admin"})
    changed = admin_client.post(f"{url}{invitation.pk}/change/", {"role": "admin"})
    deleted = admin_client.post(f"{url}{invitation.pk}/delete/", {"post": "yes"})
    assert [r.status_code for r in (added, changed, deleted)] == [403, 403, 403]
    assert list(Invitation.objects.values_list("email", "role")) == [("nora@example.fi", "agent")]
