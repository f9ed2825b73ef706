"""The site icon: linked from every page shell, and /favicon.ico leads to it."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ICON_LINK = '<link rel="icon" href="/static/cortesia/favicon.ico" sizes="32x32">'


def test_favicon_ico_leads_to_a_real_icon_for_anyone(db: None) -> None:
    client = Client()
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/cortesia/favicon.ico"
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    body = b"".join(icon.streaming_content)  # type: ignore[attr-defined]
    # An ICO file holding one 32×32 PNG image.
    assert body[:6] == b"\x00\x00\x01\x00\x01\x00"
    assert body[6:8] == b"\x20\x20"
    assert body[22:30] == b"\x89PNG\r\n\x1a\n"


def test_staff_and_portal_shells_link_the_icon(alice_client: Client) -> None:
    assert ICON_LINK in alice_client.get("/").content.decode()
    assert ICON_LINK in Client().get("/portal/sign-in/").content.decode()
    assert ICON_LINK in Client().get("/login/").content.decode()
