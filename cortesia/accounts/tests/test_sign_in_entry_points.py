"""Every way into a staff session goes through the one sign-in: throttled, second factor, audited.

The entry points are enumerated here: the sign-in page, Django's admin login, the API's
bearer tokens, the password-reset link and the customer portal's mailed link.
"""

from __future__ import annotations

import re

import pyotp
import pytest
from django.contrib.auth import views as auth_views
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from cortesia.accounts.admin_site import StaffAdminSite
from cortesia.accounts.models import User
from cortesia.accounts.two_factor import totp_begin, totp_confirm
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.customers.services import CustomerData, customer_create
from cortesia.portal.links import link_issue
from cortesia.testing.fixtures import PASSWORD, bearer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _enable_two_factor(user: User) -> pyotp.TOTP:
    totp = pyotp.TOTP(totp_begin(user=user))
    assert totp_confirm(user=user, code=totp.now(), actor=Actor.system()) is True
    return totp


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def _walk(patterns: list[URLPattern | URLResolver], prefix: str = "") -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            found += _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            found.append((prefix + str(pattern.pattern), pattern.callback))
    return found


def test_no_route_serves_a_django_login_form() -> None:
    # Given every route of the site
    routes = _walk(get_resolver().url_patterns)
    # Then none of them is Django's own LoginView (which knows no throttle or second factor)
    login_views = [
        path
        for path, callback in routes
        if issubclass(getattr(callback, "view_class", object), auth_views.LoginView)
    ]
    assert login_views == []
    # And the admin's login route belongs to our admin site, which only redirects
    site = resolve("/admin/login/").func.__self__  # type: ignore[attr-defined]
    assert isinstance(site, StaffAdminSite)


def test_admin_login_sends_people_to_the_sign_in_page(alice: User) -> None:
    response = Client().get("/admin/login/?next=/admin/accounts/user/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/admin/accounts/user/"


def test_admin_login_sends_a_signed_in_administrator_on(admin_client: Client) -> None:
    response = admin_client.get("/admin/login/?next=/admin/accounts/team/")
    assert (response.status_code, response["Location"]) == (302, "/admin/accounts/team/")


def test_admin_login_post_never_signs_in_even_without_two_factor(admin_user: User) -> None:
    # Given an administrator with two-factor authentication
    _enable_two_factor(admin_user)
    client = Client()
    # When only the password is posted to the admin's login form
    response = client.post(
        "/admin/login/", {"username": "root", "password": PASSWORD, "next": "/admin/"}
    )
    # Then nobody is signed in, and the staff UI and the admin stay closed
    assert (response.status_code, response["Location"]) == (302, "/login/?next=/admin/")
    assert not _signed_in(client)
    assert client.get("/").status_code == 302
    assert client.get("/admin/").status_code == 302
    login_events = AuditEvent.objects.filter(action__in=["login", "login_2fa"])
    assert login_events.count() == 0


def test_admin_login_checks_no_password_so_it_cannot_be_guessed_on(admin_user: User) -> None:
    # Given twelve wrong passwords and then the right one posted to the admin login
    client = Client()
    statuses = [
        client.post("/admin/login/", {"username": "root", "password": "wrong"}).status_code
        for _ in range(12)
    ]
    client.post("/admin/login/", {"username": "root", "password": PASSWORD})
    # Then none was checked: each was sent to the sign-in page and nobody is signed in
    assert statuses == [302] * 12
    assert not _signed_in(client)
    # And the sign-in page, the one way in, throttles the address on its own count
    statuses = [
        client.post("/login/", {"username": "root", "password": "wrong"}).status_code
        for _ in range(6)
    ]
    assert statuses == [200] * 5 + [429]
    assert AuditEvent.objects.filter(action="login", result="failed").count() == 5


def test_admin_is_reached_through_the_sign_in_page_with_both_factors(admin_user: User) -> None:
    totp = _enable_two_factor(admin_user)
    User.objects.filter(pk=admin_user.pk).update(totp_last_step=None)
    client = Client()
    step_one = client.post("/login/", {"username": "root", "password": PASSWORD, "next": "/admin/"})
    assert step_one["Location"] == "/login/verify/?next=/admin/"
    assert not _signed_in(client)
    assert client.get("/admin/").status_code == 302
    assert client.get("/").status_code == 302
    step_two = client.post("/login/verify/", {"code": totp.now(), "next": "/admin/"})
    assert step_two["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert list(
        AuditEvent.objects.filter(action__in=["login", "login_2fa"]).values_list("action", "result")
    ) == [("login_2fa", "ok")]


def test_admin_logout_is_audited(admin_client: Client) -> None:
    response = admin_client.post("/admin/logout/")
    assert (response.status_code, response["Location"]) == (302, "/login/")
    assert not _signed_in(admin_client)
    assert AuditEvent.objects.filter(action="logout").count() == 1


def test_admin_password_change_goes_to_the_audited_reset(admin_client: Client) -> None:
    response = admin_client.get("/admin/password_change/")
    assert (response.status_code, response["Location"]) == (302, "/password-reset/")


def test_api_token_never_opens_a_staff_session(alice: User, alice_read_token: str) -> None:
    client = Client()
    assert client.get("/api/v1/me", headers=bearer(alice_read_token)).status_code == 200
    assert "cortesia_session" not in client.cookies
    page = client.get("/", headers=bearer(alice_read_token))
    assert (page.status_code, page["Location"]) == (302, "/login/?next=/")
    assert client.get("/admin/", headers=bearer(alice_read_token)).status_code == 302


def test_password_reset_link_does_not_sign_in_nor_skip_the_second_factor(alice: User) -> None:
    # Given alice with two-factor authentication, following her reset link
    _enable_two_factor(alice)
    client = Client()
    uid = urlsafe_base64_encode(force_bytes(alice.pk))
    token = default_token_generator.make_token(alice)
    form = client.get(f"/password-reset/{uid}/{token}/", follow=True)
    new_password = "a-brand-new-pass-42"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
    )
    # Then the password changed but nobody is signed in
    assert done["Location"] == "/password-reset/complete/"
    assert not _signed_in(client)
    assert client.get("/").status_code == 302
    # And signing in with the new password still asks for the code
    step_one = client.post("/login/", {"username": "alice", "password": new_password})
    assert step_one["Location"] == "/login/verify/?next=/"
    assert not _signed_in(client)


def test_portal_link_never_grants_a_staff_session(alice: User) -> None:
    # Given a customer whose address is also a member of staff's
    customer = customer_create(
        data=CustomerData(given_name="Alice", surname="Rossi", emails=["alice@example.com"]),
        actor=Actor.system(),
    )
    client = Client()
    token = link_issue(customer=customer, address="alice@example.com").token
    # When she signs in to the portal through her mailed link
    response = client.post(f"/portal/sign-in/{token}/")
    assert response["Location"] == "/portal/"
    # Then she is a customer in the portal and nobody on the staff side
    assert not _signed_in(client)
    assert client.get("/").status_code == 302
    assert client.get("/admin/").status_code == 302
    assert re.search(r"/login/", client.get("/tickets/")["Location"])
