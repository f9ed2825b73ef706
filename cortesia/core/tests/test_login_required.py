"""Anonymous visitors of a staff page are sent to the sign-in page with the page as ``next``,
exactly as Django's own redirect would send them, whatever the sign-in URL is."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.views import redirect_to_login
from django.test import Client
from django.test.utils import override_script_prefix

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("/", "/login/?next=/"),
        ("/tickets/", "/login/?next=/tickets/"),
        (
            "/tickets/?status=open&q=caf%C3%A9",
            "/login/?next=/tickets/%3Fstatus%3Dopen%26q%3Dcaf%25C3%25A9",
        ),
        ("/customers/ünï/", "/login/?next=/customers/%25C3%25BCn%25C3%25AF/"),
        ("/audit/?a=1+2&b=%2F", "/login/?next=/audit/%3Fa%3D1%2B2%26b%3D%252F"),
    ],
)
def test_the_redirect_names_the_page_asked_for_as_django_would(path: str, location: str) -> None:
    response = Client().get(path)
    django_location = redirect_to_login(response.wsgi_request.get_full_path(), "/login/")
    assert (response.status_code, response["Location"]) == (302, location)
    assert location == django_location["Location"]


def test_the_sign_in_path_follows_the_script_prefix(db: None) -> None:
    # Given one redirect made under a script prefix (as a WSGI server mounting Cortesia
    # at /desk sets it) and one made without
    with override_script_prefix("/desk/"):
        mounted = Client().get("/tickets/", SCRIPT_NAME="/desk")
    plain = Client().get("/tickets/")
    # Then each names its own sign-in path: the reversed path is kept per prefix
    assert mounted["Location"] == "/desk/login/?next=/desk/tickets/"
    assert plain["Location"] == "/login/?next=/tickets/"


@pytest.mark.parametrize(
    ("login_url", "location"),
    [
        # Another site: Django names the whole URL of the page asked for.
        (
            "https://sso.example/login/",
            "https://sso.example/login/?next=http%3A//testserver/tickets/",
        ),
        # A query string of its own: Django keeps it and adds ``next``.
        ("/login/?via=staff", "/login/?via=staff&next=/tickets/"),
    ],
)
def test_any_other_sign_in_url_gets_djangos_redirect(
    settings: Any, login_url: str, location: str
) -> None:
    settings.LOGIN_URL = login_url
    response = Client().get("/tickets/")
    assert (response.status_code, response["Location"]) == (302, location)


def test_a_request_for_another_host_is_refused_before_any_redirect(db: None) -> None:
    response = Client().get("/tickets/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Location" not in response
