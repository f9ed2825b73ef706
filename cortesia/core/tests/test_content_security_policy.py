"""Every page carries the content security policy, Django's admin and the API explorer too,
and both load their code only from our own /static/ files."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from cortesia.accounts.models import User
from cortesia.core.middleware import content_security_policy

pytestmark = pytest.mark.django_db

# The test settings' chat streams are served on the next port (settings.STREAM_URL).
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self' http://127.0.0.1:8001; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
ASSET = re.compile(r'<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]*)"')
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>")


def test_the_policy_allows_no_inline_code_and_no_other_origin_but_the_streams() -> None:
    assert content_security_policy() == POLICY


def test_the_admin_pages_have_the_policy_and_only_our_own_code(
    admin_client: Client, admin_user: User
) -> None:
    for path in (
        "/admin/",
        "/admin/accounts/user/",
        f"/admin/accounts/user/{admin_user.pk}/change/",
    ):
        response = admin_client.get(path)
        html = response.content.decode()
        assert (response.status_code, response["Content-Security-Policy"]) == (200, POLICY)
        assets = ASSET.findall(html)
        assert assets, path
        own = ("/static/admin/", "/admin/jsi18n/")  # the admin's translations come from us too
        assert [url for url in assets if not url.startswith(own)] == []
        assert INLINE_SCRIPT.findall(html) == []
        assert " style=" not in html


def test_the_api_explorer_has_the_policy_and_loads_ninjas_bundled_files(
    admin_client: Client,
) -> None:
    response = admin_client.get("/api/v1/docs")
    html = response.content.decode()
    assert (response.status_code, response["Content-Security-Policy"]) == (200, POLICY)
    assert ASSET.findall(html) == [
        "/static/ninja/swagger-ui.css",
        "/static/ninja/favicon.svg",
        "/static/ninja/favicon.png",
        "/static/ninja/swagger-ui-bundle.js",
        "/static/ninja/swagger-ui-init.js",
    ]
    assert INLINE_SCRIPT.findall(html) == []
    assert '"validatorUrl": null' in html  # no badge image from validator.swagger.io
    for asset in ("swagger-ui-bundle.js", "swagger-ui-init.js", "swagger-ui.css"):
        assert Client().get(f"/static/ninja/{asset}").status_code == 200
