from __future__ import annotations

import pytest
from django.test import Client

from cortesia.accounts.models import User

pytestmark = pytest.mark.django_db


def test_user_page_shows_no_password_hash_and_no_reset_button(
    admin_client: Client, alice: User
) -> None:
    page = admin_client.get(f"/admin/accounts/user/{alice.pk}/change/")
    content = page.content.decode()
    algorithm, *_settings, salt, digest = alice.password.split("$")
    assert page.status_code == 200
    assert "alice" in content
    assert [text in content for text in ("../password/", "Reset password", "Set password")] == [
        False,
        False,
        False,
    ]
    assert [text in content for text in (algorithm, salt[:6], digest[:6], "algorithm", "salt")] == [
        False,
        False,
        False,
        False,
        False,
    ]
