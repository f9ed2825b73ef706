from __future__ import annotations

import pytest
from django.test import Client
from django.urls import set_script_prefix

from cortesia.accounts.models import User
from cortesia.accounts.services import security_policy_set_two_factor
from cortesia.core.actor import Actor

pytestmark = pytest.mark.django_db


def test_the_pages_open_without_two_factor_follow_the_url_prefix(
    alice_client: Client, admin_user: User
) -> None:
    # given: two-factor authentication required, alice without it
    security_policy_set_two_factor(required=True, actor=Actor(user=admin_user))
    # when/then: served under /desk, the setup page is open there and elsewhere is not
    # (a WSGI server sets the prefix from SCRIPT_NAME; the test client does not)
    set_script_prefix("/desk/")
    try:
        desk = alice_client.get("/", SCRIPT_NAME="/desk")
        assert (desk.status_code, desk["Location"]) == (302, "/desk/account/security/")
        assert alice_client.get("/account/security/", SCRIPT_NAME="/desk").status_code == 200
    finally:
        set_script_prefix("/")
    # and served at the root again, the root's pages are the open ones
    root = alice_client.get("/")
    assert (root.status_code, root["Location"]) == (302, "/account/security/")
    assert alice_client.get("/account/security/").status_code == 200
