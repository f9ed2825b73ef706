from __future__ import annotations

import pytest
from django.test import Client

from cortesia.accounts.models import User
from cortesia.testing.fixtures import PASSWORD

pytestmark = pytest.mark.django_db


def test_pages_forbid_inline_scripts_and_framing(alice_client: Client) -> None:
    for path in ("/", "/login/", "/no/such/page/"):
        response = alice_client.get(path)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "unsafe-eval" not in policy
        assert "frame-ancestors 'none'" in policy
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_session_cookie_is_http_only(alice: User) -> None:
    response = Client().post("/login/", {"username": "alice", "password": PASSWORD})
    cookie = response.cookies["cortesia_session"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_stylesheet_and_htmx_are_served(db: None) -> None:
    css = Client().get("/static/cortesia/cortesia.css")
    assert css.status_code == 200
    assert b"inset-inline-start" in b"".join(css.streaming_content)  # type: ignore[attr-defined]
    assert Client().get("/static/django_htmx/htmx-2.min.js").status_code == 200
